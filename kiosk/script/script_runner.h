// Scripted kiosk runs (docs/architecture.md) for tests and screenshots: one command a line —
//   tap X Y | tap-text LABEL | drag X0 Y0 X1 Y1 MS | key NAME | type TEXT | wait MS | idle MS |
//   shot NAME | expect-screen NAME        (# starts a comment)
// and drag-in LABEL FX0 FY0 FX1 FY1 MS: a drag inside a labelled target, in fractions (0–1) of
// its size, e.g. a stroke on the handwriting pad; and scan TEXT: TEXT typed a character every
// 4 ms and then Return, as a 2D barcode scanner sends a QR code; and sync-wait MS: wait (real
// time) until the app's exchange with its hub is done. Everything runs on the app's virtual clock,
// through the same input path as touches. The kiosk and the admin tool's window both run them
// (kiosk/script/script_target.h).
#pragma once

#include <string>
#include <vector>

namespace lianxin::kiosk {

class ScriptTarget;

struct ScriptCommand {
    int line = 0;
    std::string verb;
    std::vector<std::string> args;  // for type/tap-text/shot: args[0] is the rest of the line
};

// Parses a script; on a malformed line returns false and sets `error` ("line N: …").
bool parse_script(const std::string& text, std::vector<ScriptCommand>& out, std::string& error);

// Runs the script; exit codes: 0 done, 2 script error (bad line, unknown label), 3 expectation failed.
int run_script(ScriptTarget& app, const std::string& path, const std::string& shots_dir);

}  // namespace lianxin::kiosk
