// Snapshot ingest benchmark: one large generated snapshot (~10M values, `--values N` to
// change) loaded by every path the page can use, natively and in wasm (the same file built
// with em++ for Node). scripts/bench.sh runs both, then the browser run
// (bench/run_ingest_browser_bench.mjs) on the files `--write DIR` leaves there.
//
// Output (scripts/bench.sh prints it as is):
//   ingest  input    10.0M values in 10000 series  JSON 77.2 MB  packed 80.9 MB ...
//   ingest  dom      JSON    21.5 MB/s   2.8 Mvalues/s  peak +252.7 MB  3.16x columns
//   ingest  stream   JSON   101.9 MB/s  13.2 Mvalues/s  peak +88.6 MB   1.11x columns
//   ingest  packed   BJData 547.4 MB/s  67.7 Mvalues/s  peak +89.4 MB   1.12x columns
// "peak" counts bytes allocated by the load beyond what existed before it (operator new is
// replaced below), against the raw column bytes (8 per value). The input text itself is
// not counted: fed in chunks, the page never needs all of it at once. `--only NAME` runs one
// path (profiling); stream64k and packed64k feed 64 KiB chunks, as the page does.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "core/snapshot_ingest.h"
#include "core/snapshot_json.h"
#include "core/snapshot_packed.h"
#include "core/snapshot_stream.h"

// [SECTION] Allocation counting: the current and peak bytes live on the heap.
namespace {
size_t g_current = 0;
size_t g_peak = 0;
constexpr size_t kHeader = 16;  // keeps the block's size, and malloc's alignment

void* Allocate(size_t size) {
  void* block = std::malloc(size + kHeader);
  if (block == nullptr) throw std::bad_alloc();
  std::memcpy(block, &size, sizeof size);
  g_current += size;
  g_peak = std::max(g_peak, g_current);
  return static_cast<char*>(block) + kHeader;
}

void Release(void* pointer) {
  if (pointer == nullptr) return;
  char* block = static_cast<char*>(pointer) - kHeader;
  size_t size = 0;
  std::memcpy(&size, block, sizeof size);
  g_current -= size;
  std::free(block);
}
}  // namespace

void* operator new(size_t size) { return Allocate(size); }
void* operator new[](size_t size) { return Allocate(size); }
void operator delete(void* pointer) noexcept { Release(pointer); }
void operator delete[](void* pointer) noexcept { Release(pointer); }
void operator delete(void* pointer, size_t) noexcept { Release(pointer); }
void operator delete[](void* pointer, size_t) noexcept { Release(pointer); }

namespace {

using Clock = std::chrono::steady_clock;

// xorshift64*: the same document on every platform.
struct Random {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  uint64_t Next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
  }
};

// A snapshot shaped like the generated sample but wider: 4 metrics x `hosts` members of a
// host dimension, `days` days each. Values as a pipeline writes them: mostly integers of
// varied magnitude, some with two decimals (hours, CNY), about 2% missing days.
std::string MakeSnapshot(size_t target_values, size_t* value_count, size_t* series_count) {
  const size_t days = 1000;
  const size_t series = std::max<size_t>(1, target_values / days);
  const size_t hosts = (series + 3) / 4;
  std::string out;
  out.reserve(target_values * 10 + 1024 * 1024);
  out += "{\n  \"schema\": \"divboard.snapshot\",\n  \"version\": 1,\n"
         "  \"generated_at\": \"2026-11-28T06:00:00+08:00\",\n  \"timezone\": \"Asia/Shanghai\",\n"
         "  \"currency\": \"CNY\",\n"
         "  \"divisions\": [{\"id\": \"trading\", \"name\": {\"en\": \"Trading\", \"zh\": \"交易\"}}],\n"
         "  \"dimensions\": [{\"id\": \"host\", \"name\": {\"en\": \"Host\"}, \"members\": [";
  for (size_t h = 0; h < hosts; ++h) {
    out += (h ? ", " : "") + std::string("{\"id\": \"h") + std::to_string(h) + "\", \"name\": {\"en\": \"Host " +
           std::to_string(h) + "\"}}";
  }
  out += "]}],\n  \"metrics\": [\n";
  const char* metrics[] = {"gmv", "orders", "viewers", "watch_hours"};
  for (int m = 0; m < 4; ++m) {
    out += std::string("    {\"id\": \"") + metrics[m] + "\", \"division\": \"trading\", \"unit\": \"count\", " +
           "\"rollup\": \"sum\", \"additive\": true, \"name\": {\"en\": \"" + metrics[m] + "\"}}" + (m < 3 ? ",\n" : "\n");
  }
  out += "  ],\n  \"series\": [\n";
  Random random;
  size_t values = 0;
  for (size_t s = 0; s < series; ++s) {
    out += std::string("    {\"metric\": \"") + metrics[s % 4] + "\", \"dims\": {\"host\": \"h" + std::to_string(s / 4) +
           "\"}, \"start\": \"2024-01-01\", \"values\": [";
    const uint64_t scale = uint64_t{1} << (10 + random.Next() % 20);
    for (size_t d = 0; d < days; ++d) {
      if (d) out += ',';
      const uint64_t r = random.Next();
      if (r % 50 == 0) {
        out += "null";
      } else if (s % 4 == 3) {
        out += std::to_string(r % scale) + "." + std::to_string(10 + (r >> 40) % 90);
      } else {
        out += std::to_string(r % scale);
      }
      ++values;
    }
    out += s + 1 < series ? "]},\n" : "]}\n";
  }
  out += "  ],\n  \"events\": [],\n  \"hosts\": []\n}\n";
  *value_count = values;
  *series_count = series;
  return out;
}

