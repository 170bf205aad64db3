#include "ui/time_chart.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

#include "core/ticks.h"
#include "ui/draw_layers.h"
#include "ui/draw_signature.h"
#include "ui/i18n.h"
#include "ui/resident_charts.h"

namespace divboard::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Screen-space points of one series, NaN y marking a gap.
using Points = std::vector<ImVec2>;

bool IsGap(const ImVec2& p) { return !std::isfinite(p.y) || !std::isfinite(p.x); }

// ImGui's anti-aliased AddPolyline takes 40 bytes a point from the stack (alloca), so one
// call over a long run of a user's snapshot could outgrow any stack. Runs are drawn in
// pieces sharing an end point: at most 80 KB of stack, which the web build's stack size
// counts on (CMakeLists.txt). A join between pieces lacks its bevel, a sub-pixel difference.
constexpr size_t kMaxPolylinePoints = 2048;

// Whole-pixel widths: ImGui draws those from the atlas' baked line texture, two vertices a
// point and two triangles a segment, where a fractional width (we had 1.6 px) takes four
// vertices and six triangles. Every pan or zoom step tessellates, hashes and uploads this.
constexpr float kLineWidth = 2.0f;
constexpr float kEmphasisedLineWidth = 3.0f;

void DrawRuns(ImDrawList* draw, const Points& points, ImU32 color, float thickness) {
  size_t begin = 0;
  while (begin < points.size()) {
    while (begin < points.size() && IsGap(points[begin])) ++begin;
    size_t end = begin;
    while (end < points.size() && !IsGap(points[end])) ++end;
    if (end - begin == 1) {
      draw->AddCircleFilled(points[begin], thickness, color);
    } else if (end - begin > 1) {
      for (size_t at = begin; at + 1 < end; at += kMaxPolylinePoints - 1) {
        const size_t count = std::min(kMaxPolylinePoints, end - at);
        draw->AddPolyline(points.data() + at, static_cast<int>(count), color, ImDrawFlags_None, thickness);
      }
    }
    begin = end;
  }
}

void DrawDashedRuns(ImDrawList* draw, const Points& points, ImU32 color, float thickness) {
  const float dash = 5, gap = 4;
  float phase = 0;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const ImVec2 a = points[i], b = points[i + 1];
    if (IsGap(a) || IsGap(b)) continue;
    const float length = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
    if (!std::isfinite(length)) continue;
    // A segment far longer than any screen is mostly clipped away: draw it plain rather
    // than as thousands of dashes.
    if (length > 4096) {
      draw->AddLine(a, b, color, thickness);
      continue;
    }
    float t = 0;
    while (t < length) {
      const float in_cycle = std::fmod(phase + t, dash + gap);
      const float remaining = in_cycle < dash ? dash - in_cycle : dash + gap - in_cycle;
      const float step = std::min(remaining, length - t);
      if (in_cycle < dash && length > 0) {
        const ImVec2 p0(a.x + (b.x - a.x) * t / length, a.y + (b.y - a.y) * t / length);
        const ImVec2 p1(a.x + (b.x - a.x) * (t + step) / length, a.y + (b.y - a.y) * (t + step) / length);
        draw->AddLine(p0, p1, color, thickness);
      }
      t += step;
    }
    phase = std::fmod(phase + length, dash + gap);
  }
}

// Dense decimated lines as one vertical span per pixel column: each column covers its
// points' extent and joins the previous column's last point. That is the set of pixels a
// one-pixel line through the same points lights, at 4 vertices a column (a polyline would
// cost 4 per point), so a frame's geometry is bounded by the plot's width.
void DrawColumnSpans(ImDrawList* draw, const Points& points, float plot_left, float plot_right, float pixel,
                     ImU32 color, float half_thickness) {
  size_t i = 0;
  bool joined = false;
  float previous_y = 0;
  while (i < points.size()) {
    if (IsGap(points[i])) {
      joined = false;
      ++i;
      continue;
    }
    const long column = std::lround(std::floor((points[i].x - plot_left) / pixel));
    float low = points[i].y, high = points[i].y;
    if (joined) {
      low = std::min(low, previous_y);
      high = std::max(high, previous_y);
    }
    size_t j = i;
    while (j < points.size() && !IsGap(points[j]) &&
           std::lround(std::floor((points[j].x - plot_left) / pixel)) == column) {
      low = std::min(low, points[j].y);
      high = std::max(high, points[j].y);
      ++j;
    }
    previous_y = points[j - 1].y;
    joined = true;
    const float left = plot_left + static_cast<float>(column) * pixel;
    // The points just outside the plot only join the line to its edges; they get no span.
    if (column >= 0 && left < plot_right) {
      draw->AddRectFilled(ImVec2(left, low - half_thickness), ImVec2(left + pixel, high + half_thickness), color);
    }
    i = j;
  }
}

