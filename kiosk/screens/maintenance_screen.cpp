// Maintenance (behind the hidden gesture and the PIN): what this kiosk runs and how it is doing,
// problems with its records or content in plain words, and the way out of the kiosk for staff,
// with a confirmation.
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/base/calendar.h"
#include "core/passports/passport_book.h"
#include "core/tokens/token.h"
#include "kiosk/screens/screen.h"

namespace lianxin::kiosk {

namespace {

// Proportional set size of this process in MB (what the memory budget is stated in).
double own_pss_mb() {
    std::ifstream in("/proc/self/smaps_rollup");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("Pss:", 0) == 0) return std::stod(line.substr(4)) / 1024.0;
    return 0;
}

class MaintenanceScreen : public Screen {
public:
    explicit MaintenanceScreen(AppContext& ctx) : ctx_(ctx) {}
    const char* name() const override { return "maintenance"; }
    std::string title(const Ui& ui) const override { return ui.t("maintenance.title"); }

    void draw(Ui& ui, ImRect area) override {
        // Staff read the hall's first language here, whatever a visitor chose (中英 included).
        Ui::OneLanguage staff(ui, ui.lang());
        sync = ctx_.services->sync_status();
        float m = ui.s(theme::margin);
        // Landscape: the facts on the left, problems and the buttons on the right, so everything
        // fits one screen. Portrait: one column, problems first.
        bool two_columns = !ui.portrait() && area.GetWidth() >= ui.s(1500);
        float x = area.Min.x + m, w = std::min(area.GetWidth() - 2 * m, ui.s(1400));
        float row_h = ui.s(two_columns ? 52 : 64);
        if (two_columns) w = std::min(ui.s(1040), (area.GetWidth() - 3 * m) * 0.56f);
        float rx = two_columns ? x + w + m : x, rw = two_columns ? area.Max.x - m - rx : w;
        float y = area.Min.y + m;
        y += ui.paragraph(ui.t("maintenance.title"), FontRole::title, theme::primary_dark, ImVec2(x, y), w, {1.2f, 1, false}) + ui.s(24);

        auto& st = ctx_.shell->status();
        auto& b = ctx_.services->bundle();
        // Problems first, in full sentences: what happened to the visitors' records or the content.
        float ry_right = y;
        auto notices = notice_lines(ui);
        if (!notices.empty()) {
            float pad = ui.s(24), nh = 0;
            for (auto& n : notices) nh += ui.text().layout(n, FontRole::body, theme::primary_dark, rw - 2 * pad).height + ui.s(12);
            ImRect box(ImVec2(rx, y), ImVec2(rx + rw, y + nh + 2 * pad - ui.s(12)));
            ui.card(box);
            ui.dl()->AddRectFilled(box.Min, ImVec2(box.Min.x + ui.s(8), box.Max.y), theme::primary);
            float ny = y + pad;
            for (auto& n : notices) ny += ui.paragraph(n, FontRole::body, theme::primary_dark, ImVec2(rx + pad, ny), rw - 2 * pad) + ui.s(12);
            if (two_columns) ry_right = box.Max.y + ui.s(40);
            else y = box.Max.y + ui.s(24);
        }
        char mem[32];
        std::snprintf(mem, sizeof mem, "%.0f MB", own_pss_mb());
        long long up_s = (ui.now() - st.started_at) / 1000;
        std::ostringstream uptime;
        uptime << up_s / 3600 << " h " << (up_s / 60) % 60 << " min";
        std::vector<std::pair<std::string, std::string>> rows = {
            {ui.t("maintenance.kiosk"), ctx_.config().name},
            {ui.t("maintenance.app_version"), st.version},
            {ui.t("maintenance.content"), st.out_of_service ? ui.t("maintenance.no_content")
                                                            : b.info.content_id + " " + b.info.content_version + "  (" + b.info.built_at + ")"},
            {ui.t("maintenance.signature"), st.out_of_service ? std::string("—") : b.info.signed_by.empty() ? ui.t("maintenance.unsigned") : ui.t("maintenance.signed_by") + " " + b.info.signed_by},
            {ui.t("maintenance.screen"), std::to_string(static_cast<int>(ui.size().x)) + " × " + std::to_string(static_cast<int>(ui.size().y))},
            {ui.t("maintenance.fonts"), (st.fonts_full ? ui.t("maintenance.fonts_ready") : ui.t("maintenance.fonts_loading")) + " · " +
                                            std::to_string(st.atlas_glyphs) + " · " + std::to_string(st.atlas_w) + "×" + std::to_string(st.atlas_h)},
            {ui.t("maintenance.memory"), mem},
            {ui.t("maintenance.frames"), std::to_string(st.frames_drawn)},
            {ui.t("maintenance.uptime"), uptime.str()},
            {ui.t("maintenance.hub"), ctx_.config().hub_url.empty() ? ui.t("maintenance.no_hub") : ctx_.config().hub_url},
            {ui.t("maintenance.sync"), sync_line(ui)},
            {ui.t("maintenance.outbox"), std::to_string(sync.outbox_depth)},
            {ui.t("maintenance.sync_problems"), problems_line(ui)},
            {ui.t("maintenance.records"), records_line(ui)},
            {ui.t("maintenance.passports"), ctx_.services->passports().can_issue()
                                                ? ui.tf("maintenance.passports_on", {ctx_.config().kiosk_code, ctx_.config().kiosk_key->pub.id})
                                                : ui.t("maintenance.passports_off")},
            {ui.t("maintenance.printer"), ctx_.config().printer.configured()
                                              ? ctx_.config().printer.printer + " (" + card_format_name(ctx_.config().printer.format) + ")"
                                              : ui.t("maintenance.no_printer")},
        };
        // The rows close up when they must: the table ends on the screen (staff read it at a
        // glance; nothing here scrolls), and in one column so do the buttons under it and the
        // exit question, which a long notice of damage pushed off a portrait screen.
        float bh = ui.s(theme::touch_target) * 1.1f;
        float below = two_columns ? ui.s(40) : ui.s(80) + bh;
        if (!two_columns && confirm_exit_)
            below += ui.text().layout(ui.t("maintenance.exit_confirm"), FontRole::lead, theme::ink, w).height + ui.s(20);
        row_h = std::max(ui.s(40), std::min(row_h, (area.Max.y - m - y - below) / rows.size()));
        float key_w = ui.portrait() ? ui.s(300) : ui.s(two_columns ? 350 : 380);
        ImRect panel(ImVec2(x, y), ImVec2(x + w, y + rows.size() * row_h + ui.s(40)));
        ui.card(panel);
        float ry = y + ui.s(20);
        for (auto& [k, v] : rows) {
            ui.label(k, FontRole::body, theme::muted, ImVec2(x + ui.s(30), ry + ui.s(10)));
            TextLayoutOptions one;
            one.max_lines = 1;
            ui.paragraph(v, FontRole::body, theme::ink, ImVec2(x + ui.s(30) + key_w, ry + ui.s(4)), w - key_w - ui.s(60), one);
            ry += row_h;
        }
        y = panel.Max.y + ui.s(40);
        if (two_columns) {
            x = rx;
            w = rw;
            y = ry_right;
        }

        float bw = ui.portrait() || two_columns ? (w - ui.s(24)) / 2 : ui.s(420);
        if (!confirm_exit_) {
            if (ui.button(ui.t("maintenance.back_to_exhibition"), ImRect(ImVec2(x, y), ImVec2(x + bw, y + bh)), ButtonKind::primary))
                ctx_.nav->home();
            if (ui.button(ui.t("maintenance.exit"), ImRect(ImVec2(x + bw + ui.s(24), y), ImVec2(x + 2 * bw + ui.s(24), y + bh)),
                          ButtonKind::secondary))
                confirm_exit_ = true;
        } else {
            y += ui.paragraph(ui.t("maintenance.exit_confirm"), FontRole::lead, theme::ink, ImVec2(x, y), w) + ui.s(20);
            if (ui.button(ui.t("maintenance.exit_yes"), ImRect(ImVec2(x, y), ImVec2(x + bw, y + bh)), ButtonKind::primary))
                ctx_.shell->request_exit();
            if (ui.button(ui.t("maintenance.exit_no"), ImRect(ImVec2(x + bw + ui.s(24), y), ImVec2(x + 2 * bw + ui.s(24), y + bh)),
                          ButtonKind::secondary))
                confirm_exit_ = false;
        }
    }

private:
    // "syncing", "last success 10:42:05", "retrying at 10:43 — the hub answered 500 …".
    std::string sync_line(Ui& ui) const {
        auto clock = [](std::int64_t ms) {
            std::time_t t = static_cast<std::time_t>(ms / 1000);
            std::tm tm{};
            localtime_r(&t, &tm);
            char buf[16];
            std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
            return std::string(buf);
        };
        std::string s = ui.t(std::string("maintenance.sync_") + sync_state_name(sync.state));
        // A kiosk.db failure is described under the records, not blamed on the hub here.
        if (sync.state == SyncState::local_fault) return s;
        if (sync.last_success_ms > 0) s += " · " + ui.tf("maintenance.last_success", {clock(sync.last_success_ms)});
        if (!sync.last_error.empty()) s += " · " + sync.last_error;
        return s;
    }

