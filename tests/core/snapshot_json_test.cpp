// Loading snapshots and manifests: a valid document fills the model exactly, and every rule
// of docs/snapshot-format.md broken on its own yields one problem at the right pointer.
#include "core/snapshot_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "snapshot_fixture.h"

namespace divboard {
namespace {

using fixture::DescribeSnapshot;
using fixture::ValidSnapshotDocument;
using nlohmann::json;

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

std::string Describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += FormatProblem("doc", p) + "\n";
  return out;
}

// A rule test: break one thing in a valid document and say where the problem must be.
struct RuleCase {
  const char* what;
  std::function<void(json&)> mutate;
  std::string pointer;
  std::string message_part;
  bool only = true;  // false when the break rightly cascades into later problems
};

::testing::AssertionResult ReportsProblem(const std::vector<Problem>& problems,
                                          const RuleCase& c) {
  if (problems.empty()) return ::testing::AssertionFailure() << "no problem reported";
  if (c.only && problems.size() != 1) {
    return ::testing::AssertionFailure() << "expected one problem, got:\n" << Describe(problems);
  }
  const Problem& p = problems.front();
  if (p.pointer != c.pointer || p.message.find(c.message_part) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "expected " << c.pointer << " ~ \"" << c.message_part << "\", got:\n"
           << Describe(problems);
  }
  return ::testing::AssertionSuccess();
}

void CheckRules(const json& valid, const std::vector<RuleCase>& cases, bool manifest) {
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(c.what);
    json doc = valid;
    c.mutate(doc);
    std::vector<Problem> problems;
    if (manifest) {
      Manifest out;
      problems = LoadManifest(doc.dump(), &out);
    } else {
      Snapshot out;
      problems = LoadSnapshot(doc.dump(), &out);
    }
    EXPECT_TRUE(ReportsProblem(problems, c));
  }
}

json LocalisedName(const char* en) {
  json out = json::object();
  out["en"] = en;
  return out;
}

json Entity(const std::string& id, const char* en) {
  json out = json::object();
  out["id"] = id;
  out["name"] = LocalisedName(en);
  return out;
}

TEST(SnapshotJsonTest, TheValidDocumentFillsTheModel) {
  Snapshot s;
  const std::vector<Problem> problems = LoadSnapshot(ValidSnapshotDocument().dump(), &s);
  ASSERT_TRUE(problems.empty()) << Describe(problems);

  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.generated_at, "2026-11-28T06:00:00+08:00");
  EXPECT_EQ(s.timezone, "Asia/Shanghai");
  EXPECT_EQ(s.currency, "CNY");

  ASSERT_EQ(s.divisions.size(), 2u);
  EXPECT_EQ(s.divisions[0].id, "community");
  EXPECT_EQ(s.divisions[0].name.en, "Community");
  EXPECT_EQ(s.divisions[0].name.zh, "\xE7\xA4\xBE\xE5\x8C\xBA");
  EXPECT_EQ(s.divisions[1].name.zh, "");  // zh is optional

  ASSERT_EQ(s.dimensions.size(), 2u);
  EXPECT_EQ(s.dimensions[0].id, "channel");
  ASSERT_EQ(s.dimensions[0].members.size(), 2u);
  EXPECT_EQ(s.dimensions[0].members[1].id, "livestream");
  EXPECT_EQ(s.dimensions[1].id, "category");
  ASSERT_EQ(s.dimensions[1].members.size(), 2u);
  EXPECT_EQ(s.dimensions[1].members[0].name.zh, "\xE6\x97\xB6\xE5\xB0\x9A");

  ASSERT_EQ(s.metrics.size(), 6u);
  const Metric& dau = s.metrics[0];
  EXPECT_EQ(dau.id, "dau");
  EXPECT_EQ(dau.division, 0);
  EXPECT_EQ(dau.unit, Unit::kUsers);
  EXPECT_EQ(dau.rollup, Rollup::kMean);
  EXPECT_TRUE(dau.additive);
  EXPECT_EQ(dau.name.en, "Daily active users");
  const Metric& dpu = s.metrics[1];
  EXPECT_EQ(dpu.division, 1);
  EXPECT_EQ(dpu.rollup, Rollup::kMean);
  EXPECT_FALSE(dpu.additive);  // absent means false
  EXPECT_EQ(s.metrics[2].unit, Unit::kCurrency);
  EXPECT_EQ(s.metrics[2].rollup, Rollup::kSum);
  EXPECT_TRUE(s.metrics[2].additive);
  EXPECT_EQ(s.metrics[3].unit, Unit::kCount);
  EXPECT_EQ(s.metrics[4].rollup, Rollup::kLast);
  EXPECT_FALSE(s.metrics[4].additive);
  EXPECT_EQ(s.metrics[5].unit, Unit::kHours);
  EXPECT_EQ(s.FindMetric("watch_time"), 5);

  ASSERT_EQ(s.series.size(), 6u);
  const Series& dau_total = s.series[0];
  EXPECT_EQ(dau_total.metric, 0);
  EXPECT_TRUE(dau_total.dims.empty());
  EXPECT_EQ(dau_total.start, D(2026, 11, 1));
  ASSERT_EQ(dau_total.values.size(), 4u);
  EXPECT_EQ(dau_total.values[0], 100);
  EXPECT_EQ(dau_total.values[1], 101);
  EXPECT_TRUE(std::isnan(dau_total.values[2]));  // null is a gap, not zero
  EXPECT_EQ(dau_total.values[3], 103);
  EXPECT_TRUE(s.series[1].dims.empty());  // "dims" absent is the total too
  EXPECT_EQ(s.series[2].values[0], 500.5);

  // {"category": "beauty", "channel": "livestream"}: channel is dimension 0, so it comes first.
  const Series& beauty_live = s.series[3];
  EXPECT_EQ(beauty_live.metric, 2);
  ASSERT_EQ(beauty_live.dims.size(), 2u);
  EXPECT_EQ(beauty_live.dims[0].dimension, 0);
  EXPECT_EQ(beauty_live.dims[0].member, 1);
  EXPECT_EQ(beauty_live.dims[1].dimension, 1);
  EXPECT_EQ(beauty_live.dims[1].member, 1);
  EXPECT_TRUE(std::isnan(beauty_live.values[1]));
  EXPECT_EQ(s.Total(2), &s.series[2]);

  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[0].start, D(2026, 11, 1));
  EXPECT_EQ(s.events[0].end, D(2026, 11, 11));
  EXPECT_EQ(s.events[0].kind, EventKind::kFestival);
  EXPECT_EQ(s.events[0].division, -1);  // company-wide
  EXPECT_EQ(s.events[0].label.en, "Double 11");
  EXPECT_EQ(s.events[1].start, D(2026, 11, 3));
  EXPECT_EQ(s.events[1].end, D(2026, 11, 3));  // end defaults to start
  EXPECT_EQ(s.events[1].kind, EventKind::kMilestone);
  EXPECT_EQ(s.events[1].division, 1);

  ASSERT_EQ(s.hosts.size(), 2u);
  const Host& h = s.hosts[0];
  EXPECT_EQ(h.id, "h0042");
  EXPECT_EQ(h.name, "\xE6\x9E\x97\xE7\x9F\xA5\xE5\xA4\x8F");
  EXPECT_EQ(h.name_latin, "Lin Zhixia");
  EXPECT_EQ(h.category, 0);
  EXPECT_EQ(h.fans, 182000);
  EXPECT_EQ(h.sessions, 96);
  EXPECT_EQ(h.viewers, 2210000);
  EXPECT_EQ(h.gmv, 41250000.5);
  EXPECT_EQ(h.orders, 11800);
  EXPECT_EQ(h.purchasing_users, 10450);
  EXPECT_EQ(s.hosts[1].category, 1);
  EXPECT_EQ(s.hosts[1].name_latin, "");
}

