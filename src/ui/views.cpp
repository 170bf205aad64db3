#include "ui/views.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "core/breakdown.h"
#include "core/chart_math.h"
#include "core/csv.h"
#include "core/drilldown_view.h"
#include "core/view_model.h"
#include "ui/automation.h"
#include "ui/bar_chart.h"
#include "ui/i18n.h"
#include "ui/kpi_tiles.h"
#include "ui/scatter_chart.h"

namespace divboard::ui {

// [SECTION] Derived data, rebuilt only when the snapshot or the controls change.

struct ChartData {
  std::string title;
  ChartKind kind = ChartKind::kLine;
  Unit unit = Unit::kCount;
  struct Line {
    std::string label;
    int axis = 0;
    Unit unit = Unit::kCount;
    Resampled buckets;
    std::vector<double> comparison;  // aligned with buckets; empty for none
  };
  std::vector<Line> lines;
};

struct BarsData {
  std::string title;
  std::string dimension;  // id of the dimension the bars are, for cross-filtering
  std::vector<int> members;
  BarData bars;
};

struct ViewCache {
  int generation = -1;
  std::string key;
  std::vector<std::string> notices;
  std::unique_ptr<Analysis> analysis;
  std::vector<KpiValue> kpis;
  std::vector<ChartData> charts;
  std::vector<BarsData> bars;
  std::string summary;
};

namespace {

struct PresetName {
  const char* id;
  RangePreset preset;
  const char* en;
  const char* zh;
};
const PresetName kPresets[] = {
    {"7d", RangePreset::kLast7, "Last 7 days", "最近7天"},
    {"30d", RangePreset::kLast30, "Last 30 days", "最近30天"},
    {"90d", RangePreset::kLast90, "Last 90 days", "最近90天"},
    {"qtd", RangePreset::kQuarterToDate, "Quarter to date", "本季度至今"},
    {"ytd", RangePreset::kYearToDate, "Year to date", "今年至今"},
    {"12m", RangePreset::kLast12Months, "Last 12 months", "最近12个月"},
    {"all", RangePreset::kAll, "All data", "全部数据"},
};

ChartData::Line MakeLine(Analysis& analysis, const KpiDefinition& def, const std::string& label, int axis,
                         bool with_comparison) {
  ChartData::Line line;
  line.label = label;
  line.axis = axis;
  line.unit = def.unit;
  line.buckets = analysis.Buckets(def, analysis.range());
  if (with_comparison && analysis.comparison().days() > 0) {
    // Comparison buckets line up by position: bucket i of this period against bucket i of
    // the comparison period (the same weekday, week, month or quarter a period earlier).
    const Resampled earlier = analysis.Buckets(def, analysis.comparison());
    line.comparison.assign(line.buckets.values.size(), NAN);
    for (size_t i = 0; i < line.comparison.size() && i < earlier.values.size(); ++i) line.comparison[i] = earlier.values[i];
  }
  return line;
}

// The same analysis narrowed to one member of a dimension (for per-member lines and bars).
Analysis Narrowed(const Analysis& base, int dimension, int member) {
  Filters filters = base.filters();
  if (filters.members.size() <= static_cast<size_t>(dimension)) filters.members.resize(static_cast<size_t>(dimension) + 1);
  filters.members[static_cast<size_t>(dimension)] = {member};
  return Analysis(base.snapshot(), filters, base.range(), base.comparison(), base.granularity());
}

// Members of a dimension the filters allow (all when that dimension is not filtered).
std::vector<int> AllowedMembers(const Analysis& analysis, int dimension) {
  std::vector<int> out;
  const auto& members = analysis.snapshot().dimensions[static_cast<size_t>(dimension)].members;
  const Filters& f = analysis.filters();
  const bool filtered = static_cast<size_t>(dimension) < f.members.size() && !f.members[static_cast<size_t>(dimension)].empty();
  for (size_t m = 0; m < members.size(); ++m) {
    if (!filtered || f.Has(dimension, static_cast<int>(m))) out.push_back(static_cast<int>(m));
  }
  return out;
}

void AddPerMemberChart(ViewCache& cache, const char* kpi_id, const char* dimension_id, ChartKind kind,
                       const std::string& title, Locale locale) {
  const KpiDefinition* def = FindKpi(kpi_id);
  const Snapshot& s = cache.analysis->snapshot();
  const int dimension = s.FindDimension(dimension_id);
  if (def == nullptr || dimension < 0) return;
  ChartData chart;
  chart.title = title;
  chart.kind = kind;
  chart.unit = def->unit;
  for (int m : AllowedMembers(*cache.analysis, dimension)) {
    Analysis narrowed = Narrowed(*cache.analysis, dimension, m);
    if (!narrowed.WhyUnavailable(*def).empty()) continue;
    const Member& member = s.dimensions[static_cast<size_t>(dimension)].members[static_cast<size_t>(m)];
    chart.lines.push_back(MakeLine(narrowed, *def, Localised(member.name, locale), 0, false));
  }
  if (!chart.lines.empty()) cache.charts.push_back(std::move(chart));
}

// Bars of a KPI by the members of one dimension, stacked by another (or plain).
void AddBars(ViewCache& cache, const char* kpi_id, const char* dimension_id, const char* stack_id,
             const std::string& title, Locale locale) {
  const KpiDefinition* def = FindKpi(kpi_id);
  const Snapshot& s = cache.analysis->snapshot();
  const int dimension = s.FindDimension(dimension_id);
  const int stack = stack_id != nullptr ? s.FindDimension(stack_id) : -1;
  if (def == nullptr || dimension < 0) return;
  BarsData out;
  out.title = title;
  out.dimension = dimension_id;
  out.bars.unit = def->unit;
  const std::vector<int> members = AllowedMembers(*cache.analysis, dimension);
  const std::vector<int> layers = stack >= 0 ? AllowedMembers(*cache.analysis, stack) : std::vector<int>{-1};
  for (int layer : layers) {
    out.bars.layers.push_back(layer < 0 ? Localised(def->label, locale)
                                        : Localised(s.dimensions[static_cast<size_t>(stack)].members[static_cast<size_t>(layer)].name, locale));
    out.bars.values.emplace_back();
  }
  for (int m : members) {
    out.members.push_back(m);
    out.bars.categories.push_back(Localised(s.dimensions[static_cast<size_t>(dimension)].members[static_cast<size_t>(m)].name, locale));
    Analysis by_member = Narrowed(*cache.analysis, dimension, m);
    for (size_t k = 0; k < layers.size(); ++k) {
      if (layers[k] < 0) {
        out.bars.values[k].push_back(by_member.Kpi(*def, by_member.range()));
      } else {
        Analysis cell = Narrowed(by_member, stack, layers[k]);
        out.bars.values[k].push_back(cell.Kpi(*def, cell.range()));
      }
    }
  }
  cache.bars.push_back(std::move(out));
}

std::string Key(const char* view, const UrlState& controls, Locale locale) {
  return std::string(view) + "|" + FormatUrlHash(controls) + "|" + (locale == Locale::kZh ? "zh" : "en");
}

void Rebuild(ViewCache& cache, const char* view, const Snapshot& s, const UrlState& controls, Locale locale) {
  cache.notices.clear();
  cache.analysis = std::make_unique<Analysis>(MakeAnalysis(s, controls, &cache.notices));
  cache.kpis.clear();
  cache.charts.clear();
  cache.bars.clear();
  Analysis& a = *cache.analysis;
  for (const char* id : ViewKpiIds(view)) {
    if (const KpiDefinition* def = FindKpi(id)) cache.kpis.push_back(MakeKpi(a, *def));
  }
  auto line_chart = [&](const std::string& title, std::initializer_list<std::pair<const char*, int>> kpis) {
    ChartData chart;
    chart.title = title;
    for (const auto& [id, axis] : kpis) {
      const KpiDefinition* def = FindKpi(id);
      if (def == nullptr || !a.WhyUnavailable(*def).empty()) continue;
      chart.lines.push_back(MakeLine(a, *def, Localised(def->label, locale), axis, true));
    }
    if (!chart.lines.empty()) cache.charts.push_back(std::move(chart));
  };
  const std::string v = view;
  if (v == "community") {
    line_chart(Tr(locale, "Daily active users (dashed: comparison period)", "日活跃用户 (虚线: 对比期)"), {{"dau", 0}});
    AddPerMemberChart(cache, "ad_revenue", "category", ChartKind::kStackedArea,
                      Tr(locale, "Ad revenue by category", "各品类广告收入"), locale);
    AddBars(cache, "engagements", "category", nullptr, Tr(locale, "Engagements by category (click to filter)", "各品类互动数 (点击筛选)"), locale);
    AddBars(cache, "dau", "region", nullptr, Tr(locale, "Average DAU by region (click to filter)", "各地区平均日活 (点击筛选)"), locale);
  } else if (v == "trading") {
    line_chart(Tr(locale, "Daily purchasing users and purchase conversion", "日购买用户与购买转化率"), {{"dpu", 0}, {"conversion", 1}});
    AddPerMemberChart(cache, "gmv", "channel", ChartKind::kStackedArea, Tr(locale, "GMV by channel", "各渠道成交额"), locale);
    AddPerMemberChart(cache, "aov", "channel", ChartKind::kLine,
                      Tr(locale, "Average order value by channel (GMV / orders per period)", "各渠道客单价 (成交额 / 订单数)"), locale);
    line_chart(Tr(locale, "Brand merchants (dashed: comparison period)", "品牌商家 (虚线: 对比期)"), {{"brand_merchants", 0}});
    AddBars(cache, "gmv", "category", "channel", Tr(locale, "GMV by category and channel (click to filter)", "各品类与渠道成交额 (点击筛选)"), locale);
    line_chart(Tr(locale, "Livestream sessions and viewers", "直播场次与观看人次"), {{"livestream_sessions", 0}, {"livestream_viewers", 1}});
  }
  cache.summary = FormatDate(a.range().first) + ".." + FormatDate(a.range().last);
}

ChartSeries LineSeries(const ChartData::Line& line, ImU32 color) {
  ChartSeries c;
  c.label = line.label;
  c.color = color;
  c.axis = line.axis;
  c.unit = line.unit;
  c.x = line.buckets.starts.data();
  c.values = line.buckets.values.data();
  c.count = line.buckets.values.size();
  c.step = c.count > 1 ? line.buckets.starts[1] - line.buckets.starts[0] : 1;
  if (!line.comparison.empty()) {
    c.comparison = line.comparison.data();
  }
  return c;
}

void QueueCsv(ViewsState& state, const std::string& name, const std::vector<std::string>& header,
              const std::vector<std::vector<std::string>>& rows) {
  state.downloads.push_back(Download{name, ToCsv(header, rows), "text/csv;charset=utf-8"});
}

std::string FileSafe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out.push_back(ok ? static_cast<char>(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0)) : '-');
    if (out.size() > 40) break;
  }
  return out;
}

