// The real lianxin-admin binary in the operator's language: Chinese help and messages when
// LC_ALL, LC_MESSAGES or LANG (the first set) starts with "zh", its English otherwise, word for
// word as scripts and the other suites expect; and assets/admin/zh.toml and en.toml in step.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "core/crypto/signing_keys.h"
#include "core/i18n/string_table.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using namespace lianxin::test;

namespace {

// lianxin-admin ARGS with the locale variables `locale` sets (e.g. "LANG=zh_CN.UTF-8") and no
// others: the test's own environment must not choose the language.
RunResult admin_in(const std::string& locale, const std::string& args) {
    return run_command("env -u LC_ALL -u LC_MESSAGES -u LANG " + locale + " " + shell_quoted(LIANXIN_ADMIN) + " " + args);
}

const char* const kZh = "LANG=zh_CN.UTF-8";
const char* const kEnglishLocales[] = {"LANG=C", "LANG=en_GB.UTF-8", ""};

const StringTable& strings() {
    static const StringTable table = [] {
        auto t = StringTable::load(fs::path(LIANXIN_SOURCE_DIR) / "assets" / "admin");
        REQUIRE(t.ok());
        return *t;
    }();
    return table;
}

std::string zh(const std::string& key, std::initializer_list<std::string> args = {}) {
    return format_text(strings().get(Lang::zh, key), args);
}

bool has_chinese(const std::string& s) {
    // Every CJK ideograph is a three-byte UTF-8 sequence starting with 0xE4 to 0xE9.
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0xE4 && static_cast<unsigned char>(c) <= 0xE9) return true;
    return false;
}

bool has_line(const std::string& output, const std::string& line) {
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);)
        if (l == line) return true;
    return false;
}

// Terminal columns of text whose only wide characters are Chinese (three bytes, two columns).
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) n += c >= 0xE0 ? 2 : 1;  // a character's first byte
    return n;
}

// A help line: the name padded to CLI11's 30 columns, then the description.
std::string help_line(const std::string& name, const std::string& description) {
    return "  " + name + std::string(28 - columns(name), ' ') + description;
}

const std::pair<const char*, const char*> kSubcommands[] = {
    {"content", "cli.content.about"},   {"keys", "cli.keys.about"},
    {"pin", "cli.pin.about"},           {"card", "cli.card.about"},
    {"verify", "cli.verify.about"},     {"certificate", "cli.certificate.about"},
    {"kiosk", "cli.kiosk.about"},       {"opinions", "cli.opinions.about"},
    {"adopt", "cli.adopt.about"},       {"consultation", "cli.consultation.about"},
    {"guestbook", "cli.guestbook.about"}, {"meetings", "cli.meetings.about"}};

}  // namespace

TEST_CASE("lianxin-admin --help lists its subcommands in the operator's language", "[admin][i18n]") {
    auto r = admin_in(kZh, "--help");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    for (auto [name, key] : kSubcommands) CHECK(has_line(r.output, help_line(name, zh(key))));
    CHECK(has_line(r.output, zh("cli.label.Subcommands") + ":"));
    CHECK(has_line(r.output, help_line("--hub TEXT", zh("cli.hub.url"))));
    CHECK_THAT(r.output, !Catch::Contains("Check and build the exhibition content"));

    for (auto locale : kEnglishLocales) {
        auto en = admin_in(locale, "--help");
        INFO(locale << "\n" << en.output);
        CHECK(en.exit_code == 0);
        CHECK(has_line(en.output, "Subcommands:"));
        CHECK(has_line(en.output, "  content                     Check and build the exhibition content"));
        CHECK(has_line(en.output, "  kiosk                       Register, list and revoke kiosks"));
        CHECK(has_line(en.output, "  verify                      Check a passport or certificate token (or the URL in its "
                                  "QR code) offline"));
        CHECK(has_line(en.output, "  --hub TEXT                  the hub's URL (or LIANXIN_HUB)"));
        CHECK_FALSE(has_chinese(en.output));
    }
}

TEST_CASE("kiosk --help is in the operator's language", "[admin][i18n]") {
    auto r = admin_in(kZh, "kiosk --help");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    for (auto [name, key] : {std::pair{"register", "cli.kiosk.register_about"}, std::pair{"list", "cli.kiosk.list_about"},
                             std::pair{"revoke", "cli.kiosk.revoke_about"}, std::pair{"salvage", "cli.salvage.about"}})
        CHECK(has_line(r.output, help_line(name, zh(key))));

    // A Chinese REQUIRED label is two columns a character: the descriptions still line up.
    auto reg = admin_in(kZh, "kiosk register --help");
    INFO(reg.output);
    CHECK(has_line(reg.output, help_line("NAME TEXT " + zh("cli.label.REQUIRED"), zh("cli.kiosk.name"))));

    auto en = admin_in("LANG=C", "kiosk --help");
    INFO(en.output);
    CHECK(has_line(en.output, "  register                    Create a kiosk's identity and its kiosk.toml"));
    CHECK(has_line(en.output, "  list                        Each kiosk's last contact, versions and outbox depth"));
    CHECK(has_line(en.output, "  revoke                      Make the hub refuse a kiosk from now on"));
    CHECK(has_line(en.output, "  salvage                     Recover what can be read from a damaged kiosk.db into a good one"));
    CHECK_FALSE(has_chinese(en.output));
}

