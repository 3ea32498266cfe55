// The layout check over every screen and state a visitor can reach, in Chinese and English,
// landscape 1920×1080 and portrait 1080×1920: the real kiosk runs scripted walks with
// --layout-report, and any fault it reports (clipped or cut text, text out of its card, overlaps,
// small targets, low contrast) fails the test unless tests/gui/layout_exceptions.txt excuses it
// with a reason. With LIANXIN_SHOTS_OUT set, the screenshots and the reports are kept there.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/config/kiosk_config.h"
#include "core/opinions/opinion_outbox.h"
#include "core/sync/live_figures.h"
#include "core/i18n/bilingual_text.h"
#include "core/i18n/string_table.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/gui/kiosk_run.h"
#include "tests/gui/passport_seed.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

struct Exception {
    std::string kind, screen, element, reason;
};

// "kind | screen | element prefix | reason", # comments; * matches any screen or element.
std::vector<Exception> load_exceptions() {
    std::ifstream in(std::string(LIANXIN_SOURCE_DIR) + "/tests/gui/layout_exceptions.txt");
    REQUIRE(in);
    std::vector<Exception> out;
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string part; std::getline(ss, part, '|');) {
            auto b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
            f.push_back(b == std::string::npos ? "" : part.substr(b, e - b + 1));
        }
        INFO("layout_exceptions.txt line " << n << ": " << line);
        REQUIRE(f.size() == 4);
        REQUIRE_FALSE(f[2].empty());  // "*" for any element, never nothing
        REQUIRE_FALSE(f[3].empty());  // every exception says why
        out.push_back({f[0], f[1], f[2], f[3]});
    }
    return out;
}

bool excused(const nlohmann::json& fault, const std::vector<Exception>& ex, std::set<std::size_t>& used) {
    for (std::size_t i = 0; i < ex.size(); ++i) {
        auto& e = ex[i];
        if (e.kind != fault.value("kind", "")) continue;
        if (e.screen != "*" && e.screen != fault.value("screen", "")) continue;
        if (e.element != "*" && fault.value("element", "").rfind(e.element, 0) != 0) continue;
        used.insert(i);
        return true;
    }
    return false;
}

// Labels in the visitor's language, from the kiosk's own string tables; in the bilingual mode
// (`both`) as the kiosk names its targets there (kiosk/widgets/ui.h both_languages).
struct Words {
    const StringTable& t;
    Lang lang;
    bool both = false;
    std::string operator()(const char* key) const {
        return both ? target_name(both_languages(t.get(Lang::zh, key), t.get(Lang::en, key))) : t.get(lang, key);
    }
    std::string pick(const LocalizedText& x) const {
        return both ? target_name(both_texts(x.zh, x.en)) : x.in(lang);
    }
};

std::string tap(const std::string& label) { return "tap-text " + label + "\n"; }
// `shot` waits for fonts and images itself; screens change without transitions, so no wait.
std::string shot(const std::string& name) { return "shot " + name + "\n"; }
// A drag up the screen, and the time its inertia takes to settle.
const char* kScrollDown = "drag 540 1000 540 300 250\nwait 1200\n";