TEST(SnapshotJsonTest, UnknownFieldsAreIgnored) {
  json doc = ValidSnapshotDocument();
  Snapshot plain;
  ASSERT_TRUE(LoadSnapshot(doc.dump(), &plain).empty());
  doc["pipeline"] = {{"run", 42}, {"tags", {"a", "b"}}};
  doc["metrics"][0]["colour"] = "red";
  doc["series"][0]["note"] = nullptr;
  doc["events"][0]["url"] = "https://example.com";
  doc["hosts"][0]["avatar"] = json::array();
  doc["dimensions"][0]["members"][0]["rank"] = 1;
  Snapshot extended;
  const std::vector<Problem> problems = LoadSnapshot(doc.dump(), &extended);
  ASSERT_TRUE(problems.empty()) << Describe(problems);
  EXPECT_EQ(DescribeSnapshot(extended), DescribeSnapshot(plain));
}

TEST(SnapshotJsonTest, IdsUpTo64CharactersAndEmptyListsAreAccepted) {
  json doc = ValidSnapshotDocument();
  doc["divisions"].push_back(Entity(std::string(64, 'a'), "Long"));
  doc["events"] = json::array();
  doc["hosts"] = json::array();
  Snapshot s;
  const std::vector<Problem> problems = LoadSnapshot(doc.dump(), &s);
  ASSERT_TRUE(problems.empty()) << Describe(problems);
  EXPECT_EQ(s.divisions.back().id, std::string(64, 'a'));
  EXPECT_TRUE(s.events.empty());
  EXPECT_TRUE(s.hosts.empty());
}

TEST(SnapshotJsonTest, ASeriesMayHoldExactly36600Days) {
  json doc = ValidSnapshotDocument();
  doc["series"][0]["start"] = "1950-01-01";
  doc["series"][0]["values"] = json(std::vector<double>(kMaxSeriesDays, 1.0));
  Snapshot s;
  const std::vector<Problem> problems = LoadSnapshot(doc.dump(), &s);
  ASSERT_TRUE(problems.empty()) << Describe(problems);
  EXPECT_EQ(s.series[0].values.size(), kMaxSeriesDays);
  EXPECT_EQ(s.series[0].end(), D(1950, 1, 1) + static_cast<Day>(kMaxSeriesDays) - 1);
}

