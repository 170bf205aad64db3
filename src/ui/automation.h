// Where named controls were drawn last frame, so browser tests and automation can click
// them by name (a canvas has no DOM to query). Costs a string copy per named control.
#pragma once

#include <imgui.h>
#include <map>
#include <string>

namespace divboard::ui {

void ClearMarks();
// Records the rectangle of the item ImGui drew last under `name`.
void MarkItem(const std::string& name);
// The items marked since the last ClearMarks: name -> (min x, min y, max x, max y), CSS px.
std::map<std::string, ImVec4> Marks();

}  // namespace divboard::ui
