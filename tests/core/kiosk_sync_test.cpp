// The kiosk's side of sync on a real kiosk.db (core/sync/kiosk_sync.h): migration 3 and the
// sync_state row, pending passports and stamps, records held back behind an unsent passport,
// marking exactly the held ids, contact erasure, and a reply applied with its cursor.
#include "core/sync/kiosk_sync.h"

#include <catch2/catch.hpp>

#include "core/base/uuid.h"
#include "core/tokens/qr_code.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;

namespace {

Moment january_10(std::int64_t plus_ms = 0) { return Moment{1799544600250 + plus_ms, {2027, 1, 10}}; }

struct Kiosk {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    SecretKey kiosk_key = generate_key(), hub_key = generate_key();
    std::unique_ptr<PassportBook> book;
    std::unique_ptr<OpinionOutbox> outbox;
    std::unique_ptr<StationRecords> records;

    explicit Kiosk(std::string public_url = "https://lianxin.example.org") {
        auto d = KioskDb::open(tmp.path());
        REQUIRE(d.ok());
        db = std::move(*d);
        book = std::make_unique<PassportBook>(
            *db, PassportSettings{"kiosk-a", "JJ1", kiosk_key, {}, {hub_key.pub}, std::move(public_url)});
        outbox = std::make_unique<OpinionOutbox>(*db, "kiosk-a");
        records = std::make_unique<StationRecords>(*db, "kiosk-a");
    }

    OpinionId opinion(const std::string& passport = "", bool contact = false, std::int64_t plus_ms = 0) {
        OpinionDraft d;
        d.article = 3;
        d.text = "收费应当按季度公示。";
        d.passport_id = passport;
        if (contact) {
            d.contact_name = "王芳";
            d.contact_phone = "13812345678";
            d.contact_consent = true;
        }
        auto r = outbox->submit(d, lianxin::test::draft_under_consultation(), january_10(plus_ms));
        REQUIRE(r.ok());
        return *r;
    }

    Passport passport(std::int64_t plus_ms = 0) {
        auto p = book->issue(january_10(plus_ms));
        REQUIRE(p.ok());
        return *p;
    }

    static CertificateClaims claims_for(const Passport& p, const std::string& consultation = "property-rules") {
        PassportId id{};
        REQUIRE(parse_passport_id(p.id, id));
        CertificateClaims c;
        c.serial = new_certificate_serial();
        c.passport = passport_ref_of(id);
        c.consultation_id = consultation;
        c.article = 3;
        c.adoption = Adoption::adopted;
        c.decided = {2027, 3, 1};
        return c;
    }

    std::string certificate_for(const Passport& p, const SecretKey& key) {
        auto t = issue_certificate_token(claims_for(p), key);
        REQUIRE(t.ok());
        return *t;
    }
};

SyncReply holding_all(const SyncPush& p) {
    SyncReply r;
    for (auto& o : p.opinions) r.held_opinions.push_back(o.id);
    for (auto& x : p.passports) r.held_passports.push_back(x.id);
    for (auto& s : p.stamps) r.held_stamps.push_back(s.id);
    return r;
}

}  // namespace

TEST_CASE("kiosk.db schema 3 has one sync_state row, a schema-2 file is migrated keeping its records",
          "[core][sync][kiosk-db]") {
    TempDir tmp;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        auto st = load_sync_state(**db);
        REQUIRE(st.ok());
        CHECK(st->cursor == 0);
        CHECK_FALSE(st->last_success_at_ms);
        CHECK_FALSE(st->last_attempt_at_ms);
        CHECK(st->last_error.empty());
        // Turn it back into a schema-2 file with a record, as a kiosk built before the sync agent left it.
        (*db)->locked([](SqliteDb& s) {
            s.exec("DROP TABLE guestbook; DROP TABLE meeting_requests; DROP TABLE meeting_statuses; "
                   "DROP TABLE district_figures; DROP TABLE district_consultation_figures; "
                   "DROP TABLE opinion_traces; DROP TABLE sync_problems; DROP TABLE sync_state; DROP INDEX passports_unsent; "
                   "DROP INDEX stamps_unsent; "
                   "PRAGMA user_version=2;"
                   "INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, kiosk, created_at) "
                   "VALUES('x', 'c', 'support', 'kept', 0, 'zh', 'k', 1)");
        });
    }
    auto db = KioskDb::open(tmp.path());
    INFO((db ? "" : db.error().detail));
    REQUIRE(db.ok());
    CHECK((*db)->locked([](SqliteDb& s) { return s.pragma_int("user_version"); }) == kKioskDbSchema);
    CHECK(load_sync_state(**db).ok());
    CHECK((*db)->locked([](SqliteDb& s) {
        auto st = s.prepare("SELECT text FROM opinions WHERE id = 'x'");
        st.step();
        return st.text(0);
    }) == "kept");
    // Only one row, ever.
    CHECK_THROWS_AS((*db)->locked([](SqliteDb& s) { s.exec("INSERT INTO sync_state(id) VALUES(2)"); }), SqliteError);
    REQUIRE(record_sync_attempt(**db, 1234, "cannot reach the hub").ok());
    auto st = load_sync_state(**db);
    CHECK(st->last_attempt_at_ms == 1234);
    CHECK(st->last_error == "cannot reach the hub");
}