TEST(SnapshotJsonTest, HeaderRules) {
  const std::vector<RuleCase> cases = {
      {"schema of another kind", [](json& d) { d["schema"] = "divboard.manifest"; },
       "/schema", "expected \"divboard.snapshot\""},
      {"schema missing", [](json& d) { d.erase("schema"); }, "", "missing required field \"schema\""},
      {"schema not a string", [](json& d) { d["schema"] = 1; }, "/schema", "expected a string"},
      {"version 2", [](json& d) { d["version"] = 2; }, "/version", "unsupported version 2"},
      {"version as text", [](json& d) { d["version"] = "1"; }, "/version",
       "expected an integer, found a string"},
      {"version as float", [](json& d) { d["version"] = 1.5; }, "/version", "expected an integer"},
      {"version missing", [](json& d) { d.erase("version"); }, "", "missing required field \"version\""},
      {"generated_at without offset", [](json& d) { d["generated_at"] = "2026-11-28T06:00:00"; },
       "/generated_at", "not an RFC 3339 time"},
      {"generated_at missing", [](json& d) { d.erase("generated_at"); }, "",
       "missing required field \"generated_at\""},
      {"timezone empty", [](json& d) { d["timezone"] = ""; }, "/timezone", "IANA"},
      {"timezone a number", [](json& d) { d["timezone"] = 8; }, "/timezone",
       "expected a string, found a number"},
      {"currency lower case", [](json& d) { d["currency"] = "cny"; }, "/currency", "ISO 4217"},
      {"currency too long", [](json& d) { d["currency"] = "CNYX"; }, "/currency", "ISO 4217"},
      {"currency missing", [](json& d) { d.erase("currency"); }, "", "missing required field \"currency\""},
      {"series not an array", [](json& d) { d["series"] = json::object(); }, "/series",
       "expected an array, found an object"},
      {"events a string", [](json& d) { d["events"] = "none"; }, "/events",
       "expected an array, found a string"},
      {"hosts missing", [](json& d) { d.erase("hosts"); }, "", "missing required field \"hosts\""},
      {"divisions missing", [](json& d) { d.erase("divisions"); }, "",
       "missing required field \"divisions\"", false},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);

  Snapshot out;
  const RuleCase not_object{"root is an array", nullptr, "", "expected an object, found an array"};
  EXPECT_TRUE(ReportsProblem(LoadSnapshot("[]", &out), not_object));
}

TEST(SnapshotJsonTest, DivisionAndDimensionRules) {
  const std::vector<RuleCase> cases = {
      {"division not an object", [](json& d) { d["divisions"].push_back(42); }, "/divisions/2",
       "expected an object, found a number"},
      {"division id with capitals", [](json& d) { d["divisions"].push_back(Entity("Bad Id", "x")); },
       "/divisions/2/id", "is not an id"},
      {"division id of 65 characters",
       [](json& d) { d["divisions"].push_back(Entity(std::string(65, 'a'), "x")); },
       "/divisions/2/id", "is not an id"},
      {"division id empty", [](json& d) { d["divisions"].push_back(Entity("", "x")); },
       "/divisions/2/id", "is not an id"},
      {"division id repeated", [](json& d) { d["divisions"].push_back(Entity("community", "x")); },
       "/divisions/2/id", "duplicate id \"community\""},
      {"division without name",
       [](json& d) { d["divisions"].push_back(json{{"id", "ads"}}); }, "/divisions/2",
       "missing required field \"name\""},
      {"name without en",
       [](json& d) {
         json e = Entity("ads", "x");
         e["name"] = json{{"zh", "x"}};
         d["divisions"].push_back(e);
       },
       "/divisions/2/name", "missing required field \"en\""},
      {"name as a string",
       [](json& d) {
         json e = Entity("ads", "x");
         e["name"] = "Ads";
         d["divisions"].push_back(e);
       },
       "/divisions/2/name", "expected an object, found a string"},
      {"zh not a string", [](json& d) { d["divisions"][1]["name"]["zh"] = 5; },
       "/divisions/1/name/zh", "expected a string, found a number"},
      {"dimension id repeated",
       [](json& d) {
         json dim = Entity("channel", "Again");
         dim["members"] = json::array();
         d["dimensions"].push_back(dim);
       },
       "/dimensions/2/id", "duplicate id \"channel\""},
      {"dimension without members", [](json& d) { d["dimensions"].push_back(Entity("region", "R")); },
       "/dimensions/2", "missing required field \"members\""},
      {"member id repeated",
       [](json& d) { d["dimensions"][0]["members"].push_back(Entity("app", "App again")); },
       "/dimensions/0/members/2/id", "duplicate id \"app\""},
      {"member id empty", [](json& d) { d["dimensions"][1]["members"].push_back(Entity("", "x")); },
       "/dimensions/1/members/2/id", "is not an id"},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);
}

json ExtraMetric() { return fixture::MetricJson("extra", "trading", "count", "sum"); }

