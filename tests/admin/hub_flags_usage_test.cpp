// The real lianxin-admin binary's exit codes for the hub commands' own flags: a day that is not
// one, a range that holds no day, a version that is not one are the operator's mistakes (2),
// told before any call to the hub, in every command alike, and in the operator's language.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

using namespace lianxin::test;

namespace {

// A hub no one listens at: a flag judged before any call never finds out.
RunResult admin(const TempDir& tmp, const std::string& args, const std::string& lang = "C") {
    const std::string key = shell_quoted((tmp.path() / "admin.key").string());
    return run_command("env -u LC_ALL -u LC_MESSAGES LANG=" + lang + " " + shell_quoted(LIANXIN_ADMIN) +
                       " --hub http://127.0.0.1:9 --admin-key " + key + " " + args);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("hub commands refuse a bad day, an empty range or a bad version as a usage mistake, before any call",
          "[admin][cli]") {
    TempDir tmp;
    REQUIRE(run_command(shell_quoted(LIANXIN_ADMIN) + " keys new " + shell_quoted((tmp.path() / "admin").string()))
                .exit_code == 0);
    for (std::string args : std::vector<std::string>{"opinions list --since yesterday", "audit list --since yesterday",
                             "audit export --until 2027-02-30 " + shell_quoted((tmp.path() / "a.csv").string()),
                             "opinions list --since 2027-02-01 --until 2027-01-31",
                             "audit list --since 2027-02-01 --until 2027-01-31", "content rollback 'a/b'",
                             "guestbook list --since yesterday", "meetings list --status adopted",
                             "meetings list --deputy '<x>'", "meetings answer 0190f5e2-7c1a-7b3d-9e4f-0123456789ab --status maybe",
                             "guestbook export " + shell_quoted((tmp.path() / "a.txt").string())}) {
        INFO(args);
        auto r = admin(tmp, args);
        INFO(r.output);
        CHECK(r.exit_code == 2);
        CHECK_FALSE(contains(r.output, "cannot reach the hub"));
    }
    CHECK(contains(admin(tmp, "audit list --since 2027-02-01 --until 2027-01-31").output, "--until 2027-01-31"));
    CHECK(contains(admin(tmp, "content rollback 'a/b'", "zh_CN.UTF-8").output, "不是内容版本"));
    // A one-day range is a range: the hub is asked (and here cannot be reached).
    auto one_day = admin(tmp, "audit list --since 2027-01-31 --until 2027-01-31");
    CHECK(one_day.exit_code == 1);
    CHECK(contains(one_day.output, "cannot reach the hub"));
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "a.csv"));
    // A reply no kiosk could take is refused before the call, by the kiosks' own rule.
    auto control = admin(tmp, "meetings answer 0190f5e2-7c1a-7b3d-9e4f-0123456789ab --status closed --reply \"$(printf 'a\\001b')\"");
    INFO(control.output);
    CHECK(control.exit_code == 2);
    CHECK(contains(control.output, "--reply"));
}