void ExportChart(ViewsState& state, const ChartData& chart, const std::string& file_stem, Locale locale) {
  std::vector<std::string> header{Tr(locale, "period start", "周期开始")};
  for (const auto& line : chart.lines) {
    header.push_back(line.label);
    if (!line.comparison.empty()) header.push_back(line.label + Tr(locale, " (comparison)", " (对比期)"));
  }
  std::vector<std::vector<std::string>> rows;
  const size_t n = chart.lines.empty() ? 0 : chart.lines.front().buckets.starts.size();
  for (size_t i = 0; i < n; ++i) {
    std::vector<std::string> row{FormatDate(static_cast<Day>(chart.lines.front().buckets.starts[i]))};
    for (const auto& line : chart.lines) {
      row.push_back(i < line.buckets.values.size() ? CsvNumber(line.buckets.values[i]) : std::string());
      if (!line.comparison.empty()) row.push_back(CsvNumber(line.comparison[i]));
    }
    rows.push_back(std::move(row));
  }
  QueueCsv(state, "divboard-" + file_stem + ".csv", header, rows);
}

// A titled panel with a CSV export button in its corner; `body` draws inside.
template <typename Body>
bool Panel(const char* id, const std::string& title, ImVec2 size, const ChartContext& context, Body body) {
  return ChartPanel(id, title, size, context, Tr(context.locale, "CSV", "导出CSV"),
                    Tr(context.locale, "Download this chart's data as CSV", "下载此图表数据 (CSV)"),
                    std::string("csv:") + id, body);
}

}  // namespace

// [SECTION] Controls

namespace {

void ToggleFilter(UrlState& controls, const std::string& dimension, const std::string& member) {
  for (auto it = controls.filters.begin(); it != controls.filters.end(); ++it) {
    if (it->first != dimension) continue;
    auto& list = it->second;
    auto found = std::find(list.begin(), list.end(), member);
    if (found == list.end()) {
      list.push_back(member);
    } else {
      list.erase(found);
    }
    if (list.empty()) controls.filters.erase(it);
    return;
  }
  controls.filters.push_back({dimension, {member}});
}

bool HasFilter(const UrlState& controls, const std::string& dimension, const std::string& member) {
  for (const auto& f : controls.filters) {
    if (f.first == dimension) return std::find(f.second.begin(), f.second.end(), member) != f.second.end();
  }
  return false;
}

}  // namespace

