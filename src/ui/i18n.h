// UI text in both languages, chosen at run time. Data names come from the snapshot's own
// localised text; these are only the dashboard's own words.
#pragma once

#include "core/format.h"

namespace divboard::ui {

inline const char* Tr(Locale locale, const char* en, const char* zh) { return locale == Locale::kZh ? zh : en; }

}  // namespace divboard::ui
