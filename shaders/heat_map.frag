#version 300 es
// Calendar heat map: the cell under the pixel, its value from the data texture (one texel
// per cell: colour position in [0, 1], -1 a day without data, -2 no day), mapped through
// five colour stops the CPU fallback and the legend share (ui::RampColor).
precision highp float;
precision highp int;
uniform highp sampler2D u_cells;
uniform vec2 u_origin;       // CSS px of block 0, week 0, Monday
uniform float u_pitch;       // cell to cell
uniform float u_cell;        // cell size
uniform float u_block_pitch; // year block to year block
uniform vec4 u_ramp[5];
uniform vec4 u_missing;
in vec2 v_css;
out vec4 o_color;
void main() {
  vec2 rel = v_css - u_origin;
  float block = floor(rel.y / u_block_pitch);
  float in_block = rel.y - block * u_block_pitch;
  float row = floor(in_block / u_pitch);
  float column = floor(rel.x / u_pitch);
  if (rel.x < 0.0 || in_block < 0.0 || row > 6.0 || rel.x - column * u_pitch >= u_cell ||
      in_block - row * u_pitch >= u_cell) {
    discard;
  }
  float t = texelFetch(u_cells, ivec2(int(column), int(block) * 7 + int(row)), 0).r;
  if (t < -1.5) discard;
  if (t < -0.5) {
    o_color = u_missing;
    return;
  }
  float s = clamp(t, 0.0, 1.0) * 4.0;
  int i = min(3, int(floor(s)));
  o_color = mix(u_ramp[i], u_ramp[i + 1], s - float(i));
}