TEST_CASE("pending passports and stamps, oldest first, mark_sent for each kind", "[core][sync]") {
    Kiosk k;
    Passport a = k.passport(0), b = k.passport(10);
    OpinionId o = k.opinion(a.id, false, 20);  // stamps passport a
    REQUIRE(k.book->stamp(b.id, StampKind::tour, "river-walk", january_10(30)).ok());

    auto ps = k.book->pending_passports(10);
    REQUIRE(ps.ok());
    REQUIRE(ps->size() == 2);
    CHECK((*ps)[0].id == a.id);
    CHECK((*ps)[1].id == b.id);
    auto ss = k.book->pending_stamps(10);
    REQUIRE(ss.ok());
    REQUIRE(ss->size() == 2);
    CHECK((*ss)[0].passport == a.id);
    CHECK((*ss)[0].kind == StampKind::opinion);
    CHECK((*ss)[0].ref == o);
    CHECK(is_uuid_v7((*ss)[0].id));
    CHECK((*ss)[1].kind == StampKind::tour);
    CHECK(*k.book->count_pending() == 4);
    CHECK(*count_outbox(*k.outbox, *k.book, *k.records) == 5);
    CHECK(k.book->pending_passports(1)->size() == 1);

    CHECK(*k.book->mark_passports_sent({a.id, "unknown"}, 99) == 1);
    CHECK(*k.book->mark_passports_sent({a.id}, 100) == 0);  // already sent: unchanged
    CHECK(*k.book->mark_stamps_sent({(*ss)[1].id}, 99) == 1);
    CHECK(k.book->pending_passports(10)->size() == 1);
    CHECK(k.book->pending_stamps(10)->size() == 1);
    CHECK(*k.book->count_pending() == 2);
    CHECK(k.book->unsent_passport_ids()->count(b.id) == 1);
    CHECK(k.book->unsent_passport_ids()->count(a.id) == 0);
}

TEST_CASE("a push never carries a record ahead of the unsent passport it refers to", "[core][sync]") {
    Kiosk k;
    Passport a = k.passport(0), b = k.passport(10);
    OpinionId oa = k.opinion(a.id, false, 20);
    OpinionId ob = k.opinion(b.id, false, 30);
    OpinionId plain = k.opinion("", false, 40);

    // A batch of one passport: b's opinion and stamp wait for the next push.
    auto p = collect_sync_push(*k.outbox, *k.book, *k.records, 1);
    REQUIRE(p.ok());
    REQUIRE(p->passports.size() == 1);
    CHECK(p->passports[0].id == a.id);
    REQUIRE(p->opinions.size() == 1);
    CHECK(p->opinions[0].id == oa);
    REQUIRE(p->stamps.size() == 1);
    CHECK(p->stamps[0].passport == a.id);
    REQUIRE(mark_held(*k.outbox, *k.book, *k.records, *p, holding_all(*p), 500).ok());

    auto q = collect_sync_push(*k.outbox, *k.book, *k.records, 10);
    REQUIRE(q.ok());
    REQUIRE(q->passports.size() == 1);
    CHECK(q->passports[0].id == b.id);
    REQUIRE(q->opinions.size() == 2);
    CHECK(q->opinions[0].id == ob);
    CHECK(q->opinions[1].id == plain);
    CHECK(q->stamps.size() == 1);
    // Everything a push carries passes the hub's parser.
    q->kiosk = "hall-1";
    auto parsed = parse_sync_push(to_json(*q));
    INFO((parsed ? "" : parsed.error().detail));
    CHECK(parsed.ok());
}

