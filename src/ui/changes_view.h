// Snapshot history on the page: the "as of" picker in the header (the manifest's entries,
// newest first; picking an older one shows it, and says so) and the Changes view (which
// numbers changed between two snapshots, largest change first, exported as CSV). The
// platform fetches what PendingLoads asks for and hands it back through AcceptSnapshot.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/session.h"
#include "core/snapshot.h"
#include "core/snapshot_diff.h"
#include "core/snapshot_diff_json.h"
#include "core/url_state.h"
#include "ui/chart_common.h"
#include "ui/views.h"

namespace divboard::ui {

// One manifest entry, as the picker lists it.
struct SnapshotChoice {
  std::string first, last, generated_at;
  std::string key;    // content key (core ManifestEntry::ContentKey)
  std::string files;  // JSON array of resolved URLs, handed to the page when it must load them
  std::string packed;  // the resolved URL of the entry's packed twin, which the page prefers; or ""
};

// A snapshot the Changes view compares, once loaded.
struct LoadedSnapshot {
  std::string key;
  std::string requested;  // key asked of the page and not yet answered
  std::string error;
  Snapshot snapshot;
  bool loaded = false;
};

struct HistoryState {
  std::vector<SnapshotChoice> entries;  // the manifest's, newest first
  std::string shown_key;                // entry on screen; "" when it came from elsewhere
  std::string view_requested;           // key asked of the page for the view
  // A file opened from this computer, on screen (its name); "" when the view shows the
  // manifest's data. Auto-refresh leaves it there until the picker goes back to the manifest.
  std::string own_file;
  LoadedSnapshot older, newer;
  std::string diff_keys;  // the pair the diff below was computed for
  SnapshotDiff diff;
  std::vector<DiffRow> rows;
  Locale rows_locale = Locale::kEn;
};

// What the page should fetch: the slot ("view", "old", "new") and the entry.
struct EntryRequest {
  std::string slot;
  const SnapshotChoice* entry = nullptr;
};

// The entry the view should show: the URL's "as of" pick when the manifest lists it, else
// the newest; -1 without a manifest.
int WantedEntry(const HistoryState& history, const UrlState& controls);
// Replaces the manifest's entries (from platform code, after each manifest read).
// Returns whether the list changed (a poll that finds the same manifest draws nothing).
bool SetEntries(HistoryState& history, std::vector<SnapshotChoice> entries);
// Loads still missing for what is on screen; each is marked as asked for. `force_view` asks
// again for the view's entry even if it was asked for before (a manifest poll retries).
std::vector<EntryRequest> PendingLoads(HistoryState& history, const UrlState& controls, bool changes_view,
                                       const Session& session, bool force_view = false);
// A snapshot the page fetched for slot "old" or "new" ("view" goes to the Session).
void AcceptSnapshot(HistoryState& history, const std::string& slot, const std::string& key, Snapshot&& snapshot,
                    const std::string& error);

// The header's picker; nothing when the manifest lists a single snapshot. Returns its width
// before drawing, for the header's layout, when `measure_only`.
float DrawSnapshotPicker(HistoryState& history, UrlState& controls, const ChartContext& context, bool measure_only);

// The pair compared is the link's (UrlState::changes_old / changes_new); a pick changes it.
void DrawChangesView(HistoryState& history, UrlState& controls, std::vector<Download>& downloads,
                     const ChartContext& context);

// window.divboard.state().history: entries, the one shown, and the Changes view's rows.
nlohmann::json HistoryStateJson(const HistoryState& history, const UrlState& controls, bool changes_view);

}  // namespace divboard::ui
