// The real lianxin-admin binary: `content check`, `content build` (signed with a key from
// `keys new`) and `pin hash`, on the demo content and on broken copies of it.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "core/content/bundle.h"
#include "core/content/content_sources.h"
#include "core/crypto/signing_keys.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::read_text;
using lianxin::test::run_command;
using lianxin::test::shell_quoted;
using lianxin::test::RunResult;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {

RunResult admin(const std::string& args) { return run_command(shell_quoted(LIANXIN_ADMIN) + " " + args); }

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    auto text = read_text(file);
    auto pos = text.find(from);
    INFO(file << " should contain: " << from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    write_text(file, text);
}

int line_of(const fs::path& file, const std::string& needle) {
    auto text = read_text(file);
    auto pos = text.find(needle);
    REQUIRE(pos != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

bool has_line(const std::string& output, const std::string& line) {
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);)
        if (l == line) return true;
    return false;
}

// A copy of the demo content with four problems in four files.
struct BrokenContent {
    TempDir tmp;
    fs::path dir = tmp.path() / "content";
    BrokenContent() {
        lianxin::test::copy_tree(lianxin::test::demo_content_dir(), dir);
        replace_in(dir / "timeline.toml", "year = 1999", "year = 1848");
        replace_in(dir / "slides.toml", "title.en = \"Democracy on your doorstep\"\n", "");
        replace_in(dir / "exhibits/futian.toml", "year = 2019", "yaer = 2019");
        replace_in(dir / "exhibits/futian.en.md", "(../images/futian-network.png)", "(../images/gone.png)");
    }
};

}  // namespace

TEST_CASE("content check passes the demo content", "[admin][content]") {
    auto dir = lianxin::test::demo_content_dir().string();
    auto r = admin("content check " + shell_quoted(dir));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith(dir + ": ok — "));
    auto load = load_content_sources(dir);
    CHECK_THAT(r.output, Catch::Contains(std::to_string(load.content.exhibits.size()) + " exhibits"));
    CHECK_THAT(r.output, Catch::Contains(std::to_string(load.media.size()) + " images"));
}