TEST_CASE("only ids both pushed and held are marked, contact details go once sent", "[core][sync]") {
    Kiosk k;
    OpinionId with_contact = k.opinion("", true, 0);
    OpinionId other = k.opinion("", true, 10);
    auto p = collect_sync_push(*k.outbox, *k.book, *k.records);
    REQUIRE(p.ok());
    REQUIRE(p->opinions.size() == 2);
    CHECK(p->opinions[0].contact_phone == "13812345678");  // details travel in the push

    SyncReply r;
    r.held_opinions = {with_contact, new_uuid_v7(1799544600250)};  // an id this push did not carry
    auto m = mark_held(*k.outbox, *k.book, *k.records, *p, r, 777);
    REQUIRE(m.ok());
    CHECK(m->opinions == 1);
    CHECK(m->contacts_erased == 1);
    auto sent = k.outbox->find(with_contact);
    CHECK(sent->sent_at_ms == 777);
    CHECK(sent->contact_phone.empty());
    CHECK(sent->contact_name.empty());
    CHECK(sent->contact_erased);
    auto kept = k.outbox->find(other);
    CHECK_FALSE(kept->sent_at_ms);
    CHECK(kept->contact_phone == "13812345678");  // not held yet: the details must still reach the hub

    // The same reply again changes nothing.
    auto again = mark_held(*k.outbox, *k.book, *k.records, *p, r, 888);
    CHECK(again->total() == 0);
    CHECK(k.outbox->find(with_contact)->sent_at_ms == 777);

    // A sent opinion that kept its details (a crash between marking and erasing) is swept.
    REQUIRE(k.outbox->mark_sent({other}, 900).ok());
    CHECK(*k.outbox->erase_contact_of_sent() == 1);
    CHECK(k.outbox->find(other)->contact_phone.empty());
    CHECK(*k.outbox->erase_contact_of_sent() == 0);
}

TEST_CASE("a reply's statuses, certificates and revocations land in kiosk.db with the cursor", "[core][sync]") {
    Kiosk k;
    Passport p = k.passport();
    OpinionId o = k.opinion(p.id);
    Kiosk stranger;  // a passport not known at this kiosk
    Passport elsewhere = stranger.passport();

    SyncReply r;
    r.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳：按季度公示。", 5000});
    std::string good = k.certificate_for(p, k.hub_key);
    std::string revoked = k.certificate_for(p, k.hub_key);
    r.certificates = {good, revoked, k.certificate_for(p, k.kiosk_key) /* wrong key */,
                      k.certificate_for(elsewhere, k.hub_key) /* unknown passport */};
    auto v = verify_token(revoked, {k.hub_key.pub});
    REQUIRE(v.ok());
    r.revoked_certificates = {serial_text(v->certificate->serial)};
    r.cursor = 41;
    auto a = apply_sync_reply(*k.db, *k.book, r, 6000);
    REQUIRE(a.ok());
    CHECK(a->statuses == 1);
    CHECK(a->certificates == 2);
    CHECK(a->revocations == 1);
    REQUIRE(a->skipped.size() == 2);  // logged and skipped, not fatal
    CHECK_THAT(a->skipped[0], Catch::Contains("certificate refused"));
    CHECK_THAT(a->skipped[1], Catch::Contains("not known here"));

    auto booklet = k.book->booklet(p.id);
    REQUIRE(booklet.ok());
    REQUIRE(booklet->stamps.size() == 1);
    CHECK(booklet->stamps[0].status == OpinionStatus::adopted);
    CHECK(booklet->stamps[0].reply == "采纳：按季度公示。");
    REQUIRE(booklet->certificates.size() == 2);
    int verified = 0, refused = 0;
    for (auto& c : booklet->certificates) {
        if (c.claims) ++verified;
        if (c.refusal) ++refused;
    }
    CHECK(verified == 1);
    CHECK(refused == 1);  // revoked since

    auto st = load_sync_state(*k.db);
    CHECK(st->cursor == 41);
    CHECK(st->last_success_at_ms == 6000);
    CHECK(st->last_error.empty());

    // Applying the same reply twice is harmless; an older status arriving late changes nothing.
    REQUIRE(apply_sync_reply(*k.db, *k.book, r, 6100).ok());
    SyncReply late;
    late.statuses.push_back(StatusChange{o, OpinionStatus::included, "", 4000});
    late.cursor = 42;
    REQUIRE(apply_sync_reply(*k.db, *k.book, late, 6200).ok());
    booklet = k.book->booklet(p.id);
    CHECK(booklet->stamps[0].status == OpinionStatus::adopted);
    CHECK(booklet->certificates.size() == 2);
    CHECK(load_sync_state(*k.db)->cursor == 42);
}