struct Result {
  double seconds = 1e30;
  size_t peak = 0;
  bool ok = false;
};

template <typename Load>
Result Measure(Load load, int runs) {
  Result result;
  for (int run = 0; run < runs; ++run) {
    const size_t before = g_current;
    g_peak = g_current;
    const auto start = Clock::now();
    {
      divboard::Snapshot snapshot;
      result.ok = load(&snapshot);
      const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
      result.seconds = std::min(result.seconds, seconds);
    }
    result.peak = std::max(result.peak, g_peak - before);
  }
  return result;
}

void Print(const char* name, const char* format, const Result& r, size_t bytes, size_t values) {
  const double column_bytes = static_cast<double>(values) * 8;
  std::printf("ingest  %-8s %-7s %8.1f MB/s  %7.1f Mvalues/s  peak +%.1f MB  %5.2fx columns%s\n", name, format,
              static_cast<double>(bytes) / r.seconds / 1e6, static_cast<double>(values) / r.seconds / 1e6,
              static_cast<double>(r.peak) / 1e6, static_cast<double>(r.peak) / column_bytes, r.ok ? "" : "  (FAILED)");
}

}  // namespace

int main(int argc, char** argv) {
  size_t target = 10'000'000;
  int runs = 3;
  std::string only;       // one path by name (profiling)
  std::string write_dir;  // writes snapshot.json and snapshot.bjd there and stops (browser bench)
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--values") == 0) target = static_cast<size_t>(std::strtoull(argv[i + 1], nullptr, 10));
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
    if (std::strcmp(argv[i], "--write") == 0) write_dir = argv[i + 1];
  }
  const auto wanted = [&](const char* name) { return only.empty() || only == name; };
  size_t values = 0, series = 0;
  const std::string text = MakeSnapshot(target, &values, &series);
  std::string packed;
  {
    divboard::Snapshot snapshot;
    if (!divboard::LoadSnapshotStreaming(text, &snapshot).empty()) {
      std::printf("ingest  the generated snapshot does not load\n");
      return 1;
    }
    packed = divboard::PackSnapshot(snapshot);
  }
  std::printf("ingest  input    %.1fM values in %zu series  JSON %.1f MB  packed %.1f MB (%.2fx JSON)  columns %.1f MB\n",
              static_cast<double>(values) / 1e6, series, static_cast<double>(text.size()) / 1e6,
              static_cast<double>(packed.size()) / 1e6, static_cast<double>(packed.size()) / static_cast<double>(text.size()),
              static_cast<double>(values) * 8 / 1e6);

  if (!write_dir.empty()) {
    const std::pair<const char*, const std::string*> files[] = {{"/snapshot.json", &text}, {"/snapshot.bjd", &packed}};
    for (const auto& [name, bytes] : files) {
      std::FILE* file = std::fopen((write_dir + name).c_str(), "wb");
      if (file == nullptr || std::fwrite(bytes->data(), 1, bytes->size(), file) != bytes->size() || std::fclose(file) != 0) {
        std::printf("ingest  cannot write %s%s\n", write_dir.c_str(), name);
        return 1;
      }
    }
    std::printf("ingest  values %zu\n", values);
    return 0;
  }

  Result dom, stream, chunked, binary, binary64k;
  dom.ok = stream.ok = chunked.ok = binary.ok = binary64k.ok = true;
  if (wanted("dom")) {
    dom = Measure([&](divboard::Snapshot* s) { return divboard::LoadSnapshot(text, s).empty(); }, runs);
    Print("dom", "JSON", dom, text.size(), values);
  }
  if (wanted("stream")) {
    stream = Measure([&](divboard::Snapshot* s) { return divboard::LoadSnapshotStreaming(text, s).empty(); }, runs);
    Print("stream", "JSON", stream, text.size(), values);
  }
  // As the page feeds it: fetch-sized chunks, each copied out of a transient buffer.
  if (wanted("stream64k")) chunked = Measure(
      [&](divboard::Snapshot* s) {
        divboard::SnapshotStreamParser parser;
        constexpr size_t kChunk = 64 * 1024;
        for (size_t at = 0; at < text.size(); at += kChunk) {
          parser.Feed(text.data() + at, std::min(kChunk, text.size() - at));
        }
        std::vector<divboard::Problem> problems;
        return parser.Finish(s, &problems);
      },
      runs);
  if (wanted("stream64k")) Print("stream64k", "JSON", chunked, text.size(), values);
  if (wanted("packed")) {
    binary = Measure([&](divboard::Snapshot* s) { return divboard::LoadPackedSnapshot(packed, s).empty(); }, runs);
    Print("packed", "BJData", binary, packed.size(), values);
  }
  // The page's path for a packed download: the sniffing ingest, fed in 64 KiB chunks.
  if (wanted("packed64k")) {
    binary64k = Measure(
        [&](divboard::Snapshot* s) {
          divboard::SnapshotIngest ingest;
          constexpr size_t kChunk = 64 * 1024;
          for (size_t at = 0; at < packed.size(); at += kChunk) {
            ingest.Feed(packed.data() + at, std::min(kChunk, packed.size() - at));
          }
          std::vector<divboard::Problem> problems;
          return ingest.Finish(s, &problems);
        },
        runs);
    Print("packed64k", "BJData", binary64k, packed.size(), values);
  }
  if (only.empty()) {
    std::printf("ingest  ratios   stream/dom %.2fx  packed/stream %.2fx  packed64k/stream64k %.2fx (per value)\n",
                dom.seconds / stream.seconds, stream.seconds / binary.seconds, chunked.seconds / binary64k.seconds);
  }
  return dom.ok && stream.ok && chunked.ok && binary.ok && binary64k.ok ? 0 : 1;
}
