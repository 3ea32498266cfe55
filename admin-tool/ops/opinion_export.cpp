// Opinion exports (opinion_export.h).
#include "admin-tool/ops/opinion_export.h"

#include <map>
#include <memory>

#include "core/base/calendar.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

namespace {

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
constexpr std::size_t kArticleColumn = 2;

}  // namespace

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

std::string opinions_csv(const std::vector<AdminOpinion>& opinions, const AdminText& t) {
    std::vector<std::vector<std::string>> rows{export_header(t)};
    for (auto& o : opinions) rows.push_back(export_cells(o, t));
    return csv_text(rows);
}

Status export_opinions(const fs::path& file, const std::vector<AdminOpinion>& opinions, const AdminText& t,
                       bool replace) {
    auto format = export_format_of(file);
    if (!format) return format.error();
    if (*format == ExportFormat::csv) {
        std::vector<std::vector<std::string>> rows{export_header(t)};
        for (auto& o : opinions) rows.push_back(export_cells(o, t));
        return write_csv_file(file, rows, replace);
    }
    // The summary first: what a legislature reads.
    std::vector<TableSheet> sheets;
    const std::string summary = t("export.summary_sheet");
    TableSheet sum{summary, {}, {18, 11, 11, 11, 11, 11, 11}, {}, {1, 2, 3, 4, 5, 6}, 0, {}, false};
    for (const char* k : {"consultation", "article", "support", "oppose", "suggest", "total", "adopted"})
        sum.header.push_back(t(std::string("export.summary.") + k));
    auto tallies = std::make_shared<std::vector<ArticleTally>>(tally_by_article(opinions));
    sum.row_count = tallies->size();
    sum.row = [tallies, &t](std::size_t i) {
        const ArticleTally& a = (*tallies)[i];
        return std::vector<std::string>{a.consultation, a.article ? std::to_string(a.article) : t("export.whole_draft"),
                                        std::to_string(a.support), std::to_string(a.oppose), std::to_string(a.suggest),
                                        std::to_string(a.total()), std::to_string(a.adopted)};
    };
    sheets.push_back(std::move(sum));
    // A sheet per consultation.
    auto by = std::make_shared<std::map<std::string, std::vector<const AdminOpinion*>>>();
    for (auto& o : opinions) (*by)[o.consultation].push_back(&o);
    for (auto& [id, list] : *by) {
        TableSheet ws{sheet_name(id, summary), export_header(t),
                      std::vector<double>(std::begin(kWidths), std::end(kWidths)), {4, 10}, {kArticleColumn}, list.size(),
                      [list = &list, &t](std::size_t i) { return export_cells(*(*list)[i], t); }, true};
        sheets.push_back(std::move(ws));
    }
    return write_xlsx_file(file, sheets, replace);
}

}  // namespace lianxin::admin
