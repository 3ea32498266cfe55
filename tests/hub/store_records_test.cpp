// Hub store behaviour, each case against both back-ends (a real SQLite file and a real PostgreSQL
// server): migrations, idempotent ingest, replay nonces, kiosk codes and revocation, the public
// passport view, certificates through the changes feed, bundles, admin keys, rate-limit events.
#include <sys/stat.h>

#include <set>

#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("a new store migrates from empty and keeps its records when reopened", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    std::string kiosk;
    {
        auto store = open_ok(spec);
        kiosk = add_test_kiosk(*store, "社区中心");
        REQUIRE(store->add_admin_key(generate_key().pub, test_ms()).ok());
    }
    if (backend == "sqlite") {
        struct stat st {};
        REQUIRE(::stat((dir / "hub.db").c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    auto again = open_ok(spec);  // migrations find the schema current and leave it
    auto k = again->find_kiosk(kiosk);
    REQUIRE(k.ok());
    CHECK(k->name == "社区中心");
    CHECK(valid_kiosk_code(k->code));
    CHECK(*again->has_admin_key());
}

TEST_CASE("the same push twice is stored once and reported held both times", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string kiosk = add_test_kiosk(*store, "k1");

    SyncPush push;
    auto passport = test_passport("k1");
    push.passports = {passport, test_passport("k1")};
    for (int i = 0; i < 3; ++i) push.opinions.push_back(test_opinion("k1", passport.id));
    push.opinions[0].contact_name = "王芳";
    push.opinions[0].contact_phone = "13800138000";
    push.opinions[0].contact_consent = true;
    push.stamps = {test_stamp(passport.id, push.opinions[0].id),
                   test_stamp(passport.id, push.opinions[1].id)};
    push.heartbeat = {"0.1.0", "2027.03", 5, ""};
    push.heartbeat.storage = StorageReport{1, "kiosk-20270301-091500.db", test_ms(5), 57, 3, "io: disk I/O error (10)"};

    auto first = store->ingest(kiosk, push, test_ms(10));
    REQUIRE(first.ok());
    CHECK(first->new_opinions == 3);
    CHECK(first->new_passports == 2);
    CHECK(first->new_stamps == 2);

    // A changed copy of a held record does not overwrite it: first write wins.
    SyncPush retry = push;
    retry.opinions[1].text = "changed on the way";
    auto second = store->ingest(kiosk, retry, test_ms(20));
    REQUIRE(second.ok());
    CHECK(second->new_opinions == 0);
    CHECK(second->new_passports == 0);
    CHECK(second->new_stamps == 0);
    CHECK(second->held_opinions == first->held_opinions);
    CHECK(second->held_passports == first->held_passports);
    CHECK(second->held_stamps == first->held_stamps);
    CHECK(first->held_opinions.size() == 3);

    auto all = store->list_opinions({});
    REQUIRE(all.ok());
    CHECK(all->size() == 3);
    auto kept = store->find_opinion(push.opinions[1].id);
    REQUIRE(kept.ok());
    CHECK(kept->opinion.text == push.opinions[1].text);
    CHECK(kept->received_at_ms == test_ms(10));
    // Staff see contact details at the hub.
    auto with_contact = store->find_opinion(push.opinions[0].id);
    REQUIRE(with_contact.ok());
    CHECK(with_contact->opinion.contact_name == "王芳");
    CHECK(with_contact->opinion.contact_phone == "13800138000");
    CHECK(with_contact->kiosk_id == kiosk);

    auto k = store->find_kiosk(kiosk);
    REQUIRE(k.ok());
    REQUIRE(k->last_heartbeat.has_value());
    CHECK(k->last_heartbeat->at_ms == test_ms(20));
    CHECK(k->last_heartbeat->heartbeat.outbox_depth == 5);
    CHECK(k->last_heartbeat->heartbeat.content_version == "2027.03");
    CHECK(k->last_heartbeat->heartbeat.storage == push.heartbeat.storage);

    // Staff fetched the file and the fault passed: the next heartbeat's empty report replaces it.
    SyncPush quiet;
    quiet.heartbeat = {"0.1.0", "2027.03", 0, ""};
    REQUIRE(store->ingest(kiosk, quiet, test_ms(30)).ok());
    auto after = store->find_kiosk(kiosk);
    REQUIRE(after.ok());
    REQUIRE(after->last_heartbeat.has_value());
    CHECK(after->last_heartbeat->heartbeat.storage == StorageReport{});
}

// Ingest writes a push in multi-row statements of up to 128 rows, then powers of two: a full push
// crosses every chunk size, and the counts, the held lists and the certificates fed to a kiosk
// that starts holding passports must come out as with one statement per row.
TEST_CASE("a full push of 500 records, partly held already, is stored across statement chunks", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string a = add_test_kiosk(*store, "a"), b = add_test_kiosk(*store, "b");

    SyncPush push;
    for (int i = 0; i < 25; ++i) push.passports.push_back(test_passport("a"));
    for (int i = 0; i < 450; ++i) push.opinions.push_back(test_opinion("a", i < 25 ? push.passports[static_cast<std::size_t>(i)].id : ""));
    push.opinions[7].contact_name = "王芳";
    push.opinions[7].contact_phone = "13800138000";
    push.opinions[7].contact_consent = true;
    for (int i = 0; i < 25; ++i)
        push.stamps.push_back(test_stamp(push.passports[static_cast<std::size_t>(i)].id, push.opinions[static_cast<std::size_t>(i)].id));
    // 130 opinions and 3 passports were held already (an earlier push whose reply was lost).
    SyncPush earlier;
    earlier.opinions.assign(push.opinions.begin() + 200, push.opinions.begin() + 330);
    earlier.passports.assign(push.passports.begin() + 10, push.passports.begin() + 13);
    REQUIRE(store->ingest(b, earlier, test_ms(1)).ok());
    // Kiosk b's passport 11 got a certificate meanwhile: a now holding it must be fed it.
    std::string serial = test_serial();
    REQUIRE(store->add_certificate(serial, push.passports[11].id, push.opinions[11].id, "LXC1:FULL", test_ms(2)).ok());
    auto before = store->changes_since(a, 0, 100);
    REQUIRE(before.ok());
    CHECK(before->certificates.empty());
    // The same opinion twice in one push counts once.
    push.opinions.push_back(push.opinions[3]);

    auto r = store->ingest(a, push, test_ms(10));
    REQUIRE(r.ok());
    CHECK(r->new_opinions == 450 - 130);
    CHECK(r->new_passports == 25 - 3);
    CHECK(r->new_stamps == 25);
    // ... and is held once: the reply lists it once.
    REQUIRE(r->held_opinions.size() == 450);
    for (std::size_t i = 0; i < 450; ++i) CHECK(r->held_opinions[i] == push.opinions[i].id);
    REQUIRE(r->held_passports.size() == 25);
    CHECK(r->held_passports[24] == push.passports[24].id);
    CHECK(r->held_stamps.size() == 25);

    auto fed = store->changes_since(a, before->cursor, 100);
    REQUIRE(fed.ok());
    CHECK(fed->certificates == std::vector<std::string>{"LXC1:FULL"});
    // First write wins: an opinion kiosk b pushed keeps b's reception; the others are a's.
    auto held_b = store->find_opinion(push.opinions[250].id);
    REQUIRE(held_b.ok());
    CHECK(held_b->kiosk_id == b);
    CHECK(held_b->received_at_ms == test_ms(1));
    auto held_a = store->find_opinion(push.opinions[7].id);
    REQUIRE(held_a.ok());
    CHECK(held_a->kiosk_id == a);
    CHECK(held_a->opinion.contact_phone == "13800138000");
    CHECK(held_a->opinion.article == 3);
    hub::OpinionFilter all;
    all.limit = 1000;
    auto listed = store->list_opinions(all);
    REQUIRE(listed.ok());
    CHECK(listed->size() == 450);
    auto view = store->find_passport(push.passports[0].id);
    REQUIRE(view.ok());
    REQUIRE(view->stamps.size() == 1);
    REQUIRE(view->stamps[0].opinion.has_value());
    CHECK(view->stamps[0].opinion->id == push.opinions[0].id);
}

TEST_CASE("opinions are listed by consultation, status and time, a page at a time", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string kiosk = add_test_kiosk(*store, "k1");
    SyncPush push;
    for (int i = 0; i < 7; ++i)
        push.opinions.push_back(test_opinion("k1", "", i % 2 ? "elder-care" : "property-rules"));
    REQUIRE(store->ingest(kiosk, push, test_ms()).ok());
    REQUIRE(store->set_status(push.opinions[0].id, OpinionStatus::included, "", test_ms()).ok());

    hub::OpinionFilter f;
    f.consultation = "property-rules";
    CHECK(store->list_opinions(f)->size() == 4);
    f.status = OpinionStatus::included;
    CHECK(store->list_opinions(f)->size() == 1);
    hub::OpinionFilter since;
    since.since_ms = push.opinions[5].created_at_ms;
    CHECK(store->list_opinions(since)->size() == 2);
    hub::OpinionFilter page;
    page.limit = 3;
    std::vector<std::string> ids;
    for (page.offset = 0;; page.offset += 3) {
        auto got = store->list_opinions(page);
        REQUIRE(got.ok());
        for (auto& o : *got) ids.push_back(o.opinion.id);
        if (got->size() < 3) break;
    }
    REQUIRE(ids.size() == 7);
    for (std::size_t i = 0; i < 7; ++i) CHECK(ids[i] == push.opinions[i].id);
    CHECK(store->find_opinion(new_uuid_v7(test_ms())).error().code == ErrorCode::not_found);
}

TEST_CASE("a replayed nonce is refused", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    CHECK(*store->remember_nonce("kiosk-a", "n-1", test_ms(0)));
    CHECK_FALSE(*store->remember_nonce("kiosk-a", "n-1", test_ms(1)));
    CHECK(*store->remember_nonce("kiosk-b", "n-1", test_ms(2)));  // nonces are per signer
    CHECK(*store->remember_nonce("kiosk-a", "n-2", test_ms(1000)));
    CHECK(*store->purge_nonces(test_ms(500)) == 2);
    CHECK_FALSE(
        *store->remember_nonce("kiosk-a", "n-2", test_ms(1001)));  // kept: newer than the horizon
}

TEST_CASE("kiosk codes are unique and a revoked kiosk is refused", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    // A code given by hand is never handed out again.
    SecretKey manual = generate_key();
    REQUIRE(store->add_kiosk(manual.pub.id, "manual", "002", manual.pub, test_ms()).ok());
    std::set<std::string> codes{"002"};
    for (int i = 0; i < 10; ++i) {
        auto c = store->next_kiosk_code();
        REQUIRE(c.ok());
        CHECK(valid_kiosk_code(*c));
        CHECK(codes.insert(*c).second);
    }
    SecretKey other = generate_key();
    auto taken = store->add_kiosk(other.pub.id, "other", "002", other.pub, test_ms());
    REQUIRE_FALSE(taken.ok());
    CHECK(taken.error().code == ErrorCode::invalid_input);
    CHECK_THAT(taken.error().detail, Catch::Contains("taken"));
    auto twice = store->add_kiosk(manual.pub.id, "again", "0A1", manual.pub, test_ms());
    REQUIRE_FALSE(twice.ok());
    CHECK_THAT(twice.error().detail, Catch::Contains("already registered"));
    CHECK(store->add_kiosk(other.pub.id, "bad", "ZZ", other.pub, test_ms()).error().code ==
          ErrorCode::invalid_input);

    std::string kiosk = add_test_kiosk(*store, "k1");
    REQUIRE(store->revoke_kiosk(kiosk, test_ms(5)).ok());
    REQUIRE(store->revoke_kiosk(kiosk, test_ms(9)).ok());  // idempotent: the first time stays
    auto k = store->find_kiosk(kiosk);
    REQUIRE(k.ok());
    CHECK(k->revoked_at_ms == test_ms(5));
    CHECK(k->key.id == kiosk);
    SyncPush push;
    push.opinions = {test_opinion("k1")};
    auto refused = store->ingest(kiosk, push, test_ms(10));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::invalid_input);
    CHECK(store->list_opinions({})->empty());
    CHECK(store->ingest("no-such-kiosk", push, test_ms()).error().code == ErrorCode::not_found);
    CHECK(store->revoke_kiosk("no-such-kiosk", test_ms()).error().code == ErrorCode::not_found);
    auto all = store->list_kiosks();
    REQUIRE(all.ok());
    CHECK(all->size() == 2);
}

TEST_CASE("the public passport view shows statuses and certificates but never contact details",
          "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string kiosk = add_test_kiosk(*store, "k1");
    SyncPush push;
    auto passport = test_passport("k1");
    push.passports = {passport};
    auto o = test_opinion("k1");  // linked by its stamp only
    o.contact_name = "李雷";
    o.contact_phone = "13912345678";
    o.contact_consent = true;
    push.opinions = {o};
    push.stamps = {test_stamp(passport.id, o.id)};
    REQUIRE(store->ingest(kiosk, push, test_ms()).ok());

    auto outcome = store->set_status(o.id, OpinionStatus::adopted, "纳入第三条修改", test_ms(50));
    REQUIRE(outcome.ok());
    CHECK(outcome->passport_id == passport.id);  // found through the stamp
    CHECK(outcome->opinion.status == OpinionStatus::adopted);
    CHECK(outcome->opinion.opinion.contact_phone == "13912345678");
    std::string serial = test_serial();
    REQUIRE(store->add_certificate(serial, passport.id, o.id, "LXC1:TEST", test_ms(60)).ok());

    auto view = store->find_passport(passport.id);
    REQUIRE(view.ok());
    CHECK(view->short_code == passport.short_code);
    CHECK(view->issued_on == passport.issued_on);
    REQUIRE(view->stamps.size() == 1);
    REQUIRE(view->stamps[0].opinion.has_value());
    CHECK(view->stamps[0].opinion->status == OpinionStatus::adopted);
    CHECK(view->stamps[0].opinion->reply == "纳入第三条修改");
    REQUIRE(view->certificates.size() == 1);
    CHECK(view->certificates[0].serial == serial);
    CHECK_FALSE(view->certificates[0].revoked);
    // Everything the view holds, as text: no contact detail anywhere.
    std::string all = view->id + view->short_code;
    for (const auto& s : view->stamps) {
        all += s.ref;
        if (s.opinion)
            all += s.opinion->id + s.opinion->text + s.opinion->reply + s.opinion->consultation_id;
    }
    for (const auto& c : view->certificates) all += c.serial + c.token;
    CHECK(all.find("李雷") == std::string::npos);
    CHECK(all.find("13912345678") == std::string::npos);

    REQUIRE(store->revoke_certificate(serial, test_ms(70)).ok());
    CHECK(store->find_passport(passport.id)->certificates[0].revoked);
    CHECK(*store->is_revoked(serial));
    auto cert = store->find_certificate(serial);
    REQUIRE(cert.ok());
    CHECK(cert->revoked_at_ms == test_ms(70));
    CHECK(store->find_passport(passport_id_text(new_passport_id())).error().code ==
          ErrorCode::not_found);
    CHECK(store->find_passport("../../etc").error().code == ErrorCode::not_found);
    CHECK(store->add_certificate(serial, passport.id, o.id, "LXC1:X", test_ms()).error().code ==
          ErrorCode::invalid_input);
}

TEST_CASE("certificates reach every kiosk holding the passport, also one that opens it later",
          "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    std::string a = add_test_kiosk(*store, "a"), b = add_test_kiosk(*store, "b"),
                c = add_test_kiosk(*store, "c");
    auto passport = test_passport("a");
    auto o = test_opinion("a", passport.id);  // linked by Opinion::passport_id, no stamp
    SyncPush push;
    push.passports = {passport};
    push.opinions = {o};
    REQUIRE(store->ingest(a, push, test_ms()).ok());
    auto outcome = store->set_status(o.id, OpinionStatus::partly_adopted, "部分采纳", test_ms(1));
    REQUIRE(outcome.ok());
    CHECK(outcome->passport_id == passport.id);
    std::string serial = test_serial();
    REQUIRE(store->add_certificate(serial, passport.id, o.id, "LXC1:CERT", test_ms(2)).ok());

    auto feed_a = store->changes_since(a, 0, 100);
    REQUIRE(feed_a.ok());
    REQUIRE(feed_a->statuses.size() == 1);
    CHECK(feed_a->statuses[0].opinion == o.id);
    CHECK(feed_a->statuses[0].status == OpinionStatus::partly_adopted);
    CHECK(feed_a->statuses[0].reply == "部分采纳");
    CHECK(feed_a->certificates == std::vector<std::string>{"LXC1:CERT"});
    CHECK_FALSE(feed_a->more);

    // b has seen everything so far (nothing for it), then a visitor opens the passport there.
    auto feed_b = store->changes_since(b, 0, 100);
    REQUIRE(feed_b.ok());
    CHECK(feed_b->statuses.empty());
    CHECK(feed_b->certificates.empty());
    SyncPush at_b;
    at_b.passports = {passport};
    REQUIRE(store->ingest(b, at_b, test_ms(3)).ok());
    auto later_b = store->changes_since(b, feed_b->cursor, 100);
    REQUIRE(later_b.ok());
    CHECK(later_b->certificates == std::vector<std::string>{"LXC1:CERT"});

    // Revocations go to every kiosk, c included.
    REQUIRE(store->revoke_certificate(serial, test_ms(4)).ok());
    REQUIRE(store->revoke_certificate(serial, test_ms(5)).ok());  // once in the feed
    for (const auto& [kiosk, cursor] :
         {std::pair{a, feed_a->cursor}, {b, later_b->cursor}, {c, std::int64_t{0}}}) {
        auto f = store->changes_since(kiosk, cursor, 100);
        REQUIRE(f.ok());
        CHECK(f->revoked_certificates == std::vector<std::string>{serial});
    }
    // An empty feed keeps the cursor where it is.
    auto done = store->changes_since(c, 0, 100);
    auto none = store->changes_since(c, done->cursor, 100);
    CHECK(none->cursor == done->cursor);
    CHECK(none->revoked_certificates.empty());
}

TEST_CASE("content bundles are kept with their bytes and signature", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    CHECK_FALSE(store->current_bundle()->has_value());

    std::string bytes(3 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) >> 3);
    // The store checks the SHA-256 itself: a wrong one is refused, the one sha256sum gives is
    // taken.
    hub::BundleRecord meta{"2027.03.1", std::string(64, '0'),
                           static_cast<std::int64_t>(bytes.size()), "keyid c2lnbmF0dXJl\n",
                           test_ms()};
    auto wrong = store->add_bundle(meta, bytes);
    REQUIRE_FALSE(wrong.ok());
    CHECK_THAT(wrong.error().detail, Catch::Contains("sha256"));
    TempDir files;
    write_text(files / "b.db", bytes);
    auto hashed = run_command("sha256sum " + (files / "b.db").string());
    REQUIRE(hashed.exit_code == 0);
    meta.sha256 = hashed.output.substr(0, 64);
    REQUIRE(store->add_bundle(meta, bytes).ok());
    REQUIRE(store->add_bundle(meta, bytes).ok());  // the same bundle again

    auto current = store->current_bundle();
    REQUIRE(current.ok());
    REQUIRE(current->has_value());
    CHECK((*current)->version == "2027.03.1");
    CHECK((*current)->signature == meta.signature);
    auto got = store->bundle_bytes("2027.03.1");
    REQUIRE(got.ok());
    CHECK(got->size() == bytes.size());
    CHECK(*got == bytes);
    CHECK(store->bundle_bytes("nope").error().code == ErrorCode::not_found);

    std::string other = bytes;
    other[0] ^= 1;
    write_text(files / "c.db", other);
    hub::BundleRecord clash = meta;
    clash.sha256 = run_command("sha256sum " + (files / "c.db").string()).output.substr(0, 64);
    auto refused = store->add_bundle(clash, other);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().detail, Catch::Contains("new version"));

    std::string kiosk = add_test_kiosk(*store, "k1");
    CHECK(store->changes_since(kiosk, 0, 10)->bundle_version == "2027.03.1");
}

