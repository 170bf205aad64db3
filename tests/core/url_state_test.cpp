// The view's state in the URL hash: what parses, what is refused with a notice, what hostile
// input does, and that formatting omits defaults and round-trips.
#include "core/url_state.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace divboard {
namespace {

const size_t kMaxNoticeLength = 120;

// Every notice is non-empty, bounded and free of ASCII control characters (C0 and DEL).
void ExpectCleanNotices(const ParsedUrlState& parsed, const std::string& input) {
  for (const std::string& notice : parsed.notices) {
    EXPECT_FALSE(notice.empty());
    EXPECT_LE(notice.size(), kMaxNoticeLength) << notice;
    for (char c : notice) {
      const unsigned char u = static_cast<unsigned char>(c);
      EXPECT_FALSE(u < 0x20 || u == 0x7F) << "byte " << static_cast<int>(u) << " in notice for input of "
                                          << input.size() << " bytes";
    }
  }
}

void ExpectState(const UrlState& s, const char* view, const char* theme, const char* locale) {
  EXPECT_EQ(s.view, view);
  EXPECT_EQ(s.theme, theme);
  EXPECT_EQ(s.locale, locale);
}

bool AnyNoticeContains(const ParsedUrlState& parsed, const std::string& text) {
  for (const std::string& n : parsed.notices) {
    if (n.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(UrlStateTest, DefaultsAreOverviewDarkEnglish) {
  const UrlState s;
  ExpectState(s, "overview", "dark", "en");
}

TEST(UrlStateTest, ParsesAFullHash) {
  const ParsedUrlState p = ParseUrlHash("#view=gallery&theme=light&lang=zh");
  ExpectState(p.state, "gallery", "light", "zh");
  EXPECT_TRUE(p.notices.empty());
  // The keys in any order, without the '#'.
  const ParsedUrlState q = ParseUrlHash("lang=zh&view=gallery&theme=light");
  ExpectState(q.state, "gallery", "light", "zh");
  EXPECT_TRUE(q.notices.empty());
}

TEST(UrlStateTest, ParsesOneKeyWithoutHashSign) {
  const ParsedUrlState p = ParseUrlHash("view=overview");
  ExpectState(p.state, "overview", "dark", "en");
  EXPECT_TRUE(p.notices.empty());
  const ParsedUrlState g = ParseUrlHash("view=gallery");
  ExpectState(g.state, "gallery", "dark", "en");
  EXPECT_TRUE(g.notices.empty());
  const ParsedUrlState t = ParseUrlHash("#theme=light");
  ExpectState(t.state, "overview", "light", "en");
  EXPECT_TRUE(t.notices.empty());
}

TEST(UrlStateTest, EmptyHashesGiveDefaultsWithoutNotices) {
  for (const char* hash : {"", "#", "&&&&", "#&", "#&&&&&&&&"}) {
    const ParsedUrlState p = ParseUrlHash(hash);
    ExpectState(p.state, "overview", "dark", "en");
    EXPECT_TRUE(p.notices.empty()) << hash;
  }
}

TEST(UrlStateTest, PercentEncodedKeysAndValuesAreDecoded) {
  ExpectState(ParseUrlHash("view=%67allery").state, "gallery", "dark", "en");
  ExpectState(ParseUrlHash("view=%67%61%6c%6c%65%72%79").state, "gallery", "dark", "en");
  ExpectState(ParseUrlHash("theme=%6C%69ght").state, "overview", "light", "en");  // upper-case hex
  ExpectState(ParseUrlHash("%76iew=gallery&%6C%61%6E%67=zh").state, "gallery", "dark", "zh");
  EXPECT_TRUE(ParseUrlHash("#%76%69%65%77=%67allery").notices.empty());
  // An escape that decodes to something else is a bad value.
  const ParsedUrlState p = ParseUrlHash("view=%47allery");  // "Gallery"
  EXPECT_EQ(p.state.view, "overview");
  EXPECT_EQ(p.notices.size(), 1u);
}

TEST(UrlStateTest, UnknownKeysAreIgnoredWithANotice) {
  const ParsedUrlState p = ParseUrlHash("#foo=bar&view=gallery");
  ExpectState(p.state, "gallery", "dark", "en");
  ASSERT_EQ(p.notices.size(), 1u);
  EXPECT_TRUE(AnyNoticeContains(p, "foo")) << p.notices[0];
  // Keys are case-sensitive.
  const ParsedUrlState upper = ParseUrlHash("VIEW=gallery");
  ExpectState(upper.state, "overview", "dark", "en");
  EXPECT_EQ(upper.notices.size(), 1u);
  ExpectCleanNotices(upper, "VIEW=gallery");
}

TEST(UrlStateTest, BadValuesKeepDefaultsWithANoticeEach) {
  const ParsedUrlState p = ParseUrlHash("view=grid&theme=blue&lang=fr&x=1");
  ExpectState(p.state, "overview", "dark", "en");
  ASSERT_EQ(p.notices.size(), 4u);
  EXPECT_TRUE(AnyNoticeContains(p, "grid"));
  EXPECT_TRUE(AnyNoticeContains(p, "blue"));
  EXPECT_TRUE(AnyNoticeContains(p, "fr"));
  // A bad value for one key does not disturb the valid others.
  const ParsedUrlState mixed = ParseUrlHash("view=gallery&theme=LIGHT&lang=zh");
  ExpectState(mixed.state, "gallery", "dark", "zh");
  EXPECT_EQ(mixed.notices.size(), 1u);
  ExpectCleanNotices(mixed, "mixed");
}

TEST(UrlStateTest, AHugeHashIsIgnoredWithOneNotice) {
  std::string huge = "#";
  while (huge.size() < 100 * 1024) huge += "view=gallery&theme=light&";
  const ParsedUrlState p = ParseUrlHash(huge);
  ExpectState(p.state, "overview", "dark", "en");
  ASSERT_EQ(p.notices.size(), 1u);
  ExpectCleanNotices(p, huge);
  // Also when the huge hash is junk that would otherwise give a notice per pair.
  const std::string junk(100 * 1024, '\x01');
  const ParsedUrlState j = ParseUrlHash(junk);
  ExpectState(j.state, "overview", "dark", "en");
  EXPECT_EQ(j.notices.size(), 1u);
  ExpectCleanNotices(j, junk);
  std::string many;
  while (many.size() < 100 * 1024) many += "a&";
  EXPECT_EQ(ParseUrlHash(many).notices.size(), 1u);
}

TEST(UrlStateTest, ALongButReasonableHashIsStillParsed) {
  // ~1 KB of empty pairs before the real setting.
  const std::string hash = "#" + std::string(1000, '&') + "view=gallery";
  const ParsedUrlState p = ParseUrlHash(hash);
  ExpectState(p.state, "gallery", "dark", "en");
  EXPECT_TRUE(p.notices.empty());
}

TEST(UrlStateTest, MalformedPairsGiveNoticesAndKeepDefaults) {
  struct Case {
    const char* hash;
    size_t notices;
  };
  const Case cases[] = {
      {"=", 1},               // empty key
      {"==", 1},
      {"view", 1},            // key without '='
      {"view=", 1},           // empty value
      {"view=gallery=x", 1},  // '=' inside the value
      {"view=%zz", 1},        // invalid escapes stay literal and fail validation
      {"view=%", 1},
      {"view=%6", 1},
      {"view=gallery%", 1},
      {"view=%67allery%", 1},
      {"view=gal+lery", 1},
      {"%zz=gallery", 1},
      {"%=%", 1},
      {"##view=gallery", 1},  // only one '#' is stripped: key "#view" is unknown
      {"&=&view&=gallery&", 3},
  };
  for (const Case& c : cases) {
    const ParsedUrlState p = ParseUrlHash(c.hash);
    ExpectState(p.state, "overview", "dark", "en");
    EXPECT_EQ(p.notices.size(), c.notices) << c.hash;
    ExpectCleanNotices(p, c.hash);
  }

  // Invalid escapes are kept literally, and quoted so in the notice.
  const ParsedUrlState zz = ParseUrlHash("view=%zz");
  ASSERT_EQ(zz.notices.size(), 1u);
  EXPECT_NE(zz.notices[0].find("\"%zz\""), std::string::npos) << zz.notices[0];
  // An escape cut by the end of the input is not completed from the bytes after it: the
  // hash is "view=%6" inside a buffer that continues with "7allery".
  const std::string_view cut = std::string_view("view=%67allery").substr(0, 7);
  const ParsedUrlState c6 = ParseUrlHash(cut);
  ExpectState(c6.state, "overview", "dark", "en");
  ASSERT_EQ(c6.notices.size(), 1u);
  EXPECT_NE(c6.notices[0].find("\"%6\""), std::string::npos) << c6.notices[0];
}

TEST(UrlStateTest, ControlCharactersNeverReachNotices) {
  const std::vector<std::string> inputs = {
      "view=gal\x01lery",
      "view=gallery\n",
      "\x1b[31mred\x1b[0m=1",
      "view=%0Agallery",        // decoded newline
      "view=%1B%5B2J",          // decoded escape sequence
      "theme=%7F",              // DEL
      "lang=\r\n\t",
      "%0D%0A=%0D%0A",          // decoded CR LF as key and value
  };
  for (const std::string& in : inputs) {
    const ParsedUrlState p = ParseUrlHash(in);
    ExpectState(p.state, "overview", "dark", "en");
    EXPECT_EQ(p.notices.size(), 1u) << in.size();
    ExpectCleanNotices(p, in);
  }
  // Every single byte as a value and as a key: never a control character in a notice.
  for (int b = 0; b < 256; ++b) {
    const std::string byte(1, static_cast<char>(b));
    ExpectCleanNotices(ParseUrlHash("view=" + byte), "value byte " + std::to_string(b));
    ExpectCleanNotices(ParseUrlHash(byte + "=1"), "key byte " + std::to_string(b));
    char escaped[8];
    snprintf(escaped, sizeof escaped, "%%%02X", b);
    ExpectCleanNotices(ParseUrlHash(std::string("view=") + escaped), "escaped byte " + std::to_string(b));
    ExpectCleanNotices(ParseUrlHash(std::string(escaped) + "=1"), "escaped key byte " + std::to_string(b));
  }
}

TEST(UrlStateTest, NulBytesInsideTheString) {
  const std::string value_nul("view=gallery\0&theme=light", 25);
  const ParsedUrlState p = ParseUrlHash(value_nul);
  ExpectState(p.state, "overview", "light", "en");  // "gallery\0" is not "gallery"
  EXPECT_EQ(p.notices.size(), 1u);
  ExpectCleanNotices(p, value_nul);

  const std::string key_nul("\0view=gallery", 13);
  const ParsedUrlState k = ParseUrlHash(key_nul);
  ExpectState(k.state, "overview", "dark", "en");
  EXPECT_EQ(k.notices.size(), 1u);
  ExpectCleanNotices(k, key_nul);

  const std::string only_nuls(64, '\0');
  const ParsedUrlState n = ParseUrlHash(only_nuls);
  ExpectState(n.state, "overview", "dark", "en");
  EXPECT_EQ(n.notices.size(), 1u);
  ExpectCleanNotices(n, only_nuls);

  const ParsedUrlState escaped = ParseUrlHash("view=%00gallery&lang=zh");
  ExpectState(escaped.state, "overview", "dark", "zh");
  EXPECT_EQ(escaped.notices.size(), 1u);
  ExpectCleanNotices(escaped, "%00");
}

TEST(UrlStateTest, NoticesQuotingLongInputAreBounded) {
  const std::string long_key(1500, 'k');
  const ParsedUrlState a = ParseUrlHash(long_key + "=1");
  ASSERT_EQ(a.notices.size(), 1u);
  ExpectCleanNotices(a, "long key");
  EXPECT_LT(a.notices[0].size(), 200u);
  const std::string long_value = "view=" + std::string(1500, 'v');
  const ParsedUrlState b = ParseUrlHash(long_value);
  ASSERT_EQ(b.notices.size(), 1u);
  ExpectCleanNotices(b, "long value");
  EXPECT_EQ(b.state.view, "overview");
  const std::string long_escaped = "theme=" + [] {
    std::string s;
    for (int i = 0; i < 300; ++i) s += "%41";
    return s;
  }();
  const ParsedUrlState c = ParseUrlHash(long_escaped);
  ASSERT_EQ(c.notices.size(), 1u);
  ExpectCleanNotices(c, "long escaped value");
}

// BUG (src/core/url_state.cpp:37, Quote): only bytes < 0x20 and 0x7F are replaced, so a
// decoded UTF-8 C1 control character passes into the notice. Input "view=%C2%85" (U+0085
// NEXT LINE) or "%C2%9B2J=1" (U+009B, the 8-bit CSI that starts a terminal escape) yields a
// notice containing the bytes C2 85 / C2 9B. Expected: notices contain no control
// characters (the comment above Quote says "printable"); C1 controls should be replaced too.
TEST(UrlStateTest, NoticesContainNoC1ControlCharacters) {
  for (const char* in : {"view=%C2%85", "%C2%9B2J=1", "lang=\xC2\x9B"}) {
    const ParsedUrlState p = ParseUrlHash(in);
    ASSERT_EQ(p.notices.size(), 1u) << in;
    const std::string& n = p.notices[0];
    for (size_t i = 0; i + 1 < n.size(); ++i) {
      const unsigned char lead = static_cast<unsigned char>(n[i]);
      const unsigned char next = static_cast<unsigned char>(n[i + 1]);
      EXPECT_FALSE(lead == 0xC2 && next >= 0x80 && next <= 0x9F) << in << " -> " << n;
    }
  }
}

// BUG (src/core/url_state.cpp:37, Quote): the quote is cut at 40 bytes, not 40 characters,
// so a multi-byte UTF-8 character straddling byte 40 is split and the notice is not valid
// UTF-8. Input: 39 'a' then "中" (E4 B8 AD) as an unknown key → notice ends in a lone E4
// byte before `..."`. Expected: the cut falls on a character boundary. (The web build dumps
// notices with error_handler_t::replace, so the effect is a replacement character.)
TEST(UrlStateTest, NoticesAreValidUtf8AfterTruncation) {
  const std::string key = std::string(39, 'a') + "\xE4\xB8\xAD" + "tail";
  const ParsedUrlState p = ParseUrlHash(key + "=1");
  ASSERT_EQ(p.notices.size(), 1u);
  const std::string& n = p.notices[0];
  // Minimal UTF-8 structure check: every lead byte is followed by its continuation bytes.
  for (size_t i = 0; i < n.size();) {
    const unsigned char c = static_cast<unsigned char>(n[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    ASSERT_NE(len, 0u) << "bad lead byte at " << i << " in " << n;
    ASSERT_LE(i + len, n.size()) << n;
    for (size_t j = 1; j < len; ++j) {
      ASSERT_EQ(static_cast<unsigned char>(n[i + j]) >> 6, 0x2) << "at " << i + j << " in " << n;
    }
    i += len;
  }
}

// --- FormatUrlHash -----------------------------------------------------------------------

TEST(UrlStateTest, FormatOmitsDefaults) {
  EXPECT_EQ(FormatUrlHash(UrlState{}), "");
  struct Case {
    const char* view;
    const char* theme;
    const char* locale;
    const char* hash;
  };
  const Case cases[] = {
      {"overview", "dark", "en", ""},
      {"gallery", "dark", "en", "view=gallery"},
      {"overview", "light", "en", "theme=light"},
      {"gallery", "light", "en", "view=gallery&theme=light"},
      {"overview", "dark", "zh", "lang=zh"},
      {"gallery", "dark", "zh", "view=gallery&lang=zh"},
      {"overview", "light", "zh", "theme=light&lang=zh"},
      {"gallery", "light", "zh", "view=gallery&theme=light&lang=zh"},
  };
  for (const Case& c : cases) {
    UrlState s;
    s.view = c.view;
    s.theme = c.theme;
    s.locale = c.locale;
    EXPECT_EQ(FormatUrlHash(s), c.hash);
  }
}

TEST(UrlStateTest, FormatRoundTripsThroughParseForEveryCombination) {
  int combinations = 0;
  for (const char* view : {"overview", "gallery"}) {
    for (const char* theme : {"dark", "light"}) {
      for (const char* locale : {"en", "zh"}) {
        UrlState s;
        s.view = view;
        s.theme = theme;
        s.locale = locale;
        const std::string hash = FormatUrlHash(s);
        for (const std::string& in : {hash, "#" + hash}) {
          const ParsedUrlState p = ParseUrlHash(in);
          ExpectState(p.state, view, theme, locale);
          EXPECT_TRUE(p.notices.empty()) << in;
          EXPECT_EQ(FormatUrlHash(p.state), hash);
        }
        // Defaults are omitted: a key appears exactly when its value is not the default.
        EXPECT_EQ(hash.find("view=") != std::string::npos, s.view != "overview") << hash;
        EXPECT_EQ(hash.find("theme=") != std::string::npos, s.theme != "dark") << hash;
        EXPECT_EQ(hash.find("lang=") != std::string::npos, s.locale != "en") << hash;
        EXPECT_EQ(hash.find('#'), std::string::npos) << hash;
        ++combinations;
      }
    }
  }
  EXPECT_EQ(combinations, 8);
}

// --- The host drill-down and the compare-periods mode ----------------------------------

TEST(UrlStateTest, HostAndComparePeriodsRoundTrip) {
  const char* hash = "view=compare&range=30d&host=h0042&compare=periods&metric=aov&pa=2024-02-01..2024-02-29&"
                     "pb=2023-12-15..2024-01-31&layout=side";
  const ParsedUrlState p = ParseUrlHash(hash);
  EXPECT_TRUE(p.notices.empty());
  EXPECT_EQ(p.state.host, "h0042");
  EXPECT_EQ(p.state.compare, "periods");
  EXPECT_EQ(p.state.metric, "aov");
  EXPECT_EQ(p.state.period_a, "2024-02-01..2024-02-29");
  EXPECT_EQ(p.state.period_b, "2023-12-15..2024-01-31");
  EXPECT_EQ(p.state.layout, "side");
  EXPECT_EQ(FormatUrlHash(p.state), hash);
  // Each key alone, and its default omitted.
  for (const char* one : {"host=h1", "compare=periods", "ma=gmv", "mb=aov", "metric=dau", "pa=2025-01-01..2025-01-01",
                          "pb=2026-02-28..2026-03-01", "layout=side"}) {
    const ParsedUrlState q = ParseUrlHash(one);
    EXPECT_TRUE(q.notices.empty()) << one;
    EXPECT_EQ(FormatUrlHash(q.state), one);
  }
  UrlState defaults;
  defaults.compare = "metrics";
  defaults.metric = "gmv";
  defaults.layout = "overlay";
  EXPECT_EQ(FormatUrlHash(defaults), "");
}

TEST(UrlStateTest, HostileHostAndPeriodValuesKeepDefaults) {
  struct Case {
    const char* hash;
    const char* notice;
  };
  const Case cases[] = {
      {"host=H42", "not an id"},
      {"host=", "not an id"},
      {"host=%00h1", "not an id"},
      {"host=h1%26view%3Dgallery", "not an id"},
      {"host=<script>", "not an id"},
      {"metric=GMV", "not an id"},
      {"ma=GMV", "not an id"},
      {"mb=a%20b", "not an id"},
      {"compare=both", "not a known value"},
      {"layout=grid", "not a known value"},
      {"pa=2025-02-30..2025-03-01", "not a range"},
      {"pa=2025-03-01..2025-02-01", "not a range"},
      {"pb=2025-03-01", "not a range"},
      {"pb=2025-03-01..2025-03-31..", "not a range"},
      {"pa=%E2%80%AE2025-03-01..2025-03-31", "not a range"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.hash);
    const ParsedUrlState p = ParseUrlHash(c.hash);
    EXPECT_EQ(p.state.host, "");
    EXPECT_EQ(p.state.compare, "metrics");
    EXPECT_EQ(p.state.metric, "gmv");
    EXPECT_EQ(p.state.metric_a, "dau");
    EXPECT_EQ(p.state.metric_b, "dpu");
    EXPECT_EQ(p.state.layout, "overlay");
    EXPECT_EQ(p.state.period_a, "");
    EXPECT_EQ(p.state.period_b, "");
    EXPECT_EQ(p.state.view, "overview");
    ASSERT_EQ(p.notices.size(), 1u);
    EXPECT_NE(p.notices[0].find(c.notice), std::string::npos) << p.notices[0];
    ExpectCleanNotices(p, c.hash);
    EXPECT_EQ(FormatUrlHash(p.state), "");
  }
  // A 64-character id is the longest accepted.
  const std::string longest(64, 'h');
  EXPECT_EQ(ParseUrlHash("host=" + longest).state.host, longest);
  EXPECT_EQ(ParseUrlHash("host=" + longest + "h").state.host, "");
}

TEST(UrlStateTest, AsOfRoundTripsAndRefusesWhatIsNotADate) {
  const ParsedUrlState p = ParseUrlHash("#view=trading&asof=2026-11-26");
  EXPECT_TRUE(p.notices.empty());
  EXPECT_EQ(p.state.as_of, "2026-11-26");
  EXPECT_EQ(FormatUrlHash(p.state), "view=trading&asof=2026-11-26");
  EXPECT_EQ(ParseUrlHash(FormatUrlHash(p.state)).state.as_of, "2026-11-26");
  EXPECT_EQ(FormatUrlHash(UrlState{}), "");  // the newest: no key at all
  EXPECT_TRUE(ParseUrlHash("view=changes").notices.empty());
  for (const std::string& hostile : std::vector<std::string>{"asof=2026-13-01", "asof=2026-02-30", "asof=yesterday", "asof=", "asof=2026-11-26T00:00", "asof=..%2F..%2Fx",
        "asof=%00%01%1b[31m", "asof=2026-11-2", "asof=" + std::string(3000, '9'),
        "asof=2026-11-26%26view%3Dhosts"}) {
    SCOPED_TRACE(hostile);
    const ParsedUrlState q = ParseUrlHash(hostile);
    EXPECT_EQ(q.state.as_of, "");
    EXPECT_FALSE(q.notices.empty());
    EXPECT_EQ(q.state.view, "overview");
    ExpectCleanNotices(q, hostile);
  }
}

}  // namespace
TEST(UrlStateTest, RefreshIntervalRoundTripsAndNeverGoesBelowTenSeconds) {
  for (const char* value : {"10", "30", "60", "300", "900", "3600", "off"}) {
    const std::string hash = std::string("refresh=") + value;
    const ParsedUrlState p = ParseUrlHash(hash);
    EXPECT_TRUE(p.notices.empty()) << hash;
    EXPECT_EQ(p.state.refresh, value);
    EXPECT_EQ(FormatUrlHash(p.state), hash);
  }
  EXPECT_EQ(RefreshChoiceSeconds("auto"), 0);
  EXPECT_EQ(RefreshChoiceSeconds("off"), -1);
  EXPECT_EQ(RefreshChoiceSeconds("30"), 30);
  EXPECT_EQ(RefreshChoiceSeconds("3600"), 3600);
  EXPECT_EQ(FormatUrlHash(ParseUrlHash("refresh=auto").state), "");
  for (const char* hostile : {"refresh=1", "refresh=0", "refresh=-10", "refresh=9", "refresh=10.5", "refresh=1e3",
                              "refresh=", "refresh=%31%30%00", "refresh=OFF"}) {
    SCOPED_TRACE(hostile);
    const ParsedUrlState p = ParseUrlHash(hostile);
    EXPECT_EQ(p.state.refresh, "auto");
    EXPECT_EQ(RefreshChoiceSeconds(p.state.refresh), 0);
    ASSERT_EQ(p.notices.size(), 1u);
    ExpectCleanNotices(p, hostile);
  }
  // Whatever reaches the interval without passing the parser counts as the manifest's.
  EXPECT_EQ(RefreshChoiceSeconds("5"), 0);
  EXPECT_EQ(RefreshChoiceSeconds(""), 0);
}

TEST(UrlStateTest, ChangesPairRoundTripsAndRefusesWhatIsNotADate) {
  const ParsedUrlState p = ParseUrlHash("#view=changes&new=2026-11-25&old=2026-11-26");
  EXPECT_TRUE(p.notices.empty());
  EXPECT_EQ(p.state.changes_old, "2026-11-26");
  EXPECT_EQ(p.state.changes_new, "2026-11-25");
  EXPECT_EQ(FormatUrlHash(p.state), "view=changes&old=2026-11-26&new=2026-11-25");
  const UrlState back = ParseUrlHash(FormatUrlHash(p.state)).state;
  EXPECT_EQ(back.changes_old, "2026-11-26");
  EXPECT_EQ(back.changes_new, "2026-11-25");
  EXPECT_EQ(ParseUrlHash("old=2026-11-26").state.as_of, "");  // each key sets its own field
  for (const char* key : {"old", "new"}) {
    for (const std::string& value : std::vector<std::string>{"2026-02-30", "", "today", "2026-11-26..2026-11-27",
                                                            "%00%1b[31m", std::string(3000, '1')}) {
      const std::string hostile = std::string(key) + "=" + value;
      SCOPED_TRACE(hostile);
      const ParsedUrlState q = ParseUrlHash(hostile);
      EXPECT_EQ(q.state.changes_old, "");
      EXPECT_EQ(q.state.changes_new, "");
      EXPECT_FALSE(q.notices.empty());
      ExpectCleanNotices(q, hostile);
    }
  }
}

}  // namespace divboard
