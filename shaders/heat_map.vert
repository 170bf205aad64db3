#version 300 es
// One quad over all year blocks of the calendar heat map; the fragment shader finds the
// cell and its value.
precision highp float;
uniform vec4 u_rect;      // CSS px: min x, min y, max x, max y
uniform vec4 u_display;   // ImGui's display rectangle: position, size (CSS px)
out vec2 v_css;
void main() {
  vec2 corner = vec2((gl_VertexID & 1) == 0 ? u_rect.x : u_rect.z, (gl_VertexID & 2) == 0 ? u_rect.y : u_rect.w);
  v_css = corner;
  vec2 p = (corner - u_display.xy) / u_display.zw;
  gl_Position = vec4(p.x * 2.0 - 1.0, 1.0 - p.y * 2.0, 0.0, 1.0);
}
