#include "ui/automation.h"

namespace divboard::ui {
namespace {

std::map<std::string, ImVec4>& Store() {
  static std::map<std::string, ImVec4> marks;
  return marks;
}

}  // namespace

void ClearMarks() { Store().clear(); }

void MarkItem(const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  Store()[name] = ImVec4(min.x, min.y, max.x, max.y);
}

const std::map<std::string, ImVec4>& Marks() { return Store(); }

}  // namespace divboard::ui
