#include "hover_overlay.h"

#include <emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/draw_layers.h"

// The canvas' fixed style is the page's (web/divboard.css); script sets only what moves, so
// a strict Content-Security-Policy (no inline style attributes) allows it.
EM_JS(int, js_overlay_make, (const char* page_selector), {
  const page = document.querySelector(UTF8ToString(page_selector));
  if (!page) return 0;
  if (!document.getElementById("canvas-overlay")) {
    const overlay = document.createElement("canvas");
    overlay.id = "canvas-overlay";
    overlay.setAttribute("aria-hidden", "true");
    overlay.width = 1;
    overlay.height = 1;
    page.after(overlay);
  }
  return 1;
});

// CSS pixels from the page canvas' top left (both canvases are fixed at the window's).
EM_JS(void, js_overlay_place, (double x, double y, double width, double height), {
  const style = document.getElementById("canvas-overlay").style;
  style.transform = "translate(" + x + "px," + y + "px)";
  style.width = width + "px";
  style.height = height + "px";
  style.display = "block";
});

EM_JS(void, js_overlay_hide, (), {
  const overlay = document.getElementById("canvas-overlay");
  if (overlay) overlay.style.display = "none";
});

namespace divboard::web {

bool HoverOverlay::Create(const char* page_canvas, EMSCRIPTEN_WEBGL_CONTEXT_HANDLE page_context) {
  page_context_ = page_context;
  if (js_overlay_make(page_canvas) == 0) return false;
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  // Premultiplied: ImGui's blending onto a transparent clear (src alpha for colour, one for
  // alpha) leaves colours multiplied by their coverage, which is what the compositor takes.
  attributes.alpha = EM_TRUE;
  attributes.premultipliedAlpha = EM_TRUE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;
  // Every presentation redraws the whole canvas, so nothing need be kept between frames.
  attributes.preserveDrawingBuffer = EM_FALSE;
  attributes.enableExtensionsByDefault = EM_FALSE;
  context_ = emscripten_webgl_create_context(kSelector, &attributes);
  if (context_ <= 0) {
    context_ = 0;
    Release();
    return false;
  }
  MakeCurrent();
  renderer_ok_ = renderer_.Create(/*transparent=*/true);
  Release();
  return renderer_ok_;
}

void HoverOverlay::UploadFontAtlas() {
  if (!usable()) return;
  MakeCurrent();
  renderer_.UploadFontAtlas(/*publish=*/false);
  Release();
}

bool HoverOverlay::CopyFontAtlas(unsigned int page_texture) {
  const int width = ImGui::GetIO().Fonts->TexWidth, height = ImGui::GetIO().Fonts->TexHeight;
  if (!usable() || page_texture == 0 || width <= 0 || height <= 0) return false;
  GLuint framebuffer = 0;
  glGenFramebuffers(1, &framebuffer);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, page_texture, 0);
  const bool readable = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (readable) {
    MakeCurrent();
    renderer_.AdoptFontAtlas(width, height);
    Release();
    // RGBA is the read format WebGL2 always takes for a normalised attachment: the coverage
    // is its red byte.
    const int rows_per_strip = std::max(1, kCopyBytes / (width * 4));
    std::vector<unsigned char> rgba(static_cast<size_t>(width) * rows_per_strip * 4);
    std::vector<unsigned char> coverage(static_cast<size_t>(width) * rows_per_strip);
    for (int first = 0; first < height; first += rows_per_strip) {
      const int rows = std::min(rows_per_strip, height - first);
      glReadPixels(0, first, width, rows, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
      for (size_t i = 0; i < static_cast<size_t>(width) * rows; ++i) coverage[i] = rgba[i * 4];
      MakeCurrent();
      renderer_.UploadFontAtlasRows(first, width, rows, coverage.data());
      Release();
    }
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers(1, &framebuffer);
  if (!readable) renderer_ok_ = false;
  return readable;
}

int HoverOverlay::Grid(float scale) {
  for (int css = 1; css <= 8; ++css) {
    const float device = static_cast<float>(css) * scale;
    if (std::fabs(device - std::round(device)) < 1e-3f) return static_cast<int>(std::lround(device));
  }
  return 0;
}

long long HoverOverlay::Present(const ImDrawData& hover, int framebuffer_width, int framebuffer_height) {
  const ui::PixelRect bounds = ui::DrawnBounds(hover, framebuffer_width, framebuffer_height);
  if (!usable() || bounds.empty()) {
    Hide();
    return 0;
  }
  const float scale = hover.FramebufferScale.x > 0 ? hover.FramebufferScale.x : 1.0f;
  const int grid = Grid(scale);
  if (grid == 0) {
    Hide();
    return 0;
  }
  // Placed and sized in whole CSS pixels that are whole device pixels (Grid): the browser
  // lays out in 1/64 CSS pixels, so at a ratio of 1.5 a canvas 213.33 CSS pixels wide comes
  // out a fraction narrower than its 320 pixels and is resampled, blurring the tooltip.
  // Grown in steps of about 64 pixels (a tooltip grows and shrinks as the cursor moves across
  // series with and without data) and kept.
  const int step = (64 + grid - 1) / grid * grid;
  const auto grown = [step, grid](int have, int need, int page) {
    if (have % grid != 0) have = 0;  // sized for another pixel ratio
    if (need > have) have = (need + step - 1) / step * step;
    return std::min(have, (page + grid - 1) / grid * grid);
  };
  const int width = grown(width_, bounds.x1 - bounds.x0 + grid, framebuffer_width);
  const int height = grown(height_, bounds.y1 - bounds.y0 + grid, framebuffer_height);
  if (width != width_ || height != height_) {
    emscripten_set_canvas_element_size(kSelector, width, height);
    width_ = width;
    height_ = height;
  }
  int x = placed_x_, y = placed_y_;
  // Moving the canvas restyles it: it stays where it is while what it shows still fits, and
  // is placed with its slack (the 64-pixel steps) around what it shows, so the next small
  // moves fit too. (A wider slack, 128 or 256 pixels, measured the same: frame_ab hover
  // 2.61 and 2.75 ms against 2.66, within the noise.)
  const bool fits = shown_ && scale == placed_scale_ && width_ == placed_width_ && height_ == placed_height_ &&
                    bounds.x0 >= x && bounds.y0 >= y && bounds.x1 <= x + width_ && bounds.y1 <= y + height_;
  if (!fits) {
    const auto place = [grid](int from, int to, int size) {
      const int at = std::max(0, (from - (size - (to - from)) / 2) / grid * grid);
      return at + size >= to ? at : from / grid * grid;
    };
    x = place(bounds.x0, bounds.x1, width_);
    y = place(bounds.y0, bounds.y1, height_);
  }
  MakeCurrent();
  renderer_.SetOrigin(x, y, framebuffer_width, framebuffer_height);
  renderer_.Render(&hover, width_, height_, 0, 0, 0);
  Release();
  if (!shown_ || x != placed_x_ || y != placed_y_ || width_ != placed_width_ || height_ != placed_height_ ||
      scale != placed_scale_) {
    const double css = static_cast<double>(scale);
    js_overlay_place(x / css, y / css, width_ / css, height_ / css);
    placed_x_ = x;
    placed_y_ = y;
    placed_width_ = width_;
    placed_height_ = height_;
    placed_scale_ = scale;
  }
  shown_ = true;
  return static_cast<long long>(width_) * height_;
}

void HoverOverlay::Hide() {
  if (!shown_) return;
  js_overlay_hide();
  shown_ = false;
}

void HoverOverlay::Lose() {
  lost_ = true;
  Hide();
  renderer_ = WebGlRenderer();  // its names died with the context
}

void HoverOverlay::Restore() {
  if (context_ <= 0) return;
  lost_ = false;
  MakeCurrent();
  renderer_ok_ = renderer_.Create(/*transparent=*/true);
  Release();
}

}  // namespace divboard::web
