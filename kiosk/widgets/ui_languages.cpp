// The Ui's two languages at once (the 中英 mode): labels and texts joined, format strings filled
// per language, and blocks of reading laid out once per language (see ui.h).
#include <cmath>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

const std::string& Ui::joined(std::string cache_key, const std::string& zh, const std::string& en, bool as_text) const {
    auto it = joined_.find(cache_key);
    if (it == joined_.end())
        it = joined_.emplace(std::move(cache_key), as_text ? both_texts(zh, en) : both_languages(zh, en)).first;
    return it->second;
}

const std::string& Ui::joined_label(const std::string& key) const {
    return joined("t\x1f" + key, strings_.get(Lang::zh, key), strings_.get(Lang::en, key), false);
}

const std::string& Ui::joined_lines(const std::string& key) const {
    return joined("l\x1f" + key, strings_.get(Lang::zh, key), strings_.get(Lang::en, key), true);
}

// Content is text to read, never a label: the English always starts a line of its own.
const std::string& Ui::joined_text(const LocalizedText& text) const {
    return joined("p\x1f" + text.zh + "\x1f" + text.en, text.zh, text.en, true);
}

std::string Ui::tf(const std::string& key, std::initializer_list<std::string> args) const {
    if (!bilingual_) return format_text(strings_.get(lang_, key), args);
    return both_languages(format_text(strings_.get(Lang::zh, key), args), format_text(strings_.get(Lang::en, key), args));
}

std::string Ui::each_lang(const std::function<std::string(Lang)>& make) {
    if (!bilingual_) return make(lang_);
    std::string zh, en;
    {
        OneLanguage only(*this, Lang::zh);
        zh = make(Lang::zh);
    }
    {
        OneLanguage only(*this, Lang::en);
        en = make(Lang::en);
    }
    return both_languages(zh, en);
}

float Ui::column_width(float width) const {
    if (!bilingual_ || portrait()) return width;
    return std::floor((width - s(56)) / 2);
}

float Ui::in_each_language(ImVec2 pos, float width, const std::function<float(ImVec2, float)>& draw_one) {
    if (!bilingual_) return draw_one(pos, width);
    float gap = s(56);
    float h_zh = 0, h_en = 0;
    const float col = column_width(width);  // outside the scopes below, which leave the mode
    {
        OneLanguage only(*this, Lang::zh);
        h_zh = draw_one(pos, col);
    }
    if (!portrait()) {
        float mid = pos.x + col + gap / 2;
        ImVec2 en_pos(pos.x + col + gap, pos.y);
        {
            OneLanguage only(*this, Lang::en);
            h_en = draw_one(en_pos, col);
        }
        float h = std::max(h_zh, h_en);
        dl_->AddLine(ImVec2(mid, pos.y), ImVec2(mid, pos.y + h), theme::line, s(2));
        return h;
    }
    // Portrait: the English block under the Chinese one, after a rule, at the same size.
    float y = pos.y + h_zh + gap / 2;
    dl_->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + width, y), theme::line, s(2));
    y += gap / 2;
    {
        OneLanguage only(*this, Lang::en);
        h_en = draw_one(ImVec2(pos.x, y), width);
    }
    return y + h_en - pos.y;
}

}  // namespace lianxin::kiosk
