#include "ui/resident_charts.h"

#include <algorithm>
#include <cmath>

namespace divboard::ui {
namespace {
ResidentCharts* g_resident = nullptr;
}  // namespace

ResidentCharts* GetResidentCharts() { return g_resident; }
void SetResidentCharts(ResidentCharts* charts) { g_resident = charts; }

ImU32 RampColor(const ImU32 (&ramp)[5], float t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0f, 0.0f, 1.0f) * 4.0f;
  const int i = std::min(3, static_cast<int>(std::floor(t)));
  const float f = t - static_cast<float>(i);
  const ImVec4 a = ImGui::ColorConvertU32ToFloat4(ramp[i]);
  const ImVec4 b = ImGui::ColorConvertU32ToFloat4(ramp[i + 1]);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f, a.z + (b.z - a.z) * f, a.w + (b.w - a.w) * f));
}

}  // namespace divboard::ui
