// The visitor's state outside screens (see visit.h).
#include "kiosk/services/visit.h"

namespace lianxin::kiosk {

void Visit::set_language(Lang lang) {
    if (lang == lang_ && !bilingual_) return;
    lang_ = lang;
    bilingual_ = false;
    log_.write(clock_(), "language", {{"lang", lang_code(lang)}});
}

void Visit::set_bilingual() {
    if (bilingual_) return;
    bilingual_ = true;
    log_.write(clock_(), "language", {{"lang", shown_code()}});
}

void Visit::end(const char* how) {
    if (!open_passport_.empty()) log_.write(clock_(), "passport_closed", {{"by", how}});
    open_passport_.clear();
    lang_ = hall_language_;
    bilingual_ = false;
}

}  // namespace lianxin::kiosk