TEST(SnapshotJsonTest, MetricRules) {
  const std::vector<RuleCase> cases = {
      {"unknown division",
       [](json& d) {
         json m = ExtraMetric();
         m["division"] = "nowhere";
         d["metrics"].push_back(m);
       },
       "/metrics/6/division", "unknown division \"nowhere\""},
      {"unknown unit",
       [](json& d) {
         json m = ExtraMetric();
         m["unit"] = "percent";
         d["metrics"].push_back(m);
       },
       "/metrics/6/unit", "unknown unit \"percent\""},
      {"unknown rollup",
       [](json& d) {
         json m = ExtraMetric();
         m["rollup"] = "median";
         d["metrics"].push_back(m);
       },
       "/metrics/6/rollup", "unknown rollup \"median\""},
      {"additive as text",
       [](json& d) {
         json m = ExtraMetric();
         m["additive"] = "yes";
         d["metrics"].push_back(m);
       },
       "/metrics/6/additive", "expected a boolean, found a string"},
      {"metric id repeated",
       [](json& d) {
         json m = ExtraMetric();
         m["id"] = "dau";
         d["metrics"].push_back(m);
       },
       "/metrics/6/id", "duplicate id \"dau\""},
      {"rollup missing",
       [](json& d) {
         json m = ExtraMetric();
         m.erase("rollup");
         d["metrics"].push_back(m);
       },
       "/metrics/6", "missing required field \"rollup\""},
      {"division a number", [](json& d) { d["metrics"][5]["division"] = 7; }, "/metrics/5/division",
       "expected a string, found a number"},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);
}

TEST(SnapshotJsonTest, SeriesRules) {
  const std::vector<RuleCase> cases = {
      {"unknown metric", [](json& d) { d["series"][0]["metric"] = "wau"; }, "/series/0/metric",
       "unknown metric \"wau\""},
      {"metric missing", [](json& d) { d["series"][0].erase("metric"); }, "/series/0",
       "missing required field \"metric\""},
      {"series not an object", [](json& d) { d["series"][0] = 5; }, "/series/0",
       "expected an object, found a number"},
      {"unknown dimension", [](json& d) { d["series"][3]["dims"]["region"] = "north"; },
       "/series/3/dims/region", "unknown dimension \"region\""},
      {"dimension key with / and ~", [](json& d) { d["series"][3]["dims"]["a/b~c"] = "x"; },
       "/series/3/dims/a~1b~0c", "unknown dimension \"a/b~c\""},
      {"member not a string", [](json& d) { d["series"][3]["dims"]["channel"] = 1; },
       "/series/3/dims/channel", "expected a member id (a string), found a number"},
      {"unknown member", [](json& d) { d["series"][3]["dims"]["category"] = "cars"; },
       "/series/3/dims/category", "unknown member \"cars\" of dimension \"category\""},
      {"dims an array", [](json& d) { d["series"][3]["dims"] = json::array(); }, "/series/3/dims",
       "expected an object, found an array"},
      {"start not a date", [](json& d) { d["series"][0]["start"] = "2026-11-31"; },
       "/series/0/start", "is not a date"},
      {"start missing", [](json& d) { d["series"][0].erase("start"); }, "/series/0",
       "missing required field \"start\""},
      {"values a string", [](json& d) { d["series"][0]["values"] = "100"; }, "/series/0/values",
       "expected an array, found a string"},
      {"value as text", [](json& d) { d["series"][0]["values"][1] = "101"; }, "/series/0/values/1",
       "expected a number or null, found a string"},
      {"value as boolean", [](json& d) { d["series"][4]["values"][3] = true; },
       "/series/4/values/3", "expected a number or null, found a boolean"},
      {"value as array", [](json& d) { d["series"][4]["values"][0] = json::array(); },
       "/series/4/values/0", "found an array"},
      {"more than 100 years",
       [](json& d) { d["series"][0]["values"] = json(std::vector<double>(kMaxSeriesDays + 1, 1.0)); },
       "/series/0/values", "more than 36600 days"},
      {"a second total ({} and absent dims are the same)",
       [](json& d) {
         d["series"].push_back(fixture::SeriesJson("dpu", json::object(), "2025-01-01", {1, 2}));
       },
       "/series/6", "a second series for the same metric and dims"},
      {"a second breakdown in another key order",
       [](json& d) {
         json dims = json::object();
         dims["channel"] = "livestream";
         dims["category"] = "beauty";
         d["series"].push_back(fixture::SeriesJson("gmv", dims, "2026-11-01", {1}));
       },
       "/series/6", "a second series for the same metric and dims"},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);
}

TEST(SnapshotJsonTest, EventRules) {
  const std::vector<RuleCase> cases = {
      {"ends before it starts", [](json& d) { d["events"][0]["end"] = "2026-10-31"; },
       "/events/0/end", "ends before it starts"},
      {"not sorted", [](json& d) { d["events"][1]["start"] = "2026-10-01"; }, "/events/1/start",
       "sorted by start date"},
      {"unknown kind", [](json& d) { d["events"][1]["kind"] = "launch"; }, "/events/1/kind",
       "unknown kind \"launch\""},
      {"unknown division", [](json& d) { d["events"][1]["division"] = "ads"; },
       "/events/1/division", "unknown division \"ads\""},
      {"label missing", [](json& d) { d["events"][1].erase("label"); }, "/events/1",
       "missing required field \"label\""},
      {"start not a date", [](json& d) { d["events"][0]["start"] = "2026/11/01"; },
       "/events/0/start", "is not a date"},
      {"end a number", [](json& d) { d["events"][0]["end"] = 20261111; }, "/events/0/end",
       "expected a string, found a number"},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);
}