TEST_CASE("a certificate is drawn on the hub's public URL, where the hub fitted it to a QR code", "[core][sync]") {
    // The kiosk's own URL: 40 characters, within the limit, with a path in lower case that QR
    // codes must hold byte by byte. The hub's is short. A certificate the hub fits to version 11
    // on its own URL (its fallback when a token's fixed part leaves no room in version 10) may
    // then need a larger code on the kiosk's.
    const std::string kiosk_url = "http://x/lianxin-public-pages/verify/abc";
    const std::string hub_url = "http://localhost:8470";
    REQUIRE(kiosk_url.size() == kMaxPublicUrlChars);
    REQUIRE_FALSE(public_url_problem(kiosk_url));
    Kiosk k(kiosk_url);
    // A valid consultation id whose bytes Base45 turns into many escapes (each "ed" pair into
    // '%' or '/' and more): no serial fits version 10 at the hub, so the hub falls back to 11.
    CertificateClaims c = Kiosk::claims_for(k.passport(), "xededededededededede");
    auto issued = issue_certificate_for_url(c, k.hub_key, hub_url);  // what the hub does
    REQUIRE(issued.ok());
    const std::string token = *issued;
    REQUIRE(encode_qr(certificate_url(hub_url, token), kQrMaxVersion).ok());
    CHECK_FALSE(encode_qr(k.book->certificate_qr_text(token), kQrMaxVersion).ok());  // no URL from the hub yet

    SyncReply r;
    r.certificates = {token};
    r.public_url = hub_url;
    r.cursor = 1;
    auto round = parse_sync_reply(to_json(r));  // the URL travels in the reply as the hub sends it
    REQUIRE(round.ok());
    CHECK(round->public_url == hub_url);
    auto a = apply_sync_reply(*k.db, *k.book, *round, january_10().utc_ms);
    REQUIRE(a.ok());
    CHECK(a->certificates == 1);
    std::string text = k.book->certificate_qr_text(token);
    CHECK(text == certificate_url(hub_url, token));
    CHECK(encode_qr(text, kQrMaxVersion).ok());

    SECTION("a later reply without the URL (an older hub's) keeps the one known") {
        SyncReply quiet;
        quiet.cursor = 2;
        REQUIRE(apply_sync_reply(*k.db, *k.book, quiet, january_10().utc_ms).ok());
        CHECK(k.book->certificate_qr_text(token) == text);
    }
    SECTION("a reply saying the hub has none forgets it: the kiosk's own is used again") {
        SyncReply none;
        none.public_url = "";
        none.cursor = 2;
        auto round_none = parse_sync_reply(to_json(none));
        REQUIRE(round_none.ok());
        REQUIRE(round_none->public_url == std::string());
        REQUIRE(apply_sync_reply(*k.db, *k.book, *round_none, january_10().utc_ms).ok());
        CHECK(k.book->certificate_qr_text(token) == certificate_url(kiosk_url, token));
        CHECK(load_sync_state(*k.db)->hub_public_url.empty());
    }
}

TEST_CASE("a schema-4 kiosk.db reads the hub's feed again after its upgrade, and certificates follow the hub's URL",
          "[core][sync]") {
    TempDir tmp;
    {
        auto d = KioskDb::open(tmp.path());
        REQUIRE(d.ok());
        (*d)->locked([](SqliteDb& db) {
            db.exec("UPDATE sync_state SET cursor = 77 WHERE id = 1");
            db.exec("ALTER TABLE sync_state DROP COLUMN hub_public_url");
            db.exec("DROP TABLE guestbook; DROP TABLE meeting_requests; DROP TABLE meeting_statuses; DROP TABLE opinion_traces");
            db.exec("DROP TABLE district_figures; DROP TABLE district_consultation_figures");
            db.exec("PRAGMA user_version=4");
        });
    }
    auto d = KioskDb::open(tmp.path());
    REQUIRE(d.ok());
    CHECK((*d)->locked([](SqliteDb& db) { return db.pragma_int("user_version"); }) == kKioskDbSchema);
    auto state = load_sync_state(**d);
    REQUIRE(state.ok());
    // Migration 6 starts the feed again, once, for the traces the version before passed by.
    CHECK(state->cursor == 0);
    CHECK(state->hub_public_url.empty());
    SecretKey k = generate_key();
    PassportBook book(**d, PassportSettings{"kiosk-a", "JJ1", k, {}, {k.pub}, "https://kiosk.example.org"});
    CHECK(book.certificate_qr_text("LXC1:A") == certificate_url("https://kiosk.example.org", "LXC1:A"));
    SyncReply r;
    r.public_url = "https://hub.example.org/";
    r.cursor = 78;
    REQUIRE(apply_sync_reply(**d, book, r, january_10().utc_ms).ok());
    CHECK(book.certificate_qr_text("LXC1:A") == "HTTPS://HUB.EXAMPLE.ORG/C/LXC1:A");
    CHECK(load_sync_state(**d)->hub_public_url == "https://hub.example.org/");  // what the agent shows after a restart
}

