// HubServer: set-up, the content cache and request verification; the routes are in
// sync_routes.cpp, admin_routes.cpp and public_routes.cpp.
#include "hub/hub_server.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "core/base/files.h"
#include "hub/route_limits.h"
#include "hub/routes.h"

namespace lianxin::hub {

// cpp-httplib's Server as a router only: the front (http_front.h) owns the sockets and hands it
// whole requests, which it parses and answers through process_request as it would on a socket.
class Router : public httplib::Server {
  public:
    bool handle(httplib::Stream& stream, bool close, bool& closed) {
        return process_request(stream, close, closed, nullptr);
    }
};

namespace {

// One whole request in memory as cpp-httplib's Stream; the answer is collected for the front.
class WholeRequestStream : public httplib::Stream {
  public:
    WholeRequestStream(const std::string& in, std::string& out, const Peer& peer) : in_(in), out_(out), peer_(peer) {}
    bool is_readable() const override { return pos_ < in_.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        size = std::min(size, in_.size() - pos_);
        std::memcpy(ptr, in_.data() + pos_, size);
        pos_ += size;
        return static_cast<ssize_t>(size);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = peer_.ip;
        port = peer_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = peer_.local_ip;
        port = peer_.local_port;
    }
    socket_t socket() const override { return INVALID_SOCKET; }  // nothing may touch the socket behind the front

  private:
    const std::string& in_;
    std::string& out_;
    const Peer& peer_;
    std::size_t pos_ = 0;
};

}  // namespace

void json_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}, {"message", message}}.dump(), "application/json");
}

void json_reply(httplib::Response& res, const nlohmann::json& body, int status) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void store_error(httplib::Response& res, const Error& e) {
    if (e.code == ErrorCode::not_found) return json_error(res, 404, e.detail);
    if (e.code == ErrorCode::invalid_input) return json_error(res, 400, e.detail);
    spdlog::error("store: {}", e.detail);
    json_error(res, 500, "the hub's store failed; see the hub's log");
}

HubServer::HubServer(HubConfig config, std::unique_ptr<HubStore> store, StringTable web, StringTable kiosk_strings,
                     std::function<std::int64_t()> clock)
    : cfg_(std::move(config)), store_(std::move(store)), web_(std::move(web)), kiosk_strings_(std::move(kiosk_strings)),
      clock_(clock ? std::move(clock) : [] {
          return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
      }) {
    crypto_ready();
    // Every hub over one store must accept the forms the others hand out: the form secret is
    // derived from the certificate key they share. Without one, a random secret (one hub only).
    if (cfg_.certificate_key) {
        static const char kLabel[] = "lianxin form secret";
        crypto_generichash(form_secret_.data(), form_secret_.size(), cfg_.certificate_key->bytes.data(), 32,
                           reinterpret_cast<const unsigned char*>(kLabel), sizeof kLabel - 1);
    } else {
        form_secret_ = new_form_secret();
    }
}

HubServer::~HubServer() { stop(); }

Status HubServer::bind() {
    // Phone opinions are filed under a registry entry of the hub's own.
    if (!store_->find_kiosk(kPhoneKioskId)) {
        auto code = store_->next_kiosk_code();
        if (!code) return code.error();
        PublicKey none = cfg_.certificate_key ? cfg_.certificate_key->pub : generate_key().pub;
        auto st = store_->add_kiosk(kPhoneKioskId, "phone", *code, none, now());
        if (!st && !store_->find_kiosk(kPhoneKioskId)) return st.error();  // another hub may have won the race
    }
    router_ = std::make_unique<Router>();
    router_->set_payload_max_length(kBundlePublishMaxBytes);  // the front has checked each route's own
    FrontLimits limits;
    limits.workers = cfg_.threads;
    // The Keep-Alive header httplib writes must tell what the front does.
    router_->set_keep_alive_max_count(limits.max_requests_per_connection);
    router_->set_keep_alive_timeout(limits.idle_ms / 1000);
    add_routes();
    front_ = std::make_unique<HttpFront>(static_cast<FrontHandler&>(*this), limits);
    if (auto st = front_->listen(cfg_.listen_host, cfg_.listen_port); !st)
        return Error{ErrorCode::io, st.error().detail +
                                        " (is another hub running there? choose another with --listen HOST:PORT)"};
    port_ = front_->port();
    return ok_status();
}