    // Records the hub refused and changes this kiosk skipped: kept in kiosk.db, never a block on
    // sync, but staff should know (docs/sync-protocol.md, poison records).
    std::string problems_line(Ui& ui) const {
        if (sync.refused_records == 0 && sync.skipped_changes == 0) return ui.t("maintenance.sync_problems_none");
        std::string s = ui.tf("maintenance.sync_problems_some", {std::to_string(sync.refused_records), std::to_string(sync.skipped_changes)});
        if (!sync.last_problem.empty()) s += " · " + ui.tf("maintenance.sync_problems_last", {sync.last_problem});
        return s;
    }

    static std::string clock_text(std::int64_t ms) { return local_time_text(ms, true); }

    // One line for the table: the state of kiosk.db now.
    std::string records_line(Ui& ui) const {
        switch (health.check) {
            case StorageHealth::Check::pending:
            case StorageHealth::Check::running: return ui.t("maintenance.records_checking");
            default: break;
        }
        if (!health.unavailable.empty() || health.fault != StorageFault::none) return "kiosk.db: " + storage_fault_name_text();
        return ui.t(health.check == StorageHealth::Check::damaged ? "maintenance.records_fresh" : "maintenance.records_ok");
    }
    std::string storage_fault_name_text() const {
        return !health.unavailable.empty() ? "unavailable" : storage_fault_name(health.fault);
    }

