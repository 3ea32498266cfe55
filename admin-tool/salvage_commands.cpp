// `lianxin-admin kiosk salvage FILE [--out DIR]`: what can still be read from a damaged kiosk.db
// (one the kiosk set aside in DATA_DIR/damaged/, or any copy) goes into a good kiosk.db whose
// records sync: into DIR/kiosk.db, a fresh one or the kiosk's own data folder.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "admin-tool/commands.h"
#include "core/storage/kiosk_db.h"
#include "core/storage/kiosk_salvage.h"

namespace fs = std::filesystem;

namespace lianxin::admin {

namespace {

int salvage(const fs::path& file, fs::path out) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        std::cerr << file.string() << " is not a file\n";
        return 1;
    }
    if (out.empty()) out = file.string() + ".salvaged";
    // Never into the file being salvaged.
    if (fs::exists(out / kKioskDbFileName, ec) && fs::equivalent(out / kKioskDbFileName, file, ec)) {
        std::cerr << "--out must be another folder than the damaged file's own kiosk.db\n";
        return 2;
    }
    auto db = KioskDb::open(out);
    if (!db) {
        std::cerr << "cannot open " << (out / kKioskDbFileName).string() << ": " << db.error().detail << "\n";
        return 1;
    }
    Result<SalvageReport> report = Error{ErrorCode::io, "not run"};
    try {
        report = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(file, s); });
    } catch (const SqliteError& e) {
        std::cerr << "writing " << (*db)->path().string() << " failed: " << e.what() << "\n";
        return 1;
    }
    if (!report) {
        std::cerr << report.error().detail << "\n";
        return 1;
    }
    std::cout << "salvaged " << file.string() << " into " << (*db)->path().string() << "\n";
    std::cout << std::left << std::setw(22) << "table" << std::right << std::setw(8) << "read" << std::setw(8) << "kept"
              << std::setw(9) << "already" << std::setw(9) << "invalid" << std::setw(12) << "unreadable" << "\n";
    for (auto& t : report->tables)
        std::cout << std::left << std::setw(22) << t.table << std::right << std::setw(8) << t.read << std::setw(8) << t.kept
                  << std::setw(9) << t.already << std::setw(9) << t.invalid << std::setw(12) << t.unreadable << "\n";
    for (auto& n : report->notes) std::cout << "  " << n << "\n";
    // A file in which no table could be opened is not a kiosk.db SQLite can read (another file,
    // or one whose schema pages are lost): "0 left out" would tell the operator nothing was lost.
    if (std::all_of(report->tables.begin(), report->tables.end(), [](auto& t) { return t.table_unreadable; })) {
        std::cerr << "nothing in " << file.string()
                  << " could be read as a kiosk.db: no table of one could be opened (is it a kiosk.db?)\n";
        return 1;
    }
    std::cout << report->total_kept() << " records kept; " << report->total_left_out()
              << " left out. Unsent records keep their ids and go to the hub with the kiosk's next sync.\n";
    return 0;
}

}  // namespace

void add_salvage_command(CLI::App& app, int& exit_code) {
    auto* kiosk = app.get_subcommand("kiosk");
    auto* cmd = kiosk->add_subcommand("salvage", "Recover what can be read from a damaged kiosk.db into a good one");
    static std::string file, out;
    cmd->add_option("FILE", file, "the damaged kiosk.db (e.g. DATA_DIR/damaged/kiosk-20270301-101500.db)")->required();
    cmd->add_option("--out", out,
                    "folder whose kiosk.db receives the records (made if missing; a kiosk's data folder adds them to "
                    "its own); default FILE.salvaged");
    cmd->callback([&exit_code] { exit_code = salvage(file, out); });
}

}  // namespace lianxin::admin
