// What the dashboard currently shows and how it got there: the last good snapshot, the
// loading status and the last error. A bad document never replaces good data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/format.h"
#include "core/overview.h"
#include "core/problems.h"
#include "core/snapshot.h"
#include "core/snapshot_merge.h"

namespace divboard {

enum class Status { kLoading, kReady, kError };

class Session {
 public:
  // A fetch has started; what is on screen stays there until it finishes.
  void BeginLoading(std::string_view url);
  // Validates and, if good, swaps in the new snapshot. Returns false on any problem.
  bool FinishLoading(std::string_view url, std::string_view bytes);
  // The same for a snapshot a streaming parser already read: `problems` empty means good.
  bool FinishLoading(std::string_view url, Snapshot&& next, const std::vector<Problem>& problems);
  // The same for a snapshot merged from parts: each problem names its own file.
  bool FinishLoading(std::string_view label, Snapshot&& next, const std::vector<FileProblem>& problems);
  // Failure before any bytes could be parsed (network, refused URL, ...).
  void Fail(std::string_view url, std::string_view message);
  // The source answered properly again with nothing new to load: the error goes, the data
  // on screen is current.
  void Recovered();

  Status status() const { return status_; }
  bool has_data() const { return has_data_; }
  const Snapshot& snapshot() const { return snapshot_; }
  const Overview& overview() const { return overview_; }
  const std::string& snapshot_url() const { return snapshot_url_; }
  const std::string& loading_url() const { return loading_url_; }
  // "file: /pointer: message" lines joined by newlines; empty when the last load was good.
  const std::string& error() const { return error_; }
  // Changes whenever new data is swapped in, so views can drop what they derived from the old.
  int generation() const { return generation_; }

  // window.divboard.state(): status, snapshot, error, kpis, period.
  nlohmann::json StateJson(Locale locale) const;

 private:
  Status status_ = Status::kLoading;
  bool has_data_ = false;
  Snapshot snapshot_;
  Overview overview_;
  std::string snapshot_url_;
  std::string loading_url_;
  std::string error_;
  int generation_ = 0;
};

const char* StatusName(Status status);

}  // namespace divboard
