// Calendar dates as a visitor reads them: "2026年11月29日" / "29 November 2026", and a short form
// for stamps and cards ("2026.11.29" / "29 Nov 2026").
#pragma once

#include <string>

#include "core/base/calendar.h"
#include "core/i18n/language.h"

namespace lianxin {

std::string date_text(const LocalDate& d, Lang lang);
std::string short_date_text(const LocalDate& d, Lang lang);
// A month as a heading ("2026年12月" / "December 2026") and as a calendar leaf's top ("12月" / "Dec").
std::string month_text(const LocalDate& d, Lang lang);
std::string short_month_text(const LocalDate& d, Lang lang);
// The local calendar day of a UTC instant in the process's time zone.
LocalDate local_date_of(std::int64_t utc_ms);

}  // namespace lianxin