TEST(SnapshotJsonTest, HostRules) {
  const std::vector<RuleCase> cases = {
      {"negative fans", [](json& d) { d["hosts"][0]["fans"] = -1; }, "/hosts/0/fans",
       "must not be negative"},
      {"negative viewers", [](json& d) { d["hosts"][1]["viewers"] = -0.5; }, "/hosts/1/viewers",
       "must not be negative"},
      {"name a number", [](json& d) { d["hosts"][0]["name"] = 42; }, "/hosts/0/name",
       "expected a string, found a number"},
      {"name_latin a number", [](json& d) { d["hosts"][0]["name_latin"] = 5; },
       "/hosts/0/name_latin", "expected a string, found a number"},
      {"unknown category", [](json& d) { d["hosts"][0]["category"] = "cars"; },
       "/hosts/0/category", "unknown category \"cars\""},
      {"id repeated", [](json& d) { d["hosts"][1]["id"] = "h0042"; }, "/hosts/1/id",
       "duplicate id \"h0042\""},
      {"id not an id", [](json& d) { d["hosts"][0]["id"] = "H42"; }, "/hosts/0/id", "is not an id"},
      {"gmv missing", [](json& d) { d["hosts"][0].erase("gmv"); }, "/hosts/0",
       "missing required field \"gmv\""},
      {"orders as text", [](json& d) { d["hosts"][0]["orders"] = "11800"; }, "/hosts/0/orders",
       "expected a number, found a string"},
  };
  CheckRules(ValidSnapshotDocument(), cases, false);
}

json WithMonthly() {
  json d = ValidSnapshotDocument();
  d["hosts"][0]["monthly"] = {{"start", "2024-02-01"},         {"sessions", {3, 0, 5}},
                              {"viewers", {900, 0, 1500.5}},   {"gmv", {3000, 0, 4000}},
                              {"orders", {10, 0, 12}},         {"purchasing_users", {9, 0, 11}}};
  return d;
}

TEST(SnapshotJsonTest, HostMonthlyLoads) {
  Snapshot s;
  ASSERT_TRUE(LoadSnapshot(WithMonthly().dump(), &s).empty());
  const HostMonthly& m = s.hosts[0].monthly;
  EXPECT_TRUE(m.present);
  EXPECT_EQ(m.start, DayFromCivil({2024, 2, 1}));
  ASSERT_EQ(m.months(), 3u);
  EXPECT_EQ(m.viewers[2], 1500.5);
  EXPECT_EQ(m.purchasing_users[0], 9);
  EXPECT_FALSE(s.hosts[1].monthly.present);  // optional: older snapshots have none
  EXPECT_EQ(s.hosts[1].monthly.months(), 0u);
}

TEST(SnapshotJsonTest, HostMonthlyRules) {
  const std::vector<RuleCase> cases = {
      {"not an object", [](json& d) { d["hosts"][0]["monthly"] = json::array(); }, "/hosts/0/monthly",
       "expected an object, found an array"},
      {"start mid-month", [](json& d) { d["hosts"][0]["monthly"]["start"] = "2024-02-29"; },
       "/hosts/0/monthly/start", "\"2024-02-29\" is not the first day of a month"},
      {"start not a date", [](json& d) { d["hosts"][0]["monthly"]["start"] = "2024-02"; },
       "/hosts/0/monthly/start", "is not a date"},
      {"start missing", [](json& d) { d["hosts"][0]["monthly"].erase("start"); }, "/hosts/0/monthly",
       "missing required field \"start\""},
      {"a column missing", [](json& d) { d["hosts"][0]["monthly"].erase("viewers"); }, "/hosts/0/monthly",
       "missing required field \"viewers\""},
      {"a column not an array", [](json& d) { d["hosts"][0]["monthly"]["gmv"] = 7000; },
       "/hosts/0/monthly/gmv", "expected an array, found a number"},
      {"null month", [](json& d) { d["hosts"][0]["monthly"]["gmv"][1] = nullptr; }, "/hosts/0/monthly/gmv/1",
       "expected a number, found null"},
      {"text month", [](json& d) { d["hosts"][0]["monthly"]["orders"][2] = "12"; }, "/hosts/0/monthly/orders/2",
       "expected a number, found a string"},
      {"negative month", [](json& d) { d["hosts"][0]["monthly"]["sessions"][0] = -1; },
       "/hosts/0/monthly/sessions/0", "must not be negative"},
      {"shorter column", [](json& d) { d["hosts"][0]["monthly"]["purchasing_users"].erase(2); },
       "/hosts/0/monthly/purchasing_users", "2 months, but \"sessions\" has 3"},
      {"longer column", [](json& d) { d["hosts"][0]["monthly"]["viewers"].push_back(1); },
       "/hosts/0/monthly/viewers", "4 months, but \"sessions\" has 3"},
      {"a century and more", [](json& d) { d["hosts"][0]["monthly"]["sessions"] = json(std::vector<int>(1201, 1)); },
       "/hosts/0/monthly/sessions", "more than 1200 months", false},
  };
  CheckRules(WithMonthly(), cases, false);
}