// The attract slides, the home screen, every timeline event, every section and exhibit (top and
// scrolled), the figures, the countdown, the PIN pad and maintenance.
// `tall_cards`: a section's cards run past the screen (both languages on a portrait screen), so
// the section is scrolled down before each exhibit after the first.
std::string exhibition_walk(const LoadedBundle& b, const Words& w, int slide_ms, bool tall_cards) {
    auto& c = b.content;
    std::string s = "expect-screen attract\n";
    // Each slide once its cross-fade (under a second) is over.
    for (std::size_t i = 0; i < c.slides.size(); ++i) {
        s += shot("attract-" + std::to_string(i + 1));
        s += "wait " + std::to_string(i == 0 ? slide_ms + 1000 : slide_ms) + "\n";
    }
    s += "tap 960 540\nexpect-screen home\n" + shot("home");
    s += tap(w("home.timeline")) + "expect-screen timeline\n";
    for (std::size_t i = 0; i < c.timeline.size(); ++i) {
        s += shot("timeline-" + std::to_string(i + 1));
        s += "key Right\nwait 600\n";
    }
    s += tap(w("nav.home")) + "expect-screen home\n";
    for (auto& sec : c.sections) {
        s += tap(w.pick(sec.title)) + "expect-screen section\n" + shot("section-" + sec.id);
        bool first = true;
        for (auto* e : c.exhibits_in(sec.id)) {
            if (tall_cards && !first) s += kScrollDown;
            first = false;
            s += tap(w.pick(e->title)) + "expect-screen exhibit\n" + shot("exhibit-" + e->id);
            s += kScrollDown + shot("exhibit-" + e->id + "-scrolled");
            s += tap(w("nav.back")) + "expect-screen section\n";
        }
        s += tap(w("nav.home")) + "expect-screen home\n";
    }
    s += tap(w("home.figures")) + "expect-screen figures\n" + shot("figures");
    s += kScrollDown + shot("figures-scrolled");
    s += "idle 91000\nexpect-screen countdown\n" + shot("countdown");
    s += "idle 21000\nexpect-screen attract\ntap 960 540\nexpect-screen home\n";
    for (int i = 0; i < 5; ++i) s += "tap 88 56\n";
    s += "expect-screen pin\n" + shot("pin");
    // The PIN pad and maintenance are for staff: in the hall's language even after 中英.
    Words staff{w.t, w.lang};
    for (const char* d : {"1", "1", "1", "1"}) s += tap(d);
    s += tap(staff("pin.ok")) + shot("pin-wrong");
    for (const char* d : {"2", "4", "6", "8"}) s += tap(d);
    s += tap(staff("pin.ok")) + "expect-screen maintenance\n" + shot("maintenance");
    s += kScrollDown + shot("maintenance-scrolled");
    return s;
}

// The consultations, the draft, every step of an opinion with its keyboards (ABC, pinyin with
// candidates, handwriting with candidates, digits) and every message the steps can show, the
// keep-or-discard question.
std::string opinion_walk(const LoadedBundle& b, const Words& w) {
    const std::string consult = w.pick(b.content.consultations.front().title);
    std::string s = "tap 960 540\nexpect-screen home\n";
    s += tap(w("home.consult")) + "expect-screen consultations\n" + shot("consultations");
    s += tap(consult) + "expect-screen draft\n" + shot("draft");
    s += "key Right\nwait 800\n" + shot("draft-next-article");
    s += tap(w("draft.comment_article")) + "expect-screen opinion-stance\n" + shot("stance");
    s += tap(w("opinion.suggest")) + "expect-screen opinion-write\n" + shot("write");
    s += tap(w("opinion.next")) + shot("write-empty");
    s += tap("ABC") + "type " + std::string(kOpinionTextMaxChars + 5, 'a') + "\n" + tap(w("opinion.next")) +
         shot("write-too-long");
    s += "key Escape\n" + shot("leave-question");
    s += tap(w("leave.keep")) + "expect-screen opinion-write\n";
    return s;
}

