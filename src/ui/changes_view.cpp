#include "ui/changes_view.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/automation.h"
#include "ui/i18n.h"

namespace divboard::ui {
namespace {

int FindEntry(const HistoryState& h, const std::string& last) {
  for (size_t i = 0; i < h.entries.size(); ++i) {
    if (h.entries[i].last == last) return static_cast<int>(i);
  }
  return -1;
}

// The link's pair; a day the manifest no longer lists falls back to the default pair's side.
std::pair<int, int> DiffEntries(const HistoryState& h, const UrlState& controls) {
  if (h.entries.size() < 2) return {-1, -1};
  int older = controls.changes_old.empty() ? 1 : FindEntry(h, controls.changes_old);
  int newer = controls.changes_new.empty() ? 0 : FindEntry(h, controls.changes_new);
  if (older < 0) older = 1;
  if (newer < 0) newer = 0;
  return {older, newer};
}

// "2026-11-28T06:00:00+08:00" as "2026-11-28 06:00": the time the pipeline wrote it.
std::string GeneratedText(const std::string& at) {
  if (at.size() < 16) return at;
  return at.substr(0, 10) + " " + at.substr(11, 5);
}

std::string ChoiceText(const SnapshotChoice& c, Locale l) {
  std::string text = c.last + "   " + c.first + " \xE2\x80\x93 " + c.last;
  if (!c.generated_at.empty()) text += std::string(Tr(l, "   generated ", "   生成于 ")) + GeneratedText(c.generated_at);
  return text;
}

// Member names in the reader's language ("Fashion · Livestream"), ids when unknown.
std::string DimsLabel(const Snapshot& s, const DimIds& dims, Locale l) {
  std::string out;
  for (const auto& [dimension, member] : dims) {
    std::string name = member;
    if (const int d = s.FindDimension(dimension); d >= 0) {
      for (const Member& m : s.dimensions[static_cast<size_t>(d)].members) {
        if (m.id == member) name = Localised(m.name, l);
      }
    }
    out += (out.empty() ? "" : " \xC2\xB7 ") + name;
  }
  return out.empty() ? Tr(l, "Total", "合计") : out;
}

bool EntryCombo(const char* id, const HistoryState& h, int selected, const char* mark_prefix, Locale l, float width,
                int* picked) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  const std::string preview = selected >= 0 ? h.entries[static_cast<size_t>(selected)].last : std::string();
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (size_t i = 0; i < h.entries.size(); ++i) {
      const std::string label = ChoiceText(h.entries[i], l) + "##" + std::to_string(i);
      if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == selected)) {
        *picked = static_cast<int>(i);
        changed = true;
      }
      MarkItem(std::string(mark_prefix) + h.entries[i].last);
    }
    ImGui::EndCombo();
  }
  return changed;
}

// Back to the manifest's data: the entry picked is asked for again even if it was before.
void LeaveOwnFile(HistoryState& history) {
  if (history.own_file.empty()) return;
  history.own_file.clear();
  history.view_requested.clear();
}

}  // namespace

int WantedEntry(const HistoryState& history, const UrlState& controls) {
  if (history.entries.empty()) return -1;
  const int picked = controls.as_of.empty() ? -1 : FindEntry(history, controls.as_of);
  return picked >= 0 ? picked : 0;
}

bool SetEntries(HistoryState& history, std::vector<SnapshotChoice> entries) {
  const auto same = [](const SnapshotChoice& a, const SnapshotChoice& b) {
    return a.key == b.key && a.first == b.first && a.last == b.last && a.generated_at == b.generated_at &&
           a.files == b.files && a.packed == b.packed;
  };
  const bool changed =
      !std::equal(entries.begin(), entries.end(), history.entries.begin(), history.entries.end(), same);
  history.entries = std::move(entries);
  return changed;
}

