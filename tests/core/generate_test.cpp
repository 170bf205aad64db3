// The sample generator must tell the product brief's story with numbers a reader can check:
// these tests read the generated JSON back and assert the facts the dashboard will show.
#include "core/generate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Sample {
  std::vector<GeneratedFile> files;
  json snapshot;
  json manifest;
  Day first = 0;
  Day last = 0;
};

Sample Make(const GenerateOptions& options) {
  Sample s;
  s.files = GenerateSample(options);
  s.first = options.first;
  s.last = options.last;
  if (s.files.size() == 2) {
    s.snapshot = json::parse(s.files[0].bytes, nullptr, false);
    s.manifest = json::parse(s.files[1].bytes, nullptr, false);
  }
  return s;
}

// Generated once: the facts below all read the default sample.
const Sample& Default() {
  static const Sample sample = Make(GenerateOptions{});
  return sample;
}

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

const json* FindSeries(const json& snapshot, const std::string& metric, const json& dims) {
  for (const json& s : snapshot["series"]) {
    if (s["metric"] == metric && s["dims"] == dims) return &s;
  }
  return nullptr;
}

// The series as doubles, NaN for a null day; empty when the series is missing.
std::vector<double> Values(const std::string& metric, const json& dims = json::object()) {
  std::vector<double> out;
  const json* s = FindSeries(Default().snapshot, metric, dims);
  if (s == nullptr) return out;
  for (const json& v : (*s)["values"]) {
    out.push_back(v.is_null() ? kNaN : v.get<double>());
  }
  return out;
}

size_t Index(Day day) { return static_cast<size_t>(day - Default().first); }

double At(const std::vector<double>& values, Day day) { return values.at(Index(day)); }

// Mean over [from, to], inclusive, skipping null days.
double Mean(const std::vector<double>& values, Day from, Day to) {
  double sum = 0;
  int count = 0;
  for (Day d = from; d <= to; ++d) {
    const double v = At(values, d);
    if (std::isnan(v)) continue;
    sum += v;
    ++count;
  }
  return count == 0 ? kNaN : sum / count;
}

double Sum(const std::vector<double>& values, Day from, Day to) {
  double sum = 0;
  for (Day d = from; d <= to; ++d) {
    const double v = At(values, d);
    if (!std::isnan(v)) sum += v;
  }
  return sum;
}

int Days() { return Default().last - Default().first + 1; }

TEST(GenerateTest, SameSeedGivesSameBytesAndOtherSeedsDiffer) {
  GenerateOptions options;
  const std::vector<GeneratedFile> a = GenerateSample(options);
  const std::vector<GeneratedFile> b = GenerateSample(options);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0].name, b[0].name);
  EXPECT_TRUE(a[0].bytes == b[0].bytes);
  EXPECT_TRUE(a[1].bytes == b[1].bytes);

  options.seed = 2;
  const std::vector<GeneratedFile> c = GenerateSample(options);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FALSE(a[0].bytes == c[0].bytes);
}

TEST(GenerateTest, FilesAreNamedAndParse) {
  const Sample& s = Default();
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[0].name, "snapshot-2026-11-27.json");
  EXPECT_EQ(s.files[1].name, "manifest.json");
  ASSERT_FALSE(s.snapshot.is_discarded());
  ASSERT_FALSE(s.manifest.is_discarded());
  // Keys keep their readable order rather than the alphabetical one.
  EXPECT_EQ(s.files[0].bytes.rfind("{\"schema\":\"divboard.snapshot\",\"version\":1,", 0), 0u);
  EXPECT_EQ(s.snapshot["generated_at"], "2026-11-28T06:00:00+08:00");
  EXPECT_EQ(s.snapshot["timezone"], "Asia/Shanghai");
  EXPECT_EQ(s.snapshot["currency"], "CNY");
  EXPECT_EQ(s.snapshot["divisions"].size(), 2u);
}

