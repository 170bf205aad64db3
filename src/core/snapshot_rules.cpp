#include "core/snapshot_rules.h"

#include "core/snapshot_json.h"

namespace divboard::rules {
namespace {

template <typename T>
bool UniqueId(Checker& c, const std::vector<T>& items, const std::string& id, const std::string& pointer) {
  for (const T& item : items) {
    if (item.id == id) {
      c.Fail(pointer + "/id", "duplicate id \"" + id + "\"");
      return false;
    }
  }
  return true;
}

// One column of /hosts/N/monthly: finite, non-negative numbers (a month without sessions is
// 0, not a gap: a host either streamed or did not).
bool ReadMonthlyColumn(Checker& c, const json& monthly, const std::string& p, const char* key,
                       std::vector<double>* out) {
  const json* list = c.Array(monthly, p, key);
  if (list == nullptr) return false;
  const std::string where = p + PointerToken(key);
  if (list->size() > kMaxHostMonths) {
    c.Fail(where, "more than " + std::to_string(kMaxHostMonths) + " months");
    return false;
  }
  bool good = true;
  out->reserve(list->size());
  for (size_t w = 0; w < list->size(); ++w) {
    const json& value = (*list)[w];
    double number = 0;
    if (!value.is_number()) {
      c.Fail(At(where, w), std::string("expected a number, found ") + TypeName(value));
      good = false;
    } else if (const char* problem = MonthlyNumberProblem(number = value.get<double>())) {
      c.Fail(At(where, w), problem);
      good = false;
    }
    if (!good && c.full()) return false;
    out->push_back(number);
  }
  return good;
}

// The same column read while parsing (snapshot_builder.cpp): the same checks in the same
// order, with the same messages; its values are moved, not copied.
bool ReadMonthlyColumn(Checker& c, MonthColumn& column, const std::string& p, const char* key,
                       std::vector<double>* out) {
  const std::string where = p + PointerToken(key);
  if (column.count > kMaxHostMonths) {
    c.Fail(where, "more than " + std::to_string(kMaxHostMonths) + " months");
    return false;
  }
  for (const MonthColumn::Refused& refused : column.refused) {
    c.Fail(At(where, refused.index), refused.message);
    if (c.full()) return false;
  }
  if (!column.refused.empty()) return false;
  *out = std::move(column.values);
  return true;
}

// The optional per-month activity of a host (docs/snapshot-format.md, "Hosts").
bool ReadHostMonthly(Checker& c, const json& item, const std::string& p, HostMonths* read, HostMonthly* out) {
  if (c.Field(item, p, "monthly", false) == nullptr) return true;
  const json* monthly = c.Object(item, p, "monthly");
  if (monthly == nullptr) return false;
  const std::string wp = p + "/monthly";
  out->present = true;
  bool good = c.Date(*monthly, wp, "start", &out->start);
  if (good && CivilFromDay(out->start).day != 1) {
    c.Fail(wp + "/start", "\"" + FormatDate(out->start) + "\" is not the first day of a month");
    good = false;
  }
  std::vector<double>* const columns[] = {&out->sessions, &out->viewers, &out->gmv, &out->orders,
                                          &out->purchasing_users};
  static_assert(std::size(columns) == std::size(kMonthlyColumns));
  bool sessions_read = false;  // lengths are compared with "sessions" only once it is known
  for (size_t k = 0; k < std::size(columns); ++k) {
    const char* key = kMonthlyColumns[k];
    std::vector<double>* column = columns[k];
    const bool streamed = read != nullptr && read->columns[k].present;
    if (!(streamed ? ReadMonthlyColumn(c, read->columns[k], wp, key, column)
                   : ReadMonthlyColumn(c, *monthly, wp, key, column))) {
      good = false;
      continue;
    }
    if (column == &out->sessions) {
      sessions_read = true;
    } else if (sessions_read && column->size() != out->sessions.size()) {
      c.Fail(wp + PointerToken(key), std::to_string(column->size()) + " months, but \"sessions\" has " +
                                         std::to_string(out->sessions.size()));
      good = false;
    }
  }
  return good;
}

}  // namespace

const char* MonthlyNumberProblem(double value) {
  if (!std::isfinite(value)) return "number out of range";
  if (value < 0) return "must not be negative";
  return nullptr;
}

const char* TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}


