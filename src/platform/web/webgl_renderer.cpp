#include "webgl_renderer.h"

#include <algorithm>
#include <iterator>
#include <cstddef>
#include <imgui.h>

#include "gl_program.h"
#include "shaders.h"

namespace divboard::web {
namespace {

// Elements (three a triangle) of runs outside the redrawn area drawn anyway to save a draw.
constexpr unsigned int kJoinGap = 3 * 64;

// ImDrawIdx is 16-bit (ui/config/divboard_imconfig.h); lists past 64K vertices come with
// vertex offsets, which Render honours.
constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

// The part of a list's own elements and vertices that a partial redraw can draw: from the
// first to the last element of the runs that meet `area` in each command (gaps between them
// may be drawn joined), and every vertex those elements name. Kept segments and callbacks
// draw from buffers of their own. Uploading this instead of the whole list is what a partial
// redraw saves on the main thread: the copy into the GPU process is the largest WebGL cost
// of a hover or zoom step.
struct StreamRange {
  unsigned int first_index = ~0u, end_index = 0;
  unsigned int first_vertex = ~0u, end_vertex = 0;
  bool empty() const { return end_index <= first_index; }
};

StreamRange DrawnRange(const ImDrawList& list, int n, const ui::PixelRect& area,
                       const std::vector<ui::TriangleRun>& runs) {
  StreamRange range;
  const auto by_list = [](const ui::TriangleRun& r, int list_index) { return r.list < list_index; };
  auto r = std::lower_bound(runs.begin(), runs.end(), n, by_list);
  while (r != runs.end() && r->list == n) {
    const int command = r->command;
    unsigned int first = ~0u, end = 0;
    for (; r != runs.end() && r->list == n && r->command == command; ++r) {
      if (r->box.x0 >= area.x1 || r->box.x1 <= area.x0 || r->box.y0 >= area.y1 || r->box.y1 <= area.y0) continue;
      first = std::min(first, r->first);
      end = std::max(end, r->end);
    }
    if (end <= first || command < 0 || command >= list.CmdBuffer.Size) continue;
    const ImDrawCmd& cmd = list.CmdBuffer[command];
    if (cmd.UserCallback != nullptr || ui::ReferencedSegment(cmd) != nullptr) continue;
    first += cmd.IdxOffset;
    end = std::min(end + cmd.IdxOffset, static_cast<unsigned int>(list.IdxBuffer.Size));
    range.first_index = std::min(range.first_index, first);
    range.end_index = std::max(range.end_index, end);
    for (unsigned int i = first; i < end; ++i) {
      const unsigned int vertex = list.IdxBuffer.Data[i] + cmd.VtxOffset;
      range.first_vertex = std::min(range.first_vertex, vertex);
      range.end_vertex = std::max(range.end_vertex, vertex + 1);
    }
  }
  range.end_vertex = std::min(range.end_vertex, static_cast<unsigned int>(list.VtxBuffer.Size));
  return range;
}

}  // namespace

// A whole redraw replaces the buffers' contents. A partial one writes only what it will draw
// (DrawnRange) at the same offsets, into buffers kept at least the list's size: what else
// they hold, from earlier frames or other lists, is never drawn.
void WebGlRenderer::UploadStream(const ImDrawList& list, const ui::PixelRect* area, int n,
                                 const std::vector<ui::TriangleRun>* runs) {
  const std::size_t vertex_bytes = static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert);
  const std::size_t index_bytes = static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx);
  const bool fits = vertex_bytes <= stream_vertex_bytes_ && index_bytes <= stream_index_bytes_;
  if (area == nullptr || runs == nullptr || !fits) {
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertex_bytes), list.VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(index_bytes), list.IdxBuffer.Data, GL_STREAM_DRAW);
    stream_vertex_bytes_ = vertex_bytes;
    stream_index_bytes_ = index_bytes;
    return;
  }
  const StreamRange range = DrawnRange(list, n, *area, *runs);
  if (range.empty()) return;
  glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(range.first_vertex * sizeof(ImDrawVert)),
                  static_cast<GLsizeiptr>((range.end_vertex - range.first_vertex) * sizeof(ImDrawVert)),
                  list.VtxBuffer.Data + range.first_vertex);
  glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLintptr>(range.first_index * sizeof(ImDrawIdx)),
                  static_cast<GLsizeiptr>((range.end_index - range.first_index) * sizeof(ImDrawIdx)),
                  list.IdxBuffer.Data + range.first_index);
}

