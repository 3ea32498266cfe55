// Writing into a form's field on the touchscreen (see text_entry.h).
#include "kiosk/widgets/text_entry.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/i18n/bilingual_text.h"
#include "core/input/pinyin_engine.h"
#include "core/text/utf8.h"

namespace lianxin::kiosk {

TextEntry::~TextEntry() {
    if (auto* p = pinyin()) p->clear();
}

void TextEntry::follow_language(Lang lang, std::string& text) {
    if (!mode_chosen_) set_mode(lang == Lang::en ? InputMode::english : InputMode::pinyin, text);
}

void TextEntry::commit(std::string& text) {
    if (auto* p = pinyin()) {
        p->key(PinyinEngine::Key::space);
        text += p->take_commit();
    }
}

void TextEntry::leave() {
    pad_.clear();
    hw_candidates_.clear();
    hw_after_.clear();
}

std::string TextEntry::composing(FieldKind kind) {
    auto* p = pinyin_for(kind) ? pinyin() : nullptr;
    return p ? p->state().preedit : std::string();
}

bool TextEntry::holds_unplaced_words() const {
    if (!pad_.strokes().empty()) return true;
    // The engine is only asked once it is open.
    auto* engine = mode_ == InputMode::pinyin ? services_.pinyin() : nullptr;
    return engine && engine->state().composing();
}

// Switches the input method; a pinyin composition under way is committed, not lost.
void TextEntry::set_mode(InputMode m, std::string& text) {
    if (m == mode_) return;
    commit(text);
    mode_ = m;
    pad_.clear();
    hw_candidates_.clear();
}

bool TextEntry::type(const std::string& typed, FieldRef field) {
    bool all_shown = true;
    for (std::size_t i = 0; i < typed.size();) {
        std::size_t b = i;
        char32_t cp = utf8::next(typed, i);
        KeyPress k;
        k.kind = cp == ' ' ? KeyPress::Kind::space : KeyPress::Kind::character;
        k.text = typed.substr(b, i - b);
        if (kiosk_cannot_show(k.text, field.kind == FieldKind::running_text)) all_shown = false;
        else key(k, field);
    }
    return all_shown;
}

bool TextEntry::key(const KeyPress& k, FieldRef field) {
    hw_after_.clear();  // the words follow the character just written, not whatever comes after
    std::string& text = field.text;
    if (k.kind == KeyPress::Kind::mode) {
        set_mode(k.mode, text);
        mode_chosen_ = true;
        return false;
    }
    const bool digits = field.kind == FieldKind::digits;
    auto* engine = pinyin_for(field.kind) ? pinyin() : nullptr;
    bool composing = engine && engine->state().composing();
    switch (k.kind) {
        case KeyPress::Kind::character:
            if (engine && k.text.size() == 1 && std::isalpha(static_cast<unsigned char>(k.text[0]))) {
                engine->type(static_cast<char>(std::tolower(static_cast<unsigned char>(k.text[0]))));
            } else {
                if (composing) engine->key(PinyinEngine::Key::space);  // punctuation ends the syllables
                if (engine) text += engine->take_commit();
                if (digits && k.text.find_first_not_of("0123456789-") != std::string::npos) break;
                text += k.text;
            }
            break;
        case KeyPress::Kind::backspace:
            if (!(composing && engine->key(PinyinEngine::Key::backspace))) text.erase(utf8::last_start(text));
            break;
        case KeyPress::Kind::enter:
            if (composing) engine->key(PinyinEngine::Key::enter);
            else if (field.kind == FieldKind::running_text) text += "\n";
            break;
        case KeyPress::Kind::space:
            if (composing) engine->key(PinyinEngine::Key::space);
            else if (!digits) text += " ";
            break;
        default: break;
    }
    if (engine) text += engine->take_commit();
    return true;
}

void TextEntry::recognise() {
    hw_candidates_.clear();
    hw_after_.clear();
    if (pad_.strokes().empty()) return;
    hw_candidates_ = services_.recognise(pad_.strokes(), pad_.size());
}

void TextEntry::draw_candidates(Ui& ui, ImRect bar, FieldRef field) {
    if (mode_ == InputMode::pinyin) {
        auto* engine = pinyin();
        if (!engine) {
            ui.label_centered(ui.t("input.not_ready"), FontRole::lead, theme::muted, bar);
            return;
        }
        auto& st = engine->state();
        std::vector<std::string> texts;
        for (auto& cand : st.candidates) texts.push_back(cand.text);
        auto res = draw_candidate_bar(ui, bar, st.preedit, texts, st.composing() && st.page > 0,
                                      st.composing() && !st.last_page);
        if (res.picked >= 0) engine->select(res.picked);
        if (res.page_up) engine->key(PinyinEngine::Key::page_up);
        if (res.page_down) engine->key(PinyinEngine::Key::page_down);
        field.text += engine->take_commit();
    } else if (mode_ == InputMode::handwriting) {
        // After a character, the words that most often start with it: one tap writes the rest.
        // Asked every frame: the list may still be read when the character is picked.
        bool words = hw_candidates_.empty();
        const auto& shown = words ? services_.words_after(field.place == hw_after_at_ ? hw_after_ : "") : hw_candidates_;
        auto res = draw_candidate_bar(ui, bar, "", shown, false, false);
        if (res.picked >= 0) {
            std::string pick = shown[static_cast<std::size_t>(res.picked)];
            std::size_t first = 0;
            utf8::next(pick, first);
            field.text += words ? pick.substr(first) : pick;
            pad_.clear();
            hw_candidates_.clear();
            hw_after_ = words ? std::string() : pick;
            hw_after_at_ = field.place;
        }
    }
}

// The pad with undo, clear, space and delete beside it, and the row of input methods under it.
bool TextEntry::draw_pad(Ui& ui, ImRect keys, FieldRef field) {
    bool pressed = false;
    float side = std::min(keys.GetHeight() - ui.s(78 + 28 + 14), keys.GetWidth() * 0.5f);
    ImRect pad_r(ImVec2(keys.GetCenter().x - side / 2 - ui.s(120), keys.Min.y),
                 ImVec2(keys.GetCenter().x + side / 2 - ui.s(120), keys.Min.y + side));
    if (pad_.draw(ui, pad_r)) recognise();
    float bx = pad_r.Max.x + ui.s(24), bw = std::min(ui.s(260), keys.Max.x - bx);
    // Four side buttons share the pad's height, never below the 72 px touch minimum.
    float bh = std::max(ui.s(72), std::min(ui.s(theme::touch_target), (side - 3 * ui.s(14)) / 4));
    const char* side_keys[] = {"input.undo", "input.clear", "input.space"};
    for (int i = 0; i < 3; ++i) {
        ImRect b(ImVec2(bx, keys.Min.y + i * (bh + ui.s(14))), ImVec2(bx + bw, keys.Min.y + i * (bh + ui.s(14)) + bh));
        if (!ui.button(ui.t(side_keys[i]), b, ButtonKind::chip, FontRole::lead)) continue;
        if (i == 0) { pad_.undo(); recognise(); }
        if (i == 1) { pad_.clear(); hw_candidates_.clear(); }
        if (i == 2) pressed = key({KeyPress::Kind::space}, field);
    }
    ImRect del(ImVec2(bx, keys.Min.y + 3 * (bh + ui.s(14))), ImVec2(bx + bw, keys.Min.y + 3 * (bh + ui.s(14)) + bh));
    if (ui.button(ui.t("input.delete"), del, ButtonKind::secondary, FontRole::lead))
        pressed = key({KeyPress::Kind::backspace}, field);
    ImRect row(ImVec2(keys.Min.x, keys.Max.y - ui.s(78 + 28)), keys.Max);
    KeyPress k = draw_keyboard(ui, row, InputMode::handwriting, false, true);
    if (k.kind != KeyPress::Kind::none) key(k, field);  // only the input methods are on this row
    return pressed;
}

bool TextEntry::draw(Ui& ui, ImRect r, FieldRef field) {
    if (field.kind == FieldKind::digits) {  // a number needs no candidates: the digits take the whole height
        KeyPress k = draw_keyboard(ui, r, InputMode::digits, true);
        return k.kind != KeyPress::Kind::none && key(k, field);
    }
    ImRect bar(r.Min, ImVec2(r.Max.x, r.Min.y + ui.s(96)));
    ImRect keys(ImVec2(r.Min.x, bar.Max.y + ui.s(12)), r.Max);
    draw_candidates(ui, bar, field);
    if (mode_ == InputMode::handwriting) return draw_pad(ui, keys, field);
    KeyPress k = draw_keyboard(ui, keys, mode_, false);
    return k.kind != KeyPress::Kind::none && key(k, field);
}

std::pair<ImRect, ImRect> form_and_keys(Ui& ui, ImRect r) {
    if (!ui.portrait()) {
        float lw = std::round(r.GetWidth() * 0.4f);
        return {ImRect(r.Min, ImVec2(r.Min.x + lw, r.Max.y)), ImRect(ImVec2(r.Min.x + lw + ui.s(36), r.Min.y), r.Max)};
    }
    float kb_h = std::max(keyboard_height(ui, r.GetWidth()) + ui.s(108), r.GetHeight() * 0.45f);
    float nav = ui.s(theme::touch_target) + ui.s(24);
    return {ImRect(r.Min, ImVec2(r.Max.x, r.Max.y - kb_h - nav)),
            ImRect(ImVec2(r.Min.x, r.Max.y - kb_h - nav), ImVec2(r.Max.x, r.Max.y - nav))};
}

bool draw_form_field(Ui& ui, float x, float& y, float w, float box_h, const std::string& label, const std::string& text,
                     const std::string& composing, bool focused) {
    ui.label(label, FontRole::body, theme::muted, ImVec2(x, y));
    ImRect box(ImVec2(x, y + ui.s(40)), ImVec2(x + w, y + ui.s(40) + box_h));
    draw_text_box(ui, box, text, composing, "", focused);
    ui.register_target(target_name(label), box);
    y = box.Max.y + ui.s(14);
    return ui.tapped(box);
}

bool form_key(TextEntry& entry, const std::string& key, FieldRef field) {
    KeyPress k;
    if (key == "BackSpace") k.kind = KeyPress::Kind::backspace;
    else if (key == "Return") k.kind = KeyPress::Kind::enter;
    else return false;
    entry.key(k, field);
    return true;
}

FormNav draw_back_next(Ui& ui, ImRect r, const char* next_key, bool with_back) {
    float h = ui.s(theme::touch_target), w = std::min(ui.s(360), (r.GetWidth() - ui.s(20)) / 2), y = r.Max.y - h;
    if (with_back && ui.button(ui.t("opinion.back"), ImRect(ImVec2(r.Min.x, y), ImVec2(r.Min.x + w, y + h)), ButtonKind::secondary))
        return FormNav::back;
    if (ui.button(ui.t(next_key), ImRect(ImVec2(r.Max.x - w, y), ImVec2(r.Max.x, y + h)), ButtonKind::primary))
        return FormNav::next;
    return FormNav::none;
}

void place_form_message(Ui& ui, const std::string& message, ImRect form, ImRect& keys, float y) {
    if (message.empty()) return;
    float nav_h = ui.portrait() ? 0 : ui.s(theme::touch_target) + ui.s(20);
    if (y + message_box_height(ui, message, form.GetWidth()) <= form.Max.y - nav_h) {
        draw_message_box(ui, message, ImVec2(form.Min.x, y), form.GetWidth());
    } else {
        draw_message_box(ui, message, keys.Min, keys.GetWidth());
        keys.Min.y += message_box_height(ui, message, keys.GetWidth()) + ui.s(20);
    }
}

void draw_char_counter(Ui& ui, ImRect box, const std::string& text, std::size_t max_chars) {
    std::size_t count = utf8::count_code_points(text);
    std::string n = std::to_string(count), of = std::to_string(max_chars);
    std::string counter = ui.bilingual() ? n + " / " + of : ui.tf("opinion.count", {n, of});
    ui.label(counter, FontRole::body, count > max_chars ? theme::primary : theme::muted,
             ImVec2(box.Max.x - ui.text().measure(counter, FontRole::body), box.Max.y + ui.s(6)));
}

}  // namespace lianxin::kiosk
