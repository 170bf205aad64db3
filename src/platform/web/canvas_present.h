// How a drawn frame reaches the screen.
//
// Ordinarily WebGL draws into the page's canvas, and the browser composites it. Where WebGL
// runs on the CPU (SwiftShader or llvmpipe: no usable GPU, remote desktops, CI), the browser
// also composites in software, and then hands every presented frame of a WebGL canvas to the
// compositor by reading the whole drawing buffer back on the page's main thread: about 6 ms
// of main-thread CPU per 1440x900 frame here, though a hover redraws a tenth of it
// (docs/performance.md, "Where a frame's main-thread time goes"). There WebGL draws into a
// canvas that is not shown, and each frame copies only the pixels it redrew (the damage
// rectangle) into the page's canvas, which is a plain 2D canvas. WebGL counts rows from the
// bottom: the copy keeps them in that order, and the page shows its canvas turned over
// (the stylesheet's #canvas.upside-down), so nothing is turned over per frame (that was
// ~0.4 ms of a hover step) and the pixels are exactly WebGL's. What reads the page canvas'
// pixels must turn them over; "save as PNG" reads the WebGL canvas instead.
//
// The choice is made once, when the context is created: ?present=1 keeps the WebGL canvas,
// ?present=2 copies into a 2D canvas, and without it the WebGL renderer's name decides.
#pragma once

#include <string>

namespace divboard::web {

struct Presentation {
  std::string gl_canvas;  // the selector of the canvas WebGL draws into; empty: no WebGL2
  bool copies = false;    // frames are copied into the page's canvas (a 2D canvas)
};

// Creates the WebGL2 context with the attributes the renderer expects (db_init then asks
// Emscripten for the same context) and, when frames are copied, the page canvas' 2D context.
// `low_latency` makes the shown canvas desynchronized (?desync=0 turns it off).
Presentation CreatePresentation(const char* page_canvas, int present_flag, bool low_latency);

// Copies framebuffer pixels [x0, x1) x [y0, y1) (origin top left) of the frame just drawn
// into the page's canvas. Only when `copies`.
void CopyToPage(int x0, int y0, int x1, int y1, int framebuffer_height);

}  // namespace divboard::web
