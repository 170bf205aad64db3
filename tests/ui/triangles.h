// A fingerprint of the triangles as the renderer draws them: each index resolved through
// its command's vertex offset, or through the kept segment the command references, with the
// command's clip rectangle and texture. Equal when the pixels are, however the commands are
// split, so tests compare kept drawing with plain drawing by it.
#pragma once

#include <imgui.h>

#include <cstdint>

#include "ui/draw_replay.h"
#include "ui/draw_signature.h"

namespace divboard::ui {

inline std::uint64_t Triangles(const ImDrawData& data) {
  std::uint64_t hash = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      for (unsigned int k = 0; k < cmd.ElemCount; ++k) {
        if (k % 3 == 0) {
          const float clip[4] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
          hash = MixBytes(hash, clip, sizeof clip);
          hash = MixBytes(hash, &cmd.TextureId, sizeof cmd.TextureId);
        }
        const ImDrawVert& v = CommandVertex(list, cmd, k);
        hash = MixBytes(hash, &v, sizeof v);
      }
    }
  }
  return hash;
}

}  // namespace divboard::ui
