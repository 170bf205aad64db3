// Chart arithmetic: the visible range under zoom, pan and clamp, stacking sums, indexing to
// 100 and correlation. Expected values are worked out by hand or by brute force here.
#include "core/chart_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const ViewRange kBounds{0, 1000};

// --- ZoomAbout ---------------------------------------------------------------------------

TEST(ChartMathTest, ZoomInKeepsTheAnchorAtItsRelativePosition) {
  // Anchor 130 sits 30% into [100, 200]; halving the span to 50 puts first at 130 - 15.
  const ViewRange z = ZoomAbout({100, 200}, 130, 0.5, kBounds, 7);
  EXPECT_DOUBLE_EQ(z.first, 115);
  EXPECT_DOUBLE_EQ(z.last, 165);

  // Zooming out about the middle grows both sides evenly.
  const ViewRange out = ZoomAbout({100, 200}, 150, 2, kBounds, 7);
  EXPECT_DOUBLE_EQ(out.first, 50);
  EXPECT_DOUBLE_EQ(out.last, 250);
}

TEST(ChartMathTest, ZoomKeepsTheAnchorRatioForManyAnchorsAndFactors) {
  const ViewRange view{200, 400};
  for (double anchor = 200; anchor <= 400; anchor += 12.5) {
    for (double factor : {0.1, 0.25, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0}) {
      const ViewRange z = ZoomAbout(view, anchor, factor, kBounds, 1);
      const double want_span = 200 * factor;  // never clamped: stays in [20, 400] inside bounds
      const double want_ratio = (anchor - view.first) / view.span();
      EXPECT_NEAR(z.span(), want_span, 1e-9) << anchor << " " << factor;
      EXPECT_NEAR((anchor - z.first) / z.span(), want_ratio, 1e-12) << anchor << " " << factor;
      EXPECT_NEAR(z.first, anchor - want_ratio * want_span, 1e-9) << anchor << " " << factor;
    }
  }
}

TEST(ChartMathTest, ZoomOutStopsAtTheBoundsWithoutLosingWidth) {
  // Anchor 95 is 90% into [5, 105]; doubling would start at 95 - 180 = -85: pushed to 0.
  const ViewRange low = ZoomAbout({5, 105}, 95, 2, kBounds, 7);
  EXPECT_DOUBLE_EQ(low.first, 0);
  EXPECT_DOUBLE_EQ(low.last, 200);

  // Anchor 905 is 5% into [900, 1000]; doubling would end at 1095: pushed back to 1000.
  const ViewRange high = ZoomAbout({900, 1000}, 905, 2, kBounds, 7);
  EXPECT_DOUBLE_EQ(high.first, 800);
  EXPECT_DOUBLE_EQ(high.last, 1000);

  // Zooming out past the whole range shows exactly the bounds.
  const ViewRange all = ZoomAbout({100, 400}, 250, 10, kBounds, 7);
  EXPECT_DOUBLE_EQ(all.first, 0);
  EXPECT_DOUBLE_EQ(all.last, 1000);
}

TEST(ChartMathTest, ZoomInNeverNarrowsBelowMinSpan) {
  // 100 * 0.01 = 1 day, raised to 7 about the middle anchor 150.
  const ViewRange z = ZoomAbout({100, 200}, 150, 0.01, kBounds, 7);
  EXPECT_DOUBLE_EQ(z.first, 146.5);
  EXPECT_DOUBLE_EQ(z.last, 153.5);

  // A min_span wider than the bounds yields the bounds.
  const ViewRange wide = ZoomAbout({100, 200}, 150, 0.5, kBounds, 5000);
  EXPECT_DOUBLE_EQ(wide.first, 0);
  EXPECT_DOUBLE_EQ(wide.last, 1000);

  // A zero-width view zooms about its middle to min_span.
  const ViewRange point = ZoomAbout({100, 100}, 100, 2, kBounds, 10);
  EXPECT_DOUBLE_EQ(point.first, 95);
  EXPECT_DOUBLE_EQ(point.last, 105);
}

