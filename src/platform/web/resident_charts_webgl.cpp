#include "resident_charts_webgl.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <imgui.h>

#include "gl_program.h"
#include "ui/draw_signature.h"
#include "shaders.h"

namespace divboard::web {
namespace {

// Draws are queued per frame; a series not drawn for this many frames gives its buffer back.
constexpr long kEvictAfterFrames = 600;

void ToFloat4(ImU32 color, float* out) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  out[0] = c.x;
  out[1] = c.y;
  out[2] = c.z;
  out[3] = c.w;
}

// Identifies a series' contents cheaply: its length and a spread of 64 samples. A new
// snapshot at a reused address changes these (a restatement of single days could slip
// through; the owner's data generation is what bounds that, see ui::PyramidCache).
std::uint64_t Fingerprint(const double* values, size_t count) {
  std::uint64_t hash = 1469598103934665603ull ^ count;
  auto mix = [&](double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    hash = (hash ^ bits) * 1099511628211ull;
  };
  for (size_t k = 0; k < 64 && count > 0; ++k) mix(values[k * (count - 1) / 63]);
  return hash;
}

}  // namespace

void WebGlResidentCharts::Prepare(bool lines) {
  lines_ = lines;
  creation_ = Creation::kNotYet;
}

bool WebGlResidentCharts::Ready() {
  if (creation_ == Creation::kNotYet) creation_ = Create(lines_) ? Creation::kReady : Creation::kFailed;
  return creation_ == Creation::kReady;
}

bool WebGlResidentCharts::Create(bool lines) {
  while (glGetError() != GL_NO_ERROR) {
  }
  lines_ = lines;
  if (lines) line_program_ = LinkProgram(kShader_series_line_vert, kShader_series_line_frag, "resident series");
  heat_program_ = LinkProgram(kShader_heat_map_vert, kShader_heat_map_frag, "heat map");
  if ((lines && line_program_ == 0) || heat_program_ == 0) {
    Destroy();
    return false;
  }
  glGenVertexArrays(1, &vertex_array_);
  glGenVertexArrays(1, &empty_vertex_array_);
  glGenTextures(1, &heat_texture_);
  glBindTexture(GL_TEXTURE_2D, heat_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  const float probe = 0.5f;
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, 1, 1, 0, GL_RED, GL_FLOAT, &probe);
  glBindTexture(GL_TEXTURE_2D, 0);
  if (glGetError() != GL_NO_ERROR) {
    std::fprintf(stderr, "divboard: no R32F textures, charts stay on the CPU\n");
    Destroy();
    return false;
  }
  heat_width_ = heat_height_ = 1;
  heat_cells_.assign(1, probe);
  const GLuint p = line_program_;
  if (p != 0) line_u_ = {glGetUniformLocation(p, "u_first_point"), glGetUniformLocation(p, "u_points_per_block"),
             glGetUniformLocation(p, "u_block"),       glGetUniformLocation(p, "u_view_index"),
             glGetUniformLocation(p, "u_view_fraction"), glGetUniformLocation(p, "u_x"),
             glGetUniformLocation(p, "u_y"),           glGetUniformLocation(p, "u_display"),
             glGetUniformLocation(p, "u_scale"),       glGetUniformLocation(p, "u_half_width"),
             glGetUniformLocation(p, "u_color")};
  const GLuint h = heat_program_;
  heat_u_ = {glGetUniformLocation(h, "u_rect"),   glGetUniformLocation(h, "u_display"),
             glGetUniformLocation(h, "u_cells"),  glGetUniformLocation(h, "u_origin"),
             glGetUniformLocation(h, "u_pitch"),  glGetUniformLocation(h, "u_cell"),
             glGetUniformLocation(h, "u_block_pitch"), glGetUniformLocation(h, "u_ramp"),
             glGetUniformLocation(h, "u_missing")};
  stats_ = Stats();
  creation_ = Creation::kReady;
  return true;
}

void WebGlResidentCharts::Destroy() {
  for (auto& [values, s] : series_) glDeleteBuffers(1, &s.buffer);
  if (heat_texture_) glDeleteTextures(1, &heat_texture_);
  if (vertex_array_) glDeleteVertexArrays(1, &vertex_array_);
  if (empty_vertex_array_) glDeleteVertexArrays(1, &empty_vertex_array_);
  if (line_program_) glDeleteProgram(line_program_);
  if (heat_program_) glDeleteProgram(heat_program_);
  Lost();
}