constexpr size_t kFillPiece = 8192;  // points: 16,384 vertices

// Fills between a run of points and a baseline (another run or a constant y), as
// trapezoids written straight into the draw list: one pair of vertices per point.
void FillBetween(ImDrawList* draw, const Points& top, const Points* bottom, float base_y, ImU32 color) {
  size_t begin = 0;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  while (begin < top.size()) {
    auto missing = [&](size_t i) { return IsGap(top[i]) || (bottom != nullptr && IsGap((*bottom)[i])); };
    while (begin < top.size() && missing(begin)) ++begin;
    size_t end = begin;
    while (end < top.size() && !missing(end)) ++end;
    // In pieces of at most kFillPiece points, each starting at the last one's end: one
    // PrimReserve must stay within 16-bit indices (ImGui starts a new vertex offset between
    // calls, never inside one).
    for (size_t from = begin; from + 1 < end;) {
      const size_t to = std::min(end, from + kFillPiece);
      const int n = static_cast<int>(to - from);
      draw->PrimReserve((n - 1) * 6, n * 2);
      const unsigned int first = draw->_VtxCurrentIdx;
      for (size_t i = from; i < to; ++i) {
        const float by = bottom != nullptr ? (*bottom)[i].y : base_y;
        draw->PrimWriteVtx(top[i], uv, color);
        draw->PrimWriteVtx(ImVec2(top[i].x, by), uv, color);
      }
      for (int i = 0; i + 1 < n; ++i) {
        const auto a = static_cast<ImDrawIdx>(first + static_cast<unsigned int>(i) * 2);
        draw->PrimWriteIdx(a);
        draw->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
        draw->PrimWriteIdx(static_cast<ImDrawIdx>(a + 2));
        draw->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
        draw->PrimWriteIdx(static_cast<ImDrawIdx>(a + 3));
        draw->PrimWriteIdx(static_cast<ImDrawIdx>(a + 2));
      }
      from = to - 1;
    }
    begin = end;
  }
}

double PointDay(const ChartSeries& s, size_t i) {
  return s.x != nullptr ? s.x[i] : s.start + s.step * static_cast<double>(i);
}

// Index range [begin, end) of points inside the view, widened by one point each side so
// lines run to the plot's edges.
void VisibleRange(const ChartSeries& s, const ViewRange& view, size_t* begin, size_t* end) {
  if (s.count == 0) {
    *begin = *end = 0;
    return;
  }
  if (s.x == nullptr) {
    const double lo = std::floor((view.first - s.start) / s.step) - 1;
    const double hi = std::ceil((view.last - s.start) / s.step) + 2;
    *begin = static_cast<size_t>(std::clamp(lo, 0.0, static_cast<double>(s.count)));
    *end = static_cast<size_t>(std::clamp(hi, 0.0, static_cast<double>(s.count)));
    return;
  }
  const double* lo = std::lower_bound(s.x, s.x + s.count, view.first);
  const double* hi = std::upper_bound(s.x, s.x + s.count, view.last);
  *begin = static_cast<size_t>(std::max<std::ptrdiff_t>(0, lo - s.x - 1));
  *end = static_cast<size_t>(std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(s.count), hi - s.x + 1));
}

// Scale that turns a series into "indexed to 100" from its first visible value.
double IndexFactor(const ChartSeries& s, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (!std::isnan(s.values[i])) return s.values[i] != 0 ? 100.0 / s.values[i] : kNaN;
  }
  return kNaN;
}

struct Prepared {
  const ChartSeries* series;
  size_t begin = 0, end = 0;
  double factor = 1;  // 100/base when indexed
  bool decimate = false;
};