TEST(ChartMathTest, ZoomAnchorOutsideTheViewIsTreatedAsItsNearestEdge) {
  // Left of the view: like anchoring at 100 (ratio 0), so first stays.
  const ViewRange left = ZoomAbout({100, 200}, -1e9, 0.5, kBounds, 7);
  EXPECT_DOUBLE_EQ(left.first, 100);
  EXPECT_DOUBLE_EQ(left.last, 150);
  const ViewRange right = ZoomAbout({100, 200}, 1e9, 0.5, kBounds, 7);
  EXPECT_DOUBLE_EQ(right.first, 150);
  EXPECT_DOUBLE_EQ(right.last, 200);
}

TEST(ChartMathTest, ZoomWithAFactorThatIsNotPositiveAndFiniteLeavesTheViewUnchanged) {
  const ViewRange view{123.25, 456.5};
  for (double factor : {0.0, -0.0, -1.0, -2.5, kNaN, -kNaN, kInf, -kInf}) {
    const ViewRange z = ZoomAbout(view, 300, factor, kBounds, 7);
    EXPECT_EQ(z.first, view.first) << factor;
    EXPECT_EQ(z.last, view.last) << factor;
  }
  // Control: a valid factor does move this view, so the test above can tell.
  const ViewRange moved = ZoomAbout(view, 300, 0.5, kBounds, 7);
  EXPECT_NE(moved.first, view.first);
}

// --- Pan ---------------------------------------------------------------------------------

TEST(ChartMathTest, PanMovesByTheGivenDays) {
  const ViewRange p = Pan({100, 200}, 30, kBounds);
  EXPECT_DOUBLE_EQ(p.first, 130);
  EXPECT_DOUBLE_EQ(p.last, 230);
  const ViewRange back = Pan({100, 200}, -42.5, kBounds);
  EXPECT_DOUBLE_EQ(back.first, 57.5);
  EXPECT_DOUBLE_EQ(back.last, 157.5);
}

TEST(ChartMathTest, PanStopsAtTheBoundsWithoutChangingWidth) {
  const ViewRange left = Pan({100, 200}, -150, kBounds);
  EXPECT_DOUBLE_EQ(left.first, 0);
  EXPECT_DOUBLE_EQ(left.last, 100);
  const ViewRange right = Pan({100, 200}, 2000, kBounds);
  EXPECT_DOUBLE_EQ(right.first, 900);
  EXPECT_DOUBLE_EQ(right.last, 1000);

  // A random walk of pans (fixed seed): the width never changes, the view never leaves the bounds, and
  // each step moves exactly as far as the bounds allow.
  std::mt19937 rng(20260101);
  std::uniform_int_distribution<int> eighths(-2400, 2400);  // steps of 1/8 day: exact sums
  ViewRange view{400, 520};
  for (int i = 0; i < 500; ++i) {
    const double days = static_cast<double>(eighths(rng)) / 8.0;
    const ViewRange next = Pan(view, days, kBounds);
    double want_first = view.first + days;
    if (want_first < 0) want_first = 0;
    if (want_first > 880) want_first = 880;
    EXPECT_EQ(next.first, want_first);
    EXPECT_EQ(next.span(), 120);
    EXPECT_GE(next.first, 0);
    EXPECT_LE(next.last, 1000);
    view = next;
  }
}

TEST(ChartMathTest, PanOfAViewWiderThanTheBoundsShowsTheBounds) {
  const ViewRange p = Pan({-50, 1100}, 10, kBounds);
  EXPECT_DOUBLE_EQ(p.first, 0);
  EXPECT_DOUBLE_EQ(p.last, 1000);
}

// --- Clamp -------------------------------------------------------------------------------

