// Seeds a passport with an adopted opinion and its certificate (see passport_seed.h).
#include "tests/gui/passport_seed.h"

#include <catch2/catch.hpp>

#include "core/opinions/opinion_outbox.h"
#include "tests/gui/kiosk_run.h"

namespace lianxin::test {

SecretKey demo_key(const char* name) {
    auto k = load_secret_key(demo_dir() / name);
    REQUIRE(k.ok());
    return *k;
}

std::unique_ptr<PassportBook> demo_book(KioskDb& db) {
    return std::make_unique<PassportBook>(
        db, PassportSettings{"demo-kiosk", "JJ1", demo_key("kiosk.key"), {}, {demo_key("hub-certificate.key").pub},
                             "http://localhost:8470"});
}

Seeded seed_passport(const TempDir& dir) {
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    auto book = demo_book(**db);
    Moment when{1799544600250, {2027, 1, 10}};
    auto p = book->issue(when);
    REQUIRE(p.ok());
    OpinionOutbox outbox(**db, "demo-kiosk");
    auto bundle = demo_bundle();
    OpinionDraft d;
    d.article = 3;
    d.text = "物业费的收支情况应当每季度在小区公告栏公示。";
    d.passport_id = p->id;
    auto o = outbox.submit(d, bundle.content.consultations.front(), when);
    REQUIRE(o.ok());
    REQUIRE(book->record_status(*o, OpinionStatus::partly_adopted, "第三条已改为按季度公示收支情况。", 2000).ok());
    PassportId id{};
    REQUIRE(parse_passport_id(p->id, id));
    CertificateClaims c;
    c.serial = new_certificate_serial();
    c.passport = passport_ref_of(id);
    c.consultation_id = bundle.content.consultations.front().id;
    c.article = 3;
    c.adoption = Adoption::partly_adopted;
    c.decided = {2027, 3, 1};
    auto token = issue_certificate_token(c, demo_key("hub-certificate.key"));
    REQUIRE(token.ok());
    REQUIRE(book->record_certificate(*token, 3000).ok());
    return {*p, *o, *token};
}

std::string certificate_serial(const Seeded& seeded) {
    auto cert = verify_token(seeded.certificate, {demo_key("hub-certificate.key").pub});
    REQUIRE(cert.ok());
    return serial_text(cert->certificate->serial);
}

std::string tampered_certificate(const Seeded& seeded) {
    std::string t = seeded.certificate;
    char& c = t[t.size() - 3];
    c = c == 'A' ? 'B' : 'A';
    return t;
}

std::string mistyped_code(const Seeded& seeded) {
    std::string typo = seeded.passport.short_code;
    typo[6] = typo[6] == '7' ? '8' : '7';
    return typo;
}

}  // namespace lianxin::test
