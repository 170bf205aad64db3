// The streaming parser must agree with LoadSnapshot on everything: the same Snapshot for a
// valid document, the same problems (pointer and message, syntax errors included) for an
// invalid one, however the text is cut into chunks.
#include "core/snapshot_stream.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/generate.h"
#include "core/snapshot_builder.h"
#include "core/snapshot_json.h"
#include "snapshot_compare.h"

namespace divboard {
namespace {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Feeds `text` in pieces of `chunk` bytes (0: all at once).
std::vector<Problem> Stream(std::string_view text, size_t chunk, Snapshot* out) {
  SnapshotStreamParser parser;
  if (chunk == 0) chunk = text.size() + 1;
  for (size_t at = 0; at < text.size(); at += chunk) {
    // A copy, so the parser cannot keep pointing into a chunk it was given.
    const std::string piece(text.substr(at, chunk));
    parser.Feed(piece.data(), piece.size());
  }
  std::vector<Problem> problems;
  const bool ok = parser.Finish(out, &problems);
  EXPECT_EQ(ok, problems.empty());
  return problems;
}

std::vector<Problem> StreamSplit(std::string_view text, const std::vector<size_t>& cuts, Snapshot* out) {
  SnapshotStreamParser parser;
  size_t from = 0;
  for (size_t cut : cuts) {
    const std::string piece(text.substr(from, cut - from));
    parser.Feed(piece.data(), piece.size());
    from = cut;
  }
  const std::string rest(text.substr(from));
  parser.Feed(rest.data(), rest.size());
  std::vector<Problem> problems;
  parser.Finish(out, &problems);
  return problems;
}

std::string Describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += "  [" + p.pointer + "] " + p.message + "\n";
  return out.empty() ? "  (none)\n" : out;
}

// Returns "" when both agree, else what differs (for the failure message).
std::string Disagreement(std::string_view text, const std::vector<Problem>& dom_problems,
                         const Snapshot& dom, const std::vector<Problem>& streamed,
                         const Snapshot& stream_snapshot) {
  bool same = dom_problems.size() == streamed.size();
  for (size_t i = 0; same && i < streamed.size(); ++i) {
    same = dom_problems[i].pointer == streamed[i].pointer && dom_problems[i].message == streamed[i].message;
  }
  if (!same) {
    return "input (" + std::to_string(text.size()) + " bytes): " + std::string(text.substr(0, 200)) +
           "\nLoadSnapshot:\n" + Describe(dom_problems) + "streaming:\n" + Describe(streamed);
  }
  const std::string diff = testing_support::SnapshotDifference(dom, stream_snapshot);
  if (!diff.empty()) return "snapshots differ: " + diff;
  return "";
}

// Whole, then in the given chunk sizes.
void ExpectAgree(std::string_view text, std::initializer_list<size_t> chunks = {0, 1, 7, 4096}) {
  Snapshot dom;
  const std::vector<Problem> dom_problems = LoadSnapshot(text, &dom);
  for (size_t chunk : chunks) {
    Snapshot streamed;
    const std::vector<Problem> problems = Stream(text, chunk, &streamed);
    const std::string why = Disagreement(text, dom_problems, dom, problems, streamed);
    ASSERT_TRUE(why.empty()) << "chunk " << chunk << "\n" << why;
  }
}

std::string Sample(uint64_t seed) {
  GenerateOptions options;
  options.seed = seed;
  return GenerateSample(options).front().bytes;
}

TEST(SnapshotStream, GeneratedSamplesLoadIdentically) {
  for (uint64_t seed : {1, 2, 7, 12345}) {
    const std::string text = Sample(seed);
    Snapshot dom;
    ASSERT_TRUE(LoadSnapshot(text, &dom).empty());
    ExpectAgree(text, {0, 1000, 4096, 65536, 65537});
  }
}

TEST(SnapshotStream, EveryCorpusFileAgrees) {
  size_t files = 0;
  for (const char* folder : {"good", "bad"}) {
    const std::filesystem::path dir = std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus" / folder;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      ExpectAgree(ReadAll(entry.path()), {0, 1, 3, 64});
      ++files;
    }
  }
  EXPECT_GT(files, 30u);
}

