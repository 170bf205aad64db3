// divboard command line: generate sample snapshots, validate snapshots and manifests, and
// print the overview numbers the page shows (the reference the browser tests compare with).
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/csv_import.h"
#include "core/daily_calendar.h"
#include "core/drilldown_view.h"
#include "core/format.h"
#include "core/generate.h"
#include "core/overview.h"
#include "core/overview_json.h"
#include "core/sha256.h"
#include "core/snapshot_diff.h"
#include "core/snapshot_diff_json.h"
#include "core/snapshot_json.h"
#include "core/snapshot_merge.h"
#include "core/snapshot_packed.h"
#include "core/url_policy.h"
#include "core/url_state.h"
#include "core/view_model.h"

namespace {

using divboard::Problem;

constexpr size_t kMaxFileBytes = size_t{256} << 20;  // same cap as the page

const char kUsage[] =
    "usage:\n"
    "  divboard gen --seed N --out DIR [--packed]\n"
    "                                       write deterministic sample snapshots (today's and\n"
    "                                       yesterday's) and the manifest listing them\n"
    "                                       (--packed: and their packed twins, listed as \"packed\")\n"
    "  divboard check FILE...               validate snapshots and manifests (and the files a\n"
    "                                       manifest lists: size, SHA-256, parts merging)\n"
    "  divboard diff OLD NEW [--locale en|zh]\n"
    "                                       the numbers that changed between two snapshots\n"
    "  divboard summary FILE [--locale en|zh] [--hash 'view=trading&range=30d&f.channel=livestream']\n"
    "                  [--day YYYY-MM-DD]   print the overview KPIs (and a linked view's, and that day's\n"
    "                                       purchasing users as the calendar heat map shows them) as JSON\n"
    "  divboard pack IN.json OUT            write the packed (BJData) form of a snapshot\n"
    "  divboard import --csv FILE [--out OUT.json] [--generated-at TIME]\n"
    "                                       a long-format table (docs/pipeline.md) as a snapshot\n";

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

// A manifest entry's files, when they lie beside it: present, of the listed size and hash,
// each a valid snapshot, and (for parts) merging without conflicts.
void CheckListedFiles(const std::string& folder, const divboard::ManifestEntry& entry, const std::string& pointer,
                      std::vector<Problem>* problems) {
  const std::vector<divboard::ManifestPart> files = entry.Files();
  std::vector<divboard::SnapshotPart> parts;
  for (size_t k = 0; k < files.size(); ++k) {
    const divboard::ManifestPart& f = files[k];
    const std::string at = entry.parts.empty() ? pointer : pointer + "/parts/" + std::to_string(k);
    const std::string target = folder + f.path;
    struct stat info;
    if (stat(target.c_str(), &info) != 0) {
      problems->push_back(Problem{at + "/path", "\"" + f.path + "\" not found next to the manifest"});
      continue;
    }
    std::string text, error;
    if (!ReadFile(target, &text, &error)) {
      problems->push_back(Problem{at + "/path", "\"" + f.path + "\": " + error});
      continue;
    }
    if (f.bytes > 0 && static_cast<double>(text.size()) != f.bytes) {
      problems->push_back(Problem{at + "/bytes", "the manifest says " + std::to_string(static_cast<uint64_t>(f.bytes)) +
                                                     " bytes, \"" + f.path + "\" has " + std::to_string(text.size())});
    }
    if (!f.sha256.empty() && divboard::Sha256Hex(text) != f.sha256) {
      problems->push_back(Problem{at + "/sha256", "does not match the SHA-256 of \"" + f.path + "\""});
    }
    if (!entry.parts.empty()) {
      divboard::Snapshot snapshot;
      const auto own = divboard::IsPackedSnapshot(text) ? divboard::LoadPackedSnapshot(text, &snapshot)
                                                        : divboard::LoadSnapshot(text, &snapshot);
      for (const Problem& p : own) problems->push_back(Problem{at + "/path", f.path + ": " + p.pointer + ": " + p.message});
      if (own.empty()) parts.push_back(divboard::SnapshotPart{f.path, std::move(snapshot)});
    }
  }
  if (parts.size() > 1 && parts.size() == files.size()) {
    divboard::Snapshot merged;
    for (const std::string& line : divboard::FormatFileProblems(divboard::MergeSnapshots(std::move(parts), &merged))) {
      problems->push_back(Problem{pointer + "/parts", "do not merge: " + line});
    }
  }
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
        CheckListedFiles(Folder(file), manifest.snapshots[i], "/snapshots/" + std::to_string(i), &problems);
        struct stat info;
        const std::string& packed = manifest.snapshots[i].packed;
        if (!packed.empty() && stat((Folder(file) + packed).c_str(), &info) != 0) {
          problems.push_back(Problem{"/snapshots/" + std::to_string(i) + "/packed",
                                     "\"" + packed + "\" not found next to the manifest"});
        }
      }
    } else if (divboard::IsPackedSnapshot(text)) {
      divboard::Snapshot snapshot;
      problems = divboard::LoadPackedSnapshot(text, &snapshot);
    } else {
      divboard::Snapshot snapshot;
      problems = divboard::LoadSnapshot(text, &snapshot);
    }
    for (const Problem& p : problems) std::cout << divboard::FormatProblem(file, p) << "\n";
    if (!problems.empty()) all_valid = false;
  }
  return all_valid ? 0 : 1;
}

