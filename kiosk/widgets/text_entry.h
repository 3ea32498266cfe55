// Writing into a form's field on the touchscreen: pinyin through librime, handwriting through
// zinnia (with the words that most often follow a written character), English letters and
// digits; the candidate bar over the keys or the pad, and one place that decides what each key
// does to the field. Every form a visitor fills in (an opinion, the guestbook, a request to meet
// a deputy) writes through one TextEntry, so a key means the same thing everywhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kiosk/services/kiosk_services.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/onscreen_keyboard.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

// What a field holds, which decides the keys it gets and what they may add.
enum class FieldKind {
    running_text,  // words over several lines (an opinion, a message): Enter adds a line break
    line,          // one line of words (a name, an organisation)
    digits,        // a number: digits (and '-') only, on the digit keys without candidates
};

// The field being written into: its text, its kind, and a number naming the place (a form's
// step and field) so words offered after a character stay with the field it was written in.
struct FieldRef {
    std::string& text;
    FieldKind kind;
    int place;
};

class TextEntry {
public:
    explicit TextEntry(KioskServices& services) : services_(services) {}
    // Nothing half-composed survives into the next visit: the engine is shared by every screen.
    ~TextEntry();
    TextEntry(const TextEntry&) = delete;
    TextEntry& operator=(const TextEntry&) = delete;

    // Until the visitor picks an input method, the keys follow the visitor's language (pinyin in
    // Chinese, ABC in English); letters being composed are committed to `text`, not lost.
    void follow_language(Lang lang, std::string& text);
    InputMode mode() const { return mode_; }

    // The candidate bar and the keys (or the pad) for `field` in `r`; true when a key was
    // pressed for the field's text (a form then takes back what it last said about it).
    bool draw(Ui& ui, ImRect r, FieldRef field);
    // One key, from the on-screen keys or a physical keyboard; false for a key that only
    // switched the input method.
    bool key(const KeyPress& k, FieldRef field);
    // Text typed on a physical keyboard or by a scanner, a key a character. A character the kiosk
    // cannot draw (an emoji) is left out as it is typed; returns false if any was.
    bool type(const std::string& typed, FieldRef field);
    // Letters still being composed become the first candidate, in `text` (the field they were
    // typed for) — before the visitor leaves the field, or a form is checked as seen.
    void commit(std::string& text);
    // Leaving a field: the strokes on the pad and the words offered stay behind.
    void leave();

    // The pinyin being composed for a field of `kind` (shown after its text), or "".
    std::string composing(FieldKind kind);
    // Strokes on the pad or letters being composed: words the visitor has not yet placed.
    bool holds_unplaced_words() const;

private:
    PinyinEngine* pinyin() { return services_.pinyin(); }
    bool pinyin_for(FieldKind kind) const { return mode_ == InputMode::pinyin && kind != FieldKind::digits; }
    void set_mode(InputMode m, std::string& text);
    void recognise();
    void draw_candidates(Ui& ui, ImRect bar, FieldRef field);
    bool draw_pad(Ui& ui, ImRect keys, FieldRef field);

    KioskServices& services_;
    InputMode mode_ = InputMode::pinyin;
    bool mode_chosen_ = false;  // the visitor tapped a mode key: the language no longer decides
    HandwritingPad pad_;
    std::vector<std::string> hw_candidates_;
    // The character just written and the place it went into: words starting with it are offered
    // there only, not in the next field the visitor turns to.
    std::string hw_after_;
    int hw_after_at_ = -1;
};

// A form beside its keys: in landscape what is being written on the left (two fifths) and the
// keys on the right; in portrait one above the other, the keys growing with the height (easier to
// hit) and a row kept free at the bottom for Back and Next. Returns {form, keys}.
std::pair<ImRect, ImRect> form_and_keys(Ui& ui, ImRect r);

// A field of a form: its label over its box (the text, the letters being composed after it, a
// caret when focused). `y` moves past it. Returns true when the box was tapped, to write there.
bool draw_form_field(Ui& ui, float x, float& y, float w, float box_h, const std::string& label, const std::string& text,
                     const std::string& composing, bool focused);

// Backspace and Return from a physical keyboard, written into `field`; false for any other key.
bool form_key(TextEntry& entry, const std::string& key, FieldRef field);

// Back and Next (or `next_key`'s word) along the bottom of `r`: which was tapped, if either. A
// form's first step has no Back of its own (`with_back` false): the top bar's Back leaves the
// form, and asks first when words would be thrown away.
enum class FormNav { none, back, next };
FormNav draw_back_next(Ui& ui, ImRect r, const char* next_key, bool with_back = true);

// What a form says to the visitor: under its fields at `y` when it fits above the row of Back
// and Next; else over the keys, which give up the height it takes.
void place_form_message(Ui& ui, const std::string& message, ImRect form, ImRect& keys, float y);

// Under a box of running text, at its right: how many characters of the most it takes, in the
// refusal colour once over (numbers alone in the bilingual mode, which both languages read).
void draw_char_counter(Ui& ui, ImRect box, const std::string& text, std::size_t max_chars);

}  // namespace lianxin::kiosk
