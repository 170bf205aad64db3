// The analyst views' numbers from a link's state alone: MakeAnalysis resolves the controls,
// MakeKpi's value, comparison, change and trend are checked against a brute force over the
// generated sample's raw daily series (glossary rules written out here), and hashes — shared,
// round-tripped or hostile — never crash and fall back to defaults with a notice.
#include "core/view_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/generate.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

std::string Fmt(DayRange r) { return FormatDate(r.first) + ".." + FormatDate(r.last); }

void ExpectRange(DayRange got, Day first, Day last, const std::string& what) {
  EXPECT_TRUE(got.first == first && got.last == last)
      << what << ": got " << Fmt(got) << ", want " << FormatDate(first) << ".." << FormatDate(last);
}

void ExpectSame(double want, double got, const std::string& what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what << ": want NaN, got " << got;
    return;
  }
  ASSERT_FALSE(std::isnan(got)) << what << ": want " << want << ", got NaN";
  EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::fabs(want))) << what;
}

const Snapshot& Sample() {
  static const Snapshot* sample = [] {
    auto* s = new Snapshot();
    const std::vector<GeneratedFile> files = GenerateSample(GenerateOptions{});
    if (files.empty() || !LoadSnapshot(files.front().bytes, s).empty()) ADD_FAILURE() << "sample did not load";
    return s;
  }();
  return *sample;
}

// The sample spans 2024-01-01 .. 2026-11-27 (GenerateOptions' defaults).
const Day kFirst = D(2024, 1, 1);
const Day kLast = D(2026, 11, 27);

int MemberIndex(const Snapshot& s, const char* dimension, const char* member) {
  const int d = s.FindDimension(dimension);
  if (d < 0) return -1;
  const auto& ms = s.dimensions[static_cast<size_t>(d)].members;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (ms[i].id == member) return static_cast<int>(i);
  }
  return -1;
}

// --- Brute force ---------------------------------------------------------------------------

// product.md's glossary: how days roll up, and which breakdowns may be added up (distinct
// people — purchasing users, MAU, merchants — may not).
Rollup GlossaryRule(const std::string& id) {
  if (id == "dau" || id == "dpu") return Rollup::kMean;
  if (id == "mau" || id == "brand_merchants") return Rollup::kLast;
  return Rollup::kSum;
}
bool GlossaryAdditive(const std::string& id) { return id != "dpu" && id != "mau" && id != "brand_merchants"; }

using FilterIds = std::map<std::string, std::set<std::string>>;  // dimension id → member ids

std::string DimsKey(const Snapshot& s, const Series& series) {
  std::string out;
  for (const Coordinate& c : series.dims) out += s.dimensions[static_cast<size_t>(c.dimension)].id + ";";
  return out;
}

// The daily values of one metric under the filters, over `days`; `available` false when the
// stored data cannot answer. Additive: the stored breakdown that has exactly the filtered
// dimensions if there is one, else the stored breakdown covering them; cells outside the selection
// are left out; a day missing in any selected cell is a gap. Non-additive: one stored slice.
std::vector<double> BruteDaily(const Snapshot& s, const std::string& id, const FilterIds& filters, DayRange days,
                               bool* available) {
  *available = false;
  std::vector<double> out(static_cast<size_t>(days.days()), kNaN);
  const int metric = s.FindMetric(id);
  if (metric < 0) return out;
  auto value = [](const Series& series, Day d) {
    return (d < series.start || d > series.end()) ? kNaN : series.values[static_cast<size_t>(d - series.start)];
  };
  std::vector<const Series*> chosen;
  if (filters.empty()) {
    for (const Series& series : s.series) {
      if (series.metric == metric && series.dims.empty()) chosen.push_back(&series);
    }
  } else {
    std::string want;  // the filtered dimensions, in snapshot order
    for (const Dimension& dim : s.dimensions) {
      if (filters.count(dim.id) != 0) want += dim.id + ";";
    }
    auto covers = [&](const Series& series) {
      std::set<std::string> has;
      for (const Coordinate& c : series.dims) has.insert(s.dimensions[static_cast<size_t>(c.dimension)].id);
      for (const auto& f : filters) {
        if (has.count(f.first) == 0) return false;
      }
      return true;
    };
    auto selected = [&](const Series& series) {
      for (const Coordinate& c : series.dims) {
        const Dimension& dim = s.dimensions[static_cast<size_t>(c.dimension)];
        auto it = filters.find(dim.id);
        if (it != filters.end() && it->second.count(dim.members[static_cast<size_t>(c.member)].id) == 0) return false;
      }
      return true;
    };
    if (!GlossaryAdditive(id)) {
      if (filters.size() != 1 || filters.begin()->second.size() != 1) return out;
      for (const Series& series : s.series) {
        if (series.metric == metric && series.dims.size() == 1 && covers(series) && selected(series)) {
          chosen.push_back(&series);
        }
      }
    } else {
      std::string key;
      for (const Series& series : s.series) {
        if (series.metric == metric && DimsKey(s, series) == want) key = want;
      }
      if (key.empty()) {
        for (const Series& series : s.series) {
          if (series.metric == metric && covers(series)) key = DimsKey(s, series);
        }
      }
      if (key.empty()) return out;
      for (const Series& series : s.series) {
        if (series.metric == metric && DimsKey(s, series) == key && selected(series)) chosen.push_back(&series);
      }
    }
  }
  if (chosen.empty()) return out;
  *available = true;
  for (Day d = days.first; d <= days.last; ++d) {
    double sum = 0;
    for (const Series* series : chosen) sum += value(*series, d);
    out[static_cast<size_t>(d - days.first)] = sum;
  }
  return out;
}