// `gen --packed`: a packed twin ("<name>.bjd") of every snapshot the manifest lists, named in
// its entry's "packed" field; the manifest stays last, so it never names a file not yet written.
bool AddPackedTwins(std::vector<divboard::GeneratedFile>* files) {
  if (files->empty() || files->back().name != "manifest.json") return false;
  nlohmann::json manifest = nlohmann::json::parse(files->back().bytes, nullptr, false);
  if (!manifest.is_object() || !manifest["snapshots"].is_array()) return false;
  std::vector<divboard::GeneratedFile> twins;
  for (nlohmann::json& entry : manifest["snapshots"]) {
    for (const divboard::GeneratedFile& file : *files) {
      if (!entry["path"].is_string() || entry["path"].get<std::string>() != file.name) continue;
      divboard::Snapshot snapshot;
      if (!divboard::LoadSnapshot(file.bytes, &snapshot).empty()) return false;
      const std::string stem = file.name.substr(0, file.name.rfind('.'));
      twins.push_back({stem + ".bjd", divboard::PackSnapshot(snapshot)});
      entry["packed"] = twins.back().name;
    }
  }
  files->back().bytes = manifest.dump(2) + "\n";
  files->insert(files->end() - 1, twins.begin(), twins.end());
  return true;
}

int Generate(const std::vector<std::string>& args) {
  divboard::GenerateOptions options;
  options.history = 2;  // today's and yesterday's: the page's "as of" picker and diff use both
  std::string out_dir;
  bool packed = false;
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
    } else if (args[i] == "--packed") {
      packed = true;
    } else {
      return Usage("unknown argument \"" + args[i] + "\"");
    }
  }
  if (out_dir.empty()) return Usage("gen needs --out DIR");
  mkdir(out_dir.c_str(), 0755);  // an existing folder is fine; a failure shows when writing
  std::vector<divboard::GeneratedFile> files = divboard::GenerateSample(options);
  if (packed && !AddPackedTwins(&files)) {
    std::cerr << "divboard: cannot pack the generated snapshot\n";
    return 1;
  }
  for (const divboard::GeneratedFile& file : files) {
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
  std::string hash;
  bool with_hash = false;
  std::string day_text;
  divboard::Locale locale = divboard::Locale::kEn;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--hash" && i + 1 < args.size()) {
      hash = args[++i];
      with_hash = true;
    } else if (args[i] == "--day" && i + 1 < args.size()) {
      day_text = args[++i];
      if (!divboard::ParseDate(day_text)) return Usage("--day is YYYY-MM-DD");
    } else if (args[i] == "--locale" && i + 1 < args.size()) {
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
  const std::vector<Problem> problems = divboard::IsPackedSnapshot(text) ? divboard::LoadPackedSnapshot(text, &snapshot)
                                                                         : divboard::LoadSnapshot(text, &snapshot);
  for (const Problem& p : problems) std::cout << divboard::FormatProblem(file, p) << "\n";
  if (!problems.empty()) return 1;
  nlohmann::json out = divboard::OverviewToJson(divboard::ComputeOverview(snapshot), locale);
  if (with_hash) {
    // The analyst view a link describes: its tiles, as the page computes them.
    const divboard::ParsedUrlState parsed = divboard::ParseUrlHash(hash);
    std::vector<std::string> notices = parsed.notices;
    divboard::Analysis analysis = divboard::MakeAnalysis(snapshot, parsed.state, &notices);
    nlohmann::json kpis = nlohmann::json::object();
    for (const char* id : divboard::ViewKpiIds(parsed.state.view)) {
      const divboard::KpiDefinition* def = divboard::FindKpi(id);
      if (def == nullptr) continue;
      const divboard::KpiValue v = divboard::MakeKpi(analysis, *def);
      kpis[id] = {{"value", std::isfinite(v.value) ? nlohmann::json(v.value) : nlohmann::json(nullptr)},
                  {"previous", std::isfinite(v.previous) ? nlohmann::json(v.previous) : nlohmann::json(nullptr)},
                  {"text", divboard::FormatValue(v.value, v.unit, locale)}};
    }
    // The Hosts drill-down and the Compare view's periods, when the link opens them.
    if (parsed.state.view == "hosts" && !parsed.state.host.empty()) {
      const int host = divboard::FindHost(snapshot, parsed.state.host);
      if (host < 0) notices.push_back("ignored host \"" + parsed.state.host + "\": not in the snapshot");
      out["host"] = divboard::HostDrilldownJson(snapshot, divboard::DrillDownHost(snapshot, host), locale);
    }
    if (parsed.state.view == "compare" && parsed.state.compare == "periods") {
      const divboard::PeriodsRequest request = divboard::ResolvePeriods(snapshot, parsed.state, &notices);
      out["periods"] = divboard::PeriodComparisonJson(
          divboard::ComparePeriods(analysis, *request.kpi, request.a, request.b), *request.kpi, locale);
    }
    out["view"] = parsed.state.view;
    out["view_range"] = divboard::FormatDate(analysis.range().first) + ".." + divboard::FormatDate(analysis.range().last);
    out["view_kpis"] = kpis;
    out["notices"] = notices;
  }
  if (!day_text.empty()) {
    // The calendar heat map's cell for that day, as the page's tooltip shows it.
    const divboard::DailyCalendar calendar = divboard::MakeDailyCalendar(snapshot, "dpu");
    const double value = calendar.At(*divboard::ParseDate(day_text));
    out["calendar_day"] = {{"metric", "dpu"},
                           {"date", day_text},
                           {"value", std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr)},
                           {"text", divboard::FormatValue(value, calendar.unit, locale)}};
  }
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

