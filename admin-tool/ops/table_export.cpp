// CSV and XLSX tables (table_export.h).
#include "admin-tool/ops/table_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cctype>

#include "core/base/files.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string csv_cell(const std::string& s) {
    std::string v = defuse_formula(s);
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Status refuse_existing(const fs::path& file, bool replace) {
    std::error_code ec;
    if (!replace && fs::exists(file, ec))
        return Error{ErrorCode::invalid_input, file.string() + " exists; choose another name or pass --replace"};
    return ok_status();
}

bool whole_number(const std::string& s) {
    if (s.empty() || s.size() > 15) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// The workbook at `tmp`; a message naming what libxlsxwriter could not do.
Status write_workbook(const fs::path& tmp, const std::vector<TableSheet>& sheets) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are written: 100,000 opinions fit
    std::string tmpdir = tmp.parent_path().string();
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &options);
    if (!wb) return Error{ErrorCode::io, tmp.string() + " cannot be created"};
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xE8EEF7);
    format_set_text_wrap(head);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    for (const TableSheet& t : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
        if (!ws) {
            workbook_close(wb);
            return Error{ErrorCode::invalid_input, "'" + t.name + "' cannot name a sheet"};
        }
        for (lxw_col_t c = 0; c < t.header.size(); ++c) {
            lxw_format* f = t.wrap.count(c) ? wrap : nullptr;
            worksheet_set_column(ws, c, c, c < t.widths.size() ? t.widths[c] : 12, f);
            worksheet_write_string(ws, 0, c, t.header[c].c_str(), head);
        }
        lxw_row_t r = 1;
        for (std::size_t i = 0; i < t.row_count; ++i, ++r) {
            auto cells = t.row(i);
            for (lxw_col_t c = 0; c < cells.size(); ++c) {
                if (t.numbers.count(c) && whole_number(cells[c]))
                    worksheet_write_number(ws, r, c, std::stod(cells[c]), nullptr);
                else
                    worksheet_write_string(ws, r, c, cells[c].c_str(), t.wrap.count(c) ? wrap : nullptr);
            }
        }
        worksheet_freeze_panes(ws, 1, 0);
        if (t.filter && !t.header.empty())
            worksheet_autofilter(ws, 0, 0, r - 1, static_cast<lxw_col_t>(t.header.size() - 1));
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) return Error{ErrorCode::io, tmp.string() + ": " + lxw_strerror(err)};
    return ok_status();
}

}  // namespace

Result<ExportFormat> export_format_of(const fs::path& file) {
    std::string ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".csv") return ExportFormat::csv;
    if (ext == ".xlsx") return ExportFormat::xlsx;
    return Error{ErrorCode::invalid_input, file.string() + ": an export is a .csv or an .xlsx file"};
}

std::string defuse_formula(std::string_view cell) {
    static constexpr std::string_view kStarts[] = {"=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"};
    for (auto p : kStarts)
        if (starts_with(cell, p)) return "'" + std::string(cell);
    return std::string(cell);
}

std::string csv_text(const std::vector<std::vector<std::string>>& rows) {
    std::string out = "\xef\xbb\xbf";  // Excel reads UTF-8 only with its byte-order mark
    for (auto& cells : rows) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
        out += "\r\n";
    }
    return out;
}

Status write_csv_file(const fs::path& file, const std::vector<std::vector<std::string>>& rows, bool replace) {
    if (auto st = refuse_existing(file, replace); !st) return st;
    return write_file_atomic(file, csv_text(rows));
}

Status write_xlsx_file(const fs::path& file, const std::vector<TableSheet>& sheets, bool replace) {
    if (auto st = refuse_existing(file, replace); !st) return st;
    std::error_code ec;
    // libxlsxwriter writes its own file: beside the target, renamed into place when whole.
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    fs::path tmp = dir / ("." + file.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
    auto st = write_workbook(tmp, sheets);
    if (st) {
        fs::rename(tmp, file, ec);
        if (ec) st = Error{ErrorCode::io, file.string() + ": " + ec.message()};
    }
    if (!st) fs::remove(tmp, ec);
    return st;
}

Status export_table(const fs::path& file, const TableSheet& table, bool replace) {
    auto format = export_format_of(file);
    if (!format) return format.error();
    if (*format == ExportFormat::xlsx) return write_xlsx_file(file, {table}, replace);
    std::vector<std::vector<std::string>> rows{table.header};
    for (std::size_t i = 0; i < table.row_count; ++i) rows.push_back(table.row(i));
    return write_csv_file(file, rows, replace);
}

}  // namespace lianxin::admin