    // Full sentences for what staff must know: a damaged kiosk.db set aside (and what was
    // recovered), a full disk or another fault that stops records being saved, refused content.
    std::vector<std::string> notice_lines(Ui& ui) {
        health = ctx_.services->storage_health();
        std::vector<std::string> out;
        std::string data_dir = ctx_.config().data_dir.string();
        if (!health.unavailable.empty()) out.push_back(ui.tf("maintenance.records_unavailable", {health.unavailable}));
        if (!health.moved_to.empty()) {
            std::string moved = health.moved_to.string(), at = clock_text(health.damaged_at_ms);
            if (!health.unavailable.empty() && !health.salvaged && health.salvage_error.empty())
                // Moved aside, no fresh file yet: it is made, and the salvage runs, at the next use
                // (not "a fresh one", not "nothing could be recovered ()").
                out.push_back(ui.tf("maintenance.records_damaged_waiting", {moved, at}));
            else if (health.salvaged)
                out.push_back(ui.tf("maintenance.records_damaged", {moved, at, std::to_string(health.salvaged_records),
                                           std::to_string(health.salvage_left_out), moved, data_dir}));
            else
                out.push_back(ui.tf("maintenance.records_damaged_no_salvage", {moved, at, health.salvage_error, moved, data_dir}));
            out.push_back(ui.tf("maintenance.records_damage_reason", {health.damage_detail}));
        }
        if (health.fault == StorageFault::full)
            out.push_back(ui.tf("maintenance.records_full", {data_dir, health.fault_detail}));
        else if (health.fault != StorageFault::none)
            out.push_back(ui.tf("maintenance.records_fault", {health.fault_detail}));
        // Passports' codes point at kiosk.toml's public URL: one that is not the hub's sends
        // phones elsewhere (certificates are drawn on the hub's; docs/tokens.md).
        if (!sync.hub_public_url.empty() && ctx_.config().public_url.empty())
            out.push_back(ui.tf("maintenance.public_url_missing", {sync.hub_public_url}));
        else if (!sync.hub_public_url.empty() && !same_public_url(sync.hub_public_url, ctx_.config().public_url))
            out.push_back(ui.tf("maintenance.public_url_differs", {ctx_.config().public_url, sync.hub_public_url}));
        if (!ctx_.shell->status().content_problem.empty())
            out.push_back(ui.tf("maintenance.content_problem", {ctx_.shell->status().content_problem}));
        return out;
    }

    StorageHealth health;  // read once a frame
    SyncStatus sync;  // read once a frame
    AppContext& ctx_;
    bool confirm_exit_ = false;
};

}  // namespace

std::unique_ptr<Screen> make_maintenance_screen(AppContext& ctx) { return std::make_unique<MaintenanceScreen>(ctx); }

}  // namespace lianxin::kiosk
