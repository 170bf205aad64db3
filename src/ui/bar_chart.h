// Horizontal bars by category (optionally stacked by a second dimension, such as channel),
// sorted as given; hovering names the segment, clicking reports it (for cross-filtering).
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

#include "core/snapshot.h"
#include "ui/chart_common.h"

namespace divboard::ui {

struct BarData {
  std::vector<std::string> categories;       // one bar per category
  std::vector<std::string> layers;           // stack segments (one entry: plain bars)
  std::vector<ImU32> layer_colors;
  std::vector<std::vector<double>> values;   // values[layer][category]; NaN or <= 0 skipped
  Unit unit = Unit::kCount;
};

struct BarHit {
  int category = -1;
  int layer = -1;
};

// Returns the segment under the cursor; *clicked receives a clicked segment.
BarHit DrawBarChart(const char* id, const BarData& data, const ChartContext& context, ImVec2 size, BarHit* clicked);

}  // namespace divboard::ui
