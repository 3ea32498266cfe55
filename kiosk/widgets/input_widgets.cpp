// Text entry widgets and the stage tracker (see input_widgets.h).
#include "kiosk/widgets/input_widgets.h"

#include <algorithm>
#include <cmath>

#include "core/text/kiosk_fonts.h"

namespace lianxin::kiosk {

CandidateBarResult draw_candidate_bar(Ui& ui, ImRect r, const std::string& preedit,
                                      const std::vector<std::string>& candidates, bool can_page_up,
                                      bool can_page_down) {
    CandidateBarResult out;
    auto* dl = ui.dl();
    dl->AddRectFilled(r.Min, r.Max, theme::surface, ui.s(theme::radius));
    dl->AddRect(r.Min, r.Max, theme::line, ui.s(theme::radius), 0, ui.s(2));
    float pad = ui.s(12), h = r.GetHeight() - 2 * pad;
    float x = r.Min.x + pad;
    if (!preedit.empty()) {
        float w = ui.text().measure(preedit, FontRole::lead) + ui.s(24);
        ui.label_centered(preedit, FontRole::lead, theme::teal, ImRect(ImVec2(x, r.Min.y), ImVec2(x + w, r.Max.y)));
        x += w + ui.s(8);
        dl->AddLine(ImVec2(x, r.Min.y + pad), ImVec2(x, r.Max.y - pad), theme::line, ui.s(2));
        x += ui.s(12);
    }
    float arrows_w = (can_page_up || can_page_down) ? 2 * h + ui.s(20) : 0;
    float right = r.Max.x - pad - arrows_w;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        // Lead size: the one size whose atlas holds all of GB2312, which candidates come from.
        float w = std::max(h * 1.1f, ui.text().measure(candidates[i], FontRole::lead) + ui.s(36));
        if (x + w > right) break;
        ImRect cr(ImVec2(x, r.Min.y + pad), ImVec2(x + w, r.Max.y - pad));
        if (ui.button(candidates[i], cr, i == 0 ? ButtonKind::chip_selected : ButtonKind::chip, FontRole::lead))
            out.picked = static_cast<int>(i);
        x += w + ui.s(10);
    }
    if (arrows_w > 0) {
        ImRect up(ImVec2(right + ui.s(10), r.Min.y + pad), ImVec2(right + ui.s(10) + h, r.Max.y - pad));
        ImRect down(ImVec2(up.Max.x + ui.s(10), up.Min.y), ImVec2(up.Max.x + ui.s(10) + h, up.Max.y));
        for (int k = 0; k < 2; ++k) {
            ImRect b = k == 0 ? up : down;
            bool enabled = k == 0 ? can_page_up : can_page_down;
            bool held = enabled && ui.held(b);
            dl->AddRectFilled(b.Min, b.Max, !enabled ? theme::rgb(0xE4D8C6, 120) : held ? theme::surface_pressed : theme::rgb(0xEFE6D6),
                              ui.s(12));
            ui.chevron(b.GetCenter(), ui.s(12), k == 1, enabled ? theme::ink : theme::muted, ui.s(4));
            if (!enabled) continue;
            ui.register_target(k == 0 ? "candidates-previous" : "candidates-next", b);
            if (ui.tapped(b)) (k == 0 ? out.page_up : out.page_down) = true;
        }
    }
    return out;
}

