#include "core/packed_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include "core/snapshot_builder.h"

// Typed-array elements are copied as they lie in memory: BJData is little-endian, and so are
// x86, ARM as we build it, and WebAssembly.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "packed_reader.cpp assumes a little-endian machine"
#endif

namespace divboard {
namespace {

using Byte = unsigned char;

// Bytes of one element of a fixed-size type; 0 for markers that are not one.
int Width(Byte marker) {
  switch (marker) {
    case 'i': case 'U': case 'C': return 1;
    case 'I': case 'u': case 'h': return 2;
    case 'l': case 'm': case 'd': return 4;
    case 'L': case 'M': case 'D': return 8;
    default: return 0;
  }
}

template <typename T>
T Load(const Byte* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

double HalfToDouble(uint16_t half) {
  const int exponent = (half >> 10) & 0x1F;
  const int mantissa = half & 0x3FF;
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent != 31) {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  } else {
    value = mantissa == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  }
  return (half & 0x8000) != 0 ? -value : value;
}

// The value of a fixed-size number as a double (typed-array elements inside a column).
double NumberAt(Byte marker, const Byte* p) {
  switch (marker) {
    case 'i': return static_cast<int8_t>(p[0]);
    case 'U': return p[0];
    case 'I': return Load<int16_t>(p);
    case 'u': return Load<uint16_t>(p);
    case 'l': return Load<int32_t>(p);
    case 'm': return Load<uint32_t>(p);
    case 'L': return static_cast<double>(Load<int64_t>(p));
    case 'M': return static_cast<double>(Load<uint64_t>(p));
    case 'h': return HalfToDouble(Load<uint16_t>(p));
    case 'd': return Load<float>(p);
    default: return Load<double>(p);
  }
}

// The conversion loop per type, so the compiler can vectorise each.
template <typename T>
void Convert(const Byte* p, size_t n, double* out) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<double>(Load<T>(p + i * sizeof(T)));
}

void ConvertRun(Byte marker, const Byte* p, size_t n, double* out) {
  switch (marker) {
    case 'i': Convert<int8_t>(p, n, out); break;
    case 'U': Convert<uint8_t>(p, n, out); break;
    case 'I': Convert<int16_t>(p, n, out); break;
    case 'u': Convert<uint16_t>(p, n, out); break;
    case 'l': Convert<int32_t>(p, n, out); break;
    case 'm': Convert<uint32_t>(p, n, out); break;
    case 'L': Convert<int64_t>(p, n, out); break;
    case 'M': Convert<uint64_t>(p, n, out); break;
    case 'd': Convert<float>(p, n, out); break;
    case 'D': std::memcpy(out, p, n * sizeof(double)); break;
    default:
      for (size_t i = 0; i < n; ++i) out[i] = NumberAt(marker, p + 2 * i);
  }
}

std::string Hex(Byte b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", b);
  return text;
}

}  // namespace

// [SECTION] The decoder: one loop over whole tokens. A token that does not fit in the bytes
// at hand is left for the next chunk (need_ says how many bytes it takes), so nothing is
// consumed halfway and no event is sent twice.
class PackedSnapshotParser::Impl {
 public:
  void set_input_size(size_t bytes) { builder_.set_reserve_cap(bytes); }

  void Feed(const char* data, size_t size) {
    fed_ += size;
    if (failed_ || size == 0) return;
    if (pending_.empty()) {
      const size_t used = Parse(reinterpret_cast<const Byte*>(data), size);
      if (!failed_ && used < size) pending_.assign(data + used, size - used);
      return;
    }
    pending_.append(data, size);
    if (pending_.size() < need_) return;  // a long string or key still arriving
    const size_t used = Parse(reinterpret_cast<const Byte*>(pending_.data()), pending_.size());
    pending_.erase(0, used);
  }

  bool failed() const { return failed_; }
  size_t bytes_fed() const { return fed_; }

  bool Finish(Snapshot* out, std::vector<Problem>* problems) {
    if (!failed_ && (!done_ || !pending_.empty())) {
      Fail(fed_ == 0 ? "empty input, not a packed snapshot (BJData)"
                     : "syntax error while parsing BJData value: unexpected end of input");
    }
    if (failed_) {
      *problems = {Problem{builder_.Pointer(),
                           builder_.message().empty() ? "not a packed snapshot (BJData)" : builder_.message()}};
      return false;
    }
    *problems = builder_.Validate(out);
    return problems->empty();
  }

