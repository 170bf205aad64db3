// What a chart may hand to the platform's GPU instead of emitting triangles itself: dense
// line series whose decimation levels stay resident in GPU buffers (panning and zooming
// change only a transform), and the calendar heat map colour-mapped from a data texture.
// The chart asks; a platform that can (the WebGL2 build) answers by queuing an ImDrawList
// callback and returns true; otherwise (native, headless tests, a browser lacking the
// features) there is no renderer or it returns false, and the chart draws on the CPU.
// No GL here: charts stay platform-free.
#pragma once

#include <cstddef>
#include <imgui.h>

namespace divboard::ui {

// A uniform series drawn as a line. Series index i maps to screen
//   x = x_origin + (i - first) * px_per_index,   y = y_offset + values[i] * y_per_value
// (CSS pixels); [first, last] is the visible index range. `values` identifies the series:
// the renderer keeps its levels until the values at that address change.
struct ResidentLine {
  const double* values = nullptr;
  size_t count = 0;
  double first = 0, last = 0;
  double x_origin = 0, px_per_index = 1;
  double y_offset = 0, y_per_value = 1;
  ImU32 color = 0;
  float thickness = 1.5f;  // CSS pixels; anti-aliased at any width
};

// One year block after another, each 7 rows of cells; `cells` holds per cell (week-major
// within a block row: index = (block * 7 + weekday) * columns + week) the colour position in
// [0, 1], or kHeatMissing (a day without data: drawn as an empty cell) or kHeatNone (no day).
constexpr float kHeatMissing = -1.0f;
constexpr float kHeatNone = -2.0f;
struct ResidentHeatMap {
  const float* cells = nullptr;
  int columns = 0;      // weeks per block row (54 fits any year)
  int blocks = 0;
  ImVec2 origin;        // top-left of block 0, week 0, Monday (CSS px)
  float pitch = 12;     // distance between cells
  float cell = 10;      // cell size (pitch minus the gutter)
  float block_pitch = 100;  // distance between year blocks
  ImU32 ramp[5] = {};   // colour stops at 0, .25, .5, .75, 1
  ImU32 missing = 0;    // fill of a day without data
};

class ResidentCharts {
 public:
  virtual ~ResidentCharts() = default;
  virtual bool DrawLine(ImDrawList* draw, const ResidentLine& line) = 0;
  virtual bool DrawHeatMap(ImDrawList* draw, const ResidentHeatMap& map) = 0;
};

// The platform's renderer, or null (the default): the CPU path.
ResidentCharts* GetResidentCharts();
void SetResidentCharts(ResidentCharts* charts);

// The ramp colour at t in [0, 1], the same interpolation the heat map shader does, so the
// CPU fallback and the legend match the GPU drawing.
ImU32 RampColor(const ImU32 (&ramp)[5], float t);

}  // namespace divboard::ui
