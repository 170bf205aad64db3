#include "core/generate.h"
#include "core/sha256.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

namespace divboard {
namespace {

using Json = nlohmann::ordered_json;

// [SECTION] Random numbers
// std::*_distribution differ between standard libraries, which would make the "same seed,
// same bytes" promise hold only per toolchain; these are fully specified.

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

constexpr double kPi = 3.14159265358979323846;

// xoshiro256** seeded through splitmix64. Each part of the data draws from its own stream,
// so changing how one metric is generated leaves every other metric's numbers unchanged.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (uint64_t& s : state_) s = SplitMix64(&x);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }

  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  int Below(int count) {
    const int i = static_cast<int>(Uniform() * static_cast<double>(count));
    return std::min(i, count - 1);
  }

  // Box-Muller; 1 - Uniform() is in (0, 1], so the logarithm stays finite.
  double Normal() {
    const double u1 = 1.0 - Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
  }

  // A multiplicative wobble around 1. Clipped at three sigma so that no single unlucky draw
  // looks like a real event on a chart (and so calibrated limits hold for every seed).
  double Noise(double sigma) { return 1.0 + std::clamp(Normal(), -3.0, 3.0) * sigma; }

  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4] = {};
};

enum Stream : uint64_t {
  kStreamCommunity = 1,
  kStreamTrading = 2,
  kStreamLivestream = 3,
  kStreamHosts = 4,
  kStreamHostNames = 5,
  kStreamHostMonths = 6,
};

// [SECTION] Vocabulary

struct Named {
  const char* id;
  const char* en;
  const char* zh;
};

enum Category { kFashion, kBeauty, kFood, kTravel, kHome, kFitness, kParenting, kDigital };
constexpr int kCategoryCount = 8;
constexpr Named kCategories[kCategoryCount] = {
    {"fashion", "Fashion", "时尚"},   {"beauty", "Beauty", "美妆"},
    {"food", "Food", "美食"},         {"travel", "Travel", "旅行"},
    {"home", "Home", "家居"},         {"fitness", "Fitness", "运动"},
    {"parenting", "Parenting", "母婴"}, {"digital", "Digital", "数码"},
};

enum Channel { kLivestream, kNotes, kStore };
constexpr int kChannelCount = 3;
constexpr Named kChannels[kChannelCount] = {
    {"livestream", "Livestream", "直播"}, {"notes", "Notes", "笔记"}, {"store", "Store", "店铺"}};

constexpr int kRegionCount = 5;
constexpr Named kRegions[kRegionCount] = {
    {"east", "East", "华东"},       {"south", "South", "华南"}, {"north", "North", "华北"},
    {"central", "Central", "华中"}, {"west", "West", "西部"},
};

enum MetricId {
  kDau,
  kMau,
  kNotesPublished,
  kEngagements,
  kAdRevenue,
  kDpu,
  kGmv,
  kOrders,
  kCommerceRevenue,
  kBrandMerchants,
  kLivestreamSessions,
  kLivestreamViewers,
  kLivestreamWatchHours,
  kMetricCount
};

struct MetricSpec {
  const char* id;
  const char* division;
  const char* unit;
  const char* rollup;
  bool additive;
  const char* en;
  const char* zh;
};

constexpr MetricSpec kMetrics[kMetricCount] = {
    {"dau", "community", "users", "mean", true, "Daily active users", "日活跃用户"},
    {"mau", "community", "users", "last", false, "Monthly active users", "月活跃用户"},
    {"notes_published", "community", "count", "sum", true, "Notes published", "笔记发布量"},
    {"engagements", "community", "count", "sum", true, "Engagements", "互动量"},
    {"ad_revenue", "community", "currency", "sum", true, "Advertising revenue", "广告收入"},
    // Not additive: one person can buy through several channels on the same day.
    {"dpu", "trading", "users", "mean", false, "Daily purchasing users", "日购买用户"},
    {"gmv", "trading", "currency", "sum", true, "GMV", "成交额"},
    {"orders", "trading", "count", "sum", true, "Orders", "订单量"},
    {"commerce_revenue", "trading", "currency", "sum", true, "Commerce revenue", "交易收入"},
    {"brand_merchants", "trading", "count", "last", false, "Active brand merchants",
     "活跃品牌商家"},
    {"livestream_sessions", "trading", "count", "sum", true, "Livestream sessions", "直播场次"},
    {"livestream_viewers", "trading", "count", "sum", true, "Livestream viewers",
     "直播观看人次"},
    {"livestream_watch_hours", "trading", "hours", "sum", true, "Livestream watch hours",
     "直播观看时长"},
};

// [SECTION] Calibration
// Magnitudes follow "Calibrating the sample data" in the product brief; none is a reported
// figure.

constexpr double kDauStart = 78e6;
constexpr double kDauMilestone = 1e8;
constexpr double kWeekendDau = 1.03;
constexpr double kWeekdayDau = 0.99;
constexpr double kDauNoise = 0.005;
constexpr double kDauNoiseCeiling = 1.0 + 3.0 * kDauNoise;

constexpr double kRegionShare[kRegionCount] = {0.30, 0.25, 0.19, 0.15, 0.11};
// Inland regions grow faster, so the mix shifts a little over the span.
constexpr double kRegionDrift[kRegionCount] = {-0.012, -0.008, 0.0, 0.009, 0.011};

constexpr double kNotesByCategory[kCategoryCount] = {0.20, 0.16, 0.18, 0.12,
                                                     0.10, 0.08, 0.08, 0.08};
constexpr double kEngagementsByCategory[kCategoryCount] = {0.22, 0.19, 0.17, 0.11,
                                                           0.09, 0.08, 0.07, 0.07};
constexpr double kAdsByCategory[kCategoryCount] = {0.22, 0.26, 0.14, 0.09,
                                                   0.10, 0.06, 0.07, 0.06};

