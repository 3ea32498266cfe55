// The statistics staff report: opinions by draft, article, stance, channel and day, and the
// adoption rate, as charts drawn with the draw list from the same figures as the CLI's `stats`
// (admin-tool/ops/opinion_stats.h).
#pragma once

#include <string>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/hub_data.h"
#include "admin-tool/ops/opinion_stats.h"

namespace lianxin::admin {

class StatsView {
public:
    void refresh(AdminSession& s);
    void draw(const GuiFrame& f, AdminSession& s);

private:
    void number_card(const GuiFrame& f, const std::string& label, const std::string& value, const std::string& detail,
                     float width);
    struct Figures {
        OpinionStats opinions;
        PassportTotals passports;
    };
    HubData<Figures> stats_;
    std::string article_draft_;  // the draft whose articles are charted
};

}  // namespace lianxin::admin
