// CSV and XLSX exports of opinions (opinion_export.h).
#include "admin-tool/ops/opinion_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <map>

#include "core/base/calendar.h"
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

// The sheet of consultation `id`: its id (letters, digits, '_', '-', at most 20: always a valid
// name), unless a spreadsheet would take it for another sheet: the summary, as names are compared
// without case, or "history", which Excel keeps for itself. Those get " (1)": no id holds a space.
std::string sheet_name(const std::string& id, const std::string& summary) {
    std::string lower_summary;
    for (char c : summary) lower_summary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return id == lower_summary || id == "history" ? id + " (1)" : id;
}

// Columns of the opinion sheets, and their widths in characters.
constexpr double kWidths[] = {38, 16, 8, 10, 60, 6, 8, 16, 17, 12, 40, 12, 14};
constexpr int kArticleColumn = 2;

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

std::vector<std::string> export_header(const AdminText& t) {
    std::vector<std::string> h;
    for (const char* k : {"id", "consultation", "article", "stance", "text", "lang", "channel", "kiosk", "created",
                          "status", "reply", "contact_name", "contact_phone"})
        h.push_back(t(std::string("export.column.") + k));
    return h;
}

std::vector<std::string> export_cells(const AdminOpinion& o, const AdminText& t) {
    return {o.id,
            o.consultation,
            o.article ? std::to_string(*o.article) : t("export.whole_draft"),
            t(std::string("stance.") + stance_code(o.stance)),
            o.text,
            o.lang,
            t(std::string("channel.") + channel_code(o.channel)),
            o.kiosk,
            local_time_text(o.created_at_ms),
            t(std::string("status.") + opinion_status_code(o.status)),
            o.reply,
            o.contact_name,
            o.contact_phone};
}

std::vector<ArticleTally> tally_by_article(const std::vector<AdminOpinion>& opinions) {
    std::map<std::pair<std::string, int>, ArticleTally> by;
    for (auto& o : opinions) {
        int art = o.article.value_or(0);
        auto& t = by[{o.consultation, art}];
        t.consultation = o.consultation;
        t.article = art;
        (o.stance == Stance::support ? t.support : o.stance == Stance::oppose ? t.oppose : t.suggest)++;
        if (o.status == OpinionStatus::adopted || o.status == OpinionStatus::partly_adopted) ++t.adopted;
    }
    std::vector<ArticleTally> out;
    for (auto& [k, v] : by) out.push_back(v);
    return out;
}

std::string csv_text(const std::vector<std::vector<std::string>>& rows) {
    std::string out = "\xef\xbb\xbf";  // Excel reads UTF-8 only with its byte-order mark
    for (auto& cells : rows) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
        out += "\r\n";
    }
    return out;
}

std::string opinions_csv(const std::vector<AdminOpinion>& opinions, const AdminText& t) {
    std::vector<std::vector<std::string>> rows{export_header(t)};
    for (auto& o : opinions) rows.push_back(export_cells(o, t));
    return csv_text(rows);
}

namespace {

Status refuse_existing(const fs::path& file, bool replace) {
    std::error_code ec;
    if (!replace && fs::exists(file, ec))
        return Error{ErrorCode::invalid_input, file.string() + " exists; choose another name or pass --replace"};
    return ok_status();
}

}  // namespace

Status write_csv_file(const fs::path& file, const std::vector<std::vector<std::string>>& rows, bool replace) {
    if (auto st = refuse_existing(file, replace); !st) return st;
    return write_file_atomic(file, csv_text(rows));
}

namespace {

// The workbook at `tmp`; a message naming what libxlsxwriter could not do.
Status write_xlsx(const fs::path& tmp, const std::vector<AdminOpinion>& opinions, const AdminText& t) {
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

    // The summary first: what a legislature reads.
    const std::string summary = t("export.summary_sheet");
    lxw_worksheet* sum = workbook_add_worksheet(wb, summary.c_str());
    const char* sum_cols[] = {"consultation", "article", "support", "oppose", "suggest", "total", "adopted"};
    for (lxw_col_t c = 0; c < 7; ++c) {
        worksheet_write_string(sum, 0, c, t(std::string("export.summary.") + sum_cols[c]).c_str(), head);
        worksheet_set_column(sum, c, c, c == 0 ? 18 : 11, nullptr);
    }
    lxw_row_t r = 1;
    for (auto& a : tally_by_article(opinions)) {
        worksheet_write_string(sum, r, 0, a.consultation.c_str(), nullptr);
        if (a.article) worksheet_write_number(sum, r, 1, a.article, nullptr);
        else worksheet_write_string(sum, r, 1, t("export.whole_draft").c_str(), nullptr);
        double v[] = {double(a.support), double(a.oppose), double(a.suggest), double(a.total()), double(a.adopted)};
        for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_number(sum, r, static_cast<lxw_col_t>(c + 2), v[c], nullptr);
        ++r;
    }
    worksheet_freeze_panes(sum, 1, 0);

    // A sheet per consultation.
    std::map<std::string, std::vector<const AdminOpinion*>> by;
    for (auto& o : opinions) by[o.consultation].push_back(&o);
    auto header = export_header(t);
    for (auto& [id, list] : by) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(id, summary).c_str());
        if (!ws) {
            workbook_close(wb);
            return Error{ErrorCode::invalid_input, "'" + id + "' cannot name a sheet"};
        }
        for (lxw_col_t c = 0; c < header.size(); ++c) {
            worksheet_set_column(ws, c, c, kWidths[c], c == 4 || c == 10 ? wrap : nullptr);
            worksheet_write_string(ws, 0, c, header[c].c_str(), head);
        }
        lxw_row_t row = 1;
        for (auto* o : list) {
            auto cells = export_cells(*o, t);
            for (lxw_col_t c = 0; c < cells.size(); ++c) {
                // Strings are written as strings, never formulas: "=1+1" stays text in the cell.
                if (c == kArticleColumn && o->article) worksheet_write_number(ws, row, c, *o->article, nullptr);
                else worksheet_write_string(ws, row, c, cells[c].c_str(), c == 4 || c == 10 ? wrap : nullptr);
            }
            ++row;
        }
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_autofilter(ws, 0, 0, row - 1, static_cast<lxw_col_t>(header.size() - 1));
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) return Error{ErrorCode::io, tmp.string() + ": " + lxw_strerror(err)};
    return ok_status();
}

}  // namespace

Status export_opinions(const fs::path& file, const std::vector<AdminOpinion>& opinions, const AdminText& t,
                       bool replace) {
    auto format = export_format_of(file);
    if (!format) return format.error();
    if (auto st = refuse_existing(file, replace); !st) return st;
    if (*format == ExportFormat::csv) return write_file_atomic(file, opinions_csv(opinions, t));
    std::error_code ec;
    // libxlsxwriter writes its own file: beside the target, renamed into place when whole.
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    fs::path tmp = dir / ("." + file.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
    auto st = write_xlsx(tmp, opinions, t);
    if (st) {
        fs::rename(tmp, file, ec);
        if (ec) st = Error{ErrorCode::io, file.string() + ": " + ec.message()};
    }
    if (!st) fs::remove(tmp, ec);
    return st;
}

}  // namespace lianxin::admin
