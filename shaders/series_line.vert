#version 300 es
// A resident series level drawn as one instanced quad per segment (point i to i + 1). The
// level's values sit in a GPU buffer uploaded once; the view arrives as uniforms, so panning
// and zooming upload nothing. x is rebuilt from the point's block number (an integer, exact
// at any series length) and its offset in the block, relative to the view's first index.
precision highp float;
precision highp int;
layout(location = 0) in float a_value0;   // point i, relative to the series' base
layout(location = 1) in float a_value1;   // point i + 1
layout(location = 2) in float a_offset0;  // index of point i within its block (0 on the raw level)
layout(location = 3) in float a_offset1;
uniform int u_first_point;        // level point of instance 0
uniform int u_points_per_block;   // 1 on the raw level, 2 (min and max) above
uniform int u_block;              // series points per block
uniform int u_view_index;         // integer part of the view's first series index
uniform float u_view_fraction;    // and its fraction
uniform vec2 u_x;                 // CSS x = u_x.x + (index - view first) * u_x.y
uniform vec2 u_y;                 // CSS y = u_y.x + value * u_y.y
uniform vec4 u_display;           // ImGui's display rectangle: position, size (CSS px)
uniform float u_scale;            // device pixels per CSS pixel
uniform float u_half_width;       // device pixels
out vec2 v_pixel;
flat out vec2 v_a;
flat out vec2 v_b;

vec2 ToDevice(int point, float value, float offset) {
  int block = point / u_points_per_block;
  float index = float(block * u_block - u_view_index) + offset - u_view_fraction;
  vec2 css = vec2(u_x.x + index * u_x.y, u_y.x + value * u_y.y);
  return (css - u_display.xy) * u_scale;
}

void main() {
  // A missing point (stored as 3e38) breaks the line: the quad collapses outside the clip box.
  if (abs(a_value0) > 1e37 || abs(a_value1) > 1e37) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  int p0 = u_first_point + gl_InstanceID;
  vec2 a = ToDevice(p0, a_value0, a_offset0);
  vec2 b = ToDevice(p0 + 1, a_value1, a_offset1);
  vec2 d = b - a;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  // One pixel beyond the half width on every side leaves room for the anti-aliased edge.
  float r = u_half_width + 1.0;
  vec2 p = (gl_VertexID & 1) == 0 ? a - dir * r : b + dir * r;
  p += ((gl_VertexID & 2) == 0 ? -n : n) * r;
  v_pixel = p;
  v_a = a;
  v_b = b;
  vec2 size = u_display.zw * u_scale;
  gl_Position = vec4(p.x / size.x * 2.0 - 1.0, 1.0 - p.y / size.y * 2.0, 0.0, 1.0);
}
