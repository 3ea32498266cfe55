// libFuzzer target: a draft regulation as staff hand it in (core/content/draft_import.h). Whatever
// the bytes, a draft that splits into articles must make a consultation file that reads as TOML,
// holding each article's text exactly as split.
#define TOML_EXCEPTIONS 1  // as core reads TOML (core/content/source_manifest.h)
#include <toml++/toml.h>

#include <cstdlib>

#include "core/content/draft_import.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto doc = parse_draft(fuzz::as_text(data, size));
    if (!doc.ok()) return 0;
    if (doc->articles.empty()) std::abort();
    for (std::size_t i = 1; i < doc->articles.size(); ++i)
        if (doc->articles[i].number <= doc->articles[i - 1].number) std::abort();
    auto file = consultation_source_toml({"fuzz", &*doc, nullptr, "2027-01-31", 1});
    if (!file.ok()) std::abort();
    toml::table parsed;
    try {
        parsed = toml::parse(*file);
    } catch (const toml::parse_error&) {
        std::abort();
    }
    auto* articles = parsed["article"].as_array();
    if (!articles || articles->size() != doc->articles.size()) std::abort();
    for (std::size_t i = 0; i < doc->articles.size(); ++i) {
        auto* t = (*articles)[i].as_table();
        if (!t || (*t)["text"]["zh"].value<std::string>() != doc->articles[i].text) std::abort();
    }
    return 0;
}
