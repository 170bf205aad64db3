#include "ui/gallery.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/breakdown.h"
#include "core/chart_math.h"
#include "ui/automation.h"
#include "ui/bar_chart.h"
#include "ui/i18n.h"
#include "ui/scatter_chart.h"

namespace divboard::ui {

struct GalleryData {
  const Series* dau = nullptr;
  const Series* dpu = nullptr;
  std::vector<double> dau_last_year, dpu_last_year;
  Resampled gmv_weekly, orders_monthly;
  std::vector<Resampled> gmv_weekly_by_channel, orders_monthly_by_channel;
  std::vector<std::string> channel_names;
  BarData gmv_by_category;
  std::vector<double> fans, gmv, sessions;
  std::vector<std::string> host_names;
  double host_correlation = 0;
  ViewRange bounds;
};

namespace {

const Series* TotalOf(const Snapshot& s, const char* id) {
  const int m = s.FindMetric(id);
  return m >= 0 ? s.Total(m) : nullptr;
}

std::shared_ptr<GalleryData> Build(const Snapshot& s, Locale locale) {
  auto d = std::make_shared<GalleryData>();
  const auto span = s.Span();
  d->bounds = ViewRange{static_cast<double>(span.first), static_cast<double>(span.second)};
  const DayRange all{span.first, span.second};
  d->dau = TotalOf(s, "dau");
  d->dpu = TotalOf(s, "dpu");
  if (d->dau) d->dau_last_year = Shifted(*d->dau, 364);
  if (d->dpu) d->dpu_last_year = Shifted(*d->dpu, 364);
  if (const Series* gmv = TotalOf(s, "gmv")) d->gmv_weekly = Resample(*gmv, Rollup::kSum, Granularity::kWeek, all);
  if (const Series* orders = TotalOf(s, "orders")) d->orders_monthly = Resample(*orders, Rollup::kSum, Granularity::kMonth, all);
  const int channel = s.FindDimension("channel");
  const int category = s.FindDimension("category");
  const int gmv_metric = s.FindMetric("gmv");
  const int orders_metric = s.FindMetric("orders");
  for (const MemberSeries& ms : BreakdownBy(s, gmv_metric, channel)) {
    d->gmv_weekly_by_channel.push_back(Resample(ms.series, Rollup::kSum, Granularity::kWeek, all));
    d->channel_names.push_back(Localised(s.dimensions[static_cast<size_t>(channel)].members[static_cast<size_t>(ms.member)].name, locale));
  }
  for (const MemberSeries& ms : BreakdownBy(s, orders_metric, channel)) {
    d->orders_monthly_by_channel.push_back(Resample(ms.series, Rollup::kSum, Granularity::kMonth, all));
  }
  // GMV of the last 30 days by category, stacked by channel: sums of the channel x category cells.
  if (category >= 0 && channel >= 0 && gmv_metric >= 0) {
    const DayRange last30{span.second - 29, span.second};
    const auto& categories = s.dimensions[static_cast<size_t>(category)].members;
    const auto& channels = s.dimensions[static_cast<size_t>(channel)].members;
    BarData& bars = d->gmv_by_category;
    bars.unit = Unit::kCurrency;
    for (const Member& c : categories) bars.categories.push_back(Localised(c.name, locale));
    for (const Member& c : channels) bars.layers.push_back(Localised(c.name, locale));
    bars.values.assign(channels.size(), std::vector<double>(categories.size(), 0.0));
    for (const Series& series : s.series) {
      if (series.metric != gmv_metric || series.dims.size() != 2) continue;
      int cat = -1, ch = -1;
      for (const Coordinate& co : series.dims) {
        if (co.dimension == category) cat = co.member;
        if (co.dimension == channel) ch = co.member;
      }
      if (cat < 0 || ch < 0) continue;
      bars.values[static_cast<size_t>(ch)][static_cast<size_t>(cat)] += Aggregate(series, Rollup::kSum, last30);
    }
  }
  for (const Host& h : s.hosts) {
    d->fans.push_back(h.fans);
    d->gmv.push_back(h.gmv);
    d->sessions.push_back(h.sessions);
    d->host_names.push_back(h.name_latin.empty() ? h.name : h.name + "  " + h.name_latin);
  }
  std::vector<double> log_fans, log_gmv;
  for (size_t i = 0; i < d->fans.size(); ++i) {
    log_fans.push_back(d->fans[i] > 0 ? std::log10(d->fans[i]) : NAN);
    log_gmv.push_back(d->gmv[i] > 0 ? std::log10(d->gmv[i]) : NAN);
  }
  d->host_correlation = Correlation(log_fans.data(), log_gmv.data(), log_fans.size());
  return d;
}

ChartSeries FromDaily(const char* label, const Series& s, ImU32 color, int axis, Unit unit, PyramidCache& pyramids) {
  ChartSeries c;
  c.label = label;
  c.color = color;
  c.axis = axis;
  c.unit = unit;
  c.start = s.start;
  c.values = s.values.data();
  c.count = s.values.size();
  c.pyramid = pyramids.Get(c.values, c.count);
  return c;
}

ChartSeries FromResampled(const std::string& label, const Resampled& r, ImU32 color, Unit unit) {
  ChartSeries c;
  c.label = label;
  c.color = color;
  c.unit = unit;
  c.x = r.starts.data();
  c.values = r.values.data();
  c.count = r.values.size();
  c.step = r.starts.size() > 1 ? r.starts[1] - r.starts[0] : 7;
  return c;
}

// The 10M-point demo: a random walk with a few gaps, deterministic.
std::vector<double> MakeLargeSeries(size_t count) {
  std::vector<double> v(count);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  double level = 1000;
  for (size_t i = 0; i < count; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    level += (static_cast<double>(state % 2001) - 1000.0) / 100.0;
    v[i] = (i / 100000) % 37 == 5 ? NAN : level;
  }
  return v;
}

template <typename Body>
void GalleryPanel(const std::string& title, ImVec2 size, const ChartContext& context, Body body) {
  ChartPanel(title.c_str(), title, size, context, nullptr, nullptr, std::string(), body);
}

}  // namespace

void DrawGallery(const Session& session, GalleryState& state, const ChartContext& context) {
  if (!session.has_data()) return;
  const Palette& p = *context.palette;
  // Names are baked into the derived data in the current language: a switch rebuilds it.
  if (state.generation != session.generation() || !state.data || state.locale != context.locale) {
    state.data = Build(session.snapshot(), context.locale);
    state.generation = session.generation();
    state.locale = context.locale;
    state.pyramids.Clear();
  }
  GalleryData& d = *state.data;
  const Snapshot& s = session.snapshot();
  for (ChartState* c : {&state.line, &state.indexed, &state.area, &state.stacked_area, &state.bars, &state.stacked_bars}) {
    c->link = &state.link;
  }

  const float gap = 12;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool two_columns = width > 900;
  const float column = two_columns ? (width - gap) / 2 : width;
  const float height = 330;
  int placed = 0;
  auto next = [&]() {
    if (two_columns && placed % 2 == 1) ImGui::SameLine(0, gap);
    ++placed;
  };
  ImGui::TextDisabled("%s", Tr(context.locale,
                                "Wheel: zoom   Drag: pan   Shift+drag: zoom to range   Double-click: reset   "
                                "The time charts are linked: zooming one zooms all.",
                                "滚轮: 缩放   拖动: 平移   Shift+拖动: 框选缩放   双击: 复位   时间图表联动缩放"));

  next();
  GalleryPanel(Tr(context.locale, "Line: DAU vs daily purchasing users, dashed = same days last year", "折线: 日活跃用户 对比 日购买用户 (虚线 = 去年同期)"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series;
    if (d.dau) {
      series.push_back(FromDaily(Tr(context.locale, "DAU", "日活"), *d.dau, p.community, 0, Unit::kUsers, state.pyramids));
      series.back().comparison = d.dau_last_year.data();
      series.back().comparison_pyramid = state.pyramids.Get(d.dau_last_year.data(), d.dau_last_year.size());
      series.back().comparison_label = Tr(context.locale, "last year", "去年");
    }
    if (d.dpu) {
      series.push_back(FromDaily(Tr(context.locale, "Purchasing users", "购买用户"), *d.dpu, p.trading, 1, Unit::kUsers, state.pyramids));
      series.back().comparison = d.dpu_last_year.data();
      series.back().comparison_pyramid = state.pyramids.Get(d.dpu_last_year.data(), d.dpu_last_year.size());
      series.back().comparison_label = Tr(context.locale, "last year", "去年");
    }
    ChartOptions o;
    o.events = &s.events;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("line", series, o, state.line, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "Indexed to 100 at the first visible day: who grows faster?", "以首个可见日为 100 的指数: 谁增长更快?"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series;
    if (d.dau) series.push_back(FromDaily(Tr(context.locale, "DAU", "日活"), *d.dau, p.community, 0, Unit::kUsers, state.pyramids));
    if (d.dpu) series.push_back(FromDaily(Tr(context.locale, "Purchasing users", "购买用户"), *d.dpu, p.trading, 0, Unit::kUsers, state.pyramids));
    ChartOptions o;
    o.indexed = state.indexed_mode;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("indexed", series, o, state.indexed, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "Area: weekly GMV", "面积: 每周成交额"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series{FromResampled(Tr(context.locale, "GMV (week)", "成交额 (周)"), d.gmv_weekly, p.series[2], Unit::kCurrency)};
    ChartOptions o;
    o.kind = ChartKind::kArea;
    o.events = &s.events;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("area", series, o, state.area, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "Stacked area: weekly GMV by channel", "堆叠面积: 各渠道每周成交额"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series;
    for (size_t i = 0; i < d.gmv_weekly_by_channel.size(); ++i) {
      series.push_back(FromResampled(d.channel_names[i], d.gmv_weekly_by_channel[i], p.series[i % 6], Unit::kCurrency));
    }
    ChartOptions o;
    o.kind = ChartKind::kStackedArea;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("stacked_area", series, o, state.stacked_area, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "Bars: monthly orders", "柱状: 每月订单数"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series{FromResampled(Tr(context.locale, "Orders (month)", "订单数 (月)"), d.orders_monthly, p.series[3], Unit::kCount)};
    ChartOptions o;
    o.kind = ChartKind::kBar;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("bars", series, o, state.bars, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "Stacked bars: monthly orders by channel", "堆叠柱状: 各渠道每月订单数"), ImVec2(column, height), context, [&](ImVec2 size) {
    std::vector<ChartSeries> series;
    for (size_t i = 0; i < d.orders_monthly_by_channel.size() && i < d.channel_names.size(); ++i) {
      series.push_back(FromResampled(d.channel_names[i], d.orders_monthly_by_channel[i], p.series[i % 6], Unit::kCount));
    }
    ChartOptions o;
    o.kind = ChartKind::kStackedBar;
    o.bounds = d.bounds;
    DrawTimeSeriesChart("stacked_bars", series, o, state.stacked_bars, context, size);
  });
  next();
  GalleryPanel(Tr(context.locale, "GMV by category, last 30 days, stacked by channel", "最近30天各品类成交额 (按渠道堆叠)"), ImVec2(column, height), context, [&](ImVec2 size) {
    BarData bars = d.gmv_by_category;
    for (size_t k = 0; k < bars.layers.size(); ++k) bars.layer_colors.push_back(p.series[k % 6]);
    BarHit clicked;
    DrawBarChart("categories", bars, context, size, &clicked);
  });
  next();
  char title[256];
  std::snprintf(title, sizeof title, "%s   r = %.2f",
                Tr(context.locale, "Hosts: fans vs GMV (log scales, size = sessions), correlation of logs",
                   "主播: 粉丝数 对比 成交额 (对数坐标, 大小 = 场次), 对数相关系数"),
                d.host_correlation);
  GalleryPanel(title, ImVec2(column, height), context, [&](ImVec2 size) {
    ScatterData sd;
    sd.x = d.fans.data();
    sd.y = d.gmv.data();
    sd.size = d.sessions.data();
    sd.count = d.fans.size();
    sd.names = d.host_names.data();
    sd.color = p.trading;
    sd.x_label = Tr(context.locale, "Fans", "粉丝数");
    sd.y_label = Tr(context.locale, "GMV", "成交额");
    sd.y_unit = Unit::kCurrency;
    sd.log_x = sd.log_y = true;
    int clicked = -1;
    DrawScatterChart("hosts", sd, context, size, &clicked, &state.host_markers);
  });

  ImGui::Dummy(ImVec2(0, gap));
  ImGui::Checkbox(Tr(context.locale, "Indexed mode", "指数模式"), &state.indexed_mode);
  ImGui::SameLine(0, 24);
  if (ImGui::Checkbox(Tr(context.locale, "Show a 10,000,000-point series (decimated to the pixels)", "显示 1000 万点的序列 (按像素抽稀)"), &state.show_large) && !state.show_large) {
    state.large_values.clear();
    state.large_values.shrink_to_fit();
    state.pyramids.Clear();
  }
  MarkItem("gallery:large");
  if (state.show_large) {
    if (state.large_values.empty()) state.large_values = MakeLargeSeries(10000000);
    GalleryPanel(Tr(context.locale, "10 million points (one a minute for 19 years), M4 decimation", "1000 万点 (19 年每分钟一点), M4 抽稀"), ImVec2(width, height), context, [&](ImVec2 size) {
      ChartSeries c;
      c.label = "Random walk, 10M points";
      c.color = p.series[0];
      // One point a minute for 19 years: the calendar axis still reads naturally.
      c.start = DayFromCivil({2007, 1, 1});
      c.step = 1.0 / 1440;
      c.values = state.large_values.data();
      c.count = state.large_values.size();
      c.pyramid = state.pyramids.Get(c.values, c.count);
      ChartOptions o;
      o.bounds = ViewRange{static_cast<double>(c.start), c.start + c.step * static_cast<double>(c.count - 1)};
      o.min_span = 1;
      const ChartStats stats = DrawTimeSeriesChart("large", {c}, o, state.large, context, size);
      ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + 8, ImGui::GetCursorScreenPos().y - 18));
      ImGui::TextDisabled("%zu points drawn, %zu vertices", stats.points_drawn, stats.vertices);
    });
  }
}

}  // namespace divboard::ui