TEST(GenerateTest, ManifestListsTheSnapshotWithItsExactSize) {
  const Sample& s = Default();
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.manifest["schema"], "divboard.manifest");
  EXPECT_EQ(s.manifest["version"], 1);
  ASSERT_EQ(s.manifest["snapshots"].size(), 1u);
  const json& entry = s.manifest["snapshots"][0];
  EXPECT_EQ(entry["path"], s.files[0].name);
  EXPECT_EQ(entry["generated_at"], s.snapshot["generated_at"]);
  EXPECT_EQ(entry["first"], "2024-01-01");
  EXPECT_EQ(entry["last"], "2026-11-27");
  EXPECT_EQ(entry["bytes"].get<uint64_t>(), s.files[0].bytes.size());
  EXPECT_LT(s.files[0].bytes.size(), 4u * 1024 * 1024);
  std::printf("snapshot bytes: %zu\n", s.files[0].bytes.size());
}

TEST(GenerateTest, HistoryAddsYesterdaysSnapshotWithHashes) {
  GenerateOptions options;
  options.history = 2;
  const std::vector<GeneratedFile> files = GenerateSample(options);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].name, "snapshot-2026-11-27.json");
  EXPECT_EQ(files[1].name, "snapshot-2026-11-26.json");
  // The newest snapshot is the one the single-snapshot sample has: every fact above holds.
  EXPECT_TRUE(files[0].bytes == Default().files[0].bytes);
  const json manifest = json::parse(files[2].bytes);
  ASSERT_EQ(manifest["snapshots"].size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const json& entry = manifest["snapshots"][i];
    EXPECT_EQ(entry["path"], files[i].name);
    EXPECT_EQ(entry["bytes"].get<uint64_t>(), files[i].bytes.size());
    EXPECT_EQ(entry["sha256"], Sha256Hex(files[i].bytes));
  }
  EXPECT_EQ(manifest["snapshots"][1]["last"], "2026-11-26");
  const json older = json::parse(files[1].bytes);
  EXPECT_EQ(older["series"][0]["values"].size(), static_cast<size_t>(Days() - 1));
  EXPECT_EQ(older["generated_at"], "2026-11-27T06:00:00+08:00");
  Manifest m;
  EXPECT_TRUE(LoadManifest(files[2].bytes, &m).empty());
  options.history = 3;
  EXPECT_TRUE(GenerateSample(options).empty());
}

TEST(GenerateTest, RejectsTooShortARange) {
  GenerateOptions options;
  options.last = options.first + 399;
  EXPECT_TRUE(GenerateSample(options).empty());
  options.last = options.first + 400;
  const Sample s = Make(options);
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_FALSE(s.snapshot.is_discarded());
  EXPECT_EQ(s.snapshot["series"][0]["values"].size(), 401u);
}

TEST(GenerateTest, MetricsAreDeclaredAsTheGlossarySays) {
  struct Expected {
    const char* id;
    const char* division;
    const char* unit;
    const char* rollup;
    bool additive;
    size_t series;  // total plus breakdowns
  };
  const Expected expected[] = {
      {"dau", "community", "users", "mean", true, 6},
      {"mau", "community", "users", "last", false, 1},
      {"notes_published", "community", "count", "sum", true, 9},
      {"engagements", "community", "count", "sum", true, 9},
      {"ad_revenue", "community", "currency", "sum", true, 9},
      {"dpu", "trading", "users", "mean", false, 4},
      {"gmv", "trading", "currency", "sum", true, 25},
      {"orders", "trading", "count", "sum", true, 25},
      {"commerce_revenue", "trading", "currency", "sum", true, 1},
      {"brand_merchants", "trading", "count", "last", false, 1},
      {"livestream_sessions", "trading", "count", "sum", true, 9},
      {"livestream_viewers", "trading", "count", "sum", true, 9},
      {"livestream_watch_hours", "trading", "hours", "sum", true, 9},
  };
  const json& snapshot = Default().snapshot;
  ASSERT_EQ(snapshot["metrics"].size(), std::size(expected));
  std::map<std::string, size_t> series_count;
  std::set<std::string> seen;
  for (const json& s : snapshot["series"]) {
    ++series_count[s["metric"].get<std::string>()];
    EXPECT_TRUE(seen.insert(s["metric"].get<std::string>() + s["dims"].dump()).second)
        << "duplicate series " << s["metric"] << s["dims"];
    EXPECT_EQ(s["start"], "2024-01-01");
    EXPECT_EQ(s["values"].size(), static_cast<size_t>(Days()));
  }
  for (size_t i = 0; i < std::size(expected); ++i) {
    const json& m = snapshot["metrics"][i];
    const Expected& e = expected[i];
    EXPECT_EQ(m["id"], e.id);
    EXPECT_EQ(m["division"], e.division) << e.id;
    EXPECT_EQ(m["unit"], e.unit) << e.id;
    EXPECT_EQ(m["rollup"], e.rollup) << e.id;
    EXPECT_EQ(m["additive"], e.additive) << e.id;
    EXPECT_FALSE(m["name"]["en"].get<std::string>().empty()) << e.id;
    EXPECT_FALSE(m["name"]["zh"].get<std::string>().empty()) << e.id;
    EXPECT_EQ(series_count[e.id], e.series) << e.id;
    EXPECT_NE(FindSeries(snapshot, e.id, json::object()), nullptr) << e.id;
  }
  const json gmv_cell = {{"channel", "livestream"}, {"category", "fashion"}};
  EXPECT_NE(FindSeries(snapshot, "gmv", gmv_cell), nullptr);
}

