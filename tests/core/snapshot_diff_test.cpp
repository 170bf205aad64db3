// The snapshot diff against a brute-force comparison (every metric, dims and day looked up
// in both snapshots), on the generated yesterday/today pair and on random edits; and the
// rows the page, its CSV and the CLI share.
#include "core/snapshot_diff.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/csv.h"
#include "core/generate.h"
#include "core/snapshot_diff_json.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

using Cell = std::tuple<std::string, DimIds, Day, double, double>;

// Independent of DiffSnapshots: for every series of `newer`, find its twin in `older` by a
// linear search over metric id and dims, and compare each day both cover.
std::set<std::tuple<std::string, DimIds, Day>> BruteForce(const Snapshot& older, const Snapshot& newer) {
  std::set<std::tuple<std::string, DimIds, Day>> out;
  for (const Series& n : newer.series) {
    const std::string metric = newer.metrics[static_cast<size_t>(n.metric)].id;
    const DimIds dims = SeriesDimIds(newer, n);
    for (const Series& o : older.series) {
      if (older.metrics[static_cast<size_t>(o.metric)].id != metric || SeriesDimIds(older, o) != dims) continue;
      for (Day d = n.start; d <= n.end(); ++d) {
        if (d < o.start || d > o.end()) continue;
        const double a = o.at(d), b = n.at(d);
        const bool same = (std::isnan(a) && std::isnan(b)) || a == b;
        if (!same) out.emplace(metric, dims, d);
      }
    }
  }
  return out;
}

std::set<std::tuple<std::string, DimIds, Day>> Cells(const SnapshotDiff& diff) {
  std::set<std::tuple<std::string, DimIds, Day>> out;
  for (const ValueChange& c : diff.values) out.emplace(c.metric, c.dims, c.day);
  return out;
}

struct Pair {
  Snapshot older, newer;
};

const Pair& Generated() {
  static const Pair p = [] {
    GenerateOptions options;
    options.history = 2;
    const auto files = GenerateSample(options);
    Pair out;
    if (files.size() != 3 || !LoadSnapshot(files[1].bytes, &out.older).empty() ||
        !LoadSnapshot(files[0].bytes, &out.newer).empty()) {
      ADD_FAILURE() << "generated pair did not load";
    }
    return out;
  }();
  return p;
}

TEST(SnapshotDiffTest, GeneratedRestatementsAreFoundAndNothingElse) {
  const Pair& p = Generated();
  const SnapshotDiff diff = DiffSnapshots(p.older, p.newer);
  EXPECT_EQ(Cells(diff), BruteForce(p.older, p.newer));
  EXPECT_FALSE(diff.values.empty());
  EXPECT_LT(diff.values.size(), 20u);  // a few restatements, not a different data set
  EXPECT_EQ(diff.days_added, 1);
  EXPECT_EQ(diff.days_removed, 0);
  EXPECT_TRUE(diff.added.empty());
  EXPECT_TRUE(diff.removed.empty());
  ASSERT_EQ(diff.hosts.size(), 1u);
  EXPECT_EQ(diff.hosts[0].field, "gmv");
  // Sorted by size of change, largest first.
  for (size_t i = 1; i < diff.values.size(); ++i) {
    EXPECT_GE(std::fabs(diff.values[i - 1].relative()), std::fabs(diff.values[i].relative()));
  }
  // Nothing changes against itself.
  const SnapshotDiff none = DiffSnapshots(p.newer, p.newer);
  EXPECT_TRUE(none.values.empty() && none.hosts.empty() && none.days_added == 0);
}

TEST(SnapshotDiffTest, RandomEditsAgreeWithBruteForce) {
  const Pair& p = Generated();
  std::mt19937 rng(11);
  for (int round = 0; round < 6; ++round) {
    Snapshot edited = p.newer;
    const int edits = 1 + round * 7;
    for (int e = 0; e < edits; ++e) {
      Series& s = edited.series[rng() % edited.series.size()];
      double& v = s.values[rng() % s.values.size()];
      switch (rng() % 3) {
        case 0: v = std::numeric_limits<double>::quiet_NaN(); break;  // a value withdrawn
        case 1: v = std::isnan(v) ? 1 : v * 1.01; break;
        default: break;  // left as it was: must not be reported
      }
    }
    if (round == 5) edited.series.erase(edited.series.begin());  // a series removed
    const SnapshotDiff diff = DiffSnapshots(p.newer, edited);
    EXPECT_EQ(Cells(diff), BruteForce(p.newer, edited)) << "round " << round;
    EXPECT_EQ(diff.removed.size(), round == 5 ? 1u : 0u);
    const SnapshotDiff back = DiffSnapshots(edited, p.newer);
    EXPECT_EQ(back.added.size(), round == 5 ? 1u : 0u);
  }
}

TEST(SnapshotDiffTest, RowsCarryNamesExactFiguresAndChange) {
  Snapshot older;
  older.metrics.push_back(Metric{"gmv", 0, Unit::kCurrency, Rollup::kSum, true, Text{"GMV", "成交额"}});
  older.series.push_back(Series{0, {}, 100, {1000, 2000, 3000}});
  Snapshot newer = older;
  newer.series[0].values = {1000, 2500, 2700, 4000};
  const SnapshotDiff diff = DiffSnapshots(older, newer);
  ASSERT_EQ(diff.values.size(), 2u);
  EXPECT_EQ(diff.days_added, 1);
  const auto rows = DiffRows(diff, older, newer, Locale::kZh);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "成交额");
  EXPECT_EQ(rows[0].day, FormatDate(101));  // +25% before -10%
  EXPECT_EQ(rows[0].old_text, "2,000");
  EXPECT_EQ(rows[0].new_text, "2,500");
  EXPECT_EQ(rows[0].change_text, FormatChange(0.25));
  EXPECT_EQ(rows[1].day, FormatDate(102));
  const std::string csv = DiffCsv(rows);
  EXPECT_NE(csv.find("gmv,成交额,," + FormatDate(101) + ",2000,2500,25"), std::string::npos) << csv;
  const auto json = DiffToJson(diff, older, newer, Locale::kEn);
  EXPECT_EQ(json["values"].size(), 2u);
  EXPECT_EQ(json["values"][0]["old"], 2000.0);
}

}  // namespace
}  // namespace divboard
