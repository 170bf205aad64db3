#include "ui/time_chart.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "core/ticks.h"

namespace divboard::ui {
namespace {

struct AxisRange {
  double low = INFINITY;
  double high = -INFINITY;
  bool used = false;
};

float Lerp(float a, float b, double t) { return a + static_cast<float>(t) * (b - a); }

// Draws runs of consecutive present days as polylines, so a missing day leaves a gap
// instead of a line across it (or a drop to zero).
void DrawLine(ImDrawList* draw, const Series& series, DayRange range, const NiceScale& scale,
              ImVec2 min, ImVec2 max, ImU32 color, float thickness) {
  std::vector<ImVec2> run;
  run.reserve(static_cast<size_t>(range.days()));
  const double span = std::max(1, range.days() - 1);
  auto flush = [&]() {
    if (run.size() == 1) {
      draw->AddCircleFilled(run[0], thickness, color);
    } else if (run.size() > 1) {
      draw->AddPolyline(run.data(), static_cast<int>(run.size()), color, ImDrawFlags_None, thickness);
    }
    run.clear();
  };
  for (Day d = range.first; d <= range.last; ++d) {
    const double v = series.at(d);
    if (std::isnan(v)) {
      flush();
      continue;
    }
    const float x = Lerp(min.x, max.x, (d - range.first) / span);
    const float y = Lerp(max.y, min.y, (v - scale.min) / (scale.max - scale.min));
    run.push_back(ImVec2(x, y));
  }
  flush();
}

const char* WeekdayName(Day day) {
  static const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return kNames[Weekday(day)];
}

}  // namespace

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
  std::vector<ImVec2> run;
  const double span = static_cast<double>(std::max<size_t>(1, values.size()) - (values.size() > 1 ? 1 : 0));
  auto flush = [&]() {
    if (run.size() > 1) draw->AddPolyline(run.data(), static_cast<int>(run.size()), color, ImDrawFlags_None, 1.5f);
    run.clear();
  };
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      flush();
      continue;
    }
    run.push_back(ImVec2(Lerp(min.x, max.x, static_cast<double>(i) / span),
                         Lerp(max.y, min.y, (values[i] - low) / (high - low))));
  }
  flush();
}