// The write step's keyboards and messages, then contact, review and thanks.
std::string writing_walk(const LoadedBundle& b, const Words& w) {
    const std::string consult = w.pick(b.content.consultations.front().title);
    std::string s = "tap 960 540\nexpect-screen home\n" + tap(w("home.consult")) + tap(consult) + "expect-screen draft\n";
    s += tap(w("draft.comment_article")) + tap(w("opinion.suggest")) + "expect-screen opinion-write\n";
    s += tap("ABC") + "type good idea\n" + shot("keyboard-abc");
    s += "type  \xF0\x9F\x98\x80\n" + shot("write-emoji");  // left out as typed, with a word why
    s += "key Escape\n" + tap(w("leave.discard"));
    s += tap(w("draft.comment_article")) + tap(w("opinion.suggest")) + "expect-screen opinion-write\n";
    Words keys{w.t, w.lang};  // keyboards name their keys in one language, 中英 included
    s += tap(keys("input.pinyin")) + "type lifa\nwait 100\n" + shot("pinyin-candidates");
    s += tap("立法") + tap(keys("input.handwriting"));
    s += "drag-in handwriting-pad 0.15 0.5 0.85 0.48 300\ndrag-in handwriting-pad 0.5 0.12 0.52 0.88 300\n";
    s += "wait 100\n" + shot("handwriting");
    s += tap("十") + tap(w("opinion.next")) + "expect-screen opinion-contact\n" + shot("contact");
    s += tap(w("opinion.give_contact")) + tap(w("opinion.phone")) + "type 12345\n" + shot("contact-keyboard");
    s += tap("consent") + tap(w("opinion.next")) + shot("contact-phone-invalid");
    s += tap("consent");
    for (int i = 0; i < 5; ++i) s += "key BackSpace\n";
    s += "type 13812345678\n" + tap(w("opinion.next")) + shot("contact-no-consent");
    s += tap("consent") + tap(w("opinion.next")) + "expect-screen opinion-review\n" + shot("review");
    s += tap(w("opinion.submit")) + "expect-screen opinion-thanks\n" + shot("thanks");
    return s;
}

// A passport from an earlier visit: scanned, its booklet, its certificate; the desk with a wrong
// and a throttled code; a tampered certificate refused.
std::string passport_walk(const Words& w, const Seeded& seeded) {
    std::string serial = certificate_serial(seeded), tampered = tampered_certificate(seeded);
    std::string code = seeded.passport.short_code, typo = mistyped_code(seeded);
    std::string s = "scan " + passport_url("http://localhost:8470", seeded.passport.token) + "\nexpect-screen passport\n";
    s += shot("passport");
    s += kScrollDown + shot("passport-scrolled");
    s += "tap-text certificate-" + serial + "\nexpect-screen certificate\ntap-text certificate-valid\n" + shot("certificate");
    s += "key Escape\nexpect-screen passport\n" + tap(w("passport.close")) + "expect-screen home\n";
    s += tap(w("home.passport")) + "expect-screen passport-desk\n" + shot("desk");
    s += "type " + typo + "\nkey Return\n" + shot("desk-wrong-code");
    for (int i = 0; i < 4; ++i) s += "type " + new_short_code("JJ1") + "\nkey Return\n";
    s += "type " + code + "\nkey Return\n" + shot("desk-throttled");
    s += "scan " + certificate_url("http://localhost:8470", tampered) + "\nexpect-screen certificate\n";
    s += "tap-text certificate-refused\n" + shot("certificate-refused");
    return s;
}

// An opinion on the whole draft, with the other two stances, then a consultation past its
// deadline: its badge on the list and the draft saying it no longer takes opinions.
std::string stances_walk(const LoadedBundle& b, const Words& w) {
    const std::string consult = w.pick(b.content.consultations.front().title);
    std::string s = "tap 960 540\nexpect-screen home\n" + tap(w("home.consult")) + tap(consult) + "expect-screen draft\n";
    s += tap(w("draft.comment_whole")) + "expect-screen opinion-stance\n" + shot("stance-whole");
    s += tap(w("opinion.support")) + "expect-screen opinion-write\n" + shot("write-support");
    s += "key Escape\nexpect-screen draft\n";  // nothing written: no question
    s += tap(w("draft.comment_article")) + tap(w("opinion.oppose")) + "expect-screen opinion-write\n" + shot("write-oppose");
    return s;
}

