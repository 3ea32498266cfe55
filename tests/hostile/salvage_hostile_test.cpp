// `lianxin-admin kiosk salvage` on files that are not a kiosk.db at all: random bytes past the
// size of a header, and a file with SQLite's magic and garbage after it. It used to answer
// "0 records kept; 0 left out" and exit 0, telling the operator nothing had been lost.
#include <catch2/catch.hpp>
#include <random>

#include "tests/support/temp_dir.h"

using namespace lianxin::test;

TEST_CASE("kiosk salvage of a file that is not a kiosk.db fails and says so", "[hostile][admin]") {
    TempDir dir;
    std::mt19937 rng(14);
    std::string noise(8192, '\0');
    for (auto& c : noise) c = static_cast<char>(rng());
    write_text(dir / "noise.db", noise);
    write_text(dir / "magic.db", std::string("SQLite format 3\0", 16) + noise);
    for (const char* name : {"noise.db", "magic.db"}) {
        auto r = run_command(std::string(LIANXIN_ADMIN) + " kiosk salvage " + (dir / name).string() + " --out " +
                             (dir / (std::string(name) + ".out")).string());
        INFO(name << ": " << r.output);
        CHECK(r.exit_code != 0);
        CHECK(r.output.find("could be read as a kiosk.db") != std::string::npos);
        CHECK(r.output.find("0 left out") == std::string::npos);
    }
}
