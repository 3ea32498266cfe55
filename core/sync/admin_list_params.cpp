// The admin lists' shared parameters (admin_list_params.h).
#include "core/sync/admin_list_params.h"

#include <cctype>
#include <cstdio>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/sync/sync_messages.h"

namespace lianxin {

std::string percent_escaped(std::string_view v) {
    std::string out;
    for (unsigned char c : v) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

bool read_list_param(const std::string& key, const std::string& value, ListParams& p, std::string& error) {
    std::int64_t n = 0;
    error.clear();
    if (key == "kiosk") {
        // The one rule of kiosk names: none holds a control character (a NUL would end the
        // name for PostgreSQL, which would then find the kiosks named by what came before).
        if (auto why = kiosk_name_problem(value)) error = "kiosk " + *why;
        else p.kiosk = value;
    } else if (key == "since" || key == "until") {
        if (!parse_whole_number(value, kMaxTimeMs, n))
            error = key + " is a time in milliseconds since 1970 (UTC), before the year 2100";
        else (key == "since" ? p.since_ms : p.until_ms) = n;
    } else if (key == "limit") {
        if (!parse_whole_number(value, static_cast<std::int64_t>(kAdminListMax), n))
            error = "limit is a whole number from 0 to " + std::to_string(kAdminListMax);
        else p.limit = static_cast<std::size_t>(n);
    } else if (key == "offset") {
        if (!parse_whole_number(value, kMaxListOffset, n))
            error = "offset is a whole number from 0 to " + std::to_string(kMaxListOffset);
        else p.offset = static_cast<std::size_t>(n);
    } else {
        return false;
    }
    return true;
}

std::string list_query_string(const ListParams& p) {
    std::string s = "limit=" + std::to_string(p.limit) + "&offset=" + std::to_string(p.offset);
    if (p.kiosk) s += "&kiosk=" + percent_escaped(*p.kiosk);
    if (p.since_ms) s += "&since=" + std::to_string(*p.since_ms);
    if (p.until_ms) s += "&until=" + std::to_string(*p.until_ms);
    return s;
}

}  // namespace lianxin
