// Base45 against RFC 9285's examples and its decode errors; passport short codes: the check
// character provably catches every single substitution and every two-character transposition
// (exhaustively, on many random codes), and typing is normalised the documented way.
#include <catch2/catch.hpp>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "core/tokens/base45.h"
#include "core/tokens/short_code.h"

using namespace lianxin;

namespace {
std::vector<std::uint8_t> bytes_of(std::string_view s) {
    return {s.begin(), s.end()};
}
std::string text_of(const std::vector<std::uint8_t>& b) {
    return {b.begin(), b.end()};
}
}  // namespace

TEST_CASE("Base45 encodes and decodes the RFC 9285 examples", "[core][tokens]") {
    struct Vector {
        const char* bytes;
        const char* text;
    };
    for (auto v : {Vector{"AB", "BB8"}, Vector{"Hello!!", "%69 VD92EX0"},
                   Vector{"base-45", "UJCLQE7W581"}, Vector{"ietf!", "QED8WEX0"}}) {
        INFO(v.bytes);
        CHECK(base45_encode(bytes_of(v.bytes)) == v.text);
        auto back = base45_decode(v.text);
        REQUIRE(back.ok());
        CHECK(text_of(*back) == v.bytes);
    }
    CHECK(base45_encode({}) == "");
    CHECK(base45_decode("").ok());
}

TEST_CASE("Base45 round-trips every byte value and both group sizes", "[core][tokens]") {
    std::vector<std::uint8_t> all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
    for (std::size_t n : {1u, 2u, 3u, 255u, 256u}) {
        std::vector<std::uint8_t> part(all.begin(), all.begin() + static_cast<long>(n));
        auto text = base45_encode(part);
        CHECK(text.size() == n / 2 * 3 + n % 2 * 2);
        auto back = base45_decode(text);
        REQUIRE(back.ok());
        CHECK(*back == part);
    }
    CHECK(base45_encode(std::vector<std::uint8_t>{0xff, 0xff}) == "FGW");
}

TEST_CASE("Base45 decoding refuses what RFC 9285 calls invalid, naming the position",
          "[core][tokens]") {
    // "GGW" is 65536 (one too many for two bytes); ":6" is 44 + 6·45 = 314 (> one byte).
    struct Bad {
        const char* text;
        const char* says;
    };
    for (auto b :
         {Bad{"GGW", "positions 1-3"}, Bad{":6", "positions 1-2"}, Bad{"BB8A", "single character"},
          Bad{"A", "single character"}, Bad{"BB8bb8", "'b' at position 4"},
          Bad{"BB8#B8", "'#' at position 4"}, Bad{"BB\n", "byte 0x0a at position 3"}}) {
        INFO(b.text);
        auto r = base45_decode(b.text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::Contains(b.says));
    }
}

TEST_CASE("short codes: kiosk code, 7 random characters from the alphabet, a valid check",
          "[core][tokens]") {
    CHECK(valid_kiosk_code("K7Q"));
    CHECK_FALSE(valid_kiosk_code("K7"));
    CHECK_FALSE(valid_kiosk_code("k7q"));
    CHECK_FALSE(valid_kiosk_code("KOQ"));  // O is not in the alphabet
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto code = new_short_code("K7Q");
        REQUIRE(code.size() == kShortCodeChars);
        CHECK(code.substr(0, 3) == "K7Q");
        CHECK(code.find_first_not_of(kShortCodeAlphabet) == std::string::npos);
        auto n = normalize_short_code(code);
        REQUIRE(n.ok());
        CHECK(*n == code);
        seen.insert(code);
    }
    CHECK(seen.size() > 190);  // 31^7 possibilities: repeats in 200 draws mean a broken source
    CHECK(format_short_code("K7QAMX29ABC") == "K7Q-AMX2-9ABC");
}

TEST_CASE("the check character is the documented weighted sum modulo 31", "[core][tokens]") {
    // Σ (i+1)·v_i for "0000000001": 10·1 = 10 → 'A'; for "1000000000": 1 → '1'.
    CHECK(short_code_check_char("0000000001") == 'A');
    CHECK(short_code_check_char("1000000000") == '1');
    CHECK(short_code_check_char("0000000000") == '0');
    // "Y" is 30: 30·(1+…+10) = 1650 = 53·31 + 7.
    CHECK(short_code_check_char("YYYYYYYYYY") == '7');
}

