// libFuzzer target: the exhibition's sources (TOML manifests and Markdown bodies) as `content
// check` and `content build` read them. The demo content is copied to a scratch folder once; each
// input replaces one of its files (the first byte picks which) and the whole folder is loaded,
// so the cross-file checks run over the fuzzed file too. The file is put back afterwards.
#include <map>

#include "core/content/content_sources.h"
#include "fuzz/fuzz_support.h"

namespace {

// The files an input can stand in for: every kind of manifest and a body in each language.
constexpr const char* kFiles[] = {
    "hall.toml",          "slides.toml",          "timeline.toml",  "sections.toml",
    "figures.toml",       "exhibits/futian.toml", "exhibits/futian.zh.md", "exhibits/futian.en.md",
    "consultations/elderly-meals.toml",
};

struct ContentCopy {
    std::filesystem::path dir = lianxin::fuzz::scratch_dir() / "content";
    std::map<std::string, std::string> originals;
    ContentCopy() {
        std::filesystem::copy(std::filesystem::path(LIANXIN_SOURCE_DIR) / "content", dir,
                              std::filesystem::copy_options::recursive);
        // Every illustration becomes one tiny PNG: images have their own target, and decoding the
        // demo's nineteen on every input would leave the manifests a few inputs a second.
        std::ifstream png_in(std::filesystem::path(LIANXIN_SOURCE_DIR) / "fuzz/corpus/image/tiny.png", std::ios::binary);
        std::string png(std::istreambuf_iterator<char>(png_in), {});
        for (auto& e : std::filesystem::recursive_directory_iterator(dir))
            if (e.path().extension() == ".png") lianxin::fuzz::write_file(e.path(), png);
        for (const char* f : kFiles) {
            std::ifstream in(dir / f, std::ios::binary);
            originals[f] = std::string(std::istreambuf_iterator<char>(in), {});
        }
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static ContentCopy copy;
    if (size < 1) return 0;
    const char* file = kFiles[data[0] % std::size(kFiles)];
    fuzz::write_file(copy.dir / file, fuzz::as_text(data + 1, size - 1));
    auto load = load_content_sources(copy.dir);
    for (auto& p : load.problems) (void)p.to_string();
    fuzz::write_file(copy.dir / file, copy.originals[file]);
    return 0;
}
