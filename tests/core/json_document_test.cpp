// The untrusted-JSON gate: what it refuses and where (by JSON pointer) it says it stopped.
#include "core/json_document.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/problems.h"

namespace divboard {
namespace {

using nlohmann::json;

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// Parses `text` expecting a refusal at `pointer` whose message mentions `part`.
::testing::AssertionResult RefusedAt(const std::string& text, const std::string& pointer,
                                     const std::string& part) {
  json out;
  Problem problem{"unset", "unset"};
  if (ParseJsonDocument(text, &out, &problem)) {
    return ::testing::AssertionFailure() << "accepted: " << text.substr(0, 80);
  }
  if (problem.pointer != pointer) {
    return ::testing::AssertionFailure()
           << "pointer \"" << problem.pointer << "\", expected \"" << pointer
           << "\" (message: " << problem.message << ")";
  }
  if (problem.message.find(part) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "message \"" << problem.message << "\" does not mention \"" << part << "\"";
  }
  return ::testing::AssertionSuccess();
}

TEST(JsonDocumentTest, ParsesTheSameDomAsNlohmann) {
  const std::string text =
      R"({"a": [1, -2, 3.5, true, false, null, "x\u00e9"], "b": {"c": {}, "d": []},)"
      R"( "e": 18446744073709551615, "f": -9223372036854775808, "g": 1e308})";
  json out;
  Problem problem;
  ASSERT_TRUE(ParseJsonDocument(text, &out, &problem)) << problem.message;
  const json reference = json::parse(text, nullptr, false);
  ASSERT_FALSE(reference.is_discarded());
  EXPECT_EQ(out, reference);
  EXPECT_EQ(out["a"][6], "x\xC3\xA9");
  EXPECT_EQ(out["g"].get<double>(), 1e308);
}

TEST(JsonDocumentTest, TruncationIsReportedWhereItStopped) {
  EXPECT_TRUE(RefusedAt(R"({"a":[1,2,{"b":[3,)", "/a/2/b/1", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"({"divisions":[{"id":"x","name":)", "/divisions/0/name",
                        "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"({"a":{"b":{"c":)", "/a/b/c", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"([[1,2],[3,)", "/1/1", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"([[1],)", "/1", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"([{"a":)", "/0/a", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"({"x":{)", "/x", "unexpected end of input"));
  EXPECT_TRUE(RefusedAt(R"({"a":[1],"b":tru)", "/b", ""));
}

TEST(JsonDocumentTest, PointerTokensAreEscaped) {
  EXPECT_TRUE(RefusedAt(R"({"a/b~c":[1,)", "/a~1b~0c/1", "unexpected end of input"));
}

TEST(JsonDocumentTest, DuplicateKeysAreRefusedAtTheSecondOne) {
  EXPECT_TRUE(RefusedAt(R"({"a":1,"a":1})", "/a", "duplicate key \"a\""));
  EXPECT_TRUE(RefusedAt(R"({"x":[0,{"k":1,"j":2,"k":3}]})", "/x/1/k", "duplicate key"));
  // The same key in different objects is fine.
  json out;
  Problem problem;
  EXPECT_TRUE(ParseJsonDocument(R"({"k":{"k":{"k":1}},"j":[{"k":1},{"k":2}]})", &out, &problem))
      << problem.message;
}

TEST(JsonDocumentTest, NestingIsCappedAt64Levels) {
  json out;
  Problem problem;
  const std::string ok_arrays = Repeat("[", 64) + Repeat("]", 64);
  EXPECT_TRUE(ParseJsonDocument(ok_arrays, &out, &problem)) << problem.message;
  const std::string ok_objects = Repeat("{\"a\":", 63) + "{}" + Repeat("}", 63);
  EXPECT_TRUE(ParseJsonDocument(ok_objects, &out, &problem)) << problem.message;

  EXPECT_TRUE(RefusedAt(Repeat("[", 65) + Repeat("]", 65), Repeat("/0", 64),
                        "nesting deeper than 64 levels"));
  EXPECT_TRUE(RefusedAt(Repeat("{\"a\":", 64) + "{}" + Repeat("}", 64), Repeat("/a", 64),
                        "nesting deeper than 64 levels"));
}

TEST(JsonDocumentTest, AHundredThousandLevelsAreRefusedQuickly) {
  const int depth = 100000;
  const std::string text = Repeat("[", depth) + Repeat("]", depth);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(RefusedAt(text, Repeat("/0", 64), "nesting"));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
  // An unterminated bomb must not be walked to its end either.
  EXPECT_TRUE(RefusedAt(Repeat("[", depth), Repeat("/0", 64), "nesting"));
}

TEST(JsonDocumentTest, NulBytesAreRefusedWithTheirOffset) {
  EXPECT_TRUE(RefusedAt(std::string("[1]\0garbage", 11), "", "NUL byte at offset 3"));
  EXPECT_TRUE(RefusedAt(std::string("{\"a\":\"x\0y\"}", 11), "", "NUL byte at offset 7"));
  EXPECT_TRUE(RefusedAt(std::string("\0", 1), "", "NUL byte at offset 0"));
}

TEST(JsonDocumentTest, AByteOrderMarkIsSkipped) {
  json out;
  Problem problem;
  ASSERT_TRUE(ParseJsonDocument("\xEF\xBB\xBF{\"a\":1}", &out, &problem)) << problem.message;
  EXPECT_EQ(out["a"], 1);
  // A mark alone is an empty document, and a mark after the value is garbage.
  EXPECT_TRUE(RefusedAt("\xEF\xBB\xBF", "", "empty document"));
  EXPECT_TRUE(RefusedAt("{\"a\":1}\xEF\xBB\xBF", "", ""));
}

TEST(JsonDocumentTest, NumbersMustFitADouble) {
  EXPECT_TRUE(RefusedAt("[1e400]", "/0", "number overflow"));
  EXPECT_TRUE(RefusedAt("[-1e400]", "/0", "number overflow"));
  EXPECT_TRUE(RefusedAt(R"({"v":1e400})", "/v", "number overflow"));
  EXPECT_TRUE(RefusedAt("[1" + std::string(400, '0') + "]", "/0", "number overflow"));
  json out;
  Problem problem;
  ASSERT_TRUE(ParseJsonDocument("[1e308, -1e308]", &out, &problem)) << problem.message;
  EXPECT_EQ(out[0].get<double>(), 1e308);
  EXPECT_EQ(out[1].get<double>(), -1e308);
}

TEST(JsonDocumentTest, EmptyAndNonJsonTextIsRefused) {
  EXPECT_TRUE(RefusedAt("", "", "empty document"));
  EXPECT_TRUE(RefusedAt("   ", "", ""));
  EXPECT_TRUE(RefusedAt("[1] x", "", ""));
  EXPECT_TRUE(RefusedAt("<html><body>502 Bad Gateway</body></html>", "", ""));
  EXPECT_TRUE(RefusedAt("[NaN]", "/0", ""));
  EXPECT_TRUE(RefusedAt("{\"tz\":\"\xff\xfe\"}", "/tz", "ill-formed UTF-8"));
}

TEST(JsonDocumentTest, ProblemsPrintWithTheirPointer) {
  EXPECT_EQ(PointerToken("a/b~c"), "/a~1b~0c");
  EXPECT_EQ(PointerToken(""), "/");
  EXPECT_EQ(FormatProblem("f.json", Problem{"", "empty document"}), "f.json: /: empty document");
  EXPECT_EQ(FormatProblem("f.json", Problem{"/a/0", "bad"}), "f.json: /a/0: bad");
}

}  // namespace
}  // namespace divboard
