// Time-series charts drawn with ImDrawList: line, area, stacked area, bar and stacked bar over
// a calendar axis, one or two value axes, "indexed to 100", comparison lines, event markers,
// gaps for missing days, a clickable legend, hover tooltips, and zoom/pan shared by linked
// charts. Long uniform series are decimated (M4) so a frame costs O(pixels), not O(points).
//
// Controls: wheel zooms about the cursor; drag pans; Shift+drag (or right-drag) selects a
// range to zoom to; double-click resets; with the chart hovered, + and - zoom, 0 resets.
#pragma once

#include <imgui.h>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/chart_math.h"
#include "core/date.h"
#include "core/decimate.h"
#include "core/snapshot.h"
#include "ui/chart_common.h"
#include "ui/draw_replay.h"

namespace divboard::ui {

enum class ChartKind { kLine, kArea, kStackedArea, kBar, kStackedBar };

// A series as the chart reads it: nothing is copied. Points are uniform (one every `step`
// days from `start`) unless `x` gives each point's day (resampled weeks or months).
struct ChartSeries {
  std::string label;
  ImU32 color = 0;
  int axis = 0;  // 0: left, 1: right
  Unit unit = Unit::kCount;
  Day start = 0;
  double step = 1;
  const double* x = nullptr;
  const double* values = nullptr;  // NaN: missing
  size_t count = 0;
  const double* comparison = nullptr;  // same length as values; drawn dashed when present
  std::string comparison_label;        // e.g. "same period last year"
  const SeriesPyramid* pyramid = nullptr;  // enables M4 decimation for uniform series
  const SeriesPyramid* comparison_pyramid = nullptr;  // the same for `comparison`
};

// The visible range; charts that share one ChartLink zoom and pan together.
struct ChartLink {
  ViewRange view;
  bool valid = false;
};

// Per-chart state kept by the caller between frames.
struct ChartState {
  ChartLink own_link;
  ChartLink* link = nullptr;  // null: the chart uses own_link
  std::vector<std::string> hidden;
  bool selecting = false;
  float select_from = 0;
  // The series' geometry as last drawn, replayed while nothing it depends on changes.
  DrawSegment series_geometry;
  ChartLink* active() { return link != nullptr ? link : &own_link; }
  bool IsHidden(const std::string& label) const;
  void Toggle(const std::string& label);
};

struct ChartOptions {
  ChartKind kind = ChartKind::kLine;
  bool indexed = false;  // every series divided by its first visible value, × 100
  const std::vector<Event>* events = nullptr;
  ViewRange bounds;      // the full x range in days; the view never leaves it
  double min_span = 7;   // days: the deepest zoom
};

struct ChartStats {
  size_t vertices = 0;   // emitted by this chart this frame (axes, labels and legend too)
  size_t series_vertices = 0;  // the most any one series' own geometry took
  size_t points_drawn = 0;
  int hovered_series = -1;
  Day hovered_day = 0;
  bool hovered = false;
};

ChartStats DrawTimeSeriesChart(const char* id, const std::vector<ChartSeries>& series,
                               const ChartOptions& options, ChartState& state,
                               const ChartContext& context, ImVec2 size);

// A small line of daily values without axes, for KPI tiles.
void DrawSparkline(ImDrawList* draw, ImVec2 min, ImVec2 max, const std::vector<double>& values,
                   ImU32 color);

// Builds decimation summaries once per series (keyed by its data pointer) and keeps them
// until Clear(), which the owner calls when the data changes.
class PyramidCache {
 public:
  const SeriesPyramid* Get(const double* values, size_t count);
  void Clear() { pyramids_.clear(); }
  size_t bytes() const;  // the summaries' memory (state().memory on the web)

 private:
  std::unordered_map<const double*, SeriesPyramid> pyramids_;
};

}  // namespace divboard::ui
