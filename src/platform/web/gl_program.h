// Shader programs from GLSL ES 3.00 sources, shared by the ImGui renderer and the resident
// charts. A failure is logged with what the program was for and returns 0, so each caller
// decides its fallback (no renderer at all, or charts on the CPU).
#pragma once

#include <GLES3/gl3.h>

namespace divboard::web {

GLuint LinkProgram(const char* vertex_source, const char* fragment_source, const char* what);

}  // namespace divboard::web
