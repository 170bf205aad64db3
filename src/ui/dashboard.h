// The dashboard's screens, drawn each frame from a Session. Platform code feeds input and
// loading progress in; nothing here fetches, times or renders on its own.
#pragma once

#include <string>

#include "core/format.h"
#include "core/session.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace divboard::ui {

struct DashboardUi {
  Theme theme = Theme::kDark;
  Locale locale = Locale::kEn;
  Fonts fonts;
  // Download progress reported by the platform while a snapshot loads (total 0: unknown).
  double bytes_received = 0;
  double bytes_total = 0;
  // The theme ImGui's style was last set up for; a switch restyles on the next frame.
  Theme applied_theme = Theme::kDark;
  bool theme_applied = false;
};

// Draws the whole window: header, any error banner, KPI tiles and the overview chart.
void DrawDashboard(const Session& session, DashboardUi& ui);

}  // namespace divboard::ui