TEST_CASE("a traced opinion's article as adopted reaches the passport, and leaves it when the hub unlinks it",
          "[core][sync][trace]") {
    Kiosk k;
    Passport p = k.passport();
    OpinionId o = k.opinion(p.id);
    auto trace_of = [&]() -> std::optional<FinalArticle> {
        auto b = k.book->booklet(p.id);
        REQUIRE(b.ok());
        REQUIRE(b->stamps.size() == 1);
        return b->stamps[0].final_article;
    };

    // Adopted first, traced later: each change is the opinion's whole state at the hub.
    SyncReply adopted;
    adopted.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳。", 5000});
    adopted.cursor = 1;
    REQUIRE(apply_sync_reply(*k.db, *k.book, adopted, 5100).ok());
    CHECK_FALSE(trace_of());
    SyncReply traced;
    FinalArticle art{7, {"第七条", "Article 7"}, {"物业服务企业应当每季度公示收支情况。", "Quarterly accounts."}};
    traced.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳。", 6000, art});
    traced.cursor = 2;
    auto a = apply_sync_reply(*k.db, *k.book, traced, 6100);
    REQUIRE(a.ok());
    CHECK(a->statuses == 1);
    auto t = trace_of();
    REQUIRE(t);
    CHECK(t->number == 7);
    CHECK(t->title.zh == "第七条");
    CHECK(t->text.en == "Quarterly accounts.");

    // A late copy of the untraced state changes nothing; the final text edited at the hub does.
    REQUIRE(apply_sync_reply(*k.db, *k.book, adopted, 6200).ok());
    REQUIRE(trace_of());
    CHECK(trace_of()->number == 7);
    art.text.zh = "物业服务企业应当每月公示收支情况。";
    SyncReply edited;
    edited.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳。", 7000, art});
    edited.cursor = 3;
    REQUIRE(apply_sync_reply(*k.db, *k.book, edited, 7100).ok());
    CHECK(trace_of()->text.zh == "物业服务企业应当每月公示收支情况。");

    // Unlinked at the hub (or the adoption withdrawn): the next change comes without it.
    SyncReply unlinked;
    unlinked.statuses.push_back(StatusChange{o, OpinionStatus::included, "", 8000});
    unlinked.cursor = 4;
    REQUIRE(apply_sync_reply(*k.db, *k.book, unlinked, 8100).ok());
    CHECK_FALSE(trace_of());
    auto b = k.book->booklet(p.id);
    CHECK(b->stamps[0].status == OpinionStatus::included);
}

TEST_CASE("a late copy of a traced state does not bring back a trace the hub has since removed",
          "[core][sync][trace]") {
    Kiosk k;
    Passport p = k.passport();
    OpinionId o = k.opinion(p.id);
    auto traces = [&] {
        return k.db->locked([&](SqliteDb& s) {
            auto st = s.prepare("SELECT count(*) FROM opinion_traces WHERE opinion = ?");
            st.bind(1, o);
            st.step();
            return st.integer(0);
        });
    };
    FinalArticle art{7, {"第七条", "Article 7"}, {"物业服务企业应当每季度公示收支情况。", ""}};
    SyncReply traced;
    traced.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳。", 6000, art});
    traced.cursor = 1;
    SyncReply unlinked;
    unlinked.statuses.push_back(StatusChange{o, OpinionStatus::adopted, "采纳。", 8000});
    unlinked.cursor = 2;
    REQUIRE(apply_sync_reply(*k.db, *k.book, traced, 6100).ok());
    REQUIRE(traces() == 1);
    REQUIRE(apply_sync_reply(*k.db, *k.book, unlinked, 8100).ok());
    REQUIRE(traces() == 0);
    // The hub's latest word (8000, no trace) stands: the older report (6000) arriving late changes
    // nothing, as it changes nothing of the status row.
    REQUIRE(apply_sync_reply(*k.db, *k.book, traced, 8200).ok());
    CHECK(traces() == 0);
}
