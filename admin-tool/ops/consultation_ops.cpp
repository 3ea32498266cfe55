// Creating consultations from drafts and moving them through their stages (consultation_ops.h).
#include "admin-tool/ops/consultation_ops.h"

#include <algorithm>
#include <regex>

// Exceptions, as the content loader reads TOML (core/content/source_manifest.h).
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/base/files.h"
#include "core/content/draft_import.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

namespace {

Result<DraftDocument> read_draft(const fs::path& file) {
    auto text = read_file(file, kDraftMaxBytes + 1);
    if (!text) return text.error();
    auto doc = parse_draft(*text);
    if (!doc) return Error{doc.error().code, file.string() + ": " + doc.error().detail};
    for (auto& w : doc->warnings) w = file.string() + ": " + w;
    return doc;
}


}  // namespace

Result<ImportOutcome> import_consultation(const ImportRequest& req) {
    if (req.zh_draft.empty() && req.en_draft.empty())
        return Error{ErrorCode::invalid_input, "give the draft: --zh FILE, --en FILE or both"};
    std::optional<DraftDocument> zh, en;
    ImportOutcome out;
    for (auto [file, dest] : {std::pair{&req.zh_draft, &zh}, std::pair{&req.en_draft, &en}}) {
        if (file->empty()) continue;
        auto d = read_draft(*file);
        if (!d) return d.error();
        out.warnings.insert(out.warnings.end(), d->warnings.begin(), d->warnings.end());
        *dest = std::move(*d);
    }
    if (!fs::is_directory(req.content_dir))
        return Error{ErrorCode::not_found, req.content_dir.string() + " is not a content folder"};
    auto before = load_content_sources(req.content_dir);
    if (before.content.find_consultation(req.id) && !req.replace)
        return Error{ErrorCode::invalid_input,
                     "a consultation '" + req.id + "' exists already; choose another --id or pass --replace"};
    int order = 1;
    for (auto& c : before.content.consultations)
        if (c.id != req.id) order = std::max(order, c.order + 1);
    // Past the largest order the loader takes, equal orders list by id.
    order = std::min(order, kConsultationOrderMax);
    auto text = consultation_source_toml({req.id, zh ? &*zh : nullptr, en ? &*en : nullptr, req.deadline, order});
    if (!text) return text.error();
    out.written = req.content_dir / "consultations" / (req.id + ".toml");
    std::error_code ec;
    fs::create_directories(out.written.parent_path(), ec);
    if (auto st = write_file_atomic(out.written, *text); !st) return st.error();
    out.articles = (zh ? zh->articles : en->articles).size();
    auto after = load_content_sources(req.content_dir);
    std::string rel = fs::path("consultations") / (req.id + ".toml");
    for (auto& p : after.problems)
        if (p.file == rel) out.still_to_write.push_back(p);
    return out;
}

std::vector<ConsultationSummary> list_consultations(const fs::path& content_dir) {
    std::vector<ConsultationSummary> out;
    for (auto& c : load_content_sources(content_dir).content.consultations) {
        ConsultationSummary s{c.id, c.title.zh, c.title.en, c.stage_id, c.deadline.to_string(), c.articles.size(), {}};
        for (auto& st : c.stages) s.stages.push_back(st.id);
        out.push_back(std::move(s));
    }
    return out;
}

