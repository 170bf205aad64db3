#include "webgl_renderer.h"

#include <cstddef>
#include <imgui.h>

#include "gl_program.h"
#include "shaders.h"

namespace divboard::web {

bool WebGlRenderer::Create() {
  ++generation_;
  program_ = LinkProgram(kShader_imgui_vert, kShader_imgui_frag, "ImGui");
  if (program_ == 0) return false;
  projection_location_ = glGetUniformLocation(program_, "u_projection");
  texture_location_ = glGetUniformLocation(program_, "u_texture");

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
  glBindVertexArray(0);
  return true;
}

// A segment's own vertex array: its buffers bound, its attributes at offset 0, so drawing
// it is one bind. Leaves it bound.
WebGlRenderer::SegmentGl WebGlRenderer::UploadSegment(const ui::DrawSegment& segment) {
  SegmentGl gl;
  glGenVertexArrays(1, &gl.vertex_array);
  glGenBuffers(1, &gl.vertices);
  glGenBuffers(1, &gl.indices);
  glBindVertexArray(gl.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, gl.vertices);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(segment.vertices.size() * sizeof(ImDrawVert)),
               segment.vertices.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gl.indices);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(segment.indices.size() * sizeof(ImDrawIdx)),
               segment.indices.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  PointAttributes(0);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  return gl;
}

void WebGlRenderer::FreeSegment(const SegmentGl& gl) {
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
  segments_.Clear(FreeSegment);
  if (font_texture_) glDeleteTextures(1, &font_texture_);
  if (index_buffer_) glDeleteBuffers(1, &index_buffer_);
  if (vertex_buffer_) glDeleteBuffers(1, &vertex_buffer_);
  if (vertex_array_) glDeleteVertexArrays(1, &vertex_array_);
  if (program_) glDeleteProgram(program_);
  *this = WebGlRenderer();
}

void WebGlRenderer::UploadFontAtlas() {
  ++generation_;
  ImGuiIO& io = ImGui::GetIO();
  // One byte per pixel: ImGui rasterises coverage only, and its RGBA32 form is that byte
  // behind three constant 255s, built as a second copy four times larger (at DPR 1 the
  // atlas is 512x2048: 1 MB instead of 1 + 4 MB at the peak; wasm memory never shrinks).
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (font_texture_ == 0) glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(font_texture_)));
  // The pixels are only needed for the upload: a rebuild (language, font arrival, pixel
  // ratio, context restored) rasterises again from the font files.
  io.Fonts->ClearTexData();
}

void WebGlRenderer::Render(const ImDrawData* data, int framebuffer_width, int framebuffer_height,
                           float clear_r, float clear_g, float clear_b) {
  glViewport(0, 0, framebuffer_width, framebuffer_height);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(clear_r, clear_g, clear_b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (data == nullptr || data->CmdListsCount == 0 || program_ == 0) return;

  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_SCISSOR_TEST);
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
  glUniformMatrix4fv(projection_location_, 1, GL_FALSE, projection);
  glUniform1i(texture_location_, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);  // not VAO state: others may have rebound it

  const ImVec2 clip_offset = data->DisplayPos;
  const ImVec2 clip_scale = data->FramebufferScale;
  GLuint bound_array = vertex_array_;
  GLuint bound_texture = ~0u;  // none known
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    if (bound_array != vertex_array_) glBindVertexArray(bound_array = vertex_array_);
    // The list's own geometry only: kept segments are drawn from their own buffers.
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * sizeof(ImDrawVert),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->IdxBuffer.Size) * sizeof(ImDrawIdx),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        // A callback (resident charts) draws with its own program and buffers: take ours back.
        glUseProgram(program_);
        glBindVertexArray(bound_array = vertex_array_);
        glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
        bound_texture = ~0u;
        continue;
      }
      const float x0 = (cmd.ClipRect.x - clip_offset.x) * clip_scale.x;
      const float y0 = (cmd.ClipRect.y - clip_offset.y) * clip_scale.y;
      const float x1 = (cmd.ClipRect.z - clip_offset.x) * clip_scale.x;
      const float y1 = (cmd.ClipRect.w - clip_offset.y) * clip_scale.y;
      if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(framebuffer_height) - y1),
                static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
      uintptr_t first_index = cmd.IdxOffset;
      if (const ui::DrawSegment* segment = ui::ReferencedSegment(cmd)) {
        const SegmentGl& gl = segments_.Use(*segment, [this](const ui::DrawSegment& s) { return UploadSegment(s); });
        if (bound_array != gl.vertex_array) glBindVertexArray(bound_array = gl.vertex_array);
        first_index = ui::SegmentFirstIndex(cmd);
      } else {
        if (bound_array != vertex_array_) glBindVertexArray(bound_array = vertex_array_);
        // A list's own vertex offset: only kept geometry copied into a channel split has one.
        if (cmd.VtxOffset != stream_offset_) PointAttributes(stream_offset_ = cmd.VtxOffset);
      }
      const GLuint texture = static_cast<GLuint>(reinterpret_cast<uintptr_t>(cmd.GetTexID()));
      if (texture != bound_texture) glBindTexture(GL_TEXTURE_2D, bound_texture = texture);
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(first_index * sizeof(ImDrawIdx)));
    }
  }
  segments_.EndFrame(FreeSegment);
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace divboard::web
