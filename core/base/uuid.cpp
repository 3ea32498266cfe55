// UUIDv7 generation and checks (RFC 9562). Randomness comes from libsodium's randombytes (the
// kernel's getrandom on Linux), so a forked child never repeats its parent's ids.
#include "core/base/uuid.h"

#include <sodium.h>

#include <array>
#include <mutex>

namespace lianxin {

namespace {

struct Clock {
    std::mutex mutex;
    std::int64_t last_ms = -1;
    std::uint16_t counter = 0;  // 12 bits used
};

Clock& clock_state() {
    static Clock c;
    return c;
}

constexpr std::int64_t kMaxStepBackMs = 10000;

bool is_lower_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

std::string new_uuid_v7(std::int64_t unix_ms) {
    static const bool sodium_ready =
        sodium_init() >= 0;  // idempotent; randombytes works even if it failed
    (void)sodium_ready;
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    std::int64_t ms;
    std::uint16_t counter;
    {
        auto& c = clock_state();
        std::lock_guard lock(c.mutex);
        // A clock set back by more than kMaxStepBackMs is a correction (a kiosk that booted with a
        // wrong date), not jitter: follow it rather than stamp every later id with the wrong time.
        if (unix_ms > c.last_ms || c.last_ms - unix_ms > kMaxStepBackMs) {
            // A fresh millisecond: seed the counter randomly but with its top bit clear, so at
            // least 2048 more ids fit in this millisecond before the time stamp must move on.
            c.last_ms = unix_ms;
            c.counter = static_cast<std::uint16_t>((b[6] << 8 | b[7]) & 0x07FF);
        } else if (++c.counter > 0x0FFF) {
            // Same (or an earlier) millisecond and the counter is spent: borrow the next
            // millisecond.
            ++c.last_ms;
            c.counter = static_cast<std::uint16_t>((b[6] << 8 | b[7]) & 0x07FF);
        }
        ms = c.last_ms;
        counter = c.counter;
    }
    auto t = static_cast<std::uint64_t>(ms) & 0xFFFFFFFFFFFFull;
    for (int k = 0; k < 6; ++k)
        b[static_cast<std::size_t>(k)] = static_cast<unsigned char>(t >> (40 - 8 * k));
    b[6] =
        static_cast<unsigned char>(0x70 | (counter >> 8));  // version 7, then rand_a (our counter)
    b[7] = static_cast<unsigned char>(counter & 0xFF);
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F));  // variant 10xx; the rest stays random

    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (std::size_t k = 0; k < 16; ++k) {
        if (k == 4 || k == 6 || k == 8 || k == 10) s += '-';
        s += hex[b[k] >> 4];
        s += hex[b[k] & 0xF];
    }
    return s;
}

bool is_uuid_v7(std::string_view id) {
    if (id.size() != 36) return false;
    for (std::size_t k = 0; k < 36; ++k) {
        bool dash = k == 8 || k == 13 || k == 18 || k == 23;
        if (dash ? id[k] != '-' : !is_lower_hex(id[k])) return false;
    }
    return id[14] == '7' && (id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
}

std::int64_t uuid_v7_millis(std::string_view id) {
    if (!is_uuid_v7(id)) return 0;
    std::int64_t ms = 0;
    for (char c : std::string(id.substr(0, 8)) + std::string(id.substr(9, 4)))
        ms = ms << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    return ms;
}

}  // namespace lianxin
