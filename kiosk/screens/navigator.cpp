// The screen stack.
#include "kiosk/screens/screen.h"

namespace lianxin::kiosk {

bool Navigator::apply() {
    if (pending_.empty()) return false;
    Screen* before = current();
    auto ops = std::move(pending_);
    pending_.clear();
    for (auto& op : ops) {
        switch (op.kind) {
            case Op::push: stack_.push_back(std::move(op.screen)); break;
            case Op::back: if (stack_.size() > 1) stack_.pop_back(); break;
            case Op::home: if (stack_.size() > 1) stack_.resize(1); break;
            case Op::reset: stack_.clear(); stack_.push_back(std::move(op.screen)); break;
        }
    }
    return current() != before;
}

void go_home(AppContext& ctx) {
    if (ctx.nav->on_attract()) ctx.nav->reset_to(make_home_screen(ctx));
    else ctx.nav->home();
}

}  // namespace lianxin::kiosk