Result<StageChange> set_consultation_stage(const fs::path& content_dir, const std::string& id, const std::string& stage) {
    auto load = load_content_sources(content_dir);
    const Consultation* c = load.content.find_consultation(id);
    if (!c) return Error{ErrorCode::not_found, "no consultation '" + id + "' in " + content_dir.string()};
    auto& stages = c->stages;
    auto at = std::find_if(stages.begin(), stages.end(), [&](auto& s) { return s.id == c->stage_id; });
    std::string to = stage;
    if (stage == "open") to = kCollectingStage;
    else if (stage == "close") to = stages.back().id;
    else if (stage == "next") {
        if (at == stages.end() || at + 1 == stages.end())
            return Error{ErrorCode::invalid_input, "'" + id + "' is at its last stage (" + c->stage_id + ")"};
        to = (at + 1)->id;
    }
    if (std::none_of(stages.begin(), stages.end(), [&](auto& s) { return s.id == to; })) {
        std::string known;
        for (auto& s : stages) known += (known.empty() ? "" : ", ") + s.id;
        return Error{ErrorCode::invalid_input, "'" + to + "' is not one of " + id + "'s stages (" + known + ")"};
    }
    fs::path file = content_dir / "consultations" / (id + ".toml");
    auto text = read_file(file, 16u << 20);
    if (!text) return text.error();
    // The top-level `stage = "…"` line, found where the TOML reader found the key: a line that
    // only looks like it (in a multi-line string) or like a [table] before it is not read as one.
    std::size_t stage_line = 0;
    try {
        toml::table doc = toml::parse(*text, file.string());
        if (doc["id"].value<std::string>() != id)
            return Error{ErrorCode::invalid_input,
                         file.string() + " is not consultation '" + id + "' (its id and file name differ)"};
        if (auto* n = doc.get("stage")) stage_line = n->source().begin.line;
    } catch (const toml::parse_error& e) {
        return Error{ErrorCode::invalid_input, file.string() + ": " + std::string(e.description())};
    }
    // Only its value is replaced: what follows it (a comment, a CR of CR/LF) stays.
    static const std::regex kStageLine(R"(^(stage[ \t]*=[ \t]*)("[^"\\\n]*"|'[^'\n]*')([ \t]*(#[^\n]*)?\r?)$)");
    std::string out;
    bool done = false;
    std::size_t pos = 0, line_no = 0;
    while (pos < text->size()) {
        std::size_t end = text->find('\n', pos);
        std::string line = text->substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? text->size() : end + 1;
        std::smatch m;
        if (++line_no == stage_line && std::regex_match(line, m, kStageLine)) {
            line = m.str(1) + "\"" + to + "\"" + m.str(3);
            done = true;
        }
        out += line + (end == std::string::npos ? "" : "\n");
    }
    if (!done)
        return Error{ErrorCode::invalid_input, file.string() + " has no line `stage = \"…\"` of its own to change"};
    if (auto st = write_file_atomic(file, out); !st) return st.error();
    return StageChange{c->stage_id, to, file};
}

Result<std::vector<FinalArticle>> read_final_text(const fs::path& zh_file, const fs::path& en_file) {
    if (zh_file.empty()) return Error{ErrorCode::invalid_input, "give the adopted text in Chinese: --zh FILE"};
    auto zh = read_draft(zh_file);
    if (!zh) return zh.error();
    std::optional<DraftDocument> en;
    if (!en_file.empty()) {
        auto d = read_draft(en_file);
        if (!d) return d.error();
        en = std::move(*d);
    }
    if (en)
        if (auto paired = check_drafts_pair(*zh, *en); !paired) return paired.error();
    std::vector<FinalArticle> out;
    for (std::size_t i = 0; i < zh->articles.size(); ++i) {
        auto& a = zh->articles[i];
        FinalArticle f{a.number, {a.title, ""}, {a.text, ""}};
        if (en) {
            f.title.en = en->articles[i].title;
            f.text.en = en->articles[i].text;
        }
        out.push_back(std::move(f));
    }
    // What the hub would refuse is refused here, before the call.
    if (auto checked = parse_final_text(to_json(out)); !checked) return checked.error();
    return out;
}

Status upload_final_text(const HubConnection& hub, const std::string& consultation,
                         const std::vector<FinalArticle>& articles) {
    if (!is_consultation_id(consultation))
        return Error{ErrorCode::invalid_input, "'" + consultation + "' is not a consultation id"};
    std::string body = to_json(articles);
    if (auto checked = parse_final_text(body); !checked) return checked.error();
    auto r = hub_call(hub, "PUT", "/api/v1/admin/consultations/" + consultation + "/final", body);
    if (!r) return r.error();
    return ok_status();
}

Result<std::vector<FinalArticle>> fetch_final_text(const HubConnection& hub, const std::string& consultation) {
    if (!is_consultation_id(consultation))
        return Error{ErrorCode::invalid_input, "'" + consultation + "' is not a consultation id"};
    auto r = hub_call_text(hub, "GET", "/api/v1/admin/consultations/" + consultation + "/final");
    if (!r) return r.error();
    // No final text entered yet is an answer too, which the writer's reader (never empty) refuses.
    auto j = nlohmann::json::parse(*r, nullptr, false);
    if (j.is_object() && j.contains("articles") && j["articles"].is_array() && j["articles"].empty())
        return std::vector<FinalArticle>{};
    return parse_final_text(*r);
}

Status trace_opinion(const HubConnection& hub, const std::string& id, std::optional<int> final_article) {
    std::string body = to_json(TraceDecision{final_article});
    if (auto checked = parse_trace_decision(body); !checked) return checked.error();
    auto r = hub_call(hub, "POST", "/api/v1/admin/opinions/" + id + "/trace", body);
    if (!r) return r.error();
    return ok_status();
}

}  // namespace lianxin::admin
