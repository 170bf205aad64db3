// Merging a snapshot's parts: split the generated sample (and random splits of it) into
// files, merge them back, and get the whole snapshot — its KPIs included; every kind of
// conflict is a problem naming the part's file and the pointer in it.
#include "core/snapshot_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/generate.h"
#include "core/overview.h"
#include "core/overview_json.h"
#include "core/snapshot_json.h"
#include "snapshot_compare.h"
#include "snapshot_fixture.h"

namespace divboard {
namespace {

using nlohmann::json;

const Snapshot& Sample() {
  static const Snapshot s = [] {
    Snapshot out;
    const auto files = GenerateSample(GenerateOptions{});
    if (files.empty() || !LoadSnapshot(files.front().bytes, &out).empty()) ADD_FAILURE() << "sample did not load";
    return out;
  }();
  return s;
}

// A part with the whole header and vocabulary but only the series `keep` picks (and the
// hosts when `hosts`), as a pipeline writing one file per division would.
template <typename Keep>
Snapshot Part(const Snapshot& whole, Keep keep, bool hosts) {
  Snapshot part = whole;
  part.series.clear();
  for (size_t i = 0; i < whole.series.size(); ++i) {
    if (keep(i, whole.series[i])) part.series.push_back(whole.series[i]);
  }
  if (!hosts) part.hosts.clear();
  return part;
}

std::string Merge(std::vector<SnapshotPart> parts, Snapshot* out) {
  std::string text;
  for (const std::string& line : FormatFileProblems(MergeSnapshots(std::move(parts), out))) text += line + "\n";
  return text;
}

TEST(SnapshotMergeTest, DivisionPartsMergeBackIntoTheWholeSnapshot) {
  const Snapshot& whole = Sample();
  const int trading = whole.FindDivision("trading");
  auto in_trading = [&](size_t, const Series& s) { return whole.metrics[static_cast<size_t>(s.metric)].division == trading; };
  Snapshot community = Part(whole, [&](size_t i, const Series& s) { return !in_trading(i, s); }, false);
  Snapshot trade = Part(whole, in_trading, true);
  ASSERT_FALSE(community.series.empty());
  ASSERT_FALSE(trade.series.empty());
  Snapshot merged;
  const std::string problems = Merge({{"community.json", community}, {"trading.json", trade}}, &merged);
  ASSERT_EQ(problems, "");
  // The generator lists community series before trading ones, so even the order is the same.
  EXPECT_EQ(testing_support::SnapshotDifference(merged, whole), "");
  EXPECT_EQ(OverviewToJson(ComputeOverview(merged), Locale::kEn), OverviewToJson(ComputeOverview(whole), Locale::kEn));
}

TEST(SnapshotMergeTest, RandomSplitsGiveTheSameSeriesAndKpis) {
  const Snapshot& whole = Sample();
  const json expected = OverviewToJson(ComputeOverview(whole), Locale::kEn);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::vector<int> owner(whole.series.size());
    const int count = 2 + round % 3;
    for (int& o : owner) o = static_cast<int>(rng() % static_cast<unsigned>(count));
    std::vector<SnapshotPart> parts;
    for (int k = 0; k < count; ++k) {
      parts.push_back({"part-" + std::to_string(k) + ".json",
                       Part(whole, [&](size_t i, const Series&) { return owner[i] == k; }, k == round % count)});
    }
    Snapshot merged;
    ASSERT_EQ(Merge(std::move(parts), &merged), "");
    ASSERT_EQ(merged.series.size(), whole.series.size());
    // Brute force: every series of the whole is in the merge, values bit for bit.
    for (const Series& s : whole.series) {
      const auto found = std::find_if(merged.series.begin(), merged.series.end(), [&](const Series& m) {
        return m.metric == s.metric && m.dims == s.dims;
      });
      ASSERT_NE(found, merged.series.end());
      EXPECT_EQ(found->start, s.start);
      ASSERT_EQ(found->values.size(), s.values.size());
      for (size_t v = 0; v < s.values.size(); ++v) ASSERT_TRUE(testing_support::SameBits(found->values[v], s.values[v]));
    }
    EXPECT_EQ(merged.hosts.size(), whole.hosts.size());
    EXPECT_EQ(OverviewToJson(ComputeOverview(merged), Locale::kEn), expected);
  }
}

Snapshot Fixture(const std::function<void(json&)>& edit = nullptr) {
  json doc = fixture::ValidSnapshotDocument();
  if (edit) edit(doc);
  Snapshot s;
  const auto problems = LoadSnapshot(doc.dump(), &s);
  if (!problems.empty()) ADD_FAILURE() << problems.front().pointer << ": " << problems.front().message;
  return s;
}

TEST(SnapshotMergeTest, PartsListingThingsInAnotherOrderAreRemapped) {
  // The second part lists dimensions and metrics in reverse and has only the beauty/livestream
  // GMV; the first lacks that series. Ids, not indexes, must decide.
  const Snapshot whole = Fixture();
  Snapshot first = whole;
  first.series.erase(first.series.begin() + 3);
  Snapshot second = Fixture([](json& d) {
    std::reverse(d["dimensions"].begin(), d["dimensions"].end());
    std::reverse(d["metrics"].begin(), d["metrics"].end());
    json gmv = d["series"][3];
    d["series"] = json::array({gmv});
    d["hosts"] = json::array();
    d["events"] = json::array();
  });
  Snapshot merged;
  ASSERT_EQ(Merge({{"a.json", first}, {"b.json", second}}, &merged), "");
  EXPECT_EQ(merged.series.size(), whole.series.size());
  const Series& moved = merged.series.back();
  EXPECT_EQ(merged.metrics[static_cast<size_t>(moved.metric)].id, "gmv");
  ASSERT_EQ(moved.dims.size(), 2u);
  EXPECT_EQ(merged.dimensions[static_cast<size_t>(moved.dims[0].dimension)].id, "channel");
  EXPECT_EQ(merged.dimensions[static_cast<size_t>(moved.dims[1].dimension)].id, "category");
  EXPECT_EQ(merged.dimensions[1].members[static_cast<size_t>(moved.dims[1].member)].id, "beauty");
  EXPECT_EQ(merged.events.size(), whole.events.size());  // identical events kept once
}

struct ConflictCase {
  const char* what;
  std::function<void(json&)> edit;
  const char* expected;  // a line of the problems
};

TEST(SnapshotMergeTest, ConflictsNameTheFileAndThePointer) {
  const Snapshot base = Fixture();
  const std::vector<ConflictCase> cases = {
      {"same series twice", [](json&) {}, "b.json: /series/0: a second series for metric \"dau\" and the same dims (also in a.json at /series/0)"},
      {"dimension members differ",
       [](json& d) { d["dimensions"][1]["members"].push_back(fixture::Item("home", fixture::Name("Home"))); },
       "b.json: /dimensions/1/members: dimension \"category\" has other members than in another part (also in a.json at /dimensions/1/members)"},
      {"metric defined differently", [](json& d) { d["metrics"][2]["unit"] = "count"; },
       "b.json: /metrics/2: metric \"gmv\" is defined differently in another part (also in a.json at /metrics/2)"},
      {"division renamed", [](json& d) { d["divisions"][1]["name"] = fixture::Name("Commerce"); },
       "b.json: /divisions/1: division \"trading\" is named differently"},
      {"host differs", [](json& d) { d["hosts"][0]["gmv"] = 1; },
       "b.json: /hosts/0: host \"h0042\" has other figures than in another part (also in a.json at /hosts/0)"},
      {"currency", [](json& d) { d["currency"] = "USD"; }, "b.json: /currency: another currency"},
  };
  for (const ConflictCase& c : cases) {
    SCOPED_TRACE(c.what);
    Snapshot merged;
    merged.currency = "kept";
    const std::string problems = Merge({{"a.json", base}, {"b.json", Fixture(c.edit)}}, &merged);
    EXPECT_NE(problems.find(c.expected), std::string::npos) << problems;
    EXPECT_EQ(merged.currency, "kept");  // a failed merge leaves the output untouched
  }
}

TEST(SnapshotMergeTest, OnePartIsTheSnapshotItselfAndNoneIsAProblem) {
  Snapshot merged;
  EXPECT_EQ(Merge({{"a.json", Fixture()}}, &merged), "");
  EXPECT_EQ(testing_support::SnapshotDifference(merged, Fixture()), "");
  EXPECT_NE(Merge({}, &merged), "");
}

}  // namespace
}  // namespace divboard