void HubServer::run() {
    if (front_) front_->run();
}

void HubServer::stop() {
    if (front_) front_->stop();
}

void HubServer::add_routes() {
    router_->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
        res.set_content("ok " + store_->describe() + "\n", "text/plain");
    });
    // Every refusal of the API carries {"error", "message"}: httplib's own (no route, a body it
    // cannot read) come with an empty body, and a handler that throws would answer a bare 500.
    router_->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        // A phone that opens a cut-off or mistyped address gets a page in its language, not JSON.
        if (res.status == 404 && (req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0) {
            Routes::public_not_found(*this, req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        json_error(res, res.status, res.status == 404 ? "no such route" : "the request cannot be served");
        return httplib::Server::HandlerResponse::Handled;
    }));
    router_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        spdlog::error("{} {}: {}", req.method, req.path, what);
        json_error(res, 500, "the hub failed on this request; see the hub's log");
    });
    Routes::add_sync(*this, *router_);
    Routes::add_admin(*this, *router_);
    Routes::add_meeting_form(*this, *router_);
    Routes::add_public(*this, *router_);
}

Admission HubServer::admit(const RequestHead& head) {
    RouteLimit r = route_limit(head.method, head.path);
    return Admission{r.max_body, r.signer != RouteSigner::none};
}

std::optional<FrontRefusal> HubServer::precheck(const RequestHead& head) {
    RouteSigner signer = route_limit(head.method, head.path).signer;
    if (signer == RouteSigner::none) return std::nullopt;
    SignedHeaders h{head.header(kHeaderKey), head.header(kHeaderTime), head.header(kHeaderNonce),
                    head.header(kHeaderSignature)};
    auto refusal = check_request_headers(h, now(), signer == RouteSigner::admin ? admin_keys() : kiosk_keys());
    if (!refusal) return std::nullopt;
    return FrontRefusal{request_problem_http_status(refusal->problem), request_problem_name(refusal->problem),
                        refusal->detail};
}

std::string HubServer::serve(std::string request, const Peer& peer, bool& close) {
    std::string out;
    WholeRequestStream stream(request, out, peer);
    bool closed = false;
    if (!router_->handle(stream, close, closed) || closed) close = true;
    return out;
}

std::shared_ptr<const LoadedBundle> HubServer::content() {
    std::lock_guard lock(content_mutex_);
    std::int64_t t = now();
    if (t - content_checked_at_ < 3000) return content_;
    content_checked_at_ = t;
    auto current = store_->current_bundle();
    if (!current || !*current || (*current)->version == content_version_) return content_;
    const BundleRecord& meta = **current;
    auto bytes = store_->bundle_bytes(meta.version);
    if (!bytes) return content_;
    // load_bundle reads a file; the bundle was verified against the publisher keys when published.
    auto dir = std::filesystem::temp_directory_path() / ("lianxin-hub-" + std::to_string(::getpid()));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto path = dir / (meta.version + ".lxb");
    if (auto st = write_file_atomic(path, *bytes); !st) return content_;
    auto loaded = load_bundle(path, {});
    if (!loaded) {
        spdlog::error("published bundle {} does not load: {}", meta.version, loaded.error().detail);
        return content_;
    }
    content_ = std::make_shared<const LoadedBundle>(std::move(*loaded));
    content_version_ = meta.version;
    spdlog::info("serving content {}", meta.version);
    return content_;
}

