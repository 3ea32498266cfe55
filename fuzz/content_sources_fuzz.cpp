// libFuzzer target: the exhibition's sources (TOML manifests and Markdown bodies) as `content
// check` and `content build` read them, in a whole folder. The demo content is copied to a scratch
// folder once (fuzz/content_copy.h); each input replaces one of its files and the whole folder is
// loaded, so the cross-file checks run over the fuzzed file too. The file is put back afterwards.
// Slow by nature (some forty files an input); manifest_fuzz.cpp reads one file alone, fast.
#include "fuzz/content_copy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static lianxin::fuzz::ContentCopy copy(true);
    copy.load_with(data, size);
    return 0;
}
