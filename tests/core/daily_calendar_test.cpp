// The heat map's data: the metric's total series laid over the calendar, gaps kept as gaps.
#include "core/daily_calendar.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/snapshot_json.h"
#include "snapshot_fixture.h"

namespace divboard {
namespace {

Snapshot Load(const nlohmann::json& doc) {
  Snapshot s;
  const auto problems = LoadSnapshot(doc.dump(), &s);
  EXPECT_TRUE(problems.empty());
  return s;
}

TEST(DailyCalendar, TotalsByDayWithGapsKept) {
  nlohmann::json doc = fixture::ValidSnapshotDocument();
  const Snapshot s = Load(doc);
  const DailyCalendar dau = MakeDailyCalendar(s, "dau");  // {100, 101, null, 103} from 2026-11-01
  ASSERT_TRUE(dau.present);
  EXPECT_EQ(dau.unit, Unit::kUsers);
  const Day first = DayFromCivil(CivilDate{2026, 11, 1});
  EXPECT_EQ(dau.grid.first, first);
  EXPECT_EQ(dau.grid.last, first + 3);
  EXPECT_EQ(dau.At(first), 100);
  EXPECT_EQ(dau.At(first + 1), 101);
  EXPECT_TRUE(std::isnan(dau.At(first + 2)));  // a gap, not a zero
  EXPECT_EQ(dau.At(first + 3), 103);
  EXPECT_TRUE(std::isnan(dau.At(first - 1)));
  EXPECT_TRUE(std::isnan(dau.At(first + 4)));
  EXPECT_EQ(dau.low, 100);
  EXPECT_EQ(dau.high, 103);
  // 2026-11-01 is a Sunday: the first day sits alone at the bottom of its column.
  EXPECT_EQ(dau.grid.CellOf(first).weekday, 6);
  EXPECT_EQ(dau.grid.CellOf(first + 1).week, dau.grid.CellOf(first).week + 1);
}

TEST(DailyCalendar, MissingMetricIsAbsent) {
  const Snapshot s = Load(fixture::ValidSnapshotDocument());
  const DailyCalendar none = MakeDailyCalendar(s, "no_such_metric");
  EXPECT_FALSE(none.present);
  EXPECT_TRUE(none.grid.years.empty());
  EXPECT_TRUE(std::isnan(none.At(0)));
}

}  // namespace
}  // namespace divboard
