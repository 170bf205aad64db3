// A small snapshot that follows every rule of docs/snapshot-format.md, built as a DOM so a
// rule test can break exactly one field of a document otherwise known to load.
#pragma once

#include <cmath>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/snapshot.h"

namespace divboard {
namespace fixture {

inline nlohmann::json Name(const char* en, const char* zh = nullptr) {
  nlohmann::json out = nlohmann::json::object();
  out["en"] = en;
  if (zh != nullptr) out["zh"] = zh;
  return out;
}

inline nlohmann::json Item(const char* id, nlohmann::json name) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = id;
  out["name"] = std::move(name);
  return out;
}

inline nlohmann::json MetricJson(const char* id, const char* division, const char* unit,
                                 const char* rollup) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = id;
  out["division"] = division;
  out["unit"] = unit;
  out["rollup"] = rollup;
  out["name"] = Name(id);
  return out;
}

inline nlohmann::json SeriesJson(const char* metric, nlohmann::json dims, const char* start,
                                 nlohmann::json values) {
  nlohmann::json out = nlohmann::json::object();
  out["metric"] = metric;
  if (!dims.is_null()) out["dims"] = std::move(dims);
  out["start"] = start;
  out["values"] = std::move(values);
  return out;
}

inline nlohmann::json HostJson(const char* id, const char* category) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = id;
  out["name"] = "\xE6\x9E\x97\xE7\x9F\xA5\xE5\xA4\x8F";  // 林知夏
  out["name_latin"] = "Lin Zhixia";
  out["category"] = category;
  out["fans"] = 182000;
  out["sessions"] = 96;
  out["viewers"] = 2210000;
  out["gmv"] = 41250000.5;
  out["orders"] = 11800;
  out["purchasing_users"] = 10450;
  return out;
}

// Layout (indexes matter to the tests):
//   divisions  0 community, 1 trading
//   dimensions 0 channel {app, livestream}, 1 category {fashion, beauty}
//     (channel before category, so sorting coordinates by dimension differs from key order)
//   metrics    0 dau mean additive, 1 dpu mean (additive absent), 2 gmv sum additive,
//              3 orders sum additive, 4 brand_merchants last (additive false), 5 watch_time hours
//   series     all start 2026-11-01 with 4 days, see below
//   events     0 festival 11-01..11-11, 1 milestone 11-03 (trading, no end)
//   hosts      0 h0042 fashion, 1 h0043 beauty without name_latin
inline nlohmann::json ValidSnapshotDocument() {
  using nlohmann::json;
  json doc = json::object();
  doc["schema"] = "divboard.snapshot";
  doc["version"] = 1;
  doc["generated_at"] = "2026-11-28T06:00:00+08:00";
  doc["timezone"] = "Asia/Shanghai";
  doc["currency"] = "CNY";

  doc["divisions"] = json::array();
  doc["divisions"].push_back(Item("community", Name("Community", "\xE7\xA4\xBE\xE5\x8C\xBA")));
  doc["divisions"].push_back(Item("trading", Name("Trading")));

  json channel = Item("channel", Name("Channel"));
  channel["members"] = json::array();
  channel["members"].push_back(Item("app", Name("App")));
  channel["members"].push_back(Item("livestream", Name("Livestream")));
  json category = Item("category", Name("Category"));
  category["members"] = json::array();
  category["members"].push_back(Item("fashion", Name("Fashion", "\xE6\x97\xB6\xE5\xB0\x9A")));
  category["members"].push_back(Item("beauty", Name("Beauty")));
  doc["dimensions"] = json::array();
  doc["dimensions"].push_back(std::move(channel));
  doc["dimensions"].push_back(std::move(category));

  doc["metrics"] = json::array();
  json dau = MetricJson("dau", "community", "users", "mean");
  dau["additive"] = true;
  dau["name"] = Name("Daily active users", "\xE6\x97\xA5\xE6\xB4\xBB\xE8\xB7\x83\xE7\x94\xA8\xE6\x88\xB7");
  doc["metrics"].push_back(std::move(dau));
  doc["metrics"].push_back(MetricJson("dpu", "trading", "users", "mean"));
  json gmv = MetricJson("gmv", "trading", "currency", "sum");
  gmv["additive"] = true;
  doc["metrics"].push_back(std::move(gmv));
  json orders = MetricJson("orders", "trading", "count", "sum");
  orders["additive"] = true;
  doc["metrics"].push_back(std::move(orders));
  json merchants = MetricJson("brand_merchants", "trading", "count", "last");
  merchants["additive"] = false;
  doc["metrics"].push_back(std::move(merchants));
  doc["metrics"].push_back(MetricJson("watch_time", "trading", "hours", "sum"));

  doc["series"] = json::array();
  doc["series"].push_back(SeriesJson("dau", json::object(), "2026-11-01", {100, 101, nullptr, 103}));
  doc["series"].push_back(SeriesJson("dpu", nullptr, "2026-11-01", {3, 4, 5, 6}));
  doc["series"].push_back(SeriesJson("gmv", json::object(), "2026-11-01", {500.5, 600, 700, 800}));
  json beauty_live = json::object();
  beauty_live["category"] = "beauty";
  beauty_live["channel"] = "livestream";
  doc["series"].push_back(SeriesJson("gmv", beauty_live, "2026-11-01", {50, nullptr, 70, 80}));
  doc["series"].push_back(SeriesJson("orders", json::object(), "2026-11-01", {5, 6, 7, 8}));
  doc["series"].push_back(
      SeriesJson("brand_merchants", json::object(), "2026-11-01", {10, 11, nullptr, nullptr}));

  doc["events"] = json::array();
  json festival = json::object();
  festival["start"] = "2026-11-01";
  festival["end"] = "2026-11-11";
  festival["kind"] = "festival";
  festival["label"] = Name("Double 11", "\xE5\x8F\x8C" "11");
  doc["events"].push_back(std::move(festival));
  json milestone = json::object();
  milestone["start"] = "2026-11-03";
  milestone["kind"] = "milestone";
  milestone["division"] = "trading";
  milestone["label"] = Name("Launch");
  doc["events"].push_back(std::move(milestone));

  doc["hosts"] = json::array();
  doc["hosts"].push_back(HostJson("h0042", "fashion"));
  json second = HostJson("h0043", "beauty");
  second.erase("name_latin");
  doc["hosts"].push_back(std::move(second));
  return doc;
}

