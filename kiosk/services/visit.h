// The visitor's state that lives outside any one screen: the language(s) they chose and the passport
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

    // The language the visitor reads: in the bilingual mode (中英) the first of the two, Chinese.
    Lang lang() const { return bilingual_ ? Lang::zh : lang_; }
    // Both languages laid out together (a delegation with a guide): every label in both, every
    // text in two columns or two blocks of the same size.
    bool bilingual() const { return bilingual_; }
    void set_language(Lang lang);  // one language, leaving the bilingual mode
    void set_bilingual();
    // How logs and the layout report name what is shown: "zh", "en" or "zh+en".
    const char* shown_code() const { return bilingual_ ? "zh+en" : lang_code(lang_); }

    // The passport open in this visit (its id), or empty: new opinions are stamped into it.
    const std::string& open_passport() const { return open_passport_; }
    void open_passport(const std::string& id) { open_passport_ = id; }
    void close_passport() { open_passport_.clear(); }

    // The visit is over: back to the hall's language, the passport closed (logged with `how`).
    void end(const char* how);

private:
    Lang hall_language_, lang_;
    bool bilingual_ = false;
    std::string open_passport_;
    EventLog& log_;
    std::function<Millis()> clock_;
};

}  // namespace lianxin::kiosk