std::string At(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

bool CheckHeader(Checker& c, const json& root, const char* schema) {
  if (!c.IsObjectAt(root, "")) return false;
  const std::string* id = c.String(root, "", "schema");
  if (id != nullptr && *id != schema) {
    c.Fail("/schema", "expected \"" + std::string(schema) + "\", found \"" + Checker::Clip(*id) + "\"");
  }
  const json* version = c.Field(root, "", "version");
  if (version != nullptr) {
    if (!version->is_number_integer()) {
      c.Fail("/version", std::string("expected an integer, found ") + TypeName(*version));
    } else if (version->get<json::number_integer_t>() != kSnapshotVersion) {
      c.Fail("/version", "unsupported version " + version->dump() + " (this divboard reads version " +
                             std::to_string(kSnapshotVersion) + ")");
    }
  }
  // A wrong schema or version makes every other message noise.
  return c.ok();
}


void ReadDivisions(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "divisions");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/divisions", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Division d;
    if (c.Id(item, p, "id", &d.id) && UniqueId(c, s->divisions, d.id, p) && c.Localised(item, p, "name", &d.name)) {
      s->divisions.push_back(std::move(d));
    }
  }
}

void ReadDimensions(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "dimensions");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/dimensions", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Dimension d;
    if (!c.Id(item, p, "id", &d.id) || !UniqueId(c, s->dimensions, d.id, p)) continue;
    c.Localised(item, p, "name", &d.name);
    const json* members = c.Array(item, p, "members");
    if (members == nullptr) continue;
    for (size_t m = 0; m < members->size() && !c.full(); ++m) {
      const std::string mp = At(p + "/members", m);
      const json& member_json = (*members)[m];
      if (!c.IsObjectAt(member_json, mp)) continue;
      Member member;
      if (c.Id(member_json, mp, "id", &member.id) && UniqueId(c, d.members, member.id, mp) &&
          c.Localised(member_json, mp, "name", &member.name)) {
        d.members.push_back(std::move(member));
      }
    }
    s->dimensions.push_back(std::move(d));
  }
}

bool ParseEnum(const std::string& text, std::initializer_list<const char*> names, int* out) {
  int index = 0;
  for (const char* name : names) {
    if (text == name) {
      *out = index;
      return true;
    }
    ++index;
  }
  return false;
}

void ReadMetrics(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "metrics");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/metrics", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Metric m;
    if (!c.Id(item, p, "id", &m.id) || !UniqueId(c, s->metrics, m.id, p)) continue;
    bool good = c.Localised(item, p, "name", &m.name);
    if (const std::string* division = c.String(item, p, "division")) {
      m.division = s->FindDivision(*division);
      if (m.division < 0) {
        c.Fail(p + "/division", "unknown division \"" + Checker::Clip(*division) + "\"");
        good = false;
      }
    } else {
      good = false;
    }
    int value = 0;
    if (const std::string* unit = c.String(item, p, "unit")) {
      if (ParseEnum(*unit, {"users", "count", "currency", "hours"}, &value)) {
        m.unit = static_cast<Unit>(value);
      } else {
        c.Fail(p + "/unit", "unknown unit \"" + Checker::Clip(*unit) + "\" (users, count, currency, hours)");
        good = false;
      }
    } else {
      good = false;
    }
    if (const std::string* rollup = c.String(item, p, "rollup")) {
      if (ParseEnum(*rollup, {"sum", "mean", "last"}, &value)) {
        m.rollup = static_cast<Rollup>(value);
      } else {
        c.Fail(p + "/rollup", "unknown rollup \"" + Checker::Clip(*rollup) + "\" (sum, mean, last)");
        good = false;
      }
    } else {
      good = false;
    }
    if (const json* additive = c.Typed(item, p, "additive", json::value_t::boolean, "a boolean", false)) {
      m.additive = additive->get<bool>();
    }
    if (good) s->metrics.push_back(std::move(m));
  }
}