// Order mix per channel; livestream leans on fashion and beauty.
constexpr double kOrdersByCategory[kChannelCount][kCategoryCount] = {
    {0.34, 0.24, 0.12, 0.02, 0.10, 0.06, 0.07, 0.05},
    {0.24, 0.20, 0.16, 0.07, 0.13, 0.08, 0.08, 0.04},
    {0.20, 0.18, 0.20, 0.03, 0.14, 0.07, 0.10, 0.08},
};
constexpr double kCategoryAov[kCategoryCount] = {300, 180, 80, 950, 340, 230, 160, 1150};
constexpr double kChannelAov[kChannelCount] = {1.05, 1.0, 0.92};
// Designer garments picked by taste-led hosts sell for far more than a typical fashion order.
constexpr double kLivestreamFashionAov = 2.3;
// Orders per buyer within one channel, relative to orders per buyer overall: below 1
// because the overall figure pools the orders of people who bought through several channels.
constexpr double kChannelOrdersPerBuyer[kChannelCount] = {0.86, 0.90, 0.88};
constexpr double kOrdersPerBuyer = 1.20;

constexpr double kLivestreamSessionsByCategory[kCategoryCount] = {0.30, 0.22, 0.14, 0.03,
                                                                  0.10, 0.08, 0.07, 0.06};
constexpr double kViewersPerSession[kCategoryCount] = {900, 1000, 700, 500, 600, 550, 650, 800};
constexpr double kWatchMinutes[kCategoryCount] = {16, 14, 11, 13, 12, 18, 12, 15};

constexpr double kHostsByCategory[kCategoryCount] = {0.28, 0.22, 0.12, 0.04,
                                                     0.10, 0.07, 0.09, 0.08};
constexpr double kHostGmvByCategory[kCategoryCount] = {0.2, 0.1, -0.3, -0.2, 0.0, -0.1, 0.0, 0.3};
constexpr int kHostCount = 1200;
constexpr int kTasteHostCount = 8;

struct Anchor {
  CivilDate date;
  double value;
};

// The trading story: slow before livestreaming splits off (2025-03-03), faster after, and
// fastest once the trading division forms (2025-08-04).
constexpr Anchor kConversionPath[] = {{{2024, 1, 1}, 0.0175},
                                  {{2025, 3, 3}, 0.0190},
                                  {{2025, 8, 4}, 0.0215},
                                  {{2026, 11, 27}, 0.0290}};
constexpr Anchor kLivestreamSharePath[] = {{{2024, 1, 1}, 0.18},
                                       {{2025, 3, 3}, 0.22},
                                       {{2025, 8, 4}, 0.30},
                                       {{2026, 11, 27}, 0.38}};
constexpr Anchor kSessionsPath[] = {{{2024, 1, 1}, 38000},
                                          {{2025, 3, 3}, 46000},
                                          {{2025, 8, 4}, 70000},
                                          {{2026, 11, 27}, 115000}};
// More than doubling year over year in March-May 2026 (product brief).
constexpr Anchor kMerchantsPath[] = {{{2024, 1, 1}, 18000},
                                 {{2025, 3, 1}, 26000},
                                 {{2026, 3, 1}, 62000},
                                 {{2026, 11, 27}, 95000}};

// Spring Festival (lunar new year) dates; years outside the table simply get no dip.
constexpr CivilDate kSpringFestivals[] = {
    {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29},
    {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 3},
};

constexpr CivilDate kOutage[] = {{2025, 9, 16}, {2025, 9, 17}};

// [SECTION] Calendar shapes

// Log-linear between dated anchors, so growth is a steady rate within each phase. Past the
// ends it keeps the nearest phase's rate: custom ranges still trend instead of going flat.
template <size_t N>
double LogAnchored(Day day, const Anchor (&anchors)[N]) {
  static_assert(N >= 2, "two anchors make a rate");
  size_t segment = 0;
  while (segment + 2 < N && day > DayFromCivil(anchors[segment + 1].date)) ++segment;
  const Day d0 = DayFromCivil(anchors[segment].date);
  const Day d1 = DayFromCivil(anchors[segment + 1].date);
  const double v0 = std::log(anchors[segment].value);
  const double v1 = std::log(anchors[segment + 1].value);
  const double t = static_cast<double>(day - d0) / static_cast<double>(d1 - d0);
  return std::exp(v0 + (v1 - v0) * t);
}

bool IsWeekend(Day day) { return Weekday(day) >= 5; }

struct Festival {
  Day open;  // ramp start (pre-sales open)
  Day peak;  // the festival day itself
  double peak_lift;
};

Festival Festival618(int year) {
  return {DayFromCivil({year, 6, 1}), DayFromCivil({year, 6, 18}), 2.6};
}
Festival FestivalDouble11(int year) {
  return {DayFromCivil({year, 10, 20}), DayFromCivil({year, 11, 11}), 3.4};
}

// Shopping demand relative to an ordinary day: pre-sales open with a burst, build towards
// the festival day, which peaks; then two slack days while buyers wait for deliveries.
double FestivalLift(Day day) {
  const int year = CivilFromDay(day).year;
  for (const Festival& f : {Festival618(year), FestivalDouble11(year)}) {
    if (day >= f.open && day <= f.peak) {
      const double t = static_cast<double>(day - f.open) / static_cast<double>(f.peak - f.open);
      double shape = day == f.peak ? 1.0 : 0.2 + 0.28 * t * t;
      if (day == f.open) shape += 0.18;
      return 1.0 + (f.peak_lift - 1.0) * shape;
    }
    if (day > f.peak && day <= f.peak + 2) return 0.9;
  }
  return 1.0;
}

// 0 on ordinary days, 1 at the bottom of the Spring Festival lull. Couriers stop a few days
// before the new year and come back about a week after, so the dip fades in and out.
double SpringFestivalDepth(Day day) {
  for (const CivilDate& date : kSpringFestivals) {
    const int offset = day - DayFromCivil(date);
    if (offset >= -7 && offset <= -2) return static_cast<double>(offset + 8) / 7.0;
    if (offset >= -1 && offset <= 4) return 1.0;
    if (offset >= 5 && offset <= 10) return static_cast<double>(11 - offset) / 7.0;
  }
  return 0.0;
}

