// The station's visitors: the guestbook delegations signed at the kiosks (newest first, with the
// delegations received per kiosk and in total) and residents' requests to meet a deputy, one of
// which is answered below the list (status and the reply the resident reads at the kiosk).
#pragma once

#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/hub_data.h"
#include "admin-tool/ops/station_record_ops.h"

namespace lianxin::admin {

class VisitorsView {
public:
    void refresh(AdminSession& s);
    void draw(const GuiFrame& f, AdminSession& s);
    std::string shown_text() const;

private:
    void draw_guestbook(AdminSession& s);
    void draw_meetings(const GuiFrame& f, AdminSession& s);
    void draw_answer(const GuiFrame& f, AdminSession& s);
    void select(int row);
    void answer(AdminSession& s);

    HubData<std::vector<AdminGuestbookEntry>> guestbook_;
    HubData<GuestbookCounts> counts_;
    HubData<std::vector<AdminMeeting>> meetings_;
    int selected_ = -1;
    MeetingStatus choice_ = MeetingStatus::arranged;
    char reply_[4 * kReplyMaxChars + 1] = {};  // UTF-8: up to 4 bytes a character
    bool saving_ = false;
};

}  // namespace lianxin::admin
