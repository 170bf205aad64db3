// The page's session: a bad document never replaces good data, and state() tells the browser
// test exactly what is shown and why.
#include "core/session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/generate.h"
#include "snapshot_fixture.h"

namespace divboard {
namespace {

using nlohmann::json;

std::string GoodText() { return fixture::ValidSnapshotDocument().dump(); }

std::string BadVersionText() {
  json doc = fixture::ValidSnapshotDocument();
  doc["version"] = 2;
  return doc.dump();
}

int CountLines(const std::string& text) {
  int lines = text.empty() ? 0 : 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

TEST(SessionTest, StartsLoadingWithNothingToShow) {
  Session session;
  EXPECT_EQ(session.status(), Status::kLoading);
  EXPECT_FALSE(session.has_data());
  json state = session.StateJson(Locale::kEn);
  EXPECT_EQ(state["status"], "loading");
  EXPECT_TRUE(state["snapshot"].is_null());
  EXPECT_TRUE(state["error"].is_null());
  EXPECT_EQ(state["has_data"], false);
  EXPECT_TRUE(state["kpis"].is_object());
  EXPECT_TRUE(state["kpis"].empty());
}

TEST(SessionTest, AGoodLoadIsShown) {
  Session session;
  session.BeginLoading("data/a.json");
  EXPECT_EQ(session.loading_url(), "data/a.json");
  ASSERT_TRUE(session.FinishLoading("data/a.json", GoodText())) << session.error();
  EXPECT_EQ(session.status(), Status::kReady);
  EXPECT_TRUE(session.has_data());
  EXPECT_EQ(session.snapshot_url(), "data/a.json");
  EXPECT_EQ(session.loading_url(), "");
  EXPECT_EQ(session.error(), "");
  EXPECT_EQ(session.snapshot().metrics.size(), 6u);
  // The fixture's last day is 2026-11-04; the overview's period ends there.
  EXPECT_EQ(session.overview().period.last, DayFromCivil({2026, 11, 4}));

  json state = session.StateJson(Locale::kEn);
  EXPECT_EQ(state["status"], "ready");
  EXPECT_EQ(state["snapshot"], "data/a.json");
  EXPECT_TRUE(state["error"].is_null());
  EXPECT_EQ(state["has_data"], true);
  EXPECT_EQ(state["period"]["first"], "2026-10-06");
  EXPECT_EQ(state["period"]["last"], "2026-11-04");
  // DAU is 100, 101, (gap), 103: the mean of the three reported days.
  ASSERT_TRUE(state["kpis"].contains("dau"));
  EXPECT_DOUBLE_EQ(state["kpis"]["dau"]["value"].get<double>(), (100.0 + 101 + 103) / 3);
  // GMV 500.5 + 600 + 700 + 800 over orders 5 + 6 + 7 + 8.
  EXPECT_DOUBLE_EQ(state["kpis"]["aov"]["value"].get<double>(), 2600.5 / 26);
  // The fixture has no revenue metrics: NaN is null in JSON, and the text is a dash.
  EXPECT_TRUE(state["kpis"]["commerce_share"]["value"].is_null());
  EXPECT_EQ(state["kpis"]["commerce_share"]["text"], "\xE2\x80\x94");
  // Nothing before 2026-11-01: the comparison period has no data, so no change either.
  EXPECT_TRUE(state["kpis"]["dau"]["previous"].is_null());
  EXPECT_TRUE(state["kpis"]["dau"]["change"].is_null());
}

TEST(SessionTest, ABadLoadKeepsTheLastGoodSnapshot) {
  Session session;
  ASSERT_TRUE(session.FinishLoading("data/a.json", GoodText()));
  const std::string before = fixture::DescribeSnapshot(session.snapshot());
  const double dau_before = session.overview().kpis.front().value;

  session.BeginLoading("data/b.json");
  EXPECT_EQ(session.status(), Status::kReady);  // still showing a.json while b loads
  EXPECT_FALSE(session.FinishLoading("data/b.json", BadVersionText()));
  EXPECT_EQ(session.status(), Status::kError);
  EXPECT_TRUE(session.has_data());
  EXPECT_EQ(session.snapshot_url(), "data/a.json");
  EXPECT_EQ(session.loading_url(), "");
  EXPECT_EQ(fixture::DescribeSnapshot(session.snapshot()), before);
  EXPECT_EQ(session.overview().kpis.front().value, dau_before);
  EXPECT_NE(session.error().find("data/b.json: /version: unsupported version 2"), std::string::npos)
      << session.error();

  json state = session.StateJson(Locale::kEn);
  EXPECT_EQ(state["status"], "error");
  EXPECT_EQ(state["snapshot"], "data/a.json");
  EXPECT_EQ(state["has_data"], true);
  ASSERT_TRUE(state["error"].is_string());
  EXPECT_EQ(state["error"], session.error());
  EXPECT_TRUE(state["kpis"].contains("dau"));

  // A later good load clears the error.
  ASSERT_TRUE(session.FinishLoading("data/c.json", GoodText()));
  EXPECT_EQ(session.status(), Status::kReady);
  EXPECT_EQ(session.snapshot_url(), "data/c.json");
  EXPECT_EQ(session.error(), "");
}

TEST(SessionTest, EveryProblemIsOneLineOfTheError) {
  json doc = fixture::ValidSnapshotDocument();
  doc["currency"] = "cny";
  doc["hosts"][0]["fans"] = -1;
  doc["events"][0]["kind"] = "party";
  Session session;
  EXPECT_FALSE(session.FinishLoading("s.json", doc.dump()));
  EXPECT_EQ(CountLines(session.error()), 3) << session.error();
  EXPECT_NE(session.error().find("s.json: /currency: "), std::string::npos);
  EXPECT_NE(session.error().find("s.json: /events/0/kind: "), std::string::npos);
  EXPECT_NE(session.error().find("s.json: /hosts/0/fans: "), std::string::npos);
  EXPECT_FALSE(session.has_data());
  json state = session.StateJson(Locale::kEn);
  EXPECT_EQ(state["status"], "error");
  EXPECT_TRUE(state["snapshot"].is_null());
  EXPECT_TRUE(state["kpis"].empty());
}

TEST(SessionTest, AFailureBeforeParsingNamesTheRoot) {
  Session session;
  ASSERT_TRUE(session.FinishLoading("data/a.json", GoodText()));
  session.BeginLoading("https://evil.example/x.json");
  session.Fail("https://evil.example/x.json", "refused URL");
  EXPECT_EQ(session.status(), Status::kError);
  EXPECT_EQ(session.error(), "https://evil.example/x.json: /: refused URL");
  EXPECT_EQ(session.loading_url(), "");
  EXPECT_TRUE(session.has_data());
  EXPECT_EQ(session.snapshot_url(), "data/a.json");
}

TEST(SessionTest, StatusNames) {
  EXPECT_STREQ(StatusName(Status::kLoading), "loading");
  EXPECT_STREQ(StatusName(Status::kReady), "ready");
  EXPECT_STREQ(StatusName(Status::kError), "error");
}

}  // namespace
}  // namespace divboard

// A source that answers properly again clears the error and keeps the data; during a
// load it changes nothing (the load's own result decides).
TEST(SessionTest, RecoveredClearsTheErrorAndKeepsTheData) {
  divboard::Session session;
  session.Recovered();
  EXPECT_EQ(session.status(), divboard::Status::kLoading);
  const auto files = divboard::GenerateSample(divboard::GenerateOptions{});
  ASSERT_TRUE(session.FinishLoading("data/a.json", files.front().bytes));
  session.Fail("data/manifest.json", "HTTP 502");
  EXPECT_EQ(session.status(), divboard::Status::kError);
  session.BeginLoading("data/b.json");
  session.Recovered();
  EXPECT_EQ(session.status(), divboard::Status::kError);
  session.Fail("data/b.json", "HTTP 404");
  session.Recovered();
  EXPECT_EQ(session.status(), divboard::Status::kReady);
  EXPECT_TRUE(session.error().empty());
  EXPECT_EQ(session.snapshot_url(), "data/a.json");
}