TEST_CASE("every single substitution and every transposition of a short code is caught",
          "[core][tokens]") {
    for (int round = 0; round < 300; ++round) {
        std::string kiosk;
        for (int k = 0; k < 3; ++k)
            kiosk += kShortCodeAlphabet[static_cast<std::size_t>((round * 7 + k * 11) % 31)];
        auto code = new_short_code(kiosk);
        INFO(code);
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (char c : kShortCodeAlphabet) {
                if (c == code[i]) continue;
                auto typo = code;
                typo[i] = c;
                auto r = normalize_short_code(typo);
                INFO(typo);
                REQUIRE_FALSE(r.ok());
                REQUIRE(r.error() == ShortCodeProblem::check_failed);
            }
            for (std::size_t j = i + 1; j < code.size(); ++j) {
                if (code[i] == code[j]) continue;
                auto swapped = code;
                std::swap(swapped[i], swapped[j]);
                auto r = normalize_short_code(swapped);
                INFO(swapped);
                REQUIRE_FALSE(r.ok());
                REQUIRE(r.error() == ShortCodeProblem::check_failed);
            }
        }
    }
}

TEST_CASE("typed short codes are normalised: case, dashes, spaces, O/I/L, full-width",
          "[core][tokens]") {
    auto code = new_short_code("K7Q");
    auto formatted = format_short_code(code);
    std::string lower;
    for (char c : formatted)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& typed :
         {code, formatted, lower, " " + formatted + " ", std::string("k 7 q") + code.substr(3)}) {
        INFO(typed);
        auto r = normalize_short_code(typed);
        REQUIRE(r.ok());
        CHECK(*r == code);
    }
    // A code with 0 and 1 in it, typed with O, I and L.
    std::string body = "K7Q0101010";
    auto with01 = body + short_code_check_char(body);
    auto typed = with01;
    typed[3] = 'O', typed[4] = 'I', typed[6] = 'l', typed[9] = 'o';
    auto r = normalize_short_code(typed);
    REQUIRE(r.ok());
    CHECK(*r == with01);
    // Full-width letters and digits (an input method left in full-width mode): "Ｋ７Ｑ" + rest.
    auto fw =
        normalize_short_code("\xEF\xBC\xAB\xEF\xBC\x97\xEF\xBC\xB1\xEF\xBC\x8D" + with01.substr(3));
    REQUIRE(fw.ok());
    CHECK(*fw == with01);
}

TEST_CASE("the first character outside the short-code alphabet is found where the visitor typed it",
          "[core][tokens]") {
    CHECK_FALSE(first_bad_short_code_char("K7Q-4MX2-9ABC").has_value());
    CHECK_FALSE(first_bad_short_code_char("k7q 4mx2 9abc").has_value());  // case and grouping are fine
    CHECK_FALSE(first_bad_short_code_char("K7QO4MX29ABC").has_value());   // O reads as 0
    CHECK(first_bad_short_code_char("K7Q-4MU2-9ABC") == std::size_t{5});  // dashes are not counted
    CHECK(first_bad_short_code_char("Z7Q4MU29ABC") == std::size_t{0});    // the first of two
    CHECK(first_bad_short_code_char("K7Q4M\xE4\xB8\x80") == std::size_t{5});  // a Chinese character
    CHECK(first_bad_short_code_char("") == std::nullopt);
}

TEST_CASE("short code problems are reported in order", "[core][tokens]") {
    auto code = new_short_code("K7Q");
    auto problem = [](std::string_view s) {
        auto r = normalize_short_code(s);
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    CHECK(problem("") == ShortCodeProblem::empty);
    CHECK(problem(" - -") == ShortCodeProblem::empty);
    CHECK(problem(code.substr(0, 10) + "U") == ShortCodeProblem::bad_character);
    CHECK(problem(code.substr(0, 10) + "Z") == ShortCodeProblem::bad_character);
    CHECK(problem(code + "!") == ShortCodeProblem::bad_character);
    CHECK(problem(code.substr(0, 5) + "\xE4\xB8\xAD" + code.substr(6)) ==
          ShortCodeProblem::bad_character);
    CHECK(problem(code.substr(0, 10)) == ShortCodeProblem::wrong_length);
    CHECK(problem(code + "0") == ShortCodeProblem::wrong_length);
    CHECK(problem(std::string(5000, '1')) == ShortCodeProblem::wrong_length);
    CHECK(std::string(short_code_problem_name(ShortCodeProblem::check_failed)) == "check_failed");
}
