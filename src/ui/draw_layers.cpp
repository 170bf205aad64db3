#include "ui/draw_layers.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace divboard::ui {
namespace {

// A tooltip's lists, or the foreground list: what the hover layer holds.
bool IsHoverList(const ImDrawList* list, const ImDrawList* foreground) {
  if (list == foreground) return true;
  for (const ImGuiWindow* window : GImGui->Windows) {
    if (window->DrawList == list) return (window->RootWindow->Flags & ImGuiWindowFlags_Tooltip) != 0;
  }
  return false;
}

void Fill(const ImDrawData& frame, std::vector<ImDrawList*>* lists, ImDrawData* data) {
  *data = frame;
  data->CmdLists = lists->data();
  data->CmdListsCount = static_cast<int>(lists->size());
  data->TotalVtxCount = data->TotalIdxCount = 0;
  for (const ImDrawList* list : *lists) {
    data->TotalVtxCount += list->VtxBuffer.Size;
    data->TotalIdxCount += list->IdxBuffer.Size;
  }
}

}  // namespace

ImDrawList* BeginHoverMarks(const ImDrawList& window_list) {
  ImDrawList* marks = ImGui::GetForegroundDrawList();
  marks->PushClipRect(window_list.GetClipRectMin(), window_list.GetClipRectMax());
  return marks;
}

void EndHoverMarks() { ImGui::GetForegroundDrawList()->PopClipRect(); }

void DrawLayers::Split(const ImDrawData& frame) {
  page_lists_.clear();
  hover_lists_.clear();
  // ImGui's order puts the foreground list after the tooltips; the marks it holds (a cursor
  // line through a chart) belong under the tooltip that describes them.
  const ImDrawList* foreground = ImGui::GetForegroundDrawList();
  for (int n = 0; n < frame.CmdListsCount; ++n) {
    ImDrawList* list = frame.CmdLists[n];
    if (!IsHoverList(list, foreground)) {
      page_lists_.push_back(list);
    } else if (list == foreground) {
      hover_lists_.insert(hover_lists_.begin(), list);
    } else {
      hover_lists_.push_back(list);
    }
  }
  all_lists_ = page_lists_;
  all_lists_.insert(all_lists_.end(), hover_lists_.begin(), hover_lists_.end());
  Fill(frame, &page_lists_, &page_);
  Fill(frame, &hover_lists_, &hover_);
  Fill(frame, &all_lists_, &all_);
}

PixelRect DrawnBounds(const ImDrawData& data, int framebuffer_width, int framebuffer_height) {
  float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.ElemCount == 0 || cmd.UserCallback != nullptr) continue;
      float bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY, by1 = -INFINITY;
      for (unsigned int i = cmd.IdxOffset; i < cmd.IdxOffset + cmd.ElemCount && i < static_cast<unsigned int>(list.IdxBuffer.Size); ++i) {
        const unsigned int v = list.IdxBuffer.Data[i] + cmd.VtxOffset;
        if (v >= static_cast<unsigned int>(list.VtxBuffer.Size)) continue;
        const ImVec2 p = list.VtxBuffer.Data[v].pos;
        bx0 = std::min(bx0, p.x);
        by0 = std::min(by0, p.y);
        bx1 = std::max(bx1, p.x);
        by1 = std::max(by1, p.y);
      }
      bx0 = std::max(bx0, cmd.ClipRect.x);
      by0 = std::max(by0, cmd.ClipRect.y);
      bx1 = std::min(bx1, cmd.ClipRect.z);
      by1 = std::min(by1, cmd.ClipRect.w);
      if (!(bx1 > bx0 && by1 > by0)) continue;  // all clipped away
      x0 = std::min(x0, bx0);
      y0 = std::min(y0, by0);
      x1 = std::max(x1, bx1);
      y1 = std::max(y1, by1);
    }
  }
  if (!(x1 > x0 && y1 > y0)) return PixelRect{};
  const float sx = data.FramebufferScale.x, sy = data.FramebufferScale.y;
  const auto clamp = [](float v, int hi) { return static_cast<int>(std::clamp(v, 0.0f, static_cast<float>(hi))); };
  PixelRect r{clamp(std::floor((x0 - data.DisplayPos.x) * sx), framebuffer_width),
              clamp(std::floor((y0 - data.DisplayPos.y) * sy), framebuffer_height),
              clamp(std::ceil((x1 - data.DisplayPos.x) * sx), framebuffer_width),
              clamp(std::ceil((y1 - data.DisplayPos.y) * sy), framebuffer_height)};
  return r.empty() ? PixelRect{} : r;
}

}  // namespace divboard::ui
