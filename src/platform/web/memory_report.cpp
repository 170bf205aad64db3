#include "memory_report.h"

#include <emscripten/heap.h>
#include <emscripten/stack.h>
#include <malloc.h>

#include <cstdint>
#include <cstring>
#include <imgui.h>
#include <iterator>

#include "ui/font_tables.h"

namespace divboard::web {
namespace {

constexpr std::uint32_t kStackPaint = 0x5AC4D00Du;

// Runs before main and before any of our code: everything below the current stack pointer
// (less a margin for this function's own frame) has never been used yet.
__attribute__((constructor)) void PaintStack() {
  auto* low = reinterpret_cast<volatile std::uint32_t*>(emscripten_stack_get_end());
  auto* high = reinterpret_cast<volatile std::uint32_t*>(emscripten_stack_get_current() - 4096);
  for (volatile std::uint32_t* at = low; at < high; ++at) *at = kStackPaint;
}

size_t SeriesBytes(const Snapshot& s) {
  size_t bytes = 0;
  for (const Series& series : s.series) bytes += series.values.capacity() * sizeof(double);
  for (const Host& h : s.hosts) {
    const HostMonthly& m = h.monthly;
    bytes += (m.sessions.capacity() + m.viewers.capacity() + m.gmv.capacity() + m.orders.capacity() +
              m.purchasing_users.capacity()) * sizeof(double);
  }
  return bytes;
}

struct Moment {
  const char* name;
  size_t in_use;
  size_t peak;
};
Moment g_moments[8];
size_t g_moment_count = 0;

}  // namespace

void NoteMemoryMoment(const char* name) {
  for (size_t i = 0; i < g_moment_count; ++i) {
    if (std::strcmp(g_moments[i].name, name) == 0) return;
  }
  if (g_moment_count == std::size(g_moments)) return;
  const struct mallinfo heap = mallinfo();
  g_moments[g_moment_count++] = {name, static_cast<size_t>(heap.uordblks), static_cast<size_t>(heap.usmblks)};
}

size_t StackHighWaterBytes() {
  const auto* low = reinterpret_cast<const std::uint32_t*>(emscripten_stack_get_end());
  const auto* high = reinterpret_cast<const std::uint32_t*>(emscripten_stack_get_base());
  const std::uint32_t* at = low;
  while (at < high && *at == kStackPaint) ++at;
  return static_cast<size_t>(reinterpret_cast<uintptr_t>(high) - reinterpret_cast<uintptr_t>(at));
}

nlohmann::json MemoryReportJson(const Snapshot& snapshot, const ui::DashboardUi& dashboard) {
  const struct mallinfo heap = mallinfo();
  const uintptr_t stack_low = emscripten_stack_get_end();
  const uintptr_t stack_high = emscripten_stack_get_base();
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  size_t draw_bytes = 0;
  if (const ImDrawData* draw = ImGui::GetDrawData(); draw != nullptr && draw->Valid) {
    for (int i = 0; i < draw->CmdListsCount; ++i) {
      const ImDrawList* list = draw->CmdLists[i];
      draw_bytes += static_cast<size_t>(list->VtxBuffer.Capacity) * sizeof(ImDrawVert) +
                    static_cast<size_t>(list->IdxBuffer.Capacity) * sizeof(ImDrawIdx);
    }
  }
  const size_t atlas_pixels = static_cast<size_t>(atlas->TexWidth) * static_cast<size_t>(atlas->TexHeight);
  const size_t atlas_cpu = (atlas->TexPixelsAlpha8 != nullptr ? atlas_pixels : 0) +
                           (atlas->TexPixelsRGBA32 != nullptr ? atlas_pixels * 4 : 0);
  nlohmann::json moments = nlohmann::json::array();
  for (size_t i = 0; i < g_moment_count; ++i) {
    moments.push_back({{"name", g_moments[i].name}, {"in_use", g_moments[i].in_use}, {"peak", g_moments[i].peak}});
  }
  return {
      {"wasm_memory", emscripten_get_heap_size()},
      // Layout (Emscripten 3.1.6): static data, then the stack growing down towards it, then the heap.
      {"static_bytes", stack_low},
      {"stack_bytes", stack_high - stack_low},
      {"stack_peak_bytes", StackHighWaterBytes()},
      {"heap_footprint_bytes", static_cast<size_t>(heap.arena)},
      {"heap_peak_footprint_bytes", static_cast<size_t>(heap.usmblks)},
      {"heap_in_use_bytes", static_cast<size_t>(heap.uordblks)},
      {"series_bytes", SeriesBytes(snapshot)},
      {"pyramid_bytes", dashboard.pyramids.bytes() + dashboard.gallery.pyramids.bytes()},
      {"gallery_large_bytes", dashboard.gallery.large_values.capacity() * sizeof(double)},
      {"font_atlas", {{"width", atlas->TexWidth}, {"height", atlas->TexHeight}, {"cpu_bytes", atlas_cpu}}},
      // Glyphs and their index tables (ui/font_tables.h): with Chinese merged, more than the atlas.
      {"font_table_bytes", ui::FontTableBytes(*atlas)},
      {"draw_buffer_bytes", draw_bytes},
      {"moments", std::move(moments)},
  };
}

}  // namespace divboard::web
