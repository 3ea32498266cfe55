// The text each font role draws (see font_texts.h).
#include "kiosk/app/font_texts.h"

#include <string>
#include <utility>

#include "core/markdown/markdown_doc.h"
#include "core/text/gb2312.h"
#include "core/text/utf8.h"

namespace lianxin::kiosk {

// What the first frame and the rest of the UI draw at the heading, title and display sizes.
FontTexts collect_font_texts(const ContentSet& c, const StringTable& strings) {
    FontTexts t;
    t.ui = strings.all_text();
    t.content = c.all_text();
    auto add = [](std::string& s, const LocalizedText& l) { s += l.zh; s += l.en; };
    add(t.attract, c.hall.name);
    for (auto& s : c.slides) { add(t.attract, s.title); add(t.attract, s.caption); }
    // The out-of-service screen is the first screen when there is no content: its words too.
    // The live figures' slide too (its words and digits), though it comes only after the content's.
    for (const char* key : {"attract.touch", "attract.touch_other", "out_of_service.title", "out_of_service.explain",
                            "live.attract_title", "live.attract_here", "live.attract_district", "live.attract_adopted",
                            "live.as_of", "live.stale", "live.never"}) {
        t.attract += strings.get(Lang::zh, key);
        t.attract += strings.get(Lang::en, key);
    }
    t.attract += "中文0123456789,:-";
    add(t.titles, c.hall.name);
    for (auto& s : c.sections) add(t.titles, s.title);
    for (auto& e : c.timeline) { add(t.titles, e.title); add(t.titles, e.year_label); }
    for (auto& k : c.consultations) {
        add(t.titles, k.title);
        for (auto& a : k.articles) add(t.titles, a.title);
    }
    for (auto& e : c.exhibits) {
        add(t.titles, e.title);
        for (auto* body : {&e.body.zh, &e.body.en})
            for (auto& b : parse_markdown(*body).blocks)
                if (b.kind == MdBlock::Kind::heading) t.titles += b.plain();
    }
    // The station's screens: names and schedule titles at heading size, initials at title size.
    for (auto& d : c.deputies) add(t.titles, d.name);
    for (auto& x : c.schedule) add(t.titles, x.title);
    // A tour's figure stop is titled by its number and unit (kiosk/screens/tour_screen.cpp).
    for (auto& x : c.tours) {
        add(t.titles, x.title);
        for (auto& stop : x.stops)
            if (auto* f = stop.figure.empty() ? nullptr : c.find_figure(stop.figure)) add(t.titles, f->unit);
    }
    t.display = "0123456789+-–/%.,·×";
    for (auto& f : c.figures) t.display += f.value;
    return t;
}

// Code points that some font role should draw but has no glyph for: must be empty ("no
// boxes"). Body covers all content, UI strings and GB2312; titles cover what titles show.
nlohmann::json missing_glyph_report(const FontSet& fonts, const ContentSet& content, const StringTable& strings) {
    nlohmann::json out = nlohmann::json::object();
    auto texts = collect_font_texts(content, strings);
    std::pair<FontRole, std::string> checks[] = {
        {FontRole::body, texts.content + texts.ui},
        {FontRole::caption, texts.content + texts.ui},
        {FontRole::lead, texts.content + texts.ui + gb2312_characters()},
        {FontRole::heading, texts.titles + texts.ui},
        {FontRole::title, texts.titles + texts.ui},
        {FontRole::display, texts.display},
    };
    for (auto& [role, text] : checks) {
        auto missing = missing_glyphs(fonts.font(role), text);
        std::string shown;
        for (char32_t c : missing) utf8::append(shown, c);
        out[std::to_string(static_cast<int>(role))] = shown;
    }
    return out;
}

}  // namespace lianxin::kiosk