std::vector<EntryRequest> PendingLoads(HistoryState& history, const UrlState& controls, bool changes_view,
                                       const Session& session, bool force_view) {
  std::vector<EntryRequest> out;
  const int wanted = history.own_file.empty() ? WantedEntry(history, controls) : -1;
  if (wanted >= 0) {
    const SnapshotChoice& e = history.entries[static_cast<size_t>(wanted)];
    if (e.key != history.shown_key && (force_view || e.key != history.view_requested)) {
      history.view_requested = e.key;
      out.push_back({"view", &e});
    }
  }
  if (!changes_view) return out;
  const auto [older, newer] = DiffEntries(history, controls);
  if (older < 0) return out;
  auto want = [&](LoadedSnapshot& slot, int index, const char* name) {
    const SnapshotChoice& e = history.entries[static_cast<size_t>(index)];
    if (slot.key == e.key || slot.requested == e.key) return;
    if (e.key == history.shown_key && session.has_data()) {
      // Already on screen: no second download.
      slot = LoadedSnapshot{e.key, std::string(), std::string(), session.snapshot(), true};
      return;
    }
    slot.requested = e.key;
    out.push_back({name, &e});
  };
  want(history.older, older, "old");
  want(history.newer, newer, "new");
  return out;
}

void AcceptSnapshot(HistoryState& history, const std::string& slot, const std::string& key, Snapshot&& snapshot,
                    const std::string& error) {
  LoadedSnapshot& target = slot == "old" ? history.older : history.newer;
  if (target.requested != key) return;  // an answer to a pick since changed
  target.requested.clear();
  target.key = key;
  target.error = error;
  target.loaded = error.empty();
  if (target.loaded) target.snapshot = std::move(snapshot);
}

float DrawSnapshotPicker(HistoryState& history, UrlState& controls, const ChartContext& context, bool measure_only) {
  const bool own = !history.own_file.empty();
  if (history.entries.size() < (own ? 1u : 2u)) return 0;
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  const int wanted = own ? -1 : WantedEntry(history, controls);
  const bool older = wanted != 0;
  const SnapshotChoice& shown = history.entries[static_cast<size_t>(std::max(0, wanted))];
  // An older snapshot, or a file of the user's, must not pass for today's: the picker says so
  // in the warning colour.
  const std::string preview =
      own     ? std::string(Tr(l, "Your file: ", "本地文件: ")) + history.own_file
      : older ? std::string(Tr(l, "As of ", "截至 ")) + shown.last + Tr(l, " (older snapshot)", " (旧快照)")
              : std::string(Tr(l, "Newest snapshot ", "最新快照 ")) + shown.last;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float combo_width = ImGui::CalcTextSize(preview.c_str()).x + style.FramePadding.x * 2 + ImGui::GetFrameHeight();
  const char* newest_label = Tr(l, "Newest", "最新");
  const float newest_width = older ? ImGui::CalcTextSize(newest_label).x + style.FramePadding.x * 2 + 8 : 0;
  if (measure_only) return combo_width + newest_width + 8;

  ImGui::SetNextItemWidth(combo_width);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(older ? p.bad : p.text_muted));
  const bool open = ImGui::BeginCombo("##asof", preview.c_str(), ImGuiComboFlags_HeightLarge);
  ImGui::PopStyleColor();
  MarkItem("asof");
  if (ImGui::IsItemHovered() && !open) {
    ImGui::SetTooltip("%s", own ? Tr(l, "Opened from this computer; auto-refresh leaves it. Pick a snapshot to go back",
                                     "从本机打开, 自动刷新不变; 选一份快照可切换")
                                : Tr(l, "Show the data as an earlier snapshot had it", "查看较早快照中的数据"));
  }
  if (open) {
    for (size_t i = 0; i < history.entries.size(); ++i) {
      const std::string label = ChoiceText(history.entries[i], l) + "##asof" + std::to_string(i);
      if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == wanted)) {
        controls.as_of = i == 0 ? std::string() : history.entries[i].last;
        LeaveOwnFile(history);
      }
      MarkItem("asof:" + history.entries[i].last);
    }
    ImGui::EndCombo();
  }
  if (older) {
    ImGui::SameLine(0, 8);
    if (ImGui::Button(newest_label)) {
      controls.as_of.clear();
      LeaveOwnFile(history);
    }
    MarkItem("asof:newest");
  }
  ImGui::SameLine(0, 8);
  return combo_width + newest_width + 8;
}

