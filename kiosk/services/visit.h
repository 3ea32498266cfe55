// The visitor's state that lives outside any one screen: the language they chose and the passport
// they opened. Screens read and change it through AppContext::visit; the one ending of a visit
// (KioskApp::end_visit, kiosk/app/end_of_visit.cpp) calls end(), and screens themselves go with
// the screen stack.
#pragma once

#include <functional>
#include <string>

#include "core/base/millis.h"
#include "core/i18n/language.h"
#include "kiosk/services/event_log.h"

namespace lianxin::kiosk {

class Visit {
public:
    Visit(Lang hall_language, EventLog& log, std::function<Millis()> clock)
        : hall_language_(hall_language), lang_(hall_language), log_(log), clock_(std::move(clock)) {}

    Lang lang() const { return lang_; }
    void set_language(Lang lang);

    // The passport open in this visit (its id), or empty: new opinions are stamped into it.
    const std::string& open_passport() const { return open_passport_; }
    void open_passport(const std::string& id) { open_passport_ = id; }
    void close_passport() { open_passport_.clear(); }

    // The visit is over: back to the hall's language, the passport closed (logged with `how`).
    void end(const char* how);

private:
    Lang hall_language_, lang_;
    std::string open_passport_;
    EventLog& log_;
    std::function<Millis()> clock_;
};

}  // namespace lianxin::kiosk