void ResetFilters(UrlState& controls) {
  const UrlState defaults;
  controls.filters.clear();
  controls.range = defaults.range;
  controls.granularity = defaults.granularity;
  controls.comparison = defaults.comparison;
}

bool DrawFilterBar(const Session& session, UrlState& controls, const ChartContext& context) {
  const Locale l = context.locale;
  const Snapshot& s = session.snapshot();
  const UrlState before = controls;
  ImGui::PushID("filters");

  // Date range presets.
  const char* preview = Tr(l, "Custom range", "自定义范围");
  for (const PresetName& p : kPresets) {
    if (controls.range == p.id) preview = Tr(l, p.en, p.zh);
  }
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo("##range", preview)) {
    for (const PresetName& p : kPresets) {
      if (ImGui::Selectable(Tr(l, p.en, p.zh), controls.range == p.id)) controls.range = p.id;
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Date range", "日期范围"));

  // Granularity as a segmented control.
  struct Choice { const char* id; const char* en; const char* zh; };
  static const Choice kGranularities[] = {{"day", "Day", "日"}, {"week", "Week", "周"}, {"month", "Month", "月"}, {"quarter", "Quarter", "季"}};
  auto button_width = [](const char* text) { return ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2; };
  SameLineOrWrap(4 * 70, 16);
  bool first_choice = true;
  for (const Choice& g : kGranularities) {
    if (!first_choice) SameLineOrWrap(button_width(Tr(l, g.en, g.zh)), 2);
    first_choice = false;
    const bool on = controls.granularity == g.id;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(Tr(l, g.en, g.zh))) controls.granularity = g.id;
    if (on) ImGui::PopStyleColor();
  }

  static const Choice kComparisons[] = {{"none", "No comparison", "不对比"}, {"prev", "vs previous period", "对比上一周期"},
                                        {"yoy", "vs same period last year", "对比去年同期"}};
  SameLineOrWrap(190, 16);
  const char* cmp_preview = kComparisons[1].en;
  for (const Choice& c : kComparisons) {
    if (controls.comparison == c.id) cmp_preview = Tr(l, c.en, c.zh);
  }
  ImGui::SetNextItemWidth(190);
  if (ImGui::BeginCombo("##cmp", cmp_preview)) {
    for (const Choice& c : kComparisons) {
      if (ImGui::Selectable(Tr(l, c.en, c.zh), controls.comparison == c.id)) controls.comparison = c.id;
    }
    ImGui::EndCombo();
  }

  // A multi-select per dimension.
  for (const Dimension& d : s.dimensions) {
    const std::string name = Localised(d.name, l);
    SameLineOrWrap(button_width((name + " \xE2\x80\xA6").c_str()), 12);
    if (ImGui::Button((name + " \xE2\x80\xA6##" + d.id).c_str())) ImGui::OpenPopup(d.id.c_str());
    MarkItem("filter:" + d.id);
    if (ImGui::BeginPopup(d.id.c_str())) {
      // Escape closes the list even when keyboard navigation has not focused it yet.
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
      for (const Member& m : d.members) {
        bool on = HasFilter(controls, d.id, m.id);
        if (ImGui::Checkbox(Localised(m.name, l).c_str(), &on)) ToggleFilter(controls, d.id, m.id);
        MarkItem("filter:" + d.id + ":" + m.id);
      }
      ImGui::EndPopup();
    }
  }

  // Active filters as removable chips, and one reset.
  bool any = false;
  std::pair<std::string, std::string> remove;
  for (const auto& [dimension_id, members] : controls.filters) {
    const int dimension = s.FindDimension(dimension_id);
    for (const std::string& member_id : members) {
      std::string label = member_id;
      if (dimension >= 0) {
        for (const Member& m : s.dimensions[static_cast<size_t>(dimension)].members) {
          if (m.id == member_id) label = Localised(m.name, l);
        }
      }
      if (!any) ImGui::Dummy(ImVec2(0, 0));
      if (any) ImGui::SameLine(0, 6);
      any = true;
      if (ImGui::SmallButton((label + "  \xC3\x97##" + dimension_id + "/" + member_id).c_str())) remove = {dimension_id, member_id};
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Remove this filter", "移除此筛选"));
    }
  }
  if (!remove.first.empty()) ToggleFilter(controls, remove.first, remove.second);
  if (any || controls.range != UrlState().range || controls.granularity != UrlState().granularity ||
      controls.comparison != UrlState().comparison) {
    if (!any) ImGui::Dummy(ImVec2(0, 0));
    ImGui::SameLine(0, 12);
    if (ImGui::SmallButton(Tr(l, "Reset", "重置"))) ResetFilters(controls);
    MarkItem("reset");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Clear filters, range and comparison (R)", "清除筛选、范围与对比 (R)"));
  }
  ImGui::PopID();
  return FormatUrlHash(before) != FormatUrlHash(controls);
}

// [SECTION] Views

namespace {

// Daily purchasing users over every year of the snapshot, full width under the charts.
void DrawTradingCalendar(const Session& session, ViewsState& state, const ChartContext& context, float width) {
  const std::string title = Tr(context.locale, "Daily purchasing users by day, all years (all channels; empty: no data)",
                               "每日购买用户 (全部年份, 全部渠道; 空格: 无数据)");
  const float body = PurchasingCalendarHeight(session, state.heat_map, width - 12, context);
  ChartPanel("heatmap", title, ImVec2(width, body + 44), context, nullptr, nullptr, std::string(), [&](ImVec2 size) {
    DrawPurchasingCalendar(session, state.heat_map, context, size);
  });
}

}  // namespace

