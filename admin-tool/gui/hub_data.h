// Data a view shows from the hub: asked for on the worker (HubJobs), kept with the error of the
// last failed answer, and the view's title line with its refresh button and that error. Every
// view that lists something from the hub holds one, so they load, fail and refresh alike.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"

namespace lianxin::admin {

template <typename T>
class HubData {
public:
    using Fetch = std::function<Result<T>(const HubConnection&)>;

    // Asks the hub with `fetch` (nothing while an answer is still awaited); `then` runs on the
    // window's thread after a good answer, before it replaces the value.
    void load(AdminSession& s, Fetch fetch, std::function<void(T&)> then = {}) {
        asked_ = true;
        if (!s.hub() || loading_) return;
        loading_ = true;
        auto hub = *s.hub();
        s.jobs().template run<Result<T>>(
            s.t()("gui.loading"), [hub, fetch = std::move(fetch)] { return fetch(hub); },
            [this, &s, then = std::move(then)](Result<T>& r) {
                loading_ = false;
                if (!r) {
                    error_ = s.t()("gui.hub_error", {r.error().detail});
                    return;
                }
                error_.clear();
                if (then) then(*r);
                value_ = std::move(*r);
            });
    }
    bool asked() const { return asked_; }
    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    T& value() { return value_; }
    const T& value() const { return value_; }

    // The view's title and its refresh button, then the last error if any. True when the
    // operator asked to refresh.
    bool header(const GuiFrame& f, const std::string& title) const {
        f.heading(title);
        ImGui::SameLine();
        bool again = f.button(f.t("gui.refresh"));
        if (!error_.empty()) f.paragraph(error_, FontRole::body, kAccent);
        return again;
    }

private:
    bool asked_ = false, loading_ = false;
    std::string error_;
    T value_{};
};

}  // namespace lianxin::admin
