// The CLI's shared state: the operator's strings and the hub flags; table columns padded by
// display width (cli_support.h).
#include "admin-tool/cli_support.h"

#include "core/base/calendar.h"

#include <optional>

namespace lianxin::admin {

namespace {
std::optional<AdminText>& text_slot() {
    static std::optional<AdminText> t;
    return t;
}
}  // namespace

const AdminText& cli_text() { return *text_slot(); }
void set_cli_text(AdminText text) { text_slot() = std::move(text); }

namespace {
// The columns a code point takes: two for the East Asian wide ranges (Hangul Jamo, CJK and its
// punctuation, Hangul, compatibility ideographs, full-width forms, the supplementary ideographs).
std::size_t columns_of(char32_t c) {
    bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
                (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

std::size_t display_columns(std::string_view s) {
    std::size_t cols = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        char32_t c = len == 1 ? b : b & (0x3F >> (len - 1));
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        cols += columns_of(c);
        i += len;
    }
    return cols;
}
}  // namespace

std::string pad_columns(std::string_view s, std::size_t width, bool align_right) {
    std::size_t cols = display_columns(s);
    std::string fill(cols < width ? width - cols : 0, ' ');
    return align_right ? fill + std::string(s) : std::string(s) + fill;
}

HubFlags& hub_flags() {
    static HubFlags f;
    return f;
}

Result<DayRange> day_range(const std::string& since, const std::string& until) {
    DayRange r;
    for (auto [flag, value, dest, next] : {std::tuple{"--since", &since, &r.since_ms, 0}, std::tuple{"--until", &until, &r.until_ms, 1}}) {
        if (value->empty()) continue;
        LocalDate d;
        if (!parse_local_date(*value, d)) return Error{ErrorCode::invalid_input, cli_text()("cli.bad_date", {flag, *value})};
        *dest = local_midnight_ms(add_days(d, next));
    }
    // --until before --since holds no day: a mistake to name, not a search that finds nothing.
    if (r.since_ms && r.until_ms && *r.until_ms <= *r.since_ms)
        return Error{ErrorCode::invalid_input, cli_text()("cli.bad_range", {until, since})};
    return r;
}

}  // namespace lianxin::admin
