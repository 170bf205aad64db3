// Draws ImGui's draw data with WebGL2 and the shaders in shaders/. Owns only GL objects,
// so a lost context can be rebuilt by calling Create() again.
//
// Each presented frame uploads the lists' own vertices and indices (a partial redraw only
// the stretch it draws); kept chart geometry
// (draw_replay.h, in the lists by reference) is drawn from buffers of its own, uploaded once
// per segment and freed when a presented frame no longer draws it (ui/segment_buffers.h).
#pragma once

#include <GLES3/gl3.h>

#include <cstddef>
#include <vector>

#include "ui/damage_tiles.h"
#include "ui/segment_buffers.h"

struct ImDrawData;
struct ImDrawList;

namespace divboard::web {

class WebGlRenderer {
 public:
  // Compiles shaders, makes buffers; false when WebGL2 is unusable. A `transparent`
  // renderer clears to nothing, for a canvas composited over another (the hover overlay).
  bool Create(bool transparent = false);
  void Destroy();
  // After fonts are (re)built, before ImGui's pixels are cleared. `publish`: this texture is
  // the one ImGui's commands name. Another context's renderer (the overlay) draws the
  // commands that name it with its own copy.
  void UploadFontAtlas(bool publish = true);
  // The atlas when ImGui no longer has its pixels, copied from another context's renderer
  // (HoverOverlay::CopyFontAtlas): an empty texture of the atlas' size, then its rows.
  void AdoptFontAtlas(int width, int height);
  void UploadFontAtlasRows(int first_row, int width, int rows, const unsigned char* coverage);
  GLuint font_texture() const { return font_texture_; }
  // Redraws `area` of the framebuffer (all of it when empty): the rest must already show
  // this frame, which needs a drawing buffer that is preserved between frames. With `runs`
  // (the frame's, from ui::DamageTiles), only the triangle runs that meet the area are drawn.
  void Render(const ImDrawData* data, int framebuffer_width, int framebuffer_height,
              float clear_r, float clear_g, float clear_b, ui::PixelRect area = ui::PixelRect{},
              const std::vector<ui::TriangleRun>* runs = nullptr);
  // This framebuffer shows the part of a page's framebuffer (page_width x page_height) from
  // (x, y), top left: Render then takes areas and draws in the page's pixels. A second canvas
  // over the page's (the hover overlay) draws this way, pixel for pixel as the page's would.
  void SetOrigin(int x, int y, int page_width, int page_height) {
    origin_x_ = x;
    origin_y_ = y;
    page_width_ = page_width;
    page_height_ = page_height;
  }
  // Bumped whenever GL objects or the font texture's pixels change under the same names, so
  // a frame whose draw data is unchanged is still known to need presenting.
  unsigned generation() const { return generation_; }
  size_t resident_segments() const { return segments_.size(); }

 private:
  struct SegmentGl {
    GLuint vertex_array = 0;
    GLuint vertices = 0;
    GLuint indices = 0;
  };
  void PointAttributes(unsigned int vertex_offset);
  void MakeFontTexture(int width, int height, const unsigned char* coverage);
  void UploadStream(const ImDrawList& list, const ui::PixelRect* area, int n, const std::vector<ui::TriangleRun>* runs);
  SegmentGl UploadSegment(const ui::DrawSegment& segment);
  void FreeSegment(const SegmentGl& gl);
  static void DeleteSegment(const SegmentGl& gl);
  GLuint program_ = 0;
  GLint projection_location_ = -1;
  GLuint vertex_array_ = 0;
  GLuint vertex_buffer_ = 0;
  GLuint index_buffer_ = 0;
  GLuint font_texture_ = 0;
  GLuint atlas_name_ = 0;  // what ImGui's commands call the atlas
  bool transparent_ = false;
  unsigned generation_ = 0;
  unsigned int stream_offset_ = 0;  // the vertex offset our VAO's attribute pointers are at
  // Sizes of our stream buffers' storage: a partial redraw writes into them in place.
  std::size_t stream_vertex_bytes_ = 0, stream_index_bytes_ = 0;
  ui::SegmentBuffers<SegmentGl> segments_;
  // Freed segments' GL objects, for the next uploads: a zoom step replaces every chart's
  // segment, and making a vertex array and two buffers (and deleting the old) cost a dozen
  // WebGL calls each.
  std::vector<SegmentGl> spare_segments_;
  // State every frame sets alike, set once: each WebGL call costs the main thread a few
  // microseconds, and a pan step's frame made ~60. Nothing else in the page changes blending,
  // culling, depth or the viewport; a callback, which could, makes the next frame set them
  // again, as does a new context.
  bool fixed_state_ = false;
  int viewport_[4] = {-1, -1, -1, -1};
  int origin_x_ = 0, origin_y_ = 0, page_width_ = 0, page_height_ = 0;
  float projected_[4] = {0, 0, 0, 0};  // the display rectangle u_projection maps
};

}  // namespace divboard::web
