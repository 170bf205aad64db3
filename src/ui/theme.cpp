#include "ui/theme.h"

namespace divboard::ui {
namespace {

constexpr ImU32 Rgb(unsigned rgb, unsigned alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

const Palette kDark = {
    Rgb(0x0F1117), Rgb(0x181B24), Rgb(0x2A2F3C), Rgb(0xE8EAF0), Rgb(0x9AA1B2), Rgb(0x262A35),
    Rgb(0x5A6172), Rgb(0x3CC29A), Rgb(0xF07D4A), Rgb(0x56B4E9), Rgb(0xE69F00),
    {Rgb(0x56B4E9), Rgb(0xE69F00), Rgb(0x3CC29A), Rgb(0xCC79A7), Rgb(0xF0E442), Rgb(0xD55E00)},
    Rgb(0xE69F00, 28), Rgb(0x9AA1B2, 150), Rgb(0x4A1E1E), Rgb(0xFFB4A8)};

const Palette kLight = {
    Rgb(0xF4F5F8), Rgb(0xFFFFFF), Rgb(0xDDE1E8), Rgb(0x1B1F2A), Rgb(0x5F6677), Rgb(0xE9ECF1),
    Rgb(0x9AA1B2), Rgb(0x00876A), Rgb(0xC44E00), Rgb(0x0072B2), Rgb(0xB87D00),
    {Rgb(0x0072B2), Rgb(0xD08C00), Rgb(0x009E73), Rgb(0xCC79A7), Rgb(0x8C7A00), Rgb(0xD55E00)},
    Rgb(0xE69F00, 30), Rgb(0x5F6677, 140), Rgb(0xFDE3DF), Rgb(0x8A1C0C)};

ImVec4 Float4(ImU32 color) { return ImGui::ColorConvertU32ToFloat4(color); }

}  // namespace

const Palette& GetPalette(Theme theme) { return theme == Theme::kDark ? kDark : kLight; }

void ApplyTheme(Theme theme) {
  const Palette& p = GetPalette(theme);
  ImGuiStyle& style = ImGui::GetStyle();
  if (theme == Theme::kDark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 0;
  style.FrameRounding = 6;
  style.PopupRounding = 6;
  style.ChildRounding = 8;
  style.GrabRounding = 6;
  style.WindowBorderSize = 0;
  style.PopupBorderSize = 1;
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.WindowPadding = ImVec2(20, 16);
  style.ScrollbarSize = 12;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = Float4(p.background);
  c[ImGuiCol_ChildBg] = Float4(p.panel);
  c[ImGuiCol_PopupBg] = Float4(p.panel);
  c[ImGuiCol_Border] = Float4(p.panel_border);
  c[ImGuiCol_Text] = Float4(p.text);
  c[ImGuiCol_TextDisabled] = Float4(p.text_muted);
  c[ImGuiCol_Button] = Float4(p.panel);
  c[ImGuiCol_ButtonHovered] = Float4(p.panel_border);
  c[ImGuiCol_ButtonActive] = Float4(p.grid);
  c[ImGuiCol_Separator] = Float4(p.panel_border);
}

}  // namespace divboard::ui
