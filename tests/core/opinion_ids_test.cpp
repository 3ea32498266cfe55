// UUIDv7 record ids (core/base/uuid.h): RFC 9562 layout (version 7, variant 10), unique, and in
// time order when sorted as text, also within one millisecond and across a small clock step back.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/base/uuid.h"

using namespace lianxin;

namespace {
int hex_value(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
}
}  // namespace

TEST_CASE("a UUIDv7 has the RFC 9562 layout", "[core][opinions][uuid]") {
    const std::int64_t ms = 1800000000123;  // 2027-01-15T08:00:00.123Z
    auto id = new_uuid_v7(ms);
    INFO(id);
    REQUIRE(id.size() == 36);
    CHECK(id[8] == '-');
    CHECK(id[13] == '-');
    CHECK(id[18] == '-');
    CHECK(id[23] == '-');
    CHECK(id[14] == '7');                                        // version nibble
    CHECK((hex_value(id[19]) & 0xC) == 0x8);                     // variant bits 10
    CHECK(id.substr(0, 8) + id.substr(9, 4) == "01a3185c507b");  // 48-bit big-endian ms
    CHECK(uuid_v7_millis(id) == ms);
    CHECK(is_uuid_v7(id));
    for (char c : id) CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'));
}

TEST_CASE("is_uuid_v7 refuses other versions and malformed text", "[core][opinions][uuid]") {
    CHECK(is_uuid_v7("0190f5e2-7c1a-7b3d-9e4f-0123456789ab"));
    CHECK_FALSE(is_uuid_v7("0190f5e2-7c1a-4b3d-9e4f-0123456789ab"));  // version 4
    CHECK_FALSE(is_uuid_v7("0190f5e2-7c1a-7b3d-ce4f-0123456789ab"));  // variant 110
    CHECK_FALSE(is_uuid_v7("0190F5E2-7C1A-7B3D-9E4F-0123456789AB"));  // upper case
    CHECK_FALSE(is_uuid_v7("0190f5e27c1a7b3d9e4f0123456789ab"));      // no dashes
    CHECK_FALSE(is_uuid_v7("0190f5e2-7c1a-7b3d-9e4f-0123456789a"));   // short
    CHECK_FALSE(is_uuid_v7(""));
    CHECK(uuid_v7_millis("not an id") == 0);
}

TEST_CASE("UUIDv7 ids are unique and every one is well formed", "[core][opinions][uuid]") {
    std::set<std::string> seen;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        auto id = new_uuid_v7(1800000000000 + i / 50);  // 50 ids per millisecond
        REQUIRE(is_uuid_v7(id));
        seen.insert(id);
    }
    CHECK(seen.size() == static_cast<std::size_t>(n));
}

TEST_CASE("UUIDv7 ids sort by time, within a millisecond and after the clock steps back",
          "[core][opinions][uuid]") {
    std::vector<std::string> made;
    std::int64_t ms = 1900000000000;
    for (int i = 0; i < 3000; ++i) {
        if (i % 7 == 0) ms += 1 + i % 3;  // time moves on …
        if (i % 500 == 499) ms -= 20;     // … and now and then the clock is set back a little
        made.push_back(new_uuid_v7(ms));
    }
    for (int i = 0; i < 5000; ++i)
        made.push_back(new_uuid_v7(ms));  // more than a 12-bit counter's share of one ms
    auto sorted = made;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == made);
    CHECK(std::adjacent_find(made.begin(), made.end()) == made.end());

    // Ids made at a later millisecond sort after ids made earlier (across a fresh time, not a step
    // back).
    auto a = new_uuid_v7(2000000000000);
    auto b = new_uuid_v7(2000000000001);
    CHECK(a < b);
    CHECK(uuid_v7_millis(a) == 2000000000000);
    CHECK(uuid_v7_millis(b) == 2000000000001);
}

TEST_CASE("a clock corrected back by more than 10 s is followed, not outrun",
          "[core][opinions][uuid]") {
    auto future = new_uuid_v7(2100000000000);
    auto now = new_uuid_v7(2100000000000 - 3600 * 1000);  // an hour back: the clock was wrong
    CHECK(uuid_v7_millis(future) == 2100000000000);
    CHECK(uuid_v7_millis(now) == 2100000000000 - 3600 * 1000);
    auto jitter = new_uuid_v7(2100000000000 - 3600 * 1000 - 5);  // a few ms back: still increasing
    CHECK(jitter > now);
}
