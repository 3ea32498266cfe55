// The review queue: opinions filtered as staff ask (draft, status, stance, words), each shown
// beside the text of the article it is about; a status and a reply in two taps, for one opinion
// or every one ticked; keyboard shortcuts for a long queue; the list exported for the experts.
#pragma once

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/gui_widgets.h"
#include "admin-tool/gui/save_dialog.h"
#include "core/sync/admin_opinions.h"

namespace lianxin::admin {

class ReviewView {
public:
    void refresh(AdminSession& s);  // asks the hub for the opinions the filters select
    void draw(const GuiFrame& f, AdminSession& s);
    std::string shown_text() const;

private:
    void draw_filters(const GuiFrame& f, AdminSession& s);
    void draw_list(const GuiFrame& f, const AdminSession& s);
    void draw_detail(const GuiFrame& f, AdminSession& s);
    void draw_decision(const GuiFrame& f, AdminSession& s);
    void handle_keys(AdminSession& s);
    void select(int row);
    void save(AdminSession& s);
    void start_export(AdminSession& s, const std::string& path, bool replace);
    OpinionQuery query() const;

    // Filters. Status -1 is "to review" (received), -2 all; else an OpinionStatus.
    std::string consultation_;
    int status_ = -1, stance_ = -1;
    char search_[256] = {};
    bool loaded_once_ = false, loading_ = false;
    std::string load_error_;

    std::vector<AdminOpinion> opinions_;
    int selected_ = -1;
    std::set<std::string> ticked_;
    OpinionStatus choice_ = OpinionStatus::received;
    char reply_[2048] = {};
    bool saving_ = false;

    SaveDialog export_dialog_;
    std::shared_ptr<std::atomic<std::size_t>> export_count_;
};

}  // namespace lianxin::admin
