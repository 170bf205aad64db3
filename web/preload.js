// Starts the download of the snapshot list while the page is still being parsed: loader.js
// runs only once the app's scripts are in, and its fetch of the list takes this download over
// (same URL, mode and credentials), so it can guess the snapshot and start fetching it before
// the wasm has compiled (docs/performance.md, "Cold start"). Not for a page pinned to one
// file with ?snapshot=, which never reads the list. A script rather than a <link> in the
// page, which could not leave that case out.
'use strict';

(function () {
  if (new URLSearchParams(location.search).get('snapshot') !== null) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = 'data/manifest.json';
  document.head.appendChild(link);
})();