bool WebGlRenderer::Create(bool transparent) {
  ++generation_;
  transparent_ = transparent;
  program_ = LinkProgram(kShader_imgui_vert, kShader_imgui_frag, "ImGui");
  if (program_ == 0) return false;
  projection_location_ = glGetUniformLocation(program_, "u_projection");
  glUseProgram(program_);
  glUniform1i(glGetUniformLocation(program_, "u_texture"), 0);  // the atlas' unit, for good

  glGenVertexArrays(1, &vertex_array_);
  glGenBuffers(1, &vertex_buffer_);
  glGenBuffers(1, &index_buffer_);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  PointAttributes(0);
  stream_offset_ = 0;
  stream_vertex_bytes_ = stream_index_bytes_ = 0;
  fixed_state_ = false;
  std::fill(std::begin(viewport_), std::end(viewport_), -1);
  std::fill(std::begin(projected_), std::end(projected_), 0.0f);
  glBindVertexArray(0);
  return true;
}

// A segment's own vertex array: its buffers bound, its attributes at offset 0, so drawing
// it is one bind. Leaves ours bound and the array buffer binding on ours.
WebGlRenderer::SegmentGl WebGlRenderer::UploadSegment(const ui::DrawSegment& segment) {
  const GLsizeiptr vertex_bytes = static_cast<GLsizeiptr>(segment.vertices.size() * sizeof(ImDrawVert));
  const GLsizeiptr index_bytes = static_cast<GLsizeiptr>(segment.indices.size() * sizeof(ImDrawIdx));
  if (!spare_segments_.empty()) {
    // Its attributes already point into its vertex buffer, and its index buffer is bound in
    // it: only the data is new, written through the copy target, which leaves every vertex
    // array as it is (a pan step uploads a segment per chart).
    const SegmentGl gl = spare_segments_.back();
    spare_segments_.pop_back();
    glBindBuffer(GL_COPY_WRITE_BUFFER, gl.vertices);
    glBufferData(GL_COPY_WRITE_BUFFER, vertex_bytes, segment.vertices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_COPY_WRITE_BUFFER, gl.indices);
    glBufferData(GL_COPY_WRITE_BUFFER, index_bytes, segment.indices.data(), GL_STATIC_DRAW);
    return gl;
  }
  SegmentGl gl;
  glGenVertexArrays(1, &gl.vertex_array);
  glGenBuffers(1, &gl.vertices);
  glGenBuffers(1, &gl.indices);
  glBindVertexArray(gl.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, gl.vertices);
  glBufferData(GL_ARRAY_BUFFER, vertex_bytes, segment.vertices.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gl.indices);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, index_bytes, segment.indices.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  PointAttributes(0);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  return gl;
}

void WebGlRenderer::FreeSegment(const SegmentGl& gl) {
  constexpr std::size_t kSpare = 8;  // a few frames' worth of the overview's charts
  if (spare_segments_.size() < kSpare) {
    spare_segments_.push_back(gl);
  } else {
    DeleteSegment(gl);
  }
}

void WebGlRenderer::DeleteSegment(const SegmentGl& gl) {
  glDeleteVertexArrays(1, &gl.vertex_array);
  glDeleteBuffers(1, &gl.vertices);
  glDeleteBuffers(1, &gl.indices);
}

// WebGL2 has no base-vertex draw: a command's vertex offset (kept chart geometry copied into
// a channel split, draw_replay.h) moves the attribute pointers instead. Needs the VAO and
// buffer to point bound.
void WebGlRenderer::PointAttributes(unsigned int vertex_offset) {
  const GLsizei stride = sizeof(ImDrawVert);
  const uintptr_t base = static_cast<uintptr_t>(vertex_offset) * sizeof(ImDrawVert);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(base + offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(base + offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(base + offsetof(ImDrawVert, col)));
}

void WebGlRenderer::Destroy() {
  segments_.Clear(DeleteSegment);
  for (const SegmentGl& gl : spare_segments_) DeleteSegment(gl);
  if (font_texture_) glDeleteTextures(1, &font_texture_);
  if (index_buffer_) glDeleteBuffers(1, &index_buffer_);
  if (vertex_buffer_) glDeleteBuffers(1, &vertex_buffer_);
  if (vertex_array_) glDeleteVertexArrays(1, &vertex_array_);
  if (program_) glDeleteProgram(program_);
  *this = WebGlRenderer();
}

void WebGlRenderer::UploadFontAtlas(bool publish) {
  ++generation_;
  ImGuiIO& io = ImGui::GetIO();
  // One byte per pixel: ImGui rasterises coverage only, and its RGBA32 form is that byte
  // behind three constant 255s, built as a second copy four times larger (at DPR 1 the
  // atlas is 512x2048: 1 MB instead of 1 + 4 MB at the peak; wasm memory never shrinks).
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  MakeFontTexture(width, height, pixels);
  if (publish) io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(font_texture_)));
  atlas_name_ = static_cast<GLuint>(reinterpret_cast<uintptr_t>(io.Fonts->TexID));
}

