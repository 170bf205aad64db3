#include "ui/draw_replay.h"

#include <algorithm>
#include <cstring>

#include "ui/draw_signature.h"

namespace divboard::ui {
namespace {

bool g_keeping = true;

// The caller's key must determine the geometry (a replay shows the kept geometry while the
// key matches), so the id is taken from it: hashing the new geometry itself cost every pan
// and zoom step a pass over its vertices.
std::uint64_t IdFromKey(std::uint64_t key) {
  const std::uint64_t id = MixBytes(0x5EC7u, &key, sizeof key);
  return id == 0 ? 1 : id;
}

}  // namespace

void SetSegmentKeeping(bool on) { g_keeping = on; }

SegmentRecorder::SegmentRecorder(ImDrawList* draw)
    : draw_(draw),
      vertex_start_(draw->VtxBuffer.Size),
      index_start_(draw->IdxBuffer.Size),
      command_start_(draw->CmdBuffer.Size - 1),
      vertex_offset_(draw->_CmdHeader.VtxOffset),
      command_elements_(draw->CmdBuffer.Size > 0 ? draw->CmdBuffer.back().ElemCount : 0),
      vertex_current_(draw->_VtxCurrentIdx) {}

bool SegmentRecorder::End(std::uint64_t key, DrawSegment* segment) const {
  segment->valid = false;
  const ImDrawList& d = *draw_;
  if (!g_keeping || d._CmdHeader.VtxOffset != vertex_offset_ || command_start_ < 0) return false;
  segment->commands.clear();
  const unsigned int begin = static_cast<unsigned int>(index_start_);
  const unsigned int end = static_cast<unsigned int>(d.IdxBuffer.Size);
  for (int c = command_start_; c < d.CmdBuffer.Size; ++c) {
    const ImDrawCmd& cmd = d.CmdBuffer[c];
    // A callback, or a stretch replayed inside this one (its own vertex offset): not kept.
    if (cmd.UserCallback != nullptr || (cmd.VtxOffset != vertex_offset_ && cmd.ElemCount > 0)) return false;
    const unsigned int from = std::max(cmd.IdxOffset, begin);
    const unsigned int to = std::min(cmd.IdxOffset + cmd.ElemCount, end);
    if (to <= from) continue;
    segment->commands.push_back({cmd.ClipRect, cmd.TextureId, to - from});
  }
  segment->vertices.assign(d.VtxBuffer.Data + vertex_start_, d.VtxBuffer.Data + d.VtxBuffer.Size);
  segment->indices.assign(d.IdxBuffer.Data + index_start_, d.IdxBuffer.Data + d.IdxBuffer.Size);
  // Indices count from the vertex offset; kept, they count from the stretch's first vertex.
  const ImDrawIdx first = static_cast<ImDrawIdx>(static_cast<unsigned int>(vertex_start_) - vertex_offset_);
  for (ImDrawIdx& i : segment->indices) i -= first;
  segment->key = key;
  segment->id = IdFromKey(key);
  segment->valid = true;
  // Rewind the list to where the stretch began and replay it there. The clip and texture
  // stacks are as they were at the start (the stretch pushes and pops in pairs).
  ImDrawList& w = *draw_;
  w.CmdBuffer.resize(command_start_ + 1);
  w.CmdBuffer.back().ElemCount = command_elements_;
  w.VtxBuffer.resize(vertex_start_);
  w.IdxBuffer.resize(index_start_);
  w._VtxWritePtr = w.VtxBuffer.Data + w.VtxBuffer.Size;
  w._IdxWritePtr = w.IdxBuffer.Data + w.IdxBuffer.Size;
  w._VtxCurrentIdx = vertex_current_;
  ReplaySegment(draw_, *segment);
  return true;
}

namespace {

// Back to the outer offset after vertices were copied under offsets of their own, its
// vertices counted past the copied ones; with 16-bit indices a count past their range starts
// a new offset instead, as ImGui would.
void BackToOuterOffset(ImDrawList* draw, unsigned int outer_offset) {
  const unsigned int count = static_cast<unsigned int>(draw->VtxBuffer.Size) - outer_offset;
  const bool fresh = sizeof(ImDrawIdx) == 2 && count >= 0xFFFFu;
  draw->_CmdHeader.VtxOffset = fresh ? static_cast<unsigned int>(draw->VtxBuffer.Size) : outer_offset;
  draw->_OnChangedVtxOffset();
  draw->_VtxCurrentIdx = fresh ? 0u : count;
}

// The stretch copied into the list under a vertex offset of its own (its indices go in as
// they were kept; the renderer moves its attribute pointers). Only inside a channel split
// (tables, columns): merging the channels recomputes every command's IdxOffset from the
// element counts, so each command's indices must be in the list.
void CopySegment(ImDrawList* draw, const DrawSegment& segment) {
  const unsigned int outer_offset = draw->_CmdHeader.VtxOffset;
  draw->_CmdHeader.VtxOffset = static_cast<unsigned int>(draw->VtxBuffer.Size);
  draw->_OnChangedVtxOffset();
  const ImDrawIdx* from = segment.indices.data();
  bool vertices_written = false;
  for (const DrawSegment::Command& cmd : segment.commands) {
    draw->PushClipRect(ImVec2(cmd.clip.x, cmd.clip.y), ImVec2(cmd.clip.z, cmd.clip.w), false);
    draw->PushTextureID(cmd.texture);
    const int vertex_count = vertices_written ? 0 : static_cast<int>(segment.vertices.size());
    draw->PrimReserve(static_cast<int>(cmd.elements), vertex_count);
    if (!vertices_written) {
      std::memcpy(draw->_VtxWritePtr, segment.vertices.data(), segment.vertices.size() * sizeof(ImDrawVert));
      draw->_VtxWritePtr += vertex_count;
      vertices_written = true;
    }
    std::memcpy(draw->_IdxWritePtr, from, cmd.elements * sizeof(ImDrawIdx));
    draw->_IdxWritePtr += cmd.elements;
    from += cmd.elements;
    draw->PopTextureID();
    draw->PopClipRect();
  }
  BackToOuterOffset(draw, outer_offset);
}

// A list's whole output appended to `draw` as drawn: each run of commands under one vertex
// offset gets its vertices copied under an offset of its own (its indices are relative to
// it), callbacks are added as callbacks. Works inside a channel split, as CopySegment does.
void AppendList(ImDrawList* draw, const ImDrawList& from) {
  const unsigned int outer_offset = draw->_CmdHeader.VtxOffset;
  bool moved = false;
  unsigned int group = 0;
  bool in_group = false;
  for (int c = 0; c < from.CmdBuffer.Size; ++c) {
    const ImDrawCmd& cmd = from.CmdBuffer[c];
    if (cmd.UserCallback == nullptr && cmd.ElemCount == 0) continue;
    draw->PushClipRect(ImVec2(cmd.ClipRect.x, cmd.ClipRect.y), ImVec2(cmd.ClipRect.z, cmd.ClipRect.w), false);
    draw->PushTextureID(cmd.TextureId);
    if (cmd.UserCallback != nullptr) {
      draw->AddCallback(cmd.UserCallback, cmd.UserCallbackData);
    } else {
      int vertex_count = 0;
      if (!in_group || cmd.VtxOffset != group) {
        // This offset's vertices run to the next offset's start (or the list's end).
        unsigned int group_end = static_cast<unsigned int>(from.VtxBuffer.Size);
        for (int n = c + 1; n < from.CmdBuffer.Size; ++n) {
          if (from.CmdBuffer[n].UserCallback == nullptr && from.CmdBuffer[n].VtxOffset > cmd.VtxOffset) {
            group_end = from.CmdBuffer[n].VtxOffset;
            break;
          }
        }
        group = cmd.VtxOffset;
        in_group = true;
        moved = true;
        draw->_CmdHeader.VtxOffset = static_cast<unsigned int>(draw->VtxBuffer.Size);
        draw->_OnChangedVtxOffset();
        vertex_count = static_cast<int>(group_end - group);
      }
      draw->PrimReserve(static_cast<int>(cmd.ElemCount), vertex_count);
      if (vertex_count > 0) {
        std::memcpy(draw->_VtxWritePtr, from.VtxBuffer.Data + group, static_cast<std::size_t>(vertex_count) * sizeof(ImDrawVert));
        draw->_VtxWritePtr += vertex_count;
      }
      std::memcpy(draw->_IdxWritePtr, from.IdxBuffer.Data + cmd.IdxOffset, cmd.ElemCount * sizeof(ImDrawIdx));
      draw->_IdxWritePtr += cmd.ElemCount;
    }
    draw->PopTextureID();
    draw->PopClipRect();
  }
  if (moved) BackToOuterOffset(draw, outer_offset);
}

// One scratch list serves every chart (a frame draws one stretch at a time); its buffers
// are whatever the last kept segment gave back, so they are reused, not allocated anew.
ImDrawList* g_scratch = nullptr;
bool g_scratch_in_use = false;

}  // namespace

ScratchRecorder::ScratchRecorder(ImDrawList* window_list) : window_(window_list) {
  if (g_scratch_in_use) {
    scratch_ = IM_NEW(ImDrawList)(window_list->_Data);
  } else {
    if (g_scratch == nullptr) g_scratch = IM_NEW(ImDrawList)(window_list->_Data);
    scratch_ = g_scratch;
    g_scratch_in_use = true;
  }
  scratch_->_Data = window_list->_Data;
  scratch_->_ResetForNewFrame();
  scratch_->Flags = window_list->Flags;
  scratch_->_FringeScale = window_list->_FringeScale;
  scratch_->PushClipRect(window_list->GetClipRectMin(), window_list->GetClipRectMax(), false);
  scratch_->PushTextureID(window_list->_CmdHeader.TextureId);
}

ScratchRecorder::~ScratchRecorder() {
  if (!ended_) End(0, nullptr);
  if (scratch_ == g_scratch) {
    g_scratch_in_use = false;
  } else {
    IM_DELETE(scratch_);
  }
}

bool ScratchRecorder::End(std::uint64_t key, DrawSegment* segment) {
  if (ended_) return segment != nullptr && segment->valid;
  ended_ = true;
  ImDrawList& s = *scratch_;
  bool keep = g_keeping && segment != nullptr;
  for (int c = 0; keep && c < s.CmdBuffer.Size; ++c) {
    keep = s.CmdBuffer[c].UserCallback == nullptr && s.CmdBuffer[c].VtxOffset == 0;
  }
  if (segment != nullptr) segment->valid = false;
  if (!keep) {
    AppendList(window_, s);
    return false;
  }
  segment->commands.clear();
  for (const ImDrawCmd& cmd : s.CmdBuffer) {
    if (cmd.ElemCount > 0) segment->commands.push_back({cmd.ClipRect, cmd.TextureId, cmd.ElemCount});
  }
  // The scratch list's indices already count from its first vertex. Its buffers become the
  // segment's; the segment's old ones, emptied, are the scratch list's next time.
  segment->vertices.swap(s.VtxBuffer);
  segment->indices.swap(s.IdxBuffer);
  s.VtxBuffer.resize(0);
  s.IdxBuffer.resize(0);
  segment->key = key;
  segment->id = IdFromKey(key);
  segment->valid = true;
  ReplaySegment(window_, *segment);
  return true;
}

void ReplaySegment(ImDrawList* draw, const DrawSegment& segment) {
  if (segment.vertices.empty()) return;
  if (draw->_Splitter._Count > 1) {
    CopySegment(draw, segment);
    return;
  }
  const unsigned int outer_offset = draw->_CmdHeader.VtxOffset;
  const unsigned int outer_current = draw->_VtxCurrentIdx;
  void* const tag = const_cast<DrawSegment*>(&segment);
  unsigned int first = 0;
  for (const DrawSegment::Command& cmd : segment.commands) {
    // An offset of its own per command: ImGui merges commands only when clip, texture and
    // offset all match, so no other command's elements can join this one.
    draw->_CmdHeader.VtxOffset = kSegmentReference | first;
    draw->_OnChangedVtxOffset();
    draw->PushClipRect(ImVec2(cmd.clip.x, cmd.clip.y), ImVec2(cmd.clip.z, cmd.clip.w), false);
    draw->PushTextureID(cmd.texture);
    // Pushing may have reopened an earlier command with the same header (another segment's
    // command at the same first index): this one starts a command of its own.
    if (draw->CmdBuffer.back().ElemCount != 0) draw->AddDrawCmd();
    // Elements without indices in the list: they are the segment's, from `first` on.
    ImDrawCmd& added = draw->CmdBuffer.back();
    added.ElemCount = cmd.elements;
    added.UserCallbackData = tag;
    first += cmd.elements;
    draw->PopTextureID();
    draw->PopClipRect();
  }
  // Back to the list's own offset; its vertices continue where they were (none were added).
  draw->_CmdHeader.VtxOffset = outer_offset;
  draw->_OnChangedVtxOffset();
  draw->_VtxCurrentIdx = outer_current;
}

}  // namespace divboard::ui
