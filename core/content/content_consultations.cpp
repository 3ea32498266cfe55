// The consultations' manifests (content/consultations/<id>.toml): each draft with its stages,
// articles (legal text, plain words, questions), deadline and order; ids that fit certificates.
#include <map>
#include <set>

#include "core/base/field_limits.h"
#include "core/content/source_manifest.h"

namespace lianxin::source_reading {

namespace {
// Stage ids may contain '_' because the documented default stages do (e.g. "draft_published").
std::string stage_id(Manifest& m, const toml::table& t, std::string_view key, const std::string& prefix, int parent_line) {
    auto s = m.string(t, key, prefix, true, parent_line);
    static const std::regex re("[a-z0-9][a-z0-9_-]{0,63}");
    if (!s.empty() && !std::regex_match(s, re)) {
        m.error(line_of(*t.get(key)), prefix + std::string(key),
                "'" + s + "' is not a valid stage id (lowercase letters, digits, '-' and '_', at most 64)");
        return {};
    }
    return s;
}

// The consultation's own [[stages]], or the default eight. `stage` (singular) is the current
// stage's id, so a [[stage]] table list is a mistake worth naming precisely.
std::vector<ConsultationStage> load_stages(Manifest& m) {
    std::vector<ConsultationStage> stages;
    auto* n = m.table().get("stages");
    if (!n) return default_consultation_stages();
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("stages", false)) {
        std::string p = "stages[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "name"}, p);
        ConsultationStage st;
        st.id = stage_id(m, *t, "id", p, line);
        if (!st.id.empty() && !ids.insert(st.id).second) m.error(line_of(*t->get("id")), p + "id", "'" + st.id + "' is used twice");
        st.name = m.text(*t, "name", p, true, line);
        stages.push_back(std::move(st));
    }
    if (n->as_array() && n->as_array()->empty()) m.error(line_of(*n), "stages", "needs at least one [[stages]] entry, or leave it out for the default stages");
    return stages;
}

void load_articles(Manifest& m, Consultation& c) {
    int i = 0;
    int previous = 0;  // the number of the article before, when it had one
    std::map<int, int> seen;  // number → article index as written
    for (auto* t : m.array_of_tables("article", true)) {
        std::string p = "article[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"number", "title", "text", "plain", "questions"}, p);
        Article a;
        a.number = m.integer(*t, "number", p, true, line, 1, kArticleNumberMax);
        if (a.number != 0) {
            int nline = line_of(*t->get("number"));
            if (auto it = seen.find(a.number); it != seen.end())
                m.error(nline, p + "number", std::to_string(a.number) + " is used twice (also article[" +
                                                 std::to_string(it->second) + "])");
            else if (a.number < previous)
                m.error(nline, p + "number", std::to_string(a.number) + " comes after " + std::to_string(previous) +
                                                 ": article numbers must increase");
            seen.emplace(a.number, i);
            previous = a.number;  // one misplaced number is one problem, not one per article after it
        }
        a.title = m.text(*t, "title", p, true, line);
        a.text = m.text(*t, "text", p, true, line, true);
        a.plain = m.text(*t, "plain", p, true, line, true);
        a.questions = m.paired_list(*t, "questions", p, "question");
        c.articles.push_back(std::move(a));
    }
}

}  // namespace

void load_consultations(Context& ctx) {
    fs::path dir = ctx.root() / "consultations";
    if (!fs::exists(dir)) return;  // a hall may have no consultations
    if (!fs::is_directory(dir)) { ctx.error("consultations", 0, "", "must be a folder of <id>.toml files"); return; }
    std::vector<fs::path> files;
    for (auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> first_file;  // consultation id → the file that used it first
    for (auto& f : files) {
        Manifest m(ctx, f);
        if (!m.parse()) continue;
        auto& t = m.table();
        m.allow_only(t, {"id", "order", "title", "summary", "deadline", "stage", "stages", "article", "translation"}, "");
        Consultation c;
        c.english_pending = m.translation(t, "");
        c.id = m.id(t, "id", "", true, 1);
        if (!c.id.empty() && c.id != f.stem().string())
            m.error(line_of(*t.get("id")), "id", "'" + c.id + "' must match the file name '" + f.stem().string() + "'");
        if (c.id.size() > kMaxConsultationIdBytes)
            m.error(line_of(*t.get("id")), "id",
                    "'" + c.id + "' is longer than " + std::to_string(kMaxConsultationIdBytes) +
                        " characters: a consultation's id is printed in its certificates' QR codes");
        if (!c.id.empty()) {
            auto [it, fresh] = first_file.emplace(c.id, m.file());
            if (!fresh) m.error(line_of(*t.get("id")), "id", "'" + c.id + "' is used twice (also in " + it->second + ")");
        }
        c.order = m.integer(t, "order", "", true, 1, 0, kConsultationOrderMax);
        c.title = m.text(t, "title", "", true, 1);
        c.summary = m.text(t, "summary", "", true, 1, true);
        c.deadline = m.date(t, "deadline", "", true, 1);
        c.stages = load_stages(m);
        if (auto* sn = t.get("stage"); sn && sn->is_array()) {
            m.error(line_of(*sn), "stage", "is the current stage's id (stage = \"collecting\"); write the consultation's "
                                           "own stages as [[stages]] tables");
        } else {
            c.stage_id = stage_id(m, t, "stage", "", 1);
            if (!c.stage_id.empty() && !c.stages.empty() && !c.current_stage()) {
                std::string known;
                for (auto& st : c.stages) known += (known.empty() ? "" : ", ") + st.id;
                m.error(line_of(*t.get("stage")), "stage",
                        "'" + c.stage_id + "' is not one of this consultation's stages (" + known + ")");
            }
        }
        load_articles(m, c);
        ctx.out().content.consultations.push_back(std::move(c));
    }
    auto& cs = ctx.out().content.consultations;
    std::stable_sort(cs.begin(), cs.end(), [](auto& a, auto& b) { return a.order != b.order ? a.order < b.order : a.id < b.id; });
}

}  // namespace lianxin::source_reading
