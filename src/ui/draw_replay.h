// Keeps a stretch of a draw list's output (vertices, indices, clip rectangles, textures) so a
// later frame that would draw exactly the same can copy it instead of computing it again.
// Charts use it for their series geometry: on a hover, a settling frame or another panel's
// input, the view and the data are unchanged and the decimation and line tessellation are
// the frame's largest cost (make bench: frame CPU). The caller decides, with a key over
// everything the drawing reads, whether the kept stretch still stands for it.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace divboard::ui {

struct DrawSegment {
  std::uint64_t key = 0;
  bool valid = false;
  struct Command {
    ImVec4 clip;
    ImTextureID texture = nullptr;
    unsigned int elements = 0;
  };
  std::vector<ImDrawVert> vertices;
  std::vector<ImDrawIdx> indices;  // relative to the segment's first vertex
  std::vector<Command> commands;
  // What the drawing reported besides its geometry, given back on a replay.
  std::size_t payload[2] = {0, 0};
};

// Where a stretch begins; End() copies what was drawn since into `segment`.
class SegmentRecorder {
 public:
  explicit SegmentRecorder(ImDrawList* draw);
  // False (and the segment left invalid) when the stretch cannot be replayed: a callback
  // (GPU-resident drawing lives in the platform, per frame) or a vertex-offset change.
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

// Appends a kept stretch to `draw` as it was drawn.
void ReplaySegment(ImDrawList* draw, const DrawSegment& segment);

}  // namespace divboard::ui
