#include "core/decimate.h"

#include <algorithm>
#include <cmath>

namespace divboard {
namespace {

constexpr size_t kBaseShift = 6;
constexpr size_t kBase = size_t{1} << kBaseShift;  // points per level-0 block
// Blocks stop at 2^31 points so an offset inside a block (and kEmpty above it) fits 32 bits.
constexpr size_t kMaxLevels = 31 - kBaseShift + 1;

inline bool IsMissing(double value) { return value != value; }

struct RawExtremes {
  bool found = false;
  size_t low_index = 0;
  size_t high_index = 0;
  double low = 0;
  double high = 0;
};

// Min and max of values[begin, end) point by point: the loop that reads nearly every raw
// value, when building level 0 and for the ragged edges of a query. NaN fails both
// comparisons; strict comparisons in index order keep the earliest index on ties.
// Branchy on purpose: a four-lane branch-free variant measured 3x faster natively (the
// compiler vectorises it) but 1.3-1.5x slower in wasm, where V8 turns a float select back
// into branches; the wasm build is the one that ships.
RawExtremes ScanExtremes(const double* values, size_t begin, size_t end) {
  RawExtremes out;
  size_t index = begin;
  while (index < end && IsMissing(values[index])) ++index;
  if (index == end) return out;
  out.found = true;
  out.low_index = out.high_index = index;
  out.low = out.high = values[index];
  for (++index; index < end; ++index) {
    const double value = values[index];
    if (value < out.low) {
      out.low = value;
      out.low_index = index;
    }
    if (value > out.high) {
      out.high = value;
      out.high_index = index;
    }
  }
  return out;
}

// One extreme of values[begin, end) when the other is already known: the same loop with
// half the comparisons. Returns end when every point is missing.
template <bool kMin>
size_t ScanExtreme(const double* values, size_t begin, size_t end) {
  size_t index = begin;
  while (index < end && IsMissing(values[index])) ++index;
  if (index == end) return end;
  size_t best_index = index;
  double best = values[index];
  for (++index; index < end; ++index) {
    const double value = values[index];
    if (kMin ? value < best : value > best) {
      best = value;
      best_index = index;
    }
  }
  return best_index;
}

}  // namespace

// Running extremes of one side of a query. The left side of the walk meets its candidates in
// index order (raw edge, then blocks rightwards), the right side against it (raw edge, then
// blocks leftwards): with the order known, one comparison per extreme keeps the earliest
// index on ties (strict for a later candidate, not for an earlier one), where comparing
// indices on every tie cost as much as reading the block.
struct SeriesPyramid::Extremes {
  bool found = false;
  size_t min_index = 0;
  size_t max_index = 0;
  double min_value = 0;
  double max_value = 0;

