// One entry point for a snapshot arriving in chunks, whichever form it is in: the first two
// bytes tell JSON text from the packed (BJData) form (IsPackedSnapshot), and the chunks go
// to the matching streaming reader. The page feeds every download and every local file
// through it, so a packed file loads wherever a JSON one does.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

class PackedSnapshotParser;
class SnapshotStreamParser;

class SnapshotIngest {
 public:
  SnapshotIngest();
  ~SnapshotIngest();
  SnapshotIngest(const SnapshotIngest&) = delete;
  SnapshotIngest& operator=(const SnapshotIngest&) = delete;

  void Feed(const char* data, size_t size);
  void Feed(std::string_view chunk) { Feed(chunk.data(), chunk.size()); }
  bool failed() const;
  // Known once two bytes arrived (or at Finish).
  bool packed() const { return packed_ != nullptr; }

  // LoadSnapshot's contract; call once.
  bool Finish(Snapshot* out, std::vector<Problem>* problems);

 private:
  void Choose();

  std::string head_;  // the first byte, while the form is not known yet
  std::unique_ptr<SnapshotStreamParser> json_;
  std::unique_ptr<PackedSnapshotParser> packed_;
};

}  // namespace divboard
