// Writes the exhibition's sources back from the model, in the layout content_sources reads
// (docs/content-format.md): the admin tool's editor saves through here. Only the files whose
// content changed are written, so the comments of a file nobody touched stay.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/content/content_model.h"

namespace lianxin {

// Every source file of `content` as text, by path relative to the content folder: hall.toml,
// slides.toml, timeline.toml, sections.toml, figures.toml, exhibits/<id>.toml with its bodies
// exhibits/<id>.zh.md and <id>.en.md, consultations/<id>.toml. Images are not among them.
std::map<std::string, std::string> content_source_files(const ContentSet& content);

struct SaveOutcome {
    std::vector<std::string> written, removed;  // relative paths
};

// Writes to `dir` the files of `next` that differ from those of `before` (what the folder held
// when it was read), each to a temporary file renamed over the old one, so a file is never half
// written; removes the files of exhibits and consultations `next` no longer has. An error names
// the file; the files written before it stay written (each is whole).
Result<SaveOutcome> save_content_sources(const std::filesystem::path& dir, const ContentSet& before,
                                         const ContentSet& next);

// `text` as a TOML basic string, quotes included: escapes for ", \ and control characters.
std::string toml_string(const std::string& text);

}  // namespace lianxin
