// Starts the download of the snapshot list while the page is still being parsed: loader.js
// runs only once the app's scripts are in, and its fetch of the list waits for this download
// and takes it over (same URL, mode and credentials), so it can guess the snapshot and start
// fetching it before the wasm has compiled (docs/performance.md, "Cold start"). Not for a
// page pinned to one file with ?snapshot=, which never reads the list, nor when the loader
// ran first and asked for the list itself. A script rather than a <link> in the page, which
// could not leave those cases out.
'use strict';

(function () {
  if (new URLSearchParams(location.search).get('snapshot') !== null || window.divboardManifestAsked) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = 'data/manifest.json';
  // The loader's fetch must come after the preload has started, or it is a second request:
  // it waits for this (either outcome; a failed preload is simply fetched again).
  window.divboardManifestPreload = new Promise((resolve) => {
    link.onload = () => {
      window.divboardManifestPreloaded = true;  // in the browser's memory: read in a moment
      resolve();
    };
    link.onerror = resolve;
  });
  document.head.appendChild(link);
})();
