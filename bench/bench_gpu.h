// What the chart-frame benchmark needs from a GPU, so bench/chart_bench.cpp stays free of GL:
// the browser build (bench/bench_gpu_webgl.cpp) draws each frame into a WebGL2 canvas with
// the app's own renderer, with or without resident series; the native build
// (bench/bench_gpu_none.cpp) has none and measures the CPU path only.
#pragma once

#include <memory>

namespace divboard::bench {

class BenchGpu {
 public:
  virtual ~BenchGpu() = default;
  virtual bool Available() const = 0;
  virtual void UseResident(bool on) = 0;  // series drawn from GPU buffers, or on the CPU
  virtual void BeginFrame() = 0;          // before ImGui::NewFrame
  virtual void Submit() = 0;              // issues ImGui's draw data to GL (queued, not waited for)
  virtual void Finish() = 0;              // waits until the frame is drawn (a one-pixel read-back)
  virtual double FrameUploadBytes() const = 0;  // buffers and textures uploaded this frame (ImGui's too)
  virtual double ResidentUploadMs() const = 0;  // level building + upload, since UseResident(true)
  virtual double ResidentBytes() const = 0;     // GPU memory the resident series hold
};

std::unique_ptr<BenchGpu> MakeBenchGpu();

}  // namespace divboard::bench
