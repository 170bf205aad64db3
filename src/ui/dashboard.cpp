#include "ui/dashboard.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "ui/i18n.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

float Scaled(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

float TextWidth(const ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(Scaled(font), FLT_MAX, 0, text.c_str()).x;
}

void DrawText(ImDrawList* draw, const ImFont* font, ImVec2 at, ImU32 color, const std::string& text) {
  draw->AddText(font, Scaled(font), at, color, text.c_str());
}

std::string Megabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  return buf;
}

void DrawHeader(const Session& session, DashboardUi& ui, const Palette& p) {
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted("divboard");
  ImGui::PopFont();
  // View tabs: real buttons, so Tab and Enter reach them.
  struct Tab { const char* label; View view; };
  const Tab tabs[] = {{Tr(ui.locale, "Overview", "概览"), View::kOverview},
                      {Tr(ui.locale, "Chart gallery", "图表库"), View::kGallery}};
  for (const Tab& tab : tabs) {
    ImGui::SameLine(0, 16);
    const bool selected = ui.view == tab.view;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(selected ? p.panel_border : 0));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(selected ? p.text : p.text_muted));
    if (ImGui::Button(tab.label)) ui.view = tab.view;
    ImGui::PopStyleColor(2);
  }

  std::string status;
  if (session.has_data()) {
    const Overview& o = session.overview();
    status = ui.locale == Locale::kZh
                 ? "数据截至 " + FormatDate(o.period.last) + "  \xC2\xB7  最近" + std::to_string(o.period.days()) +
                       "天 对比 前" + std::to_string(o.comparison.days()) + "天"
                 : "Data to " + FormatDate(o.period.last) + "  \xC2\xB7  last " + std::to_string(o.period.days()) +
                       " days vs previous " + std::to_string(o.comparison.days());
  }
  if (!session.loading_url().empty()) {
    status = Tr(ui.locale, "Loading ", "正在加载 ") + session.loading_url();
    if (ui.bytes_received > 0) status += "  " + Megabytes(ui.bytes_received);
    if (ui.bytes_total > 0) status += Tr(ui.locale, " of ", " / ") + Megabytes(ui.bytes_total);
  }
  const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  const char* theme_label = ui.theme == Theme::kDark ? Tr(ui.locale, "Light theme", "浅色主题")
                                                     : Tr(ui.locale, "Dark theme", "深色主题");
  // The language button names the other language in that language, so either reader finds it.
  const char* locale_label = ui.locale == Locale::kZh ? "English" : "中文";
  const float locale_width = ImGui::CalcTextSize(locale_label).x + ImGui::GetStyle().FramePadding.x * 2;
  const float button_width =
      ImGui::CalcTextSize(theme_label).x + ImGui::GetStyle().FramePadding.x * 2 + locale_width + 8;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float status_width = ImGui::CalcTextSize(status.c_str()).x;
  const float status_x = right - button_width - status_width - 24;
  // On narrow screens the status moves under the title instead of overlapping it.
  const bool status_fits = status_x > title_end + 24;
  auto draw_status = [&] {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
    ImGui::TextUnformatted(status.c_str());
    ImGui::PopStyleColor();
  };
  if (status_fits) {
    ImGui::SameLine(status_x);
    draw_status();
  }
  ImGui::SameLine(right - button_width);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  if (ImGui::Button(locale_label)) ui.locale = ui.locale == Locale::kZh ? Locale::kEn : Locale::kZh;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.locale, "Chinese / English (L)", "中文 / 英文 (L)"));
  ImGui::SameLine(0, 8);
  if (ImGui::Button(theme_label)) {
    ui.theme = ui.theme == Theme::kDark ? Theme::kLight : Theme::kDark;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.locale, "Switch between dark and light colours (T)", "切换深色/浅色 (T)"));
  if (!status_fits) draw_status();
  // Typed characters rather than key codes keep the shortcut independent of the platform.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && !io.KeyCtrl) {
    for (ImWchar c : io.InputQueueCharacters) {
      if (c == 't' || c == 'T') ui.theme = ui.theme == Theme::kDark ? Theme::kLight : Theme::kDark;
      if (c == 'l' || c == 'L') ui.locale = ui.locale == Locale::kZh ? Locale::kEn : Locale::kZh;
    }
  }
}

