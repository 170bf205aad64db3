#include "ui/damage_tiles.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "ui/draw_replay.h"
#include "ui/draw_signature.h"

namespace divboard::ui {
namespace {

std::uint64_t Fold64(std::uint64_t hash, std::uint64_t word) {
  hash ^= word * 0x9E3779B97F4A7C15ull;
  hash = (hash << 29) | (hash >> 35);
  return hash * 0xBF58476D1CE4E5B9ull + 0x94D049BB133111EBull;
}

std::uint64_t PointerBits(const void* p) { return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p)); }

}  // namespace

PixelRect DamageTiles::Box(float x0, float y0, float x1, float y1) const {
  // One pixel of margin each way: the renderer truncates clip rectangles to whole pixels,
  // and a triangle covers the pixels whose centres it contains, which its box may cut.
  const float w = static_cast<float>(width_), h = static_cast<float>(height_);
  x0 = std::clamp(x0 - 1.0f, 0.0f, w);
  y0 = std::clamp(y0 - 1.0f, 0.0f, h);
  x1 = std::clamp(x1 + 1.0f, 0.0f, w);
  y1 = std::clamp(y1 + 1.0f, 0.0f, h);
  if (!(x1 > x0 && y1 > y0)) return PixelRect{};
  return PixelRect{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(std::ceil(x1)), static_cast<int>(std::ceil(y1))};
}

void DamageTiles::Fold(const PixelRect& box, std::uint64_t hash) {
  if (box.empty()) return;
  const int tx0 = box.x0 / kTile, ty0 = box.y0 / kTile;
  const int tx1 = std::min(columns_ - 1, (box.x1 - 1) / kTile);
  const int ty1 = std::min(rows_ - 1, (box.y1 - 1) / kTile);
  for (int ty = ty0; ty <= ty1; ++ty) {
    std::uint64_t* row = built_.data() + static_cast<std::size_t>(ty) * static_cast<std::size_t>(columns_);
    for (int tx = tx0; tx <= tx1; ++tx) row[tx] = Fold64(row[tx], hash);
  }
}

