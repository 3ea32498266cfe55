// The sources written back from the model (content_writer.h), field for field what
// content_sources.cpp and content_consultations.cpp read.
#include "core/content/content_writer.h"

#include <cstdio>
#include <set>

#include <toml++/toml.h>

#include "core/base/files.h"

namespace lianxin {

namespace {

namespace fs = std::filesystem;

class TomlOut {
public:
    explicit TomlOut(std::string comment) {
        if (!comment.empty()) s_ += "# " + comment + "\n";
    }
    void blank() { s_ += "\n"; }
    void table_array(const char* name) { s_ += "\n[[" + std::string(name) + "]]\n"; }
    void str(const std::string& key, const std::string& v) { s_ += key + " = " + toml_string(v) + "\n"; }
    void str_if(const std::string& key, const std::string& v) {
        if (!v.empty()) str(key, v);
    }
    void integer(const std::string& key, long long v) { s_ += key + " = " + std::to_string(v) + "\n"; }
    void raw(const std::string& key, const std::string& v) { s_ += key + " = " + v + "\n"; }
    // `key.zh` and `key.en`: always (a required text), or only when either is given.
    void text(const std::string& key, const LocalizedText& t, bool optional = false) {
        if (optional && t.zh.empty() && t.en.empty()) return;
        str(key + ".zh", t.zh);
        str(key + ".en", t.en);
    }
    const std::string& done() const { return s_; }

private:
    std::string s_;
};

// A media name ("images/x.png", from the content folder) as a path from a file in `folder`.
std::string image_from(const std::string& folder, const std::string& media) {
    return folder.empty() ? media : "../" + media;
}

bool default_stages(const std::vector<ConsultationStage>& stages) {
    const auto& d = default_consultation_stages();
    if (stages.size() != d.size()) return false;
    for (std::size_t i = 0; i < d.size(); ++i)
        if (stages[i].id != d[i].id || stages[i].name.zh != d[i].name.zh || stages[i].name.en != d[i].name.en)
            return false;
    return true;
}

std::string string_list(const std::vector<LocalizedText>& list, bool zh) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + toml_string(zh ? list[i].zh : list[i].en);
    return out + "]";
}

// The paired lists (questions, topics, talking points) as key.zh / key.en, when there are any.
void paired(TomlOut& t, const std::string& key, const std::vector<LocalizedText>& list) {
    if (list.empty()) return;
    t.raw(key + ".zh", string_list(list, true));
    t.raw(key + ".en", string_list(list, false));
}

std::string consultation_file(const Consultation& c) {
    TomlOut t("A draft under consultation (docs/content-format.md, \"Consultations\").");
    t.str("id", c.id);
    t.integer("order", c.order);
    t.text("title", c.title);
    t.text("summary", c.summary);
    t.raw("deadline", c.deadline.to_string());
    t.str("stage", c.stage_id);
    if (c.english_pending) t.str("translation", "pending");
    if (!default_stages(c.stages))
        for (auto& st : c.stages) {
            t.table_array("stages");
            t.str("id", st.id);
            t.text("name", st.name);
        }
    for (auto& a : c.articles) {
        t.table_array("article");
        t.integer("number", a.number);
        t.text("title", a.title);
        t.text("text", a.text);
        t.text("plain", a.plain);
        paired(t, "questions", a.questions);
    }
    return t.done();
}

// deputies.toml, schedule.toml and tours.toml (core/content/content_station.cpp reads them),
// each only when it has something: a hall without a station has none of them.
void station_files(const ContentSet& c, std::map<std::string, std::string>& files) {
    if (!c.deputies.empty()) {
        TomlOut t("The deputies who work from this station. level: national, provincial, city, district or town.");
        for (auto& d : c.deputies) {
            t.table_array("deputy");
            t.str("id", d.id);
            t.str("level", deputy_level_code(d.level));
            t.text("name", d.name);
            t.str_if("portrait", d.portrait);
            t.text("reception", d.reception);
            paired(t, "topics", d.topics);
            if (d.english_pending) t.str("translation", "pending");
        }
        files["deputies.toml"] = t.done();
    }
    if (!c.schedule.empty()) {
        TomlOut t("What is on at the station. kind: reception, livestream, hearing, coordination or evaluation.");
        for (auto& s : c.schedule) {
            t.table_array("item");
            t.str("id", s.id);
            t.str("kind", schedule_kind_code(s.kind));
            t.raw("date", s.date.to_string());
            t.str_if("time", s.time);
            t.text("title", s.title);
            t.text("place", s.place, true);
            if (!s.deputies.empty()) {
                std::string list = "[";
                for (std::size_t i = 0; i < s.deputies.size(); ++i) list += (i ? ", " : "") + toml_string(s.deputies[i]);
                t.raw("deputies", list + "]");
            }
            t.str_if("link", s.link);
            t.text("outcome", s.outcome, true);
            if (s.english_pending) t.str("translation", "pending");
        }
        files["schedule.toml"] = t.done();
    }
    if (!c.tours.empty()) {
        TomlOut t("Guided tours for delegations: stops in the order walked, each an exhibit or a figure (by id).");
        for (auto& tour : c.tours) {
            t.table_array("tour");
            t.str("id", tour.id);
            t.text("title", tour.title);
            t.text("intro", tour.intro);
            if (tour.english_pending) t.str("translation", "pending");
            for (auto& s : tour.stops) {
                t.table_array("tour.stop");
                t.str_if("exhibit", s.exhibit);
                t.str_if("figure", s.figure);
                paired(t, "points", s.points);
            }
        }
        files["tours.toml"] = t.done();
    }
}

// True when the exhibit manifest at `path` reads its bodies from <id>.zh.md and <id>.en.md, the
// files the writer saves them to (a manifest may name others: docs/content-format.md).
bool names_own_bodies(const fs::path& path, const std::string& id) {
    try {
        auto t = toml::parse_file(path.string());
        return t["body"]["zh"].value_or(std::string()) == id + ".zh.md" &&
               t["body"]["en"].value_or(std::string()) == id + ".en.md";
    } catch (const toml::parse_error&) {
        return false;
    }
}

}  // namespace