bool HandwritingPad::draw(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    size_ = r.GetWidth();
    dl->AddRectFilled(r.Min, r.Max, theme::surface, ui.s(theme::radius));
    dl->AddRect(r.Min, r.Max, theme::line, ui.s(theme::radius), 0, ui.s(3));
    // The 米 grid calligraphy practice paper uses: it helps people centre and size a character.
    ImU32 guide = theme::rgb(0xD9A441, 70);
    ImVec2 c = r.GetCenter();
    float inset = ui.s(16);
    dl->AddLine(ImVec2(r.Min.x + inset, c.y), ImVec2(r.Max.x - inset, c.y), guide, ui.s(2));
    dl->AddLine(ImVec2(c.x, r.Min.y + inset), ImVec2(c.x, r.Max.y - inset), guide, ui.s(2));
    dl->AddLine(ImVec2(r.Min.x + inset, r.Min.y + inset), ImVec2(r.Max.x - inset, r.Max.y - inset), theme::rgb(0xD9A441, 35), ui.s(1.5f));
    dl->AddLine(ImVec2(r.Max.x - inset, r.Min.y + inset), ImVec2(r.Min.x + inset, r.Max.y - inset), theme::rgb(0xD9A441, 35), ui.s(1.5f));
    if (strokes_.empty() && !drawing_)
        ui.label_centered(ui.t("input.write_here"), FontRole::body, theme::muted,
                          ImRect(ImVec2(r.Min.x, r.Max.y - ui.s(70)), ImVec2(r.Max.x, r.Max.y - ui.s(20))));

    ui.register_target("handwriting-pad", r);  // scripts draw into it with drag-in
    auto& p = ui.pointer();
    bool finished = false;
    if (ui.input_enabled() && p.pressed_this_frame() && r.Contains(p.press_pos())) {
        drawing_ = true;
        current_.clear();
        p.cancel_tap();  // a dot is a stroke, not a tap
    }
    if (drawing_) {
        for (auto& q : p.frame_path()) {
            ImVec2 local(std::clamp(q.x, r.Min.x, r.Max.x) - r.Min.x, std::clamp(q.y, r.Min.y, r.Max.y) - r.Min.y);
            if (current_.empty() || std::hypot(local.x - current_.back().x, local.y - current_.back().y) >= 1.0f)
                current_.push_back(local);
        }
        if (!p.is_down()) {
            drawing_ = false;
            if (!current_.empty()) {
                strokes_.push_back(current_);
                finished = true;
            }
            current_.clear();
        }
    }
    auto draw_stroke = [&](const Stroke& s) {
        if (s.size() == 1) {
            dl->AddCircleFilled(ImVec2(r.Min.x + s[0].x, r.Min.y + s[0].y), ui.s(6), theme::ink, 12);
            return;
        }
        for (std::size_t i = 1; i < s.size(); ++i)
            dl->AddLine(ImVec2(r.Min.x + s[i - 1].x, r.Min.y + s[i - 1].y), ImVec2(r.Min.x + s[i].x, r.Min.y + s[i].y),
                        theme::ink, ui.s(11));
        for (auto& q : s) dl->AddCircleFilled(ImVec2(r.Min.x + q.x, r.Min.y + q.y), ui.s(5.5f), theme::ink, 10);
    };
    for (auto& s : strokes_) draw_stroke(s);
    if (!current_.empty()) draw_stroke(current_);
    return finished;
}

namespace {

// A text field's box, its border marked when it has the focus; returns where its text goes.
ImRect draw_field_frame(Ui& ui, ImRect r, bool focused) {
    auto* dl = ui.dl();
    dl->AddRectFilled(r.Min, r.Max, theme::surface, ui.s(14));
    dl->AddRect(r.Min, r.Max, focused ? theme::primary : theme::line, ui.s(14), 0, ui.s(focused ? 3 : 2));
    float pad = ui.s(20);
    return ImRect(ImVec2(r.Min.x + pad, r.Min.y + pad * 0.6f), ImVec2(r.Max.x - pad, r.Max.y - pad * 0.6f));
}

}  // namespace

void draw_text_box(Ui& ui, ImRect r, const std::string& text, const std::string& composing,
                   const std::string& placeholder, bool focused) {
    auto* dl = ui.dl();
    ImRect inner = draw_field_frame(ui, r, focused);
    if (text.empty() && composing.empty()) {
        if (!placeholder.empty())
            ui.paragraph(placeholder, FontRole::lead, theme::muted, inner.Min, inner.GetWidth(), {1.35f, 0, false});
        if (focused) dl->AddRectFilled(ImVec2(inner.Min.x, inner.Min.y + ui.s(8)), ImVec2(inner.Min.x + ui.s(3), inner.Min.y + ui.s(46)), theme::primary);
        return;
    }
    std::vector<TextRun> runs{{text, FontRole::lead, theme::ink}};
    if (!composing.empty()) runs.push_back({composing, FontRole::lead, theme::teal});
    auto& l = ui.text().layout(runs, inner.GetWidth() - ui.s(8), {1.4f, 0, false});
    // Keep the end in view: when the text is taller than the box, show its last lines.
    float y = inner.Min.y + std::min(0.0f, inner.GetHeight() - l.height);
    ui.push_clip(inner, Overflow::vertical);  // its first lines scroll out to keep the end in view
    ui.draw(l, ImVec2(inner.Min.x, y));
    if (focused && !l.lines.empty()) {
        auto& last = l.lines.back();
        float cx = inner.Min.x + last.width + ui.s(3);
        float cy = y + last.y + l.ascent_pad;
        dl->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + ui.s(3), cy + ui.fonts().size(FontRole::lead) * 1.05f), theme::primary);
    }
    ui.pop_clip();
}

