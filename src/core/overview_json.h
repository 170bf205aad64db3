// The overview as JSON: what `divboard summary` prints and what the page's
// window.divboard.state() reports, from the same code so the browser test can compare them.
#pragma once

#include <nlohmann/json.hpp>

#include "core/format.h"
#include "core/overview.h"

namespace divboard {

nlohmann::json OverviewToJson(const Overview& overview, Locale locale);

}  // namespace divboard