bool IsOutage(Day day) {
  for (const CivilDate& date : kOutage) {
    if (DayFromCivil(date) == day) return true;
  }
  return false;
}

// [SECTION] Columns

constexpr int64_t kMissing = -1;  // every real value is >= 0

struct Column {
  int metric = 0;
  std::vector<std::pair<const char*, const char*>> dims;  // dimension id -> member id
  std::vector<int64_t> values;
};

class Columns {
 public:
  explicit Columns(int days) : days_(days) {}

  int Add(int metric, std::vector<std::pair<const char*, const char*>> dims = {}) {
    Column column;
    column.metric = metric;
    column.dims = std::move(dims);
    column.values.assign(static_cast<size_t>(days_), kMissing);
    columns_.push_back(std::move(column));
    return static_cast<int>(columns_.size()) - 1;
  }
  // Total plus one column per category, returned as the total's index (parts follow it).
  int AddByCategory(int metric) {
    const int total = Add(metric);
    for (const Named& c : kCategories) Add(metric, {{"category", c.id}});
    return total;
  }

  int64_t& At(int column, int day) {
    return columns_[static_cast<size_t>(column)].values[static_cast<size_t>(day)];
  }
  // The first `days` days of every column: what an earlier snapshot held.
  Columns Truncated(int days) const {
    Columns out(days);
    out.columns_ = columns_;
    for (Column& c : out.columns_) c.values.resize(static_cast<size_t>(days));
    return out;
  }
  const std::vector<Column>& all() const { return columns_; }

 private:
  int days_;
  std::vector<Column> columns_;
};

// Splits a day's total into integer parts from gently perturbed shares. Callers store the
// sum of the parts as the total, so additive breakdowns add up exactly on every day.
template <size_t N>
int64_t Split(double total, const double (&weights)[N], double sigma, Rng& rng,
              std::array<int64_t, N>* parts) {
  std::array<double, N> shares{};
  double sum = 0;
  for (size_t i = 0; i < N; ++i) {
    shares[i] = weights[i] * rng.Noise(sigma);
    sum += shares[i];
  }
  int64_t out = 0;
  for (size_t i = 0; i < N; ++i) {
    (*parts)[i] = static_cast<int64_t>(std::llround(total * shares[i] / sum));
    out += (*parts)[i];
  }
  return out;
}

int64_t Round(double value) { return static_cast<int64_t>(std::llround(value)); }

// [SECTION] Series

struct Layout {
  int dau, mau, notes, engagements, ads, dpu, gmv, orders, commerce, merchants;
  int sessions, viewers, watch_hours;
};

Layout AddColumns(Columns* columns) {
  Layout l{};
  l.dau = columns->Add(kDau);
  for (const Named& r : kRegions) columns->Add(kDau, {{"region", r.id}});
  l.mau = columns->Add(kMau);
  l.notes = columns->AddByCategory(kNotesPublished);
  l.engagements = columns->AddByCategory(kEngagements);
  l.ads = columns->AddByCategory(kAdRevenue);
  l.dpu = columns->Add(kDpu);
  for (const Named& c : kChannels) columns->Add(kDpu, {{"channel", c.id}});
  l.gmv = columns->Add(kGmv);
  for (const Named& c : kChannels) {
    for (const Named& k : kCategories) columns->Add(kGmv, {{"channel", c.id}, {"category", k.id}});
  }
  l.orders = columns->Add(kOrders);
  for (const Named& c : kChannels) {
    for (const Named& k : kCategories) {
      columns->Add(kOrders, {{"channel", c.id}, {"category", k.id}});
    }
  }
  l.commerce = columns->Add(kCommerceRevenue);
  l.merchants = columns->Add(kBrandMerchants);
  l.sessions = columns->AddByCategory(kLivestreamSessions);
  l.viewers = columns->AddByCategory(kLivestreamViewers);
  l.watch_hours = columns->AddByCategory(kLivestreamWatchHours);
  return l;
}

struct Span {
  Day first;
  int days;
  double Progress(int i) const { return static_cast<double>(i) / static_cast<double>(days - 1); }
};

// DAU grows at one steady rate, chosen so that the highest a day can reach (trend x weekend
// x noise ceiling) touches 100M on 25 January of the final year: no day crosses before the
// final year, and ordinary weekends catch up within weeks, well inside its first half.
double DauGrowthRate(Day first, Day last) {
  Day aim = DayFromCivil({CivilFromDay(last).year, 1, 25});
  if (aim < first + 300 || aim > last - 120) aim = first + (last - first) * 7 / 10;
  const double ceiling = kDauStart * kWeekendDau * kDauNoiseCeiling;
  return std::log(kDauMilestone / ceiling) / static_cast<double>(aim - first);
}

