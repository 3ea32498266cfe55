// Every record an admin list query matches, whatever its page size: pages of kAdminListMax read
// by offset until a short one. Records a kiosk syncs meanwhile with an earlier time move the rest
// on by one, so a page may repeat the last one read: each id is kept once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "admin-tool/hub_client.h"
#include "core/base/field_limits.h"

namespace lianxin::admin {

// `path_at(offset)` is the list's path with its query for the page at `offset`; `parse` reads a
// page's answer; `id_of` names a record. `progress(n)` is called with the count so far after each
// page. An error names the page that failed; nothing partial is returned.
template <class T, class PathAt, class Parse, class IdOf>
Result<std::vector<T>> fetch_all_pages(const HubConnection& hub, PathAt&& path_at, Parse&& parse, IdOf&& id_of,
                                       const std::function<void(std::size_t)>& progress) {
    std::vector<T> all;
    std::unordered_set<std::string> seen;
    for (std::size_t offset = 0;;) {
        auto page = hub_call_text(hub, "GET", path_at(offset));
        if (!page) return page.error();
        auto list = parse(*page);
        if (!list) return Error{list.error().code, list.error().detail};
        std::size_t n = list->size();
        for (auto& r : *list)
            if (seen.insert(id_of(r)).second) all.push_back(std::move(r));
        if (progress) progress(all.size());
        if (n < kAdminListMax) return all;
        offset += n;
    }
}

}  // namespace lianxin::admin