void DrawDivisionView(const char* view, const Session& session, UrlState& controls, ViewsState& state,
                      const ChartContext& context) {
  if (!session.has_data()) return;
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  DrawFilterBar(session, controls, context);
  const std::string key = Key(view, controls, l);
  if (!state.cache) state.cache = std::make_shared<ViewCache>();
  ViewCache& cache = *state.cache;
  if (cache.generation != session.generation() || cache.key != key) {
    Rebuild(cache, view, session.snapshot(), controls, l);
    cache.generation = session.generation();
    cache.key = key;
  }
  for (const std::string& n : cache.notices) ImGui::TextDisabled("%s", n.c_str());
  ImGui::Dummy(ImVec2(0, 4));
  const Analysis& a = *cache.analysis;
  TileContext tiles{&context, a.range(), a.comparison(),
                    Tr(l, "Sparkline: the KPI per period of the chosen granularity", "迷你图: 按所选粒度的每期数值")};
  tiles.change_label = controls.comparison == "yoy" ? Tr(l, "vs last year", "同比") : Tr(l, "vs previous", "环比");
  tiles.kept = &state.tiles;
  DrawKpiTiles(cache.kpis, tiles);

  const float gap = 12;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool two_columns = width > 900;
  const float column = two_columns ? (width - gap) / 2 : width;
  const float height = 320;
  int placed = 0;
  auto next = [&]() {
    if (two_columns && placed % 2 == 1) ImGui::SameLine(0, gap);
    ++placed;
  };
  const ViewRange bounds{static_cast<double>(a.range().first), static_cast<double>(a.range().last)};
  for (size_t i = 0; i < cache.charts.size() && i < 6; ++i) {
    const ChartData& chart = cache.charts[i];
    next();
    const std::string id = "chart" + std::to_string(i);
    const bool export_clicked = Panel(id.c_str(), chart.title, ImVec2(column, height), context, [&](ImVec2 size) {
      std::vector<ChartSeries> series;
      for (size_t k = 0; k < chart.lines.size(); ++k) {
        ImU32 color = p.series[k % 6];
        if (chart.lines.size() == 1) color = std::string(view) == "trading" ? p.trading : p.community;
        series.push_back(LineSeries(chart.lines[k], color));
        series.back().comparison_label = Tr(l, "comparison", "对比期");
      }
      ChartOptions options;
      options.kind = chart.kind;
      options.events = &session.snapshot().events;
      options.bounds = bounds;
      options.min_span = std::min(7.0, bounds.span());
      state.charts[i].link = &state.link;
      DrawTimeSeriesChart(id.c_str(), series, options, state.charts[i], context, size);
    });
    if (export_clicked) ExportChart(state, chart, std::string(view) + "-" + FileSafe(chart.lines.front().label), l);
  }
  for (size_t i = 0; i < cache.bars.size(); ++i) {
    BarsData& bars = cache.bars[i];
    next();
    const std::string id = "bars" + std::to_string(i);
    BarHit clicked;
    const bool export_clicked = Panel(id.c_str(), bars.title, ImVec2(column, height), context, [&](ImVec2 size) {
      BarData data = bars.bars;
      for (size_t k = 0; k < data.layers.size(); ++k) data.layer_colors.push_back(data.layers.size() == 1 ? p.series[2] : p.series[k % 6]);
      DrawBarChart(id.c_str(), data, context, size, &clicked);
    });
    // Clicking a bar cross-filters the whole view by that member.
    if (clicked.category >= 0 && static_cast<size_t>(clicked.category) < bars.members.size()) {
      const Snapshot& s = session.snapshot();
      const int dimension = s.FindDimension(bars.dimension);
      const Member& m = s.dimensions[static_cast<size_t>(dimension)].members[static_cast<size_t>(bars.members[static_cast<size_t>(clicked.category)])];
      ToggleFilter(controls, bars.dimension, m.id);
    }
    if (export_clicked) {
      std::vector<std::string> header{bars.dimension};
      for (const std::string& layer : bars.bars.layers) header.push_back(layer);
      std::vector<std::vector<std::string>> rows;
      for (size_t c = 0; c < bars.bars.categories.size(); ++c) {
        std::vector<std::string> row{bars.bars.categories[c]};
        for (const auto& layer : bars.bars.values) row.push_back(CsvNumber(layer[c]));
        rows.push_back(std::move(row));
      }
      QueueCsv(state, std::string("divboard-") + view + "-by-" + bars.dimension + ".csv", header, rows);
    }
  }
  if (std::string(view) == "trading") DrawTradingCalendar(session, state, context, width);
}