std::string closed_walk(const LoadedBundle& b, const Words& w) {
    const std::string consult = w.pick(b.content.consultations.front().title);
    std::string s = "tap 960 540\nexpect-screen home\n" + tap(w("home.consult")) + "expect-screen consultations\n";
    s += shot("consultations-closed") + tap(consult) + "expect-screen draft\n" + shot("draft-closed");
    return s;
}

// A kiosk with no content it can show and its records found damaged: the out-of-service screen,
// maintenance saying both in plain words, and the exit question.
std::string damage_walk(const Words& w) {
    std::string s = "expect-screen out-of-service\n" + shot("out-of-service");
    for (int i = 0; i < 5; ++i) s += "tap 112 83\n";
    s += "expect-screen pin\n";
    for (const char* d : {"2", "4", "6", "8"}) s += tap(d);
    s += tap(w("pin.ok")) + "expect-screen maintenance\n" + shot("maintenance-damage");
    s += tap(w("maintenance.exit")) + shot("maintenance-exit-question");
    s += tap(w("maintenance.exit_no")) + "expect-screen maintenance\n";
    return s;
}

// The station: its deputies (all, then one topic), what is on, coming up and already held.
std::string station_walk(const LoadedBundle& b, const Words& w) {
    // On a portrait screen the station's tile is below the fold: the home screen scrolls to it.
    std::string s = "tap 960 540\nexpect-screen home\n" + std::string(kScrollDown) + shot("home-scrolled") +
                    tap(w("home.station")) + "expect-screen deputies\n" + shot("deputies");
    s += tap(w.pick(b.content.deputies.front().topics.front())) + shot("deputies-topic");
    s += tap(w("deputies.all_topics")) + kScrollDown + shot("deputies-scrolled");
    s += "drag 540 300 540 1000 250\nwait 1200\ndrag 540 300 540 1000 250\nwait 1200\n" + tap(w("home.schedule")) + "expect-screen schedule\n" + shot("schedule");
    s += kScrollDown + shot("schedule-scrolled") + kScrollDown + shot("schedule-end");
    return s;
}

// The guestbook and the visitors' wall (empty, then with the entry just signed), with the
// refusals of its form; then a request to meet a deputy, with its refusals, and its thanks.
std::string visitors_walk(const Words& w) {
    std::string s = "tap 960 540\nexpect-screen home\n" + std::string(kScrollDown) + tap(w("tour.home"));
    s += std::string("expect-screen tours\n") + kScrollDown + tap(w("home.guestbook")) + "expect-screen visitors-wall\n" + shot("wall-empty");
    s += tap(w("wall.sign")) + "expect-screen guestbook-about\n" + shot("guestbook-about");
    s += tap(w("opinion.next")) + shot("guestbook-about-empty");
    s += "type 四川省成都市人民代表大会常务委员会法制工作委员会\n" + tap(w("guestbook.field.origin")) + "type 四川成都\n";
    s += tap(w("guestbook.field.people")) + "type 900\n" + tap(w("opinion.next")) + shot("guestbook-people-range");
    s += "key BackSpace\nkey BackSpace\nkey BackSpace\ntype 12\n" + tap(w("opinion.next"));
    s += "expect-screen guestbook-message\n" + shot("guestbook-message");
    s += "type 我们从成都来，看到群众的意见从这里一条条走进法规，很受启发。基层立法联系点是人民民主的生动实践，祝越办越好！\n";
    s += tap(w("guestbook.on_wall")) + shot("guestbook-message-filled");
    s += tap(w("guestbook.sign")) + "expect-screen guestbook-thanks\n" + shot("guestbook-thanks");
    s += tap(w("guestbook.see_wall")) + "expect-screen visitors-wall\n" + shot("wall");
    s += tap(w("nav.home")) + "expect-screen home\n" + kScrollDown + tap(w("home.station")) + "expect-screen deputies\n";
    // The township deputy's card ends the directory: at its foot once scrolled, in every mode.
    s += std::string(kScrollDown) + kScrollDown + "tap-text meet-li-fang\nexpect-screen meeting-topic\n" + shot("meeting-topic");
    s += tap(w("opinion.next")) + shot("meeting-topic-empty");
    s += "type 老旧小区加装电梯的进展，以及加装以后的维护费用由谁承担\n" + tap(w("opinion.next"));
    s += "expect-screen meeting-contact\n" + shot("meeting-contact");
    s += "type 王女士\n" + tap(w("meeting.submit")) + shot("meeting-no-consent");
    s += tap("consent") + tap(w("opinion.phone")) + "type 13812345678\n" + shot("meeting-contact-filled");
    s += tap(w("meeting.submit")) + "expect-screen meeting-thanks\n" + shot("meeting-thanks");
    return s;
}

