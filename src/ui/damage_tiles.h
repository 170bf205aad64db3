// Which part of the framebuffer a frame changes, so the platform can redraw only that part.
// Where WebGL runs on the CPU (SwiftShader: no GPU, remote desktops, CI), filling the whole
// 1440x900 canvas costs tens of milliseconds of CPU per presented frame, though a hover
// changes a cursor line and a tooltip (docs/performance.md, "Frame cost").
//
// The framebuffer is cut into square tiles. Each group of consecutive triangles, and each
// draw callback, is folded in draw order into every tile its bounding box (within its clip
// rectangle) touches; a tile whose fingerprint differs from the frame on screen has changed.
// A pixel's colour depends only on the triangles over it and their order, so a tile with the
// same fingerprint shows the same pixels (up to a 64-bit hash collision).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

struct ImDrawData;

namespace divboard::ui {

// Framebuffer pixels, origin top left, end exclusive.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  long long area() const { return empty() ? 0 : static_cast<long long>(x1 - x0) * (y1 - y0); }
};

// A run of triangles of one draw command that lie close together, and the pixels they may
// cover: a partial redraw draws only the runs that meet the area redrawn, since drawing the
// rest costs a CPU rasteriser their vertex work even where the scissor discards their pixels.
struct TriangleRun {
  int list = 0;           // index in ImDrawData::CmdLists
  int command = 0;        // index in that list's CmdBuffer
  unsigned int first = 0; // element range within the command
  unsigned int end = 0;
  PixelRect box;
};

class DamageTiles {
 public:
  static constexpr int kTile = 32;   // framebuffer pixels
  static constexpr int kGroup = 64;  // at most, triangles hashed and bounded together

  // Fingerprints the tiles of `data` drawn into a framebuffer of the given size. `seed` is
  // what the pixels depend on beyond the draw data (clear colour, atlas, what callbacks draw).
  void Build(const ImDrawData& data, int framebuffer_width, int framebuffer_height, std::uint64_t seed);

  // What to redraw so the screen, which shows the last committed frame, shows the one just
  // built: the bounding box of the changed tiles (empty when none changed), or the whole
  // framebuffer when no committed frame of the same size is on screen.
  PixelRect Damage() const;

  // The frame just built is now on screen.
  void Commit();
  // The screen no longer shows the committed frame (context lost, drawn elsewhere).
  void Invalidate() { shown_valid_ = false; }

  // The frame's triangles in draw order, grouped as the tiles were fingerprinted.
  const std::vector<TriangleRun>& runs() const { return runs_; }

  // Triangles the last Build grouped anew (not taken from the last frame's commands): the
  // work a frame's changed commands cost, for benchmarks and tests.
  long grouped_triangles() const { return grouped_triangles_; }

  int columns() const { return columns_; }
  int rows() const { return rows_; }

 private:
  PixelRect Box(float x0, float y0, float x1, float y1) const;
  void Fold(const PixelRect& box, std::uint64_t hash);

  int width_ = 0, height_ = 0, columns_ = 0, rows_ = 0;
  long grouped_triangles_ = 0;
  std::vector<std::uint64_t> built_;
  std::vector<TriangleRun> runs_;
  // The runs of each command of the last frame, by the command's content: a hover changes a
  // few commands, and grouping the others' triangles again would cost more than the frame.
  struct CachedRun {
    unsigned int first = 0, end = 0;
    PixelRect box;
    std::uint64_t hash = 0;
  };
  // A kept segment seen for the first time is one run over its clip rectangle (a pan makes
  // a new one every step, and damages all of the plot anyway); seen again, it is grouped.
  struct CachedCommand {
    bool whole = false;
    std::vector<CachedRun> runs;
  };
  std::unordered_map<std::uint64_t, CachedCommand> cached_;
  std::unordered_map<std::uint64_t, CachedCommand> caching_;
  std::vector<std::uint64_t> shown_;
  int shown_width_ = -1, shown_height_ = -1;
  bool shown_valid_ = false;
};

}  // namespace divboard::ui
