// Scatter plots with optional log scales and point sizes; hovering names the point under
// the cursor. Used for hosts' fans against GMV.
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

#include "core/snapshot.h"
#include "ui/chart_common.h"
#include "ui/draw_replay.h"

namespace divboard::ui {

struct ScatterData {
  const double* x = nullptr;
  const double* y = nullptr;
  const double* size = nullptr;   // optional: drives the marker area
  size_t count = 0;
  const std::string* names = nullptr;     // optional, for hover
  const ImU32* colors = nullptr;          // optional per-point colour
  ImU32 color = 0;
  std::string x_label, y_label;
  Unit x_unit = Unit::kCount, y_unit = Unit::kCount;
  bool log_x = false, log_y = false;
};

// Returns the index of the point under the cursor (-1 none) and of a clicked point in
// *clicked (-1 none). With `markers`, the markers' geometry is kept there and replayed while
// the data, the plot and the style are unchanged (hovering redraws only the highlight).
int DrawScatterChart(const char* id, const ScatterData& data, const ChartContext& context, ImVec2 size,
                     int* clicked, DrawSegment* markers = nullptr);

}  // namespace divboard::ui
