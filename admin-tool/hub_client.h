// The admin tool's connection to a hub: every call signed with the admin's key (the hub checks
// it against its enrolled admin keys), JSON in and out, errors as messages a person can act on.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::admin {

struct HubConnection {
    std::string url;  // e.g. http://127.0.0.1:8470 (no trailing slash needed)
    SecretKey key;    // an admin key enrolled on the hub (lianxin-hub enroll-admin)
};

// `--hub URL` / LIANXIN_HUB and `--admin-key FILE` / LIANXIN_ADMIN_KEY → a connection, or a
// message naming what is missing.
Result<HubConnection> connect_hub(const std::string& url_flag, const std::string& key_flag);

// One signed request. The hub's JSON answer for 2xx; otherwise an Error whose detail is the
// hub's own message (or why the hub could not be reached).
Result<nlohmann::json> hub_call(const HubConnection& hub, const std::string& method, const std::string& path,
                                const std::string& body = "",
                                const std::vector<std::pair<std::string, std::string>>& headers = {});

// The same, answering the body as the hub sent it (for answers read by a parser of their own).
Result<std::string> hub_call_text(const HubConnection& hub, const std::string& method, const std::string& path,
                                  const std::string& body = "",
                                  const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace lianxin::admin
