// divboard command line: generate sample snapshots, validate snapshots and manifests, and
// print the overview numbers the page shows (the reference the browser tests compare with).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "core/format.h"
#include "core/generate.h"
#include "core/overview.h"
#include "core/overview_json.h"
#include "core/snapshot_json.h"
#include "core/url_policy.h"

namespace {

using divboard::Problem;

constexpr size_t kMaxFileBytes = size_t{256} << 20;  // same cap as the page

const char kUsage[] =
    "usage:\n"
    "  divboard gen --seed N --out DIR      write a deterministic sample snapshot and manifest\n"
    "  divboard check FILE...               validate snapshots and manifests\n"
    "  divboard summary FILE [--locale en|zh]  print the overview KPIs of a snapshot as JSON\n";

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "divboard: " << message << "\n";
  std::cerr << kUsage;
  return 2;
}

// Reads at most the cap (plus one byte, to notice an oversized file) so that special
// files such as /dev/zero cannot make it hang or exhaust memory.
bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    *error = std::strerror(errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open";
    return false;
  }
  out->clear();
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    out->append(buffer, static_cast<size_t>(in.gcount()));
    if (out->size() > kMaxFileBytes) {
      *error = "larger than the 256 MiB limit";
      return false;
    }
  }
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  return true;
}

std::string Folder(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

int Check(const std::vector<std::string>& files) {
  if (files.empty()) return Usage("check needs at least one FILE");
  bool all_valid = true;
  for (const std::string& file : files) {
    std::string text, error;
    std::vector<Problem> problems;
    if (!ReadFile(file, &text, &error)) {
      problems.push_back(Problem{"", error});
    } else if (divboard::SniffDocumentKind(text) == "manifest") {
      divboard::Manifest manifest;
      problems = divboard::LoadManifest(text, &manifest);
      for (size_t i = 0; i < manifest.snapshots.size(); ++i) {
        struct stat info;
        const std::string target = Folder(file) + manifest.snapshots[i].path;
        if (stat(target.c_str(), &info) != 0) {
          problems.push_back(Problem{"/snapshots/" + std::to_string(i) + "/path",
                                     "\"" + manifest.snapshots[i].path + "\" not found next to the manifest"});
        }
      }
    } else {
      divboard::Snapshot snapshot;
      problems = divboard::LoadSnapshot(text, &snapshot);
    }
    for (const Problem& p : problems) std::cout << divboard::FormatProblem(file, p) << "\n";
    if (!problems.empty()) all_valid = false;
  }
  return all_valid ? 0 : 1;
}

int Generate(const std::vector<std::string>& args) {
  divboard::GenerateOptions options;
  std::string out_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--seed" && has_value) {
      char* end = nullptr;
      const std::string& text = args[++i];
      errno = 0;
      const unsigned long long seed = std::strtoull(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0 || text[0] == '-') return Usage("--seed takes a whole number");
      options.seed = seed;
    } else if (args[i] == "--out" && has_value) {
      out_dir = args[++i];
    } else {
      return Usage("unknown argument \"" + args[i] + "\"");
    }
  }
  if (out_dir.empty()) return Usage("gen needs --out DIR");
  mkdir(out_dir.c_str(), 0755);  // an existing folder is fine; a failure shows when writing
  for (const divboard::GeneratedFile& file : divboard::GenerateSample(options)) {
    // Write then rename, so a page polling the folder never reads a half-written file.
    const std::string target = out_dir + "/" + file.name;
    const std::string temporary = target + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
      if (!out) {
        std::cerr << "divboard: cannot write " << temporary << "\n";
        return 1;
      }
    }
    if (std::rename(temporary.c_str(), target.c_str()) != 0) {
      std::cerr << "divboard: cannot rename " << temporary << ": " << std::strerror(errno) << "\n";
      return 1;
    }
    std::cout << target << " (" << file.bytes.size() << " bytes)\n";
  }
  return 0;
}

int Summary(const std::vector<std::string>& args) {
  std::string file;
  divboard::Locale locale = divboard::Locale::kEn;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--locale" && i + 1 < args.size()) {
      const std::string& value = args[++i];
      if (value != "en" && value != "zh") return Usage("--locale is en or zh");
      locale = value == "zh" ? divboard::Locale::kZh : divboard::Locale::kEn;
    } else if (file.empty()) {
      file = args[i];
    } else {
      return Usage("summary takes one FILE");
    }
  }
  if (file.empty()) return Usage("summary needs a FILE");
  std::string text, error;
  if (!ReadFile(file, &text, &error)) {
    std::cout << divboard::FormatProblem(file, Problem{"", error}) << "\n";
    return 1;
  }
  divboard::Snapshot snapshot;
  const std::vector<Problem> problems = divboard::LoadSnapshot(text, &snapshot);
  for (const Problem& p : problems) std::cout << divboard::FormatProblem(file, p) << "\n";
  if (!problems.empty()) return 1;
  std::cout << divboard::OverviewToJson(divboard::ComputeOverview(snapshot), locale).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("");
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "check") return Check(args);
  if (command == "gen") return Generate(args);
  if (command == "summary") return Summary(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("unknown command \"" + command + "\"");
}
