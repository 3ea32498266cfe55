// Base45 (RFC 9285) encoder and a strict decoder: every refusal names the character position,
// because a decode failure usually means a damaged scan or a mistyped token.
#include "core/tokens/base45.h"

namespace lianxin {

namespace {
// The value of an alphabet character, or -1. The alphabet is upper case only: RFC 9285 has no
// lower-case letters, and accepting them would give one token two spellings.
int base45_value(char c) {
    auto pos = kBase45Alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string printable(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
    static const char* hex = "0123456789abcdef";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}
}  // namespace

std::string base45_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    out.reserve(bytes.size() / 2 * 3 + 2);
    std::size_t i = 0;
    // Two bytes → three characters, least significant digit first (RFC 9285 §4).
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256u + bytes[i + 1];
        out += kBase45Alphabet[n % 45];
        out += kBase45Alphabet[n / 45 % 45];
        out += kBase45Alphabet[n / 2025];
    }
    // A trailing single byte → two characters.
    if (i < bytes.size()) {
        unsigned n = bytes[i];
        out += kBase45Alphabet[n % 45];
        out += kBase45Alphabet[n / 45];
    }
    return out;
}

Result<std::vector<std::uint8_t>> base45_decode(std::string_view text) {
    if (text.size() % 3 == 1)
        return Error{ErrorCode::invalid_input,
                     "Base45 text of " + std::to_string(text.size()) +
                         " characters ends in a single character (position " +
                         std::to_string(text.size()) + "); groups are 2 or 3 characters"};
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        std::size_t group = text.size() - i >= 3 ? 3 : 2;
        unsigned n = 0, weight = 1;
        for (std::size_t k = 0; k < group; ++k) {
            int v = base45_value(text[i + k]);
            if (v < 0)
                return Error{ErrorCode::invalid_input,
                             printable(text[i + k]) + " at position " + std::to_string(i + k + 1) +
                                 " is not a Base45 character (0-9, A-Z, space, $%*+-./:)"};
            n += static_cast<unsigned>(v) * weight;
            weight *= 45;
        }
        unsigned limit = group == 3 ? 0xffff : 0xff;
        if (n > limit)
            return Error{ErrorCode::invalid_input,
                         "the Base45 group at positions " + std::to_string(i + 1) + "-" +
                             std::to_string(i + group) + " is worth " + std::to_string(n) +
                             ", more than " + std::to_string(group == 3 ? 2 : 1) + " byte(s) hold"};
        if (group == 3) out.push_back(static_cast<std::uint8_t>(n >> 8));
        out.push_back(static_cast<std::uint8_t>(n & 0xff));
    }
    return out;
}

}  // namespace lianxin