// A guided tour: the list, every stop, the end page with a passport's stamp, the overview, and
// the booklet with the tour's stamp. A tour's pages speak both languages whatever the visit's.
std::string tour_walk(const LoadedBundle& b, const Words& w, const Seeded& seeded, bool portrait) {
    const Tour& tour = b.content.tours.front();
    Words both{w.t, Lang::zh, true};
    std::string s = "scan " + passport_url("http://localhost:8470", seeded.passport.token) + "\nexpect-screen passport\n";
    s += "key Escape\nexpect-screen home\n" + std::string(kScrollDown);
    s += tap(w("tour.home")) + "expect-screen tours\n" + shot("tours");
    s += tap(w.pick(tour.title)) + "expect-screen tour\n";
    for (std::size_t i = 0; i < tour.stops.size(); ++i) {
        s += shot("tour-stop-" + std::to_string(i + 1));
        s += "key PageDown\nwait 800\n";
    }
    s += "expect-screen tour-end\n" + shot("tour-end");
    s += tap(both("tour.overview")) + "expect-screen tour-overview\n" + shot("tour-overview");
    s += kScrollDown + shot("tour-overview-scrolled");
    s += "tap-text overview-stop-1\nexpect-screen tour\nwait 800\n";
    s += tap(both("tour.exit")) + "expect-screen tours\n" + tap(w("nav.home")) + "expect-screen home\n";
    // The stamps page: below the identity page on a portrait screen, right of it in landscape.
    s += tap(w("home.passport")) + "expect-screen passport\n" + shot("passport-tour-stamp");
    s += (portrait ? std::string(kScrollDown) : "drag 1400 900 1400 300 250\nwait 1200\n") + shot("passport-tour-stamp-scrolled");
    return s;
}

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The hall's live figures as a kiosk that has synced holds them: its own opinions in kiosk.db and
// the district's block taken at `as_of_ms` (wall clock), with two open drafts.
void seed_live_figures(const TempDir& dir, const LoadedBundle& b, std::int64_t as_of_ms) {
    auto db = KioskDb::open(dir / "data");
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "demo-kiosk");
    for (int i = 0; i < 3; ++i) {
        OpinionDraft d;
        d.article = 1;
        d.text = "公共收益应当每季度公示。";
        const Consultation& c = b.content.consultations.front();
        REQUIRE(outbox.submit(d, c, Moment{now_ms(), add_days(c.deadline, -1)}).ok());
    }
    DistrictFigures f{12480, 3175, 2906, 148, 2360, {}};
    for (auto& c : b.content.consultations) f.consultations.push_back({c.id, f.consultations.empty() ? 8630 : 1254});
    (*db)->locked([&](SqliteDb& s) { replace_district_figures_rows(s, f, as_of_ms); });
}

// The live figures: the attract loop's figures slide, the figures screen with a fresh block (top
// and scrolled to the drafts' bars) and with one days old.
std::string live_figures_walk(const LoadedBundle& b, const Words& w, int slide_ms) {
    std::string s = "expect-screen attract\n";
    s += "wait " + std::to_string(static_cast<int>(b.content.slides.size()) * slide_ms + 1000) + "\n" + shot("attract-figures");
    s += "tap 960 540\nexpect-screen home\n" + tap(w("home.figures")) + "expect-screen figures\nwait 1000\n" + shot("figures-live");
    s += kScrollDown + shot("figures-live-scrolled");
    return s;
}