inline void DescribeText(std::ostringstream& out, const Text& text) {
  out << "{" << text.en << "|" << text.zh << "}";
}

// Every field of a snapshot as text, so two snapshots can be compared in one assertion
// (NaN prints as "nan", so gaps compare equal to gaps).
inline std::string DescribeSnapshot(const Snapshot& s) {
  std::ostringstream out;
  out.precision(17);
  out << s.version << ";" << s.generated_at << ";" << s.timezone << ";" << s.currency << "\n";
  for (const Division& d : s.divisions) {
    out << "division " << d.id;
    DescribeText(out, d.name);
    out << "\n";
  }
  for (const Dimension& d : s.dimensions) {
    out << "dimension " << d.id;
    DescribeText(out, d.name);
    for (const Member& m : d.members) {
      out << " " << m.id;
      DescribeText(out, m.name);
    }
    out << "\n";
  }
  for (const Metric& m : s.metrics) {
    out << "metric " << m.id << " " << m.division << " " << static_cast<int>(m.unit) << " "
        << static_cast<int>(m.rollup) << " " << m.additive;
    DescribeText(out, m.name);
    out << "\n";
  }
  for (const Series& series : s.series) {
    out << "series " << series.metric << " @" << series.start << " [";
    for (const Coordinate& c : series.dims) out << c.dimension << ":" << c.member << " ";
    out << "]";
    for (double v : series.values) {
      if (std::isnan(v)) {
        out << " nan";
      } else {
        out << " " << v;
      }
    }
    out << "\n";
  }
  for (const Event& e : s.events) {
    out << "event " << e.start << ".." << e.end << " " << static_cast<int>(e.kind) << " "
        << e.division;
    DescribeText(out, e.label);
    out << "\n";
  }
  for (const Host& h : s.hosts) {
    out << "host " << h.id << " " << h.name << " " << h.name_latin << " " << h.category << " "
        << h.fans << " " << h.sessions << " " << h.viewers << " " << h.gmv << " " << h.orders
        << " " << h.purchasing_users << "\n";
  }
  return out.str();
}

}  // namespace fixture
}  // namespace divboard
