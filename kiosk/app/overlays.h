// Modal layers drawn above the current screen: the idle countdown ("still there?"), the question
// before typed words are thrown away, and the maintenance PIN pad. While one is up, the screen
// below takes no touches.
#pragma once

#include <functional>
#include <string>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

// Returns true when the visitor chose to finish now.
bool draw_countdown_overlay(Ui& ui, Millis left_ms, Millis total_ms);

// Asked when the visitor leaves a screen holding words not yet submitted (Back or Home): keep
// writing, or throw them away. A touch outside the panel keeps them: only the button discards.
enum class DiscardChoice { none, keep, discard };
DiscardChoice draw_discard_overlay(Ui& ui);

class PinPad {
public:
    // `check` verifies a PIN (it may take a few hundred ms: Argon2id).
    explicit PinPad(std::function<bool(const std::string&)> check) : check_(std::move(check)) {}
    void open() { open_ = true; entered_.clear(); message_.clear(); }
    void close() { open_ = false; entered_.clear(); }
    bool is_open() const { return open_; }
    // Draws the pad; returns true once when the right PIN was entered.
    bool draw(Ui& ui);

private:
    std::function<bool(const std::string&)> check_;
    bool open_ = false;
    std::string entered_, message_;
    int failures_ = 0;
    Millis locked_until_ = 0;
};

}  // namespace lianxin::kiosk