double Roll(const std::vector<double>& daily, Rollup rule) {
  double sum = 0, latest = kNaN;
  int count = 0;
  for (double v : daily) {
    if (std::isnan(v)) continue;
    sum += v;
    latest = v;
    ++count;
  }
  if (count == 0) return kNaN;
  if (rule == Rollup::kLast) return latest;
  return rule == Rollup::kSum ? sum : sum / count;
}

struct BruteValue {
  bool available = true;
  double value = kNaN;
};

BruteValue BruteKpi(const Snapshot& s, const KpiDefinition& kpi, const FilterIds& filters, DayRange days) {
  BruteValue out;
  auto parts = [&](const std::vector<const char*>& ids) {
    double total = 0;
    for (const char* id : ids) {
      bool ok = false;
      const std::vector<double> daily = BruteDaily(s, id, filters, days, &ok);
      if (!ok) out.available = false;
      total += ok ? Roll(daily, GlossaryRule(id)) : kNaN;
    }
    return total;
  };
  const double num = parts(kpi.numerator);
  if (kpi.denominator.empty()) {
    out.value = days.days() > 0 ? num : kNaN;
    return out;
  }
  const double den = parts(kpi.denominator);
  out.value = (days.days() <= 0 || std::isnan(num) || std::isnan(den) || den == 0) ? kNaN : num / den;
  return out;
}