void ReadHeaderFields(Checker& c, const json& root, Snapshot* s) {
  if (const std::string* at = c.String(root, "", "generated_at")) {
    if (IsRfc3339Time(*at)) {
      s->generated_at = *at;
    } else {
      c.Fail("/generated_at", "\"" + Checker::Clip(*at) + "\" is not an RFC 3339 time with offset");
    }
  }
  if (const std::string* tz = c.String(root, "", "timezone")) {
    if (tz->empty() || tz->size() > 64) {
      c.Fail("/timezone", "expected an IANA time zone name such as \"Asia/Shanghai\"");
    }
    s->timezone = *tz;
  }
  if (const std::string* currency = c.String(root, "", "currency")) {
    const bool iso = currency->size() == 3 &&
                     std::all_of(currency->begin(), currency->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!iso) c.Fail("/currency", "expected an ISO 4217 code such as \"CNY\"");
    s->currency = *currency;
  }
}

bool ReadSeriesKey(Checker& c, const json& item, const std::string& p, const Snapshot& s, Series* series,
                   MemberIndex* index) {
  bool good = true;
  if (const std::string* metric = c.String(item, p, "metric")) {
    series->metric = s.FindMetric(*metric);
    if (series->metric < 0) {
      c.Fail(p + "/metric", "unknown metric \"" + Checker::Clip(*metric) + "\"");
      good = false;
    }
  } else {
    good = false;
  }
  if (const json* dims = c.Object(item, p, "dims", false)) {
    for (auto it = dims->begin(); it != dims->end(); ++it) {
      const std::string dp = p + "/dims" + PointerToken(it.key());
      const int dimension = s.FindDimension(it.key());
      if (dimension < 0) {
        c.Fail(dp, "unknown dimension \"" + Checker::Clip(it.key()) + "\"");
        good = false;
        continue;
      }
      if (!it.value().is_string()) {
        c.Fail(dp, std::string("expected a member id (a string), found ") + TypeName(it.value()));
        good = false;
        continue;
      }
      const std::string& member_id = it.value().get_ref<const std::string&>();
      const auto& members = s.dimensions[static_cast<size_t>(dimension)].members;
      int member = -1;
      if (index != nullptr) {
        if (index->by_dimension.size() < s.dimensions.size()) index->by_dimension.resize(s.dimensions.size());
        auto& ids = index->by_dimension[static_cast<size_t>(dimension)];
        if (ids.empty()) {
          for (size_t m = 0; m < members.size(); ++m) ids[members[m].id] = static_cast<int>(m);  // the last one wins, as below
        }
        const auto found = ids.find(member_id);
        if (found != ids.end()) member = found->second;
      } else {
        for (size_t m = 0; m < members.size(); ++m) {
          if (members[m].id == member_id) member = static_cast<int>(m);
        }
      }
      if (member < 0) {
        c.Fail(dp, "unknown member \"" + Checker::Clip(member_id) + "\" of dimension \"" + it.key() + "\"");
        good = false;
        continue;
      }
      series->dims.push_back(Coordinate{dimension, member});
    }
    std::sort(series->dims.begin(), series->dims.end(),
              [](const Coordinate& a, const Coordinate& b) { return a.dimension < b.dimension; });
  } else if (c.Field(item, p, "dims", false) != nullptr) {
    good = false;
  }
  good = c.Date(item, p, "start", &series->start) && good;
  return good;
}

