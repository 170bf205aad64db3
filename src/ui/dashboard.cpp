#include "ui/dashboard.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "ui/automation.h"
#include "core/view_model.h"
#include "ui/i18n.h"
#include "ui/kpi_tiles.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

const struct {
  View view;
  const char* id;
} kViewIds[] = {{View::kOverview, "overview"}, {View::kCommunity, "community"}, {View::kTrading, "trading"},
                {View::kHosts, "hosts"},       {View::kCompare, "compare"},     {View::kGallery, "gallery"},
                {View::kChanges, "changes"}};

const char* ViewId(View view) {
  for (const auto& v : kViewIds) {
    if (v.view == view) return v.id;
  }
  return "overview";
}

std::string Megabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  return buf;
}

std::string IntervalText(double seconds, Locale l) {
  const long s = std::lround(seconds);
  if (s % 3600 == 0) return std::to_string(s / 3600) + Tr(l, " h", " 小时");
  if (s % 60 == 0) return std::to_string(s / 60) + Tr(l, " min", " 分钟");
  return std::to_string(s) + Tr(l, " s", " 秒");
}

// How often the page looks for new data: the manifest's interval unless the reader picks
// another (in the link as refresh=). Shown only when the data comes from a manifest.
float DrawRefreshPicker(DashboardUi& ui, const Palette& p, bool measure_only) {
  if (ui.history.entries.empty()) return 0;
  const Locale l = ui.locale;
  const int choice = RefreshChoiceSeconds(ui.controls.refresh);
  const std::string preview = std::string(Tr(l, "Refresh ", "刷新 ")) +
                              (choice < 0 ? Tr(l, "off", "关闭")
                                          : IntervalText(choice > 0 ? choice : ui.manifest_refresh_seconds, l));
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize(preview.c_str()).x + style.FramePadding.x * 2 + ImGui::GetFrameHeight();
  if (measure_only) return width + 8;
  ImGui::SetNextItemWidth(width);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(choice < 0 ? p.bad : p.text_muted));
  const bool open = ImGui::BeginCombo("##refresh", preview.c_str(), ImGuiComboFlags_HeightLarge);
  ImGui::PopStyleColor();
  MarkItem("refresh");
  if (ImGui::IsItemHovered() && !open) {
    ImGui::SetTooltip("%s", Tr(l, "How often to look for a new snapshot (never more often than every 10 s)",
                               "多久检查一次新快照（最快每 10 秒）"));
  }
  if (open) {
    const std::string published = std::string(Tr(l, "As published (", "按数据清单 (")) +
                                  IntervalText(ui.manifest_refresh_seconds, l) + ")";
    if (ImGui::Selectable(published.c_str(), choice == 0)) ui.controls.refresh = "auto";
    MarkItem("refresh:auto");
    for (const char* id : {"10", "30", "60", "300", "900", "3600", "off"}) {
      const int seconds = RefreshChoiceSeconds(id);
      const std::string label = seconds < 0 ? std::string(Tr(l, "Off", "关闭")) : IntervalText(seconds, l);
      if (ImGui::Selectable(label.c_str(), ui.controls.refresh == id)) ui.controls.refresh = id;
      MarkItem(std::string("refresh:") + id);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 8);
  return width + 8;
}

}  // namespace

const char* OtherLanguageLabel(Locale locale) { return locale == Locale::kZh ? "English" : "中文"; }

