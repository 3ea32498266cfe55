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
    // Key name for Kind::key, as the window names SDL's keys (kiosk/platform/gl_window.cpp) and a
    // script's `key NAME` sends them: Escape, Return, BackSpace, Tab, Left, Right, Up, Down, and
    // what presenter remotes send: PageUp, PageDown, B (blank the screen), F5, Shift+F5.
    std::string key;
    std::string text;    // UTF-8 for Kind::text
    Millis time = 0;
};

}  // namespace lianxin::kiosk
