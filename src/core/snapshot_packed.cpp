#include "core/snapshot_packed.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/date.h"
#include "core/packed_reader.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

// [SECTION] A BJData writer for exactly what a snapshot needs (little-endian, as BJData is).
// nlohmann's own writer would type an array only when every element has the same marker,
// which integer columns of mixed magnitude never do.
class Writer {
 public:
  std::string& bytes() { return out_; }

  void Integer(int64_t value) {
    if (value >= -128 && value <= 127) {
      Raw('i', static_cast<uint64_t>(value), 1);
    } else if (value >= 0 && value <= 255) {
      Raw('U', static_cast<uint64_t>(value), 1);
    } else if (value >= INT16_MIN && value <= INT16_MAX) {
      Raw('I', static_cast<uint64_t>(value), 2);
    } else if (value >= 0 && value <= UINT16_MAX) {
      Raw('u', static_cast<uint64_t>(value), 2);
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
      Raw('l', static_cast<uint64_t>(value), 4);
    } else if (value >= 0 && value <= UINT32_MAX) {
      Raw('m', static_cast<uint64_t>(value), 4);
    } else {
      Raw('L', static_cast<uint64_t>(value), 8);
    }
  }

  void Number(double value) {
    if (IsExactInteger(value)) {
      Integer(static_cast<int64_t>(value));
    } else {
      Raw('D', Bits(value), 8);
    }
  }

  void String(const std::string& text) {
    out_.push_back('S');
    Key(text);
  }

  // Object keys carry a length but no 'S'.
  void Key(const std::string& text) {
    Integer(static_cast<int64_t>(text.size()));
    out_ += text;
  }

  void Boolean(bool value) { out_.push_back(value ? 'T' : 'F'); }
  void Open(char marker) { out_.push_back(marker); }
  void Close(char marker) { out_.push_back(marker); }

  // One typed array: '[', '$', type, '#', count, then the raw elements.
  void Values(const std::vector<double>& values) {
    bool integral = true;
    double low = 0, high = 0;
    for (size_t i = 0; i < values.size() && integral; ++i) {
      integral = IsExactInteger(values[i]);
      low = i == 0 ? values[i] : std::min(low, values[i]);
      high = i == 0 ? values[i] : std::max(high, values[i]);
    }
    char type = 'D';
    int width = 8;
    if (integral) {
      struct Choice { char type; int width; double low, high; };
      static const Choice kChoices[] = {{'U', 1, 0, 255},         {'i', 1, -128, 127},
                                        {'u', 2, 0, 65535},        {'I', 2, -32768, 32767},
                                        {'m', 4, 0, 4294967295.0}, {'l', 4, -2147483648.0, 2147483647.0},
                                        {'L', 8, -9007199254740992.0, 9007199254740992.0}};
      for (const Choice& choice : kChoices) {
        if (low >= choice.low && high <= choice.high) {
          type = choice.type;
          width = choice.width;
          break;
        }
      }
    }
    out_ += "[$";
    out_.push_back(type);
    out_.push_back('#');
    Integer(static_cast<int64_t>(values.size()));
    out_.reserve(out_.size() + values.size() * static_cast<size_t>(width));
    for (double value : values) {
      const uint64_t bits = type == 'D' ? Bits(value) : static_cast<uint64_t>(static_cast<int64_t>(value));
      for (int b = 0; b < width; ++b) out_.push_back(static_cast<char>((bits >> (8 * b)) & 0xFF));
    }
  }

 private:
  // Integral, within 2^53, and not -0.0 (an integer type would turn it into +0.0).
  static bool IsExactInteger(double value) {
    return std::isfinite(value) && value == std::trunc(value) && std::fabs(value) <= 9007199254740992.0 &&
           !(value == 0 && std::signbit(value));
  }

  static uint64_t Bits(double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
  }

  void Raw(char marker, uint64_t bits, int width) {
    out_.push_back(marker);
    for (int b = 0; b < width; ++b) out_.push_back(static_cast<char>((bits >> (8 * b)) & 0xFF));
  }

  std::string out_;
};

void WriteText(Writer& w, const Text& text) {
  w.Open('{');
  w.Key("en");
  w.String(text.en);
  if (!text.zh.empty()) {
    w.Key("zh");
    w.String(text.zh);
  }
  w.Close('}');
}

void WriteItem(Writer& w, const std::string& id, const Text& name) {
  w.Key("id");
  w.String(id);
  w.Key("name");
  WriteText(w, name);
}

const char* UnitName(Unit unit) {
  switch (unit) {
    case Unit::kUsers: return "users";
    case Unit::kCount: return "count";
    case Unit::kCurrency: return "currency";
    case Unit::kHours: return "hours";
    default: return "ratio";  // not in format v1: loading the pack refuses it, as JSON would
  }
}

const char* RollupName(Rollup rollup) {
  switch (rollup) {
    case Rollup::kSum: return "sum";
    case Rollup::kMean: return "mean";
    default: return "last";
  }
}

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kMilestone: return "milestone";
    case EventKind::kFestival: return "festival";
    case EventKind::kHoliday: return "holiday";
    default: return "incident";
  }
}

}  // namespace

