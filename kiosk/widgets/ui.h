// The per-frame UI context every screen draws through: scale, language, fonts, text, images,
// touch hit-testing (a tap fires on release, never after a drag), press feedback, the
// registry of tappable labels the test scripts use (`tap-text`), and frame requests that keep
// rendering event-driven.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/i18n/bilingual_text.h"
#include "core/i18n/string_table.h"
#include "kiosk/input/pointer_tracker.h"
#include "kiosk/script/script_target.h"
#include "kiosk/text/text_layout.h"
#include "kiosk/widgets/image_cache.h"
#include "kiosk/widgets/layout_audit.h"
#include "kiosk/widgets/theme.h"

namespace lianxin::kiosk {

enum class ButtonKind { primary, secondary, quiet, chip, chip_selected };

class Ui {
public:
    Ui(FontSet& fonts, TextLayouter& text, ImageCache& images, const StringTable& strings)
        : fonts_(fonts), text_(text), images_(images), strings_(strings) {}

    // `bilingual`: the 中英 mode (Visit::bilingual), with `lang` the first of the two (Chinese).
    void begin_frame(ImDrawList* base, ImDrawList* overlay, ImVec2 size, Millis now, PointerTracker& pointer,
                     Lang lang, bool bilingual = false);

    // --- geometry and language
    float s(float px) const { return px * fonts_.scale(); }
    ImVec2 size() const { return size_; }
    bool portrait() const { return size_.y > size_.x; }
    Lang lang() const { return lang_; }
    // In the bilingual mode every label and text below comes in both languages: a short label as
    // "中文 English" on one line (it wraps between the two when the room is short), a longer one
    // and every content text as two lines or paragraphs of the same size, Chinese first.
    bool bilingual() const { return bilingual_; }
    const std::string& t(const std::string& key) const {
        return bilingual_ ? joined_label(key) : strings_.get(lang_, key);
    }
    // As t(), but in the bilingual mode always a line per language: for headings and titles.
    const std::string& t_lines(const std::string& key) const {
        return bilingual_ ? joined_lines(key) : strings_.get(lang_, key);
    }
    // A string in a given language, for things that carry both (printed cards).
    const std::string& t_in(Lang lang, const std::string& key) const { return strings_.get(lang, key); }
    // The text in the visitor's language (LocalizedText::shown_in: never a blank).
    const std::string& pick(const LocalizedText& text) const {
        return bilingual_ ? joined_text(text) : text.shown_in(lang_);
    }
    // format_text over the string `key`, each language's pattern filled with the same arguments.
    std::string tf(const std::string& key, std::initializer_list<std::string> args) const;
    // `make(lang)` for the visitor's language, or in the bilingual mode made once in each language
    // (inside a OneLanguage scope, so t, pick and tf in it speak that one) and joined as t() joins.
    std::string each_lang(const std::function<std::string(Lang)>& make);

    // Inside this scope the Ui speaks as told (`bilingual`: both languages, Chinese first), and
    // as before once it ends.
    class LanguageScope {
      public:
        LanguageScope(Ui& ui, Lang lang, bool bilingual) : ui_(ui), lang_(ui.lang_), bilingual_(ui.bilingual_) {
            ui.lang_ = lang;
            ui.bilingual_ = bilingual;
        }
        ~LanguageScope() {
            ui_.lang_ = lang_;
            ui_.bilingual_ = bilingual_;
        }
        LanguageScope(const LanguageScope&) = delete;
        LanguageScope& operator=(const LanguageScope&) = delete;

      private:
        Ui& ui_;
        Lang lang_;
        bool bilingual_;
    };
    // One language only: a column of the bilingual layout.
    class OneLanguage : public LanguageScope {
      public:
        OneLanguage(Ui& ui, Lang lang) : LanguageScope(ui, lang, false) {}
    };
    // Both languages, whatever the visitor chose: a guided tour, whose delegation reads one
    // language while the guide reads the other.
    class BothLanguages : public LanguageScope {
      public:
        explicit BothLanguages(Ui& ui) : LanguageScope(ui, Lang::zh, true) {}
    };
    // Draws a block of reading (`draw_one(pos, width)` returns its height) once, or in the
    // bilingual mode once per language, each in one language: side by side in landscape, one
    // block after the other in portrait, the same size both. Returns the height used.
    float in_each_language(ImVec2 pos, float width, const std::function<float(ImVec2, float)>& draw_one);
    // The width of one column of in_each_language within `width`.
    float column_width(float width) const;
    Millis now() const { return now_; }

