// What every view of the admin window shares (see admin_session.h).
#include "admin-tool/gui/admin_session.h"

#include <algorithm>

namespace lianxin::admin {

const Consultation* AdminSession::consultation(const std::string& id) const {
    for (auto& c : content_.consultations)
        if (c.id == id) return &c;
    return nullptr;
}

std::string AdminSession::consultation_title(const std::string& id) const {
    auto* c = consultation(id);
    return c ? c->title.in(text_.lang()) : id;
}

std::string AdminSession::article_label(int number) const {
    return number ? text_("gui.article_n", {std::to_string(number)}) : text_("gui.whole_draft");
}

std::string AdminSession::consultation_text(const ContentSet& content) {
    std::string all;
    auto add = [&](const LocalizedText& t) { all += t.zh + t.en; };
    for (auto& c : content.consultations) {
        add(c.title);
        add(c.summary);
        for (auto& a : c.articles) {
            add(a.title);
            add(a.text);
            add(a.plain);
        }
    }
    return all;
}

void AdminSession::notify(std::string text, bool error) {
    // Errors stay until there is time to read and act on them; confirmations go quickly.
    notices_.push_back({std::move(text), error, now + (error ? 12'000 : 5'000)});
    if (notices_.size() > 4) notices_.erase(notices_.begin());
}

void AdminSession::expire_notices(Millis t) {
    notices_.erase(std::remove_if(notices_.begin(), notices_.end(), [t](const Notice& n) { return n.until <= t; }),
                   notices_.end());
}

}  // namespace lianxin::admin
