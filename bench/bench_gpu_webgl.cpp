// The browser's GPU for the chart-frame benchmark: a WebGL2 context on the page's #canvas,
// drawn by the app's WebGlRenderer, with the app's resident charts switched on or off.
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <imgui.h>

#include "bench_gpu.h"
#include "resident_charts_webgl.h"
#include "ui/resident_charts.h"
#include "webgl_renderer.h"

namespace divboard::bench {
namespace {

class WebGlBenchGpu : public BenchGpu {
 public:
  WebGlBenchGpu() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.alpha = EM_FALSE;
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    attributes.antialias = EM_FALSE;
    attributes.premultipliedAlpha = EM_FALSE;
    attributes.preserveDrawingBuffer = EM_TRUE;  // as the app
    context_ = emscripten_webgl_create_context("#canvas", &attributes);
    if (context_ <= 0) return;
    emscripten_webgl_make_context_current(context_);
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    emscripten_set_canvas_element_size("#canvas", static_cast<int>(size.x), static_cast<int>(size.y));
    available_ = renderer_.Create() && resident_.Create(/*lines=*/true);
    if (available_) renderer_.UploadFontAtlas();
  }

  bool Available() const override { return available_; }
  void UseResident(bool on) override {
    // A fresh start each time, so the first frame pays the upload.
    resident_.Destroy();
    resident_.Create(/*lines=*/true);
    ui::SetResidentCharts(on ? &resident_ : nullptr);
  }
  void BeginFrame() override { resident_.BeginFrame(); }
  void Submit() override {
    const ImDrawData* data = ImGui::GetDrawData();
    imgui_bytes_ = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
      imgui_bytes_ += static_cast<double>(data->CmdLists[n]->VtxBuffer.Size) * sizeof(ImDrawVert) +
                      static_cast<double>(data->CmdLists[n]->IdxBuffer.Size) * sizeof(ImDrawIdx);
    }
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    renderer_.Render(data, static_cast<int>(size.x), static_cast<int>(size.y), 0.06f, 0.07f, 0.09f);
  }
  // Reading a pixel back waits until the frame is rasterised. glFinish alone measured 0.03 ms
  // for a whole 1920x1080 frame here, too short for SwiftShader to have drawn it.
  void Finish() override {
    unsigned char pixel[4];
    glReadPixels(960, 540, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel);
  }
  double FrameUploadBytes() const override { return imgui_bytes_ + resident_.stats().frame_bytes; }
  double ResidentUploadMs() const override { return resident_.stats().upload_ms; }
  double ResidentBytes() const override { return static_cast<double>(resident_.stats().resident_bytes); }

 private:
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
  bool available_ = false;
  web::WebGlRenderer renderer_;
  web::WebGlResidentCharts resident_;
  double imgui_bytes_ = 0;
};

}  // namespace

std::unique_ptr<BenchGpu> MakeBenchGpu() { return std::make_unique<WebGlBenchGpu>(); }

}  // namespace divboard::bench