void ReadEvents(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "events");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/events", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Event e;
    if (!c.Date(item, p, "start", &e.start)) continue;
    e.end = e.start;
    if (c.Field(item, p, "end", false) != nullptr) {
      if (!c.Date(item, p, "end", &e.end)) continue;
      if (e.end < e.start) {
        c.Fail(p + "/end", "ends before it starts");
        continue;
      }
    }
    if (!s->events.empty() && e.start < s->events.back().start) {
      c.Fail(p + "/start", "events must be sorted by start date (this one is before the previous one)");
      continue;
    }
    int kind = 0;
    if (const std::string* text = c.String(item, p, "kind")) {
      if (!ParseEnum(*text, {"milestone", "festival", "holiday", "incident"}, &kind)) {
        c.Fail(p + "/kind", "unknown kind \"" + Checker::Clip(*text) + "\" (milestone, festival, holiday, incident)");
        continue;
      }
    } else {
      continue;
    }
    e.kind = static_cast<EventKind>(kind);
    if (const std::string* division = c.String(item, p, "division", false)) {
      e.division = s->FindDivision(*division);
      if (e.division < 0) {
        c.Fail(p + "/division", "unknown division \"" + Checker::Clip(*division) + "\"");
        continue;
      }
    }
    if (c.Localised(item, p, "label", &e.label)) s->events.push_back(std::move(e));
  }
}

CheckedHost CheckHost(const json& item, const std::string& p, HostMonths* read) {
  CheckedHost checked;
  Host& h = checked.host;
  {
    Checker c(&checked.before_unique);
    checked.id_ok = c.Id(item, p, "id", &h.id);
    if (!checked.id_ok) return checked;  // nothing else is checked
  }
  Checker fields(&checked.before_category);
  const std::string* name = fields.String(item, p, "name");
  const std::string* latin = fields.String(item, p, "name_latin", false);
  const std::string* category = fields.String(item, p, "category");
  if (category != nullptr) checked.category = *category;
  Checker c(&checked.after_category);
  bool good = name != nullptr && category != nullptr;
  good = c.NonNegative(item, p, "fans", &h.fans) && good;
  good = c.NonNegative(item, p, "sessions", &h.sessions) && good;
  good = c.NonNegative(item, p, "viewers", &h.viewers) && good;
  good = c.NonNegative(item, p, "gmv", &h.gmv) && good;
  good = c.NonNegative(item, p, "orders", &h.orders) && good;
  good = c.NonNegative(item, p, "purchasing_users", &h.purchasing_users) && good;
  good = ReadHostMonthly(c, item, p, read, &h.monthly) && good;
  checked.fields_ok = good;
  if (good) {
    h.name = *name;
    h.name_latin = latin ? *latin : std::string();
  }
  return checked;
}

void ReadHosts(Checker& c, const json& root, Snapshot* s, std::vector<std::unique_ptr<CheckedHost>>* checked) {
  const json* list = c.Array(root, "", "hosts");
  if (list == nullptr) return;
  const int category_dim = s->FindDimension("category");
  s->hosts.reserve(list->size());
  const auto emit = [&c](const std::vector<Problem>& problems) {
    for (const Problem& problem : problems) c.Fail(problem.pointer, problem.message);
  };
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/hosts", i);
    CheckedHost from_dom;
    CheckedHost* host = checked != nullptr && i < checked->size() ? (*checked)[i].get() : nullptr;
    if (host == nullptr) {
      const json& item = (*list)[i];
      if (!c.IsObjectAt(item, p)) continue;
      from_dom = CheckHost(item, p, nullptr);
      host = &from_dom;
    }
    Host& h = host->host;
    emit(host->before_unique);
    if (!host->id_ok || !UniqueId(c, s->hosts, h.id, p)) continue;
    emit(host->before_category);
    bool good = host->fields_ok;
    if (host->category) {
      if (category_dim >= 0) {
        const auto& members = s->dimensions[static_cast<size_t>(category_dim)].members;
        for (size_t m = 0; m < members.size(); ++m) {
          if (members[m].id == *host->category) h.category = static_cast<int>(m);
        }
      }
      if (h.category < 0) {
        c.Fail(p + "/category", "unknown category \"" + Checker::Clip(*host->category) + "\"");
        good = false;
      }
    }
    emit(host->after_category);
    if (!good) continue;
    s->hosts.push_back(std::move(h));
  }
}

}  // namespace divboard::rules
