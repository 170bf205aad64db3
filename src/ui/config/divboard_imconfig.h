// Dear ImGui compile-time configuration for divboard (passed as IMGUI_USER_CONFIG).
#pragma once

// Charts emit large meshes; 16-bit indices would cap a draw list at 64K vertices.
#define ImDrawIdx unsigned int

// The web build has no filesystem and the dashboard keeps no .ini state.
#define IMGUI_DISABLE_FILE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