 private:
  struct Container {
    bool object = false;
    bool counted = false;     // '#': a count instead of a closing marker
    bool want_value = false;  // an object whose key was read
    Byte type = 0;            // '$': every element (value) has this marker
    uint64_t remaining = 0;
  };

  enum Step { kDone, kNeedMore, kFailed };

  void Fail(std::string message) {
    builder_.Fail(std::move(message));
    failed_ = true;
  }

  void SyntaxError(const char* context, const std::string& what, Byte last) {
    Fail(std::string("syntax error while parsing BJData ") + context + ": " + what + "; last byte: " + Hex(last));
  }

  // A builder event that said no (depth, duplicate key, ...): its message stands.
  bool Check(bool ok) {
    if (!ok) {
      if (builder_.message().empty()) builder_.Fail(std::string("not a packed snapshot (BJData)"));
      failed_ = true;
    }
    return ok;
  }

  // A length or count: an integer marker and its bytes at p. *used is what it took.
  Step ReadLength(const Byte* p, const Byte* end, const char* context, uint64_t* length, size_t* used) {
    if (p == end) return Need(1);
    const Byte marker = *p;
    if (std::strchr("iUIulmLM", marker) == nullptr || marker == 0) {
      SyntaxError(context, "expected a length type (i, U, I, u, l, m, L, M)", marker);
      return kFailed;
    }
    const size_t width = static_cast<size_t>(Width(marker));
    if (static_cast<size_t>(end - p) < 1 + width) return Need(1 + width);
    const double value = NumberAt(marker, p + 1);
    if (value < 0) {
      SyntaxError(context, "a length must not be negative", marker);
      return kFailed;
    }
    *length = marker == 'L' ? static_cast<uint64_t>(Load<int64_t>(p + 1))
              : marker == 'M' ? Load<uint64_t>(p + 1)
                              : static_cast<uint64_t>(value);
    *used = 1 + width;
    return kDone;
  }

  Step Need(size_t bytes) {
    need_ = bytes;
    return kNeedMore;
  }

  // One element of a container (or the root) just ended: count it.
  void Counted() {
    if (stack_.empty()) {
      done_ = true;
      return;
    }
    Container& top = stack_.back();
    if (top.counted) --top.remaining;
    top.want_value = false;
  }

  bool Close() {
    const bool object = stack_.back().object;
    stack_.pop_back();
    if (!Check(object ? builder_.end_object() : builder_.end_array())) return false;
    Counted();
    return true;
  }

  // A string's bytes: a length, then that many bytes.
  Step ReadString(const Byte* p, const Byte* end, const char* context, size_t* used) {
    uint64_t length = 0;
    size_t head = 0;
    const Step step = ReadLength(p, end, context, &length, &head);
    if (step != kDone) return step;
    if (length > kMaxStringBytes) {
      SyntaxError(context, "longer than " + std::to_string(kMaxStringBytes) + " bytes", *p);
      return kFailed;
    }
    if (static_cast<uint64_t>(end - p) < head + length) return Need(head + static_cast<size_t>(length));
    text_.assign(reinterpret_cast<const char*>(p + head), static_cast<size_t>(length));
    *used = head + static_cast<size_t>(length);
    return kDone;
  }

