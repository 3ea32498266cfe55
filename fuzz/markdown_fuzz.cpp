// libFuzzer target: exhibit bodies (Markdown through md4c) as an author or a damaged file gives
// them, into the block list the kiosk lays out.
#include "core/markdown/markdown_doc.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto doc = parse_markdown(fuzz::as_text(data, size));
    std::size_t total = 0;
    for (auto& b : doc.blocks) total += b.plain().size();
    total += markdown_images(doc).size();
    return total == static_cast<std::size_t>(-1);  // keeps the work observable; always 0
}
