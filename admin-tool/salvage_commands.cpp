// `lianxin-admin kiosk salvage FILE [--out DIR]`: what can still be read from a damaged kiosk.db
// (one the kiosk set aside in DATA_DIR/damaged/, or any copy) goes into a good kiosk.db whose
// records sync: into DIR/kiosk.db, a fresh one or the kiosk's own data folder.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "core/storage/kiosk_db.h"
#include "core/storage/kiosk_salvage.h"

namespace fs = std::filesystem;

namespace lianxin::admin {

namespace {

int salvage(const fs::path& file, fs::path out) {
    auto& t = cli_text();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        std::cerr << t("cli.salvage.not_file", {file.string()}) << "\n";
        return 1;
    }
    if (out.empty()) out = file.string() + ".salvaged";
    // Never into the file being salvaged.
    if (fs::exists(out / kKioskDbFileName, ec) && fs::equivalent(out / kKioskDbFileName, file, ec)) {
        std::cerr << t("cli.salvage.same_file") << "\n";
        return 2;
    }
    auto db = KioskDb::open(out);
    if (!db) {
        std::cerr << t("cli.salvage.cannot_open", {(out / kKioskDbFileName).string(), db.error().detail}) << "\n";
        return 1;
    }
    Result<SalvageReport> report = Error{ErrorCode::io, "not run"};
    try {
        report = (*db)->locked([&](SqliteDb& s) { return salvage_kiosk_db(file, s); });
    } catch (const SqliteError& e) {
        std::cerr << t("cli.salvage.write_failed", {(*db)->path().string(), e.what()}) << "\n";
        return 1;
    }
    if (!report) {
        std::cerr << report.error().detail << "\n";
        return 1;
    }
    std::cout << t("cli.salvage.salvaged", {file.string(), (*db)->path().string()}) << "\n";
    // The table's name on the left, then its counts on the right of their columns.
    auto row = [](const std::string& table, std::initializer_list<std::string> counts) {
        static constexpr std::size_t kWidths[] = {8, 8, 9, 9, 12};
        std::string line = pad_columns(table, 22);
        std::size_t i = 0;
        for (auto& n : counts) line += pad_columns(n, kWidths[i++], /*align_right=*/true);
        return line;
    };
    std::cout << row(t("cli.salvage.column.table"),
                     {t("cli.salvage.column.read"), t("cli.salvage.column.kept"), t("cli.salvage.column.already"),
                      t("cli.salvage.column.invalid"), t("cli.salvage.column.unreadable")})
              << "\n";
    for (auto& s : report->tables)
        std::cout << row(s.table, {std::to_string(s.read), std::to_string(s.kept), std::to_string(s.already),
                                   std::to_string(s.invalid), std::to_string(s.unreadable)})
                  << "\n";
    for (auto& n : report->notes) std::cout << "  " << n << "\n";
    // A file in which no table could be opened is not a kiosk.db SQLite can read (another file,
    // or one whose schema pages are lost): "0 left out" would tell the operator nothing was lost.
    if (std::all_of(report->tables.begin(), report->tables.end(), [](auto& t) { return t.table_unreadable; })) {
        std::cerr << t("cli.salvage.unreadable", {file.string()}) << "\n";
        return 1;
    }
    std::cout << t("cli.salvage.summary", {std::to_string(report->total_kept()), std::to_string(report->total_left_out())})
              << "\n";
    return 0;
}

}  // namespace

void add_salvage_command(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* kiosk = app.get_subcommand("kiosk");
    auto* cmd = kiosk->add_subcommand("salvage", t("cli.salvage.about"));
    static std::string file, out;
    cmd->add_option("FILE", file, t("cli.salvage.file"))->required();
    cmd->add_option("--out", out, t("cli.salvage.out"));
    cmd->callback([&exit_code] { exit_code = salvage(file, out); });
}

}  // namespace lianxin::admin