// A small valid snapshot every mutation below starts from (pretty-printed, so positions on
// several lines get tested).
std::string SmallSnapshot() {
  return ReadAll(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/minimal.json");
}

TEST(SnapshotStream, SmallSnapshotIsValid) {
  Snapshot s;
  ASSERT_TRUE(LoadSnapshot(SmallSnapshot(), &s).empty());
  ASSERT_FALSE(s.series.empty());
}

TEST(SnapshotStream, EveryTruncationAgrees) {
  const std::string text = SmallSnapshot();
  for (size_t length = 0; length <= text.size(); ++length) {
    ExpectAgree(std::string_view(text).substr(0, length), {0, 5});
  }
}

// The hosts' optional monthly arrays are read straight into columns, not DOM nodes (as the
// series' values are): every truncation and byte flip of a file that has them agrees too.
TEST(SnapshotStream, HostMonthsAgreeUnderDamage) {
  const std::string text =
      ReadAll(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/host-monthly.json");
  const size_t from = text.find("\"monthly\"");
  ASSERT_NE(from, std::string::npos);
  for (size_t length = from; length <= text.size(); ++length) {
    ExpectAgree(std::string_view(text).substr(0, length), {0, 5});
  }
  for (size_t at = from; at < text.size(); ++at) {
    for (char replacement : {'"', ',', ']', '-', 'n', '0', '{'}) {
      std::string mutated = text;
      mutated[at] = replacement;
      ExpectAgree(mutated, {0, 3});
    }
  }
}

std::string HostMonthly() {
  return ReadAll(std::filesystem::path(DIVBOARD_SOURCE_DIR) / "tests/corpus/good/host-monthly.json");
}

// `text` with its first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Repeat(const std::string& item, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? ", " : "") + item;
  return out;
}

// What the monthly columns check element by element, and around them, for both loaders.
TEST(SnapshotStream, HostMonthColumnsAgreeWithTheDom) {
  const std::string text = HostMonthly();
  const std::string sessions = "\"sessions\": [30, 40, 26]";
  const std::string months_of_each = "\"start\": \"2026-09-01\", ";
  const std::vector<std::string> cases = {
      // Each kind of element that is not a valid number, nested containers included.
      Replaced(text, sessions, "\"sessions\": [30, null, true, \"x\", -1, [1, [2]], {\"a\": 1}]"),
      // More bad elements than problems are kept.
      Replaced(text, sessions, "\"sessions\": [" + Repeat("null", 80) + "]"),
      // Over the months cap: one problem for the column, none for its elements.
      Replaced(text, sessions, "\"sessions\": [" + Repeat("-1", 1201) + "]"),
      Replaced(text, sessions, "\"sessions\": [" + Repeat("1", 1200) + "]"),
      // A column twice, as arrays or not; a column that is not an array; one missing.
      Replaced(text, sessions, sessions + ", " + sessions),
      Replaced(text, sessions, "\"sessions\": 3, " + sessions),
      Replaced(text, sessions, sessions + ", \"sessions\": 3"),
      Replaced(text, sessions, "\"sessions\": {\"a\": [1]}"),
      Replaced(text, sessions + ", ", ""),
      // Lengths that differ; an empty column; an unknown key holding an array.
      Replaced(text, sessions, "\"sessions\": [30, 40]"),
      Replaced(text, sessions, "\"sessions\": [], \"extra\": [1, null]"),
      // "monthly" that is an array of arrays, and monthly-like arrays where no host is.
      Replaced(text, "\"monthly\": {" + months_of_each, "\"monthly\": [[1], {\"sessions\": [1]}], \"x\": {"),
      Replaced(text, "\"values\": [100, 101, null, 103]",
               "\"values\": [100, 101, null, 103], \"monthly\": {\"sessions\": [null]}"),
      // A second host with the same id (refused before its months are read), and a good one.
      Replaced(text, "}}]}", "}}, " + text.substr(text.find("{\"id\": \"h0001\""), text.size() - 2 - text.find("{\"id\": \"h0001\"")) + "]}"),
      Replaced(Replaced(text, "}}]}", "}}, " + text.substr(text.find("{\"id\": \"h0001\""), text.size() - 2 - text.find("{\"id\": \"h0001\"")) + "]}"),
               "\"h0001\"", "\"h0000\""),
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    ExpectAgree(cases[i], {0, 1, 3});
  }
  // The pointer names the element, as the DOM loader's does.
  Snapshot s;
  const std::vector<Problem> problems = Stream(cases[0], 5, &s);
  ASSERT_GE(problems.size(), 6u);
  EXPECT_EQ(problems[0].pointer, "/hosts/0/monthly/sessions/1");
  EXPECT_EQ(problems[0].message, "expected a number, found null");
  EXPECT_EQ(problems[3].pointer, "/hosts/0/monthly/sessions/4");
  EXPECT_EQ(problems[3].message, "must not be negative");
  EXPECT_EQ(problems[4].message, "expected a number, found an array");
  const std::vector<Problem> capped = Stream(cases[2], 0, &s);
  ASSERT_EQ(capped.size(), 1u);
  EXPECT_EQ(capped[0].pointer, "/hosts/0/monthly/sessions");
  EXPECT_EQ(capped[0].message, "more than 1200 months");
}

// Hosts are checked as soon as each is parsed, their id's uniqueness and category later
// (rules::CheckHost): the problems and their order must still be the DOM loader's.
TEST(SnapshotStream, HostChecksAgreeWithTheDom) {
  const std::string text = HostMonthly();
  const size_t hosts_at = text.find("\"hosts\": [");
  ASSERT_NE(hosts_at, std::string::npos);
  const std::string hosts = text.substr(hosts_at, text.rfind('}') - hosts_at);  // "hosts": [...]
  const std::string host = hosts.substr(hosts.find('{'), hosts.size() - 1 - hosts.find('{'));
  const std::string fields = "\"category\": \"fashion\", \"fans\": 182000";
  std::string many_bad;  // more problems than are kept, two per host
  for (int i = 0; i < 40; ++i) {
    many_bad += ", " + Replaced(Replaced(host, "h0001", "h1" + std::to_string(100 + i)), fields,
                                "\"category\": \"toys\", \"fans\": -1");
  }
  const std::vector<std::string> cases = {
      Replaced(text, fields, "\"category\": \"toys\", \"fans\": 182000"),
      Replaced(text, fields, "\"category\": 5, \"fans\": \"many\""),
      Replaced(text, fields, "\"fans\": 182000"),
      Replaced(text, "\"name\": \"\u6797\u77e5\u590f\", ", ""),
      Replaced(text, "\"name_latin\": \"Lin Zhixia\"", "\"name_latin\": [1]"),
      Replaced(text, "\"id\": \"h0001\"", "\"id\": \"\""),
      Replaced(text, "\"id\": \"h0001\", ", ""),
      Replaced(text, "\"hosts\": [", "\"hosts\": [7, \"x\", "),
      // A second host with the same id and bad figures: only the id is reported for it.
      Replaced(text, "}}]}", "}}, " + Replaced(host, fields, "\"category\": \"toys\", \"fans\": -1") + "]}"),
      // The same, the first one bad: the second is then the first good one with that id.
      Replaced(Replaced(text, fields, "\"category\": \"toys\", \"fans\": 1"), "}}]}", "}}, " + host + "]}"),
      // No category dimension; hosts before the dimensions, one unknown; many bad hosts.
      Replaced(text, "{\"id\": \"category\"", "{\"id\": \"kind\""),
      "{" + Replaced(hosts, fields, "\"category\": \"toys\", \"fans\": 1") + ", " + Replaced(text, ", " + hosts, "").substr(1),
      Replaced(text, "}}]}", "}}" + many_bad + "]}"),
  };
  Snapshot s_unused;
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    ExpectAgree(cases[i], {0, 1, 3});
    Snapshot dom;
    EXPECT_FALSE(LoadSnapshot(cases[i], &dom).empty()) << "case " << i << " should be refused";
  }
  // The order is LoadSnapshot's as it always was (both loaders share rules::CheckHost): the
  // fields, then the category's membership, then the figures.
  const std::vector<Problem> ordered = LoadSnapshot(
      Replaced(Replaced(text, fields, "\"category\": \"toys\", \"fans\": -1"), "\"name_latin\": \"Lin Zhixia\"",
               "\"name_latin\": 3"),
      &s_unused);
  ASSERT_EQ(ordered.size(), 3u) << Describe(ordered);
  EXPECT_EQ(ordered[0].pointer, "/hosts/0/name_latin");
  EXPECT_EQ(ordered[1].pointer, "/hosts/0/category");
  EXPECT_EQ(ordered[1].message, "unknown category \"toys\"");
  EXPECT_EQ(ordered[2].pointer, "/hosts/0/fans");
  // Hosts before the dimensions are still read.
  const std::string hosts_first = "{" + hosts + ", " + Replaced(text, ", " + hosts, "").substr(1);
  ExpectAgree(hosts_first, {0, 1, 3});
  Snapshot s;
  ASSERT_TRUE(Stream(hosts_first, 7, &s).empty());
  ASSERT_EQ(s.hosts.size(), 1u);
  EXPECT_EQ(s.hosts[0].category, 0);
}

