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

// The heap's in-use bytes and peak footprint at a named moment of start-up (the first time
// each name is noted; later notes of it are ignored), so the report says which step set the
// peak: the parse, the font bake or the first frame's drawing (state().memory.moments).
// Cheap enough for the few moments it is called at (mallinfo walks the heap's chunks).
void NoteMemoryMoment(const char* name);

nlohmann::json MemoryReportJson(const Snapshot& snapshot, const ui::DashboardUi& dashboard);

}  // namespace divboard::web
