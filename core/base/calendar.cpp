// Calendar dates and "now" for deadlines and record time stamps.
// Local dates use localtime_r so the kiosk's configured time zone (TZ) decides what "today" is.
#include "core/base/calendar.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace lianxin {

namespace {
bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}
}  // namespace

bool LocalDate::valid() const {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

std::string LocalDate::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
    return buf;
}

bool parse_local_date(std::string_view s, LocalDate& out) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    auto num = [&](std::size_t at, std::size_t n, int& v) {
        v = 0;
        for (std::size_t k = at; k < at + n; ++k) {
            if (s[k] < '0' || s[k] > '9') return false;
            v = v * 10 + (s[k] - '0');
        }
        return true;
    };
    LocalDate d;
    if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day) || !d.valid()) return false;
    out = d;
    return true;
}

Moment Moment::now() {
    auto tp = std::chrono::system_clock::now();
    Moment m;
    m.utc_ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count();
    std::time_t t = std::chrono::system_clock::to_time_t(tp);
    std::tm tm{};
    localtime_r(&t, &tm);
    m.local_date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return m;
}

}  // namespace lianxin
