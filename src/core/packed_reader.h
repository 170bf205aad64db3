// Reading the packed (BJData) form of a snapshot as it arrives, chunk by chunk: a small
// decoder of our own that turns BJData into SnapshotBuilder events — the same events, and so
// the same rules, pointers and messages, as the JSON loaders — with one shortcut: a typed
// array inside a values array is converted straight into the column, a run of elements at a
// time, with no event per value. Anything else (objects, arrays, strings, numbers, typed
// arrays elsewhere) becomes ordinary events, so fields the builder learns about flow through.
//
// Hostile input is bounded: a declared length never allocates more than the bytes that
// actually arrived (the builder caps what a declared count may reserve), strings and keys
// are capped at kMaxStringBytes, nesting at the builder's depth cap.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

class PackedSnapshotParser {
 public:
  static constexpr size_t kMaxStringBytes = size_t{1} << 28;

  PackedSnapshotParser();
  ~PackedSnapshotParser();
  PackedSnapshotParser(const PackedSnapshotParser&) = delete;
  PackedSnapshotParser& operator=(const PackedSnapshotParser&) = delete;

  // When the whole input's size is known: no column can be longer than it, so no declared
  // count makes the builder reserve more.
  void set_input_size(size_t bytes);

  // Any chunking works, down to one byte at a time; chunks need not outlive the call (at most
  // the unfinished element at the end of a chunk is copied, with the next chunk).
  void Feed(const char* data, size_t size);
  void Feed(std::string_view chunk) { Feed(chunk.data(), chunk.size()); }

  // True once the document cannot load any more (the caller may stop downloading).
  bool failed() const;
  size_t bytes_fed() const;

  // Ends the input: LoadSnapshot's contract (true and *out filled, or false, *out untouched
  // and *problems set). Call once.
  bool Finish(Snapshot* out, std::vector<Problem>* problems);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace divboard