namespace {

ChartSeries MonthlySeries(const std::string& label, const Resampled& r, ImU32 color, int axis, Unit unit) {
  ChartSeries c;
  c.label = label;
  c.color = color;
  c.axis = axis;
  c.unit = unit;
  c.x = r.starts.data();
  c.values = r.values.data();
  c.count = r.values.size();
  c.step = 30;
  return c;
}

// One host's months: totals with conversion and AOV from the core, GMV and buyers per
// month, sessions per month, and a CSV of the months.
void DrawHostDrilldown(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context,
                       ImVec2 size) {
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  const Snapshot& s = session.snapshot();
  const std::string key = std::to_string(session.generation()) + "|" + controls.host;
  if (state.drilldown_key != key) {
    state.drilldown = DrillDownHost(s, state.selected_host);
    state.drilldown_key = key;
    for (ChartState& c : state.drilldown_charts) c.own_link.valid = false;
  }
  const HostDrilldown& d = state.drilldown;
  if (d.host < 0) return;
  const Host& h = s.hosts[static_cast<size_t>(d.host)];
  const std::string title = h.name + "  " + h.name_latin + Tr(l, "  \xC2\xB7  by month", "  \xC2\xB7  月度");
  bool close = false;
  const bool export_clicked = Panel("host_drilldown", title, size, context, [&](ImVec2 inner) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // Close sits left of the CSV button in the title row (where ChartPanel puts that button).
    const char* close_label = Tr(l, "Close \xC3\x97", "关闭 \xC3\x97");
    const float csv_x = top.x + inner.x + 6 - ImGui::CalcTextSize(Tr(l, "CSV", "导出CSV")).x - 24;
    const float close_width = ImGui::CalcTextSize(close_label).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(csv_x - 8 - close_width, top.y - 30));
    close = ImGui::SmallButton(close_label);
    MarkItem("host_close");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Close the drill-down (Esc)", "关闭明细 (Esc)"));
    ImGui::SetCursorScreenPos(ImVec2(top.x + 8, top.y));
    // Totals: the months' sums, with ratios of the sums (never averaged month ratios).
    const std::pair<const char*, std::string> totals[] = {
        {Tr(l, "Sessions", "场次"), FormatGrouped(d.total_sessions)},
        {Tr(l, "GMV", "成交额"), FormatValue(d.total_gmv, Unit::kCurrency, l)},
        {Tr(l, "Buyers", "购买用户"), FormatCompact(d.total_purchasing_users, l)},
        {Tr(l, "Viewers", "观看人次"), FormatCompact(d.total_viewers, l)},
        {Tr(l, "Conversion", "转化率"), FormatValue(d.conversion, Unit::kRatio, l)},
        {Tr(l, "AOV", "客单价"), FormatValue(d.aov, Unit::kCurrency, l)}};
    // Laid out by hand: ImGui's own wrapping would return to the window's edge, not the panel's.
    ImVec2 at(top.x + 8, top.y);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    for (const auto& [label, value] : totals) {
      ImGui::PushFont(context.fonts->bold);
      const float value_width = ImGui::CalcTextSize(value.c_str()).x;
      ImGui::PopFont();
      const float item_width = ImGui::CalcTextSize(label).x + 6 + value_width;
      if (at.x > top.x + 8 && at.x + item_width > top.x + inner.x - 8) at = ImVec2(top.x + 8, at.y + line);
      ImGui::SetCursorScreenPos(at);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.text_muted), "%s", label);
      ImGui::SameLine(0, 6);
      ImGui::PushFont(context.fonts->bold);
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopFont();
      at.x += item_width + 18;
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, at.y + line + 4));
    const float used = ImGui::GetCursorScreenPos().y - top.y;
    const float left = std::max(120.0f, inner.y - used - 4);
    const ImVec2 charts_at = ImGui::GetCursorScreenPos();
    if (!d.has_months) {
      ImGui::TextDisabled("%s", Tr(l, "This snapshot has no monthly figures for this host.", "此快照没有该主播的月度数据。"));
      return;
    }
    const double first_day = d.sessions.starts.front();
    const double last_day = d.sessions.starts.back() + d.sessions.days.back() - 1;
    ChartOptions options;
    options.bounds = ViewRange{first_day, last_day};
    options.min_span = std::min(28.0, options.bounds.span());
    DrawTimeSeriesChart("host_gmv",
                        {MonthlySeries(Tr(l, "GMV", "成交额"), d.gmv, p.trading, 0, Unit::kCurrency),
                         MonthlySeries(Tr(l, "Purchasing users", "购买用户"), d.purchasing_users, p.series[0], 1, Unit::kUsers)},
                        options, state.drilldown_charts[0], context, ImVec2(inner.x, left * 0.62f));
    ImGui::SetCursorScreenPos(ImVec2(charts_at.x, charts_at.y + left * 0.62f + 4));
    ChartOptions bars = options;
    bars.kind = ChartKind::kBar;
    state.drilldown_charts[1].link = state.drilldown_charts[0].active();
    DrawTimeSeriesChart("host_sessions", {MonthlySeries(Tr(l, "Sessions", "场次"), d.sessions, p.series[2], 0, Unit::kCount)},
                        bars, state.drilldown_charts[1], context, ImVec2(inner.x, left * 0.38f - 4));
  });
  if (close) controls.host.clear();
  if (export_clicked) QueueCsv(state, "divboard-host-" + h.id + ".csv", HostDrilldownCsvHeader(), HostDrilldownCsvRows(d));
}

}  // namespace