// The memory goal (docs/performance.md, "Memory"): the monthly arrays never become DOM nodes.
TEST(SnapshotStream, HostMonthsAreReadAsColumns) {
  const std::string text = HostMonthly();
  SnapshotBuilder builder;
  ASSERT_TRUE(nlohmann::json::sax_parse(text, &builder));
  EXPECT_EQ(builder.MonthColumnsRead(), 5u);
  Snapshot s;
  ASSERT_TRUE(builder.Validate(&s).empty());
  ASSERT_EQ(s.hosts.size(), 1u);
  EXPECT_EQ(s.hosts[0].monthly.gmv, (std::vector<double>{12000000, 16000000, 13250000}));
  // A big generated snapshot: every host's five columns.
  const std::string sample = Sample(1);
  SnapshotBuilder big;
  ASSERT_TRUE(nlohmann::json::sax_parse(sample, &big));
  Snapshot loaded;
  ASSERT_TRUE(big.Validate(&loaded).empty());
  ASSERT_GT(loaded.hosts.size(), 100u);
  EXPECT_EQ(big.MonthColumnsRead(), 5 * loaded.hosts.size());
}

// Likewise the host objects: each is checked as soon as it is parsed (rules::CheckHost) and
// its DOM nodes freed, with the hosts as the DOM loader reads them.
TEST(SnapshotStream, HostsAreCheckedWhileParsing) {
  const std::string sample = Sample(1);
  SnapshotBuilder builder;
  ASSERT_TRUE(nlohmann::json::sax_parse(sample, &builder));
  Snapshot streamed;
  const size_t packed = builder.HostsCheckedWhileParsing();
  ASSERT_TRUE(builder.Validate(&streamed).empty());
  ASSERT_GT(streamed.hosts.size(), 100u);
  EXPECT_EQ(packed, streamed.hosts.size());
  Snapshot dom;
  ASSERT_TRUE(LoadSnapshot(sample, &dom).empty());
  ASSERT_EQ(dom.hosts.size(), streamed.hosts.size());
  for (size_t i = 0; i < dom.hosts.size(); ++i) {
    SCOPED_TRACE("host " + std::to_string(i));
    const Host& a = dom.hosts[i];
    const Host& b = streamed.hosts[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.name_latin, b.name_latin);
    EXPECT_EQ(a.category, b.category);
    EXPECT_EQ(a.fans, b.fans);
    EXPECT_EQ(a.gmv, b.gmv);
    EXPECT_EQ(a.purchasing_users, b.purchasing_users);
    EXPECT_EQ(a.monthly.start, b.monthly.start);
    EXPECT_EQ(a.monthly.orders, b.monthly.orders);
  }
}

