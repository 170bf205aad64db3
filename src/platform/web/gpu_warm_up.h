// One cheap frame presented at start-up, under the loading splash, so that the first frame
// showing data does not pay the GPU's one-off costs on the cold start's critical path.
// Behind ?warmup=1 (db_init): it is a gain only while the snapshot still downloads.
#pragma once

#include "webgl_renderer.h"

namespace divboard::web {

// Draws an invisible quad through `renderer` as a frame draws text (ImGui's program and
// vertex layout, blending, an R8 linear-filtered texture, scissor) into the canvas, at its
// full size, and leaves it to be presented. Under SwiftShader (software compositing) the
// first presented frame compiles its pipeline and sets up the canvas' read-back: measured,
// the data frame's read-back went from ~130 to ~85 ms, and this frame's own ~45 ms falls
// while the snapshot still downloads (docs/performance.md, "Cold start"). An offscreen draw
// (no read-back) warmed nothing the data frame uses.
void WarmUpGpu(WebGlRenderer& renderer, int framebuffer_width, int framebuffer_height, float clear_r,
               float clear_g, float clear_b);

}  // namespace divboard::web
