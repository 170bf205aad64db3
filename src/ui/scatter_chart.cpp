#include "ui/scatter_chart.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/ticks.h"
#include "ui/draw_layers.h"
#include "ui/draw_signature.h"

namespace divboard::ui {
namespace {

bool Usable(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

Scale MakeAxis(const double* values, size_t count, bool log, float from, float to, NiceScale* nice,
               std::vector<double>* log_ticks, float pixels) {
  double low = INFINITY, high = -INFINITY;
  for (size_t i = 0; i < count; ++i) {
    if (!Usable(values[i], log)) continue;
    low = std::min(low, values[i]);
    high = std::max(high, values[i]);
  }
  Scale s;
  s.log = log;
  s.screen_min = from;
  s.screen_max = to;
  if (!(low <= high)) {
    low = log ? 1 : 0;
    high = log ? 10 : 1;
  }
  if (log) {
    s.min = std::pow(10.0, std::floor(std::log10(low)));
    s.max = std::pow(10.0, std::ceil(std::log10(high)));
    if (s.max <= s.min) s.max = s.min * 10;
    *log_ticks = LogTicks(s.min, s.max, pixels);
  } else {
    *nice = MakeNiceScale(low, high, std::max(2, static_cast<int>(pixels / 60)));
    s.min = nice->min;
    s.max = nice->max;
  }
  return s;
}

}  // namespace

int DrawScatterChart(const char* id, const ScatterData& data, const ChartContext& context, ImVec2 size,
                     int* clicked, DrawSegment* markers) {
  *clicked = -1;
  const Palette& p = *context.palette;
  const float small = SmallFontSize(context);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  ImGui::Dummy(size);
  const ImVec2 after = ImGui::GetCursorScreenPos();
  const ImVec2 plot_min(origin.x + 64, origin.y + 8);
  const ImVec2 plot_max(origin.x + size.x - 16, origin.y + size.y - small * 2 - 16);
  if (plot_max.x - plot_min.x < 40 || plot_max.y - plot_min.y < 40) {
    ImGui::PopID();
    return -1;
  }
  ImGui::SetCursorScreenPos(plot_min);
  ImGui::InvisibleButton("plot", ImVec2(plot_max.x - plot_min.x, plot_max.y - plot_min.y));
  const bool hovered = ImGui::IsItemHovered();
  const bool pressed = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  ImGui::SetCursorScreenPos(after);

  NiceScale nice_x, nice_y;
  std::vector<double> log_x, log_y;
  const Scale x = MakeAxis(data.x, data.count, data.log_x, plot_min.x, plot_max.x, &nice_x, &log_x, plot_max.x - plot_min.x);
  const Scale y = MakeAxis(data.y, data.count, data.log_y, plot_max.y, plot_min.y, &nice_y, &log_y, plot_max.y - plot_min.y);

  // Grid and labels.
  const std::vector<double>& xt = data.log_x ? log_x : nice_x.ticks;
  const std::vector<double>& yt = data.log_y ? log_y : nice_y.ticks;
  float last_end = -FLT_MAX;
  for (double t : xt) {
    const float sx = x.ToScreen(t);
    draw->AddLine(ImVec2(sx, plot_min.y), ImVec2(sx, plot_max.y), p.grid);
    const std::string label = FormatValue(t, data.x_unit, context.locale);
    const float w = TextWidth(context.fonts->small, small, label.c_str());
    if (sx - w / 2 < last_end + 6) continue;
    draw->AddText(context.fonts->small, small, ImVec2(sx - w / 2, plot_max.y + 6), p.text_muted, label.c_str());
    last_end = sx - w / 2 + w;
  }
  float last_y = FLT_MAX;
  for (double t : yt) {
    const float sy = y.ToScreen(t);
    draw->AddLine(ImVec2(plot_min.x, sy), ImVec2(plot_max.x, sy), p.grid);
    if (std::fabs(last_y - sy) < small * 1.2f) continue;
    last_y = sy;
    const std::string label = FormatValue(t, data.y_unit, context.locale);
    const float w = TextWidth(context.fonts->small, small, label.c_str());
    draw->AddText(context.fonts->small, small, ImVec2(plot_min.x - 8 - w, sy - small * 0.55f), p.text_muted, label.c_str());
  }
  draw->AddLine(ImVec2(plot_min.x, plot_max.y), ImVec2(plot_max.x, plot_max.y), p.axis);
  const std::string axis_label = data.x_label + (data.log_x ? " (log scale)" : "");
  const float lw = TextWidth(context.fonts->small, small, axis_label.c_str());
  draw->AddText(context.fonts->small, small, ImVec2((plot_min.x + plot_max.x - lw) / 2, plot_max.y + small + 10), p.text_muted,
                axis_label.c_str());
  draw->AddText(context.fonts->small, small, ImVec2(plot_min.x + 6, plot_min.y + 2), p.text_muted,
                (data.y_label + (data.log_y ? " (log scale)" : "")).c_str());

  // Size: marker area proportional to the value, radius 2..9 px.
  double size_max = 0;
  if (data.size != nullptr) {
    for (size_t i = 0; i < data.count; ++i) {
      if (std::isfinite(data.size[i])) size_max = std::max(size_max, data.size[i]);
    }
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int nearest = -1;
  float nearest_distance = 12 * 12;
  auto radius_of = [&](size_t i) {
    if (size_max > 0 && std::isfinite(data.size[i]) && data.size[i] > 0) {
      return 2.0f + 7.0f * static_cast<float>(std::sqrt(data.size[i] / size_max));
    }
    return 3.0f;
  };
  if (hovered) {
    for (size_t i = 0; i < data.count; ++i) {
      if (!Usable(data.x[i], data.log_x) || !Usable(data.y[i], data.log_y)) continue;
      const float radius = radius_of(i);
      const float dx = x.ToScreen(data.x[i]) - mouse.x, dy = y.ToScreen(data.y[i]) - mouse.y;
      const float d2 = dx * dx + dy * dy;
      if (d2 < std::max(nearest_distance, radius * radius)) {
        nearest_distance = d2;
        nearest = static_cast<int>(i);
      }
    }
  }
  draw->PushClipRect(plot_min, plot_max, true);
  std::uint64_t key = 0;
  if (markers != nullptr) {
    // Everything the markers' drawing reads (the atlas: its white pixel is every vertex's uv).
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const double frame[] = {plot_min.x, plot_min.y, plot_max.x, plot_max.y, x.min, x.max, y.min, y.max,
                            static_cast<double>(data.color), data.log_x ? 1.0 : 0.0, data.log_y ? 1.0 : 0.0,
                            static_cast<double>(draw->Flags), atlas.TexUvWhitePixel.x, atlas.TexUvWhitePixel.y,
                            static_cast<double>(data.count), static_cast<double>(context.data_generation)};
    key = MixBytes(0, frame, sizeof frame);
    key = MixBytes(key, data.x, data.count * sizeof(double));
    key = MixBytes(key, data.y, data.count * sizeof(double));
    if (data.size != nullptr) key = MixBytes(key, data.size, data.count * sizeof(double));
    if (data.colors != nullptr) key = MixBytes(key, data.colors, data.count * sizeof(ImU32));
  }
  if (markers != nullptr && markers->valid && markers->key == key) {
    ReplaySegment(draw, *markers);
  } else {
    const SegmentRecorder recorder(draw);
    for (size_t i = 0; i < data.count; ++i) {
      if (!Usable(data.x[i], data.log_x) || !Usable(data.y[i], data.log_y)) continue;
      const ImVec2 at(x.ToScreen(data.x[i]), y.ToScreen(data.y[i]));
      const float radius = radius_of(i);
      const ImU32 color = data.colors != nullptr ? data.colors[i] : data.color;
      draw->AddCircleFilled(at, radius, WithAlpha(color, 0.55f), 12);
      draw->AddCircle(at, radius, color, 12, 1.0f);
    }
    if (markers != nullptr) recorder.End(key, markers);
  }
  draw->PopClipRect();

  if (nearest >= 0) {
    const size_t i = static_cast<size_t>(nearest);
    const ImVec2 at(x.ToScreen(data.x[i]), y.ToScreen(data.y[i]));
    BeginHoverMarks(*draw)->AddCircle(at, 10, p.text, 16, 1.5f);
    EndHoverMarks();
    ImGui::BeginTooltip();
    if (data.names != nullptr) {
      ImGui::PushFont(context.fonts->bold);
      ImGui::TextUnformatted(data.names[i].c_str());
      ImGui::PopFont();
    }
    ImGui::Text("%s: %s", data.x_label.c_str(), FormatGrouped(data.x[i]).c_str());
    ImGui::Text("%s: %s", data.y_label.c_str(), FormatValue(data.y[i], data.y_unit, context.locale).c_str());
    ImGui::EndTooltip();
    if (pressed) *clicked = nearest;
  }
  ImGui::PopID();
  return nearest;
}

}  // namespace divboard::ui