TEST_CASE("content check lists every problem as file:line: field: message and exits 1", "[admin][content]") {
    BrokenContent c;
    auto r = admin("content check " + shell_quoted(c.dir.string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);

    CHECK(has_line(r.output, "timeline.toml:" + std::to_string(line_of(c.dir / "timeline.toml", "year = 1848")) +
                                 ": event[1].year: must be between 1949 and 2100"));
    CHECK(has_line(r.output, "slides.toml:" + std::to_string(line_of(c.dir / "slides.toml", "title.zh")) +
                                 ": slide[1].title.en: is missing: every visible string needs Chinese and English"));
    CHECK_THAT(r.output, Catch::Contains("exhibits/futian.toml:" + std::to_string(line_of(c.dir / "exhibits/futian.toml", "yaer")) +
                                         ": yaer: unknown key (allowed: "));
    CHECK_THAT(r.output, Catch::Contains("exhibits/futian.en.md:" + std::to_string(line_of(c.dir / "exhibits/futian.en.md", "gone.png")) +
                                         ": image: image '../images/gone.png' cannot be read"));
    CHECK(has_line(r.output, c.dir.string() + ": 4 problems; nothing was built"));

    // The tool prints exactly what the library reports, one line each.
    auto load = load_content_sources(c.dir);
    REQUIRE(load.problems.size() == 4);
    for (auto& p : load.problems) CHECK(has_line(r.output, p.to_string()));
}

TEST_CASE("content build on broken content writes no bundle", "[admin][content]") {
    BrokenContent c;
    auto out = c.tmp / "out.lxb";
    auto keys = admin("keys new " + shell_quoted((c.tmp / "publisher").string()));
    REQUIRE(keys.exit_code == 0);
    auto r = admin("content build " + shell_quoted(c.dir.string()) + " -o " + shell_quoted(out.string()) + " --key " +
                   shell_quoted((c.tmp / "publisher.key").string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("4 problems; nothing was built"));
    CHECK_THAT(r.output, Catch::Contains("event[1].year: must be between 1949 and 2100"));
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(c.tmp / "out.lxb.sig"));
    CHECK_FALSE(fs::exists(c.tmp / "out.lxb.building"));
}

TEST_CASE("keys new and content build make a signed bundle a kiosk accepts", "[admin][content][keys]") {
    TempDir tmp;
    auto base = tmp / "publisher";
    auto keys = admin("keys new " + shell_quoted(base.string()));
    INFO(keys.output);
    REQUIRE(keys.exit_code == 0);
    auto pub = load_public_key(tmp / "publisher.pub");
    REQUIRE(pub.ok());
    CHECK_THAT(keys.output, Catch::StartsWith("key " + pub->id + ": "));
    struct stat st {};
    REQUIRE(::stat((tmp / "publisher.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto secret = read_text(tmp / "publisher.key");
    CHECK(keys.output.find(secret.substr(secret.rfind(' ') + 1, 20)) == std::string::npos);  // never printed

    auto out = tmp / "demo.lxb";
    auto build = admin("content build " + shell_quoted(lianxin::test::demo_content_dir().string()) + " -o " +
                       shell_quoted(out.string()) + " --key " + shell_quoted((tmp / "publisher.key").string()));
    INFO(build.output);
    REQUIRE(build.exit_code == 0);
    CHECK_THAT(build.output, Catch::Contains("wrote " + out.string() + " (content jinjiang-demo 2026.11.1, signed by key " +
                                             pub->id + ")"));
    REQUIRE(fs::exists(out));
    REQUIRE(fs::exists(tmp / "demo.lxb.sig"));
    CHECK_THAT(read_text(tmp / "demo.lxb.sig"), Catch::StartsWith(pub->id + " "));

    auto loaded = load_bundle(out, {*pub});
    INFO((loaded ? std::string() : loaded.error().detail));
    REQUIRE(loaded.ok());
    CHECK(loaded->info.signed_by == pub->id);
    CHECK(loaded->info.content_id == "jinjiang-demo");
    CHECK(loaded->content.exhibits.size() == load_content_sources(lianxin::test::demo_content_dir()).content.exhibits.size());

    // Another key is not trusted for it.
    REQUIRE(admin("keys new " + shell_quoted((tmp / "other").string())).exit_code == 0);
    auto other = load_public_key(tmp / "other.pub");
    REQUIRE(other.ok());
    auto refused = load_bundle(out, {*other});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::bad_signature);
}

TEST_CASE("content build without a key writes an unsigned bundle", "[admin][content]") {
    TempDir tmp;
    auto out = tmp / "demo.lxb";
    auto build = admin("content build " + shell_quoted(lianxin::test::demo_content_dir().string()) + " -o " + shell_quoted(out.string()));
    INFO(build.output);
    REQUIRE(build.exit_code == 0);
    CHECK_THAT(build.output, Catch::Contains(", unsigned)"));
    CHECK(fs::exists(out));
    CHECK_FALSE(fs::exists(tmp / "demo.lxb.sig"));
    CHECK(load_bundle(out, {}).ok());
}

TEST_CASE("content build with an unusable key fails and writes nothing", "[admin][content]") {
    TempDir tmp;
    auto out = tmp / "demo.lxb";
    write_text(tmp / "bad.key", "lianxin-secret-key v1 0011223344556677 AAAA\n");
    for (auto key : {tmp / "missing.key", tmp / "bad.key"}) {
        auto r = admin("content build " + shell_quoted(lianxin::test::demo_content_dir().string()) + " -o " +
                       shell_quoted(out.string()) + " --key " + shell_quoted(key.string()));
        INFO(r.output);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Catch::Contains("cannot use the publisher key: "));
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("pin hash accepts 4 to 12 digits and rejects anything else", "[admin][keys]") {
    for (std::string bad : {"12ab", "123", "1234567890123", "", "12 34", "-1234", "１２３４"}) {
        INFO("PIN '" << bad << "'");
        auto r = run_command("printf '%s\\n' " + shell_quoted(bad) + " | " + shell_quoted(LIANXIN_ADMIN) + " pin hash");
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Catch::Contains("a PIN is 4 to 12 digits"));
        CHECK(r.output.find("$argon2id$") == std::string::npos);
    }
    auto ok = run_command("echo 2468 | " + shell_quoted(LIANXIN_ADMIN) + " pin hash");
    INFO(ok.output);
    REQUIRE(ok.exit_code == 0);
    std::string hash = ok.output.substr(0, ok.output.find('\n'));
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$"));
    CHECK(check_pin("2468", hash));
    CHECK_FALSE(check_pin("2469", hash));
}

TEST_CASE("the admin tool refuses a missing subcommand or argument", "[admin]") {
    CHECK(admin("").exit_code != 0);
    CHECK(admin("content").exit_code != 0);
    auto r = admin("content check");
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.output, Catch::Contains("DIR"));
    auto nowhere = admin("content check /nonexistent/lianxin-content");
    CHECK(nowhere.exit_code == 1);
    CHECK_THAT(nowhere.output, Catch::Contains("is not a folder of content sources"));
}
