// Input as the kiosk understands it, whether it came from SDL (touch, mouse, keyboard, a
// barcode scanner) or from a test script: both go through the same path from here on.
#pragma once

#include <string>

#include "core/base/millis.h"

namespace lianxin::kiosk {

struct InputEvent {
    enum class Kind { pointer_down, pointer_move, pointer_up, key, text };
    Kind kind;
    float x = 0, y = 0;  // pointer position in window pixels
    std::string key;     // key name for Kind::key: "Escape", "Return", "Left", "Right", "BackSpace", …
    std::string text;    // UTF-8 for Kind::text
    Millis time = 0;
};

}  // namespace lianxin::kiosk
