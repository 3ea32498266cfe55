// Passport short codes: generation from the secure random source, the check character, and the
// forgiving normalisation of what a visitor types (docs/tokens.md, "Short codes").
#include "core/tokens/short_code.h"

#include <sodium.h>

#include <cassert>

#include "core/crypto/signing_keys.h"

namespace lianxin {

namespace {
constexpr unsigned kRadix = 31;  // kShortCodeAlphabet.size(); prime, which the check relies on
static_assert(kShortCodeAlphabet.size() == kRadix);
static_assert(kShortCodeChars - 1 < kRadix, "the weights 1..10 must be distinct non-zero residues");

int symbol_value(char c) {
    auto pos = kShortCodeAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Full-width forms (U+FF01–U+FF5E) and the ideographic space arrive when the pinyin input
// method is left in full-width mode; they are the same keys to the visitor, so read them as
// ASCII. Returns the ASCII character and advances `i`, or 0 for anything else non-ASCII.
char next_ascii(std::string_view s, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (b(i) < 0x80) return s[i++];
    if (i + 2 < s.size() && b(i) == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) {
        i += 3;
        return ' ';
    }
    if (i + 2 < s.size() && b(i) == 0xEF && (b(i + 1) == 0xBC || b(i + 1) == 0xBD) &&
        b(i + 2) >= 0x80 && b(i + 2) <= 0xBF) {
        unsigned cp = 0xF000u | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            i += 3;
            return static_cast<char>(cp - 0xFF01 + 0x21);
        }
    }
    // Skip the whole UTF-8 sequence so one stray character is one bad character.
    ++i;
    while (i < s.size() && (b(i) & 0xC0) == 0x80) ++i;
    return 0;
}
}  // namespace

bool valid_kiosk_code(std::string_view code) {
    if (code.size() != kKioskCodeChars) return false;
    for (char c : code)
        if (symbol_value(c) < 0) return false;
    return true;
}

// Σ (i+1)·v_i mod 31 over the 10 body characters. Seen over the whole code, the check makes
// Σ w_i·v_i ≡ 0 with weights 1…10 for the body and −1 (30) for the check: all non-zero and
// pairwise distinct modulo the prime 31, which is what catches every single substitution and
// every transposition (proof in docs/tokens.md).
char short_code_check_char(std::string_view body) {
    assert(body.size() == kShortCodeChars - 1);
    unsigned sum = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        int v = symbol_value(body[i]);
        assert(v >= 0);
        sum += static_cast<unsigned>(i + 1) * static_cast<unsigned>(v);
    }
    return kShortCodeAlphabet[sum % kRadix];
}

std::string new_short_code(std::string_view kiosk_code) {
    assert(valid_kiosk_code(kiosk_code));
    crypto_ready();
    std::string code(kiosk_code);
    for (std::size_t i = 0; i < kShortCodeRandomChars; ++i)
        code += kShortCodeAlphabet[randombytes_uniform(kRadix)];
    code += short_code_check_char(code);
    return code;
}

const char* short_code_problem_name(ShortCodeProblem p) {
    switch (p) {
        case ShortCodeProblem::empty:
            return "empty";
        case ShortCodeProblem::bad_character:
            return "bad_character";
        case ShortCodeProblem::wrong_length:
            return "wrong_length";
        case ShortCodeProblem::check_failed:
            return "check_failed";
    }
    return "unknown";
}

namespace {

// The typed characters as a code: grouping dropped, case and look-alikes folded; `first_bad` is
// the index of the first one outside the alphabet.
std::string fold_typed_code(std::string_view typed, std::optional<std::size_t>& first_bad) {
    std::string code;
    for (std::size_t i = 0; i < typed.size();) {
        char c = next_ascii(typed, i);
        if (c == ' ' || c == '-' || c == '\t') continue;  // the grouping on cards, and habit
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (symbol_value(c) < 0 && !first_bad) first_bad = code.size();
        code += c;
        // Bound the work on pasted junk; anything this long is the wrong length anyway.
        if (code.size() > 4 * kShortCodeChars) break;
    }
    return code;
}

}  // namespace

std::optional<std::size_t> first_bad_short_code_char(std::string_view typed) {
    std::optional<std::size_t> first_bad;
    (void)fold_typed_code(typed, first_bad);
    return first_bad;
}

Result<std::string, ShortCodeProblem> normalize_short_code(std::string_view typed) {
    std::optional<std::size_t> first_bad;
    std::string code = fold_typed_code(typed, first_bad);
    if (code.empty() && !first_bad) return ShortCodeProblem::empty;
    if (first_bad) return ShortCodeProblem::bad_character;
    if (code.size() != kShortCodeChars) return ShortCodeProblem::wrong_length;
    if (short_code_check_char(std::string_view(code).substr(0, kShortCodeChars - 1)) != code.back())
        return ShortCodeProblem::check_failed;
    return code;
}

std::string format_short_code(std::string_view canonical) {
    assert(canonical.size() == kShortCodeChars);
    return std::string(canonical.substr(0, 3)) + "-" + std::string(canonical.substr(3, 4)) + "-" +
           std::string(canonical.substr(7));
}

}  // namespace lianxin
