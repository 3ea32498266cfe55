// libFuzzer target: PNG and JPEG files from content sources and bundles, probed and decoded within
// limits. A decoded image must be what it says: no larger than asked, and width × height × 4 bytes.
#include <cstdlib>

#include "core/image/image_decode.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto bytes = fuzz::as_text(data, size);
    // Smaller limits than the kiosk's so each input stays cheap; the code paths are the same.
    ImageLimits limits;
    limits.max_bytes = 1u << 20;
    limits.max_side = 1024;
    (void)probe_image(bytes, limits);
    auto px = decode_image(bytes, 64, 48, limits);
    if (px.ok()) {
        if (px->width <= 0 || px->height <= 0 || px->width > 64 || px->height > 48) std::abort();
        if (px->rgba.size() != static_cast<std::size_t>(px->width) * static_cast<std::size_t>(px->height) * 4) std::abort();
    }
    return 0;
}