TEST(SnapshotJsonTest, SyntaxErrorsComeFromTheDocumentParser) {
  Snapshot out;
  // Cut just before the value of /divisions/0/name/en (dump() writes keys in sorted order).
  const RuleCase truncated{"truncated", nullptr, "/divisions/0/name/en", "unexpected end of input"};
  const std::string text = ValidSnapshotDocument().dump();
  const size_t at = text.find("\"Community\"");
  ASSERT_NE(at, std::string::npos);
  const std::string cut = text.substr(0, at);
  EXPECT_TRUE(ReportsProblem(LoadSnapshot(cut, &out), truncated));
  const RuleCase duplicate{"duplicate key", nullptr, "/schema", "duplicate key"};
  EXPECT_TRUE(ReportsProblem(LoadSnapshot("{\"schema\":1,\"schema\":2}", &out), duplicate));
}

Snapshot Sentinel() {
  Snapshot s;
  s.generated_at = "sentinel";
  s.timezone = "Europe/Paris";
  s.currency = "EUR";
  Metric m;
  m.id = "kept";
  m.rollup = Rollup::kLast;
  s.metrics.push_back(m);
  Series series;
  series.metric = 0;
  series.start = 12345;
  series.values = {1, 2, std::nan("")};
  s.series.push_back(series);
  return s;
}

TEST(SnapshotJsonTest, AFailedLoadLeavesTheOutputUntouched) {
  const std::string before = DescribeSnapshot(Sentinel());
  json late_error = ValidSnapshotDocument();
  late_error["hosts"][1]["fans"] = -1;  // everything else already read into a scratch model
  json bad_header = ValidSnapshotDocument();
  bad_header["version"] = 2;
  const std::string inputs[] = {"", "{", "[]", bad_header.dump(), late_error.dump()};
  for (const std::string& text : inputs) {
    Snapshot out = Sentinel();
    EXPECT_FALSE(LoadSnapshot(text, &out).empty()) << text.substr(0, 40);
    EXPECT_EQ(DescribeSnapshot(out), before) << text.substr(0, 40);
  }
  // A good load replaces everything, leaving nothing of the old model behind.
  Snapshot out = Sentinel();
  Snapshot fresh;
  ASSERT_TRUE(LoadSnapshot(ValidSnapshotDocument().dump(), &out).empty());
  ASSERT_TRUE(LoadSnapshot(ValidSnapshotDocument().dump(), &fresh).empty());
  EXPECT_EQ(DescribeSnapshot(out), DescribeSnapshot(fresh));
}

TEST(SnapshotJsonTest, ProblemsAreCappedForAFileWrongEverywhere) {
  json doc = ValidSnapshotDocument();
  doc["series"][0]["values"] = json(std::vector<std::string>(5000, "x"));
  Snapshot out;
  std::vector<Problem> problems = LoadSnapshot(doc.dump(), &out);
  ASSERT_EQ(problems.size(), kMaxProblems);
  for (size_t i = 0; i < problems.size(); ++i) {
    EXPECT_EQ(problems[i].pointer, "/series/0/values/" + std::to_string(i));
  }

  // Thousands of broken series, each wrong in several ways.
  json many = ValidSnapshotDocument();
  for (int i = 0; i < 3000; ++i) many["series"].push_back(json{{"metric", "nope"}});
  problems = LoadSnapshot(many.dump(), &out);
  EXPECT_EQ(problems.size(), kMaxProblems);
  EXPECT_EQ(problems[0].pointer, "/series/6/metric");

  json divisions = ValidSnapshotDocument();
  for (int i = 0; i < 3000; ++i) divisions["divisions"].push_back(Entity("X", "x"));
  problems = LoadSnapshot(divisions.dump(), &out);
  EXPECT_EQ(problems.size(), kMaxProblems);
}

// --- Manifest -------------------------------------------------------------------------------

json ManifestEntryJson(const char* path, const char* first, const char* last) {
  json out = json::object();
  out["path"] = path;
  out["first"] = first;
  out["last"] = last;
  return out;
}

json ValidManifest() {
  json doc = json::object();
  doc["schema"] = "divboard.manifest";
  doc["version"] = 1;
  doc["snapshots"] = json::array();
  json newest = ManifestEntryJson("snapshot-2026-11-27.json", "2024-01-01", "2026-11-27");
  newest["generated_at"] = "2026-11-28T06:00:00+08:00";
  newest["bytes"] = 1834211;
  doc["snapshots"].push_back(newest);
  doc["snapshots"].push_back(
      ManifestEntryJson("archive/snapshot-2026-10-31.json", "2024-01-01", "2026-10-31"));
  return doc;
}

