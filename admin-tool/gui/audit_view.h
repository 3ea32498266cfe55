// The audit log: who changed what at the hub, when, with the value before and after, newest
// first, and exported as CSV for an inspection.
#pragma once

#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/hub_data.h"
#include "admin-tool/gui/save_dialog.h"
#include "core/sync/admin_audit.h"

namespace lianxin::admin {

class AuditView {
public:
    void refresh(AdminSession& s);
    void draw(const GuiFrame& f, AdminSession& s);
    std::string shown_text() const;

private:
    HubData<std::vector<AuditEntry>> entries_;
    SaveDialog export_dialog_;
};

}  // namespace lianxin::admin
