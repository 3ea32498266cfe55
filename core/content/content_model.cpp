// Lookups over the exhibition model, the default consultation stages, and the text the
// kiosk's font atlas must cover.
#include "core/content/content_model.h"

namespace lianxin {

const Exhibit* ContentSet::find_exhibit(const std::string& id) const {
    for (auto& e : exhibits)
        if (e.id == id) return &e;
    return nullptr;
}

const Section* ContentSet::find_section(const std::string& id) const {
    for (auto& s : sections)
        if (s.id == id) return &s;
    return nullptr;
}

std::vector<const Exhibit*> ContentSet::exhibits_in(const std::string& section_id) const {
    std::vector<const Exhibit*> out;
    for (auto& e : exhibits)
        if (e.section == section_id) out.push_back(&e);
    return out;
}

const Consultation* ContentSet::find_consultation(const std::string& id) const {
    for (auto& c : consultations)
        if (c.id == id) return &c;
    return nullptr;
}

const Figure* ContentSet::find_figure(const std::string& id) const {
    if (id.empty()) return nullptr;  // figures without ids are not referred to
    for (auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}

const Deputy* ContentSet::find_deputy(const std::string& id) const {
    for (auto& d : deputies)
        if (d.id == id) return &d;
    return nullptr;
}

const Tour* ContentSet::find_tour(const std::string& id) const {
    for (auto& t : tours)
        if (t.id == id) return &t;
    return nullptr;
}

const std::vector<ConsultationStage>& default_consultation_stages() {
    static const std::vector<ConsultationStage> stages = {
        {"draft_published", {"草案公布", "Draft published"}},
        {"collecting", {"征集意见", "Collecting opinions"}},
        {"refining", {"整理提炼", "Compiling and refining"}},
        {"submitted", {"报送立法机关", "Submitted to the legislature"}},
        {"feedback", {"收到反馈", "Feedback received"}},
        {"results_published", {"结果公布", "Results published"}},
        {"adopted", {"法规通过", "Law adopted"}},
        {"archived", {"归档", "Archived"}},
    };
    return stages;
}

const Article* Consultation::find_article(int number) const {
    for (auto& a : articles)
        if (a.number == number) return &a;
    return nullptr;
}

const ConsultationStage* Consultation::current_stage() const {
    for (auto& s : stages)
        if (s.id == stage_id) return &s;
    return nullptr;
}

std::string ContentSet::all_text() const {
    std::string s;
    auto add = [&](const LocalizedText& t) { s += t.zh; s += '\n'; s += t.en; s += '\n'; };
    add(hall.name); add(hall.welcome); add(hall.district);
    for (auto& x : slides) { add(x.title); add(x.caption); }
    for (auto& x : timeline) { add(x.year_label); add(x.title); add(x.text); add(x.place); s += std::to_string(x.year); }
    for (auto& x : sections) { add(x.title); add(x.intro); }
    for (auto& x : exhibits) { add(x.title); add(x.subtitle); add(x.place); add(x.body); s += std::to_string(x.year); }
    for (auto& x : figures) { s += x.value; add(x.unit); add(x.label); }
    for (auto& c : consultations) {
        add(c.title); add(c.summary); s += c.deadline.to_string();
        for (auto& st : c.stages) add(st.name);
        for (auto& a : c.articles) {
            s += std::to_string(a.number);
            add(a.title); add(a.text); add(a.plain);
            for (auto& q : a.questions) add(q);
        }
    }
    for (auto& d : deputies) {
        add(d.name); add(d.reception);
        for (auto& x : d.topics) add(x);
    }
    for (auto& x : schedule) { add(x.title); add(x.place); add(x.outcome); s += x.date.to_string() + x.time; }
    for (auto& t : tours) {
        add(t.title); add(t.intro);
        for (auto& st : t.stops)
            for (auto& x : st.points) add(x);
    }
    return s;
}

}  // namespace lianxin
