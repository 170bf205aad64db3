// Where named controls were drawn last frame, so browser tests and automation can click
// them by name (a canvas has no DOM to query). Costs a map insert per named control.
#pragma once

#include <imgui.h>
#include <map>
#include <string>

namespace divboard::ui {

void ClearMarks();
// Records the rectangle of the item ImGui drew last under `name`.
void MarkItem(const std::string& name);
const std::map<std::string, ImVec4>& Marks();  // name -> (min x, min y, max x, max y), CSS px

}  // namespace divboard::ui
