#include "gpu_warm_up.h"

#include <cstdint>
#include <imgui.h>

namespace divboard::web {

void WarmUpGpu(WebGlRenderer& renderer, int framebuffer_width, int framebuffer_height, float clear_r,
               float clear_g, float clear_b) {
  if (framebuffer_width <= 0 || framebuffer_height <= 0) return;
  // Same format and sampling as the glyph atlas (WebGlRenderer::UploadFontAtlas).
  GLuint texture = 0;
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  const unsigned char coverage = 255;
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, 1, 1, 0, GL_RED, GL_UNSIGNED_BYTE, &coverage);

  // A 2x2 quad in the corner, fully transparent: the canvas shows the clear colour.
  ImDrawList list(nullptr);
  const ImU32 transparent = IM_COL32(0, 0, 0, 0);
  const ImVec2 corners[4] = {{0, 0}, {2, 0}, {2, 2}, {0, 2}};
  for (const ImVec2& p : corners) list.VtxBuffer.push_back(ImDrawVert{p, ImVec2(0.5f, 0.5f), transparent});
  const ImDrawIdx indices[6] = {0, 1, 2, 0, 2, 3};
  for (const ImDrawIdx i : indices) list.IdxBuffer.push_back(i);
  ImDrawCmd cmd;
  cmd.ClipRect = ImVec4(0, 0, 2, 2);
  cmd.TextureId = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture));
  cmd.ElemCount = 6;
  list.CmdBuffer.push_back(cmd);
  ImDrawList* lists[1] = {&list};
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = lists;
  data.CmdListsCount = 1;
  data.TotalVtxCount = list.VtxBuffer.Size;
  data.TotalIdxCount = list.IdxBuffer.Size;
  data.DisplayPos = ImVec2(0, 0);
  data.DisplaySize = ImVec2(static_cast<float>(framebuffer_width), static_cast<float>(framebuffer_height));
  data.FramebufferScale = ImVec2(1, 1);
  renderer.Render(&data, framebuffer_width, framebuffer_height, clear_r, clear_g, clear_b);
  glDeleteTextures(1, &texture);
}

}  // namespace divboard::web
