#include "ui/heat_map.h"

#include <algorithm>
#include <cmath>

#include "ui/automation.h"
#include "ui/draw_layers.h"
#include "ui/i18n.h"
#include "ui/resident_charts.h"

namespace divboard::ui {
namespace {

constexpr int kColumns = 54;  // the most weeks a year block can span
constexpr float kLabelWidth = 44;
constexpr float kMaxPitch = 20;
constexpr float kMinPitch = 6;
constexpr float kLegendHeight = 30;

HeatMapHover g_hover;
int g_hover_frame = -1;

struct Layout {
  ImVec2 origin;  // block 0, week 0, Monday
  float pitch = 0, cell = 0, block_pitch = 0, month_row = 0;
};

Layout MakeLayout(ImVec2 at, float width, const ChartContext& context) {
  Layout l;
  l.pitch = std::clamp(std::floor((width - kLabelWidth - 8) / kColumns), kMinPitch, kMaxPitch);
  l.cell = l.pitch - std::max(1.0f, std::round(l.pitch * 0.15f));
  l.month_row = SmallFontSize(context) + 6;
  l.block_pitch = std::round(l.month_row + 7 * l.pitch + 10);  // whole pixels: crisp cells, equal on GPU and CPU
  l.origin = ImVec2(std::floor(at.x + kLabelWidth), std::floor(at.y + l.month_row));
  return l;
}

bool IsDark(const Palette& p) {
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(p.background);
  return bg.x + bg.y + bg.z < 1.5f;
}

// Sequential ramps that stay readable on each theme's panel: low values fade towards the
// panel, high ones stand out (dark: towards a light amber; light: towards a deep teal).
void Ramp(const Palette& p, ImU32 (&ramp)[5], ImU32* missing) {
  if (IsDark(p)) {
    const ImU32 dark[5] = {IM_COL32(0x24, 0x33, 0x4A, 255), IM_COL32(0x1F, 0x5F, 0x7A, 255), IM_COL32(0x2A, 0x94, 0x8C, 255),
                           IM_COL32(0x9C, 0xC4, 0x5A, 255), IM_COL32(0xF6, 0xE0, 0x6E, 255)};
    std::copy(dark, dark + 5, ramp);
  } else {
    const ImU32 light[5] = {IM_COL32(0xE4, 0xF1, 0xE8, 255), IM_COL32(0xA8, 0xD8, 0xB9, 255), IM_COL32(0x5B, 0xB5, 0x9A, 255),
                            IM_COL32(0x21, 0x83, 0x83, 255), IM_COL32(0x0B, 0x4A, 0x6B, 255)};
    std::copy(light, light + 5, ramp);
  }
  *missing = WithAlpha(p.grid, 0.6f);
}

float Position(const DailyCalendar& c, double v) {
  if (!std::isfinite(v)) return kHeatMissing;
  return c.high > c.low ? static_cast<float>((v - c.low) / (c.high - c.low)) : 0.5f;
}

void Rebuild(HeatMapState& state, const Snapshot& snapshot) {
  state.calendar = MakeDailyCalendar(snapshot, "dpu");
  const DailyCalendar& c = state.calendar;
  state.cells.assign(static_cast<size_t>(kColumns) * 7 * c.grid.years.size(), kHeatNone);
  for (Day day = c.grid.first; day <= c.grid.last; ++day) {
    const CalendarCell cell = c.grid.CellOf(day);
    const size_t index = (static_cast<size_t>(cell.block) * 7 + static_cast<size_t>(cell.weekday)) * kColumns +
                         static_cast<size_t>(cell.week);
    state.cells[index] = Position(c, c.At(day));
  }
}

void Refresh(const Session& session, HeatMapState& state) {
  if (!session.has_data() || state.generation == session.generation()) return;
  Rebuild(state, session.snapshot());
  state.generation = session.generation();
}

}  // namespace

float PurchasingCalendarHeight(const Session& session, HeatMapState& state, float width, const ChartContext& context) {
  Refresh(session, state);
  const Layout l = MakeLayout(ImVec2(0, 0), width, context);
  return std::max(1.0f, static_cast<float>(state.calendar.grid.years.size())) * l.block_pitch + kLegendHeight + 4;
}

const HeatMapHover& LastHeatMapHover() {
  static const HeatMapHover none;
  return g_hover_frame == ImGui::GetFrameCount() ? g_hover : none;
}

void DrawPurchasingCalendar(const Session& session, HeatMapState& state, const ChartContext& context, ImVec2 size) {
  if (!session.has_data()) return;
  Refresh(session, state);
  const DailyCalendar& c = state.calendar;
  const Palette& p = *context.palette;
  const Locale locale = context.locale;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (!c.present || c.grid.years.empty()) {
    ImGui::TextDisabled("%s", Tr(locale, "No daily purchasing users in this snapshot.", "此快照没有日购买用户数据。"));
    return;
  }
  const Layout l = MakeLayout(at, size.x, context);
  const float small = SmallFontSize(context);
  ImFont* font = context.fonts->small;
  ImU32 ramp[5];
  ImU32 missing = 0;
  Ramp(p, ramp, &missing);
  const int blocks = static_cast<int>(c.grid.years.size());
  const float grid_width = kColumns * l.pitch;
  const float grid_height = static_cast<float>(blocks) * l.block_pitch;

  // Labels: the year and weekdays at the left of each block, months above their first column.
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* kMonthsZh[] = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"};
  static const char* kDays[] = {"Mon", "Wed", "Fri"};
  static const char* kDaysZh[] = {"周一", "周三", "周五"};
  for (int b = 0; b < blocks; ++b) {
    const CalendarYear& year = c.grid.years[static_cast<size_t>(b)];
    const float top = l.origin.y + static_cast<float>(b) * l.block_pitch;
    const std::string year_text = std::to_string(year.year);
    draw->AddText(context.fonts->bold, small, ImVec2(at.x, top - l.month_row), p.text, year_text.c_str());
    for (int m = 0; m < 12; ++m) {
      if (year.month_week[m] < 0) continue;
      const float x = l.origin.x + static_cast<float>(year.month_week[m]) * l.pitch;
      draw->AddText(font, small, ImVec2(x, top - l.month_row), p.text_muted, (locale == Locale::kZh ? kMonthsZh : kMonths)[m]);
    }
    for (int r = 0; r < 3; ++r) {
      const float y = top + static_cast<float>(r * 2) * l.pitch + (l.cell - small) / 2;
      draw->AddText(font, small, ImVec2(at.x, y), p.text_muted, (locale == Locale::kZh ? kDaysZh : kDays)[r]);
    }
  }

  // Cells: the GPU colour-maps the data texture; otherwise one rectangle per day.
  ResidentHeatMap map;
  map.cells = state.cells.data();
  map.columns = kColumns;
  map.blocks = blocks;
  map.origin = l.origin;
  map.pitch = l.pitch;
  map.cell = l.cell;
  map.block_pitch = l.block_pitch;
  std::copy(ramp, ramp + 5, map.ramp);
  map.missing = missing;
  ResidentCharts* gpu = GetResidentCharts();
  if (gpu == nullptr || !gpu->DrawHeatMap(draw, map)) {
    for (int b = 0; b < blocks; ++b) {
      for (int r = 0; r < 7; ++r) {
        for (int w = 0; w < kColumns; ++w) {
          const float t = state.cells[(static_cast<size_t>(b) * 7 + static_cast<size_t>(r)) * kColumns + static_cast<size_t>(w)];
          if (t == kHeatNone) continue;
          const ImVec2 min(l.origin.x + static_cast<float>(w) * l.pitch, l.origin.y + static_cast<float>(b) * l.block_pitch + static_cast<float>(r) * l.pitch);
          draw->AddRectFilled(min, ImVec2(min.x + l.cell, min.y + l.cell), t == kHeatMissing ? missing : RampColor(ramp, t));
        }
      }
    }
  }

  // Hover: the cell under the mouse, outlined, with its date and value.
  ImGui::SetCursorScreenPos(l.origin);
  ImGui::InvisibleButton("calendar", ImVec2(grid_width, grid_height));
  MarkItem("heatmap");
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int b = static_cast<int>(std::floor((mouse.y - l.origin.y) / l.block_pitch));
    const float in_block = mouse.y - l.origin.y - static_cast<float>(b) * l.block_pitch;
    const int r = static_cast<int>(std::floor(in_block / l.pitch));
    const int w = static_cast<int>(std::floor((mouse.x - l.origin.x) / l.pitch));
    Day day = 0;
    if (in_block >= 0 && c.grid.DayAt(b, w, r, &day)) {
      const double value = c.At(day);
      g_hover = HeatMapHover{true, day, value, FormatValue(value, c.unit, locale)};
      g_hover_frame = ImGui::GetFrameCount();
      const ImVec2 min(l.origin.x + static_cast<float>(w) * l.pitch, l.origin.y + static_cast<float>(b) * l.block_pitch + static_cast<float>(r) * l.pitch);
      BeginHoverMarks(*draw)->AddRect(ImVec2(min.x - 1, min.y - 1), ImVec2(min.x + l.cell + 1, min.y + l.cell + 1), p.text, 0, 0, 1.5f);
      EndHoverMarks();
      static const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
      static const char* kWeekdaysZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
      ImGui::BeginTooltip();
      ImGui::PushFont(context.fonts->bold);
      ImGui::Text("%s %s", FormatDate(day).c_str(), (locale == Locale::kZh ? kWeekdaysZh : kWeekdays)[Weekday(day)]);
      ImGui::PopFont();
      ImGui::Text("%s: %s", Tr(locale, "Purchasing users", "购买用户"),
                  std::isfinite(value) ? g_hover.text.c_str() : Tr(locale, "no data", "无数据"));
      ImGui::EndTooltip();
    }
  }

