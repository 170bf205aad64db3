// Your own data in: a snapshot file picked with the dashboard's "Open file…" button (which
// clicks the hidden #file-input) or dropped on the page is read on this computer and handed
// to the app through window.divboard.openFile (web/loader.js), which validates it like a
// download. Nothing is uploaded. The drop overlay follows the dashboard's theme (the `theme`
// key of the address).
'use strict';

(function () {
  const input = document.getElementById('file-input');
  const zone = document.getElementById('drop-zone');
  if (!input || !zone) return;

  function open(file) {
    if (file && window.divboard && window.divboard.openFile) window.divboard.openFile(file);
  }

  input.addEventListener('change', () => {
    open(input.files && input.files[0]);
    input.value = '';  // the same file picked again loads again
  });

  // Drag and drop anywhere on the page. dragenter/dragleave fire for every child crossed,
  // so the overlay counts them.
  let depth = 0;
  const carriesFiles = (event) => Array.from((event.dataTransfer && event.dataTransfer.types) || []).includes('Files');
  window.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    zone.hidden = false;
  });
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.hidden = true;
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();  // the browser would otherwise navigate to the file
    depth = 0;
    zone.hidden = true;
    const files = event.dataTransfer && event.dataTransfer.files;
    open(files && files[0]);
  });

  // The theme changes through the address (key `theme`), which the app rewrites after input
  // without a hashchange event: look again after input and on navigation, never on a timer.
  function followTheme() {
    const light = /(^|[#&])theme=light(&|$)/.test(location.hash);
    document.documentElement.classList.toggle('theme-light', light);
  }
  const later = () => requestAnimationFrame(() => requestAnimationFrame(followTheme));
  for (const type of ['keyup', 'pointerup', 'hashchange', 'popstate']) window.addEventListener(type, later);
  followTheme();
})();
