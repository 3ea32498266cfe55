// PassportBook on a real kiosk.db with real Ed25519 keys: issuing (unique codes, signed token),
// opening by typed code (every kind of wrong code, the throttle) and by scanned token (own kiosk,
// another trusted kiosk, untrusted, a certificate), opinions stamped in the same transaction,
// statuses, certificates and revocations from the hub as the booklet shows them.
#include "core/passports/passport_book.h"

#include <catch2/catch.hpp>
#include <set>

#include "core/opinions/opinion_outbox.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

using namespace lianxin;
using lianxin::test::TempDir;

namespace {

Moment january_10() { return Moment{1799544600250, {2027, 1, 10}}; }

struct Kiosk {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    SecretKey kiosk_key = generate_key(), hub_key = generate_key();
    std::unique_ptr<PassportBook> book;
    std::unique_ptr<OpinionOutbox> outbox;

    explicit Kiosk(std::string code = "JJ1", std::vector<PublicKey> other_kiosks = {}) {
        auto d = KioskDb::open(tmp.path());
        REQUIRE(d.ok());
        db = std::move(*d);
        book = std::make_unique<PassportBook>(
            *db, PassportSettings{"kiosk-a", code, kiosk_key, other_kiosks, {hub_key.pub}, "https://lianxin.example.org"});
        outbox = std::make_unique<OpinionOutbox>(*db, "kiosk-a");
    }

    OpinionId opinion(const std::string& passport = "") {
        OpinionDraft d;
        d.article = 3;
        d.text = "收费应当按季度公示。";
        d.passport_id = passport;
        auto r = outbox->submit(d, lianxin::test::draft_under_consultation(), january_10());
        REQUIRE(r.ok());
        return *r;
    }

    std::string certificate_for(const Passport& p, int article, Adoption a = Adoption::adopted,
                                const SecretKey* key = nullptr) {
        PassportId id{};
        REQUIRE(parse_passport_id(p.id, id));
        CertificateClaims c;
        c.serial = new_certificate_serial();
        c.passport = passport_ref_of(id);
        c.consultation_id = "property-rules";
        c.article = article;
        c.adoption = a;
        c.decided = {2027, 3, 1};
        auto t = issue_certificate_token(c, key ? *key : hub_key);
        REQUIRE(t.ok());
        return *t;
    }

    std::int64_t count(const char* table) {
        return db->locked([&](SqliteDb& s) {
            auto st = s.prepare(std::string("SELECT count(*) FROM ") + table);
            st.step();
            return st.integer(0);
        });
    }
};

// The typed form of a code with one character changed to another of the alphabet.
std::string with_typo(const std::string& code, std::size_t at) {
    std::string s = code;
    s[at] = s[at] == 'A' ? 'B' : 'A';
    return s;
}

}  // namespace

TEST_CASE("a kiosk issues passports with distinct codes and a token that verifies", "[passports]") {
    Kiosk k;
    REQUIRE(k.book->can_issue());
    std::set<std::string> codes, ids;
    for (int i = 0; i < 200; ++i) {
        auto p = k.book->issue(january_10());
        REQUIRE(p.ok());
        CHECK(p->short_code.substr(0, 3) == "JJ1");
        CHECK(normalize_short_code(p->short_code).ok());
        CHECK(p->issued_on == LocalDate{2027, 1, 10});
        codes.insert(p->short_code);
        ids.insert(p->id);
        auto v = verify_token(k.book->qr_text(*p), {k.kiosk_key.pub});
        REQUIRE(v.ok());
        REQUIRE(v->passport);
        CHECK(passport_id_text(v->passport->id) == p->id);
        CHECK(v->passport->short_code == p->short_code);
    }
    CHECK(codes.size() == 200);
    CHECK(ids.size() == 200);
    CHECK(k.count("passports") == 200);
}

TEST_CASE("a kiosk without a code or key issues no passport and stores nothing", "[passports]") {
    Kiosk k("");
    CHECK_FALSE(k.book->can_issue());
    auto p = k.book->issue(january_10());
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().detail.find("[kiosk] code and key") != std::string::npos);
    CHECK(k.count("passports") == 0);
}

