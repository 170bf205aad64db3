// The WebGL2 side of ui::ResidentCharts: each line series' decimation levels
// (core/line_levels.h) live in one GL buffer, uploaded the first time the series is drawn
// and kept while its values stay the same; the heat map's cells live in an R32F texture.
// Charts queue draws as ImDrawList callbacks, run by WebGlRenderer in draw order with the
// clip rectangle of the callback's command.
//
// Checklist:
//  [x] lines of any width, anti-aliased analytically (shaders/series_line.*)
//  [x] level picked per frame so at most ~16 segments per device pixel column are drawn
//  [x] heat map colour-mapped from a data texture (shaders/heat_map.*)
//  [x] context loss: Lost() forgets every GL object; the next draws upload again
//  [x] Create() fails (and the charts stay on the CPU) when the shaders or R32F textures fail
#pragma once

#include <GLES3/gl3.h>

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "core/line_levels.h"
#include "ui/resident_charts.h"

namespace divboard::web {

class WebGlResidentCharts : public ui::ResidentCharts {
 public:
  struct Stats {
    double bytes_uploaded = 0;  // since Create()
    int uploads = 0;            // series and textures uploaded since Create()
    double upload_ms = 0;       // level building + glBufferData, since Create()
    double frame_bytes = 0;     // uploaded during the current frame
    int frame_draws = 0;        // callbacks queued this frame
    size_t resident_bytes = 0;  // GPU memory held now
    size_t resident_series = 0;
  };

  // Series lines are resident only when asked (`lines`, ?gpu=2): measured slower end to end
  // under SwiftShader, see docs/performance.md. The heat map always uses the GPU when it can.
  // Prepare asks for the GPU path without a GL call: the programs are made at the first draw
  // that needs them, so a cold start on the overview (no heat map, no resident lines by
  // default) compiles none and waits for no status query (~35 ms sooner, ~50 ms less CPU:
  // docs/performance.md). A draw whose creation failed returns false: the chart draws on
  // the CPU.
  void Prepare(bool lines);
  bool Create(bool lines);  // now; Prepare's draws call it
  void Destroy();
  bool lines() const { return lines_; }
  bool ready() const { return creation_ == Creation::kReady; }
  bool failed() const { return creation_ == Creation::kFailed; }
  void Lost();        // the context is gone: forget objects without deleting them
  void BeginFrame();  // before ImGui::NewFrame: drops last frame's queued draws
  const Stats& stats() const { return stats_; }
  // What this frame's queued draws will put on screen (their parameters, and every upload
  // so far), for the platform's skip-identical-frames check: the draw data only shows that
  // a callback is there.
  std::uint64_t FrameSignature() const;

  bool DrawLine(ImDrawList* draw, const ui::ResidentLine& line) override;
  bool DrawHeatMap(ImDrawList* draw, const ui::ResidentHeatMap& map) override;

 private:
  struct Series {
    GLuint buffer = 0;
    std::uint64_t fingerprint = 0;
    size_t count = 0;
    double base = 0;
    struct Level {
      size_t block = 1;
      size_t points = 0;
      size_t values_byte = 0;
      size_t offsets_byte = 0;  // 0 on the raw level: no offsets
    };
    std::vector<Level> levels;
    size_t bytes = 0;
    long last_used = 0;
  };
  struct Draw {
    WebGlResidentCharts* owner = nullptr;
    bool heat = false;
    // line
    GLuint buffer = 0;
    Series::Level level;
    int first_point = 0;
    int instances = 0;
    int view_index = 0;
    float view_fraction = 0;
    float x[2] = {0, 0};
    float y[2] = {0, 0};
    float color[4] = {0, 0, 0, 0};
    float half_width_css = 0.75f;
    // heat map
    float rect[4] = {0, 0, 0, 0};
    float origin[2] = {0, 0};
    float pitch = 0, cell = 0, block_pitch = 0;
    float ramp[5][4] = {};
    float missing[4] = {0, 0, 0, 0};
  };

  static void Callback(const ImDrawList* list, const ImDrawCmd* cmd);
  void Run(const Draw& draw, const ImDrawCmd& cmd) const;
  Series* Resident(const double* values, size_t count);

  GLuint line_program_ = 0;
  GLuint heat_program_ = 0;
  GLuint vertex_array_ = 0;        // the line program's attributes
  GLuint empty_vertex_array_ = 0;  // the heat map reads no attributes
  GLuint heat_texture_ = 0;
  std::vector<float> heat_cells_;  // what the texture holds
  int heat_width_ = 0, heat_height_ = 0;
  std::unordered_map<const double*, Series> series_;
  std::deque<Draw> draws_;  // stable addresses: callbacks point into it
  long frame_ = 0;
  bool lines_ = false;
  enum class Creation { kNotYet, kReady, kFailed };
  Creation creation_ = Creation::kNotYet;
  bool Ready();  // creates on first use
  Stats stats_;
  struct LineUniforms {
    GLint first_point, points_per_block, block, view_index, view_fraction, x, y, display, scale, half_width, color;
  } line_u_{};
  struct HeatUniforms {
    GLint rect, display, cells, origin, pitch, cell, block_pitch, ramp, missing;
  } heat_u_{};
};

}  // namespace divboard::web
