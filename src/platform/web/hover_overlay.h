// The hover layer's canvas (ui/draw_layers.h): a transparent WebGL canvas over the page's,
// just the size of what a hover draws and moved with it, with a context and renderer of its
// own. A hover that changes only the cursor marks and a tooltip then presents this small
// canvas and leaves the page's alone: under software compositing each presented canvas is
// read back whole on the main thread, ~1.5 ms a step for the 1440x900 page against ~0.1 ms
// for this one (docs/performance.md, "Hover overlay").
#pragma once

#include <emscripten/html5.h>

#include "ui/damage_tiles.h"
#include "webgl_renderer.h"

struct ImDrawData;

namespace divboard::web {

class HoverOverlay {
 public:
  // Adds the canvas beside `page_canvas` and makes its context and renderer, leaving the
  // page's context current. False when the browser will not give a second context: the
  // page's canvas then draws the hover layer too.
  bool Create(const char* page_canvas, EMSCRIPTEN_WEBGL_CONTEXT_HANDLE page_context);
  bool usable() const { return context_ > 0 && !lost_ && renderer_ok_; }
  // Device pixels in the fewest whole CSS pixels that are whole device pixels (3 at a pixel
  // ratio of 1.5), or 0 when that takes more than 8 CSS pixels: the overlay cannot be placed
  // pixel for pixel over the page there, and the page's canvas draws the hover layer.
  static int Grid(float scale);
  const char* selector() const { return kSelector; }

  // The glyph atlas, while ImGui still has its pixels (after the page's renderer's upload).
  void UploadFontAtlas();
  // The glyph atlas from the page's texture, `page_texture` (the page's context current),
  // for an overlay made after ImGui freed the pixels: read back in strips of at most
  // kCopyBytes, so the copy costs no wasm memory peak (wasm memory never shrinks). False,
  // and the overlay unusable, when it cannot be read.
  bool CopyFontAtlas(unsigned int page_texture);
  // Draws `hover` (in the page's coordinates, for a page framebuffer of the given size) and
  // shows the canvas over what it covers; hides it when `hover` draws nothing. Returns the
  // pixels drawn.
  long long Present(const ImDrawData& hover, int framebuffer_width, int framebuffer_height);
  void Hide();
  bool shown() const { return shown_; }
  unsigned generation() const { return renderer_.generation(); }

  // The context was lost: nothing is drawn here until Restore (the page's canvas draws the
  // hover layer meanwhile). Restore makes the GL objects again; the atlas follows with the
  // next font upload, which the caller must ask for.
  void Lose();
  void Restore();

 private:
  static constexpr const char* kSelector = "#canvas-overlay";
  static constexpr int kCopyBytes = 128 * 1024;
  void MakeCurrent() const { emscripten_webgl_make_context_current(context_); }
  void Release() const { emscripten_webgl_make_context_current(page_context_); }

  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE page_context_ = 0;
  WebGlRenderer renderer_;
  bool renderer_ok_ = false;
  bool lost_ = false;
  bool shown_ = false;
  // The backing store, grown in steps and kept: resizing a canvas makes a new drawing buffer.
  int width_ = 0, height_ = 0;
  // Where the canvas was last placed, in framebuffer pixels: style is written only on change.
  int placed_x_ = -1, placed_y_ = -1, placed_width_ = -1, placed_height_ = -1;
  float placed_scale_ = 0;
};

}  // namespace divboard::web