TEST_CASE("a visitor gets back into a passport by its code, typed loosely", "[passports]") {
    Kiosk k;
    auto p = k.book->issue(january_10());
    REQUIRE(p.ok());
    std::string loose = format_short_code(p->short_code);
    for (auto& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto opened = k.book->open_by_code(loose, 1000);
    REQUIRE(opened.ok());
    CHECK(opened->id == p->id);
}

TEST_CASE("wrong codes say what is wrong, and repeated ones must wait", "[passports]") {
    Kiosk k;
    auto p = k.book->issue(january_10());
    REQUIRE(p.ok());
    using R = PassportOpenFailure::Reason;
    auto reason = [&](const std::string& typed, Millis t) {
        auto r = k.book->open_by_code(typed, t);
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    Millis t = 0;
    // Typing slips: said so, and not counted as guesses (a guesser gets the check character right).
    CHECK(reason("", t).code_problem == ShortCodeProblem::empty);
    auto typo = reason(with_typo(p->short_code, 5), t);
    CHECK(typo.reason == R::bad_code);
    CHECK(typo.code_problem == ShortCodeProblem::check_failed);
    CHECK(reason("JJ1", t).code_problem == ShortCodeProblem::wrong_length);
    CHECK(k.book->throttle().failures(t) == 0);
    // Well-formed codes that open nothing: three are free.
    for (int i = 0; i < 3; ++i) CHECK(reason(new_short_code("JJ1"), t).reason == R::not_found);
    CHECK(k.book->throttle().wait_ms(t) == 0);
    // The fourth starts the waits: 5 s, then 10 s. Even the right code waits.
    CHECK(reason(new_short_code("K7Q"), t).reason == R::other_kiosk);
    auto blocked = reason(p->short_code, t + 1000);
    CHECK(blocked.reason == R::throttled);
    CHECK(blocked.wait_ms == 4000);
    t += 5000;
    CHECK(reason(new_short_code("JJ1"), t).reason == R::not_found);
    CHECK(reason(p->short_code, t + 9999).wait_ms == 1);
    // After the wait the right code opens it. Opening does not wipe the record of wrong codes
    // (else a guesser could reset it with a passport of their own) ...
    REQUIRE(k.book->open_by_code(p->short_code, t + 10000).ok());
    CHECK(k.book->throttle().failures(t + 10000) == 5);
    // ... but wrong codes age out, so the next visitor after a quiet spell never waits.
    Millis later = t + AttemptThrottle::kWindow;
    CHECK(k.book->throttle().failures(later) == 0);
    CHECK(k.book->throttle().wait_ms(later) == 0);
    auto next = reason(new_short_code("JJ1"), later);
    CHECK(next.reason == R::not_found);
    CHECK(k.book->throttle().wait_ms(later) == 0);
}

TEST_CASE("a scanned passport opens: this kiosk's, a trusted kiosk's, never an untrusted one", "[passports]") {
    Kiosk a;
    Kiosk b("K7Q", {a.kiosk_key.pub});
    auto p = a.book->issue(january_10());
    REQUIRE(p.ok());
    // At its own kiosk, by the URL in its QR code.
    auto own = a.book->open_by_scan(a.book->qr_text(*p), january_10());
    REQUIRE(own.ok());
    CHECK(own->id == p->id);
    // At a kiosk that trusts kiosk A: recorded there, and the typed code opens it there afterwards.
    auto there = b.book->open_by_scan(a.book->qr_text(*p), january_10());
    REQUIRE(there.ok());
    CHECK(there->id == p->id);
    CHECK(b.count("passports") == 1);
    CHECK(b.book->open_by_code(p->short_code, 0).ok());
    CHECK(b.book->stamp(p->id, StampKind::tour, "tour-1", january_10()).ok());
    // Kiosk A does not trust B: B's passports are refused at A, and nothing is stored.
    auto q = b.book->issue(january_10());
    REQUIRE(q.ok());
    auto refused = a.book->open_by_scan(b.book->qr_text(*q), january_10());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().reason == PassportOpenFailure::Reason::bad_token);
    CHECK(refused.error().token_problem->problem == TokenProblem::unknown_key);
    CHECK(a.count("passports") == 1);
    // A certificate is not a passport.
    auto cert = a.book->open_by_scan(a.certificate_for(*p, 3), january_10());
    REQUIRE_FALSE(cert.ok());
    CHECK(cert.error().reason == PassportOpenFailure::Reason::bad_token);
}

TEST_CASE("an opinion left with an open passport is stamped into it in the same transaction", "[passports]") {
    Kiosk k;
    auto p = k.book->issue(january_10());
    REQUIRE(p.ok());
    auto o = k.opinion(p->id);
    auto view = k.book->booklet(p->id);
    REQUIRE(view.ok());
    REQUIRE(view->stamps.size() == 1);
    CHECK(view->stamps[0].kind == StampKind::opinion);
    CHECK(view->stamps[0].ref == o);
    REQUIRE(view->stamps[0].opinion);
    CHECK(view->stamps[0].opinion->text == "收费应当按季度公示。");
    CHECK(view->stamps[0].status == OpinionStatus::received);

    // A passport this kiosk does not know: the opinion is refused and nothing is written.
    OpinionDraft d;
    d.text = "好";
    d.passport_id = std::string(32, 'a');
    auto r = k.outbox->submit(d, lianxin::test::draft_under_consultation(), january_10());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problem == OpinionProblem::passport_invalid);
    CHECK(k.count("opinions") == 1);
    CHECK(k.count("stamps") == 1);
}