namespace {

void DrawHeader(const Session& session, DashboardUi& ui, const Palette& p) {
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted("divboard");
  ImGui::PopFont();
  // View tabs: real buttons, so Tab and Enter reach them.
  struct Tab { const char* label; View view; };
  const Tab tabs[] = {{Tr(ui.locale, "Overview", "概览"), View::kOverview},
                      {Tr(ui.locale, "Community", "社区"), View::kCommunity},
                      {Tr(ui.locale, "Trading", "交易"), View::kTrading},
                      {Tr(ui.locale, "Hosts", "主播"), View::kHosts},
                      {Tr(ui.locale, "Compare", "对比"), View::kCompare},
                      {Tr(ui.locale, "Charts", "图表库"), View::kGallery},
                      {Tr(ui.locale, "Changes", "数据变化"), View::kChanges}};
  std::string status;
  if (session.has_data() && ui.view != View::kOverview) {
    status = Tr(ui.locale, "Data to ", "数据截至 ") + FormatDate(session.snapshot().Span().second);
  } else if (session.has_data()) {
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
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float title_width = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  const char* theme_label = ui.theme == Theme::kDark ? Tr(ui.locale, "Light theme", "浅色主题")
                                                     : Tr(ui.locale, "Dark theme", "深色主题");
  const char* locale_label = OtherLanguageLabel(ui.locale);
  const float pad = ImGui::GetStyle().FramePadding.x * 2;
  const float locale_width = ImGui::CalcTextSize(locale_label).x + pad;
  const float png_width = ImGui::CalcTextSize("PNG").x + pad + 8;
  const char* open_label = Tr(ui.locale, "Open file…", "打开文件…");
  const float open_width = ImGui::CalcTextSize(open_label).x + pad + 8;
  const ChartContext picker_context{&p, &ui.fonts, ui.locale};
  const float picker_measured = DrawSnapshotPicker(ui.history, ui.controls, picker_context, true) +
                                DrawRefreshPicker(ui, p, true);
  float tabs_width = 0;
  for (const Tab& tab : tabs) tabs_width += ImGui::CalcTextSize(tab.label).x + pad + 16;
  // Wide screens: one row of title, tabs, status and buttons, when they all fit. Narrow ones:
  // title and buttons, then the tabs wrapping as needed, then the picker and the status.
  const bool narrow = right < 1000 || title_width + tabs_width + 24 + ImGui::CalcTextSize(theme_label).x + pad +
                                              locale_width + 8 + png_width + open_width + picker_measured >
                                          right;
  auto draw_tabs = [&](bool wrap) {
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; ++i) {
      const Tab& tab = tabs[i];
      const float width = ImGui::CalcTextSize(tab.label).x + ImGui::GetStyle().FramePadding.x * 2;
      if (!wrap) {
        ImGui::SameLine(0, 16);
      } else if (i > 0) {
        SameLineOrWrap(width, 6);
      }
      const bool selected = ui.view == tab.view;
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(selected ? p.panel_border : 0));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(selected ? p.text : p.text_muted));
      if (ImGui::Button(tab.label)) ui.view = tab.view;
      MarkItem(std::string("tab:") + ViewId(tab.view));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%d)", tab.label, static_cast<int>(i) + 1);
      ImGui::PopStyleColor(2);
    }
  };
  if (!narrow) draw_tabs(false);
  const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  // The "as of" picker joins the buttons on wide screens and gets a row of its own on narrow ones.
  const float picker_width = narrow ? 0 : picker_measured;
  const float button_width =
      ImGui::CalcTextSize(theme_label).x + pad + locale_width + 8 + png_width + open_width + picker_width;
  const float status_width = ImGui::CalcTextSize(status.c_str()).x;
  const float status_x = right - button_width - status_width - 24;
  // On narrow screens the status moves under the title instead of overlapping it.
  const bool status_fits = !narrow && status_x > title_end + 24;
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
  if (!narrow) {
    DrawSnapshotPicker(ui.history, ui.controls, picker_context, false);
    DrawRefreshPicker(ui, p, false);
  }
  if (ImGui::Button(open_label)) ui.request_open_file = true;
  MarkItem("open-file");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", Tr(ui.locale, "Open a snapshot (JSON or packed) from this computer; nothing is uploaded. "
                                          "Or drop one on the page.",
                               "打开本机的快照文件（JSON 或打包格式），不会上传；也可拖放到页面上"));
  }
  ImGui::SameLine(0, 8);
  if (ImGui::Button("PNG")) ui.request_png = true;
  MarkItem("png");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.locale, "Save this view as a PNG image", "将当前视图保存为 PNG 图片"));
  ImGui::SameLine(0, 8);
  if (ImGui::Button(locale_label)) ui.locale = ui.locale == Locale::kZh ? Locale::kEn : Locale::kZh;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.locale, "Chinese / English (L)", "中文 / 英文 (L)"));
  ImGui::SameLine(0, 8);
  if (ImGui::Button(theme_label)) {
    ui.theme = ui.theme == Theme::kDark ? Theme::kLight : Theme::kDark;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(ui.locale, "Switch between dark and light colours (T)", "切换深色/浅色 (T)"));
  if (narrow) draw_tabs(true);
  if (narrow) {
    const float drawn = DrawSnapshotPicker(ui.history, ui.controls, picker_context, false) + DrawRefreshPicker(ui, p, false);
    if (drawn > 0) ImGui::NewLine();
  }
  if (!status_fits) draw_status();
  // Typed characters rather than key codes keep the shortcut independent of the platform.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && !io.KeyCtrl) {
    for (ImWchar c : io.InputQueueCharacters) {
      if (c == 't' || c == 'T') ui.theme = ui.theme == Theme::kDark ? Theme::kLight : Theme::kDark;
      if (c == 'l' || c == 'L') ui.locale = ui.locale == Locale::kZh ? Locale::kEn : Locale::kZh;
      // The digits pick the views in tab order; R resets the filter bar.
      if (c >= '1' && c < '1' + static_cast<int>(sizeof tabs / sizeof tabs[0])) ui.view = tabs[c - '1'].view;
      if (c == 'r' || c == 'R') ResetFilters(ui.controls);
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
    if (ui.loaded_at.empty()) {
      ImGui::Text("%s %s", Tr(ui.locale, "Showing", "正在显示"), session.snapshot_url().c_str());
    } else {
      // How old the data on screen is, so nobody mistakes it for current.
      ImGui::Text(Tr(ui.locale, "Showing %s, stale since %s", "正在显示 %s, 自 %s 起未更新"), session.snapshot_url().c_str(),
                  ui.loaded_at.c_str());
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

ChartSeries WeeklySeries(const std::string& label, const Resampled& r, ImU32 color, Unit unit) {
  ChartSeries c;
  c.label = label;
  c.color = color;
  c.unit = unit;
  c.x = r.starts.data();
  c.values = r.values.data();
  c.count = r.values.size();
  c.step = 7;
  return c;
}

// The executive's three questions at a glance: users vs buyers, how many users buy, and
// whether commerce is growing as a share of revenue.
void DrawOverviewCharts(const Session& session, DashboardUi& ui, const Palette& p) {
  const Snapshot& s = session.snapshot();
  const auto span = s.Span();
  if (ui.overview_generation != session.generation()) {
    // Weekly series from the core: conversion as mean purchasing users over mean DAU per week.
    UrlState all;
    all.range = "all";
    all.granularity = "week";
    std::vector<std::string> notices;
    Analysis analysis = MakeAnalysis(s, all, &notices);
    ui.overview_conversion = analysis.Buckets(*FindKpi("conversion"), analysis.range());
    ui.overview_ad = analysis.Buckets(*FindKpi("ad_revenue"), analysis.range());
    ui.overview_commerce = analysis.Buckets(*FindKpi("commerce_revenue"), analysis.range());
    ui.overview_generation = session.generation();
  }
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
  const ChartContext context{&p, &ui.fonts, ui.locale, session.generation()};
  ChartOptions options;
  options.events = &s.events;
  options.bounds = ViewRange{static_cast<double>(span.first), static_cast<double>(span.second)};
  for (ChartState* c : {&ui.overview_chart, &ui.overview_conversion_chart, &ui.overview_mix_chart}) {
    c->link = &ui.overview_link;
  }

  const float gap = 12;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool wide = width > 1200;
  const float height = wide ? std::max(300.0f, ImGui::GetContentRegionAvail().y - 8) : 320.0f;
  const float main_width = wide ? (width - 2 * gap) * 0.5f : width;
  const float side_width = wide ? (width - 2 * gap) * 0.25f : width;
  ChartPanel("overview_main",
             Tr(ui.locale, "Community daily active users vs trading daily purchasing users",
                "社区日活跃用户 对比 交易日购买用户"),
             ImVec2(main_width, height), context, nullptr, nullptr, std::string(), [&](ImVec2 size) {
                  DrawTimeSeriesChart("overview_chart", lines, options, ui.overview_chart, context, size);
                });
  if (wide) ImGui::SameLine(0, gap);
  ChartPanel("overview_conversion_panel", Tr(ui.locale, "Purchase conversion (weekly)", "购买转化率 (周)"),
             ImVec2(side_width, height), context, nullptr, nullptr, std::string(), [&](ImVec2 size) {
                  ChartOptions o = options;
                  o.events = nullptr;
                  DrawTimeSeriesChart("overview_conversion",
                                      {WeeklySeries(Tr(ui.locale, "Purchasing users / DAU", "购买用户 / 日活"),
                                                    ui.overview_conversion, p.trading, Unit::kRatio)},
                                      o, ui.overview_conversion_chart, context, size);
                });
  if (wide) ImGui::SameLine(0, gap);
  ChartPanel("overview_mix_panel", Tr(ui.locale, "Revenue mix (weekly)", "收入结构 (周)"),
             ImVec2(side_width, height), context, nullptr, nullptr, std::string(), [&](ImVec2 size) {
                  ChartOptions o = options;
                  o.events = nullptr;
                  o.kind = ChartKind::kStackedArea;
                  DrawTimeSeriesChart(
                      "overview_mix",
                      {WeeklySeries(Tr(ui.locale, "Advertising", "广告"), ui.overview_ad, p.community, Unit::kCurrency),
                       WeeklySeries(Tr(ui.locale, "Commerce", "电商"), ui.overview_commerce, p.trading, Unit::kCurrency)},
                      o, ui.overview_mix_chart, context, size);
                });
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
  UrlState state = ui.controls;
  for (const auto& v : kViewIds) {
    if (v.view == ui.view) state.view = v.id;
  }
  state.theme = ui.theme == Theme::kLight ? "light" : "dark";
  state.locale = ui.locale == Locale::kZh ? "zh" : "en";
  return state;
}

void ApplyUrlState(const ParsedUrlState& parsed, DashboardUi& ui) {
  ui.controls = parsed.state;
  ui.view = View::kOverview;
  for (const auto& v : kViewIds) {
    if (parsed.state.view == v.id) ui.view = v.view;
  }
  ui.theme = parsed.state.theme == "light" ? Theme::kLight : Theme::kDark;
  ui.locale = parsed.state.locale == "zh" ? Locale::kZh : Locale::kEn;
  ui.notices = parsed.notices;
}

void DrawDashboard(const Session& session, DashboardUi& ui) {
  ClearMarks();
  if (!ui.theme_applied || ui.applied_theme != ui.theme) {
    ApplyTheme(ui.theme);
    ui.applied_theme = ui.theme;
    ui.theme_applied = true;
  }
  const Palette& p = GetPalette(ui.theme);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No background: the renderer clears to the same colour, and under SwiftShader every
  // presented frame pays for each pixel it fills (a full-screen rectangle was about half of
  // the data frame's raster: docs/performance.md, "Cold start").
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;
  ImGui::Begin("divboard", nullptr, flags);
  DrawHeader(session, ui, p);
  ImGui::Dummy(ImVec2(0, 4));
  DrawNotices(ui, p);
  DrawErrorBanner(session, ui, p);
  if (ui.data_generation != session.generation()) {
    ui.pyramids.Clear();
    ui.data_generation = session.generation();
  }
  const ChartContext context{&p, &ui.fonts, ui.locale, session.generation()};
  if (session.has_data() && ui.view == View::kGallery) {
    DrawGallery(session, ui.gallery, context);
  } else if (session.has_data() && (ui.view == View::kCommunity || ui.view == View::kTrading)) {
    DrawDivisionView(ui.view == View::kCommunity ? "community" : "trading", session, ui.controls, ui.views, context);
  } else if (session.has_data() && ui.view == View::kHosts) {
    DrawHostsView(session, ui.controls, ui.views, context);
  } else if (ui.view == View::kChanges) {
    DrawChangesView(ui.history, ui.controls, ui.views.downloads, context);
  } else if (session.has_data() && ui.view == View::kCompare) {
    DrawCompareView(session, ui.controls, ui.views, context);
  } else if (session.has_data()) {
    const Overview& o = session.overview();
    const ChartContext chart{&p, &ui.fonts, ui.locale, session.generation()};
    TileContext tiles{&chart, o.period, o.comparison,
                      Tr(ui.locale, "Sparkline: daily values, last 90 days", "迷你图: 最近 90 天的每日数值")};
    tiles.kept = &ui.overview_tiles;
    DrawKpiTiles(o.kpis, tiles);
    DrawOverviewCharts(session, ui, p);
  } else {
    DrawEmptyState(session, ui, p);
  }
  ImGui::End();
}

}  // namespace divboard::ui
