// The hub's route groups, each in its own file, registered by HubServer::add_routes. Internal to
// hub/: they reach HubServer's store, caches and request checks as its friend.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "hub/hub_server.h"

namespace lianxin::hub {

struct Routes {
    static void add_sync(HubServer& hub, httplib::Server& http);    // sync_routes.cpp
    static void add_admin(HubServer& hub, httplib::Server& http);   // admin_routes.cpp
    static void add_public(HubServer& hub, httplib::Server& http);  // public_routes.cpp
    static void add_meeting_form(HubServer& hub, httplib::Server& http);  // meeting_routes.cpp
    // The public pages' answer to an address no route has (public_routes.cpp).
    static void public_not_found(HubServer& hub, const httplib::Request& req, httplib::Response& res);
    static std::shared_ptr<const LoadedBundle> content(HubServer& hub) { return hub.content(); }
    // For the public pages' shared parts (page_support.cpp): the store and its housekeeping.
    static HubStore& store(HubServer& hub) { return *hub.store_; }
    static void purge_if_due(HubServer& hub) { hub.purge_if_due(); }
};

// A JSON error body {"error": message} with `status`.
void json_error(httplib::Response& res, int status, const std::string& message);
void json_reply(httplib::Response& res, const nlohmann::json& body, int status = 200);
// An Error from the store as an HTTP answer: not_found 404, invalid_input 400, else 500 (the
// detail is logged; a 500 says only that the store failed).
void store_error(httplib::Response& res, const Error& e);

}  // namespace lianxin::hub
