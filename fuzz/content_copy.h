// The demo content copied once into the fuzzer's scratch folder, for the targets that read content
// sources (content_sources_fuzz.cpp, manifest_fuzz.cpp): every illustration becomes one tiny PNG
// (images have their own target, and decoding the demo's nineteen on every input would leave the
// manifests a few inputs a second), and the files an input can stand in for are listed with their
// demo text. An input's first byte picks which file it is; the rest is that file's bytes.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "core/content/content_sources.h"
#include "fuzz/fuzz_support.h"

namespace lianxin::fuzz {

// Every kind of manifest and a body in each language.
inline constexpr const char* kContentFiles[] = {
    "hall.toml",          "slides.toml",          "timeline.toml",  "sections.toml",
    "figures.toml",       "exhibits/futian.toml", "exhibits/futian.zh.md", "exhibits/futian.en.md",
    "consultations/elderly-meals.toml",
    // The station's files, after the others so existing seeds keep their first byte's meaning.
    "deputies.toml", "schedule.toml", "tours.toml",
};

struct ContentCopy {
    std::filesystem::path dir = scratch_dir() / "content";
    std::map<std::string, std::string> originals;

    // `sources_kept`: whether the demo's manifests and bodies stay in the copy (the whole folder is
    // loaded around the fuzzed file), or only its images do (the fuzzed file is read alone).
    explicit ContentCopy(bool sources_kept) : sources_kept_(sources_kept) {
        namespace fs = std::filesystem;
        fs::copy(fs::path(LIANXIN_SOURCE_DIR) / "content", dir, fs::copy_options::recursive);
        std::ifstream png_in(fs::path(LIANXIN_SOURCE_DIR) / "fuzz/corpus/image/tiny.png", std::ios::binary);
        std::string png(std::istreambuf_iterator<char>(png_in), {});
        std::vector<fs::path> sources;
        for (auto& e : fs::recursive_directory_iterator(dir)) {
            if (e.path().extension() == ".png") write_file(e.path(), png);
            if (e.path().extension() == ".toml" || e.path().extension() == ".md") sources.push_back(e.path());
        }
        for (const char* f : kContentFiles) {
            std::ifstream in(dir / f, std::ios::binary);
            originals[f] = std::string(std::istreambuf_iterator<char>(in), {});
        }
        if (!sources_kept)
            for (auto& p : sources) fs::remove(p);
    }

    // Writes an input (first byte: which file; the rest: its bytes) into the copy, loads the
    // folder as `content check` does, and puts the demo's file back, or removes it when the demo
    // sources were not kept.
    void load_with(const std::uint8_t* data, std::size_t size) {
        if (size < 1) return;
        const char* file = kContentFiles[data[0] % std::size(kContentFiles)];
        write_file(dir / file, as_text(data + 1, size - 1));
        auto load = load_content_sources(dir);
        for (auto& p : load.problems) (void)p.to_string();
        if (sources_kept_) write_file(dir / file, originals[file]);
        else std::filesystem::remove(dir / file);
    }

  private:
    bool sources_kept_;
};

}  // namespace lianxin::fuzz
