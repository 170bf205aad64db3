#include "ui/kpi_tiles.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <string>

#include "ui/draw_layers.h"
#include "ui/draw_signature.h"
#include "ui/i18n.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

const char* NotAvailable(Locale locale) { return Tr(locale, "n/a", "不适用"); }

float Scaled(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

void DrawText(ImDrawList* draw, const ImFont* font, ImVec2 at, ImU32 color, const std::string& text) {
  draw->AddText(font, Scaled(font), at, color, text.c_str());
}

const char* ChangeLabel(const TileContext& t) {
  return t.change_label != nullptr ? t.change_label : Tr(t.chart->locale, "vs previous", "较前期");
}

// Up arrow for a rise, down for a fall; colour says whether that is good for this metric,
// the arrow keeps the meaning for readers who cannot tell the colours apart.
void DrawChange(ImDrawList* draw, const TileContext& t, ImVec2 at, const KpiValue& kpi) {
  const ChartContext& c = *t.chart;
  const Palette& p = *c.palette;
  if (t.comparison.days() <= 0) return;
  const std::string text = FormatChange(kpi.change) + "  " + ChangeLabel(t);
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

// The tile's button, panel, border (which shows hover and focus) and tooltip: drawn each frame.
void DrawTileFrame(const KpiValue& kpi, const TileContext& t, ImVec2 size) {
  const ChartContext& c = *t.chart;
  const Palette& p = *c.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImGui::InvisibleButton(kpi.id.c_str(), size);
  const bool hovered = ImGui::IsItemHovered();
  draw->AddRectFilled(min, max, p.panel, 8);
  draw->AddRect(min, max, ImGui::IsItemFocused() ? p.axis : p.panel_border, 8);
  if (hovered) {
    // The hover's border goes with its tooltip, over the page (draw_layers.h).
    BeginHoverMarks(*draw)->AddRect(min, max, p.axis, 8);
    EndHoverMarks();
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

// The tile's division edge, label, value, change and sparkline: the same from frame to frame
// until the data, the layout or the look changes, so they can be kept (TileContext::kept).
void DrawTileFace(ImDrawList* draw, const KpiValue& kpi, const TileContext& t, ImVec2 min, ImVec2 size) {
  const ChartContext& c = *t.chart;
  const Palette& p = *c.palette;
  const ImVec2 max(min.x + size.x, min.y + size.y);
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
}

// Everything DrawTileFace reads, and the draw list's state its geometry depends on: a kept
// face whose key matches draws exactly what drawing it again would.
std::uint64_t FacesKey(const std::vector<KpiValue>& kpis, const std::vector<ImVec2>& at, ImVec2 size,
                       const TileContext& t, const ImDrawList* draw) {
  const ChartContext& c = *t.chart;
  const ImVec4 clip = draw->_CmdHeader.ClipRect;
  const double frame[] = {clip.x, clip.y, clip.z, clip.w, size.x, size.y,
                          static_cast<double>(c.locale), static_cast<double>(c.fonts->generation),
                          static_cast<double>(ImGui::GetIO().FontGlobalScale), static_cast<double>(draw->Flags),
                          static_cast<double>(ImGui::GetStyle().CircleTessellationMaxError),
                          t.comparison.days() > 0 ? 1.0 : 0.0};
  std::uint64_t key = MixBytes(0, frame, sizeof frame);
  // The fonts are known by their bake (above; a rebake may reuse their addresses) and by
  // the texture they draw from.
  key = MixBytes(key, &draw->_CmdHeader.TextureId, sizeof draw->_CmdHeader.TextureId);
  key = MixBytes(key, c.palette, sizeof(Palette));
  const char* change_label = ChangeLabel(t);
  const std::size_t change_label_size = std::strlen(change_label);
  key = MixBytes(MixBytes(key, &change_label_size, sizeof change_label_size), change_label, change_label_size);
  for (std::size_t i = 0; i < kpis.size(); ++i) {
    const KpiValue& kpi = kpis[i];
    const std::string& label = Localised(kpi.label, c.locale);
    const double tile[] = {at[i].x, at[i].y, kpi.available ? 1.0 : 0.0, kpi.value, static_cast<double>(kpi.unit),
                           kpi.change, kpi.higher_is_better ? 1.0 : 0.0, IsTradingKpi(kpi.id) ? 1.0 : 0.0,
                           static_cast<double>(label.size()), static_cast<double>(kpi.trend.size())};
    key = MixBytes(key, tile, sizeof tile);
    key = MixBytes(key, label.data(), label.size());
    key = MixBytes(key, kpi.trend.data(), kpi.trend.size() * sizeof(double));
  }
  return key;
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
  const ImVec2 size(tile_width, 108);
  std::vector<ImVec2> at(kpis.size());
  ImVec2 low(FLT_MAX, FLT_MAX), high(-FLT_MAX, -FLT_MAX);
  for (int i = 0; i < count; ++i) {
    if (i % columns != 0) ImGui::SameLine(0, gap);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    at[static_cast<size_t>(i)] = min;
    low = ImVec2(std::min(low.x, min.x), std::min(low.y, min.y));
    high = ImVec2(std::max(high.x, min.x + size.x), std::max(high.y, min.y + size.y));
    DrawTileFrame(kpis[static_cast<size_t>(i)], context, size);
    if (i % columns == columns - 1 || i == count - 1) ImGui::Dummy(ImVec2(0, gap - ImGui::GetStyle().ItemSpacing.y));
  }
  // The faces go after every tile's frame (tiles do not overlap, so the pixels are the same),
  // in a clip rectangle of their own: a changed face damages the tiles, not the window.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(low.x - 2, low.y - 2), ImVec2(high.x + 2, high.y + 2), true);
  const std::uint64_t key = context.kept != nullptr ? FacesKey(kpis, at, size, context, draw) : 0;
  if (context.kept != nullptr && context.kept->valid && context.kept->key == key) {
    ReplaySegment(draw, *context.kept);
  } else {
    const SegmentRecorder recorder(draw);
    for (size_t i = 0; i < kpis.size(); ++i) DrawTileFace(draw, kpis[i], context, at[i], size);
    if (context.kept != nullptr) recorder.End(key, context.kept);
  }
  draw->PopClipRect();
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
