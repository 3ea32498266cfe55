// Small ASCII helpers shared by tokens, passports, the scanner and the hub: hex text of bytes
// and back, case-insensitive prefix tests (URL schemes and hosts, token prefixes), and the one
// alphabet of plain ids (consultations, tours, stamp refs, kiosk ids).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace lianxin {

std::string to_hex(std::span<const std::uint8_t> bytes);  // lower case
int hex_value(char c);                                      // 0–15, or -1
// Exactly 2 × out.size() hex digits (either case) → bytes; false (out unspecified) otherwise.
bool parse_hex(std::string_view text, std::span<std::uint8_t> out);
char ascii_upper(char c);
bool starts_with_nocase(std::string_view s, std::string_view prefix);

// A plain id as every reader takes it: 1..max bytes of ASCII letters, digits, '-' and '_'. Content
// check writes a narrower form (lower case, digits, '-'), so whatever it writes every reader takes.
bool is_plain_id(std::string_view s, std::size_t max);
// A consultation's id: a plain id of at most kMaxConsultationIdBytes (core/base/field_limits.h),
// the rule of certificates, sync records, the phone form's address and the admin API's filter.
bool is_consultation_id(std::string_view id);

// A whole number written with digits only (no sign, no space, at most 15 digits) and at most `max`:
// what a query parameter that counts or times something must be. std::stoll would take "-1",
// "+5" and "12abc".
bool parse_whole_number(std::string_view s, std::int64_t max, std::int64_t& out);

}  // namespace lianxin
