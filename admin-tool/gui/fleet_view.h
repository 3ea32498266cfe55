// The fleet: every kiosk registered at the hub with its last contact, software and content
// versions, records waiting to upload and last sync error, and what needs a person's attention
// (admin-tool/ops/fleet_ops.h) marked in red.
#pragma once

#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/hub_data.h"
#include "admin-tool/ops/fleet_ops.h"

namespace lianxin::admin {

class FleetView {
public:
    void refresh(AdminSession& s);
    void draw(const GuiFrame& f, AdminSession& s);
    std::string shown_text() const;

private:
    HubData<std::vector<FleetKiosk>> kiosks_;
};

}  // namespace lianxin::admin
