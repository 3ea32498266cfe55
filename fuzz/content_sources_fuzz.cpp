// libFuzzer target: the exhibition's sources (TOML manifests and Markdown bodies) as `content
// check` and `content build` read them, in a whole folder. The demo content is copied to a scratch
// folder once (fuzz/content_copy.h); each input replaces one of its files and the whole folder is
// loaded, so the cross-file checks run over the fuzzed file too. The file is put back afterwards.
// Slow by nature (some forty files an input); manifest_fuzz.cpp reads one file alone, fast.
#include "core/content/content_sources.h"
#include "fuzz/content_copy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static fuzz::ContentCopy copy(true);
    if (size < 1) return 0;
    const char* file = fuzz::ContentCopy::file_for(data[0]);
    fuzz::write_file(copy.dir / file, fuzz::as_text(data + 1, size - 1));
    auto load = load_content_sources(copy.dir);
    for (auto& p : load.problems) (void)p.to_string();
    fuzz::write_file(copy.dir / file, copy.originals[file]);
    return 0;
}
