// Dear ImGui compile-time configuration for divboard (passed as IMGUI_USER_CONFIG).
#pragma once

// Indices stay 16-bit (ImGui's default): a draw list past 64K vertices goes on under a new
// vertex offset, which every context sets up to honour (ui::EnableLargeMeshes) and our
// renderer draws from. 32-bit indices cost 2 bytes more for each of ~75K indices a
// default frame holds, and in the kept chart geometry (docs/performance.md, "Memory").

// The web build has no filesystem and the dashboard keeps no .ini state.
#define IMGUI_DISABLE_FILE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
