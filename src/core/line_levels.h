// A series' decimation levels in the form a GPU draws from: float32 values relative to a
// base (so large values keep their precision), level 0 the raw points and each level above
// it blocks of `kLineLevelFactor` times as many points, each block kept as its min and max
// in index order with their offsets in the block. Drawn as a polyline through those points,
// a level whose blocks are at most a pixel wide lights the same columns as M4 (min/max
// decimation; first/last only move a line within its column). Built once per series; the
// chart then picks a level per frame and uploads nothing.
//
// Same idea as SeriesPyramid (which answers range queries on the CPU in doubles); this one is
// laid out for vertex buffers: 4 bytes per raw point, plus 8 bytes per block per level
// (2 bytes per point in total above level 0 with a factor of 8).
#pragma once

#include <cstddef>
#include <vector>

namespace divboard {

constexpr size_t kLineLevelFactor = 8;
// Stored for a missing point, or for both points of a block with none present: a value no
// real series reaches, which a shader tests with abs(v) > 1e37 (NaN does not survive every
// GPU path).
constexpr float kLineGap = 3.0e38f;

struct LineLevel {
  size_t block = 1;              // series points per block: 1 for the raw level
  std::vector<float> values;     // 1 per block at level 0, 2 (first extreme, second) above
  std::vector<float> offsets;    // empty at level 0; else each value's index in its block
};

struct LineLevels {
  double base = 0;  // values are stored as (value - base)
  size_t count = 0;
  std::vector<LineLevel> levels;
  size_t bytes() const;
};

// Levels stop once a level has at most `top_blocks` blocks. NaN and infinities are gaps.
LineLevels BuildLineLevels(const double* values, size_t count, size_t top_blocks = 2048);

// The level to draw when `points_in_view` series points span `pixels` device pixels: the
// coarsest one whose blocks are still at most a pixel wide (level 0 when no block level is).
size_t PickLineLevel(const LineLevels& levels, double points_in_view, double pixels);

}  // namespace divboard