void DrawErrorBanner(const Session& session, const DashboardUi& ui, const Palette& p) {
  if (session.error().empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.error_background));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.error_text));
  const int lines = static_cast<int>(std::count(session.error().begin(), session.error().end(), '\n')) + 1;
  const int shown = std::min(lines, 6);
  const float height = static_cast<float>(shown + (session.has_data() ? 2 : 1)) * ImGui::GetTextLineHeightWithSpacing() + 16;
  ImGui::BeginChild("error", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetCursorPos(ImVec2(12, 8));
  ImGui::PushFont(ui.fonts.bold);
  ImGui::TextUnformatted(session.has_data()
                             ? Tr(ui.locale, "Could not load new data \xE2\x80\x94 showing the last good snapshot",
                                  "无法加载新数据 \xE2\x80\x94 正在显示上一份有效快照")
                             : Tr(ui.locale, "Could not load the dashboard's data", "无法加载看板数据"));
  ImGui::PopFont();
  // Problems are data from the file: shown as text, never used as a format string.
  size_t start = 0;
  for (int i = 0; i < shown; ++i) {
    size_t end = session.error().find('\n', start);
    if (end == std::string::npos) end = session.error().size();
    ImGui::SetCursorPosX(12);
    ImGui::TextUnformatted(session.error().c_str() + start, session.error().c_str() + end);
    start = end + 1;
  }
  if (lines > shown) {
    ImGui::SetCursorPosX(12);
    ImGui::Text("... and %d more problems", lines - shown);
  }
  if (session.has_data()) {
    ImGui::SetCursorPosX(12);
    ImGui::Text("%s %s", Tr(ui.locale, "Showing", "正在显示"), session.snapshot_url().c_str());
  }
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

// Up arrow for a rise, down for a fall; colour says whether that is good for this metric,
// the arrow keeps the meaning for readers who cannot tell the colours apart.
void DrawChange(ImDrawList* draw, const DashboardUi& ui, const Palette& p, ImVec2 at, const KpiValue& kpi) {
  const std::string text = FormatChange(kpi.change) + Tr(ui.locale, "  vs previous", "  较前期");
  if (std::isnan(kpi.change)) {
    DrawText(draw, ui.fonts.small, at, p.text_muted, text);
    return;
  }
  const bool up = kpi.change >= 0;
  const bool good = up == kpi.higher_is_better;
  const ImU32 color = kpi.change == 0 ? p.text_muted : (good ? p.good : p.bad);
  const float h = Scaled(ui.fonts.small);
  const ImVec2 c(at.x + 5, at.y + h * 0.55f);
  if (up) {
    draw->AddTriangleFilled(ImVec2(c.x - 5, c.y + 3), ImVec2(c.x + 5, c.y + 3), ImVec2(c.x, c.y - 5), color);
  } else {
    draw->AddTriangleFilled(ImVec2(c.x - 5, c.y - 3), ImVec2(c.x + 5, c.y - 3), ImVec2(c.x, c.y + 5), color);
  }
  DrawText(draw, ui.fonts.small, ImVec2(at.x + 14, at.y), color, text);
}

void DrawTile(const Session& session, const KpiValue& kpi, const DashboardUi& ui, const Palette& p, ImVec2 size) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImGui::InvisibleButton(kpi.id.c_str(), size);
  const bool hovered = ImGui::IsItemHovered();
  draw->AddRectFilled(min, max, p.panel, 8);
  draw->AddRect(min, max, hovered ? p.axis : p.panel_border, 8);

  // The division is told by a coloured edge and a name, so tiles group at a glance.
  const bool trading = kpi.id != "dau" && kpi.id != "ad_revenue";
  const ImU32 division_color = trading ? p.trading : p.community;
  draw->AddRectFilled(min, ImVec2(min.x + 4, max.y), division_color, 8, ImDrawFlags_RoundCornersLeft);
  const float pad = 16;
  DrawText(draw, ui.fonts.small, ImVec2(min.x + pad, min.y + 12), p.text_muted, Localised(kpi.label, ui.locale));
  const std::string division = trading ? Tr(ui.locale, "Trading", "交易") : Tr(ui.locale, "Community", "社区");
  DrawText(draw, ui.fonts.small, ImVec2(max.x - pad - TextWidth(ui.fonts.small, division), min.y + 12),
           division_color, division);
  const std::string value = FormatValue(kpi.value, kpi.unit, ui.locale);
  DrawText(draw, ui.fonts.value, ImVec2(min.x + pad, min.y + 32), p.text, value);
  DrawChange(draw, ui, p, ImVec2(min.x + pad, max.y - 28), kpi);
  const float spark_left = std::max(min.x + pad + TextWidth(ui.fonts.value, value) + 16, max.x - pad - 110);
  if (spark_left + 40 < max.x - pad) {
    DrawSparkline(draw, ImVec2(spark_left, min.y + 36), ImVec2(max.x - pad, min.y + 64), kpi.trend, division_color);
  }
  if (hovered) {
    const Overview& o = session.overview();
    ImGui::BeginTooltip();
    ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(Localised(kpi.label, ui.locale).c_str());
    ImGui::PopFont();
    ImGui::Text("%s to %s: %s", FormatDate(o.period.first).c_str(), FormatDate(o.period.last).c_str(),
                FormatValue(kpi.value, kpi.unit, ui.locale).c_str());
    ImGui::Text("%s to %s: %s", FormatDate(o.comparison.first).c_str(), FormatDate(o.comparison.last).c_str(),
                FormatValue(kpi.previous, kpi.unit, ui.locale).c_str());
    if (kpi.unit != Unit::kRatio) ImGui::TextDisabled("%s %s", Tr(ui.locale, "Exact:", "精确值:"), FormatGrouped(kpi.value).c_str());
    ImGui::TextDisabled(Tr(ui.locale, "Sparkline: daily values, last %d days", "迷你图: 最近 %d 天的每日数值"), static_cast<int>(kpi.trend.size()));
    ImGui::EndTooltip();
  }
}

