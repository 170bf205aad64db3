// The GPU decimation levels against a brute-force scan of the raw series.
#include "core/line_levels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace divboard {
namespace {

std::vector<double> Walk(size_t count) {
  std::vector<double> v(count);
  std::uint64_t state = 12345;
  double level = 1e8;  // DAU-sized, so precision relative to the base matters
  for (size_t i = 0; i < count; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    level += static_cast<double>(state % 2001) - 1000.0;
    v[i] = level;
  }
  for (size_t i = 700; i < 1300; ++i) v[i] = std::numeric_limits<double>::quiet_NaN();  // spans whole blocks
  v[5] = std::numeric_limits<double>::quiet_NaN();
  v[count - 1] = std::numeric_limits<double>::infinity();
  return v;
}

TEST(LineLevels, EveryBlockHoldsItsMinAndMaxInIndexOrder) {
  const std::vector<double> v = Walk(100003);  // a ragged last block at every level
  const LineLevels levels = BuildLineLevels(v.data(), v.size(), 100);
  ASSERT_GE(levels.levels.size(), 4u);
  EXPECT_EQ(levels.base, v[0]);
  const LineLevel& raw = levels.levels[0];
  ASSERT_EQ(raw.values.size(), v.size());
  EXPECT_EQ(raw.values[5], kLineGap);
  EXPECT_EQ(raw.values[v.size() - 1], kLineGap);
  EXPECT_EQ(raw.values[1], static_cast<float>(v[1] - v[0]));
  for (size_t k = 1; k < levels.levels.size(); ++k) {
    const LineLevel& level = levels.levels[k];
    EXPECT_EQ(level.block, levels.levels[k - 1].block * kLineLevelFactor);
    const size_t blocks = (v.size() + level.block - 1) / level.block;
    ASSERT_EQ(level.values.size(), 2 * blocks) << "level " << k;
    ASSERT_EQ(level.offsets.size(), 2 * blocks);
    for (size_t b = 0; b < blocks; ++b) {
      float low = 0, high = 0;
      bool any = false;
      for (size_t i = b * level.block; i < std::min(v.size(), (b + 1) * level.block); ++i) {
        if (!std::isfinite(v[i])) continue;
        const float f = static_cast<float>(v[i] - levels.base);
        low = any ? std::min(low, f) : f;
        high = any ? std::max(high, f) : f;
        any = true;
      }
      const float a = level.values[2 * b], c = level.values[2 * b + 1];
      if (!any) {
        EXPECT_EQ(a, kLineGap);
        EXPECT_EQ(c, kLineGap);
        continue;
      }
      EXPECT_EQ(std::min(a, c), low) << "level " << k << " block " << b;
      EXPECT_EQ(std::max(a, c), high) << "level " << k << " block " << b;
      const float oa = level.offsets[2 * b], oc = level.offsets[2 * b + 1];
      EXPECT_LE(oa, oc);
      // The offsets point at the points that hold those values.
      EXPECT_EQ(static_cast<float>(v[b * level.block + static_cast<size_t>(oa)] - levels.base), a);
      EXPECT_EQ(static_cast<float>(v[b * level.block + static_cast<size_t>(oc)] - levels.base), c);
    }
  }
  EXPECT_LE(levels.levels.back().values.size() / 2, 100u);
  EXPECT_EQ(levels.bytes(), [&] {
    size_t n = 0;
    for (const LineLevel& l : levels.levels) n += 4 * (l.values.size() + l.offsets.size());
    return n;
  }());
}

TEST(LineLevels, PicksTheCoarsestLevelNoWiderThanAPixel) {
  const std::vector<double> v = Walk(1000000);
  const LineLevels levels = BuildLineLevels(v.data(), v.size());
  EXPECT_EQ(PickLineLevel(levels, 1000, 1500), 0u);    // under a point per pixel: raw
  EXPECT_EQ(PickLineLevel(levels, 7 * 1500, 1500), 0u);  // 7 per pixel: blocks of 8 too wide
  EXPECT_EQ(PickLineLevel(levels, 8 * 1500, 1500), 1u);
  EXPECT_EQ(PickLineLevel(levels, 1e6, 1500), 3u);      // 666 per pixel: blocks of 512
  EXPECT_EQ(PickLineLevel(levels, 1e6, 0), 0u);
}

TEST(LineLevels, EmptyAndAllMissing) {
  const LineLevels none = BuildLineLevels(nullptr, 0);
  ASSERT_EQ(none.levels.size(), 1u);
  EXPECT_TRUE(none.levels[0].values.empty());
  const std::vector<double> gaps(5000, std::numeric_limits<double>::quiet_NaN());
  const LineLevels all = BuildLineLevels(gaps.data(), gaps.size(), 10);
  EXPECT_EQ(all.base, 0);
  for (const LineLevel& l : all.levels) {
    for (float f : l.values) EXPECT_EQ(f, kLineGap);
  }
}

}  // namespace
}  // namespace divboard