void WebGlResidentCharts::Lost() {
  series_.clear();
  draws_.clear();
  heat_cells_.clear();
  heat_width_ = heat_height_ = 0;
  heat_texture_ = vertex_array_ = empty_vertex_array_ = line_program_ = heat_program_ = 0;
  creation_ = Creation::kNotYet;
}

std::uint64_t WebGlResidentCharts::FrameSignature() const {
  // Uploads change buffer or texture contents under the same names.
  std::uint64_t hash = ui::MixBytes(0, &stats_.uploads, sizeof stats_.uploads);
  hash = ui::MixBytes(hash, &stats_.bytes_uploaded, sizeof stats_.bytes_uploaded);
  for (const Draw& d : draws_) {
    // Field by field: Draw has padding whose bytes are not defined.
    const int ints[6] = {d.heat ? 1 : 0, static_cast<int>(d.buffer), d.first_point, d.instances, d.view_index,
                         static_cast<int>(d.level.block)};
    hash = ui::MixBytes(hash, ints, sizeof ints);
    const size_t level[3] = {d.level.points, d.level.values_byte, d.level.offsets_byte};
    hash = ui::MixBytes(hash, level, sizeof level);
    const float scalars[5] = {d.view_fraction, d.half_width_css, d.pitch, d.cell, d.block_pitch};
    hash = ui::MixBytes(hash, scalars, sizeof scalars);
    hash = ui::MixBytes(hash, d.x, sizeof d.x);
    hash = ui::MixBytes(hash, d.y, sizeof d.y);
    hash = ui::MixBytes(hash, d.color, sizeof d.color);
    hash = ui::MixBytes(hash, d.rect, sizeof d.rect);
    hash = ui::MixBytes(hash, d.origin, sizeof d.origin);
    hash = ui::MixBytes(hash, d.ramp, sizeof d.ramp);
    hash = ui::MixBytes(hash, d.missing, sizeof d.missing);
  }
  return hash;
}

void WebGlResidentCharts::BeginFrame() {
  ++frame_;
  draws_.clear();
  stats_.frame_bytes = 0;
  stats_.frame_draws = 0;
  for (auto it = series_.begin(); it != series_.end();) {
    if (it->second.last_used + kEvictAfterFrames < frame_) {
      glDeleteBuffers(1, &it->second.buffer);
      stats_.resident_bytes -= it->second.bytes;
      it = series_.erase(it);
    } else {
      ++it;
    }
  }
  stats_.resident_series = series_.size();
}

WebGlResidentCharts::Series* WebGlResidentCharts::Resident(const double* values, size_t count) {
  const std::uint64_t fingerprint = Fingerprint(values, count);
  auto it = series_.find(values);
  if (it != series_.end() && it->second.count == count && it->second.fingerprint == fingerprint) {
    it->second.last_used = frame_;
    return &it->second;
  }
  if (it != series_.end()) {
    glDeleteBuffers(1, &it->second.buffer);
    stats_.resident_bytes -= it->second.bytes;
    series_.erase(it);
  }
  const double start = emscripten_get_now();
  const LineLevels levels = BuildLineLevels(values, count);
  Series s;
  s.fingerprint = fingerprint;
  s.count = count;
  s.base = levels.base;
  s.bytes = levels.bytes();
  s.last_used = frame_;
  // Uploads happen while ImGui builds the frame: leave the renderer's buffer bound after.
  GLint previous = 0;
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &previous);
  glGenBuffers(1, &s.buffer);
  glBindBuffer(GL_ARRAY_BUFFER, s.buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(s.bytes), nullptr, GL_STATIC_DRAW);
  size_t at = 0;
  for (const LineLevel& l : levels.levels) {
    Series::Level level;
    level.block = l.block;
    level.points = l.values.size();
    level.values_byte = at;
    glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(at), static_cast<GLsizeiptr>(l.values.size() * 4), l.values.data());
    at += l.values.size() * 4;
    if (!l.offsets.empty()) {
      level.offsets_byte = at;
      glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(at), static_cast<GLsizeiptr>(l.offsets.size() * 4), l.offsets.data());
      at += l.offsets.size() * 4;
    }
    s.levels.push_back(level);
  }
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(previous));
  if (glGetError() != GL_NO_ERROR) {  // out of GPU memory: this series stays on the CPU
    glDeleteBuffers(1, &s.buffer);
    return nullptr;
  }
  stats_.upload_ms += emscripten_get_now() - start;
  stats_.bytes_uploaded += static_cast<double>(s.bytes);
  stats_.frame_bytes += static_cast<double>(s.bytes);
  stats_.resident_bytes += s.bytes;
  ++stats_.uploads;
  Series& stored = series_[values] = std::move(s);
  stats_.resident_series = series_.size();
  return &stored;
}

