// Lookups over the exhibition model.
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

std::string ContentSet::all_text() const {
    std::string s;
    auto add = [&](const LocalizedText& t) { s += t.zh; s += '\n'; s += t.en; s += '\n'; };
    add(hall.name); add(hall.welcome); add(hall.district);
    for (auto& x : slides) { add(x.title); add(x.caption); }
    for (auto& x : timeline) { add(x.year_label); add(x.title); add(x.text); add(x.place); s += std::to_string(x.year); }
    for (auto& x : sections) { add(x.title); add(x.intro); }
    for (auto& x : exhibits) { add(x.title); add(x.subtitle); add(x.place); add(x.body); s += std::to_string(x.year); }
    for (auto& x : figures) { s += x.value; add(x.unit); add(x.label); }
    return s;
}

}  // namespace lianxin