TEST(ManifestTest, TheValidManifestIsRead) {
  Manifest m;
  const std::vector<Problem> problems = LoadManifest(ValidManifest().dump(), &m);
  ASSERT_TRUE(problems.empty()) << Describe(problems);
  ASSERT_EQ(m.snapshots.size(), 2u);
  EXPECT_EQ(m.snapshots[0].path, "snapshot-2026-11-27.json");
  EXPECT_EQ(m.snapshots[0].generated_at, "2026-11-28T06:00:00+08:00");
  EXPECT_EQ(m.snapshots[0].first, D(2024, 1, 1));
  EXPECT_EQ(m.snapshots[0].last, D(2026, 11, 27));
  EXPECT_EQ(m.snapshots[0].bytes, 1834211);
  EXPECT_EQ(m.snapshots[1].path, "archive/snapshot-2026-10-31.json");
  EXPECT_EQ(m.snapshots[1].generated_at, "");  // optional
  EXPECT_EQ(m.snapshots[1].last, D(2026, 10, 31));
}

TEST(ManifestTest, Rules) {
  const std::vector<RuleCase> cases = {
      {"no snapshots", [](json& d) { d["snapshots"] = json::array(); }, "/snapshots",
       "lists no snapshot"},
      {"snapshots missing", [](json& d) { d.erase("snapshots"); }, "",
       "missing required field \"snapshots\""},
      {"a snapshot's schema", [](json& d) { d["schema"] = "divboard.snapshot"; }, "/schema",
       "expected \"divboard.manifest\""},
      {"version 2", [](json& d) { d["version"] = 2; }, "/version", "unsupported version 2"},
      {"https URL", [](json& d) { d["snapshots"][0]["path"] = "https://x/y.json"; },
       "/snapshots/0/path", "refused: a URL with a scheme"},
      {"parent folder", [](json& d) { d["snapshots"][0]["path"] = "../x.json"; },
       "/snapshots/0/path", "'..' segments"},
      {"absolute path", [](json& d) { d["snapshots"][0]["path"] = "/abs.json"; },
       "/snapshots/0/path", "refused"},
      {"path a number", [](json& d) { d["snapshots"][0]["path"] = 5; }, "/snapshots/0/path",
       "expected a string, found a number"},
      {"path missing", [](json& d) { d["snapshots"][0].erase("path"); }, "/snapshots/0",
       "missing required field \"path\""},
      {"same path twice",
       [](json& d) { d["snapshots"][1]["path"] = "snapshot-2026-11-27.json"; },
       "/snapshots/1/path", "listed twice"},
      {"older first", [](json& d) { d["snapshots"][1]["last"] = "2026-12-31"; },
       "/snapshots/1/last", "newest first"},
      {"last before first", [](json& d) { d["snapshots"][0]["last"] = "2023-12-31"; },
       "/snapshots/0/last", "before \"first\""},
      {"first not a date", [](json& d) { d["snapshots"][0]["first"] = "2024-1-1"; },
       "/snapshots/0/first", "is not a date"},
      {"negative bytes", [](json& d) { d["snapshots"][0]["bytes"] = -1; }, "/snapshots/0/bytes",
       "must not be negative"},
      {"generated_at not a time", [](json& d) { d["snapshots"][0]["generated_at"] = "yesterday"; },
       "/snapshots/0/generated_at", "not an RFC 3339 time"},
      {"entry not an object", [](json& d) { d["snapshots"][0] = "snapshot.json"; },
       "/snapshots/0", "expected an object, found a string"},
      {"max_bytes a string", [](json& d) { d["max_bytes"] = "1 MB"; }, "/max_bytes",
       "expected a number, found a string"},
      {"max_bytes zero", [](json& d) { d["max_bytes"] = 0; }, "/max_bytes",
       "whole number of bytes from 1 to 1073741824"},
      {"max_bytes fractional", [](json& d) { d["max_bytes"] = 1000.5; }, "/max_bytes",
       "whole number of bytes"},
      {"max_bytes over 1 GiB", [](json& d) { d["max_bytes"] = 1073741825.0; }, "/max_bytes",
       "from 1 to 1073741824"},
  };
  CheckRules(ValidManifest(), cases, true);
}

TEST(ManifestTest, TheSizeCapDefaultsTo256MiBAndMayBeSet) {
  Manifest m;
  ASSERT_TRUE(LoadManifest(ValidManifest().dump(), &m).empty());
  EXPECT_EQ(m.max_bytes, 256.0 * 1024 * 1024);
  for (const double cap : {1.0, 5000000.0, 1073741824.0}) {
    json doc = ValidManifest();
    doc["max_bytes"] = cap;
    const std::vector<Problem> problems = LoadManifest(doc.dump(), &m);
    ASSERT_TRUE(problems.empty()) << Describe(problems);
    EXPECT_EQ(m.max_bytes, cap);
  }
}