std::string toml_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::map<std::string, std::string> content_source_files(const ContentSet& c) {
    std::map<std::string, std::string> files;
    {
        TomlOut t("The hall this exhibition is for. Shown on the welcome screen and in the maintenance menu.");
        t.str("id", c.hall.id);
        t.str("version", c.hall.version);
        t.blank();
        t.text("name", c.hall.name);
        t.text("welcome", c.hall.welcome);
        t.text("district", c.hall.district);
        files["hall.toml"] = t.done();
    }
    {
        TomlOut t("The attract loop, shown while nobody is using the kiosk. Titles short, captions one sentence.");
        for (auto& s : c.slides) {
            t.table_array("slide");
            t.str("image", image_from("", s.image));
            t.text("title", s.title);
            t.text("caption", s.caption);
            if (s.english_pending) t.str("translation", "pending");
        }
        files["slides.toml"] = t.done();
    }
    {
        TomlOut t("The timeline, sorted by year by the kiosk; events in the same year keep the order written here.");
        for (auto& e : c.timeline) {
            t.table_array("event");
            t.integer("year", e.year);
            t.text("year_label", e.year_label, true);
            t.text("title", e.title);
            t.text("text", e.text);
            t.text("place", e.place, true);
            t.str_if("image", e.image.empty() ? "" : image_from("", e.image));
            t.str_if("exhibit", e.exhibit);
            if (e.english_pending) t.str("translation", "pending");
        }
        files["timeline.toml"] = t.done();
    }
    {
        TomlOut t("The groups of exhibits shown as tiles on the home screen, in this order.");
        for (auto& s : c.sections) {
            t.table_array("section");
            t.str("id", s.id);
            t.text("title", s.title);
            t.text("intro", s.intro);
            t.str("image", image_from("", s.image));
            if (s.english_pending) t.str("translation", "pending");
        }
        files["sections.toml"] = t.done();
    }
    {
        TomlOut t("The key-figures wall. `value` is shown very large (at most 8 characters); `unit` sits beside it.");
        for (auto& f : c.figures) {
            t.table_array("figure");
            t.str_if("id", f.id);
            t.str("value", f.value);
            t.text("unit", f.unit, true);
            t.text("label", f.label);
            t.str_if("exhibit", f.exhibit);
            if (f.english_pending) t.str("translation", "pending");
        }
        files["figures.toml"] = t.done();
    }
    for (auto& e : c.exhibits) {
        TomlOut t("");
        t.str("id", e.id);
        t.str("section", e.section);
        t.integer("order", e.order);
        t.text("title", e.title);
        t.text("subtitle", e.subtitle);
        t.text("place", e.place, true);
        if (e.year) t.integer("year", e.year);
        t.str_if("image", e.image.empty() ? "" : image_from("exhibits", e.image));
        if (e.english_pending) t.str("translation", "pending");
        t.str("body.zh", e.id + ".zh.md");
        t.str("body.en", e.id + ".en.md");
        files["exhibits/" + e.id + ".toml"] = t.done();
        files["exhibits/" + e.id + ".zh.md"] = e.body.zh;
        files["exhibits/" + e.id + ".en.md"] = e.body.en;
    }
    for (auto& k : c.consultations) files["consultations/" + k.id + ".toml"] = consultation_file(k);
    station_files(c, files);
    return files;
}

Result<SaveOutcome> save_content_sources(const fs::path& dir, const ContentSet& before, const ContentSet& next) {
    auto old_files = content_source_files(before);
    auto new_files = content_source_files(next);
    SaveOutcome out;
    auto changed = [&](const std::string& rel, const std::string& text) {
        auto it = old_files.find(rel);
        return it == old_files.end() || it->second != text;
    };
    // A body saved to <id>.<lang>.md is read from there only when the manifest names it: one that
    // names another file is written again with the body.
    std::set<std::string> manifests;
    for (auto& e : next.exhibits) {
        std::string base = "exhibits/" + e.id;
        if ((changed(base + ".zh.md", e.body.zh) || changed(base + ".en.md", e.body.en)) &&
            !names_own_bodies(dir / (base + ".toml"), e.id))
            manifests.insert(base + ".toml");
    }
    for (auto& [rel, text] : new_files) {
        if (!changed(rel, text) && !manifests.count(rel)) continue;
        std::error_code ec;
        fs::create_directories((dir / rel).parent_path(), ec);
        // A file rewritten keeps its permissions (a folder staff share may be group-writable);
        // a new one gets the usual 0644.
        unsigned mode = 0644;
        if (auto perms = fs::status(dir / rel, ec).permissions(); !ec && fs::exists(dir / rel, ec))
            mode = static_cast<unsigned>(perms & fs::perms::mask);
        if (auto st = write_file_atomic(dir / rel, text, mode); !st)
            return Error{st.error().code, rel + ": " + st.error().detail};
        out.written.push_back(rel);
    }
    for (auto& [rel, text] : old_files) {
        if (new_files.count(rel)) continue;
        std::error_code ec;
        if (fs::remove(dir / rel, ec)) out.removed.push_back(rel);
        else if (ec) return Error{ErrorCode::io, rel + ": cannot remove it: " + ec.message()};
    }
    return out;
}

}  // namespace lianxin