// Everything the series' drawing reads, so a kept copy of it is replayed only when it would
// come out the same: the data (every visible value of a short range; a sample of a long one,
// whose geometry comes from its decimation summary), the view, the plot's place, the axes'
// scales, the style and the atlas the line textures come from.
std::uint64_t SeriesGeometryKey(const std::vector<Prepared>& prepared, const std::vector<std::vector<double>>& stack,
                                const ViewRange& view, ImVec2 plot_min, ImVec2 plot_max, float columns,
                                ChartKind kind, int highlighted, const Scale (&y)[2], const bool (&used)[2],
                                const ImDrawList* draw, int data_generation) {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const double frame[] = {view.first, view.last, plot_min.x, plot_min.y, plot_max.x, plot_max.y, columns,
                          static_cast<double>(kind), static_cast<double>(highlighted),
                          static_cast<double>(draw->Flags), atlas.TexUvWhitePixel.x, atlas.TexUvWhitePixel.y,
                          static_cast<double>(atlas.TexWidth), static_cast<double>(atlas.TexHeight),
                          static_cast<double>(ImGui::GetIO().DisplayFramebufferScale.x),
                          static_cast<double>(data_generation)};
  std::uint64_t key = MixBytes(0, frame, sizeof frame);
  for (int a = 0; a < 2; ++a) {
    const double scale[] = {y[a].min, y[a].max, y[a].screen_min, y[a].screen_max, used[a] ? 1.0 : 0.0,
                            y[a].log ? 1.0 : 0.0};
    key = MixBytes(key, scale, sizeof scale);
  }
  auto values = [&](const double* v, size_t begin, size_t end) {
    if (v == nullptr || end <= begin) return;
    const size_t n = end - begin;
    if (n <= 8192) {
      key = MixBytes(key, v + begin, n * sizeof(double));
      return;
    }
    for (size_t k = 0; k < 256; ++k) key = MixBytes(key, v + begin + k * (n - 1) / 255, sizeof(double));
  };
  for (const Prepared& pr : prepared) {
    const ChartSeries& s = *pr.series;
    const void* ids[] = {s.values, s.x, s.comparison, s.pyramid, s.comparison_pyramid};
    key = MixBytes(key, ids, sizeof ids);
    const double shape[] = {static_cast<double>(s.count), static_cast<double>(s.start), s.step,
                            static_cast<double>(s.axis), static_cast<double>(s.color),
                            static_cast<double>(pr.begin), static_cast<double>(pr.end), pr.factor,
                            pr.decimate ? 1.0 : 0.0};
    key = MixBytes(key, shape, sizeof shape);
    values(s.values, pr.begin, pr.end);
    values(s.x, pr.begin, pr.end);
    values(s.comparison, pr.begin, pr.end);
  }
  for (const std::vector<double>& layer : stack) key = MixBytes(key, layer.data(), layer.size() * sizeof(double));
  return key;
}

// A uniform series' line for the GPU: the chart's linear x and y mappings as an affine map of
// series index and value (Scale is never logarithmic on a time chart).
ResidentLine MakeResidentLine(const ChartSeries& s, const double* values, double factor, const ViewRange& view,
                              const Scale& x, const Scale& y) {
  ResidentLine line;
  line.values = values;
  line.count = s.count;
  line.first = (view.first - s.start) / s.step;
  line.last = (view.last - s.start) / s.step;
  line.x_origin = x.ToScreen(view.first);
  line.px_per_index = x.max > x.min ? s.step * (x.screen_max - x.screen_min) / (x.max - x.min) : 0;
  const double per_value = y.max > y.min ? (y.screen_max - y.screen_min) / (y.max - y.min) : 0;
  line.y_per_value = factor * per_value;
  line.y_offset = y.max > y.min ? y.screen_min - y.min * per_value : (y.screen_min + y.screen_max) / 2;
  return line;
}

}  // namespace

bool ChartState::IsHidden(const std::string& label) const {
  return std::find(hidden.begin(), hidden.end(), label) != hidden.end();
}

void ChartState::Toggle(const std::string& label) {
  auto it = std::find(hidden.begin(), hidden.end(), label);
  if (it == hidden.end()) {
    hidden.push_back(label);
  } else {
    hidden.erase(it);
  }
}

const SeriesPyramid* PyramidCache::Get(const double* values, size_t count) {
  if (values == nullptr) return nullptr;
  auto it = pyramids_.find(values);
  if (it != pyramids_.end() && it->second.size() == count) return &it->second;
  SeriesPyramid& pyramid = pyramids_[values];
  pyramid.Build(values, count);
  return &pyramid;
}

size_t PyramidCache::bytes() const {
  size_t total = 0;
  for (const auto& entry : pyramids_) total += entry.second.memory_bytes();
  return total;
}