void DrawChangesView(HistoryState& history, UrlState& controls, std::vector<Download>& downloads,
                     const ChartContext& context) {
  const Locale l = context.locale;
  const Palette& p = *context.palette;
  if (history.entries.size() < 2) {
    ImGui::TextDisabled("%s", Tr(l, "The manifest lists a single snapshot: there is nothing to compare it with.",
                                 "清单中只有一份快照, 没有可对比的数据。"));
    return;
  }
  const auto [older, newer] = DiffEntries(history, controls);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(l, "Changes from", "变化: 从"));
  ImGui::SameLine();
  const float width = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetFrameHeight() + 24;
  int picked = -1;
  if (EntryCombo("##diff_old", history, older, "changes:old:", l, width, &picked)) {
    controls.changes_old = history.entries[static_cast<size_t>(picked)].last;
  }
  MarkItem("changes:old");
  ImGui::SameLine();
  ImGui::TextUnformatted(Tr(l, "to", "到"));
  ImGui::SameLine();
  if (EntryCombo("##diff_new", history, newer, "changes:new:", l, width, &picked)) {
    controls.changes_new = history.entries[static_cast<size_t>(picked)].last;
  }
  MarkItem("changes:new");

  const SnapshotChoice& a = history.entries[static_cast<size_t>(older)];
  const SnapshotChoice& b = history.entries[static_cast<size_t>(newer)];
  for (const LoadedSnapshot* slot : {&history.older, &history.newer}) {
    if (!slot->error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.bad));
      ImGui::TextWrapped("%s", slot->error.c_str());
      ImGui::PopStyleColor();
    }
  }
  const bool ready = history.older.loaded && history.newer.loaded && history.older.key == a.key && history.newer.key == b.key;
  if (!ready) {
    ImGui::TextDisabled("%s", Tr(l, "Loading the two snapshots\xE2\x80\xA6", "正在加载两份快照\xE2\x80\xA6"));
    return;
  }
  const std::string keys = a.key + "\n" + b.key;
  if (history.diff_keys != keys) {
    history.diff = DiffSnapshots(history.older.snapshot, history.newer.snapshot);
    history.diff_keys = keys;
    history.rows.clear();
  }
  if (history.rows.size() != history.diff.values.size() || history.rows_locale != l) {
    history.rows = DiffRows(history.diff, history.older.snapshot, history.newer.snapshot, l);
    history.rows_locale = l;
  }
  const SnapshotDiff& d = history.diff;
  SameLineOrWrap(ImGui::CalcTextSize("CSV").x + ImGui::GetStyle().FramePadding.x * 2, 16);
  if (ImGui::Button("CSV")) {
    downloads.push_back(Download{"divboard-changes-" + a.last + "-" + b.last + ".csv", DiffCsv(history.rows),
                                 "text/csv;charset=utf-8"});
  }
  MarkItem("csv:changes");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(l, "Download these rows as CSV", "下载这些行 (CSV)"));
  char summary[256];
  std::snprintf(summary, sizeof summary,
                Tr(l, "Values changed: %zu  \xC2\xB7  days added: %d  \xC2\xB7  series added: %zu, removed: %zu  \xC2\xB7  host figures changed: %zu",
                   "%zu 个数值变化  \xC2\xB7  新增 %d 天  \xC2\xB7  新增 %zu 个序列, 删除 %zu 个  \xC2\xB7  %zu 项主播数据变化"),
                d.values.size(), d.days_added, d.added.size(), d.removed.size(), d.hosts.size());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
  ImGui::TextWrapped("%s", summary);
  ImGui::PopStyleColor();
  ImGui::Dummy(ImVec2(0, 4));
  // Narrow screens scroll the table sideways rather than cut every figure short.
  const bool narrow = ImGui::GetContentRegionAvail().x < 760;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_Resizable |
                                (narrow ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit : ImGuiTableFlags_SizingStretchProp);
  const float host_lines = d.hosts.empty() ? 0 : std::min<float>(8, static_cast<float>(d.hosts.size()) + 1);
  // As tall as the rows need, up to what the window has left.
  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const float needed = (static_cast<float>(history.rows.size()) + 1.5f) * row_height +
                       (narrow ? ImGui::GetStyle().ScrollbarSize : 0);
  const float room = std::max(240.0f, ImGui::GetContentRegionAvail().y - 8 - host_lines * ImGui::GetTextLineHeightWithSpacing());
  const float height = std::min(needed, room);
  if (ImGui::BeginTable("changes", 6, flags, ImVec2(0, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Stretch weights on wide screens; on narrow ones, fixed widths that fit typical content.
    const float digit = ImGui::CalcTextSize("0").x;
    auto column = [&](const char* en, const char* zh, float weight, float chars) {
      ImGui::TableSetupColumn(Tr(l, en, zh), narrow ? ImGuiTableColumnFlags_WidthFixed : 0, narrow ? chars * digit : weight);
    };
    column("Metric", "指标", 1.4f, 16);
    column("Breakdown", "维度", 2.0f, 22);
    column("Day", "日期", 1.0f, 11);
    column("Old", "原值", 1.3f, 14);
    column("New", "新值", 1.3f, 14);
    column("Change", "变化", 0.8f, 7);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(history.rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const DiffRow& row = history.rows[static_cast<size_t>(r)];
        const ValueChange& change = d.values[static_cast<size_t>(r)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(DimsLabel(history.newer.snapshot, change.dims, l).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.day.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.old_text.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.new_text.c_str());
        ImGui::TableNextColumn();
        const bool up = change.change() > 0;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(std::isnan(change.change()) ? p.text_muted : up ? p.good : p.bad));
        ImGui::TextUnformatted(row.change_text.c_str());
        ImGui::PopStyleColor();
      }
    }
    ImGui::EndTable();
  }
  if (!d.hosts.empty()) {
    ImGui::TextDisabled("%s", Tr(l, "Host figures changed:", "主播数据变化:"));
    const size_t shown = std::min<size_t>(d.hosts.size(), 7);
    for (size_t i = 0; i < shown; ++i) {
      const HostChange& h = d.hosts[i];
      const std::string line = "  " + h.name + " (" + h.id + ")  " + h.field + "  " + FormatGrouped(h.old_value) +
                               Tr(l, " to ", " 改为 ") + FormatGrouped(h.new_value);
      ImGui::TextUnformatted(line.c_str());
    }
  }
}

