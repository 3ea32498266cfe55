// The admin window's views and their frame (see admin_app.h).
#include "admin-tool/gui/admin_app.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/content/content_sources.h"
#include "kiosk/script/script_runner.h"

namespace lianxin::admin {

namespace {

struct NavItem {
    AdminView view;
    const char* key;
    const char* name;  // the screen's name in scripts and logs
};
constexpr NavItem kNav[] = {{AdminView::edit, "gui.nav.edit", "edit"},
                            {AdminView::review, "gui.nav.review", "review"},
                            {AdminView::visitors, "gui.nav.visitors", "visitors"},
                            {AdminView::stats, "gui.nav.stats", "stats"},
                            {AdminView::fleet, "gui.nav.fleet", "fleet"},
                            {AdminView::history, "gui.nav.history", "history"},
                            {AdminView::audit, "gui.nav.audit", "audit"}};

}  // namespace

std::string AdminApp::screen_name() const {
    for (auto& n : kNav)
        if (n.view == view_) return n.name;
    return "";
}

std::string AdminApp::shown_text() const {
    return s_.content_text() + editor_.shown_text() + review_.shown_text() + visitors_.shown_text() + fleet_.shown_text() + history_.shown_text() +
           audit_.shown_text();
}

std::string gui_strings(const AdminText& t, std::optional<Lang> lang) {
    if (!lang) return t.table().all_text();
    std::string all;
    for (auto& key : t.table().keys()) all += t.table().get(*lang, key);
    return all + t.table().get(*lang == Lang::zh ? Lang::en : Lang::zh, "gui.lang_switch");
}

void AdminApp::draw(Millis now) {
    s_.now = now;
    s_.expire_notices(now);
    GuiFrame f{shell_, s_.t(), now};
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(shell_.size());
    ImGui::Begin("##main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoSavedSettings);
    draw_sidebar(f);
    ImGui::SameLine();
    ImGui::BeginChild("view", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    if (view_ == AdminView::edit) {
        editor_.draw(f, s_);  // local files: no hub needed until publishing
    } else if (!s_.hub()) {
        f.heading(s_.t()("gui.not_connected"));
        f.paragraph(s_.t()("gui.no_hub"));
        // The exact reason (a missing flag, an unreadable key file) below, as the tool found it.
        if (!s_.hub_problem().empty()) f.paragraph(s_.hub_problem(), FontRole::caption, kMuted);
    } else {
        switch (view_) {
            case AdminView::edit: break;
            case AdminView::review: review_.draw(f, s_); break;
            case AdminView::visitors: visitors_.draw(f, s_); break;
            case AdminView::stats: stats_.draw(f, s_); break;
            case AdminView::fleet: fleet_.draw(f, s_); break;
            case AdminView::history: history_.draw(f, s_); break;
            case AdminView::audit: audit_.draw(f, s_); break;
        }
    }
    ImGui::EndChild();
    ImGui::End();
    draw_notices(f);
}

void AdminApp::file_dropped(const std::string& path) {
    if (view_ == AdminView::edit) editor_.file_dropped(path, s_);
    else s_.notify(s_.t()("gui.editor.drop_elsewhere"), true);
}

void AdminApp::draw_sidebar(const GuiFrame& f) {
    const auto& t = s_.t();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(52, 46, 42, 255));
    ImGui::BeginChild("sidebar", ImVec2(f.px(210), 0), false);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    ImGui::Dummy(ImVec2(0, f.px(8)));
    ImGui::Indent(f.px(16));
    ImGui::PushFont(shell_.font(FontRole::heading));
    ImGui::TextUnformatted(t.lang() == Lang::zh ? "连心" : "Lianxin");
    ImGui::PopFont();
    ImGui::TextColored(ImVec4(0.85f, 0.80f, 0.76f, 1), "%s", t("gui.title").c_str());
    ImGui::Unindent(f.px(16));
    ImGui::Dummy(ImVec2(0, f.px(16)));
    for (auto& n : kNav) {
        bool on = view_ == n.view;
        ImGui::PushStyleColor(ImGuiCol_Header, kAccent);
        ImGui::PushStyleColor(ImGuiCol_HeaderHovered, on ? kAccent : IM_COL32(92, 80, 72, 255));
        ImGui::PushStyleColor(ImGuiCol_HeaderActive, IM_COL32(140, 24, 20, 255));
        ImGui::PushFont(shell_.font(FontRole::lead));
        ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
        std::string label = "   " + t(n.key);
        if (ImGui::Selectable(label.c_str(), on, 0, ImVec2(0, shell_.font_size(FontRole::lead) * 2.0f))) {
            if (!on) spdlog::debug("view {}", n.name);
            view_ = n.view;
        }
        ImGui::PopStyleVar();
        ImGui::PopFont();
        ImGui::PopStyleColor(3);
        f.target(t(n.key));
    }
    // The language switch and the connection, at the bottom.
    float bottom = ImGui::GetWindowHeight() - f.px(120);
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    ImGui::Indent(f.px(16));
    ImGui::PopStyleColor();  // text back to the theme's for the button
    if (f.button(t("gui.lang_switch"))) s_.set_lang(t.lang() == Lang::zh ? Lang::en : Lang::zh);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(220, 212, 206, 255));
    std::string where = s_.hub() ? t("gui.connected", {s_.hub()->url}) : t("gui.not_connected");
    ImGui::PushTextWrapPos(f.px(200));
    ImGui::TextWrapped("%s", where.c_str());
    std::string running = s_.jobs().running();
    if (!running.empty()) {
        ImGui::TextWrapped("%s", t("gui.working", {running}).c_str());
        shell_.animate();
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Unindent(f.px(16));
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void AdminApp::draw_notices(const GuiFrame& f) {
    if (s_.notices().empty()) return;
    // Bottom left of the work area, newest lowest, above everything: clear of the decision and
    // its shortcuts on the right, over the end of a list, for a few seconds.
    float width = f.px(520);
    ImVec2 size = shell_.size();
    float left = f.px(210) + f.px(32);
    float y = size.y - f.px(16);
    auto* dl = ImGui::GetForegroundDrawList();
    for (auto it = s_.notices().rbegin(); it != s_.notices().rend(); ++it) {
        kiosk::TextLayoutOptions opt;
        auto& layout = shell_.layouter().layout(it->text, FontRole::body, IM_COL32(255, 255, 255, 255), width - f.px(32), opt);
        float h = layout.height + f.px(24);
        ImVec2 a(left, y - h), b(left + width, y);
        dl->AddRectFilled(a, b, it->error ? IM_COL32(150, 30, 24, 245) : IM_COL32(46, 42, 38, 240), f.px(8));
        kiosk::draw_text(dl, shell_.fonts(), layout, ImVec2(a.x + f.px(16), a.y + f.px(12)));
        y -= h + f.px(8);
    }
    // Notices expire on the clock: keep frames coming until they have gone.
    shell_.animate();
}

int run_admin_gui(const GuiOptions& o) {
    Lang lang = operator_language();
    if (o.lang == "zh") lang = Lang::zh;
    if (o.lang == "en") lang = Lang::en;
    auto text = load_admin_text(lang);
    if (!text) {
        std::fprintf(stderr, "lianxin-admin gui: %s\n", text.error().detail.c_str());
        return 2;
    }
    std::optional<HubConnection> hub;
    std::string problem;
    auto conn = connect_hub(o.hub_url, o.key_file);
    if (conn) hub = std::move(*conn);
    else problem = conn.error().detail;
    AdminView first = AdminView::review;
    for (auto& n : kNav)
        if (o.view == n.name) first = n.view;

    GuiShell shell;
    std::string error;
    if (!o.script.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(o.shots, ec);
        if (ec) {
            std::fprintf(stderr, "lianxin-admin gui: cannot create %s: %s\n", o.shots.c_str(), ec.message().c_str());
            return 2;
        }
        shell.set_scripted(o.shots + "/log.jsonl");
    }
    if (!shell.open(o.window_w, o.window_h, gui_strings(*text, lang), gui_strings(*text), error)) {
        std::fprintf(stderr, "lianxin-admin gui: %s\n", error.c_str());
        return 4;
    }
    AdminSession session(std::move(*text), std::move(hub), problem, ContentSet{}, kiosk::GlWindow::wake);
    AdminApp app(shell, session, first, o.content_dir, o.publisher_key);
    if (!o.content_dir.empty()) {
        // Read on the worker, so the window opens at once: the articles' texts come a moment
        // after, and are a help beside the opinions, shown even when other files have problems.
        session.jobs().run<SourceLoad>(
            session.t()("gui.loading"), [dir = o.content_dir] { return load_content_sources(dir); },
            [&session, &app](SourceLoad& loaded) {
                for (auto& p : loaded.problems) spdlog::warn("content: {}", p.to_string());
                session.set_content(loaded.content);
                app.editor().sources_loaded(std::move(loaded));
            });
    }
    shell.set_content(&app);
    int rc = o.script.empty() ? shell.run() : kiosk::run_script(shell, o.script, o.shots);
    shell.set_content(nullptr);
    return rc;
}

}  // namespace lianxin::admin
