// Where the page's wasm memory goes (issue 7's memory goal): static data, the stack and how
// deep it has ever been, the heap's footprint and peak, and the big consumers we know of —
// the snapshot's columns, decimation summaries, the glyph atlas and ImGui's draw buffers.
// `state().memory` carries it (db_memory_report); bench/run_uplot_bench.mjs prints it beside the totals.
#pragma once

#include <nlohmann/json.hpp>

#include "core/snapshot.h"
#include "ui/dashboard.h"

namespace divboard::web {

// Bytes of the stack ever used since start-up: the unused part is filled with a pattern
// before anything runs (a static constructor), so this scans for the lowest overwritten word.
size_t StackHighWaterBytes();

nlohmann::json MemoryReportJson(const Snapshot& snapshot, const ui::DashboardUi& dashboard);

}  // namespace divboard::web
