#version 300 es
// Vertex colour, its alpha times the font atlas' coverage. The atlas is one channel (R8):
// ImGui's RGBA form of it is white with that coverage as alpha, so this draws the same. The
// font atlas is the only texture ImGui is given here.
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;
void main() {
  o_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);
}