// Fills community metrics and returns each day's DAU before rounding, which the trading
// side converts into purchasing users.
std::vector<double> GenerateCommunity(const Span& span, Day last, const Layout& l, Rng& rng,
                                      Columns* columns) {
  const double growth = DauGrowthRate(span.first, last);
  std::vector<double> dau_level(static_cast<size_t>(span.days));
  std::array<int64_t, kRegionCount> regions{};
  std::array<int64_t, kCategoryCount> parts{};
  double trailing_sum = 0;  // DAU over the last 30 days, for MAU
  for (int i = 0; i < span.days; ++i) {
    const Day day = span.first + i;
    const double progress = span.Progress(i);
    const bool weekend = IsWeekend(day);
    const double depth = SpringFestivalDepth(day);

    const double level = kDauStart * std::exp(growth * static_cast<double>(i)) *
                         (weekend ? kWeekendDau : kWeekdayDau) * rng.Noise(kDauNoise);
    dau_level[static_cast<size_t>(i)] = level;
    double region_weights[kRegionCount];
    for (int r = 0; r < kRegionCount; ++r) {
      region_weights[r] = kRegionShare[r] + kRegionDrift[r] * progress;
    }
    const int64_t dau = Split(level, region_weights, 0.003, rng, &regions);
    columns->At(l.dau, i) = dau;
    for (int r = 0; r < kRegionCount; ++r) columns->At(l.dau + 1 + r, i) = regions[r];

    // MAU is distinct users over 30 days: a multiple of the recent average, the multiple
    // easing as users come back more often.
    trailing_sum += static_cast<double>(dau);
    if (i >= 30) trailing_sum -= static_cast<double>(columns->At(l.dau, i - 30));
    const double trailing_mean = trailing_sum / static_cast<double>(std::min(i + 1, 30));
    columns->At(l.mau, i) = Round(trailing_mean * (2.85 - 0.17 * progress) * rng.Noise(0.002));

    const double dau_d = static_cast<double>(dau);
    const double notes = dau_d * (0.030 + 0.006 * progress) * (weekend ? 1.06 : 1.0) *
                         (1.0 - 0.12 * depth) * rng.Noise(0.012);
    columns->At(l.notes, i) = Split(notes, kNotesByCategory, 0.02, rng, &parts);
    for (int k = 0; k < kCategoryCount; ++k) columns->At(l.notes + 1 + k, i) = parts[k];

    // People home for the holiday scroll more, even while they shop less.
    const double engagements = dau_d * (8.5 + 1.5 * progress) * (weekend ? 1.05 : 1.0) *
                               (1.0 + 0.05 * depth) * rng.Noise(0.015);
    const int64_t engagement_total = Split(engagements, kEngagementsByCategory, 0.02, rng, &parts);
    if (!IsOutage(day)) {
      columns->At(l.engagements, i) = engagement_total;
      for (int k = 0; k < kCategoryCount; ++k) columns->At(l.engagements + 1 + k, i) = parts[k];
    }

    // Brands buy more exposure around shopping festivals and less over the holiday.
    const double ads = dau_d * (1.0 + 0.3 * progress) * std::pow(FestivalLift(day), 0.25) *
                       (1.0 - 0.15 * depth) * rng.Noise(0.015);
    columns->At(l.ads, i) = Split(ads, kAdsByCategory, 0.02, rng, &parts);
    for (int k = 0; k < kCategoryCount; ++k) columns->At(l.ads + 1 + k, i) = parts[k];
  }
  return dau_level;
}

void GenerateTrading(const Span& span, const std::vector<double>& dau_level, const Layout& l,
                     Rng& rng, Columns* columns) {
  double order_weights[kChannelCount * kCategoryCount];
  std::array<int64_t, kChannelCount * kCategoryCount> orders{};
  for (int i = 0; i < span.days; ++i) {
    const Day day = span.first + i;
    const double years = static_cast<double>(i) / 365.25;
    const double lift = FestivalLift(day);
    const double demand = lift * (1.0 - 0.5 * SpringFestivalDepth(day));
    // Festivals mostly make existing buyers buy more, not bring many more buyers: that keeps
    // purchasing users a low single-digit share of DAU even on Double 11.
    const double conversion = std::clamp(LogAnchored(day, kConversionPath), 0.012, 0.032);
    const double buyers = dau_level[static_cast<size_t>(i)] * conversion *
                          std::pow(demand, 0.35) * (IsWeekend(day) ? 1.02 : 0.99) *
                          rng.Noise(0.008);
    const double orders_per_buyer = kOrdersPerBuyer * std::pow(demand, 0.65);

    const double livestream = std::clamp(LogAnchored(day, kLivestreamSharePath), 0.10, 0.45);
    const double channel_share[kChannelCount] = {livestream, (1.0 - livestream) * 0.52,
                                                 (1.0 - livestream) * 0.48};
    for (int c = 0; c < kChannelCount; ++c) {
      for (int k = 0; k < kCategoryCount; ++k) {
        order_weights[c * kCategoryCount + k] = channel_share[c] * kOrdersByCategory[c][k];
      }
    }
    const int64_t order_total =
        Split(buyers * orders_per_buyer * rng.Noise(0.008), order_weights, 0.03, rng, &orders);

    int64_t gmv_total = 0;
    for (int c = 0; c < kChannelCount; ++c) {
      int64_t channel_orders = 0;
      for (int k = 0; k < kCategoryCount; ++k) {
        const int cell = c * kCategoryCount + k;
        double aov = kCategoryAov[k] * kChannelAov[c] * (1.0 + 0.03 * years) *
                     std::pow(lift, 0.08) * rng.Noise(0.02);
        if (c == kLivestream && k == kFashion) aov *= kLivestreamFashionAov;
        const int64_t gmv = Round(static_cast<double>(orders[cell]) * aov);
        columns->At(l.gmv + 1 + cell, i) = gmv;
        columns->At(l.orders + 1 + cell, i) = orders[cell];
        gmv_total += gmv;
        channel_orders += orders[cell];
      }
      columns->At(l.dpu + 1 + c, i) = Round(static_cast<double>(channel_orders) /
                                            (orders_per_buyer * kChannelOrdersPerBuyer[c]));
    }
    columns->At(l.gmv, i) = gmv_total;
    columns->At(l.orders, i) = order_total;
    columns->At(l.dpu, i) = Round(static_cast<double>(order_total) / orders_per_buyer);
    // Commerce is the diversification bet: the take rate creeps up.
    columns->At(l.commerce, i) =
        Round(static_cast<double>(gmv_total) * (0.025 + 0.008 * span.Progress(i)));
    columns->At(l.merchants, i) = Round(LogAnchored(day, kMerchantsPath) * rng.Noise(0.004));
  }
}

