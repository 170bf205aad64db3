// The page may only fetch same-origin relative paths: anything that could reach another host,
// run a script or climb out of the data folder must be refused, however it is spelled.
#include "core/url_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace divboard {
namespace {

TEST(UrlPolicyTest, PlainRelativePathsAreAccepted) {
  const char* const kGood[] = {
      "data/snapshot-2026-11-27.json", "./a.json", "a.json", "a/b/c.json", "snap_1~old.json",
      "...json",  // dots inside a name are not a '..' segment
      "..a/b.json",
  };
  for (const char* path : kGood) EXPECT_EQ(CheckRelativePath(path), "") << path;
}

TEST(UrlPolicyTest, EverythingElseIsRefusedWithAReason) {
  const std::string kBad[] = {
      "",
      "/abs.json",
      "https://x/y",
      "//host/x",
      "javascript:alert(1)",
      "data:text/plain,x",
      "a\\b",
      "..%2Fx",
      "%2e%2e/x",
      "a/../b",
      "../x",
      "..",
      "a/..",
      "a//b",
      "dir/",
      " a.json",
      "a.json ",
      "a b.json",
      "a\tb.json",
      "a.json\n",
      std::string("a\0.json", 7),
      "\x01" "a.json",
      "a\x7F.json",
      "\xE6\x95\xB0.json",  // non-ASCII
      "a.json?x=1",
      "a.json#top",
      "a;b.json",
      "C:\\data\\a.json",
  };
  for (const std::string& path : kBad) {
    EXPECT_NE(CheckRelativePath(path), "") << '"' << path << '"';
  }
}

TEST(UrlPolicyTest, ReasonsNameTheRule) {
  EXPECT_NE(CheckRelativePath("https://x/y").find("scheme"), std::string::npos);
  EXPECT_NE(CheckRelativePath("a/../b").find(".."), std::string::npos);
  EXPECT_NE(CheckRelativePath("%2e%2e/x").find("percent"), std::string::npos);
  EXPECT_NE(CheckRelativePath("a\\b").find("backslash"), std::string::npos);
}

TEST(UrlPolicyTest, LengthIsCappedAt512) {
  EXPECT_EQ(CheckRelativePath(std::string(507, 'a') + ".json"), "");
  EXPECT_NE(CheckRelativePath(std::string(508, 'a') + ".json"), "");
}

TEST(UrlPolicyTest, ResolveAgainstTheManifestFolder) {
  EXPECT_EQ(ResolveRelative("data/manifest.json", "a.json"), "data/a.json");
  EXPECT_EQ(ResolveRelative("manifest.json", "a.json"), "a.json");
  EXPECT_EQ(ResolveRelative("a/b/manifest.json", "c/d.json"), "a/b/c/d.json");
  EXPECT_EQ(ResolveRelative("data/", "x.json"), "data/x.json");
}

}  // namespace
}  // namespace divboard