std::string PackSnapshot(const Snapshot& s) {
  Writer w;
  w.Open('{');
  w.Key("schema");
  w.String("divboard.snapshot");
  w.Key("version");
  w.Integer(s.version);
  w.Key("generated_at");
  w.String(s.generated_at);
  w.Key("timezone");
  w.String(s.timezone);
  w.Key("currency");
  w.String(s.currency);

  w.Key("divisions");
  w.Open('[');
  for (const Division& d : s.divisions) {
    w.Open('{');
    WriteItem(w, d.id, d.name);
    w.Close('}');
  }
  w.Close(']');

  w.Key("dimensions");
  w.Open('[');
  for (const Dimension& d : s.dimensions) {
    w.Open('{');
    WriteItem(w, d.id, d.name);
    w.Key("members");
    w.Open('[');
    for (const Member& m : d.members) {
      w.Open('{');
      WriteItem(w, m.id, m.name);
      w.Close('}');
    }
    w.Close(']');
    w.Close('}');
  }
  w.Close(']');

  w.Key("metrics");
  w.Open('[');
  for (const Metric& m : s.metrics) {
    w.Open('{');
    WriteItem(w, m.id, m.name);
    w.Key("division");
    w.String(m.division >= 0 && static_cast<size_t>(m.division) < s.divisions.size()
                 ? s.divisions[static_cast<size_t>(m.division)].id
                 : std::string());
    w.Key("unit");
    w.String(UnitName(m.unit));
    w.Key("rollup");
    w.String(RollupName(m.rollup));
    w.Key("additive");
    w.Boolean(m.additive);
    w.Close('}');
  }
  w.Close(']');

  w.Key("series");
  w.Open('[');
  for (const Series& series : s.series) {
    w.Open('{');
    w.Key("metric");
    w.String(s.metrics[static_cast<size_t>(series.metric)].id);
    if (!series.dims.empty()) {
      w.Key("dims");
      w.Open('{');
      for (const Coordinate& c : series.dims) {
        const Dimension& dimension = s.dimensions[static_cast<size_t>(c.dimension)];
        w.Key(dimension.id);
        w.String(dimension.members[static_cast<size_t>(c.member)].id);
      }
      w.Close('}');
    }
    w.Key("start");
    w.String(FormatDate(series.start));
    w.Key("values");
    w.Values(series.values);
    w.Close('}');
  }
  w.Close(']');

  w.Key("events");
  w.Open('[');
  for (const Event& e : s.events) {
    w.Open('{');
    w.Key("start");
    w.String(FormatDate(e.start));
    w.Key("end");
    w.String(FormatDate(e.end));
    w.Key("kind");
    w.String(EventKindName(e.kind));
    if (e.division >= 0) {
      w.Key("division");
      w.String(s.divisions[static_cast<size_t>(e.division)].id);
    }
    w.Key("label");
    WriteText(w, e.label);
    w.Close('}');
  }
  w.Close(']');

  w.Key("hosts");
  w.Open('[');
  const int category = s.FindDimension("category");
  for (const Host& h : s.hosts) {
    w.Open('{');
    w.Key("id");
    w.String(h.id);
    w.Key("name");
    w.String(h.name);
    if (!h.name_latin.empty()) {
      w.Key("name_latin");
      w.String(h.name_latin);
    }
    w.Key("category");
    w.String(category >= 0 && h.category >= 0
                 ? s.dimensions[static_cast<size_t>(category)].members[static_cast<size_t>(h.category)].id
                 : std::string());
    const std::pair<const char*, double> numbers[] = {
        {"fans", h.fans}, {"sessions", h.sessions}, {"viewers", h.viewers},
        {"gmv", h.gmv},   {"orders", h.orders},     {"purchasing_users", h.purchasing_users}};
    for (const auto& [name, value] : numbers) {
      w.Key(name);
      w.Number(value);
    }
    if (h.monthly.present) {
      w.Key("monthly");
      w.Open('{');
      w.Key("start");
      w.String(FormatDate(h.monthly.start));
      const std::pair<const char*, const std::vector<double>*> columns[] = {
          {"sessions", &h.monthly.sessions}, {"viewers", &h.monthly.viewers}, {"gmv", &h.monthly.gmv},
          {"orders", &h.monthly.orders}, {"purchasing_users", &h.monthly.purchasing_users}};
      for (const auto& [name, column] : columns) {
        w.Key(name);
        w.Values(*column);
      }
      w.Close('}');
    }
    w.Close('}');
  }
  w.Close(']');
  w.Close('}');
  return std::move(w.bytes());
}

bool IsPackedSnapshot(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == '{' && std::strchr("iUIulmLM$#", bytes[1]) != nullptr &&
         bytes[1] != '\0';
}

std::vector<Problem> LoadPackedSnapshot(std::string_view bytes, Snapshot* out) {
  PackedSnapshotParser parser;
  // The narrowest typed array spends one byte per value: no column can be longer.
  parser.set_input_size(bytes.size());
  parser.Feed(bytes);
  std::vector<Problem> problems;
  parser.Finish(out, &problems);
  return problems;
}

}  // namespace divboard
