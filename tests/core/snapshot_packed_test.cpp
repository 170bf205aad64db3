// The packed (BJData) form: packing then loading gives back the same Snapshot, nlohmann reads
// it as standard BJData, and hostile bytes give a problem, never a crash.
#include "core/snapshot_packed.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/generate.h"
#include "core/snapshot_json.h"
#include "snapshot_compare.h"

namespace divboard {
namespace {

std::string MinimalJson() {
  std::ifstream in(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/minimal.json", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Snapshot Load(const std::string& json_text) {
  Snapshot s;
  EXPECT_TRUE(LoadSnapshot(json_text, &s).empty());
  return s;
}

void ExpectRoundTrip(const Snapshot& original) {
  const std::string packed = PackSnapshot(original);
  ASSERT_TRUE(IsPackedSnapshot(packed));
  Snapshot loaded;
  const auto problems = LoadPackedSnapshot(packed, &loaded);
  ASSERT_TRUE(problems.empty()) << problems[0].pointer << ": " << problems[0].message;
  EXPECT_EQ(testing_support::SnapshotDifference(original, loaded), "");
  // Standard BJData: nlohmann's own reader accepts it.
  const nlohmann::json dom = nlohmann::json::from_bjdata(packed, true, false);
  ASSERT_FALSE(dom.is_discarded());
  EXPECT_EQ(dom["schema"], "divboard.snapshot");
  ASSERT_EQ(dom["series"].size(), original.series.size());
}

TEST(SnapshotPacked, HostMonthsRoundTrip) {
  std::ifstream in(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/host-monthly.json", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const Snapshot original = Load(buffer.str());
  ASSERT_EQ(original.hosts.size(), 1u);
  ASSERT_EQ(original.hosts[0].monthly.months(), 3u);
  ExpectRoundTrip(original);
}

TEST(SnapshotPacked, GeneratedSamplesRoundTrip) {
  for (uint64_t seed : {1, 5}) {
    GenerateOptions options;
    options.seed = seed;
    const std::string text = GenerateSample(options).front().bytes;
    const Snapshot original = Load(text);
    ExpectRoundTrip(original);
    const std::string packed = PackSnapshot(original);
    EXPECT_LT(packed.size(), text.size() * 3 / 4) << "packed " << packed.size() << " vs JSON " << text.size();
  }
}

TEST(SnapshotPacked, EveryKindOfValueRoundTrips) {
  Snapshot s = Load(MinimalJson());
  ASSERT_FALSE(s.series.empty());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::vector<double>> columns = {
      {},
      {0, 1, 255},
      {-1, 127, -128},
      {0, 65535},
      {-32768, 32767},
      {4294967295.0, 0},
      {-2147483648.0, 2147483647.0},
      {9007199254740992.0, -9007199254740992.0},
      {1e300, -1e-300, 0.1, 4.9e-324},
      {-0.0, 0.0, 1},
      {nan, 1, nan},
      {1.5, nan},
  };
  for (const auto& values : columns) {
    s.series[0].values = values;
    ExpectRoundTrip(s);
  }
}

TEST(SnapshotPacked, SniffsPackedFromJson) {
  EXPECT_FALSE(IsPackedSnapshot(MinimalJson()));
  EXPECT_FALSE(IsPackedSnapshot("{\"schema\""));
  EXPECT_FALSE(IsPackedSnapshot("{ }"));
  EXPECT_FALSE(IsPackedSnapshot("\xEF\xBB\xBF{"));
  EXPECT_FALSE(IsPackedSnapshot("{"));
  EXPECT_FALSE(IsPackedSnapshot(std::string("{\0", 2)));
  EXPECT_TRUE(IsPackedSnapshot(PackSnapshot(Load(MinimalJson()))));
}

TEST(SnapshotPacked, JsonTextIsRefusedClearly) {
  Snapshot s;
  const auto problems = LoadPackedSnapshot(MinimalJson(), &s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("BJData"), std::string::npos) << problems[0].message;
}

TEST(SnapshotPacked, EveryTruncationIsAProblem) {
  const std::string packed = PackSnapshot(Load(MinimalJson()));
  for (size_t length = 0; length < packed.size(); ++length) {
    Snapshot s;
    s.currency = "keep";
    const auto problems = LoadPackedSnapshot(std::string_view(packed).substr(0, length), &s);
    ASSERT_FALSE(problems.empty()) << "length " << length;
    EXPECT_FALSE(problems[0].message.empty());
    EXPECT_EQ(s.currency, "keep");
  }
}

TEST(SnapshotPacked, FlippedAndRandomBytesNeverCrash) {
  const std::string packed = PackSnapshot(Load(MinimalJson()));
  for (size_t at = 0; at < packed.size(); ++at) {
    for (int value : {0x00, 0xFF, 0x7F, 0x80, int{'['}, int{'{'}, int{']'}, int{'}'}, int{'$'}, int{'#'}, int{'D'}, int{'L'}, int{'S'}, int{'Z'}, int{'N'}, int{'H'}}) {
      std::string mutated = packed;
      mutated[at] = static_cast<char>(value);
      Snapshot s;
      const auto problems = LoadPackedSnapshot(mutated, &s);
      for (const Problem& p : problems) EXPECT_FALSE(p.message.empty());
    }
  }
  std::mt19937 random(5);
  for (int round = 0; round < 2000; ++round) {
    std::string garbage(random() % 64, '\0');
    for (char& c : garbage) c = static_cast<char>(random() % 256);
    if (round % 2 == 0) garbage.insert(0, "{i\x06schema");
    Snapshot s;
    EXPECT_FALSE(LoadPackedSnapshot(garbage, &s).empty());
  }
}

TEST(SnapshotPacked, HostileDeclarationsAreProblems) {
  Snapshot s;
  // A typed array declaring 2^62 float64 elements, with none present: fails, allocates little.
  std::string huge = "{i\x06series[{i\x06values[$D#L";
  huge += std::string("\x00\x00\x00\x00\x00\x00\x00\x40", 8);
  EXPECT_FALSE(LoadPackedSnapshot(huge, &s).empty());
  // Nesting past the cap.
  EXPECT_EQ(LoadPackedSnapshot(std::string(100, '['), &s).at(0).message, "nesting deeper than 64 levels");
  // Duplicate keys, as in JSON.
  const auto duplicate = LoadPackedSnapshot("{i\x01" "aZi\x01" "aZ}", &s);
  ASSERT_EQ(duplicate.size(), 1u);
  EXPECT_EQ(duplicate[0].pointer, "/a");
  EXPECT_EQ(duplicate[0].message, "duplicate key \"a\"");
}

TEST(SnapshotPacked, InfinityIsRefusedAndNaNIsAMissingDay) {
  Snapshot s = Load(MinimalJson());
  s.series[0].values = {1, std::numeric_limits<double>::infinity(), 2};
  Snapshot loaded;
  const auto problems = LoadPackedSnapshot(PackSnapshot(s), &loaded);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/series/0/values/1");
  EXPECT_EQ(problems[0].message, "number out of range");
}

TEST(SnapshotPacked, HostMonthsAreCheckedAsInJson) {
  // Monthly columns are read straight into doubles while parsing (snapshot_builder.cpp), in
  // packed input too: a bad element is named by its pointer.
  std::ifstream in(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/host-monthly.json", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  Snapshot s = Load(buffer.str());
  s.hosts[0].monthly.gmv = {1, -5, std::numeric_limits<double>::infinity()};
  Snapshot loaded;
  const auto problems = LoadPackedSnapshot(PackSnapshot(s), &loaded);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].pointer, "/hosts/0/monthly/gmv/1");
  EXPECT_EQ(problems[0].message, "must not be negative");
  EXPECT_EQ(problems[1].pointer, "/hosts/0/monthly/gmv/2");
  EXPECT_EQ(problems[1].message, "number out of range");
}

TEST(SnapshotPacked, RulesAreTheJsonRules) {
  // A packed document that breaks a rule reports what the JSON form would.
  Snapshot s = Load(MinimalJson());
  s.currency = "yuan";
  Snapshot loaded;
  const auto packed_problems = LoadPackedSnapshot(PackSnapshot(s), &loaded);
  ASSERT_EQ(packed_problems.size(), 1u);
  EXPECT_EQ(packed_problems[0].pointer, "/currency");
}

}  // namespace
}  // namespace divboard
