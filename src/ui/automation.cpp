#include "ui/automation.h"

#include <utility>
#include <vector>

namespace divboard::ui {
namespace {

// Slots reused from frame to frame: the same names come in the same order each frame, so a
// mark copies its name into a slot's existing string. A map cleared and refilled every frame
// allocated a node and a key per mark (a few hundredths of a millisecond a frame).
struct Store {
  std::vector<std::pair<std::string, ImVec4>> marks;
  std::size_t used = 0;
};

Store& TheStore() {
  static Store store;
  return store;
}

}  // namespace

void ClearMarks() { TheStore().used = 0; }

void MarkItem(const std::string& name) {
  Store& s = TheStore();
  if (s.used == s.marks.size()) s.marks.emplace_back();
  std::pair<std::string, ImVec4>& mark = s.marks[s.used++];
  mark.first.assign(name);
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  mark.second = ImVec4(min.x, min.y, max.x, max.y);
}

std::map<std::string, ImVec4> Marks() {
  const Store& s = TheStore();
  std::map<std::string, ImVec4> marks;
  // A name marked twice in a frame keeps its last rectangle.
  for (std::size_t i = 0; i < s.used; ++i) marks[s.marks[i].first] = s.marks[i].second;
  return marks;
}

}  // namespace divboard::ui
