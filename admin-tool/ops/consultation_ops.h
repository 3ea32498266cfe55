// Consultation operations on the content sources (content/consultations/<id>.toml): create one
// from a draft, list them, and move one through its stages (open = collecting, close = its last
// stage). The result is published like any content change (`content build` + `content publish`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "core/base/result.h"
#include "core/content/content_sources.h"
#include "core/sync/admin_trace.h"

namespace lianxin::admin {

struct ImportRequest {
    std::filesystem::path content_dir;  // the content sources' folder
    std::string id;                     // the new consultation's id
    std::filesystem::path zh_draft, en_draft;  // at least one: a Word export (.txt) or Markdown
    std::string deadline;                      // "2027-03-31"
    bool replace = false;                      // replace an existing consultation of that id
};

struct ImportOutcome {
    std::filesystem::path written;
    std::size_t articles = 0;
    std::vector<std::string> warnings;        // from the drafts, each with its file and line
    std::vector<Diagnostic> still_to_write;   // what content check asks of the new file
};

// Splits the drafts into articles and writes the consultation's source file, listed after the
// others. Refused, writing nothing, when a draft cannot be read or split, the drafts' articles
// differ, the id is taken (unless `replace`) or the file cannot be written.
Result<ImportOutcome> import_consultation(const ImportRequest& req);

struct ConsultationSummary {
    std::string id, title_zh, title_en, stage, deadline;
    std::size_t articles = 0;
    std::vector<std::string> stages;  // its stage ids, in order
};
// The consultations of the content folder as they are now, problems or not (a file that does not
// parse is left out; `content check` names it).
std::vector<ConsultationSummary> list_consultations(const std::filesystem::path& content_dir);

struct StageChange {
    std::string from, to;
    std::filesystem::path file;
};

// Sets consultation `id`'s current stage to `stage`: one of its stage ids, or "next", "open"
// (collecting) or "close" (its last stage). Rewrites only the `stage = …` line of its file, so
// comments and layout stay. not_found for an unknown id; invalid_input for a stage it lacks.
Result<StageChange> set_consultation_stage(const std::filesystem::path& content_dir, const std::string& id,
                                           const std::string& stage);

// The law as adopted, read from its text like a draft (a Word export or Markdown, split by its
// article headings; the two languages must have the same articles), ready to send to the hub.
Result<std::vector<FinalArticle>> read_final_text(const std::filesystem::path& zh, const std::filesystem::path& en);

// The final text of `consultation` at the hub: replaced by `articles`, or read back.
Status upload_final_text(const HubConnection& hub, const std::string& consultation,
                         const std::vector<FinalArticle>& articles);
Result<std::vector<FinalArticle>> fetch_final_text(const HubConnection& hub, const std::string& consultation);

// Links an adopted opinion to article `final_article` of the final text, or unlinks it (nullopt).
Status trace_opinion(const HubConnection& hub, const std::string& id, std::optional<int> final_article);

}  // namespace lianxin::admin