// Buckets by walking the days (week keys from a known Monday, 2024-01-01).
std::vector<DayRange> BruteBuckets(DayRange range, Granularity g) {
  std::vector<DayRange> out;
  Day key = 0;
  for (Day d = range.first; d <= range.last; ++d) {
    const CivilDate c = CivilFromDay(d);
    Day k = d;
    if (g == Granularity::kWeek) k = d - ((d - D(2024, 1, 1)) % 7 + 7) % 7;
    if (g == Granularity::kMonth) k = D(c.year, c.month, 1);
    if (g == Granularity::kQuarter) k = D(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    if (out.empty() || k != key) {
      out.push_back({d, d});
      key = k;
    } else {
      out.back().last = d;
    }
  }
  return out;
}

std::vector<std::string> AllKpiIds() {
  std::vector<std::string> ids;
  for (const KpiDefinition& k : OverviewKpis()) ids.push_back(k.id);
  for (const char* view : {"community", "trading"}) {
    for (const char* id : ViewKpiIds(view)) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  return ids;
}

// MakeKpi against the brute force: value over `range`, previous over `comparison`, change,
// availability, and the trend per bucket of `g`.
void ExpectKpisMatch(const UrlState& state, const FilterIds& filters, DayRange range, DayRange comparison,
                     Granularity g, const std::string& what) {
  const Snapshot& s = Sample();
  std::vector<std::string> notices;
  Analysis a = MakeAnalysis(s, state, &notices);
  EXPECT_TRUE(notices.empty()) << what;
  ExpectRange(a.range(), range.first, range.last, what + " range");
  ExpectRange(a.comparison(), comparison.first, comparison.last, what + " comparison");
  EXPECT_EQ(a.granularity(), g) << what;
  const std::vector<DayRange> buckets = BruteBuckets(range, g);
  for (const std::string& id : AllKpiIds()) {
    const KpiDefinition* def = FindKpi(id);
    ASSERT_NE(def, nullptr) << id;
    const std::string at = what + " " + id;
    const KpiValue v = MakeKpi(a, *def);
    const BruteValue now = BruteKpi(s, *def, filters, range);
    const BruteValue before = BruteKpi(s, *def, filters, comparison);
    EXPECT_EQ(v.id, id);
    EXPECT_EQ(v.available, now.available) << at << " why: " << v.why;
    EXPECT_EQ(v.why.empty(), v.available) << at;
    ExpectSame(now.value, v.value, at + " value");
    ExpectSame(before.value, v.previous, at + " previous");
    const double change = (std::isnan(now.value) || std::isnan(before.value) || before.value == 0)
                              ? kNaN
                              : (now.value - before.value) / std::fabs(before.value);
    ExpectSame(change, v.change, at + " change");
    ASSERT_EQ(v.trend.size(), buckets.size()) << at;
    for (size_t b = 0; b < buckets.size(); ++b) {
      ExpectSame(BruteKpi(s, *def, filters, buckets[b]).value, v.trend[b], at + " trend " + FormatDate(buckets[b].first));
    }
  }
}

// ===========================================================================================

TEST(ViewModelTest, SampleSpan) {
  const auto span = Sample().Span();
  EXPECT_EQ(span.first, kFirst);
  EXPECT_EQ(span.second, kLast);
}

TEST(ViewModelTest, ViewKpiIdsListTheDivisionTiles) {
  const std::vector<std::string> community = {"dau", "mau", "notes_published", "engagements", "ad_revenue"};
  const std::vector<std::string> trading = {"dpu",    "conversion",      "gmv",
                                            "orders", "aov",             "brand_merchants",
                                            "commerce_revenue", "livestream_sessions", "livestream_viewers"};
  auto strings = [](const std::vector<const char*>& ids) { return std::vector<std::string>(ids.begin(), ids.end()); };
  EXPECT_EQ(strings(ViewKpiIds("community")), community);
  EXPECT_EQ(strings(ViewKpiIds("trading")), trading);
  for (const char* view : {"overview", "hosts", "compare", "gallery", "", "Trading", "community "}) {
    EXPECT_TRUE(ViewKpiIds(view).empty()) << view;
  }
  // Every tile has a definition, and every metric it needs is in the sample.
  for (const char* view : {"community", "trading"}) {
    for (const char* id : ViewKpiIds(view)) {
      const KpiDefinition* def = FindKpi(id);
      ASSERT_NE(def, nullptr) << id;
      for (const auto* list : {&def->numerator, &def->denominator}) {
        for (const char* metric : *list) EXPECT_GE(Sample().FindMetric(metric), 0) << id << " needs " << metric;
      }
    }
  }
}

TEST(ViewModelTest, DefaultsAreNinetyDaysByDayAgainstThePreviousPeriod) {
  std::vector<std::string> notices;
  const Analysis a = MakeAnalysis(Sample(), UrlState{}, &notices);
  EXPECT_TRUE(notices.empty());
  // 90 days to 2026-11-27 start on 2026-08-30 (27 + 31 + 30 + 2); the 90 before end on
  // 08-29 and start on 06-01 (29 in August + 31 July + 30 June).
  ExpectRange(a.range(), D(2026, 8, 30), kLast, "range");
  ExpectRange(a.comparison(), D(2026, 6, 1), D(2026, 8, 29), "comparison");
  EXPECT_EQ(a.granularity(), Granularity::kDay);
  EXPECT_TRUE(a.filters().empty());
}

TEST(ViewModelTest, MakeAnalysisResolvesRangeIds) {
  const struct {
    const char* range;
    Day first, last;
  } cases[] = {
      {"7d", D(2026, 11, 21), kLast},
      {"30d", D(2026, 10, 29), kLast},
      {"90d", D(2026, 8, 30), kLast},
      {"qtd", D(2026, 10, 1), kLast},
      {"ytd", D(2026, 1, 1), kLast},
      {"12m", D(2025, 11, 28), kLast},
      {"all", kFirst, kLast},
      {"2025-03-01..2025-05-31", D(2025, 3, 1), D(2025, 5, 31)},
      {"2024-02-29..2024-02-29", D(2024, 2, 29), D(2024, 2, 29)},
      // Clamped to the data at either end.
      {"2023-06-01..2024-01-10", kFirst, D(2024, 1, 10)},
      {"2026-11-01..2027-01-31", D(2026, 11, 1), kLast},
      // Nothing of it inside the data, or reversed: all the data (ResolveRange's fallback).
      {"2020-01-01..2020-12-31", kFirst, kLast},
      {"2025-05-31..2025-03-01", kFirst, kLast},
      // Not a range id at all: the default 90 days.
      {"banana", D(2026, 8, 30), kLast},
      {"", D(2026, 8, 30), kLast},
  };
  for (const auto& c : cases) {
    UrlState state;
    state.range = c.range;
    std::vector<std::string> notices;
    const Analysis a = MakeAnalysis(Sample(), state, &notices);
    ExpectRange(a.range(), c.first, c.last, c.range);
  }
}

TEST(ViewModelTest, MakeAnalysisResolvesGranularityAndComparison) {
  const struct {
    const char* gran;
    const char* cmp;
    Granularity granularity;
    Day first, last;  // the comparison for range 30d = 2026-10-29 .. 2026-11-27
  } cases[] = {
      // The 30 days before: 2026-09-29 .. 2026-10-28 (2 in Sep + 28 in Oct).
      {"day", "prev", Granularity::kDay, D(2026, 9, 29), D(2026, 10, 28)},
      {"month", "prev", Granularity::kMonth, D(2026, 9, 29), D(2026, 10, 28)},
      // 364 days back, same weekdays: 2025-10-30 (Thu) .. 2025-11-28 (Fri).
      {"day", "yoy", Granularity::kDay, D(2025, 10, 30), D(2025, 11, 28)},
      {"week", "yoy", Granularity::kWeek, D(2025, 10, 30), D(2025, 11, 28)},
      // The calendar year back.
      {"month", "yoy", Granularity::kMonth, D(2025, 10, 29), D(2025, 11, 27)},
      {"quarter", "yoy", Granularity::kQuarter, D(2025, 10, 29), D(2025, 11, 27)},
      // Unknown ids: day, previous period.
      {"fortnight", "yesterday", Granularity::kDay, D(2026, 9, 29), D(2026, 10, 28)},
  };
  for (const auto& c : cases) {
    UrlState state;
    state.range = "30d";
    state.granularity = c.gran;
    state.comparison = c.cmp;
    std::vector<std::string> notices;
    const Analysis a = MakeAnalysis(Sample(), state, &notices);
    const std::string what = std::string(c.gran) + "/" + c.cmp;
    EXPECT_EQ(a.granularity(), c.granularity) << what;
    ExpectRange(a.comparison(), c.first, c.last, what);
    if (std::string(c.cmp) == "yoy" && (c.granularity == Granularity::kDay || c.granularity == Granularity::kWeek)) {
      EXPECT_EQ(Weekday(a.comparison().first), Weekday(a.range().first)) << what;
    }
  }
  UrlState none;
  none.comparison = "none";
  std::vector<std::string> notices;
  EXPECT_EQ(MakeAnalysis(Sample(), none, &notices).comparison().days(), 0);
}

TEST(ViewModelTest, MakeAnalysisResolvesFilterIdsAndDropsUnknownOnes) {
  const Snapshot& s = Sample();
  const int channel = s.FindDimension("channel"), category = s.FindDimension("category");
  UrlState state;
  state.filters = {{"channel", {"livestream", "teleport", "store"}},
                   {"planet", {"mars"}},
                   {"category", {"fashion"}},
                   {"region", {"atlantis"}}};
  std::vector<std::string> notices;
  const Analysis a = MakeAnalysis(s, state, &notices);
  EXPECT_TRUE(a.filters().Has(channel, MemberIndex(s, "channel", "livestream")));
  EXPECT_TRUE(a.filters().Has(channel, MemberIndex(s, "channel", "store")));
  EXPECT_FALSE(a.filters().Has(channel, MemberIndex(s, "channel", "notes")));
  EXPECT_TRUE(a.filters().Has(category, MemberIndex(s, "category", "fashion")));
  // Region had only an unknown member: no region filter at all.
  const int region = s.FindDimension("region");
  ASSERT_GE(region, 0);
  for (size_t m = 0; m < s.dimensions[static_cast<size_t>(region)].members.size(); ++m) {
    EXPECT_FALSE(a.filters().Has(region, static_cast<int>(m)));
  }
  ASSERT_EQ(notices.size(), 3u);
  auto mentions = [&](const std::string& word) {
    return std::any_of(notices.begin(), notices.end(), [&](const std::string& n) { return n.find(word) != std::string::npos; });
  };
  EXPECT_TRUE(mentions("teleport"));
  EXPECT_TRUE(mentions("planet"));
  EXPECT_TRUE(mentions("atlantis"));
}

TEST(ViewModelTest, KpisWithoutFiltersMatchBruteForce) {
  // Defaults: 90 days by day against the 90 days before.
  ExpectKpisMatch(UrlState{}, {}, {D(2026, 8, 30), kLast}, {D(2026, 6, 1), D(2026, 8, 29)}, Granularity::kDay,
                  "defaults");
  // Year to date by month against the calendar year back.
  UrlState ytd;
  ytd.range = "ytd";
  ytd.granularity = "month";
  ytd.comparison = "yoy";
  ExpectKpisMatch(ytd, {}, {D(2026, 1, 1), kLast}, {D(2025, 1, 1), D(2025, 11, 27)}, Granularity::kMonth, "ytd");
  // A custom range with the sample's outage (2025-09-16/17) and a partial first week, by week,
  // against 364 days back.
  UrlState custom;
  custom.range = "2025-09-03..2025-10-31";
  custom.granularity = "week";
  custom.comparison = "yoy";
  ExpectKpisMatch(custom, {}, {D(2025, 9, 3), D(2025, 10, 31)}, {D(2024, 9, 4), D(2024, 11, 1)}, Granularity::kWeek,
                  "custom weeks");
  // The previous period reaching before the data starts: 2024-01-01..01-31 compares with
  // 2023-12-01..12-31, which has no data — previous and change are NaN.
  UrlState january;
  january.range = "2024-01-01..2024-01-31";
  january.granularity = "quarter";
  ExpectKpisMatch(january, {}, {D(2024, 1, 1), D(2024, 1, 31)}, {D(2023, 12, 1), D(2023, 12, 31)},
                  Granularity::kQuarter, "before the data");
}

TEST(ViewModelTest, KpisUnderFiltersMatchBruteForce) {
  UrlState two_channels;
  two_channels.range = "ytd";
  two_channels.granularity = "month";
  two_channels.comparison = "yoy";
  two_channels.filters = {{"channel", {"livestream", "notes"}}, {"category", {"fashion"}}};
  ExpectKpisMatch(two_channels, {{"channel", {"livestream", "notes"}}, {"category", {"fashion"}}},
                  {D(2026, 1, 1), kLast}, {D(2025, 1, 1), D(2025, 11, 27)}, Granularity::kMonth, "two channels");

  UrlState livestream;
  livestream.range = "30d";
  livestream.granularity = "week";
  livestream.comparison = "yoy";
  livestream.filters = {{"channel", {"livestream"}}};
  ExpectKpisMatch(livestream, {{"channel", {"livestream"}}}, {D(2026, 10, 29), kLast},
                  {D(2025, 10, 30), D(2025, 11, 28)}, Granularity::kWeek, "livestream");

  UrlState fashion;
  fashion.range = "qtd";
  fashion.granularity = "week";
  fashion.filters = {{"category", {"fashion", "beauty"}}};
  // QTD is 2026-10-01..11-27 (58 days); the 58 days before start on 2026-08-04.
  ExpectKpisMatch(fashion, {{"category", {"fashion", "beauty"}}}, {D(2026, 10, 1), kLast},
                  {D(2026, 8, 4), D(2026, 9, 30)}, Granularity::kWeek, "fashion+beauty");

  UrlState north;
  north.range = "7d";
  north.filters = {{"region", {"north"}}};
  ExpectKpisMatch(north, {{"region", {"north"}}}, {D(2026, 11, 21), kLast}, {D(2026, 11, 14), D(2026, 11, 20)},
                  Granularity::kDay, "north");
}

TEST(ViewModelTest, FilteredTilesSayWhyTheyAreUnavailable) {
  const Snapshot& s = Sample();
  UrlState state;
  state.filters = {{"channel", {"livestream", "notes"}}};
  std::vector<std::string> notices;
  Analysis a = MakeAnalysis(s, state, &notices);
  // Purchasing users across two channels would count people twice; conversion needs them.
  for (const char* id : {"dpu", "conversion", "brand_merchants"}) {
    const KpiValue v = MakeKpi(a, *FindKpi(id));
    EXPECT_FALSE(v.available) << id;
    EXPECT_FALSE(v.why.empty()) << id;
    EXPECT_TRUE(std::isnan(v.value)) << id;
    EXPECT_TRUE(std::isnan(v.previous)) << id;
    EXPECT_TRUE(std::isnan(v.change)) << id;
    for (double t : v.trend) EXPECT_TRUE(std::isnan(t)) << id;
  }
  // GMV and AOV are additive: available.
  for (const char* id : {"gmv", "orders", "aov"}) {
    const KpiValue v = MakeKpi(a, *FindKpi(id));
    EXPECT_TRUE(v.available) << id << ": " << v.why;
    EXPECT_FALSE(std::isnan(v.value)) << id;
  }
}

TEST(ViewModelTest, NoComparisonHasNoPreviousValueOrChange) {
  UrlState state;
  state.comparison = "none";
  state.range = "30d";
  std::vector<std::string> notices;
  Analysis a = MakeAnalysis(Sample(), state, &notices);
  for (const std::string& id : AllKpiIds()) {
    const KpiValue v = MakeKpi(a, *FindKpi(id));
    EXPECT_TRUE(v.available) << id;
    EXPECT_FALSE(std::isnan(v.value)) << id;
    EXPECT_TRUE(std::isnan(v.previous)) << id;
    EXPECT_TRUE(std::isnan(v.change)) << id;
    EXPECT_EQ(v.trend.size(), 30u) << id;
  }
}

// DISABLED — latent bug, not reachable through ParseUrlHash (which drops repeated ids and
// refuses a repeated dimension) nor through the UI's own filter editing, but MakeAnalysis's
// contract is "resolves filter ids": view_model.cpp (the loop over member_ids in MakeAnalysis)
// calls Filters::Toggle for each id, so an id listed twice is toggled on and off again.
// UrlState{filters = {{"channel", {"livestream", "livestream"}}}} gives no channel filter at
// all (GMV of every channel), expected: livestream selected.
TEST(ViewModelTest, AMemberListedTwiceInTheControlsStaysSelected) {
  const Snapshot& s = Sample();
  UrlState state;
  state.filters = {{"channel", {"livestream", "livestream"}}};
  std::vector<std::string> notices;
  const Analysis a = MakeAnalysis(s, state, &notices);
  EXPECT_TRUE(a.filters().Has(s.FindDimension("channel"), MemberIndex(s, "channel", "livestream")));
  UrlState twice;
  twice.filters = {{"channel", {"store"}}, {"channel", {"store"}}};
  const Analysis b = MakeAnalysis(s, twice, &notices);
  EXPECT_TRUE(b.filters().Has(s.FindDimension("channel"), MemberIndex(s, "channel", "store")));
}

TEST(ViewModelTest, HashRoundTripGivesTheSameNumbers) {
  std::vector<UrlState> states(6);
  states[1].view = "trading";
  states[1].range = "ytd";
  states[1].granularity = "month";
  states[1].comparison = "yoy";
  states[1].filters = {{"channel", {"livestream", "notes"}}, {"category", {"fashion"}}};
  states[2].view = "community";
  states[2].locale = "zh";
  states[2].theme = "light";
  states[2].range = "2025-02-01..2025-04-30";
  states[2].granularity = "week";
  states[2].comparison = "none";
  states[2].filters = {{"region", {"north"}}};
  states[3].range = "12m";
  states[3].granularity = "quarter";
  states[4].range = "7d";
  states[4].filters = {{"category", {"beauty", "home", "food"}}};
  states[5].range = "2024-02-29..2024-03-31";
  states[5].comparison = "yoy";
  states[5].granularity = "month";
  states[5].filters = {{"channel", {"store"}}};
  for (const UrlState& state : states) {
    const std::string hash = FormatUrlHash(state);
    const ParsedUrlState parsed = ParseUrlHash("#" + hash);
    EXPECT_TRUE(parsed.notices.empty()) << hash;
    EXPECT_EQ(parsed.state.view, state.view) << hash;
    EXPECT_EQ(parsed.state.range, state.range) << hash;
    EXPECT_EQ(parsed.state.granularity, state.granularity) << hash;
    EXPECT_EQ(parsed.state.comparison, state.comparison) << hash;
    EXPECT_EQ(parsed.state.filters, state.filters) << hash;
    std::vector<std::string> n1, n2;
    Analysis a = MakeAnalysis(Sample(), state, &n1);
    Analysis b = MakeAnalysis(Sample(), parsed.state, &n2);
    EXPECT_EQ(n1, n2) << hash;
    ExpectRange(b.range(), a.range().first, a.range().last, hash);
    ExpectRange(b.comparison(), a.comparison().first, a.comparison().last, hash);
    EXPECT_EQ(b.granularity(), a.granularity()) << hash;
    EXPECT_EQ(b.filters().members, a.filters().members) << hash;
    for (const std::string& id : AllKpiIds()) {
      const KpiValue x = MakeKpi(a, *FindKpi(id));
      const KpiValue y = MakeKpi(b, *FindKpi(id));
      EXPECT_EQ(x.available, y.available) << hash << " " << id;
      EXPECT_EQ(x.why, y.why) << hash << " " << id;
      ExpectSame(x.value, y.value, hash + " " + id);
      ExpectSame(x.previous, y.previous, hash + " " + id);
      ExpectSame(x.change, y.change, hash + " " + id);
      ASSERT_EQ(x.trend.size(), y.trend.size()) << hash << " " << id;
      for (size_t i = 0; i < x.trend.size(); ++i) ExpectSame(x.trend[i], y.trend[i], hash + " " + id);
    }
  }
  // And one of them against the brute force: ytd by month, yoy, livestream+notes × fashion.
  ExpectKpisMatch(ParseUrlHash("#" + FormatUrlHash(states[1])).state,
                  {{"channel", {"livestream", "notes"}}, {"category", {"fashion"}}}, {D(2026, 1, 1), kLast},
                  {D(2025, 1, 1), D(2025, 11, 27)}, Granularity::kMonth, "round trip");
}

// The analysis a hash leads to, and every KPI of it, are those of the defaults.
void ExpectDefaultAnalysis(const std::string& hash, bool want_notice) {
  const ParsedUrlState parsed = ParseUrlHash(hash);
  std::vector<std::string> notices = parsed.notices;
  Analysis a = MakeAnalysis(Sample(), parsed.state, &notices);
  std::vector<std::string> unused;
  Analysis d = MakeAnalysis(Sample(), UrlState{}, &unused);
  const std::string what = hash.size() > 60 ? hash.substr(0, 60) + "..." : hash;
  if (want_notice) {
    EXPECT_FALSE(notices.empty()) << what;
  }
  ExpectRange(a.range(), d.range().first, d.range().last, what);
  ExpectRange(a.comparison(), d.comparison().first, d.comparison().last, what);
  EXPECT_EQ(a.granularity(), Granularity::kDay) << what;
  EXPECT_TRUE(a.filters().empty()) << what;
  for (const char* id : {"dau", "gmv", "aov", "conversion"}) {
    const KpiValue x = MakeKpi(a, *FindKpi(id));
    const KpiValue y = MakeKpi(d, *FindKpi(id));
    ExpectSame(y.value, x.value, what + " " + id);
    ExpectSame(y.previous, x.previous, what + " " + id);
  }
}

TEST(ViewModelTest, HostileHashesFallBackToDefaultsWithNotices) {
  // Harmless: nothing to say.
  for (const char* hash : {"", "#", "#&&&"}) {
    ExpectDefaultAnalysis(hash, false);
  }
  const std::string hostile[] = {
      "garbage",
      "#garbage",
      "#=",
      "#==&=&",
      "#range=",
      "#range=2025-13-01..2025-14-01",
      "#range=2025-05-31..2025-03-01",  // reversed
      "#range=2025-03-01...2025-05-31",
      "#gran=year&cmp=yesterday",
      "#f.channel=,,,",
      "#f.channel=",
      "#f.channel",
      "#f.=livestream",
      "#f.channel=Livestream",
      "#f.channel=livestream%00",
      "#f.planet=mars",
      "#f.channel=teleport",
      "#f.channel=teleport,warp",
      "#f.channel=livestream,,notes",
      "#f.region=%E5%8C%97",
      "#%ff%fe=%00%01",
      "#f.channel=" + std::string(3000, 'a'),
      "#" + std::string(1 << 20, '&'),
      std::string(100000, 'x'),
      std::string("#view=\0trading", 14),
  };
  for (const std::string& hash : hostile) ExpectDefaultAnalysis(hash, true);
}

TEST(ViewModelTest, HostileHashesKeepWhatIsValid) {
  const Snapshot& s = Sample();
  const int channel = s.FindDimension("channel");
  // A repeated dimension: the first list is kept, the second refused with a notice.
  const ParsedUrlState p = ParseUrlHash("#f.channel=livestream&f.channel=notes&gran=week&cmp=bogus");
  std::vector<std::string> notices = p.notices;
  const Analysis a = MakeAnalysis(s, p.state, &notices);
  EXPECT_EQ(notices.size(), 2u);
  EXPECT_TRUE(a.filters().Has(channel, MemberIndex(s, "channel", "livestream")));
  EXPECT_FALSE(a.filters().Has(channel, MemberIndex(s, "channel", "notes")));
  EXPECT_EQ(a.granularity(), Granularity::kWeek);
  // Unknown members next to known ones: the known ones stay.
  const ParsedUrlState q = ParseUrlHash("#f.channel=teleport,store&f.category=fashion,unicorn");
  std::vector<std::string> more = q.notices;
  const Analysis b = MakeAnalysis(s, q.state, &more);
  EXPECT_EQ(more.size(), 2u);
  EXPECT_TRUE(b.filters().Has(channel, MemberIndex(s, "channel", "store")));
  EXPECT_TRUE(b.filters().Has(s.FindDimension("category"), MemberIndex(s, "category", "fashion")));
}

TEST(ViewModelTest, RandomHashesNeverCrash) {
  const std::string alphabet = "=&,.#%+-_0123456789abcdef";
  const std::vector<std::string> words = {"view",    "range",     "gran",   "cmp",   "f.channel", "f.category",
                                          "f.region", "livestream", "notes", "store", "fashion",   "north",
                                          "ytd",     "7d",        "yoy",    "week",  "2024-02-29", "..", "none", "all"};
  std::mt19937 rng(20261128);
  const Snapshot& s = Sample();
  const auto span = s.Span();
  for (int round = 0; round < 300; ++round) {
    std::string hash = "#";
    const int pieces = static_cast<int>(rng() % 12);
    for (int i = 0; i < pieces; ++i) {
      if (rng() % 2 == 0) {
        hash += words[rng() % words.size()];
      } else {
        hash += alphabet[rng() % alphabet.size()];
      }
    }
    const ParsedUrlState parsed = ParseUrlHash(hash);
    std::vector<std::string> notices = parsed.notices;
    Analysis a = MakeAnalysis(s, parsed.state, &notices);
    EXPECT_GE(a.range().first, span.first) << hash;
    EXPECT_LE(a.range().last, span.second) << hash;
    EXPECT_GT(a.range().days(), 0) << hash;
    for (const char* id : {"gmv", "aov", "dpu"}) {
      const KpiValue v = MakeKpi(a, *FindKpi(id));
      EXPECT_EQ(v.available, v.why.empty()) << hash;
    }
  }
}

TEST(ViewModelTest, EmptySnapshotNeverCrashes) {
  const Snapshot empty;
  const ParsedUrlState parsed = ParseUrlHash("#range=ytd&gran=week&cmp=yoy&f.channel=livestream");
  std::vector<std::string> notices = parsed.notices;
  Analysis a = MakeAnalysis(empty, parsed.state, &notices);
  EXPECT_EQ(notices.size(), 1u);  // the unknown dimension
  EXPECT_EQ(a.range().days(), 0);
  for (const std::string& id : AllKpiIds()) {
    const KpiValue v = MakeKpi(a, *FindKpi(id));
    EXPECT_FALSE(v.available) << id;
    EXPECT_TRUE(std::isnan(v.value)) << id;
    EXPECT_TRUE(v.trend.empty()) << id;
  }
}

}  // namespace
}  // namespace divboard
