// libFuzzer target: one content source file (a TOML manifest or a Markdown body) read alone, as
// `content check` reads it, in a folder that holds only the demo's images. The same inputs as
// content_sources_fuzz.cpp (first byte: which file), without the forty other files around it, so
// the manifest readers run about 35 times as often; the cross-file checks are that target's.
#include "fuzz/content_copy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static lianxin::fuzz::ContentCopy copy(false);
    copy.load_with(data, size);
    return 0;
}
