#include "core/url_state.h"

#include "core/date.h"

#include <algorithm>
#include <initializer_list>

namespace divboard {
namespace {

constexpr size_t kMaxHashLength = 2048;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; a malformed escape is kept literally (it then fails validation).
std::string Decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else if (text[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Notices quote input: at most 40 characters, cut on a character boundary, with control
// characters (C0, DEL, and C1 as U+0080..U+009F in UTF-8) replaced so none reaches a screen.
std::string Quote(std::string_view text) {
  size_t end = std::min<size_t>(text.size(), 40);
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < end && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out.push_back('?');
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out.push_back('?');
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return "\"" + out + (end < text.size() ? "...\"" : "\"");
}

// Dimension and member ids: the snapshot format's id rule.
bool IsId(const std::string& text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// "YYYY-MM-DD..YYYY-MM-DD", first not after last.
bool IsRangeText(const std::string& value) {
  if (value.size() != 22 || value.compare(10, 2, "..") != 0) return false;
  const auto first = ParseDate(value.substr(0, 10));
  const auto last = ParseDate(value.substr(12, 10));
  return first && last && *first <= *last;
}

}  // namespace

ParsedUrlState ParseUrlHash(std::string_view hash) {
  ParsedUrlState out;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (hash.size() > kMaxHashLength) {
    out.notices.push_back("the link's settings are too long and were ignored");
    return out;
  }
  size_t at = 0;
  while (at < hash.size()) {
    size_t end = hash.find('&', at);
    if (end == std::string_view::npos) end = hash.size();
    const std::string_view pair = hash.substr(at, end - at);
    at = end + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string key = Decode(pair.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? std::string() : Decode(pair.substr(eq + 1));
    auto set = [&](std::string* field, std::initializer_list<const char*> allowed) {
      if (OneOf(value, allowed)) {
        *field = value;
      } else {
        out.notices.push_back("ignored " + key + "=" + Quote(value) + ": not a known value");
      }
    };
    if (key == "view") {
      set(&out.state.view, {"overview", "community", "trading", "hosts", "compare", "gallery", "changes"});
    } else if (key == "range") {
      if (IsRangeText(value)) {
        out.state.range = value;
      } else {
        set(&out.state.range, {"7d", "30d", "90d", "qtd", "ytd", "12m", "all"});
      }
    } else if (key == "gran") {
      set(&out.state.granularity, {"day", "week", "month", "quarter"});
    } else if (key == "cmp") {
      set(&out.state.comparison, {"none", "prev", "yoy"});
    } else if (key.rfind("f.", 0) == 0 && IsId(key.substr(2))) {
      std::vector<std::string> ids;
      size_t from = 0;
      bool good = !value.empty();
      while (good && from <= value.size()) {
        size_t comma = value.find(',', from);
        if (comma == std::string::npos) comma = value.size();
        const std::string id = value.substr(from, comma - from);
        good = IsId(id) && ids.size() < 64;
        if (good && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        from = comma + 1;
      }
      const bool repeated = std::any_of(out.state.filters.begin(), out.state.filters.end(),
                                        [&](const auto& f) { return f.first == key.substr(2); });
      if (!good || repeated || out.state.filters.size() >= 16) {
        out.notices.push_back("ignored filter " + Quote(key) + ": not a list of ids");
      } else {
        out.state.filters.emplace_back(key.substr(2), std::move(ids));
      }
    } else if (key == "host" || key == "metric" || key == "ma" || key == "mb") {
      if (IsId(value)) {
        (key == "host" ? out.state.host
         : key == "metric" ? out.state.metric
         : key == "ma" ? out.state.metric_a
                       : out.state.metric_b) = value;
      } else {
        out.notices.push_back("ignored " + key + "=" + Quote(value) + ": not an id");
      }
    } else if (key == "compare") {
      set(&out.state.compare, {"metrics", "periods"});
    } else if (key == "layout") {
      set(&out.state.layout, {"overlay", "side"});
    } else if (key == "refresh") {
      set(&out.state.refresh, {"auto", "10", "30", "60", "300", "900", "3600", "off"});
    } else if (key == "pa" || key == "pb") {
      if (IsRangeText(value)) {
        (key == "pa" ? out.state.period_a : out.state.period_b) = value;
      } else {
        out.notices.push_back("ignored " + key + "=" + Quote(value) + ": not a range like 2025-03-01..2025-03-31");
      }
    } else if (key == "asof" || key == "old" || key == "new") {
      if (value.size() == 10 && ParseDate(value)) {
        (key == "asof" ? out.state.as_of : key == "old" ? out.state.changes_old : out.state.changes_new) = value;
      } else {
        out.notices.push_back("ignored " + key + "=" + Quote(value) + ": not a date (YYYY-MM-DD)");
      }
    } else if (key == "theme") {
      set(&out.state.theme, {"dark", "light"});
    } else if (key == "lang") {
      set(&out.state.locale, {"en", "zh"});
    } else {
      out.notices.push_back("ignored unknown setting " + Quote(key));
    }
  }
  return out;
}

std::string FormatUrlHash(const UrlState& state) {
  const UrlState defaults;
  std::string out;
  auto add = [&](const char* key, const std::string& value, const std::string& fallback) {
    if (value == fallback) return;
    out += out.empty() ? "" : "&";
    out += key;
    out += "=";
    out += value;
  };
  add("view", state.view, defaults.view);
  add("theme", state.theme, defaults.theme);
  add("lang", state.locale, defaults.locale);
  add("range", state.range, defaults.range);
  add("gran", state.granularity, defaults.granularity);
  add("cmp", state.comparison, defaults.comparison);
  add("asof", state.as_of, defaults.as_of);
  add("old", state.changes_old, defaults.changes_old);
  add("new", state.changes_new, defaults.changes_new);
  for (const auto& [dimension, members] : state.filters) {
    if (members.empty()) continue;
    std::string list;
    for (const std::string& m : members) list += (list.empty() ? "" : ",") + m;
    add(("f." + dimension).c_str(), list, std::string());
  }
  add("host", state.host, defaults.host);
  add("compare", state.compare, defaults.compare);
  add("ma", state.metric_a, defaults.metric_a);
  add("mb", state.metric_b, defaults.metric_b);
  add("metric", state.metric, defaults.metric);
  add("pa", state.period_a, defaults.period_a);
  add("pb", state.period_b, defaults.period_b);
  add("layout", state.layout, defaults.layout);
  add("refresh", state.refresh, defaults.refresh);
  return out;
}

int RefreshChoiceSeconds(const std::string& refresh) {
  if (refresh == "off") return -1;
  // Only the listed values parse (ParseUrlHash); anything else is the manifest's interval.
  for (const int seconds : {10, 30, 60, 300, 900, 3600}) {
    if (refresh == std::to_string(seconds)) return seconds;
  }
  return 0;
}

}  // namespace divboard