void GenerateLivestream(const Span& span, const Layout& l, Rng& rng, Columns* columns) {
  std::array<int64_t, kCategoryCount> sessions{};
  for (int i = 0; i < span.days; ++i) {
    const Day day = span.first + i;
    const double lift = FestivalLift(day);
    const double level = LogAnchored(day, kSessionsPath) * std::pow(lift, 0.4) *
                         (1.0 - 0.3 * SpringFestivalDepth(day)) *
                         (IsWeekend(day) ? 1.08 : 0.98) * rng.Noise(0.015);
    columns->At(l.sessions, i) = Split(level, kLivestreamSessionsByCategory, 0.03, rng, &sessions);
    int64_t viewer_total = 0;
    int64_t hour_total = 0;
    for (int k = 0; k < kCategoryCount; ++k) {
      const int64_t viewers =
          Round(static_cast<double>(sessions[k]) * kViewersPerSession[k] *
                (1.0 + 0.2 * span.Progress(i)) * std::pow(lift, 0.3) * rng.Noise(0.03));
      const int64_t hours =
          Round(static_cast<double>(viewers) * kWatchMinutes[k] / 60.0 * rng.Noise(0.02));
      columns->At(l.sessions + 1 + k, i) = sessions[k];
      columns->At(l.viewers + 1 + k, i) = viewers;
      columns->At(l.watch_hours + 1 + k, i) = hours;
      viewer_total += viewers;
      hour_total += hours;
    }
    columns->At(l.viewers, i) = viewer_total;
    columns->At(l.watch_hours, i) = hour_total;
  }
}

// [SECTION] Hosts

struct Syllable {
  const char* zh;
  const char* latin;
};

constexpr Syllable kSurnames[] = {
    {"李", "Li"},    {"王", "Wang"}, {"张", "Zhang"}, {"刘", "Liu"},   {"陈", "Chen"},
    {"杨", "Yang"},  {"赵", "Zhao"}, {"黄", "Huang"}, {"周", "Zhou"},  {"吴", "Wu"},
    {"林", "Lin"},   {"许", "Xu"},   {"何", "He"},    {"郭", "Guo"},   {"马", "Ma"},
    {"罗", "Luo"},   {"梁", "Liang"}, {"宋", "Song"}, {"郑", "Zheng"}, {"谢", "Xie"},
    {"韩", "Han"},   {"唐", "Tang"}, {"冯", "Feng"},  {"叶", "Ye"},    {"程", "Cheng"},
    {"苏", "Su"},    {"沈", "Shen"}, {"顾", "Gu"},
};

constexpr Syllable kGiven[] = {
    {"知", "zhi"}, {"夏", "xia"},  {"雨", "yu"},   {"晴", "qing"}, {"安", "an"},    {"然", "ran"},
    {"思", "si"},  {"远", "yuan"}, {"一", "yi"},   {"诺", "nuo"},  {"子", "zi"},    {"墨", "mo"},
    {"清", "qing"}, {"欢", "huan"}, {"嘉", "jia"}, {"宁", "ning"}, {"若", "ruo"},   {"溪", "xi"},
    {"云", "yun"}, {"舒", "shu"},  {"悦", "yue"},  {"言", "yan"},  {"星", "xing"},  {"辰", "chen"},
    {"露", "lu"},   {"桃", "tao"},  {"可", "ke"},   {"乐", "le"},   {"语", "yu"},    {"晨", "chen"},
    {"芷", "zhi"}, {"涵", "han"},
};

struct HostRow {
  std::string name;
  std::string name_latin;
  int category = 0;
  int64_t fans = 0;
  int64_t sessions = 0;
  int64_t viewers = 0;
  int64_t gmv = 0;
  int64_t orders = 0;
  int64_t purchasing_users = 0;
  bool taste = false;
  // Per-month activity from `first_month` (a 1st); each column sums to the total above.
  Day first_month = 0;
  std::vector<int64_t> month_sessions, month_viewers, month_gmv, month_orders, month_buyers;
};

template <size_t N>
int PickWeighted(const double (&weights)[N], Rng& rng) {
  double sum = 0;
  for (double w : weights) sum += w;
  double x = rng.Uniform() * sum;
  for (size_t i = 0; i < N; ++i) {
    x -= weights[i];
    if (x < 0) return static_cast<int>(i);
  }
  return static_cast<int>(N) - 1;
}

// Fans are long-tailed: a lognormal truncated to 1K..20M by redrawing, so the ends of the
// range are reached without piling hosts up on a clamp value.
int64_t DrawFans(Rng& rng) {
  double fans = 0;
  for (int attempt = 0; attempt < 64; ++attempt) {
    fans = rng.LogNormal(33000, 2.0);
    if (fans >= 1000 && fans <= 20e6) break;
  }
  return Round(std::clamp(fans, 1000.0, 20e6));
}

// Fills orders, purchasing users and viewers from GMV, AOV and a viewer-to-buyer rate.
void CompleteHost(double gmv, double aov, double conversion, double viewers_per_fan_session,
                  Rng& rng, HostRow* host) {
  host->gmv = Round(gmv);
  host->orders = std::max<int64_t>(1, Round(gmv / aov));
  host->purchasing_users =
      std::clamp<int64_t>(Round(static_cast<double>(host->orders) / rng.Uniform(1.05, 1.35)), 1,
                          host->orders);
  const double reach = static_cast<double>(host->sessions) * static_cast<double>(host->fans) *
                       viewers_per_fan_session;
  host->viewers =
      Round(std::max(reach, static_cast<double>(host->purchasing_users) / conversion));
}