std::string stale_figures_walk(const Words& w) {
    return "tap 960 540\nexpect-screen home\n" + tap(w("home.figures")) + "expect-screen figures\nwait 1000\n" +
           shot("figures-stale");
}

// One language and orientation: twelve scripted runs, every fault reported at once.
void check_layout(const Setup& setup) {
    auto bundle = demo_bundle();
    auto strings = StringTable::load(std::string(LIANXIN_SOURCE_DIR) + "/assets/strings");
    REQUIRE(strings.ok());
    auto cfg = load_kiosk_config(demo_dir() / "kiosk.toml");
    REQUIRE(cfg.ok());
    auto exceptions = load_exceptions();
    bool both = std::string(setup.lang) == "zh+en";
    Lang lang = std::string(setup.lang) == "en" ? Lang::en : Lang::zh;
    std::string tag = std::string(setup.lang) + "-" + std::to_string(setup.w) + "x" + std::to_string(setup.h);
    INFO(tag);
    Words w{*strings, lang, both};

    std::vector<nlohmann::json> faults;
    std::set<std::size_t> used;  // exceptions that excused something: a stale one is a fault too
    int shots = 0;
    // LIANXIN_LAYOUT_WALKS=visitors,station runs only those walks, for work on their screens.
    const char* only = std::getenv("LIANXIN_LAYOUT_WALKS");
    const bool all_walks = !only || !*only;
    auto walk = [&](const std::string& name, std::string script, const TempDir& dir, const std::string& args = "") {
        if (!all_walks && ("," + std::string(only) + ",").find("," + name + ",") == std::string::npos) return;
        auto report = dir / "layout.jsonl";
        if (both) {
            // The visit starts from the attract loop by choosing 中英, or there first when a scan starts it.
            if (script.rfind("scan ", 0) == 0) script = "tap-text 中英\nexpect-screen home\n" + script;
            for (std::size_t at; (at = script.find("tap 960 540\n")) != std::string::npos;)
                script.replace(at, 12, "tap-text 中英\n");
        }
        auto run = run_kiosk(dir, script, setup.w, setup.h,
                             std::string("--lang ") + lang_code(lang) + " --layout-report " + report.string() + " " + args,
                             "layout-" + tag + "/" + name);
        INFO(name << ": " << run.output);
        REQUIRE(run.exit_code == 0);
        shots += static_cast<int>(run.all("shot").size());
        std::ifstream in(report);
        REQUIRE(in);
        int checked = 0;
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            auto j = nlohmann::json::parse(line);
            if (j.value("kind", "") == "checked") {
                ++checked;
                CHECK(j.value("texts", 0) > 0);  // every shot shows words the check looked at
                continue;
            }
            if (!excused(j, exceptions, used)) faults.push_back(j);
        }
        CHECK(checked == static_cast<int>(run.all("shot").size()));
        if (const char* out = std::getenv("LIANXIN_SHOTS_OUT"); out && *out)
            std::filesystem::copy_file(report, std::filesystem::path(out) / ("layout-" + tag) / name / "layout.jsonl",
                                       std::filesystem::copy_options::overwrite_existing);
    };
    {
        TempDir dir;
        walk("exhibition", exhibition_walk(bundle, w, cfg->slide_seconds * 1000, both && setup.h > setup.w), dir);
    }
    {
        TempDir dir;
        walk("opinion", opinion_walk(bundle, w), dir);
    }
    {
        TempDir dir;
        seed_live_figures(dir, bundle, now_ms() - 20 * 60 * 1000);
        walk("live-figures", live_figures_walk(bundle, w, cfg->slide_seconds * 1000), dir);
    }
    {
        TempDir dir;
        seed_live_figures(dir, bundle, now_ms() - 3 * kLiveFiguresStaleMs);
        walk("stale-figures", stale_figures_walk(w), dir);
    }
    {
        TempDir dir;
        walk("writing", writing_walk(bundle, w), dir);
    }
    {
        TempDir dir;
        auto seeded = seed_passport(dir);
        walk("passport", passport_walk(w, seeded), dir);
    }
    {
        TempDir dir;
        walk("stances", stances_walk(bundle, w), dir);
    }
    {
        TempDir dir;
        walk("visitors", visitors_walk(w), dir);
    }
    {
        TempDir dir;
        auto seeded = seed_passport(dir);
        walk("tour", tour_walk(bundle, w, seeded, setup.h > setup.w), dir);
    }
    {
        // A day with items both coming up and already held.
        TempDir dir;
        setenv("LIANXIN_TODAY", "2026-12-07", 1);
        walk("station", station_walk(bundle, w), dir);
        unsetenv("LIANXIN_TODAY");
    }
    {
        // The day after the deadline: LIANXIN_TODAY moves the kiosk's calendar (kiosk_services.cpp).
        TempDir dir;
        auto deadline = bundle.content.consultations.front().deadline;
        setenv("LIANXIN_TODAY", add_days(deadline, 1).to_string().c_str(), 1);
        walk("closed", closed_walk(bundle, w), dir);
        unsetenv("LIANXIN_TODAY");
    }
    {
        // Content that is not a bundle (nothing verified to fall back on) and a kiosk.db of zeros.
        TempDir dir;
        std::filesystem::create_directories(dir / "data");
        write_text(dir / "data" / "kiosk.db", std::string(8192, '\0'));
        write_text(dir / "content.lxb", "");
        // Out of service, no visitor can choose 中英: staff read the hall's language.
        walk("damage", damage_walk(Words{*strings, lang}), dir, "--content " + (dir / "content.lxb").string());
    }
    // The walks reached their screens, and every exception still excuses something (with some
    // walks left out, an exception may be for theirs).
    CHECK(shots > (all_walks ? 50 : 0));
    for (std::size_t i = 0; all_walks && i < exceptions.size(); ++i) {
        INFO("tests/gui/layout_exceptions.txt: this exception excused nothing; remove it: " << exceptions[i].kind << " | "
             << exceptions[i].screen << " | " << exceptions[i].element);
        CHECK(used.count(i) == 1);
    }

    std::ostringstream msg;
    for (auto& f : faults)
        msg << f.value("shot", "") << " [" << f.value("screen", "") << "] " << f.value("kind", "") << ": "
            << f.value("element", "") << " — " << f.value("detail", "") << " at " << f["rect"].dump() << "\n";
    INFO(faults.size() << " layout faults:\n" << msg.str());
    CHECK(faults.empty());
}

}  // namespace

// One test per language and orientation, so they run side by side and each stays well inside
// the GUI tests' time limit.
TEST_CASE("every screen and state passes the layout check: zh 1920x1080", "[gui][layout]") { check_layout({"zh", 1920, 1080}); }
TEST_CASE("every screen and state passes the layout check: en 1920x1080", "[gui][layout]") { check_layout({"en", 1920, 1080}); }
TEST_CASE("every screen and state passes the layout check: zh 1080x1920", "[gui][layout]") { check_layout({"zh", 1080, 1920}); }
TEST_CASE("every screen and state passes the layout check: en 1080x1920", "[gui][layout]") { check_layout({"en", 1080, 1920}); }
TEST_CASE("every screen and state passes the layout check: zh+en 1920x1080", "[gui][layout]") { check_layout({"zh+en", 1920, 1080}); }
TEST_CASE("every screen and state passes the layout check: zh+en 1080x1920", "[gui][layout]") { check_layout({"zh+en", 1080, 1920}); }
