// ChartPanel's definition (a template, so it lives with its declaration in chart_common.h).
#pragma once

#include "ui/automation.h"

namespace divboard::ui {

template <typename Body>
bool ChartPanel(const char* id, const std::string& title, ImVec2 size, const ChartContext& context,
                const char* button, const char* button_tooltip, const std::string& mark, Body body) {
  const Palette& p = *context.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  // The panel's drawing gets its own draw commands: what another panel or a KPI tile draws
  // then stays in commands of its own, which a partial redraw (damage_tiles.h) recognises
  // unchanged instead of regrouping every triangle of one window-wide command when a zoom
  // changes this chart's labels. The margin keeps the border's anti-aliased fringe.
  ImGui::PushClipRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2), true);
  // The panel's items start a line of their own: after SameLine, ImGui gives the first of
  // them the height of the row so far, which reached below the panel and let the window
  // scroll, so every wheel zoom on the overview's charts also scrolled the page 25 pixels.
  ImGui::BeginGroup();
  draw->AddRectFilled(min, max, p.panel, 8);
  draw->AddRect(min, max, p.panel_border, 8);
  draw->AddText(context.fonts->bold, context.fonts->bold->FontSize * ImGui::GetIO().FontGlobalScale,
                ImVec2(min.x + 14, min.y + 10), p.text, title.c_str());
  ImGui::PushID(id);
  bool clicked = false;
  if (button != nullptr) {
    ImGui::SetCursorScreenPos(ImVec2(max.x - ImGui::CalcTextSize(button).x - 24, min.y + 6));
    clicked = ImGui::SmallButton(button);
    if (!mark.empty()) MarkItem(mark);
    if (button_tooltip != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", button_tooltip);
  }
  ImGui::SetCursorScreenPos(ImVec2(min.x + 6, min.y + 36));
  body(ImVec2(size.x - 12, size.y - 44));
  ImGui::PopID();
  ImGui::EndGroup();
  ImGui::PopClipRect();
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(size);
  MarkItem(std::string("panel:") + id);  // where automation hovers and drags (make bench)
  return clicked;
}

}  // namespace divboard::ui
