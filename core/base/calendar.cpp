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

namespace lianxin {

namespace {
// Days since 1970-01-01 in the proleptic Gregorian calendar, and back (H. Hinnant's algorithms).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

LocalDate civil_from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return LocalDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}
}  // namespace

long days_between(const LocalDate& from, const LocalDate& to) {
    return days_from_civil(to.year, to.month, to.day) - days_from_civil(from.year, from.month, from.day);
}

LocalDate add_days(const LocalDate& d, long days) { return civil_from_days(days_from_civil(d.year, d.month, d.day) + days); }

std::string local_time_text(std::int64_t utc_ms, bool seconds) {
    std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::int64_t local_midnight_ms(const LocalDate& d) {
    std::tm tm{};
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

}  // namespace lianxin
