// libFuzzer target: one content source file (a TOML manifest or a Markdown body) read alone, as
// `content check` reads it, in a folder that holds only the demo's images. The same inputs as
// content_sources_fuzz.cpp (first byte: which file), without the forty other files around it, so
// the manifest readers run some hundred times as often; the cross-file checks are that target's.
#include "core/content/content_sources.h"
#include "fuzz/content_copy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static fuzz::ContentCopy copy(false);
    if (size < 1) return 0;
    const char* file = fuzz::ContentCopy::file_for(data[0]);
    fuzz::write_file(copy.dir / file, fuzz::as_text(data + 1, size - 1));
    auto load = load_content_sources(copy.dir);
    for (auto& p : load.problems) (void)p.to_string();
    std::filesystem::remove(copy.dir / file);
    return 0;
}
