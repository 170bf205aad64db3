// The in-memory model's lookups: totals, spans and day indexing of a dense column.
#include "core/snapshot.h"

#include <gtest/gtest.h>

#include <cmath>

namespace divboard {
namespace {

Series MakeSeries(int metric, Day start, size_t days, std::vector<Coordinate> dims = {}) {
  Series s;
  s.metric = metric;
  s.start = start;
  s.dims = std::move(dims);
  for (size_t i = 0; i < days; ++i) s.values.push_back(static_cast<double>(i) * 10);
  return s;
}

TEST(SnapshotModelTest, SeriesIndexesDaysFromItsStart) {
  const Series s = MakeSeries(0, 100, 3);
  EXPECT_EQ(s.end(), 102);
  EXPECT_EQ(s.at(100), 0);
  EXPECT_EQ(s.at(102), 20);
  EXPECT_TRUE(std::isnan(s.at(99)));
  EXPECT_TRUE(std::isnan(s.at(103)));
  EXPECT_EQ(MakeSeries(0, 100, 0).end(), 99);  // an empty series ends before it starts
}

TEST(SnapshotModelTest, TotalIsTheSeriesWithoutDims) {
  Snapshot snap;
  snap.metrics.resize(2);
  snap.metrics[0].id = "gmv";
  snap.metrics[1].id = "orders";
  snap.series.push_back(MakeSeries(0, 10, 5, {Coordinate{0, 1}}));
  snap.series.push_back(MakeSeries(0, 10, 5));
  snap.series.push_back(MakeSeries(1, 10, 5, {Coordinate{0, 0}}));
  EXPECT_EQ(snap.FindMetric("orders"), 1);
  EXPECT_EQ(snap.FindMetric("aov"), -1);
  EXPECT_EQ(snap.Total(0), &snap.series[1]);
  EXPECT_EQ(snap.Total(1), nullptr);  // a breakdown is not a total
}

TEST(SnapshotModelTest, SpanCoversEverySeries) {
  Snapshot snap;
  EXPECT_EQ(snap.Span().first, 0);
  EXPECT_EQ(snap.Span().second, -1);
  snap.series.push_back(MakeSeries(0, 50, 10));   // 50..59
  snap.series.push_back(MakeSeries(1, 40, 5));    // 40..44
  snap.series.push_back(MakeSeries(2, 55, 20));   // 55..74
  EXPECT_EQ(snap.Span().first, 40);
  EXPECT_EQ(snap.Span().second, 74);
}

TEST(SnapshotModelTest, FindDimensionAndDivision) {
  Snapshot snap;
  snap.dimensions.resize(2);
  snap.dimensions[0].id = "channel";
  snap.dimensions[1].id = "category";
  snap.divisions.resize(1);
  snap.divisions[0].id = "trading";
  EXPECT_EQ(snap.FindDimension("category"), 1);
  EXPECT_EQ(snap.FindDimension("region"), -1);
  EXPECT_EQ(snap.FindDivision("trading"), 0);
  EXPECT_EQ(snap.FindDivision("community"), -1);
}

}  // namespace
}  // namespace divboard