TEST(SnapshotStream, EveryChunkBoundaryAgrees) {
  const std::string text = SmallSnapshot();
  Snapshot dom;
  const std::vector<Problem> expected = LoadSnapshot(text, &dom);
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    Snapshot streamed;
    const auto problems = StreamSplit(text, {cut}, &streamed);
    ASSERT_EQ(Disagreement(text, expected, dom, problems, streamed), "") << "cut at " << cut;
  }
  // Two cuts close together: a token spread over three chunks.
  for (size_t cut = 0; cut + 3 <= text.size(); ++cut) {
    Snapshot streamed;
    const auto problems = StreamSplit(text, {cut, cut + 1, cut + 3}, &streamed);
    ASSERT_EQ(Disagreement(text, expected, dom, problems, streamed), "") << "cuts at " << cut;
  }
}

TEST(SnapshotStream, EveryByteFlipAgrees) {
  const std::string text = SmallSnapshot();
  const char replacements[] = {'"', ',', '}', ']', '\\', '\n', '1', '-', '.', 'e', 'x', ' ', '\x01', '\x80', '\xEF', '{', '['};
  for (size_t at = 0; at < text.size(); ++at) {
    for (char replacement : replacements) {
      std::string mutated = text;
      mutated[at] = replacement;
      ExpectAgree(mutated, {0, 3});
    }
  }
}

TEST(SnapshotStream, RandomMutationsAgree) {
  const std::string text = SmallSnapshot();
  std::mt19937_64 random(20261128);
  const std::string alphabet = "{}[]:,\"\\ntrufalse0123456789-+.eE \n\t\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\xED\xA0\x80/u";
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = text;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits && !mutated.empty(); ++e) {
      const size_t at = random() % mutated.size();
      switch (random() % 4) {
        case 0: mutated[at] = alphabet[random() % alphabet.size()]; break;
        case 1: mutated.insert(at, 1, alphabet[random() % alphabet.size()]); break;
        case 2: mutated.erase(at, 1 + random() % 8); break;
        default: mutated.insert(at, mutated.substr(random() % mutated.size(), random() % 16)); break;
      }
    }
    ExpectAgree(mutated, {0, 1 + random() % 50});
  }
}

