// The packed reader (src/core/packed_reader.h): the same result however the bytes are
// chunked; agreement with nlohmann's own BJData reader driving the same builder (the loader
// it replaced) on valid and mutated files; the JSON rules on every corpus file written as
// BJData; every BJData type; and the sniffing ingest the page uses.
#include "core/packed_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/generate.h"
#include "core/snapshot_builder.h"
#include "core/snapshot_ingest.h"
#include "core/snapshot_json.h"
#include "core/snapshot_packed.h"
#include "snapshot_compare.h"

namespace divboard {
namespace {

using nlohmann::json;

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Minimal() {
  return ReadAll(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/minimal.json");
}

std::string Sample(uint64_t seed) {
  GenerateOptions options;
  options.seed = seed;
  return GenerateSample(options).front().bytes;
}

Snapshot LoadJson(const std::string& text) {
  Snapshot s;
  EXPECT_TRUE(LoadSnapshot(text, &s).empty());
  return s;
}

struct Outcome {
  bool ok = false;
  Snapshot snapshot;
  std::vector<Problem> problems;
};

// `chunk` bytes at a time (0: all at once).
Outcome Chunked(std::string_view bytes, size_t chunk) {
  PackedSnapshotParser parser;
  if (chunk == 0) chunk = bytes.size() + 1;
  for (size_t at = 0; at < bytes.size(); at += chunk) parser.Feed(bytes.substr(at, chunk));
  Outcome o;
  o.ok = parser.Finish(&o.snapshot, &o.problems);
  return o;
}

// What the loader this reader replaced returned: nlohmann's BJData SAX parser into the builder.
Outcome Nlohmann(std::string_view bytes) {
  SnapshotBuilder builder;
  builder.set_reserve_cap(bytes.size());
  Outcome o;
  if (!json::sax_parse(bytes.begin(), bytes.end(), &builder, json::input_format_t::bjdata, true)) {
    o.problems = {Problem{builder.Pointer(), builder.message()}};
    return o;
  }
  o.problems = builder.Validate(&o.snapshot);
  o.ok = o.problems.empty();
  return o;
}

void ExpectSame(const Outcome& a, const Outcome& b, bool messages = true) {
  ASSERT_EQ(a.ok, b.ok) << (a.ok ? b.problems : a.problems).at(0).pointer << ": "
                        << (a.ok ? b.problems : a.problems).at(0).message;
  if (a.ok) {
    EXPECT_EQ(testing_support::SnapshotDifference(a.snapshot, b.snapshot), "");
    return;
  }
  ASSERT_EQ(a.problems.size(), b.problems.size());
  for (size_t i = 0; i < a.problems.size(); ++i) {
    EXPECT_EQ(a.problems[i].pointer, b.problems[i].pointer) << a.problems[i].message;
    if (messages) {
      EXPECT_EQ(a.problems[i].message, b.problems[i].message);
    }
  }
}

TEST(PackedReader, GeneratedSamplesAgreeWithNlohmannAndJson) {
  for (uint64_t seed : {1, 7}) {
    const std::string text = Sample(seed);
    const Snapshot original = LoadJson(text);
    const std::string packed = PackSnapshot(original);
    const Outcome whole = Chunked(packed, 0);
    ASSERT_TRUE(whole.ok);
    EXPECT_EQ(testing_support::SnapshotDifference(original, whole.snapshot), "");
    ExpectSame(whole, Nlohmann(packed));
    for (size_t chunk : {1, 3, 8, 4096, 65536}) ExpectSame(whole, Chunked(packed, chunk));
  }
}

TEST(PackedReader, EveryChunkBoundaryAgrees) {
  const std::string packed = PackSnapshot(LoadJson(Minimal()));
  const Outcome whole = Chunked(packed, 0);
  ASSERT_TRUE(whole.ok);
  for (size_t cut = 0; cut <= packed.size(); ++cut) {
    PackedSnapshotParser parser;
    parser.Feed(std::string_view(packed).substr(0, cut));
    parser.Feed(std::string_view(packed).substr(cut));
    Outcome o;
    o.ok = parser.Finish(&o.snapshot, &o.problems);
    SCOPED_TRACE(cut);
    ExpectSame(whole, o);
  }
}

// Mutated files: wherever nlohmann's reader and ours both get to the rules, they agree on
// everything; a file one of them accepts the other accepts too. Syntax messages differ in
// wording (ours name the same things), so only their pointers are compared.
TEST(PackedReader, MutationsAgreeWithNlohmann) {
  const std::string packed = PackSnapshot(LoadJson(Minimal()));
  size_t compared = 0;
  auto check = [&](const std::string& bytes) {
    const Outcome ours = Chunked(bytes, 0);
    const Outcome theirs = Nlohmann(bytes);
    for (const Problem& p : ours.problems) EXPECT_FALSE(p.message.empty());
    EXPECT_EQ(ours.ok, theirs.ok);
    if (ours.ok && theirs.ok) {
      EXPECT_EQ(testing_support::SnapshotDifference(ours.snapshot, theirs.snapshot), "");
    }
    const bool syntax = (!ours.problems.empty() && ours.problems[0].message.find("BJData") != std::string::npos) ||
                        (!theirs.problems.empty() && theirs.problems[0].message.find("BJData") != std::string::npos);
    if (!syntax) {
      ExpectSame(ours, theirs);
      ++compared;
    }
    ExpectSame(ours, Chunked(bytes, 7));
  };
  for (size_t at = 0; at < packed.size(); ++at) {
    for (int value : {0x00, 0x01, 0x7F, 0x80, 0xFF, int{'Z'}, int{'i'}, int{'U'}, int{'D'}, int{'S'}, int{'['},
                      int{']'}, int{'}'}, int{'#'}, int{'$'}, int{'T'}}) {
      std::string mutated = packed;
      mutated[at] = static_cast<char>(value);
      SCOPED_TRACE(testing::Message() << "byte " << at << " = " << value);
      check(mutated);
    }
  }
  EXPECT_GT(compared, 1000u);
}

// Every corpus snapshot nlohmann can read, written as generic BJData (untyped and typed
// containers alike): the packed reader reports what the JSON loader reports.
TEST(PackedReader, CorpusAsBjdataKeepsTheJsonRules) {
  size_t files = 0;
  for (const char* folder : {"good", "bad"}) {
    const std::filesystem::path dir = std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus" / folder;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const std::string text = ReadAll(entry.path());
      const json dom = json::parse(text, nullptr, false);
      if (dom.is_discarded() || text.find("\"manifest") != std::string::npos) continue;
      Outcome from_json;
      from_json.problems = LoadSnapshot(text, &from_json.snapshot);
      from_json.ok = from_json.problems.empty();
      // A duplicate key does not survive nlohmann's DOM; numbers it keeps as they were.
      if (!from_json.ok && from_json.problems[0].message.find("duplicate") != std::string::npos) continue;
      SCOPED_TRACE(entry.path().string());
      for (const bool typed : {false, true}) {
        const std::vector<uint8_t> bytes = json::to_bjdata(dom, typed, typed);
        const std::string packed(bytes.begin(), bytes.end());
        ExpectSame(from_json, Chunked(packed, 0));
        ExpectSame(from_json, Chunked(packed, 5));
      }
      ++files;
    }
  }
  EXPECT_GT(files, 20u);
}

// A document whose first series' values are `values` (raw BJData), the rest from minimal.json.
std::string WithValues(const std::string& values) {
  json dom = json::parse(Minimal());
  dom["series"][0]["values"] = "@@VALUES@@";
  const std::vector<uint8_t> bytes = json::to_bjdata(dom);
  std::string packed(bytes.begin(), bytes.end());
  const std::string placeholder = std::string("Si\x0a") + "@@VALUES@@";
  const size_t at = packed.find(placeholder);
  EXPECT_NE(at, std::string::npos);
  packed.replace(at, placeholder.size(), values);
  return packed;
}

template <typename T>
std::string Raw(T value) {
  std::string out(sizeof value, '\0');
  std::memcpy(out.data(), &value, sizeof value);
  return out;
}

TEST(PackedReader, EveryTypedArrayTypeIntoTheColumn) {
  struct Case {
    std::string values;
    std::vector<double> expected;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Case> cases = {
      {"[$i#i\x02" + Raw<int8_t>(-5) + Raw<int8_t>(7), {-5, 7}},
      {"[$U#i\x02" + Raw<uint8_t>(200) + Raw<uint8_t>(0), {200, 0}},
      {"[$I#i\x01" + Raw<int16_t>(-30000), {-30000}},
      {"[$u#i\x01" + Raw<uint16_t>(60000), {60000}},
      {"[$l#i\x01" + Raw<int32_t>(-2000000000), {-2000000000}},
      {"[$m#i\x01" + Raw<uint32_t>(4000000000u), {4000000000.0}},
      {"[$L#i\x01" + Raw<int64_t>(-(int64_t{1} << 50)), {-1125899906842624.0}},
      {"[$M#i\x01" + Raw<uint64_t>(uint64_t{1} << 60), {1152921504606846976.0}},
      {"[$h#i\x03" + Raw<uint16_t>(0x3C00) + Raw<uint16_t>(0xC000) + Raw<uint16_t>(0x7E00), {1, -2, nan}},
      {"[$d#i\x02" + Raw<float>(0.5f) + Raw<float>(nan), {0.5, nan}},
      {"[$D#i\x02" + Raw<double>(0.1) + Raw<double>(nan), {0.1, nan}},
      {std::string("[$D#i\0", 6), {}},
      // Untyped and counted arrays go through the events, as in the JSON form.
      {"[i\x01Zd" + Raw<float>(2.5f) + "]", {1, nan, 2.5}},
      {"[#i\x02U\x09NZ", {9, nan}},
  };
  for (const Case& c : cases) {
    const std::string packed = WithValues(c.values);
    SCOPED_TRACE(testing::PrintToString(c.values));
    for (size_t chunk : {0, 1, 2, 3}) {
      const Outcome o = Chunked(packed, chunk);
      ASSERT_TRUE(o.ok) << o.problems.at(0).pointer << ": " << o.problems.at(0).message;
      const std::vector<double>& got = o.snapshot.series[0].values;
      ASSERT_EQ(got.size(), c.expected.size());
      for (size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(testing_support::SameBits(got[i], c.expected[i])) << i;
    }
    ExpectSame(Chunked(packed, 0), Nlohmann(packed));
  }
}

TEST(PackedReader, RefusedElementsNameTheirIndex) {
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    std::string values;
    std::string pointer, message;
  };
  const std::vector<Case> cases = {
      {"[$D#i\x03" + Raw<double>(1) + Raw<double>(2) + Raw<double>(-inf), "/series/0/values/2", "number out of range"},
      {"[$d#i\x02" + Raw<float>(static_cast<float>(inf)) + Raw<float>(1), "/series/0/values/0", "number out of range"},
      {"[$C#i\x01x", "/series/0/values/0", "expected a number or null, found a string"},
      {"[Ti\x01]", "/series/0/values/0", "expected a number or null, found a boolean"},
  };
  for (const Case& c : cases) {
    const std::string packed = WithValues(c.values);
    for (size_t chunk : {0, 1}) {
      const Outcome o = Chunked(packed, chunk);
      ASSERT_FALSE(o.ok);
      EXPECT_EQ(o.problems.at(0).pointer, c.pointer);
      EXPECT_EQ(o.problems.at(0).message, c.message);
      ExpectSame(o, Nlohmann(packed));
    }
  }
}

TEST(PackedReader, TheDayCapHoldsForTypedArrays) {
  const size_t days = kMaxSeriesDays + 5;
  const std::string packed = WithValues("[$U#l" + Raw<int32_t>(static_cast<int32_t>(days)) + std::string(days, '\x01'));
  for (size_t chunk : {0, 1000}) {
    const Outcome o = Chunked(packed, chunk);
    ASSERT_FALSE(o.ok);
    EXPECT_EQ(o.problems.at(0).pointer, "/series/0/values");
    EXPECT_EQ(o.problems.at(0).message, "more than 36600 days");
  }
}

TEST(PackedReader, HostileHeadersFailWithoutAllocating) {
  // Declared lengths far beyond the input: a problem, not an allocation.
  for (const std::string& bytes :
       {std::string("{i\x06series[{i\x06values[$D#M") + Raw<uint64_t>(~uint64_t{0}),
        std::string("{L") + Raw<int64_t>(int64_t{1} << 62) + "abc", std::string("SM") + Raw<uint64_t>(~uint64_t{0}),
        std::string("[$S#i\x01"), std::string("[$Di\x01"), std::string("[#[$i#i\x01\x02"), std::string("{i\x01"
                                                                                                         "aH"),
        std::string("[#i\xFF"), std::string("[]]"), std::string("Z Z")}) {
    SCOPED_TRACE(testing::PrintToString(bytes));
    for (size_t chunk : {0, 1}) {
      const Outcome o = Chunked(bytes, chunk);
      ASSERT_FALSE(o.ok);
      EXPECT_FALSE(o.problems.at(0).message.empty());
    }
  }
}

TEST(PackedReader, GenericFieldsFlowThroughAsEvents) {
  // A field the rules do not know, with every kind of BJData value in it, is ignored like
  // an unknown JSON field: the document still loads, whatever its chunking.
  const std::string packed = PackSnapshot(LoadJson(Minimal()));
  std::string extended = packed.substr(0, packed.size() - 1);
  extended += std::string("i\x05") + "extra" + "{$D#i\x01" + "i\x01" + "a" + Raw<double>(1.5);
  extended += std::string("i\x06") + "extra2" + "[[$M#i\x01" + Raw<uint64_t>(3) + "[$C#i\x02" + "hi" + "SU\x02ok" +
              "h" + Raw<uint16_t>(0x3C00) + "NCz[]{}]";
  extended += "}";
  for (size_t chunk : {0, 1, 5}) {
    const Outcome o = Chunked(extended, chunk);
    ASSERT_TRUE(o.ok) << o.problems.at(0).pointer << ": " << o.problems.at(0).message;
  }
}

TEST(SnapshotIngest, SniffsEitherFormInAnyChunking) {
  const std::string text = Minimal();
  const Snapshot original = LoadJson(text);
  const std::string packed = PackSnapshot(original);
  for (const std::string* bytes : {&text, &packed}) {
    for (size_t chunk : {1, 2, 3, 1000}) {
      SnapshotIngest ingest;
      for (size_t at = 0; at < bytes->size(); at += chunk) ingest.Feed(std::string_view(*bytes).substr(at, chunk));
      EXPECT_EQ(ingest.packed(), bytes == &packed);
      Snapshot s;
      std::vector<Problem> problems;
      ASSERT_TRUE(ingest.Finish(&s, &problems));
      EXPECT_EQ(testing_support::SnapshotDifference(original, s), "");
    }
  }
  // Fewer than two bytes: JSON's own messages.
  for (const std::string& tiny : {std::string(), std::string("{"), std::string("x")}) {
    SnapshotIngest ingest;
    ingest.Feed(tiny);
    Snapshot s;
    std::vector<Problem> problems;
    EXPECT_FALSE(ingest.Finish(&s, &problems));
    const std::vector<Problem> expected = LoadSnapshot(tiny, &s);
    ASSERT_EQ(problems.size(), expected.size());
    EXPECT_EQ(problems[0].pointer, expected[0].pointer);
    EXPECT_EQ(problems[0].message, expected[0].message);
  }
}

}  // namespace
}  // namespace divboard

namespace divboard {
namespace {

TEST(ManifestPacked, APackedTwinIsValidatedLikeThePath) {
  const std::string head = R"({"schema": "divboard.manifest", "version": 1, "snapshots": [{"path": "a.json", )"
                           R"("first": "2026-01-01", "last": "2026-01-31", )";
  Manifest m;
  ASSERT_TRUE(LoadManifest(head + R"("packed": "a.bjd"}]})", &m).empty());
  EXPECT_EQ(m.snapshots.at(0).packed, "a.bjd");
  ASSERT_TRUE(LoadManifest(head + R"("bytes": 1}]})", &m).empty());
  EXPECT_EQ(m.snapshots.at(0).packed, "");
  for (const char* bad : {R"("packed": "https://elsewhere.example/a.bjd"}]})", R"("packed": "../a.bjd"}]})",
                          R"("packed": 5}]})"}) {
    Manifest kept;
    const auto problems = LoadManifest(head + bad, &kept);
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_EQ(problems[0].pointer, "/snapshots/0/packed");
    EXPECT_TRUE(kept.snapshots.empty());
  }
}

}  // namespace
}  // namespace divboard