void DrawHostsView(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context) {
  if (!session.has_data()) return;
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  const Snapshot& s = session.snapshot();
  const int category_dim = s.FindDimension("category");
  // The open drill-down is the link's host; clicking a row or a point opens or closes it.
  state.selected_host = controls.host.empty() ? -1 : FindHost(s, controls.host);
  auto toggle_host = [&](int index) {
    controls.host = index == state.selected_host ? std::string() : s.hosts[static_cast<size_t>(index)].id;
  };
  if (state.selected_host >= 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
      !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) && !ImGui::GetIO().WantTextInput) {
    controls.host.clear();  // Escape closes the drill-down
  }

  // Search by Chinese or Latin name (case-insensitive for Latin).
  char buffer[128] = {0};
  std::strncpy(buffer, state.host_search.c_str(), sizeof buffer - 1);
  ImGui::SetNextItemWidth(280);
  if (ImGui::InputTextWithHint("##search", Tr(l, "Search hosts (名字 or name)", "搜索主播 (中文或拼音)"), buffer, sizeof buffer)) {
    state.host_search = buffer;
  }
  auto lower = [](std::string t) {
    for (char& c : t) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return t;
  };
  const std::string needle = lower(state.host_search);
  std::vector<int> rows;
  for (size_t i = 0; i < s.hosts.size(); ++i) {
    const Host& h = s.hosts[i];
    if (needle.empty() || h.name.find(state.host_search) != std::string::npos ||
        lower(h.name_latin).find(needle) != std::string::npos) {
      rows.push_back(static_cast<int>(i));
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled(Tr(l, "%zu of %zu hosts", "%zu / %zu 位主播"), rows.size(), s.hosts.size());
  ImGui::SameLine();
  const bool export_clicked = ImGui::SmallButton(Tr(l, "CSV", "导出CSV"));
  MarkItem("csv:hosts");

  const float width = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = width > 1100;
  const float table_width = side_by_side ? width * 0.55f : width;
  const float height = std::max(360.0f, ImGui::GetContentRegionAvail().y - 8);
  const bool drilling = state.selected_host >= 0;
  // With a host open: beside the table on wide screens (above the scatter), under it on
  // narrow ones (in place of the scatter).
  const float table_height = side_by_side ? height : height * (drilling ? 0.36f : 0.55f);
  enum Column { kName, kCategory, kFans, kSessions, kGmv, kBuyers, kConversion, kAov, kColumns };
  auto value = [&](const Host& h, int column) -> double {
    switch (column) {
      case kFans: return h.fans;
      case kSessions: return h.sessions;
      case kGmv: return h.gmv;
      case kBuyers: return h.purchasing_users;
      case kConversion: return h.viewers > 0 ? h.purchasing_users / h.viewers : NAN;
      case kAov: return h.orders > 0 ? h.gmv / h.orders : NAN;
      default: return 0;
    }
  };
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("hosts", kColumns, flags, ImVec2(table_width, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr(l, "Host", "主播"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(Tr(l, "Category", "品类"), 0, 1.0f);
    ImGui::TableSetupColumn(Tr(l, "Fans", "粉丝"), 0, 1.0f);
    ImGui::TableSetupColumn(Tr(l, "Sessions", "场次"), 0, 0.8f);
    ImGui::TableSetupColumn(Tr(l, "GMV", "成交额"), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 1.1f);
    ImGui::TableSetupColumn(Tr(l, "Buyers", "购买用户"), 0, 1.0f);
    ImGui::TableSetupColumn(Tr(l, "Conversion", "转化率"), 0, 1.0f);
    ImGui::TableSetupColumn(Tr(l, "AOV", "客单价"), 0, 0.9f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
      if (specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
        const int column = spec.ColumnIndex;
        const bool ascending = spec.SortDirection == ImGuiSortDirection_Ascending;
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
          const Host& ha = s.hosts[static_cast<size_t>(a)];
          const Host& hb = s.hosts[static_cast<size_t>(b)];
          if (column == kName) return ascending ? ha.name_latin < hb.name_latin : ha.name_latin > hb.name_latin;
          if (column == kCategory) return ascending ? ha.category < hb.category : ha.category > hb.category;
          const double va = value(ha, column), vb = value(hb, column);
          if (std::isnan(va) != std::isnan(vb)) return std::isnan(vb);  // missing values last
          return ascending ? va < vb : va > vb;
        });
      }
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const int index = rows[static_cast<size_t>(r)];
        const Host& h = s.hosts[static_cast<size_t>(index)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = h.name + "  " + h.name_latin + "##" + h.id;
        if (ImGui::Selectable(label.c_str(), state.selected_host == index, ImGuiSelectableFlags_SpanAllColumns)) {
          toggle_host(index);
        }
        MarkItem("host:" + h.id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Click for this host's months (Esc closes)", "点击查看该主播的月度数据 (Esc 关闭)"));
        ImGui::TableNextColumn();
        if (category_dim >= 0 && h.category >= 0) {
          ImGui::TextUnformatted(Localised(s.dimensions[static_cast<size_t>(category_dim)].members[static_cast<size_t>(h.category)].name, l).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatCompact(h.fans, l).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatGrouped(h.sessions).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatValue(h.gmv, Unit::kCurrency, l).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatCompact(h.purchasing_users, l).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatValue(value(h, kConversion), Unit::kRatio, l).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatValue(value(h, kAov), Unit::kCurrency, l).c_str());
      }
    }
    ImGui::EndTable();
  }
  if (export_clicked) {
    std::vector<std::vector<std::string>> out;
    for (int index : rows) {
      const Host& h = s.hosts[static_cast<size_t>(index)];
      const std::string category = category_dim >= 0 && h.category >= 0
                                       ? s.dimensions[static_cast<size_t>(category_dim)].members[static_cast<size_t>(h.category)].id
                                       : std::string();
      out.push_back({h.id, h.name, h.name_latin, category, CsvNumber(h.fans), CsvNumber(h.sessions), CsvNumber(h.viewers),
                     CsvNumber(h.gmv), CsvNumber(h.orders), CsvNumber(h.purchasing_users)});
    }
    QueueCsv(state, "divboard-hosts.csv",
             {"id", "name", "name_latin", "category", "fans", "sessions", "viewers", "gmv", "orders", "purchasing_users"}, out);
  }

  // Fans against GMV, log-log, with the correlation: do fans predict sales?
  std::vector<double> fans, gmv, sessions;
  std::vector<std::string> names;
  std::vector<ImU32> colors;
  for (int index : rows) {
    const Host& h = s.hosts[static_cast<size_t>(index)];
    fans.push_back(h.fans);
    gmv.push_back(h.gmv);
    sessions.push_back(h.sessions);
    names.push_back(h.name + "  " + h.name_latin);
    colors.push_back(index == state.selected_host ? p.bad : p.trading);
  }
  std::vector<double> log_fans, log_gmv;
  for (size_t i = 0; i < fans.size(); ++i) {
    log_fans.push_back(fans[i] > 0 ? std::log10(fans[i]) : NAN);
    log_gmv.push_back(gmv[i] > 0 ? std::log10(gmv[i]) : NAN);
  }
  const double r = Correlation(log_fans.data(), log_gmv.data(), log_fans.size());
  if (side_by_side) ImGui::SameLine(0, 12);
  const float scatter_width = side_by_side ? width - table_width - 12 : width;
  if (drilling) {
    const float drill_height = side_by_side ? height * 0.6f - 6 : height - table_height - 8;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    DrawHostDrilldown(session, controls, state, context, ImVec2(scatter_width, drill_height));
    if (!side_by_side) return;  // narrow: the drill-down takes the scatter's place
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + drill_height + 12));
  }
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float scatter_height = side_by_side ? (drilling ? height * 0.4f - 6 : height) : height * 0.45f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + scatter_width, at.y + scatter_height), p.panel, 8);
  char title[200];
  std::snprintf(title, sizeof title, "%s r = %.2f  (%s)", Tr(l, "Fans vs GMV, log scales:", "粉丝数与成交额 (对数坐标):"), r,
                std::fabs(r) < 0.5 ? Tr(l, "fans predict sales poorly", "粉丝数对销售的预测力弱")
                                   : Tr(l, "fans predict sales", "粉丝数能预测销售"));
  draw->AddText(context.fonts->bold, context.fonts->bold->FontSize * ImGui::GetIO().FontGlobalScale,
                ImVec2(at.x + 14, at.y + 10), p.text, title);
  ImGui::SetCursorScreenPos(ImVec2(at.x + 6, at.y + 36));
  ScatterData data;
  data.x = fans.data();
  data.y = gmv.data();
  data.size = sessions.data();
  data.count = fans.size();
  data.names = names.data();
  data.colors = colors.data();
  data.color = p.trading;
  data.x_label = Tr(l, "Fans", "粉丝数");
  data.y_label = Tr(l, "GMV", "成交额");
  data.y_unit = Unit::kCurrency;
  data.log_x = data.log_y = true;
  int clicked = -1;
  DrawScatterChart("hosts_scatter", data, context, ImVec2(scatter_width - 12, scatter_height - 44), &clicked,
                   &state.host_markers);
  if (clicked >= 0) toggle_host(rows[static_cast<size_t>(clicked)]);
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + scatter_height));
  ImGui::Dummy(ImVec2(0, 0));
}

namespace {

// A segmented control: one button per choice, the current one highlighted. Returns true on a change.
bool Segmented(const char* id, std::string* value, std::initializer_list<std::pair<const char*, const char*>> choices,
               const char* tooltip) {
  ImGui::PushID(id);
  bool changed = false;
  bool first = true;
  for (const auto& [choice, label] : choices) {
    if (!first) ImGui::SameLine(0, 2);
    first = false;
    const bool on = *value == choice;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label) && !on) {
      *value = choice;
      changed = true;
    }
    if (on) ImGui::PopStyleColor();
    MarkItem(std::string(id) + ":" + choice);
    if (tooltip != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
  }
  ImGui::PopID();
  return changed;
}

