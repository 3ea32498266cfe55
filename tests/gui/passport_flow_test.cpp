// Participation passports and certificates through the real kiosk under Xvfb: a passport taken
// after an opinion, its QR code read back from the screenshot with zbarimg and verified; back in
// by typed code (wrong codes refused, then slowed down) and by a scanner burst; a certificate
// shown and verified, a tampered one refused; a card printed through lp.
#include <catch2/catch.hpp>

#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "tests/gui/kiosk_run.h"
#include "tests/gui/passport_seed.h"
#include "tests/support/qr_decode.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// What a QR code in a PNG says, by zbarimg; empty if it finds none.
std::string read_qr(const std::filesystem::path& png) {
    auto d = zbar_decode(png);
    return d.ok ? d.text : "";
}

struct Labels {
    std::string consult, comment_article, support, next, skip, submit, take_passport, close, passport_tile, print, pinyin;
};
Labels labels(Lang lang) {
    if (lang == Lang::zh)
        return {"征求意见", "对这一条提意见", "赞成", "下一步", "不留联系方式", "提交意见", "领取参与护照",
                "关闭我的护照", "我的参与护照", "打印卡片", "拼音"};
    return {"Have your say", "Comment on this article", "I support it", "Next", "No, thank you", "Submit my opinion",
            "Get a participation passport", "Close my passport", "My participation passport", "Print a card", "Pinyin"};
}

std::string tag(const Setup& s) { return std::string(s.lang) + "-" + std::to_string(s.w) + "x" + std::to_string(s.h); }

}  // namespace

TEST_CASE("a visitor takes a passport after an opinion and its QR code reads back and verifies", "[gui][passport]") {
    auto bundle = demo_bundle();
    auto setup = GENERATE(Setup{"zh", 1920, 1080}, Setup{"en", 1920, 1080}, Setup{"zh", 1080, 1920}, Setup{"en", 1080, 1920});
    Lang lang = std::string(setup.lang) == "zh" ? Lang::zh : Lang::en;
    INFO(tag(setup));
    auto l = labels(lang);
    std::string s = lang == Lang::en ? "tap-text EN\n" : "tap 500 500\n";
    s += "tap-text " + l.consult + "\ntap-text " + bundle.content.consultations.front().title.in(lang) + "\nwait 300\n";
    s += "tap-text " + l.comment_article + "\ntap-text " + l.support + "\nexpect-screen opinion-write\n";
    s += "tap-text " + l.pinyin + "\ntype hao\ntap-text 好\n";
    s += "tap-text " + l.next + "\ntap-text " + l.skip + "\ntap-text " + l.submit + "\nexpect-screen opinion-thanks\n";
    s += "shot thanks\ntap-text " + l.take_passport + "\nexpect-screen passport\nshot passport\n";
    // Home shows the passport tile; with the passport open it leads straight back to it.
    s += "key Escape\nkey Escape\nkey Escape\nkey Escape\nexpect-screen home\nshot home\n";
    s += "tap-text " + l.passport_tile + "\nexpect-screen passport\n";
    s += "tap-text " + l.close + "\nexpect-screen home\ntap-text " + l.passport_tile + "\nexpect-screen passport-desk\nshot desk\n";

    TempDir dir;
    auto run = run_kiosk(dir, s, setup.w, setup.h, "", "passport-" + tag(setup));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    auto book = demo_book(**db);
    std::string id = (*db)->locked([](SqliteDb& d) {
        auto st = d.prepare("SELECT id FROM passports");
        REQUIRE(st.step());
        std::string v = st.text(0);
        CHECK_FALSE(st.step());
        return v;
    });
    auto view = book->booklet(id);
    REQUIRE(view.ok());
    REQUIRE(view->stamps.size() == 1);  // the opinion just left
    REQUIRE(view->stamps[0].opinion);
    CHECK(view->stamps[0].opinion->text == "好");

    std::string qr = read_qr(run.shots / "passport.png");
    INFO("QR text: " << qr);
    REQUIRE_FALSE(qr.empty());
    CHECK(qr.rfind("HTTP://LOCALHOST:8470/P/LXP1:", 0) == 0);
    auto v = verify_token(qr, {demo_key("kiosk.key").pub});
    REQUIRE(v.ok());
    CHECK(passport_id_text(v->passport->id) == id);
}

