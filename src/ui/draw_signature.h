// A 64-bit fingerprint of a frame's ImGui draw data: vertices, indices and commands. The web
// platform compares it with the last frame it presented and skips the GL work of a frame
// that would put the same pixels on screen: ImGui settles hover and layout over a couple of
// frames after each input, and each presented frame costs a WebGL upload and a compositor
// commit (a read-back of the whole canvas when compositing is in software).
#pragma once

#include <cstddef>
#include <cstdint>

struct ImDrawData;

namespace divboard::ui {

// `seed` carries what the draw data does not show but the pixels depend on (framebuffer
// size, clear colour, font atlas generation, GPU-resident draws).
std::uint64_t DrawDataSignature(const ImDrawData& data, std::uint64_t seed);

// True while a window will change by itself in the next frame: one ImGui is showing for the
// first time is still hidden (it measures itself in one frame and appears in a later one),
// or an auto-sized one (a tooltip) has content of another size than it was sized for. The
// frames until then may all look alike, or the last may not be final.
bool WindowsStillSettling();

// True when the frame just built hovers and activates the same items as the one before.
bool ItemsUnchanged();

// Folds raw bytes into a running fingerprint, eight at a time.
std::uint64_t MixBytes(std::uint64_t hash, const void* bytes, std::size_t size);

}  // namespace divboard::ui