TEST_CASE("admin keys and rate-limit events", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    auto store = open_ok(fresh_spec(backend, dir));
    CHECK_FALSE(*store->has_admin_key());
    SecretKey admin = generate_key();
    REQUIRE(store->add_admin_key(admin.pub, test_ms()).ok());
    REQUIRE(store->add_admin_key(admin.pub, test_ms(5)).ok());
    auto keys = store->admin_keys();
    REQUIRE(keys.ok());
    REQUIRE(keys->size() == 1);
    CHECK((*keys)[0].key.bytes == admin.pub.bytes);
    CHECK((*keys)[0].added_at_ms == test_ms());

    for (int i = 0; i < 3; ++i)
        REQUIRE(store->note_event("opinion-form", "203.0.113.7", test_ms(i * 100)).ok());
    REQUIRE(store->note_event("opinion-form", "198.51.100.1", test_ms(150)).ok());
    CHECK(*store->count_recent("opinion-form", "203.0.113.7", test_ms(0)) == 3);
    CHECK(*store->count_recent("opinion-form", "203.0.113.7", test_ms(100)) == 2);
    CHECK(*store->count_recent("other", "203.0.113.7", test_ms(0)) == 0);
    CHECK(*store->purge_events(test_ms(150)) == 2);
    CHECK(*store->count_recent("opinion-form", "203.0.113.7", test_ms(0)) == 1);
}