TEST_CASE("back into a passport by typed code and by scanner, its certificate verifies on screen", "[gui][passport]") {
    auto setup = GENERATE(Setup{"zh", 1920, 1080}, Setup{"en", 1080, 1920});
    Lang lang = std::string(setup.lang) == "zh" ? Lang::zh : Lang::en;
    INFO(tag(setup));
    auto l = labels(lang);
    TempDir dir;
    auto seeded = seed_passport(dir);
    PassportId pid{};
    REQUIRE(parse_passport_id(seeded.passport.id, pid));
    std::string url = passport_url("http://localhost:8470", seeded.passport.token);
    std::string serial = certificate_serial(seeded), tampered = tampered_certificate(seeded);
    std::string code = seeded.passport.short_code, typo = mistyped_code(seeded);

    std::string s = lang == Lang::en ? "tap-text EN\n" : "";
    // 1. A scanner burst on the attract loop opens the passport.
    s += "scan " + url + "\nexpect-screen passport\nshot scanned\n";
    s += "tap-text " + l.close + "\nexpect-screen home\n";
    // 2. Typed codes: a typo is refused (not counted); after four unknown codes, entries wait.
    s += "tap-text " + l.passport_tile + "\nexpect-screen passport-desk\n";
    // A letter the codes never use (U), typed on a physical keyboard: refused, and the code stays
    // with that character marked; Return again judges the same code; the next letter starts anew.
    std::string with_u = code.substr(0, 4) + "U" + code.substr(5);
    s += "type " + with_u + "\nkey Return\nexpect-screen passport-desk\nshot bad-character\nkey Return\n";
    s += "type " + typo + "\nkey Return\nexpect-screen passport-desk\nshot wrong-code\n";
    for (int i = 0; i < 4; ++i) s += "type " + new_short_code("JJ1") + "\nkey Return\n";
    s += "type " + code + "\nkey Return\nexpect-screen passport-desk\nshot throttled\n";
    s += "wait 5200\nkey Return\nexpect-screen passport\nshot opened\n";
    // 3. The certificate inside it, then a tampered one scanned.
    s += "tap-text certificate-" + serial + "\nexpect-screen certificate\ntap-text certificate-valid\nshot certificate\n";
    s += "scan " + certificate_url("http://localhost:8470", tampered) + "\nexpect-screen certificate\n";
    s += "tap-text certificate-refused\nshot certificate-refused\n";

    auto run = run_kiosk(dir, s, setup.w, setup.h, "", "passport-return-" + tag(setup));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto refusals = run.all("passport_refused");
    REQUIRE(refusals.size() >= 8);
    CHECK(refusals[0]["detail"].get<std::string>() == "typed code refused: bad_character at character 5");
    CHECK(refusals[1]["detail"] == refusals[0]["detail"]);  // the code stayed in the field
    CHECK(refusals[2]["detail"].get<std::string>().find("check_failed") != std::string::npos);
    CHECK(refusals[3]["detail"].get<std::string>().find("no passport with code") != std::string::npos);
    CHECK(refusals[7]["detail"].get<std::string>().find("too many") != std::string::npos);
    auto opened = run.all("passport_opened");
    REQUIRE(opened.size() == 2);
    // Logs name the passport by its ref, never by the id that opens it.
    CHECK(opened[0]["detail"].get<std::string>() == "scan " + passport_log_ref(seeded.passport.id));
    CHECK(opened[1]["detail"].get<std::string>() == "code " + passport_log_ref(seeded.passport.id));
    CHECK(run.output.find(seeded.passport.id) == std::string::npos);

    // The certificate's QR code in the screenshot reads back and verifies offline.
    std::string qr = read_qr(run.shots / "certificate.png");
    INFO("certificate QR: " << qr);
    REQUIRE_FALSE(qr.empty());
    auto v = verify_token(qr, {demo_key("hub-certificate.key").pub});
    REQUIRE(v.ok());
    CHECK(serial_text(v->certificate->serial) == serial);
    CHECK(v->certificate->passport == passport_ref_of(pid));
    // And so does the passport's, shown after the scan.
    auto pv = verify_token(read_qr(run.shots / "scanned.png"), {demo_key("kiosk.key").pub});
    REQUIRE(pv.ok());
    CHECK(passport_id_text(pv->passport->id) == seeded.passport.id);
}

