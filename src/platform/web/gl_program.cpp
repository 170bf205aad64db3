#include "gl_program.h"

#include <cstdio>

namespace divboard::web {
namespace {

GLuint Compile(GLenum type, const char* source) {
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

// Only after a failed link: each status query waits for the GPU process.
void LogCompileErrors(GLuint shader, const char* what) {
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok) return;
  char log[1024] = {0};
  glGetShaderInfoLog(shader, sizeof log, nullptr, log);
  std::fprintf(stderr, "divboard: %s shader failed to compile: %s\n", what, log);
}

}  // namespace

GLuint LinkProgram(const char* vertex_source, const char* fragment_source, const char* what) {
  // Compile and link are queued, and the link status is the one query: a failed compile
  // fails the link. Under SwiftShader each query is a round trip that waits for that
  // shader's translation in the GPU process, on the cold start's path.
  const GLuint vertex = Compile(GL_VERTEX_SHADER, vertex_source);
  const GLuint fragment = Compile(GL_FRAGMENT_SHADER, fragment_source);
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  GLint linked = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (!linked) {
    LogCompileErrors(vertex, what);
    LogCompileErrors(fragment, what);
    std::fprintf(stderr, "divboard: %s shaders failed to link\n", what);
    glDeleteProgram(program);
  }
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  return linked ? program : 0;
}

}  // namespace divboard::web
