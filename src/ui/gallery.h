// The chart gallery: every chart kind on the snapshot's real data (plus an optional
// 10-million-point series), for reviewing the chart engine as a whole.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/resample.h"
#include "core/session.h"
#include "ui/chart_common.h"
#include "ui/time_chart.h"

namespace divboard::ui {

struct GalleryData;  // derived series, rebuilt when the data changes

struct GalleryState {
  std::shared_ptr<GalleryData> data;
  int generation = -1;
  Locale locale = Locale::kEn;
  ChartLink link;  // the time charts zoom and pan together
  ChartState line, indexed, area, stacked_area, bars, stacked_bars, large;
  bool indexed_mode = true;
  bool show_large = false;
  std::vector<double> large_values;  // the 10M-point demo series, made on request
  PyramidCache pyramids;
  DrawSegment host_markers;  // the scatter's markers, kept while they do not change
};

void DrawGallery(const Session& session, GalleryState& state, const ChartContext& context);

}  // namespace divboard::ui
