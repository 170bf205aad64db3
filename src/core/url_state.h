// The view's state as a URL hash ("#view=gallery&theme=light"), so copying the address bar
// reproduces the view. Parsing never fails: unknown keys are ignored and bad values fall
// back to defaults, each with a notice the page can show.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace divboard {

struct UrlState {
  std::string view = "overview";  // overview | community | trading | hosts | compare | gallery | changes
  std::string theme = "dark";     // dark | light
  std::string locale = "en";      // en | zh
  std::string range = "90d";      // 7d 30d 90d qtd ytd 12m all, or YYYY-MM-DD..YYYY-MM-DD
  std::string granularity = "day";  // day | week | month | quarter
  std::string comparison = "prev";  // none | prev | yoy
  // Dimension id → member ids ("f.channel=livestream,notes"). Ids are checked against the
  // snapshot by whoever applies them; here only their shape is.
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;
  // The Hosts view's drill-down: a host id, checked against the snapshot where it is used.
  std::string host;
  // The Compare view: two metrics overlaid, or one metric over two periods the analyst picks.
  std::string compare = "metrics";  // metrics | periods
  std::string metric_a = "dau", metric_b = "dpu";  // the metrics mode's two KPI ids (checked where used)
  std::string metric = "gmv";       // the periods mode's KPI id (checked where it is used)
  std::string period_a, period_b;   // YYYY-MM-DD..YYYY-MM-DD; "" picks a default
  std::string layout = "overlay";   // overlay | side
  // How often the page polls the manifest: "auto" (the manifest's refresh_seconds), a number
  // of seconds from a fixed list (never below 10), or "off".
  std::string refresh = "auto";
  // "As of": the `last` day (YYYY-MM-DD) of the manifest entry picked instead of the newest;
  // empty shows the newest. Checked against the manifest by whoever applies it.
  std::string as_of;
  // The Changes view's pair: the `last` days of the older and newer manifest entries compared
  // (empty: the second newest and the newest). Checked against the manifest where used.
  std::string changes_old, changes_new;
};

// The poll interval `refresh` asks for: 0 for the manifest's, -1 for none, else seconds.
int RefreshChoiceSeconds(const std::string& refresh);

struct ParsedUrlState {
  UrlState state;
  std::vector<std::string> notices;  // what was ignored and why
};

ParsedUrlState ParseUrlHash(std::string_view hash);
std::string FormatUrlHash(const UrlState& state);  // omits defaults; "" for all defaults

}  // namespace divboard