TEST(GenerateTest, DauStartsInTheHighTensOfMillionsAndCrosses100MInTheFirstHalfOf2026) {
  const std::vector<double> dau = Values("dau");
  ASSERT_EQ(dau.size(), static_cast<size_t>(Days()));
  const double start = Mean(dau, D(2024, 1, 1), D(2024, 1, 7));
  EXPECT_GT(start, 70e6);
  EXPECT_LT(start, 90e6);
  Day crossing = 0;
  for (Day d = Default().first; d <= Default().last; ++d) {
    if (At(dau, d) >= 100e6) {
      crossing = d;
      break;
    }
  }
  ASSERT_NE(crossing, 0) << "DAU never reaches 100M";
  EXPECT_GE(crossing, D(2026, 1, 1));
  EXPECT_LE(crossing, D(2026, 6, 30));
  const double end = Mean(dau, Default().last - 6, Default().last);
  EXPECT_GT(end, 100e6);
  std::printf("DAU first week %.1fM, last week %.1fM, first >= 100M on %s\n", start / 1e6,
              end / 1e6, FormatDate(crossing).c_str());

  // The milestone event marks exactly that day.
  bool found = false;
  for (const json& e : Default().snapshot["events"]) {
    if (e["label"]["en"] == "DAU passes 100 million") {
      found = true;
      EXPECT_EQ(e["start"], FormatDate(crossing));
      EXPECT_EQ(e["kind"], "milestone");
      EXPECT_EQ(e["division"], "community");
    }
  }
  EXPECT_TRUE(found);
}

TEST(GenerateTest, WeekendsAreALittleHigherForCommunity) {
  const std::vector<double> dau = Values("dau");
  ASSERT_FALSE(dau.empty());
  double weekend = 0, weekday = 0;
  int weekend_days = 0, weekday_days = 0;
  // One full year of weeks keeps the growth trend from biasing either side.
  for (Day d = D(2025, 1, 6); d < D(2025, 1, 6) + 52 * 7; ++d) {
    if (Weekday(d) >= 5) {
      weekend += At(dau, d);
      ++weekend_days;
    } else {
      weekday += At(dau, d);
      ++weekday_days;
    }
  }
  const double ratio = (weekend / weekend_days) / (weekday / weekday_days);
  EXPECT_GT(ratio, 1.01);
  EXPECT_LT(ratio, 1.10);
}

TEST(GenerateTest, MauIsTwoAndAHalfToThreeTimesDau) {
  const std::vector<double> dau = Values("dau");
  const std::vector<double> mau = Values("mau");
  ASSERT_EQ(mau.size(), dau.size());
  for (size_t i = 0; i < dau.size(); ++i) {
    EXPECT_GE(mau[i] / dau[i], 2.5) << FormatDate(Default().first + static_cast<Day>(i));
    EXPECT_LE(mau[i] / dau[i], 3.0) << FormatDate(Default().first + static_cast<Day>(i));
  }
}