// A snapshot from a file, JSON or packed; problems printed as "FILE: /pointer: message".
bool ReadSnapshot(const std::string& file, divboard::Snapshot* out) {
  std::string text, error;
  if (!ReadFile(file, &text, &error)) {
    std::cout << divboard::FormatProblem(file, Problem{"", error}) << "\n";
    return false;
  }
  const std::vector<Problem> problems =
      divboard::IsPackedSnapshot(text) ? divboard::LoadPackedSnapshot(text, out) : divboard::LoadSnapshot(text, out);
  for (const Problem& p : problems) std::cout << divboard::FormatProblem(file, p) << "\n";
  return problems.empty();
}

// The same rows, in the same order, as the page's Changes view (and its CSV), as JSON.
int Diff(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  divboard::Locale locale = divboard::Locale::kEn;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--locale" && i + 1 < args.size()) {
      const std::string& value = args[++i];
      if (value != "en" && value != "zh") return Usage("--locale is en or zh");
      locale = value == "zh" ? divboard::Locale::kZh : divboard::Locale::kEn;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.size() != 2) return Usage("diff takes OLD NEW");
  divboard::Snapshot older, newer;
  if (!ReadSnapshot(files[0], &older) || !ReadSnapshot(files[1], &newer)) return 1;
  const divboard::SnapshotDiff diff = divboard::DiffSnapshots(older, newer);
  std::cout << divboard::DiffToJson(diff, older, newer, locale).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  return 0;
}

// Write then rename, so a reader never sees a half-written file.
bool WriteAtomically(const std::string& target, const std::string& bytes) {
  const std::string temporary = target + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "divboard: cannot write " << temporary << "\n";
      return false;
    }
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    std::cerr << "divboard: cannot rename " << temporary << ": " << std::strerror(errno) << "\n";
    return false;
  }
  return true;
}

int Pack(const std::vector<std::string>& args) {
  if (args.size() != 2) return Usage("pack takes IN.json OUT");
  std::string text, error;
  if (!ReadFile(args[0], &text, &error)) {
    std::cout << divboard::FormatProblem(args[0], Problem{"", error}) << "\n";
    return 1;
  }
  divboard::Snapshot snapshot;
  const std::vector<Problem> problems = divboard::IsPackedSnapshot(text) ? divboard::LoadPackedSnapshot(text, &snapshot)
                                                                         : divboard::LoadSnapshot(text, &snapshot);
  for (const Problem& p : problems) std::cout << divboard::FormatProblem(args[0], p) << "\n";
  if (!problems.empty()) return 1;
  const std::string packed = divboard::PackSnapshot(snapshot);
  if (!WriteAtomically(args[1], packed)) return 1;
  std::cout << args[1] << " (" << packed.size() << " bytes, " << text.size() << " as JSON)\n";
  return 0;
}

int Import(const std::vector<std::string>& args) {
  std::string csv_file, out_file;
  divboard::CsvImportOptions options;
  {
    // Default stamp: now, in UTC; a pipeline passes its own with --generated-at.
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    options.generated_at = stamp;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--csv" && has_value) {
      csv_file = args[++i];
    } else if (args[i] == "--out" && has_value) {
      out_file = args[++i];
    } else if (args[i] == "--generated-at" && has_value) {
      options.generated_at = args[++i];
    } else {
      return Usage("unknown argument \"" + args[i] + "\"");
    }
  }
  if (csv_file.empty()) return Usage("import needs --csv FILE");
  std::string csv, error;
  if (!ReadFile(csv_file, &csv, &error)) {
    std::cerr << csv_file << ": " << error << "\n";
    return 1;
  }
  options.file_name = csv_file;
  std::vector<std::string> errors;
  const std::string snapshot = divboard::ImportCsv(csv, options, &errors);
  for (const std::string& line : errors) std::cerr << line << "\n";
  if (!errors.empty()) return 1;
  if (out_file.empty()) {
    std::cout << snapshot;
    return 0;
  }
  return WriteAtomically(out_file, snapshot) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("");
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "check") return Check(args);
  if (command == "gen") return Generate(args);
  if (command == "summary") return Summary(args);
  if (command == "diff") return Diff(args);
  if (command == "pack") return Pack(args);
  if (command == "import") return Import(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("unknown command \"" + command + "\"");
}
