// Printing a saved card through CUPS: runs `lp` (or the configured command) on the PNG and waits
// for it to queue the job. The kiosk offers printing only when a printer is configured.
#pragma once

#include <filesystem>
#include <string>

#include "core/base/result.h"
#include "core/cards/card_renderer.h"

namespace lianxin {

struct PrinterConfig {
    std::string printer;          // CUPS queue name; empty = no printer (option hidden)
    std::string command = "lp";   // the lp program (a path, or a name found on PATH)
    CardFormat format = CardFormat::a6;  // a6 for card printers, receipt for 80 mm printers
    bool configured() const { return !printer.empty(); }
};

// `lp -d PRINTER -t TITLE -o fit-to-page FILE`, no shell. io with lp's own message (and what to
// check) when it cannot be run or exits non-zero; the job id line lp printed on success.
Result<std::string> print_card_file(const PrinterConfig& printer, const std::filesystem::path& png,
                                    const std::string& title);

}  // namespace lianxin
