// Decimation benchmark: what one chart frame costs at 10K..10M points in view, natively and
// in wasm (the same file built with em++ for Node). scripts/bench.sh runs both and compares.
//
// Output, one line per size (scripts/bench.sh parses the size label and the Gpts/s figure);
// "out" is the most points one frame produced, throughput is points in view / frame time:
//   decimate  10M points  build 45.1 ms  frame 0.210 ms  out 6400 pts  1600 columns  47.6 Gpts/s  pyramid 0.250 B/pt
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <vector>

#include "core/decimate.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kColumns = 1600;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// xorshift64*: the same series on every platform (std:: distributions are not portable).
struct Random {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  double Unit() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<double>((state * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
  }
};

// A random walk with occasional spikes and gaps of 1 to ~5000 points (about 2% missing), so
// the benchmark pays for the gap handling a real metric series needs.
std::vector<double> MakeSeries(size_t count) {
  std::vector<double> values(count);
  Random random;
  double level = 1000;
  for (size_t i = 0; i < count; ++i) {
    level += random.Unit() * 2 - 1;
    values[i] = random.Unit() < 1e-4 ? level * 3 : level;
    if (random.Unit() < 1e-5) {
      const size_t gap = 1 + static_cast<size_t>(random.Unit() * 5000);
      for (size_t end = std::min(count, i + gap); i < end; ++i) {
        values[i] = std::numeric_limits<double>::quiet_NaN();
      }
    }
  }
  return values;
}

// Under Node the first calls run V8's baseline code while the optimised tier compiles in
// the background; without a warm-up the first size measured would pay for that.
void WarmUp() {
  const std::vector<double> values = MakeSeries(100000);
  divboard::SeriesPyramid pyramid;
  std::vector<divboard::DecimatedPoint> out;
  const Clock::time_point start = Clock::now();
  for (int round = 0; MillisecondsSince(start) < 300; ++round) {
    pyramid.Build(values.data(), values.size());
    const double shift = (round % 8) * 0.125;
    divboard::DecimateM4(pyramid, values.data(), shift, 99999 - shift, kColumns, &out);
    divboard::DecimateM4(pyramid, values.data(), shift, 9999 - shift, kColumns, &out);
  }
}

void Run(size_t count, const char* label) {
  const std::vector<double> values = MakeSeries(count);

  // Every figure is the best of several batches: noise from other work on the machine only
  // ever adds time, so the fastest batch is the steadiest estimate of the code's own cost.
  divboard::SeriesPyramid pyramid;
  double build_ms = 1e300;
  int builds = 0;
  const Clock::time_point build_start = Clock::now();
  do {
    const Clock::time_point start = Clock::now();
    pyramid.Build(values.data(), values.size());
    build_ms = std::min(build_ms, MillisecondsSince(start));
    ++builds;
  } while (builds < 3 || (MillisecondsSince(build_start) < 200 && builds < 1000));

  // Frames: the whole series in view, panned by a fraction of a point each time so no two
  // frames in a row ask for exactly the same columns.
  std::vector<divboard::DecimatedPoint> out;
  const double last = static_cast<double>(count - 1);
  double checksum = 0;
  size_t output_points = 0;
  int frames = 0;
  double frame_ms = 1e300;
  const Clock::time_point frames_start = Clock::now();
  for (int batch = 0; batch < 8 || MillisecondsSince(frames_start) < 400; ++batch) {
    int batch_frames = 0;
    const Clock::time_point start = Clock::now();
    do {
      const double shift = (frames % 8) * 0.125;
      divboard::DecimateM4(pyramid, values.data(), shift, last - shift, kColumns, &out);
      output_points = std::max(output_points, out.size());
      checksum += out.empty() ? 0 : out[out.size() / 2].index;
      ++frames;
      ++batch_frames;
    } while (batch_frames < 8 || MillisecondsSince(start) < 50);
    frame_ms = std::min(frame_ms, MillisecondsSince(start) / batch_frames);
  }
  const double points_per_second = static_cast<double>(count) / (frame_ms / 1000);
  const double bytes_per_point =
      static_cast<double>(pyramid.memory_bytes()) / static_cast<double>(count);

  std::printf("decimate %4s points  build %8.3f ms  frame %7.3f ms  out %5zu pts  %d columns  "
              "%7.2f Gpts/s  pyramid %.3f B/pt\n",
              label, build_ms, frame_ms, output_points, kColumns, points_per_second / 1e9,
              bytes_per_point);
  std::fflush(stdout);
  if (checksum < 0) std::printf("unreachable %f\n", checksum);  // keeps the work observable
}

}  // namespace

int main() {
  WarmUp();
  Run(10000, "10K");
  Run(100000, "100K");
  Run(1000000, "1M");
  Run(10000000, "10M");
  return 0;
}
