// What the kiosk asks of the machine it runs on, seen from outside: the programs it starts.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/gui/kiosk_run.h"
#include "tests/support/temp_dir.h"

using namespace lianxin::test;

TEST_CASE("the kiosk starts no session bus of its own where the machine has none", "[gui][platform]") {
    // With no bus address, libdbus (asked by SDL) forks to autolaunch one: under a sanitizer that
    // fork left a child stuck and the kiosk waiting on it at start. kiosk/platform/gl_window.cpp
    // says there is none to be had; a kiosk that still forks for it is caught by its exec.
    TempDir dir;
    auto trace = dir / "programs.trace";
    // (LeakSanitizer cannot run under ptrace: a sanitizer build checks for leaks in other tests.)
    std::string cmd = "env -u DBUS_SESSION_BUS_ADDRESS \"ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace -f -qq -e trace=execve -o '" + trace.string() + "' " +
                      std::string(LIANXIN_KIOSK) + " --config " + (demo_dir() / "kiosk.toml").string() +
                      " --windowed 1920x1080 --data " + (dir / "data").string();
    auto run = run_scripted(dir, cmd, "tap 960 540\nshot home\n");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.first("shot") != nullptr);

    std::ifstream in(trace);
    REQUIRE(in);
    int programs = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find("execve(") == std::string::npos) continue;
        ++programs;
        INFO(line);
        CHECK(line.find("dbus") == std::string::npos);
    }
    CHECK(programs >= 1);  // the trace did see the kiosk itself start
}
