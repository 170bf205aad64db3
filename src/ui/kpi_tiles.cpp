#include "ui/kpi_tiles.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "ui/i18n.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

const char* NotAvailable(Locale locale) { return Tr(locale, "n/a", "不适用"); }

float Scaled(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

void DrawText(ImDrawList* draw, const ImFont* font, ImVec2 at, ImU32 color, const std::string& text) {
  draw->AddText(font, Scaled(font), at, color, text.c_str());
}

// Up arrow for a rise, down for a fall; colour says whether that is good for this metric,
// the arrow keeps the meaning for readers who cannot tell the colours apart.
void DrawChange(ImDrawList* draw, const TileContext& t, ImVec2 at, const KpiValue& kpi) {
  const ChartContext& c = *t.chart;
  const Palette& p = *c.palette;
  if (t.comparison.days() <= 0) return;
  const std::string text = FormatChange(kpi.change) + "  " +
                           (t.change_label != nullptr ? t.change_label : Tr(c.locale, "vs previous", "较前期"));
  if (std::isnan(kpi.change)) {
    DrawText(draw, c.fonts->small, at, p.text_muted, text);
    return;
  }
  const bool up = kpi.change >= 0;
  const bool good = up == kpi.higher_is_better;
  const ImU32 color = kpi.change == 0 ? p.text_muted : (good ? p.good : p.bad);
  const float h = Scaled(c.fonts->small);
  const ImVec2 center(at.x + 5, at.y + h * 0.55f);
  if (up) {
    draw->AddTriangleFilled(ImVec2(center.x - 5, center.y + 3), ImVec2(center.x + 5, center.y + 3),
                            ImVec2(center.x, center.y - 5), color);
  } else {
    draw->AddTriangleFilled(ImVec2(center.x - 5, center.y - 3), ImVec2(center.x + 5, center.y - 3),
                            ImVec2(center.x, center.y + 5), color);
  }
  DrawText(draw, c.fonts->small, ImVec2(at.x + 14, at.y), color, text);
}

void DrawTile(const KpiValue& kpi, const TileContext& t, ImVec2 size) {
  const ChartContext& c = *t.chart;
  const Palette& p = *c.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImGui::InvisibleButton(kpi.id.c_str(), size);
  const bool hovered = ImGui::IsItemHovered();
  draw->AddRectFilled(min, max, p.panel, 8);
  draw->AddRect(min, max, hovered || ImGui::IsItemFocused() ? p.axis : p.panel_border, 8);

  // The division is told by a coloured edge and a name, so tiles group at a glance.
  const bool trading = IsTradingKpi(kpi.id);
  const ImU32 division_color = trading ? p.trading : p.community;
  draw->AddRectFilled(min, ImVec2(min.x + 4, max.y), division_color, 8, ImDrawFlags_RoundCornersLeft);
  const float pad = 16;
  const std::string& label = Localised(kpi.label, c.locale);
  DrawText(draw, c.fonts->small, ImVec2(min.x + pad, min.y + 12), p.text_muted, label);
  // The division's name only where it fits beside the label (the coloured edge stays).
  const std::string division = trading ? Tr(c.locale, "Trading", "交易") : Tr(c.locale, "Community", "社区");
  const float small = Scaled(c.fonts->small);
  const float division_width = TextWidth(c.fonts->small, small, division.c_str());
  if (pad + TextWidth(c.fonts->small, small, label.c_str()) + 12 + division_width + pad < size.x) {
    DrawText(draw, c.fonts->small, ImVec2(max.x - pad - division_width, min.y + 12), division_color, division);
  }
  const std::string value = kpi.available ? FormatValue(kpi.value, kpi.unit, c.locale) : std::string(NotAvailable(c.locale));
  DrawText(draw, c.fonts->value, ImVec2(min.x + pad, min.y + 32), kpi.available ? p.text : p.text_muted, value);
  DrawChange(draw, t, ImVec2(min.x + pad, max.y - 28), kpi);
  const float value_width = TextWidth(c.fonts->value, Scaled(c.fonts->value), value.c_str());
  const float spark_left = std::max(min.x + pad + value_width + 16, max.x - pad - 110);
  if (spark_left + 40 < max.x - pad) {
    DrawSparkline(draw, ImVec2(spark_left, min.y + 36), ImVec2(max.x - pad, min.y + 64), kpi.trend, division_color);
  }
  if (hovered) {
    ImGui::BeginTooltip();
    ImGui::PushFont(c.fonts->bold);
    ImGui::TextUnformatted(Localised(kpi.label, c.locale).c_str());
    ImGui::PopFont();
    ImGui::Text("%s .. %s: %s", FormatDate(t.period.first).c_str(), FormatDate(t.period.last).c_str(),
                FormatValue(kpi.value, kpi.unit, c.locale).c_str());
    if (t.comparison.days() > 0) {
      ImGui::Text("%s .. %s: %s", FormatDate(t.comparison.first).c_str(), FormatDate(t.comparison.last).c_str(),
                  FormatValue(kpi.previous, kpi.unit, c.locale).c_str());
    }
    if (kpi.unit != Unit::kRatio && kpi.available) {
      ImGui::TextDisabled("%s %s", Tr(c.locale, "Exact:", "精确值:"), FormatGrouped(kpi.value).c_str());
    }
    if (!kpi.why.empty()) ImGui::TextDisabled("%s", kpi.why.c_str());
    ImGui::TextDisabled("%s", t.trend_note);
    ImGui::EndTooltip();
  }
}

}  // namespace

bool IsTradingKpi(const std::string& id) {
  return id != "dau" && id != "mau" && id != "ad_revenue" && id != "notes_published" && id != "engagements";
}

void DrawKpiTiles(const std::vector<KpiValue>& kpis, const TileContext& context) {
  const int count = static_cast<int>(kpis.size());
  if (count == 0) return;
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = 12;
  // Phones get two compact columns rather than one long list.
  int columns = std::clamp(static_cast<int>(width / (width < 600 ? 165 : 250)), 1, count);
  const int rows = (count + columns - 1) / columns;
  columns = (count + rows - 1) / rows;
  const float tile_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  for (int i = 0; i < count; ++i) {
    if (i % columns != 0) ImGui::SameLine(0, gap);
    DrawTile(kpis[static_cast<size_t>(i)], context, ImVec2(tile_width, 108));
    if (i % columns == columns - 1 || i == count - 1) ImGui::Dummy(ImVec2(0, gap - ImGui::GetStyle().ItemSpacing.y));
  }
}

// Every unit at every magnitude the compact formats name, and the tile's "n/a".
std::string KpiValueText(Locale locale) {
  std::string text = NotAvailable(locale);
  for (const Unit unit : {Unit::kCount, Unit::kUsers, Unit::kCurrency, Unit::kRatio, Unit::kHours}) {
    for (double value = 1; value < 1e18; value *= 10) text += FormatValue(value, unit, locale);
  }
  text += FormatValue(std::nan(""), Unit::kCount, locale);
  return text;
}

}  // namespace divboard::ui
