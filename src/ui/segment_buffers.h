// A renderer's own copies of kept segments (draw_replay.h), keyed by the segment's id: each is
// uploaded the first time a presented frame draws it and freed after a presented frame that
// did not, so a chart that stops keeping a stretch (a pan drew it anew, the chart left the
// screen) frees its copy one frame later. Knows nothing of GL: `Buffers` is whatever the
// renderer keeps per segment, made and freed by the functions it passes in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "ui/draw_replay.h"

namespace divboard::ui {

template <typename Buffers>
class SegmentBuffers {
 public:
  // The copy of `segment`, made with `upload(segment)` when there is none.
  template <typename Upload>
  const Buffers& Use(const DrawSegment& segment, Upload&& upload) {
    auto [entry, added] = entries_.try_emplace(segment.id);
    if (added) {
      entry->second.buffers = upload(segment);
      ++uploads_;
    }
    entry->second.frame = frame_;
    return entry->second.buffers;
  }
  // After a presented frame: frees (with `release(buffers)`) what it did not draw.
  template <typename Release>
  void EndFrame(Release&& release) {
    for (auto entry = entries_.begin(); entry != entries_.end();) {
      if (entry->second.frame != frame_) {
        release(entry->second.buffers);
        entry = entries_.erase(entry);
      } else {
        ++entry;
      }
    }
    ++frame_;
  }
  template <typename Release>
  void Clear(Release&& release) {
    for (auto& entry : entries_) release(entry.second.buffers);
    entries_.clear();
  }
  // The context that held the copies is gone (lost): nothing to free, all to upload again.
  void Forget() { entries_.clear(); }
  std::size_t size() const { return entries_.size(); }
  std::size_t uploads() const { return uploads_; }  // ever made, for tests and the bench

 private:
  struct Entry {
    Buffers buffers{};
    std::uint64_t frame = 0;
  };
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::uint64_t frame_ = 0;
  std::size_t uploads_ = 0;
};

}  // namespace divboard::ui
