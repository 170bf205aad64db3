#include "core/snapshot_stream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fast_float/fast_float.h>
#include <limits>
#include <string>
#include <utility>

#include "core/snapshot_builder.h"

namespace divboard {
namespace {

// [SECTION] Tokens and the words nlohmann uses for them
// nlohmann's lexer cannot be paused when a chunk ends (it pulls bytes), so this file has its
// own resumable tokeniser. Its messages copy nlohmann 3.11.2's lexer and parser word for word
// (detail/input/lexer.hpp, parser.hpp), because LoadSnapshot reports those.

enum class Tok : uint8_t {
  kBeginArray, kEndArray, kBeginObject, kEndObject, kColon, kComma,
  kTrue, kFalse, kNull, kString, kUnsigned, kInteger, kFloat,
  kEnd, kError, kMore,  // kMore: the chunk ended inside the token
};

const char* TokenName(Tok token) {
  switch (token) {
    case Tok::kTrue: return "true literal";
    case Tok::kFalse: return "false literal";
    case Tok::kNull: return "null literal";
    case Tok::kString: return "string literal";
    case Tok::kUnsigned:
    case Tok::kInteger:
    case Tok::kFloat: return "number literal";
    case Tok::kBeginArray: return "'['";
    case Tok::kBeginObject: return "'{'";
    case Tok::kEndArray: return "']'";
    case Tok::kEndObject: return "'}'";
    case Tok::kColon: return "':'";
    case Tok::kComma: return "','";
    case Tok::kError: return "<parse error>";
    case Tok::kEnd: return "end of input";
    default: return "unknown token";
  }
}

// What the parser wanted, for "; expected ..."; nullptr when nlohmann says nothing.
constexpr const char* kExpectValue = "'[', '{', or a literal";
constexpr const char* kExpectString = "string literal";
constexpr const char* kExpectColon = "':'";
constexpr const char* kExpectEndArray = "']'";
constexpr const char* kExpectEndObject = "'}'";
constexpr const char* kExpectEnd = "end of input";

// What comes next, as in nlohmann's sax_parse_internal loop.
enum class State : uint8_t {
  kValue,        // a value
  kArrayFirst,   // after '[': ']' or a value
  kArrayNext,    // after an element: ',' or ']'
  kObjectFirst,  // after '{': '}' or a key
  kObjectNext,   // after a member: ',' or '}'
  kKey,          // after ',' in an object
  kColon,        // after a key
  kAfterRoot,    // after the top-level value: only the end
  kComplete,
};

constexpr int kMoreBytes = -2;  // Byte(): the chunk ended; -1 is the end of the input

bool IsDigit(int c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes a string copies unchanged: 0x20..0x7F but '"' and '\'.
struct PlainTable {
  bool plain[256];
  constexpr PlainTable() : plain() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain;

std::string ControlCharacterMessage(unsigned char c) {
  static const char* const kNames[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                         "BS",  "HT",  "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                         "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                         "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  char hex[5];
  std::snprintf(hex, sizeof hex, "%.4X", static_cast<unsigned>(c));
  std::string out = std::string("invalid string: control character U+") + hex + " (" + kNames[c] +
                    ") must be escaped to \\u" + hex;
  switch (c) {
    case '\b': out += " or \\b"; break;
    case '\t': out += " or \\t"; break;
    case '\n': out += " or \\n"; break;
    case '\f': out += " or \\f"; break;
    case '\r': out += " or \\r"; break;
    default: break;
  }
  return out;
}

void AppendUtf8(std::string* out, int codepoint) {
  const auto cp = static_cast<unsigned>(codepoint);
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp <= 0x7FF) {
    out->push_back(static_cast<char>(0xC0u | (cp >> 6u)));
    out->push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  } else if (cp <= 0xFFFF) {
    out->push_back(static_cast<char>(0xE0u | (cp >> 12u)));
    out->push_back(static_cast<char>(0x80u | ((cp >> 6u) & 0x3Fu)));
    out->push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  } else {
    out->push_back(static_cast<char>(0xF0u | (cp >> 18u)));
    out->push_back(static_cast<char>(0x80u | ((cp >> 12u) & 0x3Fu)));
    out->push_back(static_cast<char>(0x80u | ((cp >> 6u) & 0x3Fu)));
    out->push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  }
}

int HexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Digits (and a leading '-') that fit an exact double and an int64: the common case.
bool SmallInteger(const char* begin, const char* end, double* out) {
  const bool negative = *begin == '-';
  const char* p = begin + (negative ? 1 : 0);
  if (end - p > 15) return false;
  int64_t value = 0;
  for (; p < end; ++p) value = value * 10 + (*p - '0');
  // "-0" is the integer 0 for nlohmann (strtoll), so +0.0 once converted, never -0.0.
  *out = static_cast<double>(negative ? -value : value);
  return true;
}

}  // namespace

// [SECTION] The parser
class SnapshotStreamParser::Impl {
 public:
  void Feed(const char* data, size_t size);
  bool Finish(Snapshot* out, std::vector<Problem>* problems);
  bool failed() const { return stopped_ || nul_at_ >= 0; }
  size_t bytes_fed() const { return fed_; }

 private:
  void FeedStripped(const char* data, size_t size);
  const char* Process(const char* begin, const char* end, bool final);
  const char* FastColumn(const char* p, const char* end);
  Tok Scan(const char*& p, const char* end, bool final);
  Tok ScanLiteral(const char*& p, const char* end, bool final, const char* text, size_t length, Tok token);
  Tok ScanNumber(const char*& p, const char* end, bool final);
  Tok ScanString(const char*& p, const char* end, bool final);
  void Handle(Tok token);
  void HandleValue(Tok token);
  void AfterValue();
  void Error(Tok token, const char* expected, const char* context);
  void Stop() { stopped_ = true; }

  // Input position, in bytes after our byte-order mark.
  uint64_t Offset(const char* p) const { return base_ + static_cast<uint64_t>(p - buffer_); }
  int Byte(const char* p, bool final) const {
    if (p < buffer_end_) return static_cast<unsigned char>(*p);
    return final ? -1 : kMoreBytes;
  }
  Tok LexError(std::string message, const char* at) {
    // nlohmann counts the byte that failed, or the end of input, as read.
    lex_message_ = std::move(message);
    error_read_ = Offset(at) + 1;
    return Tok::kError;
  }
  void Reset(const char* p) {
    reset_at_ = carry_end_ = Offset(p);
    carry_.clear();
  }
  void Retire(const char* p);
  void CountNewlinesTo(uint64_t offset);
  std::string LastRead(uint64_t read);
  std::string Position(uint64_t read, bool unget_newline);

  // Bytes before the byte-order-mark question is settled.
  std::string head_;
  bool head_done_ = false;
  size_t fed_ = 0;
  uint64_t total_ = 0;  // bytes after our byte-order mark
  int64_t nul_at_ = -1;
  bool stopped_ = false;

  // The token a chunk ended in, waiting for the next chunk. Retried when it has doubled, so
  // a huge token arriving in small chunks costs linear time.
  std::string stash_;
  size_t retry_at_ = 0;

  // The buffer being parsed (a caller's chunk, or stash_) and its input offset.
  const char* buffer_ = nullptr;
  const char* buffer_end_ = nullptr;
  uint64_t base_ = 0;

  // nlohmann's diagnostics: "last read" is every byte since the last string or number began
  // (carry_ holds those from earlier buffers); line and column need the newlines before.
  uint64_t reset_at_ = 0;
  std::string carry_;
  uint64_t carry_end_ = 0;
  bool carry_cut_ = false;
  uint64_t counted_to_ = 0;
  uint64_t newlines_ = 0;
  int64_t last_newline_ = -1;

  // The token just scanned.
  std::string text_;
  int64_t integer_ = 0;
  uint64_t unsigned_ = 0;
  double float_ = 0;
  uint64_t token_read_ = 0;  // bytes read once the token ended
  bool unget_newline_ = false;
  std::string lex_message_;
  uint64_t error_read_ = 0;
  bool bom_checked_ = false;

  State state_ = State::kValue;
  std::vector<bool> containers_;  // true: array
  SnapshotBuilder builder_;
};

void SnapshotStreamParser::Impl::Feed(const char* data, size_t size) {
  fed_ += size;
  if (!head_done_) {
    const size_t take = std::min(size, 3 - head_.size());
    head_.append(data, take);
    data += take;
    size -= take;
    if (head_.size() < 3) return;
    head_done_ = true;
    if (head_ != "\xEF\xBB\xBF") FeedStripped(head_.data(), head_.size());
  }
  FeedStripped(data, size);
}

void SnapshotStreamParser::Impl::FeedStripped(const char* data, size_t size) {
  if (size == 0) return;
  if (nul_at_ < 0) {
    const void* nul = std::memchr(data, 0, size);
    if (nul != nullptr) {
      nul_at_ = static_cast<int64_t>(total_) + (static_cast<const char*>(nul) - data);
      stopped_ = true;  // the NUL is the only problem reported; parsing further is moot
    }
  }
  total_ += size;
  while (!stopped_ && size > 0) {
    if (stash_.empty()) {
      const char* stop = Process(data, data + size, false);
      if (stopped_) return;
      base_ = Offset(stop);
      stash_.assign(stop, static_cast<size_t>(data + size - stop));
      retry_at_ = 2 * stash_.size();
      return;
    }
    // Complete the carried token from this chunk: grow the stash geometrically between tries.
    const size_t old = stash_.size();
    const size_t take = std::min(size, std::max<size_t>(retry_at_ > old ? retry_at_ - old : 0, 64));
    stash_.append(data, take);
    if (stash_.size() < retry_at_) return;  // take == size: wait for more
    const char* stop = Process(stash_.data(), stash_.data() + stash_.size(), false);
    if (stopped_) return;
    const size_t used = static_cast<size_t>(stop - stash_.data());
    base_ = Offset(stop);
    if (used >= old) {
      // The carried token ended; what is left is this chunk's own bytes: parse them in place.
      stash_.clear();
      data += used - old;
      size -= used - old;
      continue;
    }
    stash_.erase(0, used);
    retry_at_ = 2 * stash_.size();
    data += take;
    size -= take;
  }
}

void SnapshotStreamParser::Impl::Retire(const char* p) {
  CountNewlinesTo(Offset(p));
  if (carry_end_ < Offset(p)) {
    const char* from = buffer_ + (carry_end_ - base_);
    const size_t room = carry_.size() < SnapshotStreamParser::kMaxLastRead ? SnapshotStreamParser::kMaxLastRead - carry_.size() : 0;
    const size_t length = static_cast<size_t>(p - from);
    if (length > room) carry_cut_ = true;
    carry_.append(from, std::min(length, room));
    carry_end_ = Offset(p);
  }
}

void SnapshotStreamParser::Impl::CountNewlinesTo(uint64_t offset) {
  if (offset <= counted_to_) return;
  const char* p = buffer_ + (counted_to_ - base_);
  const char* end = buffer_ + (offset - base_);
  while (p < end) {
    const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (hit == nullptr) break;
    const char* newline = static_cast<const char*>(hit);
    ++newlines_;
    last_newline_ = static_cast<int64_t>(Offset(newline));
    p = newline + 1;
  }
  counted_to_ = offset;
}

std::string SnapshotStreamParser::Impl::LastRead(uint64_t read) {
  const uint64_t upto = std::min<uint64_t>(read, Offset(buffer_end_));
  std::string raw = carry_;
  if (upto > carry_end_ && !carry_cut_) {
    const size_t room = SnapshotStreamParser::kMaxLastRead - std::min(raw.size(), SnapshotStreamParser::kMaxLastRead);
    raw.append(buffer_ + (carry_end_ - base_), std::min<size_t>(static_cast<size_t>(upto - carry_end_), room));
  }
  // nlohmann's get_token_string(): control characters as <U+XXXX>.
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (static_cast<unsigned char>(c) <= 0x1F) {
      char escaped[9];
      std::snprintf(escaped, sizeof escaped, "<U+%.4X>", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += escaped;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string SnapshotStreamParser::Impl::Position(uint64_t read, bool unget_newline) {
  CountNewlinesTo(std::min<uint64_t>(read, Offset(buffer_end_)));
  // nlohmann's column is bytes since the last newline; ungetting a newline (the byte after a
  // number) leaves it at 0.
  const uint64_t column = unget_newline ? 0 : read - static_cast<uint64_t>(last_newline_ + 1);
  return " at line " + std::to_string(newlines_ + 1) + ", column " + std::to_string(column);
}

void SnapshotStreamParser::Impl::Error(Tok token, const char* expected, const char* context) {
  std::string message = std::string("syntax error while parsing ") + context + " - ";
  if (token == Tok::kError) {
    message += lex_message_ + "; last read: '" + LastRead(error_read_) + "'";
  } else {
    message += std::string("unexpected ") + TokenName(token);
  }
  if (expected != nullptr) message += std::string("; expected ") + expected;
  const std::string position =
      token == Tok::kError ? Position(error_read_, false) : Position(token_read_, unget_newline_);
  builder_.Fail("parse error" + position + ": " + message);
  Stop();
}

const char* SnapshotStreamParser::Impl::Process(const char* begin, const char* end, bool final) {
  buffer_ = begin;
  buffer_end_ = end;
  const char* p = begin;
  while (!stopped_ && state_ != State::kComplete) {
    if (builder_.InColumn()) p = FastColumn(p, end);
    const Tok token = Scan(p, end, final);
    if (token == Tok::kMore) break;
    Handle(token);
  }
  if (!stopped_) Retire(p);
  return p;
}

// Inside /series/N/values: numbers, nulls and commas straight into the column. Anything
// else, or a token the buffer cuts, is left to the general path.
const char* SnapshotStreamParser::Impl::FastColumn(const char* p, const char* end) {
  while (true) {
    while (p < end && IsSpace(*p)) ++p;
    if (p == end) return p;
    const char c = *p;
    if (state_ == State::kArrayNext) {
      if (c != ',') return p;
      ++p;
      state_ = State::kValue;
      continue;
    }
    if (c == 'n') {
      if (end - p < 4 || std::memcmp(p, "null", 4) != 0) return p;
      builder_.PushColumnValue(std::numeric_limits<double>::quiet_NaN());
      p += 4;
      state_ = State::kArrayNext;
      continue;
    }
    if (c != '-' && !IsDigit(c)) return p;
    const char* q = p;
    if (*q == '-') ++q;
    if (q == end || !IsDigit(*q)) return p;
    if (*q++ != '0') {
      while (q < end && IsDigit(*q)) ++q;
    }
    bool is_float = false;
    if (q < end && *q == '.') {
      ++q;
      if (q == end || !IsDigit(*q)) return p;
      while (q < end && IsDigit(*q)) ++q;
      is_float = true;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
      ++q;
      if (q < end && (*q == '+' || *q == '-')) ++q;
      if (q == end || !IsDigit(*q)) return p;
      while (q < end && IsDigit(*q)) ++q;
      is_float = true;
    }
    if (q == end) return p;  // the next chunk may continue the number
    double value = 0;
    if (is_float || !SmallInteger(p, q, &value)) {
      fast_float::from_chars(p, q, value);
      if (!std::isfinite(value)) return p;  // the general path reports the overflow
      if (!is_float && value == 0) value = 0;  // "-0" is an integer: +0.0 (see SmallInteger)
    }
    Reset(p);
    builder_.PushColumnValue(value);
    p = q;
    state_ = State::kArrayNext;
  }
}

Tok SnapshotStreamParser::Impl::Scan(const char*& p, const char* end, bool final) {
  if (!bom_checked_) {
    // nlohmann skips a byte-order mark of its own at offset 0 (a second one after ours).
    if (Byte(p, final) == 0xEF) {
      const int second = Byte(p + 1, final);
      if (second == kMoreBytes) return Tok::kMore;
      if (second != 0xBB) return LexError("invalid BOM; must be 0xEF 0xBB 0xBF if given", p + 1);
      const int third = Byte(p + 2, final);
      if (third == kMoreBytes) return Tok::kMore;
      if (third != 0xBF) return LexError("invalid BOM; must be 0xEF 0xBB 0xBF if given", p + 2);
      p += 3;
    } else if (p == end && !final) {
      return Tok::kMore;
    }
    bom_checked_ = true;
  }
  while (p < end && IsSpace(*p)) ++p;
  if (p == end) {
    if (!final) return Tok::kMore;
    token_read_ = Offset(end) + 1;
    unget_newline_ = false;
    return Tok::kEnd;
  }
  unget_newline_ = false;
  Tok token;
  switch (*p) {
    case '[': token = Tok::kBeginArray; ++p; break;
    case ']': token = Tok::kEndArray; ++p; break;
    case '{': token = Tok::kBeginObject; ++p; break;
    case '}': token = Tok::kEndObject; ++p; break;
    case ':': token = Tok::kColon; ++p; break;
    case ',': token = Tok::kComma; ++p; break;
    case 't': token = ScanLiteral(p, end, final, "true", 4, Tok::kTrue); break;
    case 'f': token = ScanLiteral(p, end, final, "false", 5, Tok::kFalse); break;
    case 'n': token = ScanLiteral(p, end, final, "null", 4, Tok::kNull); break;
    case '"': token = ScanString(p, end, final); break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return ScanNumber(p, end, final);  // sets token_read_ itself
    default: return LexError("invalid literal", p);
  }
  token_read_ = Offset(p);
  return token;
}

Tok SnapshotStreamParser::Impl::ScanLiteral(const char*& p, const char* end, bool final, const char* text,
                                            size_t length, Tok token) {
  (void)end;
  for (size_t i = 1; i < length; ++i) {
    const int c = Byte(p + i, final);
    if (c == kMoreBytes) return Tok::kMore;
    if (c != text[i]) return LexError("invalid literal", p + i);
  }
  p += length;
  return token;
}

Tok SnapshotStreamParser::Impl::ScanNumber(const char*& p, const char* end, bool final) {
  (void)end;
  Reset(p);
  const char* q = p;
  bool negative = false;
  bool is_float = false;
  int c = Byte(q, final);
  if (c == '-') {
    negative = true;
    c = Byte(++q, final);
    if (c == kMoreBytes) return Tok::kMore;
    if (!IsDigit(c)) return LexError("invalid number; expected digit after '-'", q);
  }
  if (c == '0') {
    c = Byte(++q, final);
  } else {
    do c = Byte(++q, final); while (IsDigit(c));
  }
  if (c == kMoreBytes) return Tok::kMore;
  if (c == '.') {
    c = Byte(++q, final);
    if (c == kMoreBytes) return Tok::kMore;
    if (!IsDigit(c)) return LexError("invalid number; expected digit after '.'", q);
    do c = Byte(++q, final); while (IsDigit(c));
    if (c == kMoreBytes) return Tok::kMore;
    is_float = true;
  }
  if (c == 'e' || c == 'E') {
    c = Byte(++q, final);
    if (c == kMoreBytes) return Tok::kMore;
    if (c == '+' || c == '-') {
      c = Byte(++q, final);
      if (c == kMoreBytes) return Tok::kMore;
      if (!IsDigit(c)) return LexError("invalid number; expected digit after exponent sign", q);
    } else if (!IsDigit(c)) {
      return LexError("invalid number; expected '+', '-', or digit after exponent", q);
    }
    do c = Byte(++q, final); while (IsDigit(c));
    if (c == kMoreBytes) return Tok::kMore;
    is_float = true;
  }
  // q is the byte after the number (or the end of input), which nlohmann reads and ungets.
  token_read_ = Offset(q);
  unget_newline_ = c == '\n';
  const char* start = p;
  p = q;
  if (!is_float) {
    // nlohmann: strtoull / strtoll first, a double only when the integer overflows.
    uint64_t magnitude = 0;
    bool overflow = false;
    for (const char* d = start + (negative ? 1 : 0); d < q; ++d) {
      const auto digit = static_cast<uint64_t>(*d - '0');
      if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
        overflow = true;
        break;
      }
      magnitude = magnitude * 10 + digit;
    }
    if (!overflow) {
      if (!negative) {
        unsigned_ = magnitude;
        return Tok::kUnsigned;
      }
      if (magnitude <= uint64_t{1} << 63) {
        integer_ = magnitude == uint64_t{1} << 63 ? std::numeric_limits<int64_t>::min()
                                                 : -static_cast<int64_t>(magnitude);
        return Tok::kInteger;
      }
    }
  }
  fast_float::from_chars(start, q, float_);
  return Tok::kFloat;
}

Tok SnapshotStreamParser::Impl::ScanString(const char*& p, const char* end, bool final) {
  Reset(p);
  text_.clear();
  const char* q = p + 1;
  while (true) {
    const char* run = q;
    while (q < end && kPlain.plain[static_cast<unsigned char>(*q)]) ++q;
    text_.append(run, static_cast<size_t>(q - run));
    const int c = Byte(q, final);
    if (c == kMoreBytes) return Tok::kMore;
    if (c == -1) return LexError("invalid string: missing closing quote", q);
    if (c == '"') {
      p = q + 1;
      return Tok::kString;
    }
    if (c == '\\') {
      const int e = Byte(q + 1, final);
      if (e == kMoreBytes) return Tok::kMore;
      char simple = 0;
      switch (e) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': break;
        default: return LexError("invalid string: forbidden character after backslash", q + 1);
      }
      if (simple != 0) {
        text_.push_back(simple);
        q += 2;
        continue;
      }
      // \uXXXX, possibly a surrogate pair.
      const char* r = q + 2;
      int codepoint = 0;
      for (int i = 0; i < 4; ++i, ++r) {
        const int h = Byte(r, final);
        if (h == kMoreBytes) return Tok::kMore;
        if (HexValue(h) < 0) return LexError("invalid string: '\\u' must be followed by 4 hex digits", r);
        codepoint = codepoint * 16 + HexValue(h);
      }
      if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
        const int b1 = Byte(r, final);
        if (b1 == kMoreBytes) return Tok::kMore;
        if (b1 != '\\') return LexError("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF", r);
        const int b2 = Byte(r + 1, final);
        if (b2 == kMoreBytes) return Tok::kMore;
        if (b2 != 'u') return LexError("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF", r + 1);
        r += 2;
        int low = 0;
        for (int i = 0; i < 4; ++i, ++r) {
          const int h = Byte(r, final);
          if (h == kMoreBytes) return Tok::kMore;
          if (HexValue(h) < 0) return LexError("invalid string: '\\u' must be followed by 4 hex digits", r);
          low = low * 16 + HexValue(h);
        }
        if (low < 0xDC00 || low > 0xDFFF) {
          return LexError("invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF", r - 1);
        }
        codepoint = ((codepoint - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
      } else if (codepoint >= 0xDC00 && codepoint <= 0xDFFF) {
        return LexError("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF", r - 1);
      }
      AppendUtf8(&text_, codepoint);
      q = r;
      continue;
    }
    if (c < 0x20) return LexError(ControlCharacterMessage(static_cast<unsigned char>(c)), q);
    // UTF-8: the ranges nlohmann's next_byte_in_range accepts after each lead byte.
    int ranges[6];
    int count = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      const int r[] = {0x80, 0xBF};
      std::copy(r, r + 2, ranges), count = 1;
    } else if (c == 0xE0) {
      const int r[] = {0xA0, 0xBF, 0x80, 0xBF};
      std::copy(r, r + 4, ranges), count = 2;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      const int r[] = {0x80, 0xBF, 0x80, 0xBF};
      std::copy(r, r + 4, ranges), count = 2;
    } else if (c == 0xED) {
      const int r[] = {0x80, 0x9F, 0x80, 0xBF};
      std::copy(r, r + 4, ranges), count = 2;
    } else if (c == 0xF0) {
      const int r[] = {0x90, 0xBF, 0x80, 0xBF, 0x80, 0xBF};
      std::copy(r, r + 6, ranges), count = 3;
    } else if (c >= 0xF1 && c <= 0xF3) {
      const int r[] = {0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF};
      std::copy(r, r + 6, ranges), count = 3;
    } else if (c == 0xF4) {
      const int r[] = {0x80, 0x8F, 0x80, 0xBF, 0x80, 0xBF};
      std::copy(r, r + 6, ranges), count = 3;
    } else {
      return LexError("invalid string: ill-formed UTF-8 byte", q);
    }
    for (int i = 1; i <= count; ++i) {
      const int b = Byte(q + i, final);
      if (b == kMoreBytes) return Tok::kMore;
      if (b < ranges[2 * (i - 1)] || b > ranges[2 * (i - 1) + 1]) {
        return LexError("invalid string: ill-formed UTF-8 byte", q + i);
      }
    }
    text_.append(q, static_cast<size_t>(count + 1));
    q += count + 1;
  }
}

void SnapshotStreamParser::Impl::AfterValue() {
  if (containers_.empty()) {
    state_ = State::kAfterRoot;
  } else {
    state_ = containers_.back() ? State::kArrayNext : State::kObjectNext;
  }
}

void SnapshotStreamParser::Impl::HandleValue(Tok token) {
  static const std::string kNoText;
  bool ok = true;
  switch (token) {
    case Tok::kBeginObject:
      if (!builder_.start_object(static_cast<size_t>(-1))) return Stop();
      containers_.push_back(false);
      state_ = State::kObjectFirst;
      return;
    case Tok::kBeginArray:
      if (!builder_.start_array(static_cast<size_t>(-1))) return Stop();
      containers_.push_back(true);
      state_ = State::kArrayFirst;
      return;
    case Tok::kFloat:
      if (!std::isfinite(float_)) {
        // out_of_range.406, whose message has no position.
        builder_.Fail("number overflow parsing '" + LastRead(token_read_) + "'");
        return Stop();
      }
      ok = builder_.number_float(float_, kNoText);
      break;
    case Tok::kTrue: ok = builder_.boolean(true); break;
    case Tok::kFalse: ok = builder_.boolean(false); break;
    case Tok::kNull: ok = builder_.null(); break;
    case Tok::kInteger: ok = builder_.number_integer(integer_); break;
    case Tok::kUnsigned: ok = builder_.number_unsigned(unsigned_); break;
    case Tok::kString: ok = builder_.string(text_); break;
    case Tok::kError: return Error(token, nullptr, "value");
    default: return Error(token, kExpectValue, "value");
  }
  if (!ok) return Stop();
  AfterValue();
}

void SnapshotStreamParser::Impl::Handle(Tok token) {
  switch (state_) {
    case State::kValue:
      return HandleValue(token);
    case State::kArrayFirst:
    case State::kArrayNext:
      if (state_ == State::kArrayNext && token == Tok::kComma) {
        state_ = State::kValue;
        return;
      }
      if (token == Tok::kEndArray) {
        if (!builder_.end_array()) return Stop();
        containers_.pop_back();
        return AfterValue();
      }
      if (state_ == State::kArrayFirst) return HandleValue(token);
      return Error(token, kExpectEndArray, "array");
    case State::kObjectFirst:
    case State::kKey:
      if (state_ == State::kObjectFirst && token == Tok::kEndObject) {
        if (!builder_.end_object()) return Stop();
        containers_.pop_back();
        return AfterValue();
      }
      if (token != Tok::kString) return Error(token, kExpectString, "object key");
      if (!builder_.key(text_)) return Stop();
      state_ = State::kColon;
      return;
    case State::kColon:
      if (token != Tok::kColon) return Error(token, kExpectColon, "object separator");
      state_ = State::kValue;
      return;
    case State::kObjectNext:
      if (token == Tok::kComma) {
        state_ = State::kKey;
        return;
      }
      if (token == Tok::kEndObject) {
        if (!builder_.end_object()) return Stop();
        containers_.pop_back();
        return AfterValue();
      }
      return Error(token, kExpectEndObject, "object");
    case State::kAfterRoot:
      if (token != Tok::kEnd) return Error(token, kExpectEnd, "value");
      state_ = State::kComplete;
      return;
    case State::kComplete:
      return;
  }
}

bool SnapshotStreamParser::Impl::Finish(Snapshot* out, std::vector<Problem>* problems) {
  problems->clear();
  if (!head_done_) {
    head_done_ = true;
    FeedStripped(head_.data(), head_.size());  // fewer than 3 bytes: no byte-order mark
  }
  if (total_ == 0) {
    problems->push_back(Problem{"", "empty document"});
    return false;
  }
  if (nul_at_ >= 0) {
    problems->push_back(Problem{"", "contains a NUL byte at offset " + std::to_string(nul_at_) +
                                        " (binary data, not JSON)"});
    return false;
  }
  if (!stopped_) {
    static const char kEmpty = 0;
    if (stash_.empty()) {
      Process(&kEmpty, &kEmpty, true);
    } else {
      Process(stash_.data(), stash_.data() + stash_.size(), true);
    }
    stash_.clear();
    stash_.shrink_to_fit();
  }
  if (stopped_ || state_ != State::kComplete) {
    problems->push_back(Problem{builder_.Pointer(), builder_.message().empty() ? "invalid JSON" : builder_.message()});
    return false;
  }
  *problems = builder_.Validate(out);
  return problems->empty();
}

// [SECTION] Public face

SnapshotStreamParser::SnapshotStreamParser() : impl_(new Impl) {}
SnapshotStreamParser::~SnapshotStreamParser() = default;
void SnapshotStreamParser::Feed(const char* data, size_t size) { impl_->Feed(data, size); }
bool SnapshotStreamParser::failed() const { return impl_->failed(); }
size_t SnapshotStreamParser::bytes_fed() const { return impl_->bytes_fed(); }
bool SnapshotStreamParser::Finish(Snapshot* out, std::vector<Problem>* problems) {
  return impl_->Finish(out, problems);
}

std::vector<Problem> LoadSnapshotStreaming(std::string_view text, Snapshot* out) {
  SnapshotStreamParser parser;
  parser.Feed(text.data(), text.size());
  std::vector<Problem> problems;
  parser.Finish(out, &problems);
  return problems;
}

}  // namespace divboard