TEST(ChartMathTest, ClampAcceptsArgumentsInEitherOrder) {
  const ViewRange a = Clamp(100, 200, kBounds, 7);
  const ViewRange b = Clamp(200, 100, kBounds, 7);
  EXPECT_DOUBLE_EQ(a.first, 100);
  EXPECT_DOUBLE_EQ(a.last, 200);
  EXPECT_DOUBLE_EQ(b.first, 100);
  EXPECT_DOUBLE_EQ(b.last, 200);
}

TEST(ChartMathTest, ClampWidensTooNarrowSpansAboutTheirMiddle) {
  // [150, 152] is 2 days wide, centred on 151: widened to 7.
  const ViewRange c = Clamp(152, 150, kBounds, 7);
  EXPECT_DOUBLE_EQ(c.first, 147.5);
  EXPECT_DOUBLE_EQ(c.last, 154.5);
  // At the edge the widened span is pushed inside the bounds.
  const ViewRange edge = Clamp(0, 1, kBounds, 7);
  EXPECT_DOUBLE_EQ(edge.first, 0);
  EXPECT_DOUBLE_EQ(edge.last, 7);
  const ViewRange top = Clamp(1000, 1000, kBounds, 7);
  EXPECT_DOUBLE_EQ(top.first, 993);
  EXPECT_DOUBLE_EQ(top.last, 1000);
}

TEST(ChartMathTest, ClampLimitsSpansToTheBounds) {
  const ViewRange wider = Clamp(-500, 2000, kBounds, 7);
  EXPECT_DOUBLE_EQ(wider.first, 0);
  EXPECT_DOUBLE_EQ(wider.last, 1000);
  const ViewRange reversed_wider = Clamp(2000, -500, kBounds, 7);
  EXPECT_DOUBLE_EQ(reversed_wider.first, 0);
  EXPECT_DOUBLE_EQ(reversed_wider.last, 1000);
  // Partly outside: keeps its width, moved inside.
  const ViewRange over = Clamp(950, 1050, kBounds, 7);
  EXPECT_DOUBLE_EQ(over.first, 900);
  EXPECT_DOUBLE_EQ(over.last, 1000);
  const ViewRange under = Clamp(-30, 20, kBounds, 7);
  EXPECT_DOUBLE_EQ(under.first, 0);
  EXPECT_DOUBLE_EQ(under.last, 50);
  // A min_span wider than the bounds is limited by them.
  const ViewRange tiny = Clamp(10, 10, {0, 5}, 7);
  EXPECT_DOUBLE_EQ(tiny.first, 0);
  EXPECT_DOUBLE_EQ(tiny.last, 5);
}

// --- StackLayers -------------------------------------------------------------------------

TEST(ChartMathTest, StackingSumsEqualBruteForceCumulativeSums) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> dist(0, 100000);
  const size_t count = 64;
  std::vector<std::vector<double>> data(5, std::vector<double>(count));
  for (auto& layer : data) {
    for (double& v : layer) v = static_cast<double>(dist(rng)) / 4.0;  // exact in binary
  }
  std::vector<const double*> layers;
  for (const auto& layer : data) layers.push_back(layer.data());

  const auto out = StackLayers(layers, count);
  ASSERT_EQ(out.size(), data.size());
  for (size_t k = 0; k < data.size(); ++k) {
    ASSERT_EQ(out[k].size(), count);
    for (size_t i = 0; i < count; ++i) {
      double want = 0;
      for (size_t j = 0; j <= k; ++j) want += data[j][i];
      EXPECT_EQ(out[k][i], want) << "layer " << k << " point " << i;
    }
  }
  // The top layer is the total of all layers.
  EXPECT_EQ(out[4][0], data[0][0] + data[1][0] + data[2][0] + data[3][0] + data[4][0]);
}