void DamageTiles::Build(const ImDrawData& data, int framebuffer_width, int framebuffer_height, std::uint64_t seed) {
  width_ = std::max(0, framebuffer_width);
  height_ = std::max(0, framebuffer_height);
  columns_ = (width_ + kTile - 1) / kTile;
  rows_ = (height_ + kTile - 1) / kTile;
  built_.assign(static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_), seed);
  runs_.clear();
  grouped_triangles_ = 0;
  const ImVec2 offset = data.DisplayPos;
  const ImVec2 scale = data.FramebufferScale;
  const float frame[6] = {offset.x, offset.y, scale.x, scale.y, static_cast<float>(width_), static_cast<float>(height_)};
  const std::uint64_t frame_key = MixBytes(0, frame, sizeof frame);
  std::uint32_t relative[kGroup * 3];
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (int command_index = 0; command_index < list.CmdBuffer.Size; ++command_index) {
      const ImDrawCmd& cmd = list.CmdBuffer[command_index];
      const float cx0 = (cmd.ClipRect.x - offset.x) * scale.x, cy0 = (cmd.ClipRect.y - offset.y) * scale.y;
      const float cx1 = (cmd.ClipRect.z - offset.x) * scale.x, cy1 = (cmd.ClipRect.w - offset.y) * scale.y;
      if (!(cx1 > cx0 && cy1 > cy0)) continue;  // the renderer draws nothing for it either
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) continue;
        // What a callback draws is in the seed; which callback, where, is here.
        const std::uint64_t hash = Fold64(Fold64(seed, PointerBits(reinterpret_cast<const void*>(cmd.UserCallback))),
                                          PointerBits(cmd.UserCallbackData));
        Fold(Box(cx0, cy0, cx1, cy1), hash);
        continue;
      }
      const float clip[4] = {cx0, cy0, cx1, cy1};
      const std::uint64_t command = Fold64(MixBytes(0, clip, sizeof clip), PointerBits(cmd.TextureId));
      if (cmd.ElemCount < 3) continue;
      // A kept segment's commands hold no geometry in the list (draw_replay.h).
      const ImDrawIdx* indices = CommandIndices(list, cmd);
      const ImDrawVert* base = CommandVertices(list, cmd);
      std::uint64_t key = 0;
      if (const DrawSegment* segment = ReferencedSegment(cmd)) {
        // Its content is known by the segment's id (a fingerprint of its geometry): hashing
        // the kept geometry again every frame was what keeping it by reference saved.
        key = Fold64(Fold64(Fold64(Fold64(command, frame_key), segment->id), SegmentFirstIndex(cmd)), cmd.ElemCount);
      } else {
        ImDrawIdx lowest = indices[0], highest = indices[0];
        for (unsigned int i = 1; i < cmd.ElemCount; ++i) {
          lowest = std::min(lowest, indices[i]);
          highest = std::max(highest, indices[i]);
        }
        key = MixBytes(Fold64(command, frame_key), indices, cmd.ElemCount * sizeof(ImDrawIdx));
        key = MixBytes(key, base + lowest, (static_cast<std::size_t>(highest - lowest) + 1) * sizeof(ImDrawVert));
      }
      // A kept segment changes as a whole (a pan, a zoom, new data: all of its plot changes
      // with it), so its tiles are its clip rectangle's, whether or not its triangles have
      // been grouped yet; a new one is drawn whole at first, and grouped when seen again
      // (a pan makes a new one every step, and grouping it would cost the step).
      const bool segment = ReferencedSegment(cmd) != nullptr;
      if (segment) Fold(Box(cx0, cy0, cx1, cy1), Fold64(key, 1));
      const auto known = cached_.find(key);
      if (known != cached_.end() && !(known->second.whole && segment)) {
        for (const CachedRun& r : known->second.runs) {
          if (!segment) Fold(r.box, r.hash);
          runs_.push_back(TriangleRun{n, command_index, r.first, r.end, r.box});
        }
        caching_[key] = std::move(known->second);
        cached_.erase(known);
        continue;
      }
      CachedCommand& cache = caching_[key];
      cache.runs.clear();
      cache.whole = segment && known == cached_.end();
      if (cache.whole) {
        const PixelRect box = Box(cx0, cy0, cx1, cy1);
        runs_.push_back(TriangleRun{n, command_index, 0, cmd.ElemCount, box});
        cache.runs.push_back(CachedRun{0, cmd.ElemCount, box, 0});
        continue;
      }
      std::vector<CachedRun>& record = cache.runs;
      grouped_triangles_ += cmd.ElemCount / 3;
      // Triangles are grouped while they stay close together (a stretch of a polyline, a few
      // glyphs): a group whose box is mostly empty would damage all of it when one changes.
      unsigned int first = 0;
      float gx0 = 0, gy0 = 0, gx1 = 0, gy1 = 0;
      const auto flush = [&](unsigned int end) {
        if (end == first) return;
        const ImDrawIdx* at = indices + first;
        const unsigned int count = end - first;
        ImDrawIdx lo = at[0];
        for (unsigned int i = 1; i < count; ++i) lo = std::min(lo, at[i]);
        ImDrawIdx hi = lo;
        // The same triangles at another place in the buffers (a replayed stretch under
        // another offset) hash alike: indices relative to the lowest, then the vertices.
        for (unsigned int i = 0; i < count; ++i) {
          relative[i] = static_cast<std::uint32_t>(at[i] - lo);
          hi = std::max(hi, at[i]);
        }
        std::uint64_t hash = MixBytes(command, relative, count * sizeof relative[0]);
        const std::size_t span_of_vertices = static_cast<std::size_t>(hi - lo) + 1;
        if (span_of_vertices <= count) {
          hash = MixBytes(hash, base + lo, span_of_vertices * sizeof(ImDrawVert));
        } else {
          // Scattered indices (a filled polygon's fan reaches back to its first vertex):
          // hashing the range between them would hash the polygon once per triangle.
          for (unsigned int i = 0; i < count; ++i) {
            const ImDrawVert& v = base[at[i]];
            std::uint64_t words[3] = {0, 0, v.col};
            std::memcpy(&words[0], &v.pos, sizeof words[0]);
            std::memcpy(&words[1], &v.uv, sizeof words[1]);
            hash = Fold64(Fold64(Fold64(hash, words[0]), words[1]), words[2]);
          }
        }
        float bx0 = (gx0 - offset.x) * scale.x, bx1 = (gx1 - offset.x) * scale.x;
        float by0 = (gy0 - offset.y) * scale.y, by1 = (gy1 - offset.y) * scale.y;
        // A position that is not a number could land anywhere: take the whole clip.
        if (!(bx0 <= bx1 && by0 <= by1)) bx0 = cx0, by0 = cy0, bx1 = cx1, by1 = cy1;
        const PixelRect box = Box(std::max(bx0, cx0), std::max(by0, cy0), std::min(bx1, cx1), std::min(by1, cy1));
        if (!segment) Fold(box, hash);
        runs_.push_back(TriangleRun{n, command_index, first, end, box});
        record.push_back(CachedRun{first, end, box, hash});
        first = end;
      };
      // A group stays within four tiles each way, unless one triangle alone is larger.
      const float reach = 4.0f * static_cast<float>(kTile) / std::max(scale.x, scale.y);
      const float touch = 2.0f / std::max(scale.x, scale.y);
      for (unsigned int i = 0; i + 3 <= cmd.ElemCount; i += 3) {
        const ImVec2 a = base[indices[i]].pos, b = base[indices[i + 1]].pos, c = base[indices[i + 2]].pos;
        const float tx0 = std::min({a.x, b.x, c.x}), tx1 = std::max({a.x, b.x, c.x});
        const float ty0 = std::min({a.y, b.y, c.y}), ty1 = std::max({a.y, b.y, c.y});
        if (i == first) {
          gx0 = tx0, gy0 = ty0, gx1 = tx1, gy1 = ty1;
          continue;
        }
        const float ux0 = std::min(gx0, tx0), ux1 = std::max(gx1, tx1);
        const float uy0 = std::min(gy0, ty0), uy1 = std::max(gy1, ty1);
        // Joined while the triangle touches the group (neighbouring glyphs, a polyline's
        // next segment, a fan's next sliver; not the next grid line) and the group stays small.
        const bool touches = tx0 <= gx1 + touch && gx0 - touch <= tx1 && ty0 <= gy1 + touch && gy0 - touch <= ty1;
        const bool small = ux1 - ux0 <= std::max(reach, tx1 - tx0) && uy1 - uy0 <= std::max(reach, ty1 - ty0);
        if (i - first >= kGroup * 3 || !touches || !small) {
          flush(i);
          gx0 = tx0, gy0 = ty0, gx1 = tx1, gy1 = ty1;
        } else {
          gx0 = ux0, gy0 = uy0, gx1 = ux1, gy1 = uy1;
        }
      }
      flush(cmd.ElemCount - cmd.ElemCount % 3);
    }
  }
  cached_.swap(caching_);
  caching_.clear();
}

PixelRect DamageTiles::Damage() const {
  const PixelRect all{0, 0, width_, height_};
  if (!shown_valid_ || shown_width_ != width_ || shown_height_ != height_ || shown_.size() != built_.size()) return all;
  int tx0 = columns_, ty0 = rows_, tx1 = -1, ty1 = -1;
  for (int ty = 0; ty < rows_; ++ty) {
    for (int tx = 0; tx < columns_; ++tx) {
      const std::size_t at = static_cast<std::size_t>(ty) * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(tx);
      if (built_[at] == shown_[at]) continue;
      tx0 = std::min(tx0, tx);
      ty0 = std::min(ty0, ty);
      tx1 = std::max(tx1, tx);
      ty1 = std::max(ty1, ty);
    }
  }
  if (tx1 < 0) return PixelRect{};
  return PixelRect{tx0 * kTile, ty0 * kTile, std::min(width_, (tx1 + 1) * kTile), std::min(height_, (ty1 + 1) * kTile)};
}

void DamageTiles::Commit() {
  shown_ = built_;
  shown_width_ = width_;
  shown_height_ = height_;
  shown_valid_ = true;
}

}  // namespace divboard::ui
