// Natively there is no GPU to measure: the benchmark runs the CPU path only.
#include "bench_gpu.h"

namespace divboard::bench {
namespace {

class NoGpu : public BenchGpu {
 public:
  bool Available() const override { return false; }
  void UseResident(bool) override {}
  void BeginFrame() override {}
  void Submit() override {}
  void Finish() override {}
  double FrameUploadBytes() const override { return 0; }
  double ResidentUploadMs() const override { return 0; }
  double ResidentBytes() const override { return 0; }
};

}  // namespace

std::unique_ptr<BenchGpu> MakeBenchGpu() { return std::make_unique<NoGpu>(); }

}  // namespace divboard::bench
