// Calendar dates and the kiosk's notion of "now": deadlines are local calendar days, records
// are stamped in UTC milliseconds. Kept apart so tests can pass any moment in.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace lianxin {

// A day on the local calendar, e.g. a consultation's deadline (the last day opinions count).
struct LocalDate {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const LocalDate&) const = default;
    bool valid() const;             // a real day of the Gregorian calendar, years 1–9999
    std::string to_string() const;  // "2027-01-31"
};

// Parses exactly "YYYY-MM-DD"; false (and `out` untouched) for anything else or an impossible day.
bool parse_local_date(std::string_view s, LocalDate& out);

// One instant as the kiosk sees it: UTC milliseconds for stamping records, and the calendar day
// in the kiosk's local time zone for comparing with deadlines.
struct Moment {
    std::int64_t utc_ms = 0;
    LocalDate local_date;
    static Moment now();  // the system clock and the process's time zone (TZ)
};

}  // namespace lianxin

namespace lianxin {

// Whole days from `from` to `to` (negative when `to` is earlier): "days left" until a deadline.
long days_between(const LocalDate& from, const LocalDate& to);
// The day `days` after (or before) `d`.
LocalDate add_days(const LocalDate& d, long days);

// `utc_ms` in the process's time zone (TZ) as "2027-01-31 14:05" (or with ":30" seconds when
// `seconds`): what staff and maintenance screens read.
std::string local_time_text(std::int64_t utc_ms, bool seconds = false);
// Local midnight at the start of `d`, in UTC milliseconds (the process's time zone).
std::int64_t local_midnight_ms(const LocalDate& d);

}  // namespace lianxin
