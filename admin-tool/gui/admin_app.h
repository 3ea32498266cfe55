// The admin window's views and their frame: the navigation on the left (review, visitors,
// statistics, kiosks, publications, audit log), the language switch, the hub connection and the work in
// progress, and the notices. Drawn by the GuiShell; the CLI's `lianxin-admin gui` starts it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "admin-tool/gui/admin_session.h"
#include "admin-tool/gui/audit_view.h"
#include "admin-tool/gui/editor_view.h"
#include "admin-tool/gui/fleet_view.h"
#include "admin-tool/gui/gui_shell.h"
#include "admin-tool/gui/history_view.h"
#include "admin-tool/gui/review_view.h"
#include "admin-tool/gui/stats_view.h"
#include "admin-tool/gui/visitors_view.h"

namespace lianxin::admin {

struct GuiOptions {
    std::string hub_url, key_file;  // as --hub and --admin-key (or LIANXIN_HUB / LIANXIN_ADMIN_KEY)
    std::string content_dir;        // content sources: edited, and the articles' texts beside the opinions
    std::string publisher_key;      // the content signing key the editor publishes with (--publisher-key)
    std::string lang;               // "zh", "en" or "" (the operator's locale)
    int window_w = 0, window_h = 0;
    std::string script, shots;      // scripted runs (kiosk/script/script_runner.h)
    std::string view;               // the view to open on: edit, review, visitors, stats, fleet, history, audit
};

// Runs the window until it is closed (or the script ends); the process's exit code.
int run_admin_gui(const GuiOptions& options);

enum class AdminView { edit, review, visitors, stats, fleet, history, audit };

class AdminApp : public GuiContent {
public:
    AdminApp(GuiShell& shell, AdminSession& session, AdminView first, std::string content_dir, std::string publisher_key)
        : shell_(shell), s_(session), view_(first), editor_(std::move(content_dir), std::move(publisher_key)) {}

    void draw(Millis now) override;
    bool busy() const override { return s_.jobs().busy() || (view_ == AdminView::edit && editor_.busy()); }
    EditorView& editor() { return editor_; }
    bool poll() override { return s_.jobs().poll(); }
    std::string screen_name() const override;
    std::string shown_text() const override;
    void file_dropped(const std::string& path) override;

private:
    void draw_sidebar(const GuiFrame& f);
    void draw_notices(const GuiFrame& f);

    GuiShell& shell_;
    AdminSession& s_;
    AdminView view_;
    EditorView editor_;
    ReviewView review_;
    VisitorsView visitors_;
    StatsView stats_;
    FleetView fleet_;
    HistoryView history_;
    AuditView audit_;
};

// Every string of the tool in `lang` (the first font atlas), or in both (the full one).
std::string gui_strings(const AdminText& t, std::optional<Lang> lang = std::nullopt);

}  // namespace lianxin::admin
