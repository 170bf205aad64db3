#version 300 es
// Analytic anti-aliasing of a line of any width: coverage from the pixel's distance to the
// segment (a capsule, so consecutive segments join without gaps).
precision highp float;
uniform vec4 u_color;         // straight alpha
uniform float u_half_width;   // device pixels
in vec2 v_pixel;
flat in vec2 v_a;
flat in vec2 v_b;
out vec4 o_color;
void main() {
  vec2 pa = v_pixel - v_a;
  vec2 ba = v_b - v_a;
  float h = clamp(dot(pa, ba) / max(dot(ba, ba), 1e-8), 0.0, 1.0);
  float distance_to_line = length(pa - ba * h);
  float coverage = clamp(u_half_width + 0.5 - distance_to_line, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  o_color = vec4(u_color.rgb, u_color.a * coverage);
}
