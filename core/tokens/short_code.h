// Passport short codes: what a visitor types to get back into a passport. 11 characters from a
// 31-symbol alphabet: a 3-character kiosk code (unique per kiosk, assigned at registration), 7
// random characters, and a check character that catches every single-character error and every
// transposition of two characters (weighted sum modulo the prime 31). Shown as "K7Q-4MX2-9ABC".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace lianxin {

// Crockford's base 32 without Z (confused with 2): no I, L, O, U, Z. 31 is prime.
inline constexpr std::string_view kShortCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXY";
inline constexpr std::size_t kKioskCodeChars = 3;
inline constexpr std::size_t kShortCodeRandomChars = 7;
inline constexpr std::size_t kShortCodeChars = kKioskCodeChars + kShortCodeRandomChars + 1;

// Three characters of the alphabet (upper case), e.g. "K7Q".
bool valid_kiosk_code(std::string_view code);

// The check character for `body` (characters of the alphabet only; asserted).
char short_code_check_char(std::string_view body);

// kiosk code + 7 characters from the system's secure random source + check character.
// Precondition: valid_kiosk_code(kiosk_code).
std::string new_short_code(std::string_view kiosk_code);

enum class ShortCodeProblem {
    empty,          // nothing typed
    bad_character,  // a character that is not in the alphabet (after the mappings below)
    wrong_length,   // not 11 characters once spaces and dashes are dropped
    check_failed,   // a typing error: the check character does not match
};
const char* short_code_problem_name(ShortCodeProblem p);

// What the visitor typed → the canonical code (11 upper-case characters). Forgiving where that
// is safe: lower case, spaces and dashes are accepted, O reads as 0 and I or L as 1.
Result<std::string, ShortCodeProblem> normalize_short_code(std::string_view typed);

// Where a typed code's first character outside the alphabet is (U or Z, a letter from another
// script), counted in characters as normalize_short_code keeps them (spaces and dashes dropped),
// so a form can mark it; nullopt when every character is one of the alphabet's. A check
// character that does not match cannot say which character is wrong: that needs the list of real
// codes, which would show a stranger where one lies.
std::optional<std::size_t> first_bad_short_code_char(std::string_view typed);

// "K7QAMX29ABC" → "K7Q-AMX2-9ABC" (for display and cards). Precondition: 11 characters.
std::string format_short_code(std::string_view canonical);

}  // namespace lianxin
