// Content-check test helpers: a copy of the demo content to break one thing in, and assertions
// that a problem is reported with the expected file, field, line and message.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/content/content_sources.h"
#include "tests/support/temp_dir.h"

namespace lianxin::test {

inline std::string all_problems(const SourceLoad& load) {
    std::string s;
    for (auto& p : load.problems) s += p.to_string() + "\n";
    return s;
}

struct ContentCopy {
    TempDir tmp;
    std::filesystem::path dir = tmp.path() / "content";

    ContentCopy() { copy_tree(demo_content_dir(), dir); }

    // Replaces the first occurrence of `from` in `file`; the test fails if the demo lacks it.
    void replace(const std::string& file, const std::string& from, const std::string& to) {
        auto text = read_text(dir / file);
        auto pos = text.find(from);
        INFO(file << " should contain: " << from);
        REQUIRE(pos != std::string::npos);
        text.replace(pos, from.size(), to);
        write_text(dir / file, text);
    }

    void append(const std::string& file, const std::string& text) { write_text(dir / file, read_text(dir / file) + text); }

    // 1-based line of the `nth` (1 = first) occurrence of `needle` in `file`.
    int line_of(const std::string& file, const std::string& needle, int nth = 1) const {
        auto text = read_text(dir / file);
        auto pos = text.find(needle);
        for (int k = 1; k < nth && pos != std::string::npos; ++k) pos = text.find(needle, pos + 1);
        INFO(file << " should contain " << nth << " × " << needle);
        REQUIRE(pos != std::string::npos);
        return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
    }

    SourceLoad load() const { return load_content_sources(dir); }
};

inline const Diagnostic* find_problem(const SourceLoad& load, const std::string& file, const std::string& field) {
    for (auto& p : load.problems)
        if (p.file == file && p.field == field) return &p;
    return nullptr;
}

// Finds the one problem for file + field and checks its line and message.
inline void expect_problem(const SourceLoad& load, const std::string& file, const std::string& field, int line,
                           const std::string& message_part) {
    INFO("problems reported:\n" << all_problems(load));
    INFO("expected " << file << ":" << line << ": " << field << ": …" << message_part << "…");
    auto* p = find_problem(load, file, field);
    REQUIRE(p != nullptr);
    CHECK(p->line == line);
    CHECK_THAT(p->message, Catch::Contains(message_part));
}

// The only problem reported is the expected one.
inline void expect_only_problem(const SourceLoad& load, const std::string& file, const std::string& field, int line,
                                const std::string& message_part) {
    INFO("problems reported:\n" << all_problems(load));
    CHECK(load.problems.size() == 1);
    expect_problem(load, file, field, line, message_part);
}

}  // namespace lianxin::test
