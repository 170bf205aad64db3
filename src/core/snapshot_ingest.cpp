#include "core/snapshot_ingest.h"

#include "core/packed_reader.h"
#include "core/snapshot_packed.h"
#include "core/snapshot_stream.h"

namespace divboard {

SnapshotIngest::SnapshotIngest() = default;
SnapshotIngest::~SnapshotIngest() = default;

void SnapshotIngest::Choose() {
  if (IsPackedSnapshot(head_)) {
    packed_ = std::make_unique<PackedSnapshotParser>();
    packed_->Feed(head_);
  } else {
    json_ = std::make_unique<SnapshotStreamParser>();
    json_->Feed(head_);
  }
  head_.clear();
}

void SnapshotIngest::Feed(const char* data, size_t size) {
  if (json_ == nullptr && packed_ == nullptr) {
    // Two bytes decide; a first byte other than '{' already does.
    while (size > 0 && head_.size() < 2 && (head_.empty() || head_[0] == '{')) {
      head_.push_back(*data++);
      --size;
    }
    if (head_.size() < 2 && (head_.empty() || head_[0] == '{')) return;
    Choose();
  }
  if (size == 0) return;
  if (packed_) {
    packed_->Feed(data, size);
  } else {
    json_->Feed(data, size);
  }
}

bool SnapshotIngest::failed() const {
  return packed_ ? packed_->failed() : json_ ? json_->failed() : false;
}

bool SnapshotIngest::Finish(Snapshot* out, std::vector<Problem>* problems) {
  if (json_ == nullptr && packed_ == nullptr) Choose();  // fewer than two bytes: JSON's messages
  return packed_ ? packed_->Finish(out, problems) : json_->Finish(out, problems);
}

}  // namespace divboard