void DrawTiles(const Session& session, const DashboardUi& ui, const Palette& p) {
  const std::vector<KpiValue>& kpis = session.overview().kpis;
  const int count = static_cast<int>(kpis.size());
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = 12;
  // Pick columns from the width, then even the rows out (3+3+3 rather than 4+4+1).
  int columns = std::clamp(static_cast<int>(width / 250), 1, count);
  const int rows = (count + columns - 1) / columns;
  columns = (count + rows - 1) / rows;
  const float tile_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  for (int i = 0; i < count; ++i) {
    if (i % columns != 0) ImGui::SameLine(0, gap);
    DrawTile(session, kpis[static_cast<size_t>(i)], ui, p, ImVec2(tile_width, 108));
    if (i % columns == columns - 1 || i == count - 1) ImGui::Dummy(ImVec2(0, gap - ImGui::GetStyle().ItemSpacing.y));
  }
}

void DrawOverviewChart(const Session& session, DashboardUi& ui, const Palette& p) {
  const Snapshot& s = session.snapshot();
  std::vector<ChartSeries> lines;
  auto add = [&](const char* metric_id, const char* label, ImU32 color, int axis) {
    const int metric = s.FindMetric(metric_id);
    const Series* series = metric >= 0 ? s.Total(metric) : nullptr;
    if (series == nullptr) return;
    ChartSeries line;
    line.label = label;
    line.color = color;
    line.axis = axis;
    line.unit = Unit::kUsers;
    line.start = series->start;
    line.values = series->values.data();
    line.count = series->values.size();
    line.pyramid = ui.pyramids.Get(line.values, line.count);
    lines.push_back(std::move(line));
  };
  add("dau", Tr(ui.locale, "Daily active users", "日活跃用户"), p.community, 0);
  add("dpu", Tr(ui.locale, "Daily purchasing users", "日购买用户"), p.trading, 1);
  const auto span = s.Span();
  const float height = std::max(300.0f, ImGui::GetContentRegionAvail().y - 8);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + ImGui::GetContentRegionAvail().x, min.y + height);
  draw->AddRectFilled(min, max, p.panel, 8);
  draw->AddRect(min, max, p.panel_border, 8);
  DrawText(draw, ui.fonts.bold, ImVec2(min.x + 16, min.y + 12), p.text,
           Tr(ui.locale, "Community daily active users vs trading daily purchasing users",
              "社区日活跃用户 对比 交易日购买用户"));
  ImGui::SetCursorScreenPos(ImVec2(min.x + 8, min.y + 40));
  const ChartContext context{&p, &ui.fonts, ui.locale};
  ChartOptions options;
  options.kind = ChartKind::kLine;
  options.events = &s.events;
  options.bounds = ViewRange{static_cast<double>(span.first), static_cast<double>(span.second)};
  DrawTimeSeriesChart("overview_chart", lines, options, ui.overview_chart, context,
                      ImVec2(max.x - min.x - 16, height - 48));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
}

