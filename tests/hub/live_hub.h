// A real HubServer running in the test process on 127.0.0.1 (port 0), over a store of either
// back-end, and the client side the tests talk to it with: core/net/http_client.h and signed
// requests (core/sync/request_signing.h). Shared by the hub API tests and the sync fault tests.
#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/crypto/signing_keys.h"
#include "core/i18n/string_table.h"
#include "core/net/http_client.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/kiosk_sync.h"
#include "core/sync/request_signing.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "tests/hub/store_test_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

namespace lianxin::test {

inline std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The clock every party of these tests shares (hub, kiosk, signatures): real time, moved so that
// the first reading is 2027-01-10 02:00 UTC. The demo drafts collect until 2027-01-31 and
// 2027-03-15, so opinions are accepted whatever day the tests run on.
inline constexpr std::int64_t kLiveEpochMs = 1'799'546'400'000;
inline std::int64_t live_ms() {
    static const std::int64_t offset = kLiveEpochMs - wall_clock_ms();
    return wall_clock_ms() + offset;
}
inline LocalDate live_date() { return LocalDate{2027, 1, 10}; }

// Polls `done` until it holds or `limit` passes; every wait in these tests is bounded.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

inline const StringTable& web_strings() {
    static StringTable t = [] {
        auto r = StringTable::load(std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets/web");
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    return t;
}

inline const StringTable& kiosk_strings() {
    static StringTable t = [] {
        auto r = StringTable::load(std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets/strings");
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    return t;
}

// The demo publisher's key (build/demo/publisher.pub), which signs build/demo/demo.lxb.
inline PublicKey demo_publisher_key() {
    auto k = load_public_key(demo_dir() / "publisher.pub");
    if (!k) FAIL("demo publisher key: " << k.error().detail << " (build the demo-bundle target)");
    return *k;
}

// A hub the test starts, stops and restarts over one store (`spec`): a restart opens the store
// again and listens on a new port, as a restarted process would.
class LiveHub {
  public:
    hub::HubConfig config;
    SecretKey certificate_key = generate_key();
    // The hub's clock: the shared test clock, or the wall clock when a program that signs with
    // the real time (lianxin-admin) talks to it.
    std::int64_t (*clock)() = &live_ms;

    explicit LiveHub(std::string spec) : spec_(std::move(spec)) {
        config.listen_host = "127.0.0.1";
        config.listen_port = 0;
        config.store = spec_;
        config.public_url = "https://lianxin.example.org";
        config.public_url_given = true;
        config.certificate_key = certificate_key;
        config.threads = 4;
    }
    ~LiveHub() { stop(); }
    LiveHub(const LiveHub&) = delete;
    LiveHub& operator=(const LiveHub&) = delete;

    void start() {
        REQUIRE_FALSE(server_);
        server_ = std::make_unique<hub::HubServer>(config, open_ok(spec_), web_strings(), kiosk_strings(), clock);
        auto st = server_->bind();
        if (!st) FAIL("hub bind: " << st.error().detail);
        thread_ = std::thread([this] { server_->run(); });
        // Serving once /healthz answers (stop() before the listen loop started would be lost).
        REQUIRE(eventually([&] {
            HttpRequest q;
            q.url = url() + "/healthz";
            q.total_timeout_ms = 1000;
            return http_request(q).status == 200;
        }));
    }

    void stop() {
        if (!server_) return;
        server_->stop();
        if (thread_.joinable()) thread_.join();
        server_.reset();
    }

    bool running() const { return server_ != nullptr; }
    int port() const { return server_->port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
    hub::HubStore& store() { return server_->store(); }
    const std::string& spec() const { return spec_; }

  private:
    std::string spec_;
    std::unique_ptr<hub::HubServer> server_;
    std::thread thread_;
};

// One request to `base` + `target`; `signer` signs it at `at_ms` (or it goes unsigned).
inline HttpResponse send(const std::string& base, const std::string& method, const std::string& target,
                         const std::string& body = "", const SecretKey* signer = nullptr, std::int64_t at_ms = 0,
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest q;
    q.method = method;
    q.url = base + target;
    q.body = body;
    q.total_timeout_ms = 10'000;
    if (signer) {
        auto signed_headers = sign_request(*signer, method, target, body, at_ms ? at_ms : live_ms()).list();
        headers.insert(headers.end(), signed_headers.begin(), signed_headers.end());
    }
    // libcurl labels a POST body as a url-encoded form unless told otherwise, and the server caps
    // form bodies at 8 KiB: say what the body is, as the kiosk and the admin tool do.
    bool typed = false;
    for (auto& h : headers) typed |= h.first == "Content-Type";
    if (method == "POST" && !typed) headers.emplace_back("Content-Type", "application/json");
    q.headers = std::move(headers);
    return http_request(q);
}

// A kiosk registered straight in the store (the admin API has its own test): its key and code.
struct RegisteredKiosk {
    SecretKey key = generate_key();
    std::string code;
    std::string id() const { return key.pub.id; }
};

inline RegisteredKiosk register_in_store(hub::HubStore& store, const std::string& name) {
    RegisteredKiosk k;
    auto code = store.next_kiosk_code();
    REQUIRE(code.ok());
    k.code = *code;
    auto st = store.add_kiosk(k.id(), name, k.code, k.key.pub, live_ms());
    if (!st) FAIL(st.error().detail);
    return k;
}

// How many rows the store holds for each opinion id (a copy held twice would count 2).
inline std::map<std::string, int> opinion_rows(hub::HubStore& store) {
    hub::OpinionFilter f;
    f.limit = 1000;
    auto list = store.list_opinions(f);
    REQUIRE(list.ok());
    std::map<std::string, int> n;
    for (auto& o : *list) ++n[o.opinion.id];
    return n;
}

inline constexpr const char* kContactName = "王芳";
inline constexpr const char* kContactPhone = "13812345678";

// A kiosk's own records on a real kiosk.db, committed through the kiosk's code (OpinionOutbox,
// PassportBook), so what reaches the hub is exactly what a kiosk would send.
struct LocalKiosk {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    std::unique_ptr<PassportBook> book;
    std::unique_ptr<OpinionOutbox> outbox;
    std::unique_ptr<StationRecords> records;
    std::string id;
    std::vector<std::string> opinions, passports;  // every id committed here, in order

    LocalKiosk(const RegisteredKiosk& reg, const PublicKey& hub_certificate_key, const std::string& name = "hall-1")
        : id(reg.id()) {
        auto d = KioskDb::open(tmp.path());
        if (!d) FAIL("kiosk.db: " << d.error().detail);
        db = std::move(*d);
        book = std::make_unique<PassportBook>(
            *db, PassportSettings{name, reg.code, reg.key, {}, {hub_certificate_key}, "https://lianxin.example.org"});
        outbox = std::make_unique<OpinionOutbox>(*db, name);
        records = std::make_unique<StationRecords>(*db, name);
    }

    Moment now() const { return Moment{live_ms(), live_date()}; }

    OpinionId opinion(const std::string& passport = "", bool contact = false,
                      const std::string& text = "收费应当按季度公示。") {
        OpinionDraft d;
        d.article = 3;
        d.text = text;
        d.passport_id = passport;
        if (contact) {
            d.contact_name = kContactName;
            d.contact_phone = kContactPhone;
            d.contact_consent = true;
        }
        auto r = outbox->submit(d, draft_under_consultation(), now());
        if (!r) FAIL("submit: " << r.error().detail);
        opinions.push_back(*r);
        return *r;
    }

    Passport passport() {
        auto p = book->issue(now());
        if (!p) FAIL("issue: " << p.error().detail);
        passports.push_back(p->id);
        return *p;
    }

    // The next push as the sync agent would build it.
    SyncPush push(std::int64_t cursor = 0) {
        auto p = collect_sync_push(*outbox, *book, *records);
        REQUIRE(p.ok());
        p->kiosk = id;
        p->cursor = cursor;
        return std::move(*p);
    }

    // Ids of `table` (opinions, passports, stamps) marked sent / still pending in kiosk.db.
    std::set<std::string> ids(const std::string& table, bool sent) {
        return db->locked([&](SqliteDb& s) {
            std::set<std::string> out;
            auto st = s.prepare("SELECT id FROM " + table + " WHERE sent_at IS " + (sent ? "NOT NULL" : "NULL"));
            while (st.step()) out.insert(st.text(0));
            return out;
        });
    }
};

}  // namespace lianxin::test