  // One value whose marker is known; p is just past the marker. *used: bytes taken after it.
  Step Value(Byte marker, const Byte* p, const Byte* end, size_t* used) {
    const size_t avail = static_cast<size_t>(end - p);
    *used = 0;
    switch (marker) {
      case 'Z': return Check(builder_.null()) ? Scalar() : kFailed;
      case 'T': case 'F': return Check(builder_.boolean(marker == 'T')) ? Scalar() : kFailed;
      case 'i': case 'I': case 'l': case 'L':
      case 'U': case 'u': case 'm': case 'M':
      case 'h': case 'd': case 'D': {
        const size_t width = static_cast<size_t>(Width(marker));
        if (avail < width) return Need(width);
        *used = width;
        bool ok;
        if (marker == 'h' || marker == 'd' || marker == 'D') {
          ok = builder_.number_float(NumberAt(marker, p), no_text_);
        } else if (marker == 'L') {
          ok = builder_.number_integer(Load<int64_t>(p));
        } else if (marker == 'M') {
          ok = builder_.number_unsigned(Load<uint64_t>(p));
        } else if (marker == 'U' || marker == 'u' || marker == 'm') {
          ok = builder_.number_unsigned(static_cast<uint64_t>(NumberAt(marker, p)));
        } else {
          ok = builder_.number_integer(static_cast<int64_t>(NumberAt(marker, p)));
        }
        return Check(ok) ? Scalar() : kFailed;
      }
      case 'C':
        if (avail < 1) return Need(1);
        *used = 1;
        text_.assign(1, static_cast<char>(p[0]));
        return Check(builder_.string(text_)) ? Scalar() : kFailed;
      case 'S': {
        const Step step = ReadString(p, end, "string", used);
        if (step != kDone) return step;
        return Check(builder_.string(text_)) ? Scalar() : kFailed;
      }
      case '[': case '{': return Open(marker == '{', p, end, used);
      case 'H':
        SyntaxError("value", "high-precision numbers (H) are not part of the packed form", marker);
        return kFailed;
      default:
        SyntaxError("value", "invalid byte " + Hex(marker), marker);
        return kFailed;
    }
  }

  Step Scalar() {
    Counted();
    return kDone;
  }

  // A container's header after '[' or '{': optional '$' type, optional '#' count.
  Step Open(bool object, const Byte* p, const Byte* end, size_t* used) {
    Container frame;
    frame.object = object;
    size_t at = 0;
    if (p + at < end && p[at] == '$') {
      if (static_cast<size_t>(end - p) < at + 2) return Need(at + 2);
      frame.type = p[at + 1];
      if (Width(frame.type) == 0) {
        SyntaxError("type", "marker " + Hex(frame.type) + " is not a permitted optimized array type", frame.type);
        return kFailed;
      }
      at += 2;
      if (p + at == end) return Need(at + 1);
      if (p[at] != '#') {
        SyntaxError("type", "expected '#' after type information", p[at]);
        return kFailed;
      }
    }
    if (p + at == end) return Need(at + 1);
    if (p[at] == '#') {
      ++at;
      if (p + at < end && p[at] == '[') {
        SyntaxError("size", "N-dimensional arrays are not part of the packed form", p[at]);
        return kFailed;
      }
      size_t head = 0;
      const Step step = ReadLength(p + at, end, "size", &frame.remaining, &head);
      if (step == kNeedMore) return Need(at + need_);
      if (step != kDone) return step;
      at += head;
      frame.counted = true;
    }
    *used = at;
    // The container counts as one element of its parent when it closes (Close).
    const bool ok = object ? builder_.start_object(frame.counted ? static_cast<size_t>(frame.remaining) : size_t(-1))
                           : builder_.start_array(frame.counted ? CountHint(frame.remaining) : size_t(-1));
    if (!Check(ok)) return kFailed;
    stack_.push_back(frame);
    return kDone;
  }

  static size_t CountHint(uint64_t count) {
    return count >= std::numeric_limits<size_t>::max() ? std::numeric_limits<size_t>::max() - 1
                                                       : static_cast<size_t>(count);
  }

  // A run of a typed array's elements straight into the current column. An infinity goes
  // through the event path, which refuses it with its index; NaN is a missing day, kept.
  void ColumnRun(Byte marker, const Byte* p, size_t n) {
    if (marker != 'D' && marker != 'd' && marker != 'h') {
      Bulk(marker, p, n);
      return;
    }
    const size_t width = static_cast<size_t>(Width(marker));
    size_t done = 0;
    while (done < n) {
      const size_t run = marker == 'D' ? FirstInfinity(p, done, n) : FirstInfinitySlow(marker, p, done, n);
      Bulk(marker, p + done * width, run - done);
      if (run == n) break;
      builder_.number_float(NumberAt(marker, p + run * width), no_text_);
      done = run + 1;
    }
  }

  static size_t FirstInfinity(const Byte* p, size_t from, size_t n) {
    for (size_t i = from; i < n; ++i) {
      if ((Load<uint64_t>(p + i * 8) & 0x7FFFFFFFFFFFFFFFull) == 0x7FF0000000000000ull) return i;
    }
    return n;
  }

