// A frame's draw lists in two layers: the page (windows, popups) and what a hover draws over
// it (the hover marks, then tooltips). The web platform draws the hover layer into a small
// canvas of its own over the page's, so a hover that changes only marks and a tooltip leaves
// the page's canvas as it is: under software compositing every presented canvas is read
// back whole, and the page's is the full window (docs/performance.md, "Hover overlay").
#pragma once

#include <imgui.h>

#include <vector>

#include "ui/damage_tiles.h"

namespace divboard::ui {

// The draw list for what only a hover shows (cursor lines, dots, outlined cells), clipped as
// `window_list` is now. It is ImGui's foreground list, drawn over every window; the layers
// put it under tooltips. Pair with EndHoverMarks.
ImDrawList* BeginHoverMarks(const ImDrawList& window_list);
void EndHoverMarks();

class DrawLayers {
 public:
  // Sorts the frame just rendered (ImGui::Render) into layers. The lists stay ImGui's: use
  // the layers before the next frame.
  void Split(const ImDrawData& frame);

  const ImDrawData& page() const { return page_; }
  const ImDrawData& hover() const { return hover_; }
  // Both, the hover layer last: what one canvas shows (a PNG, a context without an overlay).
  const ImDrawData& all() const { return all_; }

 private:
  std::vector<ImDrawList*> page_lists_, hover_lists_, all_lists_;
  ImDrawData page_, hover_, all_;
};

// The framebuffer pixels `data` may cover (its triangles' bounds within their clip
// rectangles), empty when it draws nothing; within the framebuffer.
PixelRect DrawnBounds(const ImDrawData& data, int framebuffer_width, int framebuffer_height);

}  // namespace divboard::ui
