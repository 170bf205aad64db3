#include "gl_program.h"

#include <cstdio>

namespace divboard::web {
namespace {

GLuint Compile(GLenum type, const char* source, const char* what) {
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "divboard: %s shader failed to compile: %s\n", what, log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

GLuint LinkProgram(const char* vertex_source, const char* fragment_source, const char* what) {
  const GLuint vertex = Compile(GL_VERTEX_SHADER, vertex_source, what);
  const GLuint fragment = Compile(GL_FRAGMENT_SHADER, fragment_source, what);
  if (vertex == 0 || fragment == 0) {
    if (vertex) glDeleteShader(vertex);
    if (fragment) glDeleteShader(fragment);
    return 0;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint linked = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (!linked) {
    std::fprintf(stderr, "divboard: %s shaders failed to link\n", what);
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

}  // namespace divboard::web
