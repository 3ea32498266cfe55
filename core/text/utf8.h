// UTF-8 decoding helpers shared by content checks, font coverage and text layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin::utf8 {

constexpr char32_t kInvalid = 0xFFFD;

// Decodes one code point at s[i], advancing i; malformed bytes yield kInvalid and advance by one.
char32_t next(std::string_view s, std::size_t& i);
bool is_valid(std::string_view s);
// First code point above U+FFFF (which a 16-bit ImWchar cannot draw), or 0 if none.
char32_t first_astral(std::string_view s);
void append(std::string& out, char32_t cp);
std::size_t count_code_points(std::string_view s);
// `s` cut to at most `max_bytes` without splitting a sequence (a field with a byte limit).
std::string cut(std::string_view s, std::size_t max_bytes);
// Where the last code point of `s` starts (0 when `s` is empty): erase from there to take it off.
std::size_t last_start(std::string_view s);
// Unique code points of `s`, sorted.
std::vector<char32_t> unique_code_points(std::string_view s);

}  // namespace lianxin::utf8
