// A fresh temporary folder per test, removed afterwards; and helpers to run programs.
#pragma once

#include <filesystem>
#include <string>

namespace lianxin::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);
// Copies a folder tree (e.g. the demo content, to break a copy of it).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

struct RunResult {
    int exit_code;
    std::string output;  // stdout and stderr together
};
// Runs a shell command line, capturing its output.
RunResult run_command(const std::string& command);
// `s` as one word of a shell command line, whatever it holds (spaces, quotes).
std::string shell_quoted(const std::string& s);

// The demo content sources and the demo bundle built by CMake.
std::filesystem::path demo_content_dir();
std::filesystem::path demo_dir();

}  // namespace lianxin::test
