// Date wording for both languages (see date_text.h).
#include "core/i18n/date_text.h"

#include <ctime>

namespace lianxin {

namespace {
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
}

std::string date_text(const LocalDate& d, Lang lang) {
    if (!d.valid()) return "";
    if (lang == Lang::zh)
        return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
    return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string short_date_text(const LocalDate& d, Lang lang) {
    if (!d.valid()) return "";
    if (lang == Lang::zh)
        return std::to_string(d.year) + "." + std::to_string(d.month) + "." + std::to_string(d.day);
    return std::to_string(d.day) + " " + std::string(kMonths[d.month - 1]).substr(0, 3) + " " + std::to_string(d.year);
}

std::string month_text(const LocalDate& d, Lang lang) {
    if (!d.valid()) return "";
    if (lang == Lang::zh) return std::to_string(d.year) + "年" + std::to_string(d.month) + "月";
    return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year);
}

std::string short_month_text(const LocalDate& d, Lang lang) {
    if (!d.valid()) return "";
    if (lang == Lang::zh) return std::to_string(d.month) + "月";
    return std::string(kMonths[d.month - 1]).substr(0, 3);
}

LocalDate local_date_of(std::int64_t utc_ms) {
    std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return LocalDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace lianxin
