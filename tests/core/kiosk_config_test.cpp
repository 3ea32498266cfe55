// kiosk.toml (load_kiosk_config): every setting read, relative paths from the file's folder,
// keys loaded; out-of-range or wrong-type values refused as file:line: key: rule.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/base/field_limits.h"
#include "core/config/kiosk_config.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {
Result<KioskConfig> load_text(const TempDir& tmp, const std::string& text) {
    auto path = tmp / "etc" / "kiosk.toml";
    write_text(path, text);
    return load_kiosk_config(path);
}

std::string error_of(const Result<KioskConfig>& r) { return r ? std::string("(loaded)") : r.error().detail; }
}  // namespace

TEST_CASE("a full kiosk.toml is read, relative paths against the file's folder", "[core][config]") {
    TempDir tmp;
    auto file_key = generate_key();
    auto inline_key = generate_key();
    fs::create_directories(tmp / "etc" / "keys");
    REQUIRE(save_key_pair(file_key, tmp / "etc" / "keys" / "publisher").ok());
    std::string pin = hash_pin("2468");

    auto r = load_text(tmp, "[kiosk]\n"
                            "name = \"hall-1\"\n"
                            "content = \"bundles/demo.lxb\"\n"
                            "data_dir = \"../var/kiosk\"\n"
                            "assets_dir = \"/opt/lianxin/assets\"\n"
                            "hub_url = \"https://hub.example.org\"\n"
                            "language = \"en\"\n"
                            "publisher_keys = [\"keys/publisher.pub\", \"" +
                                inline_key.pub.to_text().substr(0, inline_key.pub.to_text().size() - 1) +
                                "\"]\n"
                                "\n[idle]\ntimeout_seconds = 120\ncountdown_seconds = 15\n"
                                "\n[attract]\nslide_seconds = 10\n"
                                "\n[maintenance]\npin_hash = \"" +
                                pin + "\"\n");
    INFO(error_of(r));
    REQUIRE(r.ok());
    auto& c = r.value();
    CHECK(c.name == "hall-1");
    CHECK(c.content == tmp.path() / "etc" / "bundles/demo.lxb");
    CHECK(c.data_dir == tmp.path() / "etc" / "../var/kiosk");
    CHECK(c.assets_dir == fs::path("/opt/lianxin/assets"));  // absolute stays as written
    CHECK(c.hub_url == "https://hub.example.org");
    CHECK(c.language == Lang::en);
    REQUIRE(c.publisher_keys.size() == 2);
    CHECK(c.publisher_keys[0].id == file_key.pub.id);
    CHECK(c.publisher_keys[0].bytes == file_key.pub.bytes);
    CHECK(c.publisher_keys[1].id == inline_key.pub.id);
    CHECK(c.idle.idle_timeout == 120'000);
    CHECK(c.idle.countdown == 15'000);
    CHECK(c.slide_seconds == 10);
    CHECK(c.maintenance_pin_hash == pin);
    CHECK(check_pin("2468", c.maintenance_pin_hash));
}

TEST_CASE("an empty kiosk.toml gives the defaults", "[core][config]") {
    TempDir tmp;
    auto r = load_text(tmp, "# nothing set\n");
    REQUIRE(r.ok());
    CHECK(r->name == "kiosk");
    CHECK(r->content.empty());
    CHECK(r->language == Lang::zh);
    CHECK(r->publisher_keys.empty());
    CHECK(r->idle.idle_timeout == 90'000);
    CHECK(r->idle.countdown == 20'000);
    CHECK(r->slide_seconds == 8);
    CHECK(r->maintenance_pin_hash.empty());
}

TEST_CASE("idle and slide times out of range are refused naming the key and the range", "[core][config]") {
    TempDir tmp;
    auto path = (tmp / "etc" / "kiosk.toml").string();
    struct Case {
        const char* text;
        const char* error;
    };
    for (auto [text, error] : {
             Case{"[idle]\ntimeout_seconds = 5\n", ":2: idle.timeout_seconds: must be between 10 and 3600"},
             Case{"[idle]\ntimeout_seconds = 3601\n", ":2: idle.timeout_seconds: must be between 10 and 3600"},
             Case{"[idle]\ntimeout_seconds = -90\n", ":2: idle.timeout_seconds: must be between 10 and 3600"},
             Case{"[idle]\ncountdown_seconds = 4\n", ":2: idle.countdown_seconds: must be between 5 and 120"},
             Case{"[idle]\ncountdown_seconds = 121\n", ":2: idle.countdown_seconds: must be between 5 and 120"},
             Case{"[attract]\nslide_seconds = 2\n", ":2: attract.slide_seconds: must be between 3 and 120"},
         }) {
        INFO(text);
        auto r = load_text(tmp, text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK(r.error().detail == path + error);
    }
    // The limits themselves are allowed.
    auto edge = load_text(tmp, "[idle]\ntimeout_seconds = 10\ncountdown_seconds = 120\n");
    REQUIRE(edge.ok());
    CHECK(edge->idle.idle_timeout == 10'000);
    CHECK(edge->idle.countdown == 120'000);
}

TEST_CASE("a guided tour's idle wait is read, checked against its range and never shorter than the visitor's",
          "[core][config][tour]") {
    TempDir tmp;
    auto path = (tmp / "etc" / "kiosk.toml").string();
    auto r = load_text(tmp, "[idle]\ntimeout_seconds = 90\ntour_timeout_seconds = 900\n");
    REQUIRE(r.ok());
    CHECK(r->idle.tour_idle_timeout == 900'000);
    CHECK(r->idle.idle_timeout == 90'000);
    // Unset: the default ten minutes, raised to the visitor's own wait when that is longer.
    auto plain = load_text(tmp, "");
    REQUIRE(plain.ok());
    CHECK(plain->idle.tour_idle_timeout == 600'000);
    auto long_idle = load_text(tmp, "[idle]\ntimeout_seconds = 1200\n");
    REQUIRE(long_idle.ok());
    CHECK(long_idle->idle.tour_idle_timeout == 1'200'000);
    // The limits, from core, are allowed and one past them is refused naming the key and range.
    std::string range = "must be between " + std::to_string(kTourIdleSecondsMin) + " and " +
                        std::to_string(kTourIdleSecondsMax) + " (seconds)";
    for (int ok : {kTourIdleSecondsMin, kTourIdleSecondsMax}) {
        auto edge = load_text(tmp, "[idle]\ntimeout_seconds = 60\ntour_timeout_seconds = " + std::to_string(ok) + "\n");
        INFO(ok << ": " << error_of(edge));
        REQUIRE(edge.ok());
        CHECK(edge->idle.tour_idle_timeout == ok * 1000LL);
    }
    for (int bad : {kTourIdleSecondsMin - 1, kTourIdleSecondsMax + 1, -600}) {
        auto e = load_text(tmp, "[idle]\ntour_timeout_seconds = " + std::to_string(bad) + "\n");
        INFO(bad);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().code == ErrorCode::invalid_input);
        CHECK(e.error().detail == path + ":2: idle.tour_timeout_seconds: " + range);
    }
    // Shorter than the visitor's wait: a tour would end sooner than a visitor alone.
    auto shorter = load_text(tmp, "[idle]\ntimeout_seconds = 300\ntour_timeout_seconds = 120\n");
    REQUIRE_FALSE(shorter.ok());
    CHECK(shorter.error().detail ==
          path + ":3: idle.tour_timeout_seconds: must not be shorter than idle.timeout_seconds (300): a guided tour waits "
                 "longer than a visitor browsing alone");
    auto wrong_type = load_text(tmp, "[idle]\ntour_timeout_seconds = \"600\"\n");
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().detail == path + ":2: idle.tour_timeout_seconds: must be a whole number");
}

TEST_CASE("a value of the wrong type is refused, not ignored", "[core][config]") {
    TempDir tmp;
    auto path = (tmp / "etc" / "kiosk.toml").string();
    struct Case {
        const char* text;
        const char* error;
    };
    for (auto [text, error] : {
             Case{"[idle]\ntimeout_seconds = \"90\"\n", ":2: idle.timeout_seconds: must be a whole number"},
             Case{"[idle]\ncountdown_seconds = 20.5\n", ":2: idle.countdown_seconds: must be a whole number"},
             Case{"[attract]\nslide_seconds = true\n", ":2: attract.slide_seconds: must be a whole number"},
             Case{"[kiosk]\ncontent = 7\n", ":2: kiosk.content: must be a string"},
             Case{"[kiosk]\nlanguage = 1\n", ":2: kiosk.language: must be a string"},
             Case{"[kiosk]\npublisher_keys = \"publisher.pub\"\n", ":2: kiosk.publisher_keys: must be a list of strings"},
             Case{"[maintenance]\npin_hash = 2468\n", ":2: maintenance.pin_hash: must be a string"},
         }) {
        INFO(text);
        auto r = load_text(tmp, text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK(r.error().detail == path + error);
    }
}

TEST_CASE("an unknown language is refused", "[core][config]") {
    TempDir tmp;
    auto r = load_text(tmp, "[kiosk]\nlanguage = \"fr\"\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().detail == (tmp / "etc" / "kiosk.toml").string() + ":2: kiosk.language: must be \"zh\" or \"en\"");
}

TEST_CASE("a publisher key that cannot be loaded is refused", "[core][config]") {
    TempDir tmp;
    auto missing = load_text(tmp, "[kiosk]\npublisher_keys = [\"keys/none.pub\"]\n");
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().detail, Catch::StartsWith((tmp / "etc" / "kiosk.toml").string() + ":2: kiosk.publisher_keys: "));
    CHECK_THAT(missing.error().detail, Catch::Contains("none.pub"));

    auto garbled = load_text(tmp, "[kiosk]\npublisher_keys = [\"lianxin-public-key v1 0011223344556677 AAAA\"]\n");
    REQUIRE_FALSE(garbled.ok());
    CHECK_THAT(garbled.error().detail, Catch::Contains("kiosk.publisher_keys: public key is not 32 bytes of base64"));

    auto not_text = load_text(tmp, "[kiosk]\npublisher_keys = [42]\n");
    REQUIRE_FALSE(not_text.ok());
    CHECK_THAT(not_text.error().detail, Catch::Contains("kiosk.publisher_keys: each entry must be a string"));
}

TEST_CASE("a TOML syntax error in kiosk.toml names the file and line", "[core][config]") {
    TempDir tmp;
    auto r = load_text(tmp, "[kiosk]\nname = \"ok\"\ncontent = \"unterminated\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_input);
    CHECK_THAT(r.error().detail, Catch::StartsWith((tmp / "etc" / "kiosk.toml").string() + ":3: "));
}

TEST_CASE("a missing kiosk.toml is an io error", "[core][config]") {
    TempDir tmp;
    auto r = load_kiosk_config(tmp / "none.toml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::io);
    CHECK_THAT(r.error().detail, Catch::StartsWith("kiosk config "));
}

TEST_CASE("the passport, certificate and printer settings are read and checked", "[core][config]") {
    TempDir tmp;
    fs::create_directories(tmp / "etc");
    auto kiosk = generate_key(), hub = generate_key();
    REQUIRE(save_key_pair(kiosk, tmp / "etc" / "kiosk").ok());
    REQUIRE(save_key_pair(hub, tmp / "etc" / "hub-certificate").ok());
    auto r = load_text(tmp, "[kiosk]\ncode = \"K7Q\"\nkey = \"kiosk.key\"\npublic_url = \"https://lianxin.example.org\"\n"
                            "[certificates]\nkeys = [\"hub-certificate.pub\"]\n"
                            "[print]\nprinter = \"hall\"\nformat = \"receipt\"\ncommand = \"bin/lp\"\n");
    INFO(error_of(r));
    REQUIRE(r.ok());
    CHECK(r->kiosk_code == "K7Q");
    REQUIRE(r->kiosk_key);
    CHECK(r->kiosk_key->pub.id == kiosk.pub.id);
    CHECK(r->public_url == "https://lianxin.example.org");
    REQUIRE(r->certificate_keys.size() == 1);
    CHECK(r->certificate_keys[0].id == hub.pub.id);
    CHECK(r->printer.printer == "hall");
    CHECK(r->printer.format == CardFormat::receipt);
    CHECK(r->printer.command == (tmp / "etc" / "bin" / "lp").string());

    auto bad = [&](const std::string& text, const std::string& expect) {
        auto b = load_text(tmp, text);
        INFO(text);
        REQUIRE_FALSE(b.ok());
        CHECK(b.error().detail.find(expect) != std::string::npos);
    };
    bad("[kiosk]\ncode = \"K7\"\n", "kiosk.code: must be 3 characters");
    bad("[kiosk]\ncode = \"KIO\"\n", "kiosk.code");  // I is not in the alphabet
    bad("[kiosk]\nkey = \"missing.key\"\n", "kiosk.key");
    bad("[kiosk]\npublic_url = \"lianxin.example.org\"\n", "kiosk.public_url: must start with https://");
    bad("[print]\nformat = \"screen\"\n", "print.format");
    bad("[certificates]\nkeys = \"hub.pub\"\n", "certificates.keys: must be a list");
}

TEST_CASE("the sync settings: hub_url and the kiosk's registered id are read and checked", "[core][config][sync]") {
    TempDir tmp;
    auto r = load_text(tmp, "[kiosk]\nhub_url = \"http://127.0.0.1:8080\"\nid = \"0190f5e2-7c1a-7b3d-9e4f-0123456789ab\"\n");
    INFO(error_of(r));
    REQUIRE(r.ok());
    CHECK(r->hub_url == "http://127.0.0.1:8080");
    CHECK(r->kiosk_id == "0190f5e2-7c1a-7b3d-9e4f-0123456789ab");

    auto none = load_text(tmp, "[kiosk]\nname = \"hall\"\n");
    REQUIRE(none.ok());
    CHECK(none->kiosk_id.empty());  // no id: the sync agent stays off
    CHECK(none->hub_url.empty());

    auto bad = [&](const std::string& text, const std::string& expect) {
        auto b = load_text(tmp, text);
        INFO(text);
        REQUIRE_FALSE(b.ok());
        CHECK(b.error().detail.find(expect) != std::string::npos);
    };
    bad("[kiosk]\nid = \"\"\n", "kiosk.id: must be 1-64 letters");
    bad("[kiosk]\nid = \"hall 1\"\n", "kiosk.id");
    bad("[kiosk]\nid = \"" + std::string(65, 'a') + "\"\n", "kiosk.id");
    bad("[kiosk]\nid = \"k/../x\"\n", "kiosk.id");
    bad("[kiosk]\nid = 7\n", "kiosk.id: must be a string");
    bad("[kiosk]\nhub_url = \"hub.example.org\"\n", "kiosk.hub_url: must start with https://");
}

TEST_CASE("every field is checked at start: the kiosk name against the push's limit, the PIN hash, the hub URL",
          "[core][config]") {
    TempDir tmp;
    // A name every push can carry: exactly kKioskNameMaxBytes bytes of UTF-8.
    std::string at_limit = std::string(kKioskNameMaxBytes - 3, 'n') + "馆";
    REQUIRE(at_limit.size() == kKioskNameMaxBytes);
    auto ok = load_text(tmp, "[kiosk]\nname = \"" + at_limit + "\"\n");
    REQUIRE(ok.ok());
    CHECK(ok->name == at_limit);
    // One byte more: the hub would refuse every push, so the kiosk does not start with it.
    CHECK_THAT(error_of(load_text(tmp, "[kiosk]\nname = \"" + at_limit + "n\"\n")),
               Catch::Contains("kiosk.toml:2: kiosk.name: 101 bytes; a kiosk name is at most 100 bytes") &&
                   Catch::Contains("shorten it in kiosk.toml"));
    CHECK_THAT(error_of(load_text(tmp, "[kiosk]\nname = \"\"\n")), Catch::Contains("kiosk.name: is empty"));
    CHECK_THAT(error_of(load_text(tmp, "[kiosk]\nname = \"hall\\u0007\"\n")),
               Catch::Contains("kiosk.name: holds a control character"));
    CHECK_THAT(error_of(load_text(tmp, "[maintenance]\npin_hash = \"2468\"\n")),
               Catch::Contains("maintenance.pin_hash: must be the line `lianxin-admin pin` prints"));
    CHECK(load_text(tmp, "[maintenance]\npin_hash = \"" + hash_pin("2468") + "\"\n").ok());
    CHECK_THAT(error_of(load_text(tmp, "[kiosk]\nhub_url = \"https://hub.example.org /x\"\n")),
               Catch::Contains("kiosk.hub_url: must not contain spaces"));
}
