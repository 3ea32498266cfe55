// The on-screen keyboard: letters (for pinyin or English), digits with punctuation, and
// Chinese punctuation; large keys (≥ 80 px at 1080p), press feedback, and one key event a tap.
// It only draws keys and reports which was tapped; the opinion screen decides what a key means
// in the current input mode (letters go to librime in pinyin mode).
#pragma once

#include <string>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

enum class InputMode { pinyin, english, digits, handwriting };

struct KeyPress {
    enum class Kind { none, character, backspace, enter, space, mode } kind = Kind::none;
    std::string text;       // the character for Kind::character
    InputMode mode = InputMode::pinyin;  // for Kind::mode
};

// Height the keyboard wants for `width` (rows of square-ish keys plus the mode row).
float keyboard_height(const Ui& ui, float width);
// Draws the keys for `mode` in `r`. `modes_allowed` hides handwriting / pinyin where a field
// takes only digits (a phone number).
// With `mode_row_only`, draws just the row of input methods in `r` (under the handwriting pad).
KeyPress draw_keyboard(Ui& ui, ImRect r, InputMode mode, bool digits_only = false, bool mode_row_only = false);
// The keys of a passport code: digits and the letters codes use, with delete and enter, in as
// many rows as the width needs for finger-sized keys (three on a wide screen).
KeyPress draw_code_keyboard(Ui& ui, ImRect r);
// The height draw_code_keyboard wants at `width`.
float code_keyboard_height(const Ui& ui, float width);

}  // namespace lianxin::kiosk