bool WebGlResidentCharts::DrawLine(ImDrawList* list, const ui::ResidentLine& line) {
  if (!lines_ || line.values == nullptr || line.count < 2 || !(line.last >= line.first) ||
      !(line.px_per_index > 0) || !std::isfinite(line.y_per_value) || !std::isfinite(line.y_offset) || !Ready() ||
      line_program_ == 0) {
    return false;
  }
  Series* s = Resident(line.values, line.count);
  if (s == nullptr) return false;
  // The coarsest level whose blocks are at most a device pixel wide (core PickLineLevel's rule).
  const double scale = std::max(1.0f, ImGui::GetIO().DisplayFramebufferScale.x);
  const double points_per_pixel = 1.0 / (line.px_per_index * scale);
  size_t pick = 0;
  for (size_t k = 1; k < s->levels.size(); ++k) {
    if (static_cast<double>(s->levels[k].block) <= points_per_pixel) pick = k;
  }
  const Series::Level& level = s->levels[pick];
  const size_t per_block = pick == 0 ? 1 : 2;
  const double blocks = static_cast<double>(level.points / per_block);
  const double first_block = std::clamp(std::floor(line.first / static_cast<double>(level.block)) - 1, 0.0, blocks - 1);
  const double last_block = std::clamp(std::floor(line.last / static_cast<double>(level.block)) + 1, 0.0, blocks - 1);
  const int first_point = static_cast<int>(first_block) * static_cast<int>(per_block);
  const int last_point = (static_cast<int>(last_block) + 1) * static_cast<int>(per_block) - 1;
  if (last_point <= first_point) return true;  // one point: nothing to join

  Draw d;
  d.owner = this;
  d.buffer = s->buffer;
  d.level = level;
  d.first_point = first_point;
  d.instances = last_point - first_point;
  d.view_index = static_cast<int>(std::floor(line.first));
  d.view_fraction = static_cast<float>(line.first - std::floor(line.first));
  d.x[0] = static_cast<float>(line.x_origin);
  d.x[1] = static_cast<float>(line.px_per_index);
  d.y[0] = static_cast<float>(line.y_offset + s->base * line.y_per_value);
  d.y[1] = static_cast<float>(line.y_per_value);
  ToFloat4(line.color, d.color);
  d.half_width_css = line.thickness / 2;
  draws_.push_back(d);
  ++stats_.frame_draws;
  list->AddCallback(Callback, &draws_.back());
  return true;
}

bool WebGlResidentCharts::DrawHeatMap(ImDrawList* list, const ui::ResidentHeatMap& map) {
  if (map.cells == nullptr || map.columns <= 0 || map.blocks <= 0 || !Ready() || heat_program_ == 0) return false;
  const int width = map.columns, height = map.blocks * 7;
  const size_t n = static_cast<size_t>(width) * static_cast<size_t>(height);
  // The texture changes only with the data: compare, and upload when it differs.
  if (width != heat_width_ || height != heat_height_ || !std::equal(map.cells, map.cells + n, heat_cells_.begin())) {
    heat_cells_.assign(map.cells, map.cells + n);
    heat_width_ = width;
    heat_height_ = height;
    glBindTexture(GL_TEXTURE_2D, heat_texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, width, height, 0, GL_RED, GL_FLOAT, map.cells);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glBindTexture(GL_TEXTURE_2D, 0);
    stats_.bytes_uploaded += static_cast<double>(n * 4);
    stats_.frame_bytes += static_cast<double>(n * 4);
    ++stats_.uploads;
  }
  Draw d;
  d.owner = this;
  d.heat = true;
  d.rect[0] = map.origin.x;
  d.rect[1] = map.origin.y;
  d.rect[2] = map.origin.x + static_cast<float>(map.columns) * map.pitch;
  d.rect[3] = map.origin.y + static_cast<float>(map.blocks - 1) * map.block_pitch + 7 * map.pitch;
  d.origin[0] = map.origin.x;
  d.origin[1] = map.origin.y;
  d.pitch = map.pitch;
  d.cell = map.cell;
  d.block_pitch = map.block_pitch;
  for (int i = 0; i < 5; ++i) ToFloat4(map.ramp[i], d.ramp[i]);
  ToFloat4(map.missing, d.missing);
  draws_.push_back(d);
  ++stats_.frame_draws;
  list->AddCallback(Callback, &draws_.back());
  return true;
}