std::vector<HostRow> GenerateHosts(uint64_t seed) {
  Rng rng(seed, kStreamHosts);
  std::vector<HostRow> hosts(kHostCount);
  // Taste hosts sit at scattered ids, not at the top of the list.
  std::vector<bool> taste(kHostCount, false);
  for (int placed = 0; placed < kTasteHostCount;) {
    const int at = rng.Below(kHostCount);
    if (!taste[static_cast<size_t>(at)]) {
      taste[static_cast<size_t>(at)] = true;
      ++placed;
    }
  }

  // Fan count is a weak predictor of sales (product brief): GMV takes only a small slope on
  // log fans and a wide spread of its own.
  std::vector<double> regular_gmv;
  for (int i = 0; i < kHostCount; ++i) {
    if (taste[static_cast<size_t>(i)]) continue;
    HostRow& h = hosts[static_cast<size_t>(i)];
    h.category = PickWeighted(kHostsByCategory, rng);
    h.fans = DrawFans(rng);
    h.sessions = std::clamp<int64_t>(Round(rng.LogNormal(70, 0.7)), 3, 900);
    const double log_fans = std::log(static_cast<double>(h.fans));
    const double gmv = std::exp(std::log(4e6) + 0.25 * (log_fans - std::log(33000.0)) +
                                kHostGmvByCategory[h.category] + 1.1 * rng.Normal());
    double aov = kCategoryAov[h.category] * kChannelAov[kLivestream] * rng.LogNormal(1.0, 0.35);
    if (h.category == kFashion) aov *= kLivestreamFashionAov;
    const double conversion = std::clamp(rng.LogNormal(0.015, 0.5), 0.002, 0.08);
    CompleteHost(gmv, aov, conversion, rng.Uniform(0.02, 0.2), rng, &h);
    regular_gmv.push_back(static_cast<double>(h.gmv));
  }

  // Calm fashion hosts with moderate followings selling designer pieces: each out-sells the
  // tenth-best regular host, so all of them land in the top 20 whatever the seed.
  std::sort(regular_gmv.begin(), regular_gmv.end(), std::greater<double>());
  const double tenth = regular_gmv[9];
  for (int i = 0; i < kHostCount; ++i) {
    if (!taste[static_cast<size_t>(i)]) continue;
    HostRow& h = hosts[static_cast<size_t>(i)];
    h.taste = true;
    h.category = kFashion;
    h.fans = Round(std::exp(rng.Uniform(std::log(50e3), std::log(300e3))));
    h.sessions = Round(rng.Uniform(60, 150));
    // One draw per statement: argument evaluation order differs between compilers, and the
    // native and web builds must agree on every byte.
    const double gmv = tenth * rng.Uniform(1.05, 2.5);
    const double aov = rng.Uniform(2000, 6500);
    const double conversion = rng.Uniform(0.03, 0.06);
    const double reach = rng.Uniform(0.02, 0.08);
    CompleteHost(gmv, aov, conversion, reach, rng, &h);
  }

  // Names from their own stream, unique so that a host picker never shows look-alikes.
  Rng name_rng(seed, kStreamHostNames);
  std::set<std::string> used;
  for (HostRow& h : hosts) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const Syllable& surname = kSurnames[name_rng.Below(static_cast<int>(std::size(kSurnames)))];
      const int given_count = name_rng.Uniform() < 0.7 ? 2 : 1;
      std::string zh = surname.zh;
      std::string latin = std::string(surname.latin) + " ";
      for (int g = 0; g < given_count; ++g) {
        const Syllable& given = kGiven[name_rng.Below(static_cast<int>(std::size(kGiven)))];
        zh += given.zh;
        std::string part = given.latin;
        if (g == 0) {
          part[0] = static_cast<char>(part[0] - 'a' + 'A');
        } else if (part[0] == 'a' || part[0] == 'e' || part[0] == 'o') {
          part.insert(0, "'");  // pinyin's syllable mark: Chen'an, not Chenan
        }
        latin += part;
      }
      h.name = zh;
      h.name_latin = latin;
      if (used.insert(zh).second) break;
    }
  }
  return hosts;
}

// Splits `total` into integers proportional to `weights` (largest remainder, ties to the
// earlier week), so the parts always add up to the total exactly.
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights) {
  std::vector<int64_t> out(weights.size(), 0);
  double sum = 0;
  for (double w : weights) sum += w;
  if (sum <= 0 || weights.empty()) return out;
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    out[i] = static_cast<int64_t>(std::floor(exact));
    given += out[i];
    remainders.emplace_back(exact - static_cast<double>(out[i]), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given) ++out[remainders[k].second];
  return out;
}

// Each host streams for a stretch of months (most are still streaming in the last one) at a
// few sessions a week; GMV, viewers, orders and buyers follow the sessions with a per-month
// spread. Taste hosts keep a steadier, slower rhythm: fewer sessions, each selling a lot.
// Months are whole calendar months inside the data, so a host's months never claim days the
// snapshot does not cover.
void GenerateHostMonths(uint64_t seed, Day first, Day last, std::vector<HostRow>* hosts) {
  Rng rng(seed, kStreamHostMonths);
  CivilDate from = CivilFromDay(first);
  if (from.day != 1) from = from.month == 12 ? CivilDate{from.year + 1, 1, 1} : CivilDate{from.year, from.month + 1, 1};
  const CivilDate to = CivilFromDay(last + 1);  // the month after the last whole month
  const int months = std::max(1, (to.year - from.year) * 12 + (to.month - from.month));
  for (HostRow& h : *hosts) {
    const double per_month = (h.taste ? rng.Uniform(4, 8) : rng.Uniform(6, 20));
    const int length = static_cast<int>(std::clamp<int64_t>(
        static_cast<int64_t>(std::ceil(static_cast<double>(h.sessions) / per_month)), 1, months));
    const bool active = rng.Uniform() < 0.6;
    const int offset = active ? months - length : rng.Below(months - length + 1);
    const int month_index = from.month - 1 + offset;
    h.first_month = DayFromCivil({from.year + month_index / 12, month_index % 12 + 1, 1});
    std::vector<double> session_weight(static_cast<size_t>(length));
    for (double& w : session_weight) w = h.taste ? rng.Uniform(0.8, 1.2) : rng.Uniform(0.3, 1.7);
    h.month_sessions = Apportion(h.sessions, session_weight);
    std::vector<double> gmv_weight, viewer_weight, order_weight;
    for (int64_t sessions : h.month_sessions) {
      const double n = static_cast<double>(sessions);
      const double quality = rng.LogNormal(1.0, h.taste ? 0.2 : 0.45);
      gmv_weight.push_back(n * quality);
      viewer_weight.push_back(n * rng.Noise(0.15));
      order_weight.push_back(n * quality * rng.Noise(0.1));
    }
    h.month_gmv = Apportion(h.gmv, gmv_weight);
    h.month_viewers = Apportion(h.viewers, viewer_weight);
    h.month_orders = Apportion(h.orders, order_weight);
    h.month_buyers = Apportion(h.purchasing_users, order_weight);
  }
}

