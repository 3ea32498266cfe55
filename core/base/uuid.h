// UUIDv7 ids for records created offline at a kiosk (RFC 9562 §5.7): a 48-bit Unix-ms time
// stamp, then libsodium randomness, so ids from different kiosks never collide and sort by time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lianxin {

// A new id for a record made at `unix_ms`, as 36 lowercase characters
// ("0190f5e2-7c1a-7b3d-9e4f-0123456789ab"). Within one process the ids are strictly increasing,
// even for the same millisecond or a clock stepped back by up to 10 s (RFC 9562 §6.2, method 1:
// a 12-bit counter in rand_a, seeded randomly each millisecond; on overflow the time stamp moves
// on by 1 ms). A larger step back is taken as a clock correction and followed.
std::string new_uuid_v7(std::int64_t unix_ms);

// True for the 36-character lowercase form with version 7 and the RFC 9562 variant (10xx).
bool is_uuid_v7(std::string_view id);

// The millisecond time stamp an id carries; 0 when `id` is not a UUIDv7.
std::int64_t uuid_v7_millis(std::string_view id);

}  // namespace lianxin