void HubServer::purge_if_due() {
    constexpr std::int64_t kPurgeEveryMs = 5 * 60 * 1000;
    // Rate-limit windows are minutes long (the phone form's is 10); a day is ample.
    constexpr std::int64_t kKeepEventsMs = 24 * 60 * 60 * 1000;
    std::int64_t t = now();
    std::int64_t last = purged_at_.load();
    if (t - last < kPurgeEveryMs || !purged_at_.compare_exchange_strong(last, t)) return;  // one thread does it
    // A nonce is kept for twice the time window (docs/sync-protocol.md): a request older than
    // that is refused as stale before its nonce is looked at.
    if (auto n = store_->purge_nonces(t - 2 * kRequestMaxSkewMs); !n)
        spdlog::warn("store: purging old nonces: {}", n.error().detail);
    if (auto n = store_->purge_events(t - kKeepEventsMs); !n)
        spdlog::warn("store: purging old rate-limit events: {}", n.error().detail);
}

std::optional<std::string> HubServer::verify(const httplib::Request& req, httplib::Response& res,
                                             const RequestKeyLookup& lookup) {
    purge_if_due();
    SignedHeaders h{req.get_header_value(std::string(kHeaderKey)), req.get_header_value(std::string(kHeaderTime)),
                    req.get_header_value(std::string(kHeaderNonce)), req.get_header_value(std::string(kHeaderSignature))};
    std::string target = req.target.empty() ? req.path : req.target;
    auto v = verify_request(
        h, req.method, target, req.body, now(), lookup, [this](std::string_view key, std::string_view nonce, std::int64_t t) {
            auto fresh = store_->remember_nonce(std::string(key), std::string(nonce), t);
            return !fresh || !*fresh;  // a store failure is treated as a replay: refuse, never accept twice
        });
    if (!v) {
        res.status = request_problem_http_status(v.error().problem);
        res.set_content(nlohmann::json{{"error", request_problem_name(v.error().problem)}, {"message", v.error().detail}}.dump(),
                        "application/json");
        return std::nullopt;
    }
    return v->key_id;
}

RequestKeyLookup HubServer::kiosk_keys() {
    return [this](std::string_view id) -> std::optional<RequestKey> {
        if (id == kPhoneKioskId) return std::nullopt;
        auto k = store_->find_kiosk(std::string(id));
        if (!k) return std::nullopt;
        return RequestKey{k->key, k->revoked()};
    };
}

RequestKeyLookup HubServer::admin_keys() {
    return [this](std::string_view id) -> std::optional<RequestKey> {
        auto keys = store_->admin_keys();
        if (!keys) return std::nullopt;
        for (auto& k : *keys)
            if (k.key.id == id) return RequestKey{k.key, false};
        return std::nullopt;
    };
}

std::optional<std::string> HubServer::verify_kiosk(const httplib::Request& req, httplib::Response& res) {
    return verify(req, res, kiosk_keys());
}

std::optional<AdminActor> HubServer::verify_admin(const httplib::Request& req, httplib::Response& res,
                                                  std::optional<AdminRole> need) {
    auto id = verify(req, res, admin_keys());
    if (!id) return std::nullopt;
    if (!need) return AdminActor{*id};
    auto keys = store_->admin_keys();
    if (!keys) {
        store_error(res, keys.error());
        return std::nullopt;
    }
    for (auto& k : *keys) {
        if (k.key.id != *id) continue;
        if (has_role(k.roles, *need)) return AdminActor{*id};
        res.status = 403;
        res.set_content(nlohmann::json{{"error", "this admin key has the roles " + roles_text(k.roles) + "; this needs the " +
                                                     role_code(*need) + " role (lianxin-hub enroll-admin KEY.pub --role …)"}}
                            .dump(),
                        "application/json");
        return std::nullopt;
    }
    res.status = 401;  // removed between the signature check and now
    res.set_content(nlohmann::json{{"error", "unknown admin key"}}.dump(), "application/json");
    return std::nullopt;
}

}  // namespace lianxin::hub