TEST_CASE("a passport taken after an opinion starts with that opinion's stamp", "[passports]") {
    Kiosk k;
    auto o = k.opinion();
    auto p = k.book->issue(january_10(), o);
    REQUIRE(p.ok());
    auto view = k.book->booklet(p->id);
    REQUIRE(view.ok());
    REQUIRE(view->stamps.size() == 1);
    CHECK(view->stamps[0].ref == o);
    // A stamp for an opinion that does not exist issues nothing.
    auto bad = k.book->issue(january_10(), std::string("0190aaaa-0000-7000-8000-000000000000"));
    REQUIRE_FALSE(bad.ok());
    CHECK(k.count("passports") == 1);
}

TEST_CASE("statuses, replies, certificates and revocations from the hub show in the booklet", "[passports]") {
    Kiosk k;
    auto p = k.book->issue(january_10());
    REQUIRE(p.ok());
    auto o = k.opinion(p->id);
    REQUIRE(k.book->record_status(o, OpinionStatus::included, "", 2000).ok());
    REQUIRE(k.book->record_status(o, OpinionStatus::partly_adopted, "第三条已增加按季度公示的规定。", 3000).ok());
    // A late, older report changes nothing.
    REQUIRE(k.book->record_status(o, OpinionStatus::received, "", 2500).ok());
    auto token = k.certificate_for(*p, 3, Adoption::partly_adopted);
    REQUIRE(k.book->record_certificate(k.book->certificate_qr_text(token), 3000).ok());
    REQUIRE(k.book->record_certificate(token, 3001).ok());  // the same one again: kept once

    auto view = k.book->booklet(p->id);
    REQUIRE(view.ok());
    CHECK(view->stamps[0].status == OpinionStatus::partly_adopted);
    CHECK(view->stamps[0].reply == "第三条已增加按季度公示的规定。");
    REQUIRE(view->certificates.size() == 1);
    REQUIRE(view->certificates[0].claims);
    CHECK(view->certificates[0].claims->article == 3);
    CHECK(view->certificates[0].token == token);

    // Refused: signed by a key that is not the hub's, or for a passport unknown here.
    SecretKey stranger = generate_key();
    CHECK_FALSE(k.book->record_certificate(k.certificate_for(*p, 3, Adoption::adopted, &stranger), 4000).ok());
    Passport unknown = *p;
    unknown.id = passport_id_text(new_passport_id());
    CHECK_FALSE(k.book->record_certificate(k.certificate_for(unknown, 3), 4000).ok());
    CHECK(k.count("certificates") == 1);

    // Revoked: the booklet shows it refused, and a scan of it says so.
    REQUIRE(k.book->record_revocation(serial_text(view->certificates[0].claims->serial), 5000).ok());
    CHECK_FALSE(k.book->record_revocation("not-a-serial", 5000).ok());
    auto after = k.book->booklet(p->id);
    REQUIRE(after.ok());
    REQUIRE(after->certificates[0].refusal);
    CHECK(after->certificates[0].refusal->problem == TokenProblem::revoked);
    auto scanned = k.book->check_certificate(k.book->certificate_qr_text(token));
    REQUIRE_FALSE(scanned.ok());
    CHECK(scanned.error().problem == TokenProblem::revoked);
}
