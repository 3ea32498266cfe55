// What the script runner (kiosk/script/script_runner.h) drives: an application that takes input on
// the same path as real input, lets virtual time pass, and writes screenshots. The kiosk and the
// admin tool's window are both one, so one runner and one script language serve the tests and
// screenshots of both.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

#include "core/base/millis.h"
#include "kiosk/input/input_event.h"
#include "kiosk/services/event_log.h"

namespace lianxin::kiosk {

// Something on screen a script can tap by its label (`tap-text LABEL`).
struct TapTarget {
    std::string label;
    ImRect rect;
};

class ScriptTarget {
public:
    virtual ~ScriptTarget() = default;
    virtual void inject(const InputEvent& ev) = 0;
    virtual void advance(Millis ms) = 0;          // virtual time passes, frames drawn as needed
    virtual bool settle(int max_real_ms) = 0;     // background work (fonts, images, requests) done
    // Real time: the application's exchange with its hub is done. False when there is none.
    virtual bool await_sync(int max_real_ms) = 0;
    virtual bool screenshot(const std::string& path, const std::string& name) = 0;
    virtual std::string current_screen() const = 0;
    virtual const std::vector<TapTarget>& tap_targets() const = 0;
    virtual Millis now() const = 0;
    virtual long long frames_drawn() const = 0;
    virtual EventLog& log() = 0;
};

}  // namespace lianxin::kiosk
