// Keeps a stretch of a draw list's output (vertices, indices, clip rectangles, textures) so a
// later frame that would draw exactly the same can reuse it instead of computing it again.
// Charts use it for their series geometry: on a hover, a settling frame or another panel's
// input, the view and the data are unchanged and the decimation and line tessellation are
// the frame's largest cost (make bench: frame CPU). The caller decides, with a key over
// everything the drawing reads, whether the kept stretch still stands for it.
//
// A kept stretch goes into the list by reference: only its commands are in the list; its
// vertices and indices stay in the segment (ReferencedSegment below). Copying them in,
// hashing them for the frame fingerprint and uploading them to WebGL was most of a
// presented gallery frame with the 10M series (~100K vertices, docs/performance.md); a
// renderer keeps each segment's vertices and indices in buffers of its own, keyed by the
// segment's id (ui/segment_buffers.h).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace divboard::ui {

// ImGui's own array, so a stretch drawn into a list of its own (ScratchRecorder) becomes a
// segment by swapping buffers with that list, not by copying them.
template <typename T>
struct KeptArray : ImVector<T> {
  const T* data() const { return this->Data; }
  std::size_t size() const { return static_cast<std::size_t>(this->Size); }
  void assign(const T* from, const T* to) {
    this->resize(static_cast<int>(to - from));
    if (to != from) std::memcpy(this->Data, from, static_cast<std::size_t>(to - from) * sizeof(T));
  }
};

struct DrawSegment {
  std::uint64_t key = 0;
  bool valid = false;
  // A fingerprint of the geometry, never 0 when valid: taken from the key it was recorded
  // under, which must determine it (as replaying relies on), so equal ids, equal geometry.
  // Renderers key their copies on it; the frame fingerprint folds it in instead of the
  // vertices.
  std::uint64_t id = 0;
  struct Command {
    ImVec4 clip;
    ImTextureID texture = nullptr;
    unsigned int elements = 0;
  };
  KeptArray<ImDrawVert> vertices;
  KeptArray<ImDrawIdx> indices;  // relative to the segment's first vertex
  std::vector<Command> commands;
  // What the drawing reported besides its geometry, given back on a replay.
  std::size_t payload[2] = {0, 0};
};

// Where a stretch begins; End() copies what was drawn since into `segment`.
class SegmentRecorder {
 public:
  explicit SegmentRecorder(ImDrawList* draw);
  // False (and the segment left invalid, the stretch left in the list as drawn) when the
  // stretch cannot be replayed: a callback (GPU-resident drawing lives in the platform, per
  // frame), a vertex-offset change or a replayed stretch inside it, or keeping is off.
  // When kept, the stretch in the list is put back in its replayed form, so the frame that
  // drew it and the frames that replay it have the same draw data (the page presents a
  // frame only when its draw data changed).
  bool End(std::uint64_t key, DrawSegment* segment) const;

 private:
  ImDrawList* draw_;
  int vertex_start_;
  int index_start_;
  int command_start_;
  unsigned int vertex_offset_;
  unsigned int command_elements_;  // of the command open at the start
  unsigned int vertex_current_;
};

// Draws a stretch into a list of its own instead of the window's, so keeping it moves buffers
// rather than copying them out of the window's list (a pan or zoom draws its chart anew every
// step: that copy was the largest part of the chart's step, docs/performance.md), and the
// window's list never has to hold a chart's geometry it will give away (its buffers grow
// to the largest frame's size and stay there). One at a time.
class ScratchRecorder {
 public:
  explicit ScratchRecorder(ImDrawList* window_list);
  ScratchRecorder(const ScratchRecorder&) = delete;
  ScratchRecorder& operator=(const ScratchRecorder&) = delete;
  ~ScratchRecorder();
  // Where to draw the stretch: the window list's clip rectangle, texture and flags.
  ImDrawList* list() const { return scratch_; }
  // Keeps the stretch in `segment` and puts it in the window's list by reference, as
  // SegmentRecorder::End does; or, when it cannot be kept (a callback, more than one vertex
  // offset, keeping off), copies it into the window's list as drawn and leaves `segment`
  // invalid. Call once.
  bool End(std::uint64_t key, DrawSegment* segment);

 private:
  ImDrawList* window_;
  ImDrawList* scratch_;
  bool ended_ = false;
};

// Appends a kept stretch to `draw` by reference.
void ReplaySegment(ImDrawList* draw, const DrawSegment& segment);

// A command that draws a kept segment: its VtxOffset has this bit set (no list's own offset
// ever does) and the rest is where its elements start in the segment's indices;
// UserCallbackData points at the segment (ImGui never reads it for a command without a
// callback). The list holds none of its indices: its IdxOffset is where the list's next
// own index goes. Each such command has an offset of its own, so ImGui never merges it with
// another command. (Inside a channel split, as in tables, merging the channels needs every
// command's indices in the list: there a kept stretch is copied in, as plain drawing does.)
constexpr unsigned int kSegmentReference = 0x80000000u;
inline const DrawSegment* ReferencedSegment(const ImDrawCmd& cmd) {
  return cmd.UserCallback == nullptr && (cmd.VtxOffset & kSegmentReference) != 0
             ? static_cast<const DrawSegment*>(cmd.UserCallbackData)
             : nullptr;
}
inline unsigned int SegmentFirstIndex(const ImDrawCmd& cmd) { return cmd.VtxOffset & ~kSegmentReference; }

// Where a command's indices are, and the vertices they count from: the segment's for a
// command that references one, else the list's (at its IdxOffset and VtxOffset).
inline const ImDrawIdx* CommandIndices(const ImDrawList& list, const ImDrawCmd& cmd) {
  if (const DrawSegment* segment = ReferencedSegment(cmd)) return segment->indices.data() + SegmentFirstIndex(cmd);
  return list.IdxBuffer.Data + cmd.IdxOffset;
}
inline const ImDrawVert* CommandVertices(const ImDrawList& list, const ImDrawCmd& cmd) {
  if (const DrawSegment* segment = ReferencedSegment(cmd)) return segment->vertices.data();
  return list.VtxBuffer.Data + cmd.VtxOffset;
}
// The vertex a command's element `k` draws.
inline const ImDrawVert& CommandVertex(const ImDrawList& list, const ImDrawCmd& cmd, unsigned int k) {
  return CommandVertices(list, cmd)[CommandIndices(list, cmd)[k]];
}

// Every ImGui context of ours calls this once, before its first frame: indices are 16-bit
// (ui/config/divboard_imconfig.h), so a list past 64K vertices must go on under a new vertex
// offset, which ImGui does only for a renderer that says it honours VtxOffset. Ours does
// (the WebGL renderer moves its attribute pointers), as does every test that reads indices.
// A stretch that crosses such a split is not kept (SegmentRecorder::End), so a kept segment
// never holds more than 64K vertices.
inline void EnableLargeMeshes() { ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; }

// Off: End() keeps nothing and leaves what was drawn in the list, as plain drawing does
// (tests compare the two). On by default.
void SetSegmentKeeping(bool on);

}  // namespace divboard::ui
