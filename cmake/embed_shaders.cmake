# Turns shaders/*.vert|frag into one header of string literals, so the GLSL stays in plain
# files (readable, lintable) while the wasm needs no filesystem to load it.
# Usage: cmake -DOUT=header.h -P embed_shaders.cmake FILE...
set(content "// Generated from shaders/ by cmake/embed_shaders.cmake. Do not edit.\n#pragma once\n")
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 4 ${last})
  set(file "${CMAKE_ARGV${i}}")
  get_filename_component(name "${file}" NAME)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ "${file}" glsl)
  string(APPEND content "static const char kShader_${id}[] = R\"glsl(${glsl})glsl\";\n")
endforeach()
file(WRITE "${OUT}" "${content}")