// A hub at schema 2 (before the heartbeat's storage report) with kiosks that have reported:
// migration 3 adds the columns, the kiosks and their last heartbeat stay, and no report is
// made up for them; the next push with a report is kept.
TEST_CASE("a store at schema 2 with kiosks migrates to 3 keeping their heartbeats", "[hub]") {
    const std::string backend = GENERATE(backends());
    INFO("back-end: " << backend);
    TempDir dir;
    std::string spec = fresh_spec(backend, dir);
    std::string kiosk;
    {
        auto store = open_ok(spec);
        kiosk = add_test_kiosk(*store, "Old kiosk");
        SyncPush push;
        push.heartbeat = {"0.0.9", "2026.12", 3, "cannot reach the hub"};
        REQUIRE(store->ingest(kiosk, push, test_ms(1)).ok());
    }
    const std::string back_to_2 = schema_4_undone(backend) +
        "ALTER TABLE kiosks DROP COLUMN hb_db_set_aside; ALTER TABLE kiosks DROP COLUMN hb_db_newest; "
        "ALTER TABLE kiosks DROP COLUMN hb_db_newest_at; ALTER TABLE kiosks DROP COLUMN hb_db_salvaged; "
        "ALTER TABLE kiosks DROP COLUMN hb_db_left_out; ALTER TABLE kiosks DROP COLUMN hb_db_fault; "
        "UPDATE schema_version SET version = 2";
    if (backend == "sqlite") {
        auto r = run_command("sqlite3 " + (dir / "hub.db").string() + " " + shell_quoted(back_to_2));
        REQUIRE(r.exit_code == 0);
    } else {
        PostgresServer::instance().exec(spec.substr(spec.rfind('/') + 1), back_to_2);
    }
    auto store = open_ok(spec);
    auto k = store->find_kiosk(kiosk);
    REQUIRE(k.ok());
    REQUIRE(k->last_heartbeat.has_value());
    CHECK(k->last_heartbeat->heartbeat.outbox_depth == 3);
    CHECK(k->last_heartbeat->heartbeat.last_error == "cannot reach the hub");
    CHECK(k->last_heartbeat->heartbeat.storage == StorageReport{});

    SyncPush push;
    push.heartbeat = {"0.1.0", "2027.03", 0, ""};
    push.heartbeat.storage = StorageReport{2, "kiosk-20270301-091500.db", std::numeric_limits<std::int64_t>::max(),
                                           std::numeric_limits<std::int64_t>::max(), 0, "io: disk I/O error (10)"};
    REQUIRE(store->ingest(kiosk, push, test_ms(2)).ok());
    auto after = store->find_kiosk(kiosk);
    REQUIRE(after.ok());
    CHECK(after->last_heartbeat->heartbeat.storage == push.heartbeat.storage);
}
