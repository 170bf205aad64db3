#include "ui/bar_chart.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/ticks.h"
#include "ui/draw_layers.h"

namespace divboard::ui {

BarHit DrawBarChart(const char* id, const BarData& data, const ChartContext& context, ImVec2 size, BarHit* clicked) {
  *clicked = BarHit{};
  BarHit hit;
  const Palette& p = *context.palette;
  const float small = SmallFontSize(context);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);

  std::vector<LegendItem> legend;
  if (data.layers.size() > 1) {
    for (size_t k = 0; k < data.layers.size(); ++k) legend.push_back({data.layers[k], data.layer_colors[k], false, false});
  }
  float top = origin.y;
  int legend_hovered = -1;
  if (!legend.empty()) DrawLegend(legend, ImVec2(origin.x + 8, origin.y), size.x - 16, context, &legend_hovered, &top);

  float label_width = 0;
  for (const std::string& c : data.categories) label_width = std::max(label_width, TextWidth(context.fonts->small, small, c.c_str()));
  const ImVec2 plot_min(origin.x + label_width + 16, top + 4);
  const ImVec2 plot_max(origin.x + size.x - 16, origin.y + size.y - small - 10);
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
  const ImVec2 after = ImGui::GetCursorScreenPos();
  const size_t n = data.categories.size();
  if (n == 0 || plot_max.x - plot_min.x < 40 || plot_max.y - plot_min.y < 20) {
    ImGui::PopID();
    return hit;
  }
  ImGui::SetCursorScreenPos(plot_min);
  ImGui::InvisibleButton("plot", ImVec2(plot_max.x - plot_min.x, plot_max.y - plot_min.y));
  const bool hovered = ImGui::IsItemHovered();
  const bool pressed = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  ImGui::SetCursorScreenPos(after);

  std::vector<double> totals(n, 0.0);
  for (const auto& layer : data.values) {
    for (size_t c = 0; c < n && c < layer.size(); ++c) {
      if (std::isfinite(layer[c]) && layer[c] > 0) totals[c] += layer[c];
    }
  }
  const double max_total = *std::max_element(totals.begin(), totals.end());
  const NiceScale nice = MakeNiceScale(0, max_total > 0 ? max_total : 1, std::max(2, static_cast<int>((plot_max.x - plot_min.x) / 90)));
  Scale x;
  x.min = nice.min;
  x.max = nice.max;
  x.screen_min = plot_min.x;
  x.screen_max = plot_max.x;
  float last_end = -FLT_MAX;
  for (double t : nice.ticks) {
    const float sx = x.ToScreen(t);
    draw->AddLine(ImVec2(sx, plot_min.y), ImVec2(sx, plot_max.y), p.grid);
    const std::string label = FormatValue(t, data.unit, context.locale);
    const float w = TextWidth(context.fonts->small, small, label.c_str());
    if (sx - w / 2 < last_end + 6) continue;
    draw->AddText(context.fonts->small, small, ImVec2(sx - w / 2, plot_max.y + 4), p.text_muted, label.c_str());
    last_end = sx - w / 2 + w;
  }

  const float row = (plot_max.y - plot_min.y) / static_cast<float>(n);
  const float thickness = std::max(2.0f, row * 0.7f);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (size_t c = 0; c < n; ++c) {
    const float cy = plot_min.y + row * (static_cast<float>(c) + 0.5f);
    const float tw = TextWidth(context.fonts->small, small, data.categories[c].c_str());
    draw->AddText(context.fonts->small, small, ImVec2(plot_min.x - 8 - tw, cy - small * 0.55f), p.text, data.categories[c].c_str());
    double acc = 0;
    for (size_t k = 0; k < data.values.size(); ++k) {
      if (c >= data.values[k].size()) continue;
      const double v = data.values[k][c];
      if (!std::isfinite(v) || v <= 0) continue;
      const ImVec2 a(x.ToScreen(acc), cy - thickness / 2);
      const ImVec2 b(x.ToScreen(acc + v), cy + thickness / 2);
      acc += v;
      const bool inside = hovered && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y;
      const bool dim = legend_hovered >= 0 && static_cast<size_t>(legend_hovered) != k;
      const ImU32 color = k < data.layer_colors.size() ? data.layer_colors[k] : p.series[0];
      draw->AddRectFilled(a, ImVec2(std::max(b.x - 1, a.x + 1), b.y), WithAlpha(color, dim ? 0.3f : 0.85f), 2);
      if (inside) {
        if (!dim) {
          // The hovered bar at full strength, with its tooltip over the page (draw_layers.h).
          BeginHoverMarks(*draw)->AddRectFilled(a, ImVec2(std::max(b.x - 1, a.x + 1), b.y), WithAlpha(color, 1.0f), 2);
          EndHoverMarks();
        }
        hit = BarHit{static_cast<int>(c), static_cast<int>(k)};
        ImGui::BeginTooltip();
        ImGui::PushFont(context.fonts->bold);
        ImGui::TextUnformatted(data.categories[c].c_str());
        ImGui::PopFont();
        if (data.layers.size() > 1) ImGui::Text("%s: %s", data.layers[k].c_str(), FormatValue(v, data.unit, context.locale).c_str());
        ImGui::Text("Total: %s", FormatValue(totals[c], data.unit, context.locale).c_str());
        if (totals[c] > 0 && data.layers.size() > 1) ImGui::TextDisabled("%.1f%% of the bar", v / totals[c] * 100);
        ImGui::EndTooltip();
        if (pressed) *clicked = hit;
      }
    }
    const std::string total = FormatValue(totals[c], data.unit, context.locale);
    const float total_x = x.ToScreen(acc) + 6;
    if (total_x + TextWidth(context.fonts->small, small, total.c_str()) < plot_max.x + 14) {
      draw->AddText(context.fonts->small, small, ImVec2(total_x, cy - small * 0.55f), p.text_muted, total.c_str());
    }
  }
  ImGui::PopID();
  return hit;
}

}  // namespace divboard::ui