  template <bool kLater>
  void Take(double low, size_t low_index, double high, size_t high_index) {
    if (!found) {
      found = true;
      min_value = low;
      min_index = low_index;
      max_value = high;
      max_index = high_index;
      return;
    }
    if (kLater ? low < min_value : low <= min_value) {
      min_value = low;
      min_index = low_index;
    }
    if (kLater ? high > max_value : high >= max_value) {
      max_value = high;
      max_index = high_index;
    }
  }
};

void SeriesPyramid::Build(const double* values, size_t count) {
  values_ = values;
  count_ = values == nullptr ? 0 : count;
  levels_.clear();

  std::vector<Block> level0(count_ >> kBaseShift);
  for (size_t block = 0; block < level0.size(); ++block) {
    const double* start = values_ + (block << kBaseShift);
    const RawExtremes raw = ScanExtremes(start, 0, kBase);
    level0[block] = raw.found ? Block{raw.low, raw.high, static_cast<std::uint32_t>(raw.low_index),
                                      static_cast<std::uint32_t>(raw.high_index)}
                              : Block{0, 0, kEmpty, kEmpty};
  }
  if (level0.empty()) return;
  levels_.push_back(std::move(level0));

  while (levels_.size() < kMaxLevels) {
    const size_t child_level = levels_.size() - 1;
    const std::vector<Block>& children = levels_[child_level];
    // Points in a child block; at most 2^30, so it fits the 32-bit offsets.
    const std::uint32_t half = static_cast<std::uint32_t>(kBase << child_level);
    std::vector<Block> parents(children.size() / 2);
    if (parents.empty()) break;
    for (size_t block = 0; block < parents.size(); ++block) {
      const Block& left = children[2 * block];
      const Block& right = children[2 * block + 1];
      Block summary = left;
      if (left.min_offset == kEmpty) {
        summary = right;
        if (right.min_offset != kEmpty) {
          summary.min_offset += half;
          summary.max_offset += half;
        }
      } else if (right.min_offset != kEmpty) {
        // The left child wins ties: its indices are earlier.
        if (right.min_value < left.min_value) {
          summary.min_value = right.min_value;
          summary.min_offset = right.min_offset + half;
        }
        if (right.max_value > left.max_value) {
          summary.max_value = right.max_value;
          summary.max_offset = right.max_offset + half;
        }
      }
      parents[block] = summary;
    }
    levels_.push_back(std::move(parents));
  }
}

size_t SeriesPyramid::memory_bytes() const {
  size_t bytes = 0;
  for (const std::vector<Block>& level : levels_) bytes += level.size() * sizeof(Block);
  return bytes;
}

void SeriesPyramid::ScanRaw(size_t begin, size_t end, Extremes* extremes) const {
  const RawExtremes raw = ScanExtremes(values_, begin, end);
  if (raw.found) extremes->Take<true>(raw.low, raw.low_index, raw.high, raw.high_index);
}

// The part [begin, end) of one whole level-0 block (a query's ragged edge). The block's own
// extremes answer for the part whenever they lie inside it (each is the block's earliest, so
// the part's too): only an extreme outside needs the raw points, and a block with no present
// point needs none. On random data that halves the raw reads, the bulk of an M4 frame at
// millions of points.
void SeriesPyramid::ScanEdge(size_t begin, size_t end, Extremes* extremes) const {
  if (begin >= end) return;
  const size_t block = begin >> kBaseShift;
  // A short edge rarely holds both extremes, and reading the summary is one more cache line:
  // scanned as it is (make bench: at 100K points the summary made frames slower).
  if (end - begin < kBase / 4 || block >= levels_.front().size()) {  // the ragged tail has no summary
    ScanRaw(begin, end, extremes);
    return;
  }
  const Block& summary = levels_.front()[block];
  if (summary.min_offset == kEmpty) return;
  const size_t start = block << kBaseShift;
  const size_t low_at = start + summary.min_offset;
  const size_t high_at = start + summary.max_offset;
  const bool low_inside = low_at >= begin && low_at < end;
  const bool high_inside = high_at >= begin && high_at < end;
  if (low_inside && high_inside) {
    extremes->Take<true>(summary.min_value, low_at, summary.max_value, high_at);
  } else if (low_inside) {
    const size_t high = ScanExtreme<false>(values_, begin, end);  // present: the min is here
    extremes->Take<true>(summary.min_value, low_at, values_[high], high);
  } else if (high_inside) {
    const size_t low = ScanExtreme<true>(values_, begin, end);
    extremes->Take<true>(values_[low], low, summary.max_value, high_at);
  } else {
    ScanRaw(begin, end, extremes);
  }
}

template <bool kLater>
void SeriesPyramid::TakeBlock(const Block& summary, size_t start, Extremes* extremes) {
  if (summary.min_offset == kEmpty) return;
  extremes->Take<kLater>(summary.min_value, start + summary.min_offset, summary.max_value, start + summary.max_offset);
}

bool SeriesPyramid::MinMax(size_t begin, size_t end, size_t* min_index, size_t* max_index) const {
  end = std::min(end, count_);
  if (begin >= end) return false;
  Extremes left, right;
  size_t low_block = (begin + kBase - 1) >> kBaseShift;  // first whole level-0 block
  size_t high_block = end >> kBaseShift;                   // one past the last whole block
  if (low_block >= high_block) {
    ScanRaw(begin, end, &left);
  } else {
    ScanEdge(begin, low_block << kBaseShift, &left);
    ScanEdge(high_block << kBaseShift, end, &right);
    // Bottom-up segment-tree walk: an odd edge block has no partner inside the range at the
    // next level, so it is taken here; the rest pair up into blocks twice the size.
    for (size_t level = 0; low_block < high_block; ++level) {
      const Block* blocks = levels_[level].data();
      const size_t shift = kBaseShift + level;
      if (level + 1 == levels_.size()) {
        for (size_t block = low_block; block < high_block; ++block) {
          TakeBlock<true>(blocks[block], block << shift, &left);
        }
        break;
      }
      if (low_block & 1) {
        TakeBlock<true>(blocks[low_block], low_block << shift, &left);
        ++low_block;
      }
      if (high_block & 1) {
        --high_block;
        TakeBlock<false>(blocks[high_block], high_block << shift, &right);
      }
      low_block >>= 1;
      high_block >>= 1;
    }
  }
  // Everything on the right comes after everything on the left: it wins only when strictly
  // beyond.
  if (!left.found) left = right;
  else if (right.found) left.Take<true>(right.min_value, right.min_index, right.max_value, right.max_index);
  if (!left.found) return false;
  if (min_index != nullptr) *min_index = left.min_index;
  if (max_index != nullptr) *max_index = left.max_index;
  return true;
}

size_t SeriesPyramid::FirstPresent(size_t begin, size_t end) const {
  end = std::min(end, count_);
  size_t index = begin;
  for (; index < end && (index & (kBase - 1)) != 0; ++index) {
    if (!IsMissing(values_[index])) return index;
  }
  // From here `index` is block-aligned: take the biggest block that starts here and fits, so
  // a long run of missing points is crossed in O(log n) steps.
  while (index < end && end - index >= kBase) {
    size_t level = 0;
    size_t block = index >> kBaseShift;
    while (level + 1 < levels_.size() && (block & 1) == 0 &&
           end - index >= (kBase << (level + 1))) {
      ++level;
      block >>= 1;
    }
    if (levels_[level][block].min_offset != kEmpty) {
      while (level > 0) {
        --level;
        block <<= 1;
        if (levels_[level][block].min_offset == kEmpty) ++block;
      }
      const size_t start = block << kBaseShift;
      for (size_t at = start; at < start + kBase; ++at) {
        if (!IsMissing(values_[at])) return at;
      }
      return kNoIndex;  // unreachable: the summary said this block has a present point
    }
    index += kBase << level;
  }
  for (; index < end; ++index) {
    if (!IsMissing(values_[index])) return index;
  }
  return kNoIndex;
}

size_t SeriesPyramid::LastPresent(size_t begin, size_t end) const {
  end = std::min(end, count_);
  if (begin >= end) return kNoIndex;
  size_t index = end;  // exclusive: the next candidate is index - 1
  for (; index > begin && (index & (kBase - 1)) != 0; --index) {
    if (!IsMissing(values_[index - 1])) return index - 1;
  }
  while (index - begin >= kBase) {
    size_t level = 0;
    size_t block = (index >> kBaseShift) - 1;  // the block ending at `index`
    while (level + 1 < levels_.size() && (block & 1) == 1 &&
           index - begin >= (kBase << (level + 1))) {
      ++level;
      block >>= 1;
    }
    if (levels_[level][block].min_offset != kEmpty) {
      while (level > 0) {
        --level;
        block = 2 * block + 1;
        if (levels_[level][block].min_offset == kEmpty) --block;
      }
      const size_t start = block << kBaseShift;
      for (size_t at = start + kBase; at > start; --at) {
        if (!IsMissing(values_[at - 1])) return at - 1;
      }
      return kNoIndex;  // unreachable: the summary said this block has a present point
    }
    index -= kBase << level;
  }
  for (; index > begin; --index) {
    if (!IsMissing(values_[index - 1])) return index - 1;
  }
  return kNoIndex;
}

namespace {

// Which pixel column an integer index falls in; the one formula both the column edges and
// the documentation (and tests) use, so no point lands in two columns through rounding.
class ColumnMap {
 public:
  ColumnMap(double first, double last, int columns)
      : first_(first), columns_(columns), scale_(last > first ? columns / (last - first) : 0) {}

