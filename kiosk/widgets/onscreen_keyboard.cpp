// The on-screen keyboard's layouts and drawing.
#include "kiosk/widgets/onscreen_keyboard.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lianxin::kiosk {

namespace {

struct KeySpec {
    std::string label;   // what the key shows (and types, for character keys)
    float width = 1;     // in key units
    KeyPress::Kind kind = KeyPress::Kind::character;
};

std::vector<std::vector<KeySpec>> layout(InputMode mode, bool zh_punct) {
    auto row = [](const char* keys) {
        std::vector<KeySpec> r;
        std::string s(keys);
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n = 1;
            unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
            if (s[i] != ' ') r.push_back({s.substr(i, n)});
            i += n;
        }
        return r;
    };
    std::vector<std::vector<KeySpec>> rows;
    if (mode == InputMode::digits) {
        rows.push_back(row("1234567890"));
        rows.push_back(zh_punct ? row("，。、？！：；“”（）") : row(",.?!:;'\"()-"));
        rows.push_back(zh_punct ? row("《》…—·%@#/+") : row("%@#/+=&*_~"));
    } else {
        rows.push_back(row("qwertyuiop"));
        rows.push_back(row("asdfghjkl"));
        rows.push_back(zh_punct ? row("zxcvbnm，。？") : row("zxcvbnm,.?"));
    }
    rows[0].push_back({"input.delete", 1.5f, KeyPress::Kind::backspace});
    rows[1].push_back({"input.enter", 1.5f, KeyPress::Kind::enter});
    return rows;
}

// Draws rows of keys in `inner`, every row on the same key unit so keys line up (shorter rows
// centred); records a tapped key in `out`. Returns the key unit.
float draw_rows(Ui& ui, ImRect inner, const std::vector<std::vector<KeySpec>>& rows, float row_h, float gap,
                KeyPress& out) {
    float units = 0;
    for (auto& row : rows) {
        float u = 0;
        for (auto& k : row) u += k.width;
        units = std::max(units, u);
    }
    float unit = units > 0 ? (inner.GetWidth() - gap * (units - 1)) / units : 0;
    float y = inner.Min.y;
    for (auto& row : rows) {
        float u = 0;
        for (auto& k : row) u += k.width;
        float w = u * unit + (row.size() - 1) * gap;
        float x = inner.Min.x + (inner.GetWidth() - w) / 2;
        for (auto& k : row) {
            float kw = k.width * unit + (k.width - 1) * gap;
            bool special = k.kind != KeyPress::Kind::character;
            // Special keys carry words in the visitor's language; a glyph such as ⌫ is not in the font.
            const std::string& label = special ? ui.t(k.label) : k.label;
            if (ui.button(label, ImRect(ImVec2(x, y), ImVec2(x + kw, y + row_h)),
                          special ? ButtonKind::secondary : ButtonKind::chip, special ? FontRole::lead : FontRole::heading)) {
                out.kind = k.kind;
                out.text = k.label;
            }
            x += kw + gap;
        }
        y += row_h + gap;
    }
    return unit;
}

}  // namespace

float keyboard_height(const Ui& ui, float width) {
    // Rows of keys never under the finger minimum (72 px at 1080p), with a little to spare.
    float unit = std::clamp(width / 12.0f, ui.s(80), ui.s(118));
    float row = std::max(unit * 0.9f, ui.s(78));
    return 4 * row + 3 * ui.s(10) + 2 * ui.s(14);
}

