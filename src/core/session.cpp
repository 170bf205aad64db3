#include "core/session.h"

#include "core/overview_json.h"
#include "core/snapshot_json.h"

namespace divboard {

const char* StatusName(Status status) {
  switch (status) {
    case Status::kLoading: return "loading";
    case Status::kReady: return "ready";
    case Status::kError: return "error";
  }
  return "error";
}

void Session::BeginLoading(std::string_view url) {
  loading_url_ = std::string(url);
  if (!has_data_) status_ = Status::kLoading;
}

bool Session::FinishLoading(std::string_view url, std::string_view bytes) {
  Snapshot next;
  const std::vector<Problem> problems = LoadSnapshot(bytes, &next);
  return FinishLoading(url, std::move(next), problems);
}

bool Session::FinishLoading(std::string_view url, Snapshot&& next, const std::vector<Problem>& problems) {
  loading_url_.clear();
  if (!problems.empty()) {
    error_.clear();
    for (const Problem& p : problems) {
      if (!error_.empty()) error_ += "\n";
      error_ += FormatProblem(url, p);
    }
    status_ = Status::kError;
    return false;
  }
  snapshot_ = std::move(next);
  overview_ = ComputeOverview(snapshot_);
  snapshot_url_ = std::string(url);
  has_data_ = true;
  ++generation_;
  error_.clear();
  status_ = Status::kReady;
  return true;
}

bool Session::FinishLoading(std::string_view label, Snapshot&& next, const std::vector<FileProblem>& problems) {
  if (problems.empty()) return FinishLoading(label, std::move(next), std::vector<Problem>());
  loading_url_.clear();
  error_.clear();
  for (const std::string& line : FormatFileProblems(problems)) error_ += (error_.empty() ? "" : "\n") + line;
  status_ = Status::kError;
  return false;
}

void Session::Fail(std::string_view url, std::string_view message) {
  loading_url_.clear();
  error_ = FormatProblem(url, Problem{"", std::string(message)});
  status_ = Status::kError;
}

void Session::Recovered() {
  if (!loading_url_.empty()) return;
  error_.clear();
  status_ = has_data_ ? Status::kReady : Status::kLoading;
}

nlohmann::json Session::StateJson(Locale locale) const {
  nlohmann::json out = {
      {"status", StatusName(status_)},
      {"snapshot", has_data_ ? nlohmann::json(snapshot_url_) : nlohmann::json(nullptr)},
      {"error", error_.empty() ? nlohmann::json(nullptr) : nlohmann::json(error_)},
      {"has_data", has_data_},
  };
  if (has_data_) {
    nlohmann::json overview = OverviewToJson(overview_, locale);
    out["kpis"] = std::move(overview["kpis"]);
    out["period"] = std::move(overview["period"]);
    out["comparison"] = std::move(overview["comparison"]);
  } else {
    out["kpis"] = nlohmann::json::object();
  }
  return out;
}

}  // namespace divboard