TEST(SnapshotStream, TrickyTextAgrees) {
  const std::string valid = SmallSnapshot();
  const std::vector<std::string> cases = {
      "", " ", "\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF\xEF\xBB\xBF{}", "\xEF\xBB\xBF\xEF\xBB", "\xEF", "\xEF\xBB",
      "\xEFx", "[1", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}", "1\n2",
      "12\n x", "[12\n,x]", "{\"a\":12\n}x", "\"\\ud800\"", "\"\\ud800\\u0041\"", "\"\\udc00\"",
      "\"\\ud800x\"", "\"\\ud800\\x\"", "\"\\u12\"", "\"\\u12", "\"\\", "\"abc", "\"a\x01\"", "\"a\tb\"",
      "\"\xC3\"", "\"\xC3", "\"\xE0\x80\x80\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xFF\"",
      "-", "-x", "1.", "1.x", "1e", "1e+", "1ex", "-0", "01", "1e400", "-1e400", "[1e400]",
      "123456789012345678901234567890", "-9223372036854775808", "-9223372036854775809",
      "18446744073709551615", "18446744073709551616", "tru", "trux", "nul", "nullx", "[null,nul]",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
      "{\"a\":1,\"a\":2}", "{\"series\":[{\"values\":[1,2],\"values\":[3]}]}",
      "{\"series\":[{\"values\":1,\"values\":[3]}]}", "{\"series\":[{\"values\":[1,[2,{\"x\":1,\"x\":2}]]}]}",
      "{\"series\":[{\"values\":[1,\"a\",true,null,{},[]]}]}", "{\"series\":[{\"values\":[1,x]}]}",
      "{\"series\":[{\"values\":[1e400]}]}", "{\"series\":[{\"values\":[-0,-0.0,0.1,1e-400]}]}",
      "{\"series\":[{\"values\":[1,2,3]\n}]\n,\n\"x\" 1}", "{} x", "{} 12", "{}\n\n  ]", "{}   ",
      "<html><body>502 Bad Gateway</body></html>", "{\"schema\":\"divboard.snapshot\",\"version\":2}",
  };
  for (const std::string& text : cases) ExpectAgree(text);
  // Values arrays in a valid snapshot: every refusal reported per element, nulls kept.
  std::string with_bad_values = valid;
  const size_t values = with_bad_values.find("\"values\"");
  ASSERT_NE(values, std::string::npos);
  const size_t open = with_bad_values.find('[', values);
  with_bad_values.insert(open + 1, "null, \"x\", true, {\"a\":[1]}, [2], 1e-400, -0, ");
  ExpectAgree(with_bad_values);
}

TEST(SnapshotStream, LongValuesArraysAndTheDayCap) {
  std::string text = SmallSnapshot();
  const size_t open = text.find('[', text.find("\"values\""));
  std::string many;
  for (int i = 0; i < 36601; ++i) many += std::to_string(i % 7 == 0 ? -i : i) + (i % 5 == 0 ? ".5," : ",");
  std::string over = text;
  over.insert(open + 1, many);
  ExpectAgree(over, {0, 4096});
  std::string exactly = text;
  std::string fewer;
  for (int i = 0; i < 1000; ++i) fewer += std::to_string(i * 1234567) + (i % 3 == 0 ? "e-3," : ",");
  exactly.insert(open + 1, fewer);
  ExpectAgree(exactly, {0, 1, 333});
}

TEST(SnapshotStream, FailedIsKnownEarly) {
  SnapshotStreamParser parser;
  parser.Feed(std::string_view("{\"schema\": tru"));
  EXPECT_FALSE(parser.failed());
  parser.Feed(std::string_view("x, "));
  EXPECT_TRUE(parser.failed());
  std::vector<Problem> problems;
  Snapshot untouched;
  untouched.currency = "keep";
  EXPECT_FALSE(parser.Finish(&untouched, &problems));
  EXPECT_EQ(untouched.currency, "keep");
  ASSERT_EQ(problems.size(), 1u);
}

TEST(SnapshotStream, NulAfterASyntaxErrorIsStillTheProblem) {
  // LoadSnapshot looks for NUL bytes before parsing: so must the stream, even past an error.
  ExpectAgree(std::string("{\"a\": x ... \0 more", 18), {0, 1, 4});
}

TEST(SnapshotStream, LoadSnapshotStreamingIsTheWholeTextAtOnce) {
  const std::string text = Sample(3);
  Snapshot a, b;
  ASSERT_TRUE(LoadSnapshotStreaming(text, &a).empty());
  ASSERT_TRUE(LoadSnapshot(text, &b).empty());
  EXPECT_EQ(testing_support::SnapshotDifference(a, b), "");
}

}  // namespace
}  // namespace divboard