TEST(ChartMathTest, StackingSumsSmallHandExample) {
  const std::vector<double> a{1, 2, 3}, b{10, 20, 30}, c{100, 200, 300};
  const auto out = StackLayers({a.data(), b.data(), c.data()}, 3);
  EXPECT_EQ(out[0], (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(out[1], (std::vector<double>{11, 22, 33}));
  EXPECT_EQ(out[2], (std::vector<double>{111, 222, 333}));
}

TEST(ChartMathTest, StackingAGapMakesThatPointMissingInItsLayerAndAboveOnly) {
  const size_t layers_count = 4, count = 6;
  for (size_t gap_layer = 0; gap_layer < layers_count; ++gap_layer) {
    std::vector<std::vector<double>> data(layers_count, std::vector<double>(count));
    for (size_t k = 0; k < layers_count; ++k) {
      for (size_t i = 0; i < count; ++i) data[k][i] = static_cast<double>((k + 1) * 10 + i);
    }
    const size_t gap_point = 3;
    data[gap_layer][gap_point] = kNaN;
    std::vector<const double*> layers;
    for (const auto& layer : data) layers.push_back(layer.data());
    const auto out = StackLayers(layers, count);
    for (size_t k = 0; k < layers_count; ++k) {
      for (size_t i = 0; i < count; ++i) {
        if (i == gap_point && k >= gap_layer) {
          EXPECT_TRUE(std::isnan(out[k][i])) << "gap in " << gap_layer << ", layer " << k;
        } else {
          double want = 0;
          for (size_t j = 0; j <= k; ++j) want += data[j][i];
          EXPECT_EQ(out[k][i], want) << "gap in " << gap_layer << ", layer " << k << " point " << i;
        }
      }
    }
  }
}

TEST(ChartMathTest, StackingWithNoLayersOrNoPoints) {
  EXPECT_TRUE(StackLayers({}, 10).empty());
  const std::vector<double> a{1, 2};
  const auto out = StackLayers({a.data(), a.data()}, 0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(out[0].empty());
  EXPECT_TRUE(out[1].empty());
}

// --- IndexTo100 --------------------------------------------------------------------------

TEST(ChartMathTest, IndexTo100UsesTheFirstPresentValueInTheRange) {
  const std::vector<double> v{kNaN, kNaN, 50, 60, kNaN, 25};
  const auto out = IndexTo100(v.data(), v.size(), 0, v.size());
  ASSERT_EQ(out.size(), 6u);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_DOUBLE_EQ(out[2], 100);
  EXPECT_DOUBLE_EQ(out[3], 120);
  EXPECT_TRUE(std::isnan(out[4]));
  EXPECT_DOUBLE_EQ(out[5], 50);
}

TEST(ChartMathTest, IndexTo100BaseComesFromBeginAndScalesTheWholeSeries) {
  const std::vector<double> v{30, 40, 50, 80, 20};
  const auto out = IndexTo100(v.data(), v.size(), 3, 5);  // base 80
  ASSERT_EQ(out.size(), 5u);
  for (size_t i = 0; i < v.size(); ++i) EXPECT_DOUBLE_EQ(out[i], v[i] / 80.0 * 100.0) << i;
  EXPECT_DOUBLE_EQ(out[3], 100);
  EXPECT_DOUBLE_EQ(out[4], 25);
  // The skip-missing rule applies from begin: a gap at begin moves the base to the next day.
  const std::vector<double> w{30, kNaN, 40, 10};
  const auto from_gap = IndexTo100(w.data(), w.size(), 1, 4);  // base 40
  EXPECT_DOUBLE_EQ(from_gap[0], 75);
  EXPECT_DOUBLE_EQ(from_gap[2], 100);
  EXPECT_DOUBLE_EQ(from_gap[3], 25);
}

TEST(ChartMathTest, IndexTo100RangeIsHalfOpen) {
  // The only present value is at index 3 == end: no base.
  const std::vector<double> v{kNaN, kNaN, kNaN, 40};
  const auto out = IndexTo100(v.data(), v.size(), 0, 3);
  ASSERT_EQ(out.size(), 4u);
  for (double x : out) EXPECT_TRUE(std::isnan(x));
  const auto with_end = IndexTo100(v.data(), v.size(), 0, 4);
  EXPECT_DOUBLE_EQ(with_end[3], 100);
  // An end past the data is limited to it.
  const auto far = IndexTo100(v.data(), v.size(), 0, 1000);
  EXPECT_DOUBLE_EQ(far[3], 100);
}

TEST(ChartMathTest, IndexTo100WithZeroOrAbsentBaseIsAllNaN) {
  const std::vector<double> zero{0, 5, 10};
  const auto z = IndexTo100(zero.data(), zero.size(), 0, 3);
  ASSERT_EQ(z.size(), 3u);
  for (double x : z) EXPECT_TRUE(std::isnan(x));
  const std::vector<double> gap_then_zero{kNaN, -0.0, 7};
  for (double x : IndexTo100(gap_then_zero.data(), 3, 0, 3)) EXPECT_TRUE(std::isnan(x));
  const std::vector<double> none{kNaN, kNaN, kNaN};
  const auto n = IndexTo100(none.data(), none.size(), 0, 3);
  ASSERT_EQ(n.size(), 3u);
  for (double x : n) EXPECT_TRUE(std::isnan(x));
  // An empty range has no base either, even when the series has values.
  const std::vector<double> full{1, 2, 3};
  for (double x : IndexTo100(full.data(), 3, 2, 2)) EXPECT_TRUE(std::isnan(x));
  for (double x : IndexTo100(full.data(), 3, 3, 1)) EXPECT_TRUE(std::isnan(x));
}

// --- Correlation -------------------------------------------------------------------------

// Brute force by the textbook "computational" formula in long double, over finite pairs only.
double BruteCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  long double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    const long double a = x[i], b = y[i];
    n += 1;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const long double num = n * sxy - sx * sy;
  const long double den = std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  return static_cast<double>(num / den);
}

TEST(ChartMathTest, CorrelationMatchesBruteForceWithGapsSkipped) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::uniform_int_distribution<int> gap(0, 9);
  for (int trial = 0; trial < 20; ++trial) {
    const size_t count = 40 + static_cast<size_t>(trial);
    std::vector<double> x(count), y(count);
    const double slope = noise(rng);
    for (size_t i = 0; i < count; ++i) {
      x[i] = noise(rng) * 10 + 5;
      y[i] = slope * x[i] + noise(rng) * 8;
      if (gap(rng) == 0) x[i] = kNaN;
      if (gap(rng) == 0) y[i] = kNaN;
    }
    x[0] = kInf;  // not finite: skipped like a gap
    const double want = BruteCorrelation(x, y);
    const double got = Correlation(x.data(), y.data(), count);
    EXPECT_NEAR(got, want, 1e-9) << "trial " << trial;
    EXPECT_LE(std::fabs(got), 1.0 + 1e-12);

    // Dropping the gapped pairs up front gives the same answer.
    std::vector<double> cx, cy;
    for (size_t i = 0; i < count; ++i) {
      if (std::isfinite(x[i]) && std::isfinite(y[i])) {
        cx.push_back(x[i]);
        cy.push_back(y[i]);
      }
    }
    EXPECT_NEAR(Correlation(cx.data(), cy.data(), cx.size()), got, 1e-12) << "trial " << trial;
  }
}

TEST(ChartMathTest, CorrelationOfThreePairsByHand) {
  // mean 2 and 2; sxy = 1, sxx = syy = 2: r = 0.5.
  const std::vector<double> x{1, 2, 3}, y{1, 3, 2};
  EXPECT_DOUBLE_EQ(Correlation(x.data(), y.data(), 3), 0.5);
  // The same three pairs hidden among gaps.
  const std::vector<double> gx{kNaN, 1, 9, 2, kNaN, 3}, gy{4, 1, kNaN, 3, kNaN, 2};
  EXPECT_DOUBLE_EQ(Correlation(gx.data(), gy.data(), gx.size()), 0.5);
}

TEST(ChartMathTest, CorrelationWithFewerThanThreePairsIsNaN) {
  const std::vector<double> x{1, 2, kNaN, 4, 5}, y{2, 4, 6, kNaN, kNaN};  // pairs: 0, 1
  EXPECT_TRUE(std::isnan(Correlation(x.data(), y.data(), x.size())));
  EXPECT_TRUE(std::isnan(Correlation(x.data(), y.data(), 2)));
  EXPECT_TRUE(std::isnan(Correlation(x.data(), y.data(), 0)));
  // Control: a third pair makes it defined (and perfectly linear: 1).
  const std::vector<double> x3{1, 2, kNaN, 4, 5}, y3{2, 4, 6, kNaN, 10};
  EXPECT_NEAR(Correlation(x3.data(), y3.data(), x3.size()), 1.0, 1e-12);
}

TEST(ChartMathTest, CorrelationOfAConstantSeriesIsNaN) {
  const std::vector<double> c{5, 5, 5, 5, 5}, v{1, 3, 2, 5, 4};
  EXPECT_TRUE(std::isnan(Correlation(c.data(), v.data(), 5)));
  EXPECT_TRUE(std::isnan(Correlation(v.data(), c.data(), 5)));
  EXPECT_TRUE(std::isnan(Correlation(c.data(), c.data(), 5)));
  // Constant over the finite pairs only: the differing x sits where y is missing.
  const std::vector<double> cx{2, 2, 99, 2, 2}, vy{1, 2, kNaN, 3, 4};
  EXPECT_TRUE(std::isnan(Correlation(cx.data(), vy.data(), 5)));
}

// BUG (src/core/chart_math.cpp:86, `if (sxx == 0 || syy == 0) return kNaN;`): a constant
// series whose value is not exactly representable after averaging (0.1, 0.7, log10 of a fan
// count...) gets a mean that differs from the value in the last bit, so sxx is a tiny
// positive number instead of 0 and the test for "constant" misses it. Two constant series
// {0.1, 0.1, 0.1} and {0.1, 0.1, 0.1} correlate as exactly 1 (and 0.1 vs 0.7 as -1); a
// constant 0.1 against 1..n gives 0. Expected NaN in every case. The gallery's "fans vs GMV"
// correlation uses log10 values, so hosts with equal fans and equal GMV would show 1.00.
TEST(ChartMathTest, CorrelationOfAConstantButInexactSeriesIsNaN) {
  const std::vector<double> a(3, 0.1), b(3, 0.7), ramp{1, 2, 3};
  EXPECT_TRUE(std::isnan(Correlation(a.data(), a.data(), 3)));     // actual: 1
  EXPECT_TRUE(std::isnan(Correlation(a.data(), b.data(), 3)));     // actual: -1
  EXPECT_TRUE(std::isnan(Correlation(a.data(), ramp.data(), 3)));  // actual: 0
}

TEST(ChartMathTest, CorrelationOfPerfectlyLinearSeriesIsPlusOrMinusOne) {
  std::vector<double> x, up, down;
  for (int i = 0; i < 25; ++i) {
    x.push_back(static_cast<double>(i) * 1.5 - 7);
    up.push_back(3 * x.back() + 2);
    down.push_back(-2 * x.back() + 7);
  }
  EXPECT_NEAR(Correlation(x.data(), up.data(), x.size()), 1.0, 1e-12);
  EXPECT_NEAR(Correlation(x.data(), down.data(), x.size()), -1.0, 1e-12);
  EXPECT_NEAR(Correlation(up.data(), down.data(), x.size()), -1.0, 1e-12);
}

}  // namespace
}  // namespace divboard