void DrawTimeChart(const char* id, const std::vector<ChartLine>& lines,
                   const std::vector<Event>& events, DayRange range, const ChartContext& context,
                   ImVec2 size) {
  const Palette& p = *context.palette;
  const Fonts& f = *context.fonts;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  if (range.days() < 1) return;

  const float small = f.small->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 plot_min(origin.x + 64, origin.y + 34);
  const ImVec2 plot_max(origin.x + size.x - 64, origin.y + size.y - 24);
  if (plot_max.x - plot_min.x < 40 || plot_max.y - plot_min.y < 40) return;

  // Legend across the top.
  float legend_x = plot_min.x;
  for (const ChartLine& line : lines) {
    const float mid = origin.y + 9;
    draw->AddRectFilled(ImVec2(legend_x, mid - 2), ImVec2(legend_x + 16, mid + 2), line.color, 2);
    const std::string text = std::string(line.label) + (line.axis == 0 ? "  (left axis)" : "  (right axis)");
    draw->AddText(f.small, small, ImVec2(legend_x + 22, mid - small * 0.6f), p.text, text.c_str());
    legend_x += 22 + f.small->CalcTextSizeA(small, FLT_MAX, 0, text.c_str()).x + 28;
  }

  AxisRange axes[2];
  for (const ChartLine& line : lines) {
    AxisRange& a = axes[line.axis & 1];
    for (Day d = range.first; d <= range.last; ++d) {
      const double v = line.series->at(d);
      if (std::isnan(v)) continue;
      a.low = std::min(a.low, v);
      a.high = std::max(a.high, v);
      a.used = true;
    }
  }
  const int tick_target = std::max(2, static_cast<int>((plot_max.y - plot_min.y) / 56));
  NiceScale scales[2];
  for (int i = 0; i < 2; ++i) {
    if (axes[i].used) scales[i] = MakeNiceScale(axes[i].low, axes[i].high, tick_target);
  }

  // Festival and holiday bands first, so lines draw over them.
  const double span = std::max(1, range.days() - 1);
  auto x_of = [&](double day) { return Lerp(plot_min.x, plot_max.x, (day - range.first) / span); };
  for (const Event& e : events) {
    if (e.kind == EventKind::kMilestone || e.end < range.first || e.start > range.last) continue;
    const float x0 = x_of(std::max(e.start, range.first) - 0.5);
    const float x1 = x_of(std::min(e.end, range.last) + 0.5);
    draw->AddRectFilled(ImVec2(x0, plot_min.y), ImVec2(std::max(x1, x0 + 1), plot_max.y), p.festival_band);
  }

  // Grid and value labels, from whichever axis leads (left if used).
  const Unit left_unit = [&] {
    for (const ChartLine& l : lines) if (l.axis == 0) return l.unit;
    return Unit::kCount;
  }();
  const Unit right_unit = [&] {
    for (const ChartLine& l : lines) if (l.axis == 1) return l.unit;
    return Unit::kCount;
  }();
  for (int axis = 0; axis < 2; ++axis) {
    if (!axes[axis].used) continue;
    const NiceScale& s = scales[axis];
    for (double tick : s.ticks) {
      const float y = Lerp(plot_max.y, plot_min.y, (tick - s.min) / (s.max - s.min));
      if (axis == 0 || !axes[0].used) draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), p.grid);
      const std::string label = FormatValue(tick, axis == 0 ? left_unit : right_unit, context.locale);
      const float width = f.small->CalcTextSizeA(small, FLT_MAX, 0, label.c_str()).x;
      const float x = axis == 0 ? plot_min.x - 8 - width : plot_max.x + 8;
      draw->AddText(f.small, small, ImVec2(x, y - small * 0.55f), p.text_muted, label.c_str());
    }
  }

  // Calendar ticks along the bottom; at least ~70 px between labels.
  const double days_per_px = span / std::max(1.0f, plot_max.x - plot_min.x);
  for (const DateTick& tick : MakeDateTicks(range.first, range.last, 70 * days_per_px)) {
    const float x = x_of(tick.day);
    draw->AddLine(ImVec2(x, plot_max.y), ImVec2(x, plot_max.y + 4), p.axis);
    if (tick.major) draw->AddLine(ImVec2(x, plot_min.y), ImVec2(x, plot_max.y), p.grid);
    const float width = f.small->CalcTextSizeA(small, FLT_MAX, 0, tick.label.c_str()).x;
    draw->AddText(tick.major ? f.bold : f.small, small, ImVec2(x - width / 2, plot_max.y + 6),
                  tick.major ? p.text : p.text_muted, tick.label.c_str());
  }
  draw->AddLine(ImVec2(plot_min.x, plot_max.y), ImVec2(plot_max.x, plot_max.y), p.axis);

  draw->PushClipRect(plot_min, ImVec2(plot_max.x + 1, plot_max.y + 1), true);
  for (const ChartLine& line : lines) {
    DrawLine(draw, *line.series, range, scales[line.axis & 1], plot_min, plot_max, line.color, 1.6f);
  }
  draw->PopClipRect();

  // Milestones: a dashed line and a flag; a flag that would overlap the previous one is
  // dropped (its text stays in the hover tooltip).
  float last_flag_end = -1e9f;
  for (const Event& e : events) {
    if (e.kind != EventKind::kMilestone || e.start < range.first || e.start > range.last) continue;
    const float x = x_of(e.start);
    for (float y = plot_min.y; y < plot_max.y; y += 6) {
      draw->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 3, plot_max.y)), p.event_line);
    }
    const char* label = Localised(e.label, context.locale).c_str();
    std::string text(label);
    if (text.size() > 28) text = text.substr(0, 26) + "...";
    const float width = f.small->CalcTextSizeA(small, FLT_MAX, 0, text.c_str()).x;
    float fx = x + 4;
    if (fx + width > plot_max.x) fx = x - 4 - width;
    if (fx < last_flag_end + 8) continue;
    draw->AddCircleFilled(ImVec2(x, plot_min.y - 2), 3, p.event_line);
    draw->AddText(f.small, small, ImVec2(fx, plot_min.y - small - 4), p.text_muted, text.c_str());
    last_flag_end = fx + width;
  }

  if (!hovered) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (mouse.x < plot_min.x || mouse.x > plot_max.x || mouse.y < plot_min.y || mouse.y > plot_max.y) return;
  const Day day = range.first + static_cast<Day>(std::lround((mouse.x - plot_min.x) / (plot_max.x - plot_min.x) * span));
  const float x = x_of(day);
  draw->AddLine(ImVec2(x, plot_min.y), ImVec2(x, plot_max.y), p.axis);
  ImGui::BeginTooltip();
  ImGui::PushFont(f.bold);
  ImGui::Text("%s %s", FormatDate(day).c_str(), WeekdayName(day));
  ImGui::PopFont();
  for (const ChartLine& line : lines) {
    const double v = line.series->at(day);
    const NiceScale& s = scales[line.axis & 1];
    if (!std::isnan(v)) {
      const float y = Lerp(plot_max.y, plot_min.y, (v - s.min) / (s.max - s.min));
      draw->AddCircleFilled(ImVec2(x, y), 3.5f, line.color);
    }
    ImGui::ColorButton(line.label, ImGui::ColorConvertU32ToFloat4(line.color),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoBorder, ImVec2(10, 10));
    ImGui::SameLine();
    const std::string value = std::isnan(v) ? std::string("no data") : FormatGrouped(v);
    ImGui::Text("%s: %s", line.label, value.c_str());
  }
  for (const Event& e : events) {
    if (day < e.start || day > e.end) continue;
    ImGui::TextDisabled("%s", Localised(e.label, context.locale).c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace divboard::ui
