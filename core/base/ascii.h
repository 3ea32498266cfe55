// Small ASCII helpers shared by tokens, passports, the scanner and the hub: hex text of bytes
// and back, and case-insensitive prefix tests (URL schemes and hosts, token prefixes).
#pragma once

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

}  // namespace lianxin
