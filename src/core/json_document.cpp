#include "core/json_document.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace divboard {
namespace {

using nlohmann::json;

// Builds the DOM through nlohmann's SAX interface so that depth, duplicate keys and the
// location of an error are known while parsing instead of being discovered afterwards.
class DomBuilder {
 public:
  explicit DomBuilder(json* root) : root_(root) {}

  bool null() { return Put(json(nullptr)); }
  bool boolean(bool value) { return Put(json(value)); }
  bool number_integer(json::number_integer_t value) { return Put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return Put(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t&) { return Put(json(value)); }
  bool string(json::string_t& value) { return Put(json(std::move(value))); }
  bool binary(json::binary_t&) { return Fail("binary values are not JSON"); }

  bool start_object(std::size_t) { return Open(json::object()); }
  bool start_array(std::size_t) { return Open(json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(json::string_t& name) {
    Frame& top = stack_.back();
    if (top.node->contains(name)) {
      top.key = std::move(name);
      has_key_ = true;
      return Fail("duplicate key \"" + top.key + "\"");
    }
    top.key = std::move(name);
    has_key_ = true;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    std::string message = error.what();
    // "[json.exception.parse_error.101] parse error at ..." reads better without the tag.
    const size_t tag_end = message.find("] ");
    if (message.rfind("[json.exception.", 0) == 0 && tag_end != std::string::npos) {
      message.erase(0, tag_end + 2);
    }
    if (message_.empty()) message_ = std::move(message);
    return false;
  }

  // Where parsing stood: the element or member being read when it stopped.
  std::string Pointer() const {
    std::string out;
    for (size_t i = 0; i < stack_.size(); ++i) {
      const Frame& frame = stack_[i];
      const bool innermost = i + 1 == stack_.size();
      if (frame.node->is_array()) {
        size_t index = frame.node->size();
        if (!innermost && index > 0) --index;  // the child frame is the last element
        out += "/" + std::to_string(index);
      } else if (!innermost || has_key_) {
        out += PointerToken(frame.key);
      }
    }
    return out;
  }

  const std::string& message() const { return message_; }

 private:
  struct Frame {
    json* node;
    std::string key;
  };

  bool Fail(std::string message) {
    if (message_.empty()) message_ = std::move(message);
    return false;
  }

  json* Insert(json&& value) {
    if (stack_.empty()) {
      *root_ = std::move(value);
      return root_;
    }
    Frame& top = stack_.back();
    if (top.node->is_array()) {
      top.node->push_back(std::move(value));
      return &top.node->back();
    }
    has_key_ = false;
    json& slot = (*top.node)[top.key];
    slot = std::move(value);
    return &slot;
  }

  bool Put(json&& value) {
    Insert(std::move(value));
    return true;
  }

  bool Open(json&& container) {
    if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
      return Fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    json* node = Insert(std::move(container));
    stack_.push_back(Frame{node, std::string()});
    return true;
  }

  bool Close() {
    stack_.pop_back();
    has_key_ = false;
    return true;
  }

  json* root_;
  std::vector<Frame> stack_;
  bool has_key_ = false;
  std::string message_;
};

}  // namespace

bool ParseJsonDocument(std::string_view text, json* out, Problem* problem) {
  *out = json();
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);
  if (text.empty()) {
    *problem = Problem{"", "empty document"};
    return false;
  }
  const void* nul = std::memchr(text.data(), 0, text.size());
  if (nul != nullptr) {
    const auto offset = static_cast<const char*>(nul) - text.data();
    *problem = Problem{"", "contains a NUL byte at offset " + std::to_string(offset) +
                               " (binary data, not JSON)"};
    return false;
  }
  DomBuilder builder(out);
  const bool ok = json::sax_parse(text.begin(), text.end(), &builder);
  if (!ok) {
    *problem = Problem{builder.Pointer(), builder.message().empty() ? "invalid JSON" : builder.message()};
    *out = json();
    return false;
  }
  return true;
}

}  // namespace divboard