// A period typed as "YYYY-MM-DD..YYYY-MM-DD": applied to the link once it parses.
void PeriodField(const char* id, const char* label, char (&text)[24], std::string* period, DayRange resolved,
                 const ChartContext& context) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, 6);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00..0000-00-00").x + 16);
  if (ImGui::InputText(id, text, sizeof text, ImGuiInputTextFlags_CharsNoBlank)) {
    const ParsedUrlState parsed = ParseUrlHash(std::string("pa=") + text);
    if (!parsed.state.period_a.empty()) *period = parsed.state.period_a;
  }
  // Outside editing the field shows the period in force (a half-typed one is dropped).
  if (!ImGui::IsItemActive()) {
    const std::string shown = FormatDate(resolved.first) + ".." + FormatDate(resolved.last);
    std::snprintf(text, sizeof text, "%s", shown.c_str());
  }
  MarkItem(std::string("period:") + (id + 2));  // "##a" -> "period:a"
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", Tr(context.locale, "First..last day, e.g. 2025-03-01..2025-03-31", "起止日期, 如 2025-03-01..2025-03-31"));
  }
}

// One metric over two periods the analyst picks: totals by the metric's rule and their
// change (a tile), and the days overlaid by day offset or side by side.
void DrawComparePeriods(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context) {
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  const Snapshot& s = session.snapshot();
  std::vector<std::string> notices;
  const PeriodsRequest asked = ResolvePeriods(s, controls, &notices);
  notices.clear();
  // Controls: metric, the two periods, quick picks for B, layout.
  ImGui::SetNextItemWidth(220);
  if (ImGui::BeginCombo("##period_metric", Localised(asked.kpi->label, l).c_str())) {
    for (const char* id : PeriodMetricIds()) {
      const KpiDefinition* def = FindKpi(id);
      if (def && ImGui::Selectable(Localised(def->label, l).c_str(), asked.kpi == def)) controls.metric = id;
    }
    ImGui::EndCombo();
  }
  MarkItem("period_metric");
  SameLineOrWrap(300, 16);
  PeriodField("##a", Tr(l, "Period A", "时段 A"), state.period_text[0], &controls.period_a, asked.a, context);
  SameLineOrWrap(300, 16);
  PeriodField("##b", Tr(l, "against B", "对比时段 B"), state.period_text[1], &controls.period_b, asked.b, context);
  auto range_text = [](DayRange r) { return FormatDate(r.first) + ".." + FormatDate(r.last); };
  SameLineOrWrap(200, 12);
  if (ImGui::SmallButton(Tr(l, "B = a year before A", "B = A 的去年同期"))) {
    controls.period_a = range_text(asked.a);
    controls.period_b = range_text(DayRange{asked.a.first - 364, asked.a.last - 364});
  }
  MarkItem("period_b_year");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "364 days back: the same weekdays", "往前 364 天: 星期对齐"));
  SameLineOrWrap(160, 6);
  if (ImGui::SmallButton(Tr(l, "B = just before A", "B = A 的上一期"))) {
    controls.period_a = range_text(asked.a);
    const DayRange before = PreviousPeriod(asked.a);
    controls.period_b = range_text(before);
  }
  MarkItem("period_b_previous");
  SameLineOrWrap(220, 16);
  Segmented("layout", &controls.layout,
            {{"overlay", Tr(l, "Overlaid", "叠加")}, {"side", Tr(l, "Side by side", "并排")}},
            Tr(l, "Overlaid: aligned by day offset", "叠加: 按第几天对齐"));

  // The controls above may have changed the link this frame: resolve it again.
  const PeriodsRequest request = ResolvePeriods(s, controls, &notices);
  std::string key = std::to_string(session.generation()) + "|" + FormatUrlHash(controls);
  if (state.periods_key != key) {
    std::vector<std::string> ignored;
    Analysis analysis = MakeAnalysis(s, controls, &ignored);
    state.periods = ComparePeriods(analysis, *request.kpi, request.a, request.b);
    state.periods_kpi = request.kpi;
    state.periods_key = key;
    for (ChartState& c : state.period_charts) c.own_link.valid = false;
  }
  const PeriodComparison& c = state.periods;
  for (const std::string& n : notices) ImGui::TextDisabled("%s", n.c_str());
  KpiValue tile;
  tile.id = request.kpi->id;
  tile.label = request.kpi->label;
  tile.unit = request.kpi->unit;
  tile.higher_is_better = request.kpi->higher_is_better;
  tile.available = true;
  tile.value = c.total_a;
  tile.previous = c.total_b;
  tile.change = c.change;
  tile.trend = c.daily_a;
  ImGui::Dummy(ImVec2(0, 2));
  TileContext tiles{&context, c.a, c.b, Tr(l, "Sparkline: period A by day", "迷你图: 时段 A 每日数值")};
  tiles.change_label = Tr(l, "A vs B", "A 对比 B");
  DrawKpiTiles({tile}, tiles);
  // Days outside the data are skipped: say so, or a short sum would read as a drop.
  for (int which = 0; which < 2; ++which) {
    const DayRange r = which == 0 ? c.a : c.b;
    const int covered = which == 0 ? c.covered_a : c.covered_b;
    if (covered < r.days()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.bad), l == Locale::kZh ? "时段 %s 只有 %d / %d 天有数据" : "Period %s has data for %d of %d days",
                         which == 0 ? "A" : "B", covered, r.days());
    }
  }
  const float height = std::max(300.0f, ImGui::GetContentRegionAvail().y - 8);
  const float width = ImGui::GetContentRegionAvail().x;
  const std::string label_a = "A " + range_text(c.a), label_b = "B " + range_text(c.b);
  const Unit unit = request.kpi->unit;
  bool export_clicked = false;
  if (controls.layout == "side") {
    const bool two = width > 900;
    const float w = two ? (width - 12) / 2 : width;
    const float h = two ? height : std::max(260.0f, height / 2 - 6);
    for (int which = 0; which < 2; ++which) {
      const DayRange r = which == 0 ? c.a : c.b;
      const std::vector<double>& values = which == 0 ? c.daily_a : c.daily_b;
      if (which == 1 && two) ImGui::SameLine(0, 12);
      const std::string id = which == 0 ? "period_a" : "period_b";
      const bool clicked = Panel(id.c_str(), which == 0 ? label_a : label_b, ImVec2(w, h), context, [&](ImVec2 size) {
        ChartSeries line;
        line.label = Localised(request.kpi->label, l);
        line.color = which == 0 ? p.series[0] : p.series[1];
        line.unit = unit;
        line.start = r.first;
        line.values = values.data();
        line.count = static_cast<size_t>(r.days());
        ChartOptions options;
        options.events = &s.events;
        options.bounds = ViewRange{static_cast<double>(r.first), static_cast<double>(r.last)};
        options.min_span = std::min(7.0, options.bounds.span());
        DrawTimeSeriesChart(id.c_str(), {line}, options, state.period_charts[which], context, size);
      });
      export_clicked = export_clicked || clicked;
    }
  } else {
    export_clicked = Panel("periods", Tr(l, "Overlaid by day offset (x: days of period A; dashed: period B)", "按天对齐叠加 (横轴: 时段 A 的日期; 虚线: 时段 B)"),
                           ImVec2(width, height), context, [&](ImVec2 size) {
      ChartSeries line;
      line.label = label_a;
      line.color = p.series[0];
      line.unit = unit;
      line.start = c.a.first;
      line.values = c.daily_a.data();
      line.comparison = c.daily_b.data();
      line.comparison_label = Tr(l, "dashed: ", "虚线: ") + label_b;
      line.count = c.daily_a.size();
      ChartOptions options;
      options.bounds = ViewRange{static_cast<double>(c.a.first), static_cast<double>(c.a.first) + static_cast<double>(c.daily_a.size()) - 1};
      options.min_span = std::min(7.0, options.bounds.span());
      DrawTimeSeriesChart("periods_chart", {line}, options, state.period_charts[0], context, size);
    });
  }
  if (export_clicked) {
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < c.daily_a.size(); ++i) {
      const Day da = c.a.first + static_cast<Day>(i), db = c.b.first + static_cast<Day>(i);
      rows.push_back({std::to_string(i + 1), da <= c.a.last ? FormatDate(da) : std::string(), CsvNumber(c.daily_a[i]),
                      db <= c.b.last ? FormatDate(db) : std::string(), CsvNumber(c.daily_b[i])});
    }
    QueueCsv(state, "divboard-periods-" + std::string(request.kpi->id) + ".csv",
             {"day", "period A date", "period A", "period B date", "period B"}, rows);
  }
}

}  // namespace