TEST(ManifestTest, HashesAndPartsAreRead) {
  json doc = ValidManifest();
  const std::string hash(64, 'a');
  doc["snapshots"][0]["sha256"] = hash;
  json parts = json::array();
  parts.push_back({{"path", "p/community.json"}, {"bytes", 10}, {"sha256", std::string(64, 'b')}});
  parts.push_back({{"path", "p/trading.json"}});
  doc["snapshots"][1].erase("path");
  doc["snapshots"][1]["parts"] = parts;
  Manifest m;
  const std::vector<Problem> problems = LoadManifest(doc.dump(), &m);
  ASSERT_TRUE(problems.empty()) << Describe(problems);
  EXPECT_EQ(m.snapshots[0].sha256, hash);
  EXPECT_EQ(m.snapshots[0].ContentKey(), "sha256:" + hash);
  ASSERT_EQ(m.snapshots[1].parts.size(), 2u);
  EXPECT_EQ(m.snapshots[1].path, "");
  EXPECT_EQ(m.snapshots[1].Files()[0].path, "p/community.json");
  EXPECT_EQ(m.snapshots[1].Files()[0].bytes, 10);
  // One part without a hash: the key falls back to path, time, period and size.
  EXPECT_EQ(m.snapshots[1].ContentKey().find("sha256:"), std::string::npos);
  EXPECT_NE(m.snapshots[1].ContentKey().find("p/trading.json|"), std::string::npos);
  const json list = json::parse(ManifestListJson(m, "data/manifest.json"));
  EXPECT_EQ(list["snapshots"][1]["files"], json::array({"data/p/community.json", "data/p/trading.json"}));
  EXPECT_EQ(list["snapshots"][0]["last"], "2026-11-27");
  EXPECT_EQ(list["snapshots"][0]["key"], "sha256:" + hash);
}

TEST(ManifestTest, HashAndPartsRules) {
  auto with_parts = [](json& d, json parts) {
    d["snapshots"][0].erase("path");
    d["snapshots"][0]["parts"] = std::move(parts);
  };
  const std::vector<RuleCase> cases = {
      {"hash upper case", [](json& d) { d["snapshots"][0]["sha256"] = std::string(64, 'A'); }, "/snapshots/0/sha256",
       "not a SHA-256"},
      {"hash short", [](json& d) { d["snapshots"][0]["sha256"] = "abc"; }, "/snapshots/0/sha256", "not a SHA-256"},
      {"hash a number", [](json& d) { d["snapshots"][0]["sha256"] = 5; }, "/snapshots/0/sha256", "expected a string"},
      {"both path and parts", [](json& d) { d["snapshots"][0]["parts"] = json::array({{{"path", "a.json"}}}); },
       "/snapshots/0/path", "either \"path\" or \"parts\""},
      {"no parts", [&](json& d) { with_parts(d, json::array()); }, "/snapshots/0/parts", "lists 0 files"},
      {"parts an object", [&](json& d) { with_parts(d, json::object()); }, "/snapshots/0/parts", "expected an array"},
      {"part with a URL", [&](json& d) { with_parts(d, json::array({{{"path", "https://x/a.json"}}})); },
       "/snapshots/0/parts/0/path", "refused: a URL with a scheme"},
      {"part listed twice", [&](json& d) { with_parts(d, json::array({{{"path", "a.json"}}, {{"path", "a.json"}}})); },
       "/snapshots/0/parts/1/path", "listed twice"},
      {"part without path", [&](json& d) { with_parts(d, json::array({json::object()})); }, "/snapshots/0/parts/0",
       "missing required field \"path\""},
      {"part bad hash", [&](json& d) { with_parts(d, json::array({{{"path", "a.json"}, {"sha256", "x"}}})); },
       "/snapshots/0/parts/0/sha256", "not a SHA-256"},
      {"part negative bytes", [&](json& d) { with_parts(d, json::array({{{"path", "a.json"}, {"bytes", -2}}})); },
       "/snapshots/0/parts/0/bytes", "must not be negative"},
  };
  CheckRules(ValidManifest(), cases, true);
}

TEST(ManifestTest, AFailedLoadLeavesTheOutputUntouched) {
  json bad = ValidManifest();
  bad["snapshots"][1]["path"] = "../escape.json";
  for (const std::string& text : {std::string("{"), bad.dump()}) {
    Manifest out;
    out.snapshots.push_back(ManifestEntry{"kept.json", "t", 1, 2, 3, "", "", {}});
    EXPECT_FALSE(LoadManifest(text, &out).empty());
    ASSERT_EQ(out.snapshots.size(), 1u);
    EXPECT_EQ(out.snapshots[0].path, "kept.json");
    EXPECT_EQ(out.snapshots[0].last, 2);
  }
}

TEST(ManifestTest, DocumentKindIsSniffedFromTheSchema) {
  EXPECT_EQ(SniffDocumentKind(ValidSnapshotDocument().dump()), "snapshot");
  EXPECT_EQ(SniffDocumentKind(ValidManifest().dump()), "manifest");
  EXPECT_EQ(SniffDocumentKind("{\"schema\":\"other\"}"), "");
  EXPECT_EQ(SniffDocumentKind(""), "");
}

}  // namespace
}  // namespace divboard