void DrawSparkline(ImDrawList* draw, ImVec2 min, ImVec2 max, const std::vector<double>& values,
                   ImU32 color) {
  double low = INFINITY, high = -INFINITY;
  for (double v : values) {
    if (std::isnan(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (!(low <= high)) return;
  if (high == low) {
    high += 1;
    low -= 1;
  }
  Points points;
  points.reserve(values.size());
  const double span = static_cast<double>(std::max<size_t>(values.size(), 2) - 1);
  for (size_t i = 0; i < values.size(); ++i) {
    const float x = min.x + static_cast<float>(static_cast<double>(i) / span) * (max.x - min.x);
    const float y = std::isnan(values[i]) ? NAN
                                          : max.y - static_cast<float>((values[i] - low) / (high - low)) * (max.y - min.y);
    points.push_back(ImVec2(x, y));
  }
  DrawRuns(draw, points, color, 1.5f);
}

ChartStats DrawTimeSeriesChart(const char* id, const std::vector<ChartSeries>& series,
                               const ChartOptions& options, ChartState& state,
                               const ChartContext& context, ImVec2 size) {
  ChartStats stats;
  const Palette& p = *context.palette;
  const Fonts& f = *context.fonts;
  const float small = SmallFontSize(context);
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int vertices_before = draw->VtxBuffer.Size;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);

  // Legend: one entry per series, plus its comparison line when there is one.
  std::vector<LegendItem> legend;
  for (const ChartSeries& s : series) {
    legend.push_back({s.label, s.color, state.IsHidden(s.label), false});
  }
  for (const ChartSeries& s : series) {
    if (s.comparison != nullptr && !state.IsHidden(s.label)) {
      legend.push_back({s.label + " (" + s.comparison_label + ")", WithAlpha(s.color, 0.6f), false, true});
    }
  }
  int legend_hovered = -1;
  float legend_bottom = origin.y;
  const bool any_right = std::any_of(series.begin(), series.end(), [](const ChartSeries& s) { return s.axis == 1; });
  const float left_margin = 64, right_margin = any_right ? 64.0f : 16.0f;
  const int clicked = DrawLegend(legend, ImVec2(origin.x + left_margin, origin.y), size.x - left_margin - right_margin,
                                 context, &legend_hovered, &legend_bottom);
  if (clicked >= 0 && static_cast<size_t>(clicked) < series.size()) state.Toggle(series[static_cast<size_t>(clicked)].label);
  const int highlighted = legend_hovered >= 0 && static_cast<size_t>(legend_hovered) < series.size() ? legend_hovered : -1;

  const ImVec2 plot_min(origin.x + left_margin, legend_bottom + small + 10);
  const ImVec2 plot_max(origin.x + size.x - right_margin, origin.y + size.y - small - 10);
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);  // reserve the whole area in the layout
  const ImVec2 after = ImGui::GetCursorScreenPos();
  if (plot_max.x - plot_min.x < 40 || plot_max.y - plot_min.y < 30 || !(options.bounds.span() >= 0)) {
    ImGui::PopID();
    return stats;
  }

  // Interaction happens on an invisible button over the plot area.
  ImGui::SetCursorScreenPos(plot_min);
  ImGui::InvisibleButton("plot", ImVec2(plot_max.x - plot_min.x, plot_max.y - plot_min.y),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  // The wheel zooms the chart; it must not also scroll the window the chart is in (a tall
  // view such as the gallery moved under the cursor by a line at every zoom step).
  ImGui::SetItemUsingMouseWheel();
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImGui::SetCursorScreenPos(after);

  ChartLink* link = state.active();
  ViewRange bounds = options.bounds;
  if (bounds.span() <= 0) bounds = ViewRange{bounds.first - 0.5, bounds.first + 0.5};
  const double min_span = std::min(options.min_span, bounds.span());
  ViewRange view = link->valid ? Clamp(link->view.first, link->view.last, bounds, min_span) : bounds;

  Scale x;
  x.min = view.first;
  x.max = view.last;
  x.screen_min = plot_min.x;
  x.screen_max = plot_max.x;
  const double days_per_px = view.span() / (plot_max.x - plot_min.x);

  if (hovered) {
    const double anchor = x.FromScreen(io.MousePos.x);
    if (io.MouseWheel != 0) view = ZoomAbout(view, anchor, std::pow(0.8, io.MouseWheel), bounds, min_span);
    for (ImWchar c : io.InputQueueCharacters) {
      if (c == '+' || c == '=') view = ZoomAbout(view, anchor, 0.7, bounds, min_span);
      if (c == '-' || c == '_') view = ZoomAbout(view, anchor, 1 / 0.7, bounds, min_span);
      if (c == '0') view = bounds;
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) view = bounds;
  }
  const bool select_gesture = ImGui::IsItemClicked(ImGuiMouseButton_Right) ||
                              (ImGui::IsItemClicked(ImGuiMouseButton_Left) && io.KeyShift);
  if (select_gesture) {
    state.selecting = true;
    state.select_from = io.MousePos.x;
  }
  if (state.selecting) {
    const bool released = !io.MouseDown[0] && !io.MouseDown[1];
    const float a = std::clamp(state.select_from, plot_min.x, plot_max.x);
    const float b = std::clamp(io.MousePos.x, plot_min.x, plot_max.x);
    if (released) {
      state.selecting = false;
      if (std::fabs(b - a) > 3) view = Clamp(x.FromScreen(a), x.FromScreen(b), bounds, min_span);
    } else {
      draw->AddRectFilled(ImVec2(std::min(a, b), plot_min.y), ImVec2(std::max(a, b), plot_max.y), WithAlpha(p.axis, 0.25f));
    }
  } else if (active && io.MouseDown[0] && io.MouseDelta.x != 0) {
    view = Pan(view, -io.MouseDelta.x * days_per_px, bounds);
  }
  link->view = view;
  link->valid = true;
  x.min = view.first;
  x.max = view.last;

  // Visible ranges, index factors and value ranges per axis.
  const bool stacked = options.kind == ChartKind::kStackedArea || options.kind == ChartKind::kStackedBar;
  const bool filled = options.kind != ChartKind::kLine;
  const float columns = (plot_max.x - plot_min.x) * io.DisplayFramebufferScale.x;
  std::vector<Prepared> prepared;
  double low[2] = {INFINITY, INFINITY}, high[2] = {-INFINITY, -INFINITY};
  for (size_t i = 0; i < series.size(); ++i) {
    const ChartSeries& s = series[i];
    if (state.IsHidden(s.label) || s.values == nullptr) continue;
    Prepared pr;
    pr.series = &s;
    VisibleRange(s, view, &pr.begin, &pr.end);
    pr.factor = options.indexed ? IndexFactor(s, pr.begin, pr.end) : 1.0;
    pr.decimate = s.pyramid != nullptr && s.x == nullptr && (pr.end - pr.begin) > static_cast<size_t>(2 * columns);
    prepared.push_back(pr);
    if (stacked || std::isnan(pr.factor)) continue;
    const int axis = s.axis & 1;
    auto include = [&](double v) {
      if (!std::isfinite(v * pr.factor)) return;
      low[axis] = std::min(low[axis], v * pr.factor);
      high[axis] = std::max(high[axis], v * pr.factor);
    };
    if (pr.decimate) {
      size_t lo = 0, hi = 0;
      if (pr.end > pr.begin && s.pyramid->MinMax(pr.begin, pr.end, &lo, &hi)) {
        include(s.values[lo]);
        include(s.values[hi]);
      }
    } else {
      for (size_t k = pr.begin; k < pr.end; ++k) include(s.values[k]);
    }
    if (s.comparison != nullptr) {
      size_t lo = 0, hi = 0;
      if (pr.decimate && s.comparison_pyramid != nullptr) {
        if (pr.end > pr.begin && s.comparison_pyramid->MinMax(pr.begin, pr.end, &lo, &hi)) {
          include(s.comparison[lo]);
          include(s.comparison[hi]);
        }
      } else {
        // Unsummarised and dense: sampled like its drawing, so the frame stays O(pixels).
        const size_t stride = pr.decimate ? std::max<size_t>(1, static_cast<size_t>(static_cast<double>(pr.end - pr.begin) / (4 * columns))) : 1;
        for (size_t k = pr.begin; k < pr.end; k += stride) include(s.comparison[k]);
      }
    }
  }

  // Stacks are built over the visible points only (sampled when denser than the pixels),
  // from series that share the first one's grid.
  std::vector<std::vector<double>> stack;
  std::vector<double> stack_days;
  if (stacked && !prepared.empty()) {
    const ChartSeries& base = *prepared.front().series;
    size_t begin = prepared.front().begin, end = prepared.front().end;
    const size_t stride = std::max<size_t>(1, static_cast<size_t>(static_cast<double>(end - begin) / std::max(1.0f, columns)));
    std::vector<std::vector<double>> columns_of(prepared.size());
    stack_days.reserve((end - begin) / stride + 1);
    for (size_t i = begin; i < end; i += stride) stack_days.push_back(PointDay(base, i));
    for (size_t k = 0; k < prepared.size(); ++k) {
      const ChartSeries& s = *prepared[k].series;
      columns_of[k].reserve(stack_days.size());
      // The days ascend, so a layer's search for each resumes where the last one stopped
      // (a binary search per day per layer was a tenth of a pan step's chart time).
      size_t next = 0;
      for (double day : stack_days) {
        const double at = (day - s.start) / s.step;
        double v = kNaN;
        if (s.x == nullptr && at >= 0 && at < static_cast<double>(s.count)) v = s.values[static_cast<size_t>(at)];
        if (s.x != nullptr) {
          while (next < s.count && s.x[next] < day) ++next;
          if (next < s.count && s.x[next] == day) v = s.values[next];
        }
        columns_of[k].push_back(v * prepared[k].factor);
      }
    }
    std::vector<const double*> layers;
    for (const auto& c : columns_of) layers.push_back(c.data());
    stack = StackLayers(layers, stack_days.size());
    for (const auto& layer : stack) {
      for (double v : layer) {
        if (!std::isfinite(v)) continue;
        low[0] = std::min(low[0], v);
        high[0] = std::max(high[0], v);
      }
    }
  }

  Scale y[2];
  NiceScale ticks[2];
  Unit units[2] = {Unit::kCount, Unit::kCount};
  bool used[2] = {false, false};
  for (const Prepared& pr : prepared) {
    const int axis = stacked ? 0 : (pr.series->axis & 1);
    if (!used[axis]) units[axis] = options.indexed ? Unit::kCount : pr.series->unit;
    used[axis] = true;
  }
  const int tick_target = std::max(2, static_cast<int>((plot_max.y - plot_min.y) / 52));
  for (int a = 0; a < 2; ++a) {
    if (!used[a] || !(low[a] <= high[a])) {
      used[a] = used[a] && low[a] <= high[a];
      continue;
    }
    if (filled) {
      low[a] = std::min(low[a], 0.0);
      high[a] = std::max(high[a], 0.0);
    }
    ticks[a] = MakeNiceScale(low[a], high[a], tick_target);
    y[a].min = ticks[a].min;
    y[a].max = ticks[a].max;
    y[a].screen_min = plot_max.y;
    y[a].screen_max = plot_min.y;
  }

  // Festival and holiday bands under everything.
  if (options.events != nullptr) {
    for (const Event& e : *options.events) {
      if (e.kind == EventKind::kMilestone || e.end + 0.5 < view.first || e.start - 0.5 > view.last) continue;
      const float x0 = std::max(plot_min.x, x.ToScreen(e.start - 0.5));
      const float x1 = std::min(plot_max.x, x.ToScreen(e.end + 0.5));
      draw->AddRectFilled(ImVec2(x0, plot_min.y), ImVec2(std::max(x1, x0 + 1), plot_max.y), p.festival_band);
    }
  }
  bool grid_drawn = false;
  for (int a = 0; a < 2; ++a) {
    if (!used[a]) continue;
    DrawValueAxis(draw, y[a], ticks[a], units[a], a, !grid_drawn, plot_min, plot_max, context);
    grid_drawn = true;
  }
  DrawTimeAxis(draw, x, plot_min, plot_max, context);

  // Series.
  draw->PushClipRect(plot_min, ImVec2(plot_max.x + 1, plot_max.y + 1), true);
  const std::uint64_t geometry_key = SeriesGeometryKey(prepared, stack, view, plot_min, plot_max, columns,
                                                       options.kind, highlighted, y, used, draw, context.data_generation);
  if (state.series_geometry.valid && state.series_geometry.key == geometry_key) {
    ReplaySegment(draw, state.series_geometry);
    stats.points_drawn = state.series_geometry.payload[0];
    stats.series_vertices = state.series_geometry.payload[1];
  } else {
    ScratchRecorder recorder(draw);
    ImDrawList* const into = recorder.list();
    std::vector<DecimatedPoint> decimated;
    Points points, previous_layer;
    const float bar_width_days = static_cast<float>(prepared.empty() ? 1.0 : prepared.front().series->step) * 0.8f;
    const bool bars_fit = bar_width_days / days_per_px >= 2;
    // Screen points of a series' visible range: M4-decimated when dense, else every point.
    auto collect = [&](const double* values, const SeriesPyramid* pyramid, const Prepared& pr, const Scale& scale,
                       Points* out) {
      const ChartSeries& s = *pr.series;
      out->clear();
      if (pr.decimate && pyramid != nullptr) {
        DecimateM4(*pyramid, values, static_cast<double>(pr.begin), static_cast<double>(pr.end - 1),
                   static_cast<int>(columns), &decimated);
        for (const DecimatedPoint& d : decimated) {
          out->push_back(ImVec2(x.ToScreen(s.start + s.step * d.index),
                                !std::isfinite(d.value * pr.factor) ? NAN : scale.ToScreen(d.value * pr.factor)));
        }
        return;
      }
      // Without a summary, a dense range is sampled down to a few points per column.
      const size_t stride = pr.decimate ? std::max<size_t>(1, static_cast<size_t>(static_cast<double>(pr.end - pr.begin) / (4 * columns))) : 1;
      for (size_t i = pr.begin; i < pr.end; i += stride) {
        const double v = values[i] * pr.factor;
        out->push_back(ImVec2(x.ToScreen(PointDay(s, i)), !std::isfinite(v) ? NAN : scale.ToScreen(v)));
      }
    };
    const float pixel = 1.0f / std::max(1.0f, io.DisplayFramebufferScale.x);
    for (size_t k = 0; k < prepared.size(); ++k) {
      const Prepared& pr = prepared[k];
      const ChartSeries& s = *pr.series;
      const int axis = stacked ? 0 : (s.axis & 1);
      if (!used[axis]) continue;
      const size_t index_in_series = static_cast<size_t>(pr.series - series.data());
      const float emphasis = highlighted < 0 || static_cast<size_t>(highlighted) == index_in_series ? 1.0f : 0.25f;
      const ImU32 color = WithAlpha(s.color, emphasis);
      // Plain lines of uniform series can stay resident on the GPU: nothing per point here.
      ResidentCharts* gpu = GetResidentCharts();
      const bool line_only = !stacked && !filled && s.x == nullptr && s.pyramid != nullptr;
      if (gpu != nullptr && line_only && std::isfinite(pr.factor)) {
        const bool emphasised = highlighted == static_cast<int>(index_in_series);
        ResidentLine line = MakeResidentLine(s, s.values, pr.factor, view, x, y[axis]);
        line.color = color;
        line.thickness = pr.decimate ? (emphasised ? 2.4f : 1.4f) : (emphasised ? kEmphasisedLineWidth : kLineWidth);
        if (gpu->DrawLine(into, line)) {
          if (s.comparison != nullptr) {
            // Dense comparisons are plain lines on the CPU too; sparse ones keep their dashes.
            ResidentLine comparison = MakeResidentLine(s, s.comparison, pr.factor, view, x, y[axis]);
            comparison.color = WithAlpha(s.color, 0.45f * emphasis);
            comparison.thickness = 1.0f;
            if (!pr.decimate || s.comparison_pyramid == nullptr || !gpu->DrawLine(into, comparison)) {
              Points dashed;
              collect(s.comparison, s.comparison_pyramid, pr, y[axis], &dashed);
              DrawDashedRuns(into, dashed, WithAlpha(s.color, 0.6f * emphasis), 1.4f);
            }
          }
          continue;
        }
      }
      points.clear();
      if (stacked) {
        for (size_t i = 0; i < stack_days.size(); ++i) {
          const double v = stack[k][i];
          points.push_back(ImVec2(x.ToScreen(stack_days[i]), !std::isfinite(v) ? NAN : y[0].ToScreen(v)));
        }
      } else {
        collect(s.values, s.pyramid, pr, y[axis], &points);
      }
      stats.points_drawn += points.size();
      const int series_vertices_before = into->VtxBuffer.Size;
      const float base_y = y[axis].ToScreen(0.0);
      const bool as_bars = (options.kind == ChartKind::kBar || options.kind == ChartKind::kStackedBar) && bars_fit && !pr.decimate;
      if (as_bars) {
        const float half = static_cast<float>(bar_width_days / days_per_px) / 2;
        // Side-by-side bars for unstacked series sharing a day.
        const float slot = options.kind == ChartKind::kBar ? 2 * half / static_cast<float>(prepared.size()) : 2 * half;
        const float offset = options.kind == ChartKind::kBar ? -half + slot * static_cast<float>(k) : -half;
        for (size_t i = 0; i < points.size(); ++i) {
          if (IsGap(points[i])) continue;
          const float bottom = stacked && k > 0 && !IsGap(previous_layer[i]) ? previous_layer[i].y : base_y;
          into->AddRectFilled(ImVec2(points[i].x + offset, std::min(points[i].y, bottom)),
                              ImVec2(points[i].x + offset + slot - 1, std::max(points[i].y, bottom)), color);
        }
      } else if (filled) {
        FillBetween(into, points, stacked && k > 0 ? &previous_layer : nullptr, base_y, WithAlpha(s.color, 0.35f * emphasis));
        DrawRuns(into, points, color, kLineWidth);
      } else if (pr.decimate) {
        const float half = highlighted == static_cast<int>(index_in_series) ? 1.2f : 0.7f;
        DrawColumnSpans(into, points, plot_min.x, plot_max.x, pixel, color, half);
      } else {
        DrawRuns(into, points, color, highlighted == static_cast<int>(index_in_series) ? kEmphasisedLineWidth : kLineWidth);
      }
      stats.series_vertices = std::max(stats.series_vertices, static_cast<size_t>(into->VtxBuffer.Size - series_vertices_before));
      if (s.comparison != nullptr && !stacked) {
        Points comparison;
        collect(s.comparison, s.comparison_pyramid, pr, y[axis], &comparison);
        if (pr.decimate) {
          DrawColumnSpans(into, comparison, plot_min.x, plot_max.x, pixel, WithAlpha(s.color, 0.45f * emphasis), 0.5f);
        } else {
          DrawDashedRuns(into, comparison, WithAlpha(s.color, 0.6f * emphasis), 1.4f);
        }
      }
      if (stacked) previous_layer = points;
    }
    state.series_geometry.payload[0] = stats.points_drawn;
    state.series_geometry.payload[1] = stats.series_vertices;
    recorder.End(geometry_key, &state.series_geometry);
  }
  draw->PopClipRect();

  // Milestones: a dashed line and a flag; flags that would overlap are dropped (the hover
  // tooltip still names the event).
  if (options.events != nullptr) {
    float last_flag_end = -FLT_MAX;
    for (const Event& e : *options.events) {
      if (e.kind != EventKind::kMilestone || e.start < view.first || e.start > view.last) continue;
      const float ex = x.ToScreen(e.start);
      // Dashes as one-pixel rectangles: a crisp column, and a quarter of what a stroked
      // line costs to build; a chart's milestones are a few hundred dashes a frame.
      for (float yy = plot_min.y; yy < plot_max.y; yy += 6) {
        draw->AddRectFilled(ImVec2(ex - 0.5f, yy), ImVec2(ex + 0.5f, std::min(yy + 3, plot_max.y)), p.event_line);
      }
      std::string text = Localised(e.label, context.locale);
      if (text.size() > 30) {
        size_t cut = 28;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
      }
      const float width = TextWidth(f.small, small, text.c_str());
      float fx = ex + 4;
      if (fx + width > plot_max.x) fx = ex - 4 - width;
      if (fx < last_flag_end + 8) continue;
      draw->AddCircleFilled(ImVec2(ex, plot_min.y - 2), 3, p.event_line);
      draw->AddText(f.small, small, ImVec2(fx, plot_min.y - small - 4), p.text_muted, text.c_str());
      last_flag_end = fx + width;
    }
  }

  // While the plot is dragged to pan, the day under the cursor moves with the data, so its
  // tooltip would sit still over what is being dragged: it comes back on release.
  const bool panning = active && ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !state.selecting;
  if (hovered && !state.selecting && !panning && !prepared.empty()) {
    const Day day = static_cast<Day>(std::lround(x.FromScreen(io.MousePos.x)));
    stats.hovered = true;
    stats.hovered_day = day;
    const float hx = x.ToScreen(day);
    // The cursor line and dots go with the tooltip, over the page (draw_layers.h): a hover
    // then leaves the chart's own drawing as it was.
    ImDrawList* marks = BeginHoverMarks(*draw);
    marks->AddLine(ImVec2(hx, plot_min.y), ImVec2(hx, plot_max.y), p.axis);
    ImGui::BeginTooltip();
    ImGui::PushFont(f.bold);
    static const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* kWeekdaysZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    ImGui::Text("%s %s", FormatDate(day).c_str(),
                (context.locale == Locale::kZh ? kWeekdaysZh : kWeekdays)[Weekday(day)]);
    ImGui::PopFont();
    for (size_t k = 0; k < prepared.size(); ++k) {
      const ChartSeries& s = *prepared[k].series;
      // The point nearest the cursor's day.
      size_t i = 0;
      if (s.x == nullptr) {
        const double at = std::round((day - s.start) / s.step);
        if (at < 0 || at >= static_cast<double>(s.count)) continue;
        i = static_cast<size_t>(at);
      } else {
        const double* hit = std::upper_bound(s.x, s.x + s.count, static_cast<double>(day));
        if (hit == s.x) continue;
        i = static_cast<size_t>(hit - s.x - 1);
      }
      const double v = s.values[i];
      const int axis = stacked ? 0 : (s.axis & 1);
      if (!std::isnan(v) && !stacked && used[axis]) {
        marks->AddCircleFilled(ImVec2(x.ToScreen(PointDay(s, i)), y[axis].ToScreen(v * prepared[k].factor)), 3.5f, s.color);
      }
      ImGui::ColorButton(s.label.c_str(), ImGui::ColorConvertU32ToFloat4(s.color),
                         ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoBorder, ImVec2(10, 10));
      ImGui::SameLine();
      const std::string value = std::isnan(v) ? std::string(Tr(context.locale, "no data", "无数据")) : FormatGrouped(v);
      ImGui::Text("%s: %s", s.label.c_str(), value.c_str());
      if (options.indexed && !std::isnan(v) && !std::isnan(prepared[k].factor)) {
        ImGui::SameLine();
        ImGui::TextDisabled("(index %.1f)", v * prepared[k].factor);
      }
      if (s.comparison != nullptr) {
        const double c = s.comparison[i];
        const double change = std::isnan(c) || c == 0 || std::isnan(v) ? kNaN : (v - c) / std::fabs(c);
        ImGui::TextDisabled("    %s: %s  (%s)", s.comparison_label.c_str(),
                            std::isnan(c) ? Tr(context.locale, "no data", "无数据") : FormatGrouped(c).c_str(), FormatChange(change).c_str());
      }
    }
    if (options.events != nullptr) {
      for (const Event& e : *options.events) {
        if (day >= e.start && day <= e.end) ImGui::TextDisabled("%s", Localised(e.label, context.locale).c_str());
      }
    }
    ImGui::EndTooltip();
    EndHoverMarks();
  }

  // Kept series geometry sits in the list by reference (draw_replay.h): its vertices count too.
  stats.vertices = static_cast<size_t>(draw->VtxBuffer.Size - vertices_before) +
                   (state.series_geometry.valid ? state.series_geometry.vertices.size() : 0);
  ImGui::PopID();
  return stats;
}

}  // namespace divboard::ui