// [SECTION] Events

struct EventRow {
  Day start;
  Day end;
  const char* kind;
  const char* division;  // nullptr: company-wide
  const char* en;
  const char* zh;
};

std::vector<EventRow> BuildEvents(Day first, Day last, Day dau_milestone) {
  std::vector<EventRow> events = {
      {DayFromCivil({2025, 3, 3}), DayFromCivil({2025, 3, 3}), "milestone", "trading",
       "Livestreaming becomes its own division", "直播成为独立部门"},
      {DayFromCivil({2025, 8, 4}), DayFromCivil({2025, 8, 4}), "milestone", "trading",
       "E-commerce and livestreaming merge into the trading division, led by the COO",
       "电商与直播合并为交易部门，由COO牵头"},
      {DayFromCivil(kOutage[0]), DayFromCivil(kOutage[1]), "incident", "community",
       "Engagement data pipeline outage", "互动数据管道故障"},
  };
  if (dau_milestone >= first) {
    events.push_back({dau_milestone, dau_milestone, "milestone", "community",
                      "DAU passes 100 million", "日活跃用户突破1亿"});
  }
  for (int year = CivilFromDay(first).year; year <= CivilFromDay(last).year; ++year) {
    const Festival f618 = Festival618(year);
    const Festival f11 = FestivalDouble11(year);
    events.push_back({f618.open, f618.peak, "festival", nullptr, "618 shopping festival",
                      "618购物节"});
    events.push_back({f11.open, f11.peak, "festival", nullptr, "Double 11", "双11"});
  }
  for (const CivilDate& date : kSpringFestivals) {
    const Day day = DayFromCivil(date);
    events.push_back({day, day + 6, "holiday", nullptr, "Spring Festival", "春节"});
  }
  // Only events wholly inside the data: a half-shown festival would mislabel the edge.
  events.erase(std::remove_if(events.begin(), events.end(),
                              [&](const EventRow& e) { return e.start < first || e.end > last; }),
               events.end());
  std::stable_sort(events.begin(), events.end(),
                   [](const EventRow& a, const EventRow& b) { return a.start < b.start; });
  return events;
}

// [SECTION] JSON

Json Localized(const char* en, const char* zh) {
  Json text = Json::object();
  text["en"] = en;
  text["zh"] = zh;
  return text;
}

Json Members(const Named* members, int count) {
  Json out = Json::array();
  for (int i = 0; i < count; ++i) {
    Json member = Json::object();
    member["id"] = members[i].id;
    member["name"] = Localized(members[i].en, members[i].zh);
    out.push_back(std::move(member));
  }
  return out;
}

Json MakeDimension(const char* id, const char* en, const char* zh, const Named* members,
                   int count) {
  Json dimension = Json::object();
  dimension["id"] = id;
  dimension["name"] = Localized(en, zh);
  dimension["members"] = Members(members, count);
  return dimension;
}

std::string HostId(int index) {
  std::string digits = std::to_string(index + 1);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return "h" + digits;
}

std::string BuildSnapshot(const Span& span, const std::string& generated_at,
                          const Columns& columns, const std::vector<EventRow>& events,
                          const std::vector<HostRow>& hosts) {
  Json doc = Json::object();
  doc["schema"] = "divboard.snapshot";
  doc["version"] = 1;
  doc["generated_at"] = generated_at;
  doc["timezone"] = "Asia/Shanghai";
  doc["currency"] = "CNY";

  Json divisions = Json::array();
  for (const Named& d : {Named{"community", "Community", "社区"},
                         Named{"trading", "Trading", "交易"}}) {
    Json division = Json::object();
    division["id"] = d.id;
    division["name"] = Localized(d.en, d.zh);
    divisions.push_back(std::move(division));
  }
  doc["divisions"] = std::move(divisions);

  Json dimensions = Json::array();
  dimensions.push_back(MakeDimension("category", "Category", "品类", kCategories, kCategoryCount));
  dimensions.push_back(MakeDimension("channel", "Channel", "渠道", kChannels, kChannelCount));
  dimensions.push_back(MakeDimension("region", "Region", "地区", kRegions, kRegionCount));
  doc["dimensions"] = std::move(dimensions);

  Json metrics = Json::array();
  for (const MetricSpec& m : kMetrics) {
    Json metric = Json::object();
    metric["id"] = m.id;
    metric["division"] = m.division;
    metric["unit"] = m.unit;
    metric["rollup"] = m.rollup;
    metric["additive"] = m.additive;
    metric["name"] = Localized(m.en, m.zh);
    metrics.push_back(std::move(metric));
  }
  doc["metrics"] = std::move(metrics);

  const std::string start = FormatDate(span.first);
  Json series = Json::array();
  for (const Column& column : columns.all()) {
    Json entry = Json::object();
    entry["metric"] = kMetrics[column.metric].id;
    Json dims = Json::object();
    for (const auto& [dimension, member] : column.dims) dims[dimension] = member;
    entry["dims"] = std::move(dims);
    entry["start"] = start;
    Json::array_t values;
    values.reserve(column.values.size());
    for (int64_t v : column.values) {
      if (v == kMissing) {
        values.emplace_back(nullptr);
      } else {
        values.emplace_back(v);
      }
    }
    entry["values"] = std::move(values);
    series.push_back(std::move(entry));
  }
  doc["series"] = std::move(series);

  Json event_list = Json::array();
  for (const EventRow& e : events) {
    Json event = Json::object();
    event["start"] = FormatDate(e.start);
    event["end"] = FormatDate(e.end);
    event["kind"] = e.kind;
    if (e.division != nullptr) event["division"] = e.division;
    event["label"] = Localized(e.en, e.zh);
    event_list.push_back(std::move(event));
  }
  doc["events"] = std::move(event_list);

  Json host_list = Json::array();
  for (size_t i = 0; i < hosts.size(); ++i) {
    const HostRow& h = hosts[i];
    Json host = Json::object();
    host["id"] = HostId(static_cast<int>(i));
    host["name"] = h.name;
    host["name_latin"] = h.name_latin;
    host["category"] = kCategories[h.category].id;
    host["fans"] = h.fans;
    host["sessions"] = h.sessions;
    host["viewers"] = h.viewers;
    host["gmv"] = h.gmv;
    host["orders"] = h.orders;
    host["purchasing_users"] = h.purchasing_users;
    if (!h.month_sessions.empty()) {
      Json monthly = Json::object();
      monthly["start"] = FormatDate(h.first_month);
      monthly["sessions"] = h.month_sessions;
      monthly["viewers"] = h.month_viewers;
      monthly["gmv"] = h.month_gmv;
      monthly["orders"] = h.month_orders;
      monthly["purchasing_users"] = h.month_buyers;
      host["monthly"] = std::move(monthly);
    }
    host_list.push_back(std::move(host));
  }
  doc["hosts"] = std::move(host_list);
  return doc.dump();
}

}  // namespace

