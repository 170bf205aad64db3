// Decimation for charts of any length: a min/max pyramid over a series and M4 on top of it,
// so a chart draws at most a few points per pixel column whatever the length of the series,
// and still shows every spike (M4 keeps each column's extremes, not an average).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace divboard {

// Min/max summary of a uniformly spaced series at block sizes 64, 128, 256, ... so a range's
// min and max (with their indices) cost O(log n) plus at most two partial blocks of raw scan.
// Only whole blocks are summarised; the ragged tail (< 64 points) is always scanned raw.
// Memory: about n / 32 blocks of 24 bytes, i.e. ~0.75 byte per point (under 10% of the
// series itself).
class SeriesPyramid {
 public:
  static constexpr size_t kNoIndex = std::numeric_limits<size_t>::max();

  void Build(const double* values, size_t count);  // NaN marks a missing point; keeps a pointer, does not copy values
  size_t size() const { return count_; }
  // Over [begin, end): false when every point is missing. Ties: the earliest index.
  bool MinMax(size_t begin, size_t end, size_t* min_index, size_t* max_index) const;
  // First / last present point in [begin, end), or kNoIndex. Long gaps cost O(log n), not
  // their length, so an empty stretch of millions of points is skipped block by block.
  size_t FirstPresent(size_t begin, size_t end) const;
  size_t LastPresent(size_t begin, size_t end) const;
  size_t memory_bytes() const;  // summary bytes, for the benchmark

 private:
  // The extremes' values are copied into the block: reading them back from the series would
  // be a cache miss per block on a large series, which measured as the dominant cost.
  // Offsets are relative to the block start so 32 bits suffice for any series length: the
  // pyramid stops at blocks of 2^31 points (see kMaxLevels) and scans top blocks linearly.
  struct Block {
    double min_value;
    double max_value;
    std::uint32_t min_offset;  // kEmpty when the block has no present point
    std::uint32_t max_offset;
  };
  static constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
  struct Extremes;

  void ScanRaw(size_t begin, size_t end, Extremes* extremes) const;
  void ScanEdge(size_t begin, size_t end, Extremes* extremes) const;  // inside one level-0 block
  template <bool kLater>
  static void TakeBlock(const Block& summary, size_t start, Extremes* extremes);

  const double* values_ = nullptr;
  size_t count_ = 0;
  std::vector<std::vector<Block>> levels_;  // levels_[k]: whole blocks of 64 << k points
};

struct DecimatedPoint {
  double index;
  double value;  // NaN: a gap (break the line here)
};

// M4 (Jugel et al., VLDB 2014): the visible index range [first, last] (fractional allowed,
// clamped to the data) maps onto `columns` pixel columns; for each column emit its first, min,
// max and last present points in index order (duplicates merged), and a gap marker
// {index, NaN} where a column has no present point or where a missing point lies between two
// emitted points. Output never exceeds 4 * columns + columns gap markers. Cost O(columns * log n).
//
// Details a caller (or a test) may rely on:
// - Integer index i in [ceil(first), floor(last)] falls in column
//   min(columns - 1, floor((i - first) * (columns / (last - first)))), or 0 when last == first
//   (first and last taken after clamping to [0, size - 1]).
// - A column that holds no integer index at all (zoomed in past one point per pixel) emits
//   nothing: the line simply continues across it.
// - A column whose points are all missing emits one marker at its first index.
// - A missing stretch between one column's last present point and a later column's first
//   present point emits one marker at the first missing index (unless an empty column's
//   marker already broke the line there). Missing points inside a single column, between two
//   of its own emitted points, are not marked: five entries per column cannot describe
//   sub-pixel breaks exactly, and the column's min and max stay exact regardless.
// `values` must be the array the pyramid was built on.
void DecimateM4(const SeriesPyramid& pyramid, const double* values, double first, double last,
                int columns, std::vector<DecimatedPoint>* out);

}  // namespace divboard