  int ColumnOf(size_t index) const {
    const double position = (static_cast<double>(index) - first_) * scale_;
    if (position >= columns_) return columns_ - 1;
    return position > 0 ? static_cast<int>(position) : 0;
  }

  // Smallest index in [low, high] whose column is >= column (high when none). The estimate is
  // corrected against ColumnOf itself because the closed form can be off by one ulp.
  size_t ColumnStart(int column, size_t low, size_t high) const {
    if (scale_ == 0) return high;
    const double estimate = std::ceil(first_ + column / scale_);
    size_t index = high;
    if (estimate <= static_cast<double>(low)) {
      index = low;
    } else if (estimate < static_cast<double>(high)) {
      index = static_cast<size_t>(estimate);
    }
    while (index > low && ColumnOf(index - 1) >= column) --index;
    while (index < high && ColumnOf(index) < column) ++index;
    return index;
  }

 private:
  double first_;
  int columns_;
  double scale_;
};

}  // namespace

void DecimateM4(const SeriesPyramid& pyramid, const double* values, double first, double last,
                int columns, std::vector<DecimatedPoint>* out) {
  out->clear();
  const size_t count = pyramid.size();
  if (count == 0 || columns <= 0 || values == nullptr) return;
  first = std::max(first, 0.0);
  last = std::min(last, static_cast<double>(count - 1));
  if (!(first <= last)) return;  // also rejects NaN bounds
  const double lowest = std::ceil(first);
  const double highest = std::floor(last);
  if (lowest > highest) return;  // the view lies between two samples
  const size_t index_end = static_cast<size_t>(highest) + 1;
  const ColumnMap map(first, last, columns);
  const double gap = std::numeric_limits<double>::quiet_NaN();
  out->reserve(5 * static_cast<size_t>(columns));

  size_t previous = SeriesPyramid::kNoIndex;  // last emitted present point
  bool line_broken = true;                    // nothing to break before the first point
  size_t column_begin = static_cast<size_t>(lowest);
  for (int column = 0; column < columns && column_begin < index_end; ++column) {
    const size_t column_end =
        column + 1 == columns ? index_end : map.ColumnStart(column + 1, column_begin, index_end);
    if (column_begin == column_end) continue;  // no sample under this pixel: keep the line going
    const size_t first_present = pyramid.FirstPresent(column_begin, column_end);
    if (first_present == SeriesPyramid::kNoIndex) {
      out->push_back({static_cast<double>(column_begin), gap});
      line_broken = true;
    } else {
      const size_t last_present = pyramid.LastPresent(first_present, column_end);
      size_t min_index = first_present;
      size_t max_index = first_present;
      pyramid.MinMax(first_present, last_present + 1, &min_index, &max_index);
      // Everything between the previous column's last present point and this one's first is
      // missing (columns in between were either empty, and marked, or held no sample).
      if (!line_broken && first_present > previous + 1) {
        out->push_back({static_cast<double>(previous + 1), gap});
      }
      const size_t middle[2] = {std::min(min_index, max_index), std::max(min_index, max_index)};
      out->push_back({static_cast<double>(first_present), values[first_present]});
      size_t emitted = first_present;
      for (size_t index : {middle[0], middle[1], last_present}) {
        if (index == emitted) continue;
        out->push_back({static_cast<double>(index), values[index]});
        emitted = index;
      }
      previous = last_present;
      line_broken = false;
    }
    column_begin = column_end;
  }
}

}  // namespace divboard
