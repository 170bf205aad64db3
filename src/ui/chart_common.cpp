#include "ui/chart_common.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace divboard::ui {

float Scale::ToScreen(double value) const {
  double t;
  if (log) {
    const double lo = std::log10(std::max(min, 1e-300));
    const double hi = std::log10(std::max(max, 1e-300));
    t = hi > lo ? (std::log10(std::max(value, 1e-300)) - lo) / (hi - lo) : 0.5;
  } else {
    t = max > min ? (value - min) / (max - min) : 0.5;
  }
  return screen_min + static_cast<float>(t) * (screen_max - screen_min);
}

double Scale::FromScreen(float screen) const {
  const double t = screen_max != screen_min ? (screen - screen_min) / (screen_max - screen_min) : 0;
  if (log) {
    const double lo = std::log10(std::max(min, 1e-300));
    const double hi = std::log10(std::max(max, 1e-300));
    return std::pow(10.0, lo + t * (hi - lo));
  }
  return min + t * (max - min);
}

float SmallFontSize(const ChartContext& context) {
  return context.fonts->small->FontSize * ImGui::GetIO().FontGlobalScale;
}

float TextWidth(const ImFont* font, float size, const char* text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0, text).x;
}

ImU32 WithAlpha(ImU32 color, float alpha) {
  const ImU32 a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF));
  return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

void DrawValueAxis(ImDrawList* draw, const Scale& scale, const NiceScale& ticks, Unit unit, int side,
                   bool grid, ImVec2 plot_min, ImVec2 plot_max, const ChartContext& context) {
  const Palette& p = *context.palette;
  const float size = SmallFontSize(context);
  float last_label_y = FLT_MAX;
  for (double tick : ticks.ticks) {
    const float y = scale.ToScreen(tick);
    if (y < plot_min.y - 0.5f || y > plot_max.y + 0.5f) continue;
    if (grid) draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), p.grid);
    // Labels never overlap: one that would touch the previous is skipped.
    if (std::fabs(last_label_y - y) < size * 1.2f) continue;
    last_label_y = y;
    const std::string label = FormatValue(tick, unit, context.locale);
    const float width = TextWidth(context.fonts->small, size, label.c_str());
    const float x = side == 0 ? plot_min.x - 8 - width : plot_max.x + 8;
    draw->AddText(context.fonts->small, size, ImVec2(x, y - size * 0.55f), p.text_muted, label.c_str());
  }
}

std::vector<double> LogTicks(double min, double max, float pixels) {
  std::vector<double> out;
  if (!(min > 0) || !(max > min)) return out;
  const int lo = static_cast<int>(std::floor(std::log10(min)));
  const int hi = static_cast<int>(std::ceil(std::log10(max)));
  const double decades = std::max(1, hi - lo);
  const bool dense = pixels / decades > 90;
  for (int e = lo; e <= hi && e < lo + 400; ++e) {
    const double base = std::pow(10.0, e);
    for (double m : {1.0, 2.0, 5.0}) {
      if (m != 1.0 && !dense) continue;
      const double v = base * m;
      if (v >= min * 0.999 && v <= max * 1.001) out.push_back(v);
    }
  }
  return out;
}

void DrawTimeAxis(ImDrawList* draw, const Scale& x, ImVec2 plot_min, ImVec2 plot_max,
                  const ChartContext& context) {
  const Palette& p = *context.palette;
  const float size = SmallFontSize(context);
  const double days_per_px = (x.max - x.min) / std::max(1.0f, x.screen_max - x.screen_min);
  const Day first = static_cast<Day>(std::ceil(x.min));
  const Day last = static_cast<Day>(std::floor(x.max));
  float last_label_end = -FLT_MAX;
  for (const DateTick& tick : MakeDateTicks(first, last, 84 * days_per_px, context.locale)) {
    const float sx = x.ToScreen(tick.day);
    draw->AddLine(ImVec2(sx, plot_max.y), ImVec2(sx, plot_max.y + 4), p.axis);
    if (tick.major) draw->AddLine(ImVec2(sx, plot_min.y), ImVec2(sx, plot_max.y), p.grid);
    const ImFont* font = tick.major ? context.fonts->bold : context.fonts->small;
    const float width = TextWidth(font, size, tick.label.c_str());
    const float left = sx - width / 2;
    if (left < last_label_end + 6) continue;
    draw->AddText(font, size, ImVec2(left, plot_max.y + 6), tick.major ? p.text : p.text_muted, tick.label.c_str());
    last_label_end = left + width;
  }
  draw->AddLine(ImVec2(plot_min.x, plot_max.y), ImVec2(plot_max.x, plot_max.y), p.axis);
}

int DrawLegend(const std::vector<LegendItem>& items, ImVec2 at, float max_width, const ChartContext& context,
               int* hovered, float* bottom) {
  const Palette& p = *context.palette;
  const float size = SmallFontSize(context);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  *hovered = -1;
  int clicked = -1;
  float x = at.x;
  float y = at.y;
  for (size_t i = 0; i < items.size(); ++i) {
    const LegendItem& item = items[i];
    const float width = 22 + TextWidth(context.fonts->small, size, item.label.c_str()) + 6;
    if (x + width > at.x + max_width && x > at.x) {
      x = at.x;
      y += size + 8;
    }
    ImGui::SetCursorScreenPos(ImVec2(x - 3, y - 3));
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("legend", ImVec2(width + 6, size + 6))) clicked = static_cast<int>(i);
    if (ImGui::IsItemHovered()) {
      *hovered = static_cast<int>(i);
      ImGui::SetTooltip("%s: click to %s", item.label.c_str(), item.hidden ? "show" : "hide");
    }
    // Only keyboard focus draws a ring: ImGui gives focus on click too, without a highlight.
    if (ImGui::IsItemFocused() && !ImGui::GetCurrentContext()->NavDisableHighlight) draw->AddRect(ImVec2(x - 3, y - 3), ImVec2(x + width + 3, y + size + 3), p.axis, 4);
    ImGui::PopID();
    const ImU32 color = item.hidden ? WithAlpha(item.color, 0.3f) : item.color;
    const float mid = y + size * 0.55f;
    if (item.dashed) {
      for (float dx = 0; dx < 16; dx += 6) draw->AddLine(ImVec2(x + dx, mid), ImVec2(x + std::min(dx + 3, 16.0f), mid), color, 2.5f);
    } else {
      draw->AddRectFilled(ImVec2(x, mid - 2), ImVec2(x + 16, mid + 2), color, 2);
    }
    draw->AddText(context.fonts->small, size, ImVec2(x + 22, y), item.hidden ? p.text_muted : p.text,
                  item.label.c_str());
    if (item.hidden) {
      const float tw = TextWidth(context.fonts->small, size, item.label.c_str());
      draw->AddLine(ImVec2(x + 22, mid), ImVec2(x + 22 + tw, mid), p.text_muted);
    }
    x += width + 18;
  }
  *bottom = y + size + 6;
  return clicked;
}

}  // namespace divboard::ui
