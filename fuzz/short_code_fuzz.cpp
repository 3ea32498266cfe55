// libFuzzer target: what a visitor types as a passport short code. A code that normalizes is
// canonical (11 characters of the alphabet, stable under normalizing again and under formatting).
#include <cstdlib>

#include "core/tokens/short_code.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto code = normalize_short_code(fuzz::as_text(data, size));
    if (!code.ok()) return 0;
    if (code->size() != kShortCodeChars) std::abort();
    for (char c : *code)
        if (kShortCodeAlphabet.find(c) == std::string_view::npos) std::abort();
    if (short_code_check_char(std::string_view(*code).substr(0, kShortCodeChars - 1)) != code->back()) std::abort();
    auto again = normalize_short_code(format_short_code(*code));
    if (!again.ok() || *again != *code) std::abort();
    return 0;
}
