#include "core/line_levels.h"

#include <algorithm>
#include <cmath>

namespace divboard {

size_t LineLevels::bytes() const {
  size_t total = 0;
  for (const LineLevel& level : levels) total += (level.values.size() + level.offsets.size()) * sizeof(float);
  return total;
}

namespace {

bool IsGap(float v) { return !(std::fabs(v) <= 1e37f); }

// One block of the next level from `factor` consecutive items of the previous one (each
// item a value at an index relative to the new block's start).
struct Extreme {
  float value = kLineGap;
  size_t offset = 0;
  bool present = false;
};

}  // namespace

LineLevels BuildLineLevels(const double* values, size_t count, size_t top_blocks) {
  LineLevels out;
  out.count = count;
  for (size_t i = 0; i < count; ++i) {
    if (std::isfinite(values[i])) {
      out.base = values[i];
      break;
    }
  }
  LineLevel raw;
  raw.values.resize(count);
  for (size_t i = 0; i < count; ++i) {
    raw.values[i] = std::isfinite(values[i]) ? static_cast<float>(values[i] - out.base) : kLineGap;
  }
  out.levels.push_back(std::move(raw));
  while (out.levels.back().values.size() / (out.levels.size() == 1 ? 1 : 2) > top_blocks) {
    const LineLevel& below = out.levels.back();
    const size_t per_item = out.levels.size() == 1 ? 1 : 2;  // values per block below
    const size_t below_blocks = below.values.size() / per_item;
    LineLevel level;
    level.block = below.block * kLineLevelFactor;
    const size_t blocks = (below_blocks + kLineLevelFactor - 1) / kLineLevelFactor;
    level.values.reserve(blocks * 2);
    level.offsets.reserve(blocks * 2);
    for (size_t b = 0; b < blocks; ++b) {
      Extreme low, high;
      const size_t end = std::min(below_blocks, (b + 1) * kLineLevelFactor);
      for (size_t k = b * kLineLevelFactor; k < end; ++k) {
        for (size_t j = 0; j < per_item; ++j) {
          const float v = below.values[k * per_item + j];
          if (IsGap(v)) continue;
          const size_t offset = (k - b * kLineLevelFactor) * below.block +
                                (per_item == 1 ? 0 : static_cast<size_t>(below.offsets[k * per_item + j]));
          // Ties keep the earliest index, as SeriesPyramid does.
          if (!low.present || v < low.value) low = Extreme{v, offset, true};
          if (!high.present || v > high.value) high = Extreme{v, offset, true};
        }
      }
      const Extreme& a = low.offset <= high.offset ? low : high;
      const Extreme& c = low.offset <= high.offset ? high : low;
      level.values.push_back(a.value);
      level.values.push_back(c.value);
      level.offsets.push_back(static_cast<float>(a.offset));
      level.offsets.push_back(static_cast<float>(c.offset));
    }
    out.levels.push_back(std::move(level));
  }
  return out;
}

size_t PickLineLevel(const LineLevels& levels, double points_in_view, double pixels) {
  const double points_per_pixel = pixels > 0 ? points_in_view / pixels : 0;
  size_t pick = 0;
  for (size_t k = 1; k < levels.levels.size(); ++k) {
    if (static_cast<double>(levels.levels[k].block) <= points_per_pixel) pick = k;
  }
  return pick;
}

}  // namespace divboard
