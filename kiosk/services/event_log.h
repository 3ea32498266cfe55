// The JSON-lines log of a scripted run (docs/architecture.md): screens visited, taps, screenshots,
// session events and records committed, one JSON object a line, with the virtual time.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "core/base/millis.h"

namespace lianxin::kiosk {

class EventLog {
public:
    EventLog() = default;
    ~EventLog();
    bool open(const std::string& path);
    void write(Millis t, const std::string& type, nlohmann::json fields = nlohmann::json::object());

private:
    std::FILE* f_ = nullptr;
};

}  // namespace lianxin::kiosk
