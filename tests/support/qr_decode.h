// Reading QR codes back from PNG files with the real zbarimg (zbar-tools), as a phone would: the
// tests check what comes back, not how the code was drawn.
#pragma once

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"

namespace lianxin::test {

struct QrDecode {
    bool ok = false;
    std::string text;  // every symbol zbarimg found, one a line, without the final newline
};

inline QrDecode zbar_decode(const std::filesystem::path& png) {
    std::string quoted = "'";
    for (char c : png.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    // zbarimg's stderr (D-Bus noise in containers) is dropped inside the group, so run_command's
    // own 2>&1 only collects the decoded text.
    auto r = run_command("{ zbarimg --raw -q " + quoted + " 2>/dev/null; }");
    QrDecode d;
    d.ok = r.exit_code == 0;
    d.text = r.output;
    if (!d.text.empty() && d.text.back() == '\n') d.text.pop_back();
    return d;
}

}  // namespace lianxin::test
