// Files the hub refuses as its store must not cost it anything: each refusal used to keep the
// SQLite handle (and so an open file) of the refused file for the rest of the process, which
// LeakSanitizer reported and which a hub retried by a supervisor would pile up.
#include <filesystem>

#include "core/storage/kiosk_db.h"
#include "hub/store/hub_store.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace lianxin;
using namespace lianxin::test;
namespace fs = std::filesystem;

namespace {

std::size_t open_descriptors() {
    std::size_t n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator("/proc/self/fd")) ++n;
    return n;
}

}  // namespace

TEST_CASE("refusing a file that is not a hub store leaves no handle open", "[hostile]") {
    TempDir dir;
    fs::path text = dir / "notes.txt";
    write_text(text, "these are not the tables you are looking for\n");
    {
        auto kiosk = KioskDb::open(dir / "kiosk");
        REQUIRE(kiosk.ok());
    }
    fs::path kiosk_db = dir / "kiosk" / kKioskDbFileName;

    // Once each first: SQLite and the store set up what they keep for the whole process.
    REQUIRE_FALSE(hub::open_store("sqlite:" + text.string()).ok());
    REQUIRE_FALSE(hub::open_store("sqlite:" + kiosk_db.string()).ok());
    std::size_t before = open_descriptors();
    for (int i = 0; i < 20; ++i) {
        auto r = hub::open_store("sqlite:" + text.string());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        auto k = hub::open_store("sqlite:" + kiosk_db.string());
        REQUIRE_FALSE(k.ok());
        CHECK(k.error().code == ErrorCode::corrupt);
    }
    CHECK(open_descriptors() == before);
}
