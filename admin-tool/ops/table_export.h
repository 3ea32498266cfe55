// Tables exported for a spreadsheet, whatever the records (opinions, guestbook entries, the audit
// log): CSV (UTF-8 with a byte-order mark, so Excel and WPS read Chinese; every cell a formula
// could start in defused) and XLSX (libxlsxwriter, rows streamed to disk as they are written).
// A file appears whole or not at all; an existing one is replaced only when asked.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin::admin {

enum class ExportFormat { csv, xlsx };

// The format a file name asks for (.csv or .xlsx, any case), or invalid_input saying which exist.
Result<ExportFormat> export_format_of(const std::filesystem::path& file);

// A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return,
// or their full-width forms) with an apostrophe put before it; any other cell unchanged.
std::string defuse_formula(std::string_view cell);

// Rows as CSV for a spreadsheet: a byte-order mark, CRLF lines, every cell's formula defused.
std::string csv_text(const std::vector<std::vector<std::string>>& rows);
// csv_text written to `file` whole or not at all; an existing file only replaced when `replace`.
Status write_csv_file(const std::filesystem::path& file, const std::vector<std::vector<std::string>>& rows, bool replace);

// One sheet of a workbook: a bold header row, then `row_count` rows read one at a time from
// `row(i)` (so a large export is never held twice). Cells of `numbers` columns that are whole
// numbers are written as numbers; cells of `wrap` columns wrap. Strings are never formulas.
struct TableSheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<double> widths;  // characters, by column
    std::set<std::size_t> wrap, numbers;
    std::size_t row_count = 0;
    std::function<std::vector<std::string>(std::size_t)> row;
    bool filter = true;  // an autofilter over the header
};

// The sheets in order as an .xlsx at `file`, whole or not at all (written beside it, renamed).
Status write_xlsx_file(const std::filesystem::path& file, const std::vector<TableSheet>& sheets, bool replace);

// One table (its header and rows) to `file` in the format its name asks for.
Status export_table(const std::filesystem::path& file, const TableSheet& table, bool replace);

}  // namespace lianxin::admin
