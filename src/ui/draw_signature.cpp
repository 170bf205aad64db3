#include "ui/draw_signature.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstddef>
#include <cstring>

#include "ui/draw_replay.h"

namespace divboard::ui {
namespace {

std::uint64_t Mix(std::uint64_t hash, std::uint64_t word) {
  hash ^= word * 0x9E3779B97F4A7C15ull;
  hash = (hash << 27) | (hash >> 37);
  return hash * 0xC2B2AE3D27D4EB4Full + 0x165667B19E3779F9ull;
}

template <typename T>
std::uint64_t MixValue(std::uint64_t hash, const T& value) {
  return MixBytes(hash, &value, sizeof value);
}

}  // namespace

std::uint64_t MixBytes(std::uint64_t hash, const void* bytes, std::size_t size) {
  const unsigned char* at = static_cast<const unsigned char*>(bytes);
  const unsigned char* end = at + size;
  // Four independent lanes over 32-byte blocks: one multiply chain would leave the CPU
  // waiting on each product, and a frame's vertices are hundreds of kilobytes.
  if (end - at >= 32) {
    std::uint64_t lanes[4] = {hash, hash ^ 0x9E3779B97F4A7C15ull, hash + 0x632BE59BD9B4E019ull, ~hash};
    for (; end - at >= 32; at += 32) {
      std::uint64_t words[4];
      std::memcpy(words, at, 32);
      for (int k = 0; k < 4; ++k) lanes[k] = Mix(lanes[k], words[k]);
    }
    hash = Mix(Mix(Mix(Mix(hash, lanes[0]), lanes[1]), lanes[2]), lanes[3]);
  }
  for (; end - at >= 8; at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, at, 8);
    hash = Mix(hash, word);
  }
  std::uint64_t tail = 0;
  // An empty buffer's data pointer may be null, and memcpy from null is undefined even for 0 bytes.
  if (end != at) std::memcpy(&tail, at, static_cast<std::size_t>(end - at));
  // The length goes in too, so trailing zero bytes are not the same as no bytes.
  return Mix(Mix(hash, tail), size);
}

std::uint64_t DrawDataSignature(const ImDrawData& data, std::uint64_t seed) {
  std::uint64_t hash = Mix(seed, static_cast<std::uint64_t>(data.CmdListsCount));
  const float frame[6] = {data.DisplayPos.x,  data.DisplayPos.y,        data.DisplaySize.x,
                          data.DisplaySize.y, data.FramebufferScale.x, data.FramebufferScale.y};
  hash = MixBytes(hash, frame, sizeof frame);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    hash = MixBytes(hash, list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    // The list's own indices; a kept segment's geometry (not in the list: draw_replay.h) by
    // its id, which is a fingerprint of it.
    hash = MixBytes(hash, list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (const DrawSegment* segment = ReferencedSegment(cmd)) hash = Mix(hash, segment->id);
      // Field by field: ImDrawCmd has padding whose bytes are not defined.
      const float clip[4] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
      hash = MixBytes(hash, clip, sizeof clip);
      hash = MixValue(hash, reinterpret_cast<std::uintptr_t>(cmd.TextureId));
      const unsigned int offsets[3] = {cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount};
      hash = MixBytes(hash, offsets, sizeof offsets);
      // A callback's own state is the platform's to fold into the seed; that there is one,
      // and where, is here.
      hash = Mix(hash, cmd.UserCallback != nullptr ? 1 : 0);
    }
  }
  return hash;
}

bool ItemsUnchanged() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.HoveredId == g.HoveredIdPreviousFrame && g.ActiveId == g.ActiveIdPreviousFrame;
}

bool WindowsStillSettling() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active) continue;
    if (w->HiddenFramesCanSkipItems > 0 || w->HiddenFramesCannotSkipItems > 0 || w->HiddenFramesForRenderOnly > 0) {
      return true;
    }
    // An auto-sized window (a tooltip) is sized from the content of the frame before: one
    // whose content just grew or shrank is drawn at its old size once more.
    if ((w->Flags & ImGuiWindowFlags_AlwaysAutoResize) != 0 && w->ContentSizeExplicit.x == 0 && w->ContentSizeExplicit.y == 0) {
      const ImVec2 ideal(IM_FLOOR(ImMax(w->DC.CursorMaxPos.x, w->DC.IdealMaxPos.x) - w->DC.CursorStartPos.x),
                         IM_FLOOR(ImMax(w->DC.CursorMaxPos.y, w->DC.IdealMaxPos.y) - w->DC.CursorStartPos.y));
      if (ideal.x != w->ContentSizeIdeal.x || ideal.y != w->ContentSizeIdeal.y) return true;
    }
  }
  return false;
}

}  // namespace divboard::ui
