// The dashboard's screens, drawn each frame from a Session. Platform code feeds input and
// loading progress in; nothing here fetches, times or renders on its own.
#pragma once

#include <string>
#include <vector>

#include "core/format.h"
#include "core/session.h"
#include "core/url_state.h"
#include "ui/changes_view.h"
#include "ui/fonts.h"
#include "ui/gallery.h"
#include "ui/theme.h"
#include "ui/time_chart.h"
#include "ui/views.h"

namespace divboard::ui {

enum class View { kOverview, kCommunity, kTrading, kHosts, kCompare, kGallery, kChanges };

struct DashboardUi {
  View view = View::kOverview;
  // Range, granularity, comparison and filters, exactly as a link carries them.
  UrlState controls;
  ViewsState views;
  GalleryState gallery;
  HistoryState history;  // the manifest's snapshots: "as of" picker and Changes view
  bool request_png = false;  // the platform saves the next frame as a PNG
  bool request_open_file = false;  // the platform shows its file picker (web: local_file.js)
  double manifest_refresh_seconds = 300;  // the manifest's poll interval, set by the platform
  std::string loaded_at;     // local time ("09:41") the data on screen arrived or was last confirmed current, set by the platform
  Theme theme = Theme::kDark;
  Locale locale = Locale::kEn;
  Fonts fonts;
  // Notices about a link's settings that were ignored (shown until dismissed).
  std::vector<std::string> notices;
  // Download progress reported by the platform while a snapshot loads (total 0: unknown).
  double bytes_received = 0;
  double bytes_total = 0;
  // Chart state and decimation summaries survive between frames; summaries are rebuilt
  // when the session's data changes.
  ChartState overview_chart, overview_conversion_chart, overview_mix_chart;
  ChartLink overview_link;  // the overview's charts zoom together
  DrawSegment overview_tiles;  // the KPI tiles' faces, kept while they do not change
  Resampled overview_conversion, overview_ad, overview_commerce;
  int overview_generation = -1;
  PyramidCache pyramids;
  int data_generation = -1;
  // The theme ImGui's style was last set up for; a switch restyles on the next frame.
  Theme applied_theme = Theme::kDark;
  bool theme_applied = false;
};

// The parts of the view a link carries, and applying a parsed link to the view.
UrlState CurrentUrlState(const DashboardUi& ui);
void ApplyUrlState(const ParsedUrlState& parsed, DashboardUi& ui);

// Draws the whole window: header, any error banner, KPI tiles and the overview chart.
void DrawDashboard(const Session& session, DashboardUi& ui);

}  // namespace divboard::ui