void WebGlResidentCharts::Callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const Draw* d = static_cast<const Draw*>(cmd->UserCallbackData);
  d->owner->Run(*d, *cmd);
}

void WebGlResidentCharts::Run(const Draw& d, const ImDrawCmd& cmd) const {
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr || (d.heat ? heat_program_ : line_program_) == 0) return;
  const ImVec2 pos = data->DisplayPos, size = data->DisplaySize, scale = data->FramebufferScale;
  const float x0 = (cmd.ClipRect.x - pos.x) * scale.x, y0 = (cmd.ClipRect.y - pos.y) * scale.y;
  const float x1 = (cmd.ClipRect.z - pos.x) * scale.x, y1 = (cmd.ClipRect.w - pos.y) * scale.y;
  if (x1 <= x0 || y1 <= y0) return;
  glScissor(static_cast<GLint>(x0), static_cast<GLint>(size.y * scale.y - y1), static_cast<GLsizei>(x1 - x0),
            static_cast<GLsizei>(y1 - y0));
  if (d.heat) {
    glUseProgram(heat_program_);
    glBindVertexArray(empty_vertex_array_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, heat_texture_);
    glUniform1i(heat_u_.cells, 0);
    glUniform4fv(heat_u_.rect, 1, d.rect);
    glUniform4f(heat_u_.display, pos.x, pos.y, size.x, size.y);
    glUniform2fv(heat_u_.origin, 1, d.origin);
    glUniform1f(heat_u_.pitch, d.pitch);
    glUniform1f(heat_u_.cell, d.cell);
    glUniform1f(heat_u_.block_pitch, d.block_pitch);
    glUniform4fv(heat_u_.ramp, 5, &d.ramp[0][0]);
    glUniform4fv(heat_u_.missing, 1, d.missing);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    return;
  }
  glUseProgram(line_program_);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, d.buffer);
  const auto at = [](size_t byte) { return reinterpret_cast<const void*>(static_cast<uintptr_t>(byte)); };
  const size_t values = d.level.values_byte + static_cast<size_t>(d.first_point) * 4;
  for (GLuint a = 0; a < 2; ++a) {
    glEnableVertexAttribArray(a);
    glVertexAttribDivisor(a, 1);
    glVertexAttribPointer(a, 1, GL_FLOAT, GL_FALSE, 4, at(values + a * 4));
  }
  if (d.level.offsets_byte != 0) {
    const size_t offsets = d.level.offsets_byte + static_cast<size_t>(d.first_point) * 4;
    for (GLuint a = 2; a < 4; ++a) {
      glEnableVertexAttribArray(a);
      glVertexAttribDivisor(a, 1);
      glVertexAttribPointer(a, 1, GL_FLOAT, GL_FALSE, 4, at(offsets + (a - 2) * 4));
    }
  } else {
    // The raw level has no offsets: every point is at offset 0 of its one-point block.
    glDisableVertexAttribArray(2);
    glDisableVertexAttribArray(3);
    glVertexAttrib1f(2, 0.0f);
    glVertexAttrib1f(3, 0.0f);
  }
  glUniform1i(line_u_.first_point, d.first_point);
  glUniform1i(line_u_.points_per_block, d.level.offsets_byte != 0 ? 2 : 1);
  glUniform1i(line_u_.block, static_cast<GLint>(d.level.block));
  glUniform1i(line_u_.view_index, d.view_index);
  glUniform1f(line_u_.view_fraction, d.view_fraction);
  glUniform2fv(line_u_.x, 1, d.x);
  glUniform2fv(line_u_.y, 1, d.y);
  glUniform4f(line_u_.display, pos.x, pos.y, size.x, size.y);
  glUniform1f(line_u_.scale, scale.x);
  glUniform1f(line_u_.half_width, d.half_width_css * scale.x);
  glUniform4fv(line_u_.color, 1, d.color);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, d.instances);
}

}  // namespace divboard::web