    // --- drawing
    ImDrawList* dl() const { return dl_; }
    void use_overlay_layer(bool overlay) { dl_ = overlay ? overlay_ : base_; }
    FontSet& fonts() { return fonts_; }
    TextLayouter& text() { return text_; }
    ImageCache& images() { return images_; }
    // Draws laid-out text with its top-left at `pos`; every piece of text goes through here (or
    // the helpers below), so the layout check sees all of it.
    void draw(const TextLayout& layout, ImVec2 pos, float alpha = 1.0f);
    // Draws text wrapped to `width`; returns its height.
    float paragraph(const std::string& s, FontRole role, ImU32 color, ImVec2 pos, float width,
                    const TextLayoutOptions& opt = {});
    // Content whose English waits for a translation (english_pending), seen in English: a small
    // line saying the Chinese that follows is on purpose. Draws it at `pos` and returns the height
    // used, spacing below included; draws nothing and returns 0 unless `pending` in English.
    float translation_note(bool pending, ImVec2 pos, float width, const char* key = "content.translation_pending");
    void label(const std::string& s, FontRole role, ImU32 color, ImVec2 pos);  // one line, no wrap
    void label_centered(const std::string& s, FontRole role, ImU32 color, ImRect box);
    // Draws a bundle image scaled to cover `r` (cropping), or a calm placeholder while it loads.
    void image_cover(const std::string& name, ImRect r, float rounding = 0,
                     ImDrawFlags corners = ImDrawFlags_RoundCornersAll, ImU32 tint = IM_COL32_WHITE);
    // Draws a bundle image whole inside `r` (no cropping), centred on a fill of the exhibition's
    // paper colour, which the illustrations share, so letterboxing does not show.
    void image_contain(const std::string& name, ImRect r, float rounding = 0,
                       ImDrawFlags corners = ImDrawFlags_RoundCornersAll, ImU32 fill = theme::background);
    // Draws a bundle image fitted to `width`, keeping its aspect ratio; returns the height used.
    float image_fit_width(const std::string& name, ImVec2 pos, float width, float max_height, float rounding = 0);
    void card(ImRect r, ImU32 fill = theme::surface, float rounding = -1);
    // A card that gives under the finger; returns the rectangle it was drawn in (inset while held).
    ImRect pressable_card(ImRect r, bool enabled = true);
    // A chevron (‹ or ›) centred on `c`, `k` half-height; drawn, so both languages look alike.
    void chevron(ImVec2 c, float k, bool right, ImU32 color, float thickness);
    // `overflow`: the axis in which content past the clip is scrolled out of view on purpose.
    void push_clip(ImRect r, Overflow overflow = Overflow::none);
    void pop_clip();

    // --- the layout check (scripted runs with --layout-report); null when off
    void set_audit(LayoutAudit* audit) { audit_ = audit; }
    // Draws every frame's text invisibly, for the check's contrast pass (the frame without text).
    void set_text_hidden(bool hidden) { text_hidden_ = hidden; }

    // --- touch
    bool input_enabled() const { return input_enabled_; }
    void set_input_enabled(bool on) { input_enabled_ = on; }
    const PointerTracker& pointer() const { return *pointer_; }
    PointerTracker& pointer() { return *pointer_; }
    // True once, on the frame a tap that both started and ended inside `r` is released.
    bool tapped(ImRect r);
    // True while a finger rests on `r` without dragging: for press feedback.
    bool held(ImRect r) const;
    void register_target(const std::string& label, ImRect r);
    // A name scripts can find (`tap-text`, `drag-in`) on something that is not a touch target
    // in its own right (a QR code, a verdict panel): the layout check does not judge it as one.
    void register_script_label(const std::string& label, ImRect r);
    // A touch button with its label centred; registers the label for scripts.
    bool button(const std::string& label, ImRect r, ButtonKind kind = ButtonKind::primary,
                FontRole role = FontRole::lead);
    const std::vector<TapTarget>& targets() const { return targets_; }

    // --- frame scheduling
    void animate() { wants_animation_ = true; }  // draw another frame soon
    void wake_at(Millis t) {
        if (t > now_ && (wake_at_ < 0 || t < wake_at_)) wake_at_ = t;
    }
    bool wants_animation() const { return wants_animation_; }
    Millis wake_time() const { return wake_at_; }

private:
    bool visible(ImVec2 p) const;
    bool on_overlay() const { return dl_ == overlay_ && overlay_ != base_; }
    void audit_text(const std::string& s, ImRect ink, ImU32 color, float font_px, bool truncated, bool chosen,
                    std::string missing = {});
    // "U+7F57 U+6653" for the characters of `s` the font of `role` has no glyph for.
    std::string missing_in(const std::string& s, FontRole role) const;

    FontSet& fonts_;
    TextLayouter& text_;
    ImageCache& images_;
    const StringTable& strings_;
    ImDrawList *base_ = nullptr, *overlay_ = nullptr, *dl_ = nullptr;
    ImVec2 size_{0, 0};
    Millis now_ = 0;
    PointerTracker* pointer_ = nullptr;
    Lang lang_ = Lang::zh;
    bool bilingual_ = false;
    // The joined string for `cache_key`, made once: as content text or as a label.
    const std::string& joined(std::string cache_key, const std::string& zh, const std::string& en, bool as_text) const;
    const std::string& joined_label(const std::string& key) const;
    const std::string& joined_text(const LocalizedText& text) const;
    const std::string& joined_lines(const std::string& key) const;
    // Both-language strings made this run, by what they join (stable references within a frame).
    mutable std::unordered_map<std::string, std::string> joined_;
    bool input_enabled_ = true, tap_consumed_ = false, wants_animation_ = false;
    Millis wake_at_ = -1;
    std::vector<LayoutAudit::Clip> clips_;
    std::vector<TapTarget> targets_;
    LayoutAudit* audit_ = nullptr;
    bool text_hidden_ = false;
};

}  // namespace lianxin::kiosk
