// What every CLI subcommand shares: the operator's strings, the hub flags and the way a call's
// failure becomes a message and an exit status (0 done, 1 refused or failed, 2 usage).
#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "admin-tool/hub_client.h"
#include "admin-tool/ops/admin_text.h"

namespace lianxin::admin {

// The strings main() loaded for the operator's language.
const AdminText& cli_text();
void set_cli_text(AdminText text);

// `s` padded with spaces to `width` terminal columns, on the right (or on the left when
// `align_right`); never cut. Table columns are padded so, not with std::setw: a Chinese character
// is three bytes but two columns wide, and setw counts bytes.
std::string pad_columns(std::string_view s, std::size_t width, bool align_right = false);

// --since DAY / --until DAY as the API's bounds: the operator's local days, --until inclusive
// (the bound is the next midnight). Empty flags stay unset; a value that is not a day, or an
// --until before --since, is refused.
struct DayRange {
    std::optional<std::int64_t> since_ms, until_ms;
};
Result<DayRange> day_range(const std::string& since, const std::string& until);

// --hub and --admin-key, shared by every command that talks to a hub.
struct HubFlags {
    std::string url, key;
};
HubFlags& hub_flags();

// Runs `f` with a connection to the hub, turning a missing flag or key into a message and exit
// status 2, and `f`'s false into 1.
template <class F>
void with_hub(int& exit_code, F&& f) {
    auto hub = connect_hub(hub_flags().url, hub_flags().key);
    if (!hub) {
        std::cerr << hub.error().detail << "\n";
        exit_code = 2;
        return;
    }
    exit_code = f(*hub) ? 0 : 1;
}

}  // namespace lianxin::admin
