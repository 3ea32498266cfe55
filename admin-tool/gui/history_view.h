// The publication history: every content version the hub told kiosks to run, who published it
// and when, the one they run now marked, and a rollback to an earlier version in one step after
// a question that says what will happen.
#pragma once

#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/hub_data.h"
#include "admin-tool/ops/hub_ops.h"

namespace lianxin::admin {

class HistoryView {
public:
    void refresh(AdminSession& s);
    void draw(const GuiFrame& f, AdminSession& s);
    std::string shown_text() const;

private:
    void draw_confirm(const GuiFrame& f, AdminSession& s);
    bool rolling_back_ = false;
    HubData<std::vector<PublicationEntry>> entries_;
    std::string confirm_version_;  // the rollback being asked about
    bool open_confirm_ = false;
};

}  // namespace lianxin::admin
