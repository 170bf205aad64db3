#include "core/host_drilldown.h"

#include <cmath>
#include <limits>

#include "core/csv.h"

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : kNaN; }

double Sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}

}  // namespace

int FindHost(const Snapshot& snapshot, std::string_view id) {
  for (size_t i = 0; i < snapshot.hosts.size(); ++i) {
    if (snapshot.hosts[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

HostDrilldown DrillDownHost(const Snapshot& snapshot, int host) {
  HostDrilldown out;
  if (host < 0 || static_cast<size_t>(host) >= snapshot.hosts.size()) {
    out.conversion = out.aov = kNaN;
    return out;
  }
  out.host = host;
  const Host& h = snapshot.hosts[static_cast<size_t>(host)];
  const HostMonthly& m = h.monthly;
  out.has_months = m.present && m.months() > 0;
  if (!out.has_months) {
    out.total_sessions = h.sessions;
    out.total_viewers = h.viewers;
    out.total_gmv = h.gmv;
    out.total_orders = h.orders;
    out.total_purchasing_users = h.purchasing_users;
  } else {
    Day start = m.start;
    for (size_t i = 0; i < m.months(); ++i) {
      const Day next = NextBucketStart(start, Granularity::kMonth);
      for (Resampled* r : {&out.sessions, &out.viewers, &out.gmv, &out.orders, &out.purchasing_users,
                           &out.conversion_by_month, &out.aov_by_month}) {
        r->starts.push_back(static_cast<double>(start));
        r->days.push_back(next - start);
      }
      out.sessions.values.push_back(m.sessions[i]);
      out.viewers.values.push_back(m.viewers[i]);
      out.gmv.values.push_back(m.gmv[i]);
      out.orders.values.push_back(m.orders[i]);
      out.purchasing_users.values.push_back(m.purchasing_users[i]);
      out.conversion_by_month.values.push_back(Ratio(m.purchasing_users[i], m.viewers[i]));
      out.aov_by_month.values.push_back(Ratio(m.gmv[i], m.orders[i]));
      start = next;
    }
    out.total_sessions = Sum(m.sessions);
    out.total_viewers = Sum(m.viewers);
    out.total_gmv = Sum(m.gmv);
    out.total_orders = Sum(m.orders);
    out.total_purchasing_users = Sum(m.purchasing_users);
  }
  out.conversion = Ratio(out.total_purchasing_users, out.total_viewers);
  out.aov = Ratio(out.total_gmv, out.total_orders);
  return out;
}

std::vector<std::string> HostDrilldownCsvHeader() {
  return {"month", "sessions", "viewers", "gmv", "orders", "purchasing_users", "conversion", "aov"};
}

std::vector<std::vector<std::string>> HostDrilldownCsvRows(const HostDrilldown& d) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < d.sessions.values.size(); ++i) {
    rows.push_back({FormatDate(static_cast<Day>(d.sessions.starts[i])).substr(0, 7), CsvNumber(d.sessions.values[i]),
                    CsvNumber(d.viewers.values[i]), CsvNumber(d.gmv.values[i]), CsvNumber(d.orders.values[i]),
                    CsvNumber(d.purchasing_users.values[i]), CsvNumber(d.conversion_by_month.values[i]),
                    CsvNumber(d.aov_by_month.values[i])});
  }
  return rows;
}

}  // namespace divboard
