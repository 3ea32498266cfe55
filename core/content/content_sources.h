// Reads the exhibition's sources (content/ folder: TOML manifests, Markdown bodies, images)
// and checks them, collecting every problem with file, field and line (docs/content-format.md).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/content/content_model.h"

namespace lianxin {

struct Diagnostic {
    std::string file;   // relative to the content folder
    int line = 0;       // 1-based; 0 when the problem is about the whole file
    std::string field;  // e.g. "event[3].title.en"
    std::string message;
    std::string to_string() const;  // "file:line: field: message"
};

struct SourceLoad {
    ContentSet content;
    std::map<std::string, MediaItem> media;  // by media name, e.g. "images/futian.png"
    std::vector<Diagnostic> problems;
    bool ok() const { return problems.empty(); }
};

SourceLoad load_content_sources(const std::filesystem::path& dir);

}  // namespace lianxin
