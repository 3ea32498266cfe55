// The query parameters every admin list shares (docs/sync-protocol.md, "Admin requests"): a page
// (limit, offset), a time window (since inclusive, until exclusive, UTC ms) and a kiosk's name.
// One reader and one writer, used by the opinion, guestbook and meeting request lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lianxin {

struct ListParams {
    std::size_t limit = 100;  // at most kAdminListMax
    std::size_t offset = 0;
    std::optional<std::int64_t> since_ms, until_ms;
    std::optional<std::string> kiosk;  // the kiosk's name
};

// Reads `key` when it is one of the shared parameters: true, with `error` set when its value
// breaks the parameter's rule (empty when it holds); false for any other key.
bool read_list_param(const std::string& key, const std::string& value, ListParams& p, std::string& error);
// "limit=…&offset=…" and whichever of since, until and kiosk are set, each value percent-escaped.
std::string list_query_string(const ListParams& p);
// A value as a query string carries it: letters, digits and - _ . ~ as they are, every other byte %XX.
std::string percent_escaped(std::string_view v);

}  // namespace lianxin