  static size_t FirstInfinitySlow(Byte marker, const Byte* p, size_t from, size_t n) {
    const size_t width = static_cast<size_t>(Width(marker));
    for (size_t i = from; i < n; ++i) {
      if (std::isinf(NumberAt(marker, p + i * width))) return i;
    }
    return n;
  }

  void Bulk(Byte marker, const Byte* p, size_t n) {
    if (n == 0) return;
    size_t writable = 0;
    double* out = builder_.AppendColumnValues(n, &writable);
    ConvertRun(marker, p, writable, out);
  }

  size_t Parse(const Byte* begin, size_t size) {
    const Byte* p = begin;
    const Byte* const end = begin + size;
    need_ = 0;
    while (!failed_) {
      if (done_) {
        if (p != end) SyntaxError("value", "expected end of input", *p);
        break;
      }
      Byte marker = 0;
      if (!stack_.empty()) {
        Container& top = stack_.back();
        if (top.counted && top.remaining == 0 && !top.want_value) {
          if (!Close()) break;
          continue;
        }
        if (!top.object && top.type != 0) {
          const size_t width = static_cast<size_t>(Width(top.type));
          if (builder_.InColumn() && top.type != 'C') {
            const size_t n = static_cast<size_t>(
                std::min<uint64_t>(top.remaining, static_cast<uint64_t>(end - p) / width));
            if (n == 0) {
              need_ = width;
              break;
            }
            ColumnRun(top.type, p, n);
            p += n * width;
            top.remaining -= n;
            continue;
          }
        }
        if (top.object && !top.want_value) {
          while (p != end && *p == 'N') ++p;
          if (p == end) {
            need_ = 1;
            break;
          }
          if (!top.counted && *p == '}') {
            ++p;
            if (!Close()) break;
            continue;
          }
          size_t used = 0;
          const Step step = ReadString(p, end, "key", &used);
          if (step == kNeedMore) break;
          if (step == kFailed) break;
          p += used;
          if (!Check(builder_.key(text_))) break;
          top.want_value = true;
          continue;
        }
        if (top.type != 0) marker = top.type;
        if (!top.object && !top.counted) {
          while (p != end && *p == 'N') ++p;
          if (p == end) {
            need_ = 1;
            break;
          }
          if (*p == ']') {
            ++p;
            if (!Close()) break;
            continue;
          }
        }
      }
      const Byte* q = p;
      if (marker == 0) {
        while (q != end && *q == 'N') ++q;
        p = q;  // no-ops are skipped for good
        if (q == end) {
          need_ = 1;
          break;
        }
        marker = *q++;
        if (marker == ']' || marker == '}') {
          SyntaxError("value", std::string("unexpected '") + static_cast<char>(marker) + "'", marker);
          break;
        }
      }
      size_t used = 0;
      const Step step = Value(marker, q, end, &used);
      if (step == kNeedMore) {
        need_ += static_cast<size_t>(q - p);
        break;
      }
      if (step == kFailed) break;
      p = q + used;
    }
    return static_cast<size_t>(p - begin);
  }

  SnapshotBuilder builder_;
  std::vector<Container> stack_;
  std::string pending_;  // the start of a token the last chunk cut off
  size_t need_ = 0;      // bytes pending_ needs before the token can be read
  std::string text_;     // the string or key being handed over
  const std::string no_text_;
  size_t fed_ = 0;
  bool done_ = false;
  bool failed_ = false;
};

PackedSnapshotParser::PackedSnapshotParser() : impl_(std::make_unique<Impl>()) {}
PackedSnapshotParser::~PackedSnapshotParser() = default;
void PackedSnapshotParser::set_input_size(size_t bytes) { impl_->set_input_size(bytes); }
void PackedSnapshotParser::Feed(const char* data, size_t size) { impl_->Feed(data, size); }
bool PackedSnapshotParser::failed() const { return impl_->failed(); }
size_t PackedSnapshotParser::bytes_fed() const { return impl_->bytes_fed(); }
bool PackedSnapshotParser::Finish(Snapshot* out, std::vector<Problem>* problems) {
  return impl_->Finish(out, problems);
}

}  // namespace divboard
