// Hub store under concurrent use, against both back-ends: 8 kiosks pushing at once through 8
// separate stores (as 8 hub processes would), and a kiosk following the changes feed by its cursor
// while several writers add statuses, certificates and revocations. No timing assertions: only
// what was stored and what the reader saw.
#include <map>
#include <set>
#include <thread>

#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// Runs `body(i)` on `n` threads and returns the failures they met (Catch2's REQUIRE is not
// thread-safe, so threads collect messages and the test checks them afterwards).
template <class Body>
std::vector<std::string> on_threads(int n, Body body) {
    std::vector<std::string> failures;
    std::mutex mu;
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            std::string f = body(i);
            if (!f.empty()) {
                std::lock_guard lock(mu);
                failures.push_back(f);
            }
        });
    for (auto& t : threads) t.join();
    return failures;
}

}  // namespace

TEST_CASE("8 kiosks pushing at once store every record exactly once", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    constexpr int kKiosks = 8, kBatches = 4, kPerBatch = 40;

    // Records every kiosk also pushes (a passport opened at every kiosk, with its opinions).
    std::vector<Opinion> shared_opinions;
    auto shared_passport = test_passport("k0");
    for (int i = 0; i < 10; ++i) shared_opinions.push_back(test_opinion("k0", shared_passport.id));
    std::vector<std::vector<SyncPush>> pushes(kKiosks);
    for (int k = 0; k < kKiosks; ++k)
        for (int b = 0; b < kBatches; ++b) {
            SyncPush p;
            std::string name = "k" + std::to_string(k);
            for (int i = 0; i < kPerBatch; ++i) p.opinions.push_back(test_opinion(name));
            auto passport = test_passport(name);
            p.passports = {passport, shared_passport};
            p.stamps = {test_stamp(passport.id, p.opinions[0].id)};
            if (b == 0)
                p.opinions.insert(p.opinions.end(), shared_opinions.begin(), shared_opinions.end());
            pushes[static_cast<std::size_t>(k)].push_back(p);
        }

    // Each thread opens its own store: on a fresh PostgreSQL database the 8 opens also race on
    // the migrations.
    std::vector<std::string> kiosk_ids(kKiosks);
    auto failures = on_threads(kKiosks, [&](int k) -> std::string {
        auto store = hub::open_store(spec);
        if (!store) return "open: " + store.error().detail;
        SecretKey key = generate_key();
        std::string id = key.pub.id;
        kiosk_ids[static_cast<std::size_t>(k)] = id;
        for (int attempt = 0;; ++attempt) {  // a code handed out and then taken by hand: ask again
            auto code = (*store)->next_kiosk_code();
            if (!code) return "code: " + code.error().detail;
            auto added =
                (*store)->add_kiosk(id, "k" + std::to_string(k), *code, key.pub, test_ms());
            if (added) break;
            if (attempt > 3) return "add_kiosk: " + added.error().detail;
        }
        // Every batch twice (a kiosk that lost the reply retries), interleaved with other kiosks.
        for (int round = 0; round < 2; ++round)
            for (const auto& push : pushes[static_cast<std::size_t>(k)]) {
                auto r = (*store)->ingest(id, push, test_ms(1000));
                if (!r) return "ingest: " + r.error().detail;
                if (r->held_opinions.size() != push.opinions.size() ||
                    r->held_passports.size() != 2 || r->held_stamps.size() != 1)
                    return "held ids missing";
            }
        return "";
    });
    for (const auto& f : failures) FAIL_CHECK(f);
    REQUIRE(failures.empty());

    auto store = open_ok(spec);
    std::map<std::string, int> seen;
    hub::OpinionFilter page;
    page.limit = 1000;
    for (page.offset = 0;; page.offset += page.limit) {
        auto got = store->list_opinions(page);
        REQUIRE(got.ok());
        for (const auto& o : *got) ++seen[o.opinion.id];
        if (got->size() < page.limit) break;
    }
    CHECK(seen.size() == static_cast<std::size_t>(kKiosks * kBatches * kPerBatch + 10));
    for (const auto& [id, n] : seen) REQUIRE(n == 1);
    for (int k = 0; k < kKiosks; ++k)
        for (const auto& push : pushes[static_cast<std::size_t>(k)])
            for (const auto& o : push.opinions) REQUIRE(seen.count(o.id) == 1);
    // The shared passport is held by all 8 kiosks, stored once, with its own stamps only.
    auto view = store->find_passport(shared_passport.id);
    REQUIRE(view.ok());
    CHECK(view->stamps.empty());
    auto kiosks = store->list_kiosks();
    REQUIRE(kiosks.ok());
    std::set<std::string> codes;
    for (const auto& k : *kiosks) codes.insert(k.code);
    CHECK(codes.size() == static_cast<std::size_t>(kKiosks));
}