TEST(GenerateTest, PurchasingUsersAreALowSingleDigitShareOfDauAndGrowFaster) {
  const std::vector<double> dau = Values("dau");
  const std::vector<double> dpu = Values("dpu");
  ASSERT_EQ(dpu.size(), dau.size());
  double lowest = 1, highest = 0;
  for (size_t i = 0; i < dau.size(); ++i) {
    lowest = std::min(lowest, dpu[i] / dau[i]);
    highest = std::max(highest, dpu[i] / dau[i]);
  }
  EXPECT_GE(lowest, 0.01);
  EXPECT_LE(highest, 0.05);
  // After the trading division forms, purchasing users outgrow DAU.
  const Day formed = D(2025, 8, 4);
  const Day last = Default().last;
  const double dpu_growth = Mean(dpu, last - 89, last) / Mean(dpu, formed, formed + 89);
  const double dau_growth = Mean(dau, last - 89, last) / Mean(dau, formed, formed + 89);
  EXPECT_GT(dpu_growth, dau_growth * 1.1);
  std::printf("DPU/DAU %.2f%%..%.2f%%; growth since the trading division: DPU %.2fx, DAU %.2fx\n",
              lowest * 100, highest * 100, dpu_growth, dau_growth);
}

TEST(GenerateTest, PurchasingUsersByChannelOverlap) {
  const std::vector<double> total = Values("dpu");
  std::vector<std::vector<double>> channels;
  for (const char* c : {"livestream", "notes", "store"}) {
    channels.push_back(Values("dpu", {{"channel", c}}));
    ASSERT_EQ(channels.back().size(), total.size()) << c;
  }
  for (size_t i = 0; i < total.size(); ++i) {
    double sum = 0;
    for (const std::vector<double>& channel : channels) {
      EXPECT_LE(channel[i], total[i]);
      EXPECT_GT(channel[i], 0);
      sum += channel[i];
    }
    EXPECT_GT(sum, total[i]);
  }
}

TEST(GenerateTest, BrandMerchantsMoreThanDoubleYearOverYearInMarchToMay) {
  const std::vector<double> merchants = Values("brand_merchants");
  ASSERT_FALSE(merchants.empty());
  const double then = Mean(merchants, D(2025, 3, 1), D(2025, 5, 31));
  const double now = Mean(merchants, D(2026, 3, 1), D(2026, 5, 31));
  EXPECT_GT(now, 2 * then);
  EXPECT_LT(now, 3 * then);  // doubling is the story, not an explosion
  std::printf("brand merchants Mar-May: %.0f -> %.0f (%.2fx)\n", then, now, now / then);
}

TEST(GenerateTest, AdvertisingIsMostOfTheRevenueAndCommerceATakeRateOfGmv) {
  const std::vector<double> ads = Values("ad_revenue");
  const std::vector<double> commerce = Values("commerce_revenue");
  const std::vector<double> gmv = Values("gmv");
  ASSERT_FALSE(ads.empty());
  ASSERT_FALSE(commerce.empty());
  const Day last = Default().last;
  const double ad_year = Sum(ads, last - 364, last);
  const double commerce_year = Sum(commerce, last - 364, last);
  const double ad_share = ad_year / (ad_year + commerce_year);
  EXPECT_GT(ad_share, 0.70);
  EXPECT_LT(ad_share, 0.95);
  for (size_t i = 0; i < gmv.size(); ++i) {
    EXPECT_GT(commerce[i] / gmv[i], 0.02);
    EXPECT_LT(commerce[i] / gmv[i], 0.05);
  }
  std::printf("ad share of revenue over the final year: %.1f%%\n", ad_share * 100);
}

TEST(GenerateTest, ShoppingFestivalsSpikeGmvAndOrders) {
  for (const char* metric : {"gmv", "orders"}) {
    const std::vector<double> values = Values(metric);
    ASSERT_FALSE(values.empty());
    for (int year : {2024, 2025, 2026}) {
      struct Festival {
        Day open, peak;
      };
      for (const Festival& f : {Festival{D(year, 6, 1), D(year, 6, 18)},
                                Festival{D(year, 10, 20), D(year, 11, 11)}}) {
        const double before = Mean(values, f.open - 30, f.open - 1);
        const double peak = At(values, f.peak);
        EXPECT_GT(peak, 1.5 * before) << metric << " " << FormatDate(f.peak);
        for (Day d = f.open; d < f.peak; ++d) {
          EXPECT_LT(At(values, d), peak) << metric << " " << FormatDate(d);
        }
      }
    }
  }
}

TEST(GenerateTest, SpringFestivalDipsGmvAndOrders) {
  for (const char* metric : {"gmv", "orders"}) {
    const std::vector<double> values = Values(metric);
    ASSERT_FALSE(values.empty());
    for (Day festival : {D(2024, 2, 10), D(2025, 1, 29), D(2026, 2, 17)}) {
      const double holiday = Mean(values, festival, festival + 6);
      const double before = Mean(values, festival - 35, festival - 15);
      EXPECT_LT(holiday, 0.8 * before) << metric << " " << FormatDate(festival);
    }
  }
}