nlohmann::json HistoryStateJson(const HistoryState& history, const UrlState& controls, bool changes_view) {
  nlohmann::json entries = nlohmann::json::array();
  for (const SnapshotChoice& e : history.entries) entries.push_back(e.last);
  const int wanted = WantedEntry(history, controls);
  std::string shown;
  for (const SnapshotChoice& e : history.entries) {
    if (e.key == history.shown_key) shown = e.last;
  }
  nlohmann::json out = {{"entries", std::move(entries)},
                        {"shown", shown},
                        {"wanted", wanted >= 0 ? history.entries[static_cast<size_t>(wanted)].last : std::string()},
                        {"as_of", controls.as_of},
                        {"own_file", history.own_file}};
  if (changes_view) {
    const auto [older, newer] = DiffEntries(history, controls);
    const bool ready = older >= 0 && history.older.loaded && history.newer.loaded &&
                       history.diff_keys == history.entries[static_cast<size_t>(older)].key + "\n" +
                                                history.entries[static_cast<size_t>(newer)].key;
    nlohmann::json changes = {{"older", older >= 0 ? history.entries[static_cast<size_t>(older)].last : std::string()},
                              {"newer", newer >= 0 ? history.entries[static_cast<size_t>(newer)].last : std::string()},
                              {"ready", ready}};
    if (ready) {
      changes["diff"] = DiffToJson(history.diff, history.older.snapshot, history.newer.snapshot, history.rows_locale);
    }
    out["changes"] = std::move(changes);
  }
  return out;
}

}  // namespace divboard::ui