TEST_CASE("a kiosk following its cursor never skips a change while several writers add them",
          "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    auto store = open_ok(spec);
    std::string kiosk = add_test_kiosk(*store, "k1");
    constexpr int kWriters = 4, kEach = 40;
    SyncPush push;
    auto passport = test_passport("k1");
    push.passports = {passport};
    for (int i = 0; i < kWriters * kEach; ++i) push.opinions.push_back(test_opinion("k1"));
    REQUIRE(store->ingest(kiosk, push, test_ms()).ok());

    std::atomic<int> writers_done{0};
    std::map<std::string, std::vector<std::string>>
        seen_replies;  // opinion → replies, in feed order
    std::vector<std::string> seen_certificates, seen_revocations;
    std::string reader_failure;
    std::thread reader([&] {
        auto mine = hub::open_store(spec);
        if (!mine) {
            reader_failure = mine.error().detail;
            return;
        }
        std::int64_t cursor = 0;
        for (;;) {
            bool finished =
                writers_done.load() == kWriters + 1;  // read once more after the last write
            auto r = (*mine)->changes_since(kiosk, cursor, 7);
            if (!r) {
                reader_failure = r.error().detail;
                return;
            }
            if (r->cursor < cursor) {
                reader_failure = "cursor went back";
                return;
            }
            cursor = r->cursor;
            for (const auto& s : r->statuses) seen_replies[s.opinion].push_back(s.reply);
            for (const auto& c : r->certificates) seen_certificates.push_back(c);
            for (const auto& c : r->revoked_certificates) seen_revocations.push_back(c);
            if (finished && !r->more) return;
        }
    });
    // Status writers, each on its own store (as separate hub processes), each opinion twice.
    auto failures = on_threads(kWriters + 1, [&](int w) -> std::string {
        auto mine = hub::open_store(spec);
        if (!mine) return mine.error().detail;
        std::string result;
        if (w == kWriters) {  // certificates and revocations, interleaved with the statuses
            for (int i = 0; i < kEach && result.empty(); ++i) {
                std::string serial = test_serial();
                auto c = (*mine)->add_certificate(serial, passport.id, push.opinions[0].id,
                                                  "LXC1:" + serial, test_ms(i));
                // Each certificate is revoked right after it is issued (a serial never issued is not_found).
                auto r = (*mine)->revoke_certificate(serial, test_ms(i));
                if (!c)
                    result = c.error().detail;
                else if (!r)
                    result = r.error().detail;
            }
        } else {
            for (int round = 0; round < 2 && result.empty(); ++round)
                for (int i = 0; i < kEach && result.empty(); ++i) {
                    const auto& o = push.opinions[static_cast<std::size_t>(w * kEach + i)];
                    auto st = (*mine)->set_status(
                        o.id, round ? OpinionStatus::adopted : OpinionStatus::included,
                        "r" + std::to_string(round), test_ms(i));
                    if (!st) result = st.error().detail;
                }
        }
        ++writers_done;
        return result;
    });
    reader.join();
    for (const auto& f : failures) FAIL_CHECK(f);
    REQUIRE(failures.empty());
    REQUIRE(reader_failure.empty());

    // Every change exactly once, and each opinion's two changes in the order they were made.
    REQUIRE(seen_replies.size() == static_cast<std::size_t>(kWriters * kEach));
    for (const auto& [opinion, replies] : seen_replies) {
        INFO("opinion " << opinion);
        CHECK(replies == std::vector<std::string>{"r0", "r1"});
    }
    CHECK(seen_certificates.size() == static_cast<std::size_t>(kEach));
    CHECK(std::set<std::string>(seen_certificates.begin(), seen_certificates.end()).size() ==
          kEach);
    CHECK(seen_revocations.size() == static_cast<std::size_t>(kEach));
    CHECK(std::set<std::string>(seen_revocations.begin(), seen_revocations.end()).size() == kEach);
}

TEST_CASE("two stores racing on one nonce and on kiosk codes: one winner, no duplicates", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    auto first = open_ok(spec);
    std::atomic<int> accepted{0};
    std::mutex mu;
    std::set<std::string> codes;
    std::size_t handed_out = 0;
    auto failures = on_threads(8, [&](int) -> std::string {
        auto mine = hub::open_store(spec);
        if (!mine) return mine.error().detail;
        auto fresh = (*mine)->remember_nonce("kiosk-a", "same-nonce", test_ms());
        if (!fresh) return fresh.error().detail;
        if (*fresh) ++accepted;
        for (int i = 0; i < 10; ++i) {
            auto c = (*mine)->next_kiosk_code();
            if (!c) return c.error().detail;
            std::lock_guard lock(mu);
            codes.insert(*c);
            ++handed_out;
        }
        return "";
    });
    for (const auto& f : failures) FAIL_CHECK(f);
    CHECK(accepted == 1);
    CHECK(handed_out == 80);
    CHECK(codes.size() == 80);
}

TEST_CASE("store: a rate limit's check and record are one step across stores, so 40 at once get exactly 10",
          "[hub][store]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    const std::string spec = fresh_spec(backend, tmp);
    open_ok(spec);  // creates the schema once
    std::atomic<int> taken{0};
    // Each thread its own store, as separate hub processes would be.
    auto failures = on_threads(40, [&](int i) -> std::string {
        auto mine = hub::open_store(spec);
        if (!mine) return mine.error().detail;
        auto r = (*mine)->take_event("opinion-form", "203.0.113.9", test_ms(0), 10, test_ms(1000 + i));
        if (!r) return r.error().detail;
        if (*r) ++taken;
        return "";
    });
    CHECK(failures.empty());
    CHECK(taken == 10);
    auto store = open_ok(spec);
    CHECK(*store->count_recent("opinion-form", "203.0.113.9", test_ms(0)) == 10);
    // Another key and an older window are counted apart.
    CHECK(*store->take_event("opinion-form", "198.51.100.2", test_ms(0), 10, test_ms(2000)));
    CHECK(*store->take_event("opinion-form", "203.0.113.9", test_ms(5000), 10, test_ms(6000)));
}
