// The scripted-mode language: every command of docs/architecture.md parses; a bad line is refused
// with its line number and what is wrong.
#include <catch2/catch.hpp>

#include "kiosk/script/script_runner.h"

using namespace lianxin::kiosk;

TEST_CASE("every scripted command parses", "[kiosk][script]") {
    std::vector<ScriptCommand> cmds;
    std::string error;
    REQUIRE(parse_script("# a comment\n\ntap 10 20\ntap-text 了解详情\ndrag 0 0 100 100 300\nkey Escape\n"
                         "type 立法 law\nwait 100\nidle 90000\nshot home-zh\nexpect-screen home\n",
                         cmds, error));
    REQUIRE(cmds.size() == 9);
    CHECK(cmds[0].verb == "tap");
    CHECK(cmds[0].line == 3);
    CHECK(cmds[1].args[0] == "了解详情");
    CHECK(cmds[4].args[0] == "立法 law");
    CHECK(cmds[6].args[0] == "90000");
}

TEST_CASE("bad script lines are refused with the line number", "[kiosk][script]") {
    std::vector<ScriptCommand> cmds;
    std::string error;
    CHECK_FALSE(parse_script("tap 10\n", cmds, error));
    CHECK(error == "line 1: 'tap' takes 2 arguments, got 1");
    CHECK_FALSE(parse_script("wait 10\nfly 1 2\n", cmds, error));
    CHECK(error == "line 2: unknown command 'fly'");
    CHECK_FALSE(parse_script("wait -5\n", cmds, error));
    CHECK(error == "line 1: '-5' is not a non-negative number");
    CHECK_FALSE(parse_script("tap x 10\n", cmds, error));
    CHECK_FALSE(parse_script("shot\n", cmds, error));
    CHECK(error == "line 1: 'shot' needs an argument");
}