void draw_code_box(Ui& ui, ImRect r, const std::string& text, std::size_t marked, const std::string& placeholder) {
    if (marked >= text.size()) return draw_text_box(ui, r, text, "", placeholder, true);
    auto* dl = ui.dl();
    ImRect inner = draw_field_frame(ui, r, true);
    ImVec2 at = inner.Min;
    std::vector<TextRun> runs{{text.substr(0, marked), FontRole::lead, theme::ink},
                              {text.substr(marked, 1), FontRole::lead, theme::primary},
                              {text.substr(marked + 1), FontRole::lead, theme::ink}};
    auto& l = ui.text().layout(runs, inner.GetWidth(), {1.4f, 0, false});
    ui.draw(l, at);
    // Colour alone is not enough for every eye: a thick line under the character too.
    auto width_of = [&](const std::string& s) {
        return s.empty() ? 0.0f : ui.text().layout(s, FontRole::lead, 0, 1e6f).lines.front().width;
    };
    float x0 = at.x + width_of(text.substr(0, marked)), x1 = at.x + width_of(text.substr(0, marked + 1));
    float y = at.y + l.ascent_pad + ui.fonts().size(FontRole::lead) * 1.15f;
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + ui.s(5)), theme::primary, ui.s(2));
}

float message_box_height(Ui& ui, const std::string& message, float w) {
    if (message.empty()) return 0;
    return ui.text().layout(message, FontRole::lead, theme::primary_dark, w - ui.s(60)).height + ui.s(28);
}

void draw_message_box(Ui& ui, const std::string& message, ImVec2 pos, float w) {
    if (message.empty()) return;
    auto& l = ui.text().layout(message, FontRole::lead, theme::primary_dark, w - ui.s(60));
    ImRect r(pos, ImVec2(pos.x + w, pos.y + message_box_height(ui, message, w)));
    ui.dl()->AddRectFilled(r.Min, r.Max, theme::rgb(0xB8322A, 30), ui.s(12));
    ui.dl()->AddRectFilled(r.Min, ImVec2(r.Min.x + ui.s(8), r.Max.y), theme::primary, ui.s(4));
    ui.draw(l, ImVec2(pos.x + ui.s(30), pos.y + ui.s(14)));
}

bool kiosk_cannot_show(const std::string& character, bool running_text) {
    const auto& faces = GlyphCoverage::kiosk();
    return find_undrawable(character, faces.ok() ? &faces.value() : nullptr, running_text).has_value();
}

namespace {

// Where each stage's name goes: under its dot, as wide as its share of the line (compact: the
// current stage alone, wider).
float stage_label_width(const Ui& ui, float width, int stages, bool compact) {
    return compact ? std::min(width, ui.s(320)) : width / stages - ui.s(6);
}

TextLayoutOptions stage_label_options() {
    TextLayoutOptions opt;
    opt.center = true;
    opt.line_spacing = 1.2f;
    return opt;
}

}  // namespace

float stage_tracker_height(Ui& ui, const Consultation& c, float width, bool compact) {
    int n = static_cast<int>(c.stages.size());
    if (n == 0) return 0;
    float lw = stage_label_width(ui, width, n, compact), tallest = 0;
    for (auto& st : c.stages)
        tallest = std::max(tallest, ui.text().layout(ui.pick(st.name), FontRole::caption, theme::ink, lw,
                                                      stage_label_options()).height);
    return ui.s(52) + tallest;
}

void draw_stage_tracker(Ui& ui, ImRect r, const Consultation& c, bool compact) {
    auto* dl = ui.dl();
    int n = static_cast<int>(c.stages.size());
    if (n == 0) return;
    int cur = 0;
    for (int i = 0; i < n; ++i)
        if (c.stages[static_cast<std::size_t>(i)].id == c.stage_id) cur = i;
    float step = r.GetWidth() / n;
    float cy = r.Min.y + ui.s(20);
    dl->AddLine(ImVec2(r.Min.x + step / 2, cy), ImVec2(r.Max.x - step / 2, cy), theme::line, ui.s(6));
    dl->AddLine(ImVec2(r.Min.x + step / 2, cy), ImVec2(r.Min.x + step / 2 + step * cur, cy), theme::primary, ui.s(6));
    for (int i = 0; i < n; ++i) {
        float cx = r.Min.x + step * i + step / 2;
        bool done = i < cur, now = i == cur;
        dl->AddCircleFilled(ImVec2(cx, cy), now ? ui.s(18) : ui.s(12), done || now ? theme::primary : theme::surface, 24);
        if (!done && !now) dl->AddCircle(ImVec2(cx, cy), ui.s(12), theme::line, 24, ui.s(3));
        if (now) dl->AddCircle(ImVec2(cx, cy), ui.s(26), theme::rgb(0xB8322A, 80), 32, ui.s(4));
        if (compact && !now) continue;
        auto& name = ui.pick(c.stages[static_cast<std::size_t>(i)].name);
        float lw = stage_label_width(ui, r.GetWidth(), n, compact);
        float lx = std::clamp(cx - lw / 2, r.Min.x, r.Max.x - lw);
        ui.paragraph(name, FontRole::caption, now ? theme::primary_dark : done ? theme::ink : theme::muted,
                     ImVec2(lx, cy + ui.s(32)), lw, stage_label_options());
    }
}

