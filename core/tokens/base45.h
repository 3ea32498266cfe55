// Base45 (RFC 9285): bytes as text drawn from the 45 characters of QR alphanumeric mode, so a
// token fills a QR code at 5.5 bits a character instead of 8 (docs/tokens.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

inline constexpr std::string_view kBase45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

std::string base45_encode(std::span<const std::uint8_t> bytes);
// invalid_input (detail names the position) for a character outside the alphabet, a dangling
// single character, or a group whose value does not fit its bytes.
Result<std::vector<std::uint8_t>> base45_decode(std::string_view text);

}  // namespace lianxin