std::vector<GeneratedFile> GenerateSample(const GenerateOptions& options) {
  const Day first = options.first;
  const Day last = options.last;
  if (last < first + 400 || last - first + 1 > 36600) return {};
  if (CivilFromDay(first).year < 1900 || CivilFromDay(last + 1).year > 9999) return {};
  if (options.history < 1 || options.history > 2) return {};

  const Span span{first, last - first + 1};
  Columns columns(span.days);
  const Layout layout = AddColumns(&columns);

  Rng community_rng(options.seed, kStreamCommunity);
  const std::vector<double> dau_level =
      GenerateCommunity(span, last, layout, community_rng, &columns);
  Rng trading_rng(options.seed, kStreamTrading);
  GenerateTrading(span, dau_level, layout, trading_rng, &columns);
  Rng livestream_rng(options.seed, kStreamLivestream);
  GenerateLivestream(span, layout, livestream_rng, &columns);

  Day dau_milestone = first - 1;  // none yet
  for (int i = 0; i < span.days; ++i) {
    if (columns.At(layout.dau, i) >= static_cast<int64_t>(kDauMilestone)) {
      dau_milestone = first + i;
      break;
    }
  }

  const std::vector<EventRow> events = BuildEvents(first, last, dau_milestone);
  std::vector<HostRow> hosts = GenerateHosts(options.seed);
  GenerateHostMonths(options.seed, first, last, &hosts);
  std::vector<GeneratedFile> files;
  Json manifest = Json::object();
  manifest["schema"] = "divboard.manifest";
  manifest["version"] = 1;
  manifest["snapshots"] = Json::array();
  auto add = [&](Day to, std::string snapshot) {
    const std::string path = "snapshot-" + FormatDate(to) + ".json";
    Json entry = Json::object();
    entry["path"] = path;
    entry["generated_at"] = FormatDate(to + 1) + "T06:00:00+08:00";
    entry["first"] = FormatDate(first);
    entry["last"] = FormatDate(to);
    entry["bytes"] = static_cast<uint64_t>(snapshot.size());
    entry["sha256"] = Sha256Hex(snapshot);
    manifest["snapshots"].push_back(std::move(entry));
    files.push_back({path, std::move(snapshot)});
  };
  add(last, BuildSnapshot(span, FormatDate(last + 1) + "T06:00:00+08:00", columns, events, hosts));
  if (options.history == 2) {
    // Yesterday's snapshot: one day less, and the figures the pipeline later corrected.
    // Totals move with their parts so every breakdown still adds up.
    Columns earlier = columns.Truncated(span.days - 1);
    const int end = span.days - 2;  // yesterday's last day
    struct Restatement { int part; int total; int days_back; int permille; };
    const Restatement restated[] = {{layout.gmv + 1, layout.gmv, 2, -31}, {layout.gmv + 1, layout.gmv, 5, -48},
                                    {layout.gmv + 2, layout.gmv, 9, 22},  {layout.dpu + 1, layout.dpu, 3, -17},
                                    {layout.orders + 1, layout.orders, 2, -25}};
    for (const Restatement& r : restated) {
      int64_t& part = earlier.At(r.part, end - r.days_back);
      if (part == kMissing) continue;
      const int64_t delta = part * r.permille / 1000;
      part += delta;
      int64_t& total = earlier.At(r.total, end - r.days_back);
      if (total != kMissing) total += delta;
    }
    std::vector<HostRow> earlier_hosts = hosts;
    // A host's sales, restated too; their last month moves with the total it sums to.
    HostRow& restated_host = earlier_hosts.front();
    const int64_t host_delta = restated_host.gmv / 50;
    restated_host.gmv -= host_delta;
    if (!restated_host.month_gmv.empty()) restated_host.month_gmv.back() -= host_delta;
    add(last - 1, BuildSnapshot(Span{first, span.days - 1}, FormatDate(last) + "T06:00:00+08:00", earlier,
                                BuildEvents(first, last - 1, dau_milestone <= last - 1 ? dau_milestone : first - 1),
                                earlier_hosts));
  }
  files.push_back({"manifest.json", manifest.dump(2) + "\n"});
  return files;
}

}  // namespace divboard