float draw_step_progress(Ui& ui, ImVec2 pos, float w, const std::vector<const char*>& keys, int current) {
    const int n = static_cast<int>(keys.size());
    float step_w = std::min(w / static_cast<float>(n), ui.s(380)), height = ui.s(44);
    for (int i = 0; i < n; ++i) {
        ImVec2 c(pos.x + step_w * static_cast<float>(i) + ui.s(22), pos.y + ui.s(22));
        bool done = i < current, now = i == current;
        ui.dl()->AddCircleFilled(c, ui.s(22), done || now ? theme::primary : theme::line, 24);
        ui.label_centered(std::to_string(i + 1), FontRole::body, done || now ? theme::white : theme::muted,
                          ImRect(ImVec2(c.x - ui.s(22), c.y - ui.s(22)), ImVec2(c.x + ui.s(22), c.y + ui.s(22))));
        // A narrow screen wraps a step's name rather than cut it.
        height = std::max(height, ui.paragraph(ui.t(keys[static_cast<std::size_t>(i)]), FontRole::body,
                                               now ? theme::ink : theme::muted, ImVec2(c.x + ui.s(34), c.y - ui.s(22)),
                                               step_w - ui.s(70), {1.3f, 0, false}));
    }
    return height;
}

bool draw_tick_box(Ui& ui, ImRect box, bool ticked, const std::string& text, const std::string& target) {
    ui.dl()->AddRectFilled(box.Min, box.Max, ui.held(box) ? theme::surface_pressed : theme::surface, ui.s(14));
    ui.dl()->AddRect(box.Min, box.Max, ticked ? theme::primary : theme::line, ui.s(14), 0, ui.s(2));
    ImRect tick(ImVec2(box.Min.x + ui.s(20), box.GetCenter().y - ui.s(26)), ImVec2(box.Min.x + ui.s(72), box.GetCenter().y + ui.s(26)));
    ui.dl()->AddRectFilled(tick.Min, tick.Max, ticked ? theme::primary : theme::surface, ui.s(8));
    ui.dl()->AddRect(tick.Min, tick.Max, theme::primary, ui.s(8), 0, ui.s(3));
    if (ticked) {
        ImVec2 c = tick.GetCenter();
        float k = ui.s(12);
        ui.dl()->AddLine(ImVec2(c.x - k, c.y), ImVec2(c.x - k * 0.3f, c.y + k * 0.8f), theme::white, ui.s(5));
        ui.dl()->AddLine(ImVec2(c.x - k * 0.3f, c.y + k * 0.8f), ImVec2(c.x + k * 1.1f, c.y - k * 0.9f), theme::white, ui.s(5));
    }
    ui.paragraph(text, FontRole::body, theme::ink, ImVec2(tick.Max.x + ui.s(20), box.Min.y + ui.s(14)),
                 box.Max.x - tick.Max.x - ui.s(40), {1.35f, ui.bilingual() ? 5 : 3, false});
    ui.register_target(target, box);
    return ui.tapped(box);
}

void draw_stored_mark(Ui& ui, ImVec2 c) {
    auto* dl = ui.dl();
    dl->AddCircleFilled(c, ui.s(64), theme::teal, 48);
    float k = ui.s(26);
    dl->AddLine(ImVec2(c.x - k, c.y), ImVec2(c.x - k * 0.3f, c.y + k * 0.8f), theme::white, ui.s(9));
    dl->AddLine(ImVec2(c.x - k * 0.3f, c.y + k * 0.8f), ImVec2(c.x + k * 1.1f, c.y - k * 0.9f), theme::white, ui.s(9));
}

}  // namespace lianxin::kiosk