  // Legend: the ramp between the smallest and largest day, and what an empty cell means.
  const float legend_y = l.origin.y + grid_height - l.month_row + 2;
  float x = l.origin.x;
  const std::string low = FormatValue(c.low, c.unit, locale);
  const std::string high = FormatValue(c.high, c.unit, locale);
  draw->AddText(font, small, ImVec2(x, legend_y), p.text_muted, low.c_str());
  x += TextWidth(font, small, low.c_str()) + 6;
  const float swatch = std::max(l.cell, 10.0f);
  for (int i = 0; i < 20; ++i) {
    draw->AddRectFilled(ImVec2(x, legend_y + 1), ImVec2(x + 7, legend_y + 1 + swatch), RampColor(ramp, static_cast<float>(i) / 19));
    x += 7;
  }
  x += 6;
  draw->AddText(font, small, ImVec2(x, legend_y), p.text_muted, high.c_str());
  x += TextWidth(font, small, high.c_str()) + 24;
  draw->AddRectFilled(ImVec2(x, legend_y + 1), ImVec2(x + swatch, legend_y + 1 + swatch), missing);
  x += swatch + 6;
  draw->AddText(font, small, ImVec2(x, legend_y), p.text_muted, Tr(locale, "no data", "无数据"));
  ImGui::SetCursorScreenPos(at);
  ImGui::Dummy(size);
}

}  // namespace divboard::ui