void WebGlRenderer::AdoptFontAtlas(int width, int height) {
  ++generation_;
  MakeFontTexture(width, height, nullptr);
  atlas_name_ = static_cast<GLuint>(reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
}

void WebGlRenderer::UploadFontAtlasRows(int first_row, int width, int rows, const unsigned char* coverage) {
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, first_row, width, rows, GL_RED, GL_UNSIGNED_BYTE, coverage);
}

void WebGlRenderer::MakeFontTexture(int width, int height, const unsigned char* coverage) {
  if (font_texture_ == 0) glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, coverage);
}

void WebGlRenderer::Render(const ImDrawData* data, int framebuffer_width, int framebuffer_height,
                           float clear_r, float clear_g, float clear_b, ui::PixelRect area,
                           const std::vector<ui::TriangleRun>* runs) {
  // Everything below is in the page's framebuffer pixels; only the GL calls see this
  // framebuffer's place in it (the overlay's, SetOrigin).
  const int ox = origin_x_, oy = origin_y_;
  const int page_width = page_width_ > 0 ? page_width_ : framebuffer_width;
  const int page_height = page_height_ > 0 ? page_height_ : framebuffer_height;
  const ui::PixelRect own{ox, oy, ox + framebuffer_width, oy + framebuffer_height};
  if (area.empty()) area = own;
  // GL's scissor counts rows from the bottom.
  const auto scissor = [framebuffer_height, ox, oy](int x0, int y0, int x1, int y1) {
    glScissor(x0 - ox, framebuffer_height - (y1 - oy), x1 - x0, y1 - y0);
  };
  // The page's whole viewport, moved so this framebuffer shows its part: vertices land on
  // the same pixels, with the same rounding, as in the page's own canvas.
  const int viewport[4] = {-ox, framebuffer_height + oy - page_height, page_width, page_height};
  if (!std::equal(std::begin(viewport), std::end(viewport), std::begin(viewport_))) {
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    std::copy(std::begin(viewport), std::end(viewport), std::begin(viewport_));
  }
  glEnable(GL_SCISSOR_TEST);
  scissor(area.x0, area.y0, area.x1, area.y1);
  if (transparent_) {
    glClearColor(0, 0, 0, 0);
  } else {
    glClearColor(clear_r, clear_g, clear_b, 1.0f);
  }
  glClear(GL_COLOR_BUFFER_BIT);
  if (data == nullptr || data->CmdListsCount == 0 || program_ == 0) {
    glDisable(GL_SCISSOR_TEST);
    return;
  }

  if (!fixed_state_) {
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glActiveTexture(GL_TEXTURE0);
    fixed_state_ = true;
  }
  glUseProgram(program_);

  const float left = data->DisplayPos.x;
  const float right = data->DisplayPos.x + data->DisplaySize.x;
  const float top = data->DisplayPos.y;
  const float bottom = data->DisplayPos.y + data->DisplaySize.y;
  const float projection[16] = {
      2.0f / (right - left), 0, 0, 0,
      0, 2.0f / (top - bottom), 0, 0,
      0, 0, -1, 0,
      (right + left) / (left - right), (top + bottom) / (bottom - top), 0, 1,
  };
  // A uniform stays with the program: set again only when the display moved or resized.
  if (left != projected_[0] || right != projected_[1] || top != projected_[2] || bottom != projected_[3]) {
    glUniformMatrix4fv(projection_location_, 1, GL_FALSE, projection);
    projected_[0] = left;
    projected_[1] = right;
    projected_[2] = top;
    projected_[3] = bottom;
  }
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);  // not VAO state: others may have rebound it

  const ImVec2 clip_offset = data->DisplayPos;
  const ImVec2 clip_scale = data->FramebufferScale;
  GLuint bound_array = vertex_array_;
  GLuint bound_texture = ~0u;  // none known
  ui::PixelRect scissored = area;  // the scissor the clear left
  const bool whole = area.x0 == own.x0 && area.y0 == own.y0 && area.x1 == own.x1 && area.y1 == own.y1;
  if (whole) runs = nullptr;
  std::size_t next_run = 0;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    if (bound_array != vertex_array_) glBindVertexArray(bound_array = vertex_array_);
    // The list's own geometry only: kept segments are drawn from their own buffers.
    UploadStream(*list, runs == nullptr ? nullptr : &area, n, runs);
    for (int command = 0; command < list->CmdBuffer.Size; ++command) {
      const ImDrawCmd& cmd = list->CmdBuffer[command];
      // A kept segment (draw_replay.h) draws from its own vertex array. Its copy is taken (or
      // kept) even when the area redrawn misses it: it is on screen, and the next redraw
      // that meets it should not have to upload it again.
      GLuint array = vertex_array_;
      uintptr_t start = cmd.IdxOffset;
      if (const ui::DrawSegment* segment = ui::ReferencedSegment(cmd)) {
        const std::size_t uploads = segments_.uploads();
        array = segments_.Use(*segment, [this](const ui::DrawSegment& s) { return UploadSegment(s); }).vertex_array;
        if (segments_.uploads() != uploads) bound_array = vertex_array_;  // UploadSegment rebinds ours
        start = ui::SegmentFirstIndex(cmd);  // its elements, counted in the segment's indices
      }
      // The command's clip rectangle in framebuffer pixels, within the area redrawn: as
      // whole pixels the way glScissor takes them.
      const float fx0 = (cmd.ClipRect.x - clip_offset.x) * clip_scale.x;
      const float fy0 = (cmd.ClipRect.y - clip_offset.y) * clip_scale.y;
      const float fx1 = (cmd.ClipRect.z - clip_offset.x) * clip_scale.x;
      const float fy1 = (cmd.ClipRect.w - clip_offset.y) * clip_scale.y;
      if (!(fx1 > fx0 && fy1 > fy0)) continue;
      const int x0 = std::max(area.x0, static_cast<int>(fx0));
      const int y0 = std::max(area.y0, static_cast<int>(fy0));
      const int x1 = std::min(area.x1, static_cast<int>(fx0) + static_cast<int>(fx1 - fx0));
      const int y1 = std::min(area.y1, static_cast<int>(fy0) + static_cast<int>(fy1 - fy0));
      if (x1 <= x0 || y1 <= y0) continue;
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) {
          // A callback (resident charts) scissors to the clip rectangle it is given.
          ImDrawCmd within = cmd;
          within.ClipRect = ImVec4(static_cast<float>(x0) / clip_scale.x + clip_offset.x,
                                   static_cast<float>(y0) / clip_scale.y + clip_offset.y,
                                   static_cast<float>(x1) / clip_scale.x + clip_offset.x,
                                   static_cast<float>(y1) / clip_scale.y + clip_offset.y);
          cmd.UserCallback(list, &within);
        }
        // A callback draws with its own program, buffers and scissor: take ours back.
        scissored = ui::PixelRect{-1, -1, -1, -1};
        fixed_state_ = false;
        glUseProgram(program_);
        glBindVertexArray(bound_array = vertex_array_);
        glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
        bound_texture = ~0u;
        continue;
      }
      if (cmd.ElemCount == 0) continue;
      // State is set when the command draws: in a partial redraw most commands' runs miss
      // the area, and each WebGL call costs the main thread whether or not it draws.
      bool prepared = false;
      const auto draw = [&, start](unsigned int first, unsigned int end) {
        if (!prepared) {
          prepared = true;
          const ui::PixelRect wanted{x0, y0, x1, y1};
          if (wanted.x0 != scissored.x0 || wanted.y0 != scissored.y0 || wanted.x1 != scissored.x1 || wanted.y1 != scissored.y1) {
            scissor(x0, y0, x1, y1);
            scissored = wanted;
          }
          if (bound_array != array) glBindVertexArray(bound_array = array);
          // A list's own vertex offset: only kept geometry copied into a channel split has one.
          if (array == vertex_array_ && cmd.VtxOffset != stream_offset_) PointAttributes(stream_offset_ = cmd.VtxOffset);
          GLuint texture = static_cast<GLuint>(reinterpret_cast<uintptr_t>(cmd.GetTexID()));
          if (texture == atlas_name_) texture = font_texture_;
          if (texture != bound_texture) glBindTexture(GL_TEXTURE_2D, bound_texture = texture);
        }
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(end - first), kIndexType,
                       reinterpret_cast<void*>((start + first) * sizeof(ImDrawIdx)));
      };
      if (runs == nullptr) {
        draw(0, cmd.ElemCount);
        continue;
      }
      // Runs that meet the area, neighbours joined into one draw.
      const auto before = [n, command](const ui::TriangleRun& r) { return r.list < n || (r.list == n && r.command < command); };
      while (next_run < runs->size() && before((*runs)[next_run])) ++next_run;
      unsigned int first = 0, end = 0;
      for (; next_run < runs->size() && (*runs)[next_run].list == n && (*runs)[next_run].command == command; ++next_run) {
        const ui::TriangleRun& r = (*runs)[next_run];
        if (r.box.x0 >= x1 || r.box.x1 <= x0 || r.box.y0 >= y1 || r.box.y1 <= y0) continue;
        // A short gap is drawn too (the scissor keeps its pixels out): a draw call costs more
        // than the few triangles it would skip.
        if (r.first > end + kJoinGap || end == 0) {
          if (end > first) draw(first, end);
          first = r.first;
        }
        end = r.end;
      }
      if (end > first) draw(first, end);
    }
  }
  segments_.EndFrame([this](const SegmentGl& gl) { FreeSegment(gl); });
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace divboard::web