// Every additive breakdown adds up to its total on every day, and a day missing in the
// total is missing in every part.
TEST(GenerateTest, AdditiveBreakdownsSumExactlyToTheTotal) {
  const json& snapshot = Default().snapshot;
  std::set<std::string> additive;
  for (const json& m : snapshot["metrics"]) {
    if (m["additive"].get<bool>()) additive.insert(m["id"].get<std::string>());
  }
  ASSERT_EQ(additive.size(), 10u);
  int checked_groups = 0;
  for (const std::string& metric : additive) {
    const json* total = FindSeries(snapshot, metric, json::object());
    ASSERT_NE(total, nullptr) << metric;
    // Group the breakdowns by which dimensions they use.
    std::map<std::string, std::vector<const json*>> groups;
    for (const json& s : snapshot["series"]) {
      if (s["metric"] != metric || s["dims"].empty()) continue;
      std::string key;
      for (const auto& [dimension, member] : s["dims"].items()) key += dimension + ",";
      groups[key].push_back(&s);
    }
    for (const auto& [key, parts] : groups) {
      ++checked_groups;
      for (size_t i = 0; i < (*total)["values"].size(); ++i) {
        const json& t = (*total)["values"][i];
        int64_t sum = 0;
        for (const json* part : parts) {
          const json& v = (*part)["values"][i];
          ASSERT_EQ(v.is_null(), t.is_null()) << metric << " " << key << " day " << i;
          if (!v.is_null()) sum += v.get<int64_t>();
        }
        if (!t.is_null()) {
          ASSERT_EQ(sum, t.get<int64_t>()) << metric << " by " << key << " day " << i;
        }
      }
    }
  }
  // dau by region; notes, engagements, ads and the three livestream metrics by category;
  // gmv and orders by channel x category. commerce_revenue has no breakdown.
  EXPECT_EQ(checked_groups, 9);
}

TEST(GenerateTest, EngagementsHaveAShortOutageIn2025AndNothingElseIsMissing) {
  const std::vector<double> engagements = Values("engagements");
  std::vector<Day> missing;
  for (Day d = Default().first; d <= Default().last; ++d) {
    if (std::isnan(At(engagements, d))) missing.push_back(d);
  }
  ASSERT_GE(missing.size(), 2u);
  ASSERT_LE(missing.size(), 4u);
  for (size_t i = 0; i < missing.size(); ++i) {
    EXPECT_EQ(CivilFromDay(missing[i]).year, 2025);
    if (i > 0) {
      EXPECT_EQ(missing[i], missing[i - 1] + 1);  // one consecutive gap
    }
  }
  for (const json& s : Default().snapshot["series"]) {
    if (s["metric"] == "engagements") continue;
    for (const json& v : s["values"]) {
      ASSERT_TRUE(v.is_number_integer()) << s["metric"] << s["dims"];
      ASSERT_GE(v.get<int64_t>(), 0) << s["metric"] << s["dims"];
    }
  }
}

