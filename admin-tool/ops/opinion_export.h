// Opinions exported for the experts who refine them: CSV (UTF-8 with a byte-order mark, so Excel
// and WPS read Chinese; every cell a formula could start in defused) and XLSX (libxlsxwriter: a
// summary sheet of opinions per article and stance, the report a legislature asks for, then one
// sheet per consultation). Column headers and values are in the operator's language.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "admin-tool/ops/admin_text.h"
#include "core/sync/admin_opinions.h"

namespace lianxin::admin {

enum class ExportFormat { csv, xlsx };

// The format a file name asks for (.csv or .xlsx, any case), or invalid_input saying which exist.
Result<ExportFormat> export_format_of(const std::filesystem::path& file);

// A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return,
// or their full-width forms) with an apostrophe put before it; any other cell unchanged.
std::string defuse_formula(std::string_view cell);

// The export's columns, and one opinion's cells, as shown to the operator.
std::vector<std::string> export_header(const AdminText& t);
std::vector<std::string> export_cells(const AdminOpinion& o, const AdminText& t);

// One line per (consultation, article), whole-draft opinions as article 0, in that order.
struct ArticleTally {
    std::string consultation;
    int article = 0;
    std::size_t support = 0, oppose = 0, suggest = 0, adopted = 0;  // adopted counts partly adopted too
    std::size_t total() const { return support + oppose + suggest; }
};
std::vector<ArticleTally> tally_by_article(const std::vector<AdminOpinion>& opinions);

std::string opinions_csv(const std::vector<AdminOpinion>& opinions, const AdminText& t);

// Rows as CSV for a spreadsheet: a byte-order mark, CRLF lines, every cell's formula defused.
std::string csv_text(const std::vector<std::vector<std::string>>& rows);
// csv_text written to `file` whole or not at all; an existing file only replaced when `replace`.
Status write_csv_file(const std::filesystem::path& file, const std::vector<std::vector<std::string>>& rows, bool replace);

// Writes `opinions` to `file` in the format its name asks for. The file appears whole or not at
// all (written beside it, then renamed); an existing file is replaced only when `replace`.
Status export_opinions(const std::filesystem::path& file, const std::vector<AdminOpinion>& opinions,
                       const AdminText& t, bool replace);

}  // namespace lianxin::admin