KeyPress draw_keyboard(Ui& ui, ImRect r, InputMode mode, bool digits_only, bool mode_row_only) {
    // Keys name themselves in one language, 中英 included: two names do not fit a finger-sized key.
    Ui::OneLanguage keys(ui, ui.lang());
    KeyPress out;
    auto* dl = ui.dl();
    dl->AddRectFilled(r.Min, r.Max, theme::rgb(0xEFE6D6), ui.s(theme::radius));
    float gap = ui.s(10), pad = ui.s(14);
    ImRect inner(ImVec2(r.Min.x + pad, r.Min.y + pad), ImVec2(r.Max.x - pad, r.Max.y - pad));
    // Letters have four rows with the mode row; the phone's digits have three.
    int row_count = digits_only ? 3 : 4;
    float row_h = mode_row_only ? inner.GetHeight() : (inner.GetHeight() - (row_count - 1) * gap) / row_count;
    bool zh = mode == InputMode::pinyin || (mode == InputMode::digits && ui.lang() == Lang::zh);
    auto rows = layout(digits_only ? InputMode::digits : mode, zh && !digits_only);
    if (digits_only) rows = {{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}}, {{"6"}, {"7"}, {"8"}, {"9"}, {"0"}},
                             {{"-"}, {"input.delete", 1.5f, KeyPress::Kind::backspace}}};
    float unit = draw_rows(ui, inner, mode_row_only ? std::vector<std::vector<KeySpec>>{} : rows, row_h, gap, out);
    if (mode_row_only) unit = (inner.GetWidth() - gap * 11) / 12;
    float y = mode_row_only ? inner.Min.y : inner.Min.y + static_cast<float>(rows.size()) * (row_h + gap);
    if (digits_only) return out;

    // The mode row: input methods on the left, the space bar on the right.
    struct ModeKey { InputMode mode; const char* key; };
    const ModeKey modes[] = {{InputMode::pinyin, "input.pinyin"}, {InputMode::handwriting, "input.handwriting"},
                             {InputMode::english, "input.english"}, {InputMode::digits, "input.digits"}};
    float x = inner.Min.x;
    for (auto& m : modes) {
        // As wide as its name needs ("Handwriting" in English is twice "手写"), never narrower than
        // the others' common width.
        float name_w = ui.text().layout(ui.t(m.key), FontRole::lead, 0, 1e6f).lines.front().width;
        float mw = std::max({unit * 1.6f, ui.s(130), name_w + ui.s(40)});
        ImRect mr(ImVec2(x, y), ImVec2(x + mw, y + row_h));
        if (ui.button(ui.t(m.key), mr, m.mode == mode ? ButtonKind::chip_selected : ButtonKind::chip, FontRole::lead) &&
            m.mode != mode) {
            out.kind = KeyPress::Kind::mode;
            out.mode = m.mode;
        }
        x += mw + gap;
    }
    if (mode != InputMode::handwriting) {
        ImRect space(ImVec2(x + gap, y), ImVec2(inner.Max.x, y + row_h));
        if (ui.button(ui.t("input.space"), space, ButtonKind::chip, FontRole::lead)) out.kind = KeyPress::Kind::space;
    }
    return out;
}

}  // namespace lianxin::kiosk

namespace lianxin::kiosk {

namespace {

constexpr float kCodeKeyPad = 14, kCodeKeyGap = 10, kCodeKeyMin = 78;  // at 1080p

// The keys of a passport code in as many rows as `width` needs for finger-sized keys: the
// characters a code can contain (core/tokens/short_code.h), upper case as printed, so there is
// nothing to get wrong; then Delete and Open (Enter), each one and a half keys wide.
std::vector<std::vector<KeySpec>> code_key_rows(const Ui& ui, float width) {
    float inner = width - 2 * ui.s(kCodeKeyPad), gap = ui.s(kCodeKeyGap);
    int per_row = static_cast<int>((inner + gap) / (ui.s(kCodeKeyMin) + gap));
    float wide_unit = (inner - 11.5f * gap) / 12.5f;  // eleven keys and a wider one a row
    auto keys = [](std::string_view chars) {
        std::vector<KeySpec> row;
        for (char c : chars) row.push_back({std::string(1, c)});
        return row;
    };
    KeySpec del{"input.delete", 1.5f, KeyPress::Kind::backspace}, open{"passport.open", 1.5f, KeyPress::Kind::enter};
    if (wide_unit >= ui.s(72)) {  // wide: three rows, Delete beside the digits, Open beside the first letters
        std::vector<std::vector<KeySpec>> rows = {keys("1234567890"), keys("ABCDEFGHJK"), keys("MNPQRSTVWXY")};
        rows[0].push_back(del);
        rows[1].push_back(open);
        return rows;
    }
    // Narrower: digits, then letters, each split into rows of even length, then Delete and Open.
    per_row = std::max(per_row, 4);
    std::vector<std::vector<KeySpec>> rows;
    for (std::string_view group : {std::string_view("1234567890"), std::string_view("ABCDEFGHJKMNPQRSTVWXY")}) {
        std::size_t n_rows = (group.size() + per_row - 1) / static_cast<std::size_t>(per_row);
        std::size_t per = (group.size() + n_rows - 1) / n_rows;
        for (std::size_t i = 0; i < group.size(); i += per) rows.push_back(keys(group.substr(i, per)));
    }
    rows.push_back({del, open});
    return rows;
}

}  // namespace

float code_keyboard_height(const Ui& ui, float width) {
    auto rows = code_key_rows(ui, width);
    float n = static_cast<float>(rows.size());
    return n * ui.s(kCodeKeyMin + 4) + (n - 1) * ui.s(kCodeKeyGap) + 2 * ui.s(kCodeKeyPad);
}

KeyPress draw_code_keyboard(Ui& ui, ImRect r) {
    Ui::OneLanguage keys(ui, ui.lang());  // as draw_keyboard
    KeyPress out;
    ui.dl()->AddRectFilled(r.Min, r.Max, theme::rgb(0xEFE6D6), ui.s(theme::radius));
    float gap = ui.s(kCodeKeyGap), pad = ui.s(kCodeKeyPad);
    ImRect inner(ImVec2(r.Min.x + pad, r.Min.y + pad), ImVec2(r.Max.x - pad, r.Max.y - pad));
    auto rows = code_key_rows(ui, r.GetWidth());
    float n = static_cast<float>(rows.size());
    draw_rows(ui, inner, rows, (inner.GetHeight() - (n - 1) * gap) / n, gap, out);
    return out;
}

}  // namespace lianxin::kiosk