TEST_CASE("a passport card prints through lp, and a printer fault is reported", "[gui][passport][print]") {
    TempDir dir;
    auto seeded = seed_passport(dir);
    std::string url = passport_url("http://localhost:8470", seeded.passport.token);
    // The demo configuration beside links to the demo's files, plus a printer.
    std::filesystem::create_directories(dir / "cfg");
    for (const char* f : {"demo.lxb", "demo.lxb.sig", "publisher.pub", "kiosk.key", "hub-certificate.pub", "rime"})
        std::filesystem::create_symlink(demo_dir() / f, dir / "cfg" / f);
    auto config = [&](const std::string& lp) {
        std::string toml = read_text(demo_dir() / "kiosk.toml");
        toml += "\n[print]\nprinter = \"hall-printer\"\ncommand = \"" + lp + "\"\nformat = \"receipt\"\n";
        write_text(dir / "cfg" / "kiosk.toml", toml);
        return " --config " + (dir / "cfg" / "kiosk.toml").string();
    };
    write_text(dir / "lp-ok", "#!/bin/sh\necho \"$@\" > '" + (dir / "lp-args").string() + "'\n"
                               "for last; do :; done\ncp \"$last\" '" + (dir / "printed.png").string() + "'\n"
                               "echo 'request id is hall-printer-7 (1 file(s))'\n");
    write_text(dir / "lp-broken", "#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n");
    run_command("chmod +x '" + (dir / "lp-ok").string() + "' '" + (dir / "lp-broken").string() + "'");

    std::string s = "scan " + url + "\nexpect-screen passport\ntap-text 打印卡片\nwait 4000\nshot printed\n";
    auto run = run_kiosk(dir, s, 1920, 1080, config((dir / "lp-ok").string()), "passport-print");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    std::string args = read_text(dir / "lp-args");
    CHECK(args.find("-d hall-printer") != std::string::npos);
    auto v = verify_token(read_qr(dir / "printed.png"), {demo_key("kiosk.key").pub});
    REQUIRE(v.ok());
    CHECK(passport_id_text(v->passport->id) == seeded.passport.id);

    auto broken = run_kiosk(dir, s, 1920, 1080, config((dir / "lp-broken").string()), "passport-print-fault");
    INFO(broken.output);
    REQUIRE(broken.exit_code == 0);
    CHECK(broken.output.find("The printer or class does not exist") != std::string::npos);
}

TEST_CASE("the session reset closes an open passport", "[gui][passport]") {
    TempDir dir;
    auto seeded = seed_passport(dir);
    auto l = labels(Lang::zh);
    std::string s = "scan " + passport_url("http://localhost:8470", seeded.passport.token) + "\nexpect-screen passport\n";
    // Nobody touches the screen: countdown, then the reset back to the attract loop.
    s += "idle 120000\nexpect-screen attract\ntap 500 500\nexpect-screen home\n";
    s += "tap-text " + l.passport_tile + "\nexpect-screen passport-desk\n";
    auto run = run_kiosk(dir, s, 1920, 1080);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK(run.all("passport_opened").size() == 1);
}
