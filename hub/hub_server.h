// lianxin-hub's HTTP service (cpp-httplib): the kiosk sync API, the admin API, bundle downloads
// and the public pages for phones, over one HubStore. It keeps no state of its own beyond caches
// (the current content bundle, the kiosk keys), so several hubs can serve one PostgreSQL store.
//
// Routes (docs/sync-protocol.md has the API in full):
//   GET  /healthz
//   POST /api/v1/sync                               kiosk-signed: push records, pull changes
//   GET  /api/v1/bundles/current | /<version> | /<version>/signature   kiosk-signed
//   POST /api/v1/admin/kiosks, GET …/kiosks, POST …/kiosks/<id>/revoke   admin-signed
//   GET  /api/v1/admin/opinions, POST …/opinions/<id>/status             admin-signed
//   POST /api/v1/admin/bundles, POST …/certificates/<serial>/revoke      admin-signed
//   GET  /p/<token>  /c/<token>  GET|POST /o/<consultation>               public (any case: /P/, /C/)
//   GET  any other address outside /api/: a "page not found" page for phones
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "core/sync/request_signing.h"
#include "hub/hub_config.h"
#include "hub/http_front.h"
#include "hub/pages/opinion_form.h"
#include "hub/store/hub_store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace lianxin::hub {

class Router;  // hub_server.cpp: cpp-httplib's router, fed whole requests by the front

// Connections are owned by an HttpFront (http_front.h, docs/hub-connections.md): slow or idle
// clients hold no worker, and every route's body limit (route_limits.h) is enforced from the head.
class HubServer : private FrontHandler {
  public:
    // `web` are the public pages' strings (assets/web), `kiosk_strings` the kiosk's (for the
    // opinion rules' messages, shared with the phone form). `clock` is unix ms (tests skew it).
    HubServer(HubConfig config, std::unique_ptr<HubStore> store, StringTable web, StringTable kiosk_strings,
              std::function<std::int64_t()> clock = {});
    ~HubServer();

    // Binds (port 0 in the config: any free port) and prepares the store; io with a message that
    // says what to do when the port is taken or the store fails.
    Status bind();
    int port() const { return port_; }
    void run();   // serves until stop()
    void stop();  // from any thread or a signal handler; also before run() (run then returns at once)

    HubStore& store() { return *store_; }

  private:
    friend struct Routes;
    void add_routes();
    // FrontHandler: the route's body limit and signer from the head; the header-only signature
    // checks (key known, time fresh) before a body is read; a whole request through the routes.
    Admission admit(const RequestHead& head) override;
    std::optional<FrontRefusal> precheck(const RequestHead& head) override;
    std::string serve(std::string request, const Peer& peer, bool& close) override;
    RequestKeyLookup kiosk_keys();
    RequestKeyLookup admin_keys();
    std::int64_t now() const { return clock_(); }
    // The content the public pages take names from: the latest published bundle, reloaded
    // when a newer one is published (checked at most every few seconds).
    std::shared_ptr<const LoadedBundle> content();
    // Request signing: the verified key id, or an error response already written.
    std::optional<std::string> verify_kiosk(const httplib::Request& req, httplib::Response& res);
    // The admin who signed the request, when the signature holds and the key has `need` (any
    // enrolled key when none is needed); otherwise the answer is written (401, 403) and nullopt.
    std::optional<AdminActor> verify_admin(const httplib::Request& req, httplib::Response& res,
                                           std::optional<AdminRole> need);
    std::optional<std::string> verify(const httplib::Request& req, httplib::Response& res, const RequestKeyLookup& lookup);
    // Forgets replay nonces and rate-limit events too old to matter, at most every few minutes
    // (nothing else ever deleted them: one nonce row per kiosk request, kept forever).
    void purge_if_due();

    HubConfig cfg_;
    std::unique_ptr<HubStore> store_;
    StringTable web_, kiosk_strings_;
    std::function<std::int64_t()> clock_;
    FormSecret form_secret_{};
    std::unique_ptr<Router> router_;
    std::unique_ptr<HttpFront> front_;
    int port_ = 0;
    std::mutex content_mutex_;
    std::shared_ptr<const LoadedBundle> content_;
    std::string content_version_;
    std::int64_t content_checked_at_ = -1000000;
    std::atomic<std::int64_t> purged_at_{0};
};

}  // namespace lianxin::hub