void DrawEmptyState(const Session& session, const DashboardUi& ui, const Palette& p) {
  if (session.status() != Status::kLoading) return;
  ImGui::Dummy(ImVec2(0, 40));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
  std::string text = Tr(ui.locale, "Loading data", "正在加载数据");
  if (ui.bytes_received > 0) text += "  " + Megabytes(ui.bytes_received);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
}

void DrawNotices(DashboardUi& ui, const Palette& p) {
  if (ui.notices.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
  for (const std::string& notice : ui.notices) {
    ImGui::TextUnformatted((std::string(Tr(ui.locale, "Link: ", "链接: ")) + notice).c_str());
  }
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::SmallButton(Tr(ui.locale, "Dismiss", "关闭"))) ui.notices.clear();
}

}  // namespace

UrlState CurrentUrlState(const DashboardUi& ui) {
  UrlState state;
  state.view = ui.view == View::kGallery ? "gallery" : "overview";
  state.theme = ui.theme == Theme::kLight ? "light" : "dark";
  state.locale = ui.locale == Locale::kZh ? "zh" : "en";
  return state;
}

void ApplyUrlState(const ParsedUrlState& parsed, DashboardUi& ui) {
  ui.view = parsed.state.view == "gallery" ? View::kGallery : View::kOverview;
  ui.theme = parsed.state.theme == "light" ? Theme::kLight : Theme::kDark;
  ui.locale = parsed.state.locale == "zh" ? Locale::kZh : Locale::kEn;
  ui.notices = parsed.notices;
}

void DrawDashboard(const Session& session, DashboardUi& ui) {
  if (!ui.theme_applied || ui.applied_theme != ui.theme) {
    ApplyTheme(ui.theme);
    ui.applied_theme = ui.theme;
    ui.theme_applied = true;
  }
  const Palette& p = GetPalette(ui.theme);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("divboard", nullptr, flags);
  DrawHeader(session, ui, p);
  ImGui::Dummy(ImVec2(0, 4));
  DrawNotices(ui, p);
  DrawErrorBanner(session, ui, p);
  if (ui.data_generation != session.generation()) {
    ui.pyramids.Clear();
    ui.data_generation = session.generation();
  }
  if (session.has_data() && ui.view == View::kGallery) {
    DrawGallery(session, ui.gallery, ChartContext{&p, &ui.fonts, ui.locale});
  } else if (session.has_data()) {
    DrawTiles(session, ui, p);
    DrawOverviewChart(session, ui, p);
  } else {
    DrawEmptyState(session, ui, p);
  }
  ImGui::End();
}

}  // namespace divboard::ui
