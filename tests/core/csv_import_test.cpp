// `divboard import --csv`: a long-format table becomes a snapshot that loads, and every
// malformed line is named as FILE:LINE.
#include "core/csv_import.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/snapshot_json.h"

namespace divboard {
namespace {

CsvImportOptions Options() {
  CsvImportOptions options;
  options.file_name = "gmv.csv";
  options.generated_at = "2026-11-28T06:00:00+08:00";
  return options;
}

std::vector<std::string> Errors(const std::string& csv) {
  std::vector<std::string> errors;
  EXPECT_EQ(ImportCsv(csv, Options(), &errors), "");
  return errors;
}

TEST(CsvImport, LongTableBecomesASnapshot) {
  const std::string csv =
      "\xEF\xBB\xBF" "date,division,metric,unit,rollup,additive,channel,category,value\r\n"
      "2026-01-01,trading,gmv,currency,sum,true,,,1000\r\n"
      "2026-01-03,trading,gmv,currency,sum,true,,,1200.5\r\n"
      "2026-01-01,trading,gmv,currency,sum,true,livestream,fashion,400\r\n"
      "2026-01-02,trading,gmv,currency,sum,true,livestream,fashion,\r\n"
      "2026-01-01,community,dau,users,mean,false,,,\"98000000\"\r\n";
  std::vector<std::string> errors;
  const std::string text = ImportCsv(csv, Options(), &errors);
  ASSERT_TRUE(errors.empty()) << errors[0];
  Snapshot s;
  const auto problems = LoadSnapshot(text, &s);
  ASSERT_TRUE(problems.empty()) << problems[0].pointer << ": " << problems[0].message;
  ASSERT_EQ(s.divisions.size(), 2u);
  ASSERT_EQ(s.metrics.size(), 2u);
  EXPECT_EQ(s.metrics[0].rollup, Rollup::kSum);
  EXPECT_TRUE(s.metrics[0].additive);
  EXPECT_EQ(s.metrics[1].rollup, Rollup::kMean);
  ASSERT_EQ(s.series.size(), 3u);
  const Series& total = s.series[0];
  EXPECT_TRUE(total.dims.empty());
  ASSERT_EQ(total.values.size(), 3u);  // the missing 2 January is a gap
  EXPECT_EQ(total.values[0], 1000);
  EXPECT_TRUE(std::isnan(total.values[1]));
  EXPECT_EQ(total.values[2], 1200.5);
  EXPECT_EQ(s.series[1].dims.size(), 2u);
  EXPECT_TRUE(std::isnan(s.series[1].values[1]));  // an empty value is no data, not zero
  EXPECT_EQ(s.series[2].values[0], 98000000);
  EXPECT_EQ(s.generated_at, "2026-11-28T06:00:00+08:00");
  EXPECT_NE(text.find("1000,"), std::string::npos) << "integers stay integers";
}

TEST(CsvImport, MinimalHeaderDefaults) {
  std::vector<std::string> errors;
  const std::string text = ImportCsv("metric,date,value\norders,2026-02-01,5\n", Options(), &errors);
  ASSERT_TRUE(errors.empty());
  Snapshot s;
  ASSERT_TRUE(LoadSnapshot(text, &s).empty());
  EXPECT_EQ(s.divisions[0].id, "company");
  EXPECT_EQ(s.metrics[0].unit, Unit::kCount);
}

TEST(CsvImport, HeaderErrors) {
  EXPECT_EQ(Errors(""), std::vector<std::string>{"gmv.csv:1: empty file: expected a header such as date,metric,value"});
  EXPECT_EQ(Errors("date,metric\n"), std::vector<std::string>{"gmv.csv:1: missing required column \"value\""});
  EXPECT_EQ(Errors("date,metric,value,Channel\n"),
            std::vector<std::string>{"gmv.csv:1: column \"Channel\" is not a dimension id (1-64 characters of a-z 0-9 _ -)"});
  EXPECT_EQ(Errors("date,metric,value,value\n"), std::vector<std::string>{"gmv.csv:1: column \"value\" appears twice"});
  EXPECT_EQ(Errors("date,metric,value\n"), std::vector<std::string>{"gmv.csv:1: no data rows after the header"});
}

TEST(CsvImport, EveryBadLineIsNamed) {
  const std::string csv =
      "date,metric,value,channel\n"
      "2026-01-01,gmv,1,\n"          // 2: fine
      "2026-13-01,gmv,1,\n"          // 3
      "2026-01-02,GMV,1,\n"          // 4
      "2026-01-03,gmv,lots,\n"       // 5
      "2026-01-04,gmv,1\n"           // 6
      "2026-01-01,gmv,2,\n"          // 7: duplicate of line 2
      "2026-01-05,gmv,1,Live\n"      // 8
      "2026-01-06,gmv,1e999,\n"      // 9
      "\"2026-01-07,gmv,1,\n";       // 10: unclosed quote
  const std::vector<std::string> expected = {
      "gmv.csv:3: date \"2026-13-01\" is not YYYY-MM-DD",
      "gmv.csv:4: metric \"GMV\" is not an id (1-64 characters of a-z 0-9 _ -)",
      "gmv.csv:5: value \"lots\" is not a number (empty, null or NA for no data)",
      "gmv.csv:6: 3 fields, the header has 4",
      "gmv.csv:7: a second row for metric \"gmv\" on 2026-01-01 with the same dimensions (first on line 2)",
      "gmv.csv:8: channel \"Live\" is not a member id (1-64 characters of a-z 0-9 _ -)",
      "gmv.csv:9: value \"1e999\" is not a number (empty, null or NA for no data)",
      "gmv.csv:10: a quoted field is not closed",
  };
  EXPECT_EQ(Errors(csv), expected);
}

TEST(CsvImport, MetricAttributesMustAgree) {
  const std::string csv =
      "date,metric,division,rollup,value\n"
      "2026-01-01,dau,community,mean,1\n"
      "2026-01-02,dau,trading,mean,1\n"
      "2026-01-03,dau,community,sum,1\n"
      "2026-01-04,dau,community,median,1\n";
  const std::vector<std::string> expected = {
      "gmv.csv:3: metric \"dau\" has a different division than on line 2",
      "gmv.csv:4: metric \"dau\" has a different rollup than on line 2",
      "gmv.csv:5: rollup \"median\" is not one of sum, mean, last",
  };
  EXPECT_EQ(Errors(csv), expected);
}

TEST(CsvImport, QuotedFieldsAndLineNumbers) {
  // A quoted field spanning two lines: the next record's line number still counts both.
  const std::string csv =
      "date,metric,value,note\n"
      "2026-01-01,gmv,1,\"a\nb\"\n"
      "2026-01-02,gmv,x,\n";
  const std::vector<std::string> expected = {
      "gmv.csv:2: note \"a\nb\" is not a member id (1-64 characters of a-z 0-9 _ -)",
      "gmv.csv:4: value \"x\" is not a number (empty, null or NA for no data)"};
  EXPECT_EQ(Errors(csv), expected);
}

TEST(CsvImport, SpanOverTheDayCapIsRefused) {
  const auto errors = Errors("date,metric,value\n1900-01-01,gmv,1\n2026-01-01,gmv,1\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("spans more than 36600 days"), std::string::npos);
}

}  // namespace
}  // namespace divboard
