#include "canvas_present.h"

#include <emscripten/emscripten.h>

namespace divboard::web {
namespace {

// Returns 2 when frames are to be copied (WebGL then draws into the hidden #gl-canvas), 1 when
// WebGL draws into the page's canvas, 0 when there is no WebGL2 at all. The renderer's name
// comes from WEBGL_debug_renderer_info, one extension asked for (db_init enables no others).
// A hardware renderer's probe context is let go: its canvas is never shown.
EM_JS(int, js_create_presentation, (const char* page_selector, int present, int low_latency), {
  const page = document.querySelector(UTF8ToString(page_selector));
  if (!page) return 0;
  const attributes = {
    alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false,
    preserveDrawingBuffer: true,
  };
  if (present !== 1) {
    const hidden = document.createElement("canvas");
    hidden.id = "gl-canvas";
    hidden.hidden = true;
    document.body.appendChild(hidden);
    const gl = hidden.getContext("webgl2", attributes);
    if (gl) {
      let copies = present === 2;
      if (!copies) {
        const info = gl.getExtension("WEBGL_debug_renderer_info");
        const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
        copies = /SwiftShader|llvmpipe|softpipe|software/i.test(name);
      }
      const context2d = copies ? page.getContext("2d", { alpha: false, desynchronized: low_latency !== 0 }) : null;
      if (context2d) {
        Module.divboardPage = context2d;
        page.classList.add("upside-down");
        return 2;
      }
      const lose = gl.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();
    }
    hidden.remove();
  }
  attributes.desynchronized = low_latency !== 0;
  return page.getContext("webgl2", attributes) ? 1 : 0;
});

// In strips of at most 256 KB, each read with the page image's row length (PACK_ROW_LENGTH)
// and put in WebGL's row order (bottom row first) at the same place in the page's canvas.
EM_JS(void, js_copy_to_page, (int x0, int y0, int x1, int y1, int height), {
  const page = Module.divboardPage;
  const gl = GLctx;
  if (!page || !gl || x1 <= x0 || y1 <= y0) return;
  const width = page.canvas.width;
  const rows = Math.max(1, Math.min(y1 - y0, Math.floor(65536 / width)));
  let strip = Module.divboardStrip;
  if (!strip || strip.width !== width || strip.height < rows) strip = Module.divboardStrip = new ImageData(width, rows);
  const bytes = new Uint8Array(strip.data.buffer);
  gl.pixelStorei(gl.PACK_ROW_LENGTH, width);
  for (let first = height - y1; first < height - y0; first += rows) {
    const n = Math.min(rows, height - y0 - first);
    gl.readPixels(x0, first, x1 - x0, n, gl.RGBA, gl.UNSIGNED_BYTE, bytes, x0 * 4);
    page.putImageData(strip, 0, first, x0, 0, x1 - x0, n);
  }
  gl.pixelStorei(gl.PACK_ROW_LENGTH, 0);
});

}  // namespace

Presentation CreatePresentation(const char* page_canvas, int present_flag, bool low_latency) {
  Presentation presentation;
  switch (js_create_presentation(page_canvas, present_flag, low_latency ? 1 : 0)) {
    case 2:
      presentation.gl_canvas = "#gl-canvas";
      presentation.copies = true;
      break;
    case 1:
      presentation.gl_canvas = page_canvas;
      break;
    default:
      break;
  }
  return presentation;
}

void CopyToPage(int x0, int y0, int x1, int y1, int framebuffer_height) {
  js_copy_to_page(x0, y0, x1, y1, framebuffer_height);
}

}  // namespace divboard::web
