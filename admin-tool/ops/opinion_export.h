// Opinions exported for the experts who refine them, as tables (table_export.h): CSV, and XLSX
// with a summary sheet of opinions per article and stance (the report a legislature asks for),
// then one sheet per consultation. Column headers and values are in the operator's language.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "admin-tool/ops/admin_text.h"
#include "admin-tool/ops/table_export.h"
#include "core/sync/admin_opinions.h"

namespace lianxin::admin {

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

// Writes `opinions` to `file` in the format its name asks for. The file appears whole or not at
// all (written beside it, then renamed); an existing file is replaced only when `replace`.
Status export_opinions(const std::filesystem::path& file, const std::vector<AdminOpinion>& opinions,
                       const AdminText& t, bool replace);

}  // namespace lianxin::admin