TEST(GenerateTest, AverageOrderValueIsAFewHundredYuanAndHigherForLivestreamFashion) {
  const Day first = Default().first, last = Default().last;
  const double aov = Sum(Values("gmv"), first, last) / Sum(Values("orders"), first, last);
  EXPECT_GT(aov, 100);
  EXPECT_LT(aov, 900);
  const json cell = {{"channel", "livestream"}, {"category", "fashion"}};
  const double fashion =
      Sum(Values("gmv", cell), first, last) / Sum(Values("orders", cell), first, last);
  EXPECT_GT(fashion, 1.5 * aov);
  std::printf("AOV overall %.0f, livestream fashion %.0f\n", aov, fashion);
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

TEST(GenerateTest, HostsAreLongTailedAndFansPredictSalesOnlyWeakly) {
  const json& hosts = Default().snapshot["hosts"];
  ASSERT_GE(hosts.size(), 1000u);
  ASSERT_LE(hosts.size(), 1500u);
  std::set<std::string> categories;
  for (const json& m : Default().snapshot["dimensions"][0]["members"]) {
    categories.insert(m["id"].get<std::string>());
  }
  std::set<std::string> ids;
  std::vector<double> log_fans, log_gmv;
  double min_fans = 1e18, max_fans = 0;
  for (const json& h : hosts) {
    EXPECT_TRUE(ids.insert(h["id"].get<std::string>()).second);
    EXPECT_EQ(categories.count(h["category"].get<std::string>()), 1u);
    const std::string name = h["name"].get<std::string>();
    EXPECT_TRUE(name.size() == 6 || name.size() == 9) << name;  // 2-3 CJK characters
    EXPECT_FALSE(h["name_latin"].get<std::string>().empty());
    EXPECT_GT(h["orders"].get<int64_t>(), 0);
    EXPECT_LE(h["purchasing_users"].get<int64_t>(), h["orders"].get<int64_t>());
    EXPECT_LE(h["purchasing_users"].get<int64_t>(), h["viewers"].get<int64_t>());
    EXPECT_GT(h["sessions"].get<int64_t>(), 0);
    const double fans = h["fans"].get<double>();
    min_fans = std::min(min_fans, fans);
    max_fans = std::max(max_fans, fans);
    log_fans.push_back(std::log(fans));
    log_gmv.push_back(std::log(h["gmv"].get<double>()));
  }
  EXPECT_EQ(hosts[0]["id"], "h0001");
  EXPECT_GE(min_fans, 1000);
  EXPECT_LT(min_fans, 5000);
  EXPECT_GT(max_fans, 5e6);
  EXPECT_LE(max_fans, 20e6);
  const double r = Pearson(log_fans, log_gmv);
  EXPECT_LT(r, 0.5);
  EXPECT_GT(r, 0.1);  // weak, but still a predictor
  std::printf("hosts %zu, fans %.0f..%.0f, corr(log fans, log gmv) = %.3f\n", hosts.size(),
              min_fans, max_fans, r);
}

TEST(GenerateTest, TasteHostsWithModerateFollowingsAreAmongTheTopSellers) {
  std::vector<json> hosts = Default().snapshot["hosts"].get<std::vector<json>>();
  ASSERT_GE(hosts.size(), 20u);
  std::sort(hosts.begin(), hosts.end(), [](const json& a, const json& b) {
    return a["gmv"].get<double>() > b["gmv"].get<double>();
  });
  int taste = 0;
  double lowest_taste_gmv = 1e300;
  for (size_t i = 0; i < 20; ++i) {
    const json& h = hosts[i];
    const double fans = h["fans"].get<double>();
    const double aov = h["gmv"].get<double>() / h["orders"].get<double>();
    if (h["category"] == "fashion" && fans >= 50e3 && fans <= 300e3 && aov >= 1000 &&
        aov < 10000) {
      ++taste;
      lowest_taste_gmv = std::min(lowest_taste_gmv, h["gmv"].get<double>());
    }
  }
  EXPECT_GE(taste, 8);
  // Loud hosts exist, and out-sell nobody in that group: fans are not what sells.
  int outsold_big_hosts = 0;
  for (const json& h : hosts) {
    if (h["fans"].get<double>() > 3e6 && h["gmv"].get<double>() < lowest_taste_gmv) {
      ++outsold_big_hosts;
    }
  }
  EXPECT_GE(outsold_big_hosts, 5);
}

// The drill-down's monthly columns: whole months inside the data, summing exactly to the
// host's totals, most hosts still streaming at the end, taste hosts selling dear every month.
TEST(GenerateTest, HostMonthsSumToTheTotalsInsideTheData) {
  const Day first = Default().first;
  const Day last = Default().last;
  size_t streaming_at_end = 0, taste_months = 0;
  for (const json& h : Default().snapshot["hosts"]) {
    SCOPED_TRACE(h["id"].get<std::string>());
    ASSERT_TRUE(h.contains("monthly"));
    const json& m = h["monthly"];
    const auto start = ParseDate(m["start"].get<std::string>());
    ASSERT_TRUE(start.has_value());
    const CivilDate c = CivilFromDay(*start);
    EXPECT_EQ(c.day, 1);
    EXPECT_GE(*start, first);
    const size_t months = m["sessions"].size();
    ASSERT_GT(months, 0u);
    const int end_index = c.month - 1 + static_cast<int>(months);  // the month after the last
    const Day end = DayFromCivil({c.year + end_index / 12, end_index % 12 + 1, 1});
    EXPECT_LE(end - 1, last) << "months past the data";
    if (end + 31 > last) ++streaming_at_end;
    for (const char* key : {"sessions", "viewers", "gmv", "orders", "purchasing_users"}) {
      ASSERT_EQ(m[key].size(), months) << key;
      int64_t sum = 0;
      for (const json& v : m[key]) {
        EXPECT_GE(v.get<int64_t>(), 0) << key;
        sum += v.get<int64_t>();
      }
      EXPECT_EQ(sum, h[key].get<int64_t>()) << key;
    }
    for (size_t i = 0; i < months; ++i) {
      if (m["sessions"][i].get<int64_t>() == 0) {
        EXPECT_EQ(m["gmv"][i].get<int64_t>(), 0) << "sales without a session";
      }
    }
    const double aov = h["gmv"].get<double>() / h["orders"].get<double>();
    if (h["category"] == "fashion" && h["fans"].get<double>() <= 300e3 && aov >= 2000) {
      for (size_t i = 0; i < months; ++i) {
        if (m["orders"][i].get<int64_t>() < 20) continue;
        ++taste_months;
        EXPECT_GT(m["gmv"][i].get<double>() / m["orders"][i].get<double>(), 1000) << "month " << i;
      }
    }
  }
  EXPECT_GT(streaming_at_end, Default().snapshot["hosts"].size() / 2);
  EXPECT_GT(taste_months, 20u);
}

TEST(GenerateTest, EventsAreSortedAndTellTheStory) {
  const json& events = Default().snapshot["events"];
  ASSERT_FALSE(events.empty());
  std::map<std::string, int> count_by_label;
  std::string previous;
  for (const json& e : events) {
    const std::string start = e["start"].get<std::string>();
    EXPECT_LE(previous, start);
    EXPECT_LE(start, e["end"].get<std::string>());
    EXPECT_GE(start, "2024-01-01");
    EXPECT_LE(e["end"].get<std::string>(), "2026-11-27");
    previous = start;
    ++count_by_label[e["label"]["en"].get<std::string>()];
    EXPECT_FALSE(e["label"]["zh"].get<std::string>().empty());
  }
  EXPECT_EQ(count_by_label["618 shopping festival"], 3);
  EXPECT_EQ(count_by_label["Double 11"], 3);
  EXPECT_EQ(count_by_label["Spring Festival"], 3);
  EXPECT_EQ(count_by_label["DAU passes 100 million"], 1);
  auto find = [&](const std::string& label) {
    for (const json& e : events) {
      if (e["label"]["en"] == label) return e;
    }
    return json();
  };
  const json split = find("Livestreaming becomes its own division");
  EXPECT_EQ(split["start"], "2025-03-03");
  EXPECT_EQ(split["division"], "trading");
  const json merge =
      find("E-commerce and livestreaming merge into the trading division, led by the COO");
  EXPECT_EQ(merge["start"], "2025-08-04");
  EXPECT_EQ(merge["kind"], "milestone");
  const json double11 = find("Double 11");
  EXPECT_EQ(double11["start"], "2024-10-20");
  EXPECT_EQ(double11["end"], "2024-11-11");
  EXPECT_EQ(double11["kind"], "festival");
  const json spring = find("Spring Festival");
  EXPECT_EQ(spring["start"], "2024-02-10");
  EXPECT_EQ(spring["kind"], "holiday");
}

TEST(GenerateTest, OtherRangesKeepOnlyTheirOwnEvents) {
  GenerateOptions options;
  options.first = D(2025, 1, 1);
  options.last = D(2026, 3, 31);
  const Sample s = Make(options);
  ASSERT_EQ(s.files.size(), 2u);
  ASSERT_FALSE(s.snapshot.is_discarded());
  EXPECT_EQ(s.files[0].name, "snapshot-2026-03-31.json");
  for (const json& e : s.snapshot["events"]) {
    EXPECT_GE(e["start"].get<std::string>(), "2025-01-01");
    EXPECT_LE(e["end"].get<std::string>(), "2026-03-31");
  }
  EXPECT_EQ(s.snapshot["series"][0]["values"].size(),
            static_cast<size_t>(options.last - options.first + 1));
}

}  // namespace
}  // namespace divboard