TEST_CASE("content check, verify and keys new speak Chinese under a zh locale and their English otherwise",
          "[admin][i18n]") {
    TempDir tmp;
    auto missing = (tmp / "no-such-content").string();
    auto base = (tmp / "publisher").string();
    auto pub = base + ".pub";

    auto made = admin_in(kZh, "keys new " + shell_quoted(base));
    INFO(made.output);
    REQUIRE(made.exit_code == 0);
    auto key = load_public_key(pub);
    REQUIRE(key.ok());
    CHECK(made.output == zh("cli.keys.made", {key->id, base, base}) + "\n");
    CHECK(has_chinese(made.output));

    auto check = admin_in(kZh, "content check " + shell_quoted(missing));
    INFO(check.output);
    CHECK(check.exit_code == 1);
    CHECK(has_line(check.output, zh("cli.content.problem", {missing, "1"})));

    auto verify = admin_in(kZh, "verify garbage --key " + shell_quoted(pub));
    INFO(verify.output);
    CHECK(verify.exit_code == 1);
    CHECK_THAT(verify.output, Catch::StartsWith(zh("cli.verify.refused", {"wrong_prefix", ""})));
    CHECK(has_chinese(verify.output));

    int run = 0;
    for (auto locale : kEnglishLocales) {
        INFO(locale);
        auto en_base = (tmp / ("english-" + std::to_string(++run))).string();
        auto en_made = admin_in(locale, "keys new " + shell_quoted(en_base));
        INFO(en_made.output);
        REQUIRE(en_made.exit_code == 0);
        auto en_key = load_public_key(en_base + ".pub");
        REQUIRE(en_key.ok());
        CHECK(en_made.output == "key " + en_key->id + ": " + en_base + ".key (keep secret), " + en_base + ".pub\n");

        auto en_check = admin_in(locale, "content check " + shell_quoted(missing));
        INFO(en_check.output);
        CHECK(en_check.exit_code == 1);
        CHECK(has_line(en_check.output, missing + ": 1 problem; nothing was built"));
        CHECK_FALSE(has_chinese(en_check.output));

        auto en_verify = admin_in(locale, "verify garbage --key " + shell_quoted(pub));
        INFO(en_verify.output);
        CHECK(en_verify.exit_code == 1);
        CHECK_THAT(en_verify.output, Catch::StartsWith("refused: wrong_prefix: 'garbage' is not a Lianxin token"));
        CHECK_FALSE(has_chinese(en_verify.output));
    }
}

TEST_CASE("LC_ALL overrides LC_MESSAGES and LANG, and LC_MESSAGES overrides LANG", "[admin][i18n]") {
    TempDir tmp;
    auto missing = (tmp / "gone").string();
    const std::string english = missing + ": 1 problem; nothing was built";
    const std::string chinese = zh("cli.content.problem", {missing, "1"});
    for (auto [locale, expected] : {std::pair{"LANG=zh_CN.UTF-8 LC_ALL=C", english},
                                    std::pair{"LANG=C LC_ALL=zh_CN.UTF-8", chinese},
                                    std::pair{"LC_MESSAGES=en_US.UTF-8 LC_ALL=zh_TW.UTF-8", chinese},
                                    std::pair{"LANG=zh_CN.UTF-8 LC_MESSAGES=C", english},
                                    std::pair{"LANG=C LC_MESSAGES=zh_CN.UTF-8", chinese},
                                    // Set but empty is not set.
                                    std::pair{"LANG=zh_CN.UTF-8 LC_ALL=", chinese}}) {
        auto r = admin_in(locale, "content check " + shell_quoted(missing));
        INFO(locale << "\n" << r.output);
        CHECK(has_line(r.output, expected));
    }
}

TEST_CASE("kiosk salvage's table keeps its columns in Chinese", "[admin][i18n]") {
    TempDir tmp;
    write_text(tmp / "junk.db", "not a database");
    auto r = admin_in(kZh, "kiosk salvage " + shell_quoted((tmp / "junk.db").string()) + " --out " + shell_quoted((tmp / "out").string()));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.output);
    std::string salvaged, header, row;
    std::getline(in, salvaged);
    std::getline(in, header);
    std::getline(in, row);
    CHECK(has_chinese(salvaged));
    CHECK_THAT(header, Catch::StartsWith(zh("cli.salvage.column.table")));
    CHECK_THAT(header, Catch::EndsWith(zh("cli.salvage.column.unreadable")));
    CHECK_THAT(row, Catch::StartsWith("passports "));
    // The right-aligned counts end under their headings: both lines are as wide.
    CHECK(columns(header) == columns(row));
}

TEST_CASE("the admin strings have the same keys in zh.toml and en.toml, each translated", "[admin][i18n]") {
    // StringTable::load refuses a key that one of the files lacks.
    auto table = StringTable::load(fs::path(LIANXIN_SOURCE_DIR) / "assets" / "admin");
    REQUIRE(table.ok());
    auto count = [](const std::string& s) {
        std::size_t n = 0;
        for (auto pos = s.find("{}"); pos != std::string::npos; pos = s.find("{}", pos + 2)) ++n;
        return n;
    };
    CHECK(table->keys().size() > 100);
    for (auto& key : table->keys()) {
        INFO(key);
        auto& zh_text = table->get(Lang::zh, key);
        auto& en_text = table->get(Lang::en, key);
        CHECK(zh_text != key);
        CHECK(en_text != key);
        CHECK_FALSE(zh_text.empty());
        // Each value goes into the same number of places in both languages.
        CHECK(count(zh_text) == count(en_text));
    }
}
