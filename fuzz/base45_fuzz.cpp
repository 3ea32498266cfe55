// libFuzzer target: Base45 text (RFC 9285) as it comes out of a scanned QR code. What decodes
// must encode back to the same text: each value has one spelling, so nothing slips past a check.
#include <cstdlib>

#include "core/tokens/base45.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto text = fuzz::as_text(data, size);
    auto bytes = base45_decode(text);
    if (bytes.ok() && base45_encode(*bytes) != text) std::abort();
    // And any bytes survive the round trip the other way.
    std::vector<std::uint8_t> raw(data, data + size);
    auto back = base45_decode(base45_encode(raw));
    if (!back.ok() || *back != raw) std::abort();
    return 0;
}
