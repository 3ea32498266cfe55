// JSON-lines event log; flushed per line so a crash loses nothing already logged.
#include "kiosk/services/event_log.h"

namespace lianxin::kiosk {

EventLog::~EventLog() {
    if (f_) std::fclose(f_);
}

bool EventLog::open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "w");
    return f_ != nullptr;
}

void EventLog::write(Millis t, const std::string& type, nlohmann::json fields) {
    if (!f_) return;
    fields["t"] = t;
    fields["type"] = type;
    std::string line = fields.dump() + "\n";
    std::fwrite(line.data(), 1, line.size(), f_);
    std::fflush(f_);
}

}  // namespace lianxin::kiosk