void DrawCompareView(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context) {
  if (!session.has_data()) return;
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  DrawFilterBar(session, controls, context);
  Segmented("compare", &controls.compare,
            {{"metrics", Tr(l, "Two metrics", "两个指标")}, {"periods", Tr(l, "Two periods", "两个时段")}},
            Tr(l, "Compare two metrics, or one metric over two periods", "对比两个指标, 或同一指标的两个时段"));
  if (controls.compare == "periods") {
    DrawComparePeriods(session, controls, state, context);
    return;
  }
  ImGui::SameLine(0, 16);
  static const char* kChoices[] = {"dau", "dpu", "conversion", "gmv", "orders", "aov", "ad_revenue", "brand_merchants",
                                   "commerce_share", "mau", "engagements", "notes_published", "livestream_sessions",
                                   "livestream_viewers"};
  auto pick = [&](const char* id, std::string* chosen) {
    const KpiDefinition* current = FindKpi(*chosen);
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo(id, current ? Localised(current->label, l).c_str() : chosen->c_str())) {
      for (const char* k : kChoices) {
        const KpiDefinition* def = FindKpi(k);
        if (def && ImGui::Selectable(Localised(def->label, l).c_str(), *chosen == k)) *chosen = k;
      }
      ImGui::EndCombo();
    }
  };
  pick("##a", &controls.metric_a);
  ImGui::SameLine();
  ImGui::TextUnformatted(Tr(l, "against", "对比"));
  ImGui::SameLine();
  pick("##b", &controls.metric_b);
  ImGui::SameLine(0, 16);
  ImGui::Checkbox(Tr(l, "Indexed to 100", "指数化 (=100)"), &state.compare_indexed);

  std::vector<std::string> notices;
  Analysis a = MakeAnalysis(session.snapshot(), controls, &notices);
  const KpiDefinition* da = FindKpi(controls.metric_a);
  const KpiDefinition* db = FindKpi(controls.metric_b);
  if (da == nullptr || db == nullptr) return;
  // Two metrics, side by side in numbers and overlaid in one chart (second axis unless indexed).
  const ChartData::Line la = MakeLine(a, *da, Localised(da->label, l), 0, true);
  const ChartData::Line lb = MakeLine(a, *db, Localised(db->label, l), state.compare_indexed ? 0 : 1, true);
  std::vector<KpiValue> tiles{MakeKpi(a, *da), MakeKpi(a, *db)};
  DrawKpiTiles(tiles, TileContext{&context, a.range(), a.comparison(), Tr(l, "Sparkline: per period", "迷你图: 每期数值")});
  const float height = std::max(320.0f, ImGui::GetContentRegionAvail().y - 8);
  ChartData chart;
  chart.lines = {la, lb};
  const bool export_clicked = Panel("compare", Tr(l, "Overlaid (dashed: comparison period)", "叠加对比 (虚线: 对比期)"),
                                    ImVec2(ImGui::GetContentRegionAvail().x, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series{LineSeries(la, p.series[0]), LineSeries(lb, p.series[1])};
    for (auto& s : series) s.comparison_label = Tr(l, "comparison", "对比期");
    ChartOptions options;
    options.indexed = state.compare_indexed;
    options.events = &session.snapshot().events;
    options.bounds = ViewRange{static_cast<double>(a.range().first), static_cast<double>(a.range().last)};
    options.min_span = std::min(7.0, options.bounds.span());
    state.charts[0].link = nullptr;
    DrawTimeSeriesChart("compare_chart", series, options, state.charts[0], context, size);
  });
  if (export_clicked) ExportChart(state, chart, "compare", l);
}

const std::vector<KpiValue>* CurrentViewKpis(const ViewsState& state) {
  return state.cache ? &state.cache->kpis : nullptr;
}

std::string CurrentViewSummary(const ViewsState& state) { return state.cache ? state.cache->summary : std::string(); }

const HostDrilldown* CurrentHostDrilldown(const ViewsState& state, const UrlState& controls) {
  if (controls.view != "hosts" || controls.host.empty() || state.drilldown.host < 0) return nullptr;
  const std::string suffix = "|" + controls.host;  // drawn for this host, not a previous one
  const std::string& key = state.drilldown_key;
  if (key.size() < suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0) return nullptr;
  return &state.drilldown;
}

const PeriodComparison* CurrentPeriods(const ViewsState& state, const UrlState& controls, const KpiDefinition** kpi) {
  if (controls.view != "compare" || controls.compare != "periods" || state.periods_kpi == nullptr) return nullptr;
  *kpi = state.periods_kpi;
  return &state.periods;
}

}  // namespace divboard::ui
