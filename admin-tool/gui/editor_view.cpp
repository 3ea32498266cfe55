// The content editor's frame (see editor_view.h): the folder as read, the list of items, the
// preview pane, saving.
#include "admin-tool/gui/editor_view.h"
#include "admin-tool/gui/editor_style.h"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/content/content_writer.h"
#include "core/text/utf8.h"

namespace lianxin::admin {

namespace {

std::string fault_text(const AdminText& t, const kiosk::LayoutFault& fault, bool portrait) {
    std::string kind = t("gui.editor.fault." + fault.kind);
    std::string element = fault.element;
    if (element.size() > 60) element = utf8::cut(element, 60) + "…";
    return t(portrait ? "gui.editor.fault_portrait" : "gui.editor.fault_landscape", {kind, element});
}

}  // namespace

void EditorView::sources_loaded(SourceLoad loaded) {
    problems_ = loaded.problems;
    work_ = loaded.content;
    media_ = std::make_shared<kiosk::ImageCache::MediaMap>(loaded.media);
    base_ = std::move(loaded);
    dirty_.reset();
    if (preview_started_) preview_.set_content(work_, media_);
}

bool EditorView::dirty() const {
    // Compared as the files saving would write (an edit typed back to what it was is no change),
    // once per edit rather than every frame.
    if (!dirty_) dirty_ = base_ && content_source_files(base_->content) != content_source_files(work_);
    return *dirty_;
}

bool EditorView::busy() const { return !dir_.empty() && (!base_ || (preview_started_ && preview_.busy())); }

std::string EditorView::shown_text() const {
    std::string s = work_.all_text();
    for (auto& p : problems_) s += p.to_string();
    return s;
}

void EditorView::changed() {
    content_changed_ = true;
    dirty_.reset();
    if (!typed_at_ticks_) typed_at_ticks_ = SDL_GetTicks64();
}

PreviewPage EditorView::page_for(const Pick& p) const {
    using K = PreviewPage::Kind;
    switch (p.kind) {
        case Kind::hall: return {K::home, ""};
        case Kind::slide: return {K::attract, ""};
        case Kind::event: return {K::timeline, "", p.index};
        case Kind::section: return {K::section, work_.sections[static_cast<std::size_t>(p.index)].id};
        case Kind::exhibit: return {K::exhibit, work_.exhibits[static_cast<std::size_t>(p.index)].id};
        case Kind::figure: return {K::figures, ""};
        case Kind::consultation: return {K::draft, work_.consultations[static_cast<std::size_t>(p.index)].id};
        case Kind::article: return {K::draft, work_.consultations[static_cast<std::size_t>(p.index)].id, p.article};
    }
    return {};
}

void EditorView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    if (dir_.empty()) {
        f.heading(t("gui.editor.title"));
        f.paragraph(t("gui.editor.no_folder"));
        return;
    }
    if (!base_) {
        f.heading(t("gui.editor.title"));
        f.paragraph(t("gui.editor.loading"), FontRole::body, kMuted);
        return;
    }
    if (!preview_started_) {
        preview_started_ = true;
        if (!preview_.start(preview_error_)) spdlog::error("preview: {}", preview_error_);
        preview_.set_content(work_, media_);
        preview_.show(page_for(pick_));
    }
    preview_.set_lang(t.lang());
    draw_actions(f, s);
    float avail = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    float list_w = f.px(230), preview_w = std::clamp(avail * 0.40f, f.px(360), f.px(760));
    float form_w = avail - list_w - preview_w - 2 * gap;
    ImGui::BeginChild("items", ImVec2(list_w, 0), true);
    draw_list(f);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("form", ImVec2(form_w, 0), false);
    draw_form(f, s);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("preview", ImVec2(preview_w, 0), false);
    draw_preview(f);
    ImGui::EndChild();
}

void EditorView::draw_actions(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    f.heading(t("gui.editor.title"));
    ImGui::SameLine(0, f.px(24));
    bool unsaved = dirty();
    if (unsaved) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kEditorWarn), "%s", t("gui.editor.unsaved").c_str());
        ImGui::SameLine(0, f.px(16));
    }
    // While a publication reads the folder, nothing is written to it: what goes out is the folder
    // as the operator confirmed it; edits made meanwhile are saved after.
    ImGui::BeginDisabled(!unsaved || publishing_);
    bool save_keys = ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(SDL_SCANCODE_S, false);
    if (f.button(t("gui.editor.save")) || (unsaved && !publishing_ && save_keys)) save(f, s);
    ImGui::SameLine();
    if (f.button(t("gui.editor.revert"))) confirm_revert_ = true;
    ImGui::EndDisabled();
    if (confirm_revert_) {
        ImGui::SameLine(0, f.px(24));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(t("gui.editor.revert_confirm").c_str());
        ImGui::SameLine();
        if (f.button(t("gui.editor.revert_yes"), ButtonStyle::danger)) {
            work_ = base_->content;
            pick_ = Pick{};
            confirm_revert_ = false;
            changed();
        }
        ImGui::SameLine();
        if (f.button(t("gui.editor.revert_no"))) confirm_revert_ = false;
    }
    ImGui::SameLine(0, f.px(24));
    draw_publish(f, s);
    if (!problems_.empty()) {
        f.paragraph(t("gui.editor.folder_problems", {std::to_string(problems_.size()), problems_.front().to_string()}),
                    FontRole::caption, kEditorError);
    }
    ImGui::Separator();
}

void EditorView::draw_list(const GuiFrame& f) {
    const auto& t = f.t;
    Lang l = t.lang();
    // A group of items under a header that folds: the long ones (timeline, exhibits, figures)
    // start folded, so the list fits the window.
    auto group = [&](const char* key, bool long_list = false) {
        ImGui::PushFont(f.shell.font(FontRole::lead));
        ImGui::PushStyleColor(ImGuiCol_Header, IM_COL32(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_HeaderHovered, IM_COL32(240, 232, 222, 255));
        ImGui::PushStyleColor(ImGuiCol_HeaderActive, IM_COL32(228, 216, 200, 255));
        ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
        bool open = ImGui::CollapsingHeader((t(key) + "##" + key).c_str(), long_list ? 0 : ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopStyleColor(4);
        ImGui::PopFont();
        f.target(t(key));
        return open;
    };
    auto item = [&](const std::string& label, const Pick& p, const std::string& id) {
        bool on = pick_ == p || (p.kind == Kind::consultation && pick_.kind == Kind::article && pick_.index == p.index);
        std::string shown = label.empty() ? "—" : label;
        if (ImGui::Selectable((shown + "##" + id).c_str(), on && !new_consultation_.open)) {
            pick_ = p;
            new_consultation_.open = false;
            confirm_remove_ = false;
            confirm_revert_ = false;
            preview_.show(page_for(pick_));
        }
        f.target(id);
    };
    // "＋ 新增…" at the end of a group: a new empty item, picked for editing.
    auto add_row = [&](Kind kind, const char* key) {
        std::string label = t(key);
        if (ImGui::Selectable((label + "##" + key).c_str(), false)) add_item(kind);
        f.target(label);
    };
    if (group("gui.editor.group_hall")) item(work_.hall.name.shown_in(l), {Kind::hall, 0}, "hall");
    if (group("gui.editor.group_slides")) {
        for (std::size_t i = 0; i < work_.slides.size(); ++i)
            item(work_.slides[i].title.shown_in(l), {Kind::slide, static_cast<int>(i)}, "slide-" + std::to_string(i + 1));
        add_row(Kind::slide, "gui.editor.add_slide");
    }
    if (group("gui.editor.group_timeline", true)) {
        for (std::size_t i = 0; i < work_.timeline.size(); ++i) {
            auto& e = work_.timeline[i];
            item(std::to_string(e.year) + "  " + e.title.shown_in(l), {Kind::event, static_cast<int>(i)},
                 "event-" + std::to_string(i + 1));
        }
        add_row(Kind::event, "gui.editor.add_event");
    }
    if (group("gui.editor.group_sections"))
        for (std::size_t i = 0; i < work_.sections.size(); ++i)
            item(work_.sections[i].title.shown_in(l), {Kind::section, static_cast<int>(i)}, "section-" + work_.sections[i].id);
    if (group("gui.editor.group_exhibits", true)) {
        for (std::size_t i = 0; i < work_.exhibits.size(); ++i)
            item(work_.exhibits[i].title.shown_in(l), {Kind::exhibit, static_cast<int>(i)}, "exhibit-" + work_.exhibits[i].id);
        add_row(Kind::exhibit, "gui.editor.add_exhibit");
    }
    if (group("gui.editor.group_figures", true)) {
        for (std::size_t i = 0; i < work_.figures.size(); ++i)
            item(work_.figures[i].value + "  " + work_.figures[i].label.shown_in(l), {Kind::figure, static_cast<int>(i)},
                 "figure-" + std::to_string(i + 1));
        add_row(Kind::figure, "gui.editor.add_figure");
    }
    if (!group("gui.editor.group_consultations")) return;
    if (ImGui::Selectable((t("gui.editor.new_consultation") + "##new-consultation").c_str(), new_consultation_.open)) {
        new_consultation_.open = true;
        confirm_revert_ = false;
    }
    f.target(t("gui.editor.new_consultation"));
    for (std::size_t i = 0; i < work_.consultations.size(); ++i) {
        auto& c = work_.consultations[i];
        item(c.title.shown_in(l), {Kind::consultation, static_cast<int>(i)}, "consultation-" + c.id);
        bool open = (pick_.kind == Kind::consultation || pick_.kind == Kind::article) && pick_.index == static_cast<int>(i);
        if (!open) continue;
        ImGui::Indent(f.px(14));
        for (std::size_t a = 0; a < c.articles.size(); ++a)
            item(c.articles[a].title.shown_in(l), {Kind::article, static_cast<int>(i), static_cast<int>(a)},
                 "article-" + std::to_string(c.articles[a].number));
        ImGui::Unindent(f.px(14));
    }
}

void EditorView::draw_preview(const GuiFrame& f) {
    const auto& t = f.t;
    if (!preview_error_.empty()) {
        f.paragraph(t("gui.editor.preview_failed", {preview_error_}), FontRole::body, kEditorError);
        return;
    }
    f.paragraph(t("gui.editor.preview"), FontRole::lead);
    if (f.button(t("gui.editor.landscape"), show_portrait_ ? ButtonStyle::normal : ButtonStyle::selected)) show_portrait_ = false;
    ImGui::SameLine();
    if (f.button(t("gui.editor.portrait"), show_portrait_ ? ButtonStyle::selected : ButtonStyle::normal)) show_portrait_ = true;
    if (preview_.render(f.now, show_portrait_) && typed_at_ticks_) {
        last_delay_ms_ = static_cast<double>(SDL_GetTicks64() - typed_at_ticks_);
        typed_at_ticks_ = 0;
        // For scripted runs: the delay behind the edit, and what the kiosk's screen now says.
        f.shell.log().write(f.now, "preview", {{"delay_ms", last_delay_ms_},
                                               {"landscape", preview_.shown(false)},
                                               {"faults", preview_.faults(show_portrait_).size()}});
    }
    // Fonts for new characters or images on their way, or the other orientation still to draw.
    if (preview_.busy() || preview_.more() || preview_.animating()) f.shell.animate();
    ImVec2 full = KioskPreview::size(show_portrait_);
    float w = ImGui::GetContentRegionAvail().x;
    float h = std::min(w * full.y / full.x, ImGui::GetContentRegionAvail().y * (show_portrait_ ? 0.78f : 0.55f));
    w = h * full.x / full.y;
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Image(preview_.texture(show_portrait_), ImVec2(w, h), ImVec2(0, 1), ImVec2(1, 0));
    f.target("preview");
    // The layout check's faults: boxed on the picture, listed below it for both orientations.
    float k = w / full.x;
    auto* dl = ImGui::GetWindowDrawList();
    for (auto& fault : preview_.faults(show_portrait_))
        dl->AddRect(ImVec2(at.x + fault.rect.Min.x * k, at.y + fault.rect.Min.y * k),
                    ImVec2(at.x + fault.rect.Max.x * k, at.y + fault.rect.Max.y * k), kEditorError, 0, 0, 2.0f);
    std::size_t n = preview_.faults(false).size() + preview_.faults(true).size();
    if (n == 0) {
        f.paragraph(t("gui.editor.layout_ok"), FontRole::body, IM_COL32(46, 125, 79, 255));
        return;
    }
    f.paragraph(t("gui.editor.layout_faults", {std::to_string(n)}), FontRole::body, kEditorError);
    for (bool portrait : {false, true})
        for (auto& fault : preview_.faults(portrait)) f.paragraph(fault_text(t, fault, portrait), FontRole::caption, kEditorError);
}

bool EditorView::save(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    auto saved = save_content_sources(dir_, base_->content, work_);
    if (!saved) {
        s.notify(t("gui.editor.save_failed", {saved.error().detail}), true);
        return false;
    }
    // Read back through the same checks a build makes: what publishing would refuse is said now.
    auto again = load_content_sources(dir_);
    problems_ = again.problems;
    if (problems_.empty()) {
        s.notify(t("gui.editor.saved", {std::to_string(saved->written.size() + saved->removed.size())}));
    } else {
        s.notify(t("gui.editor.saved_with_problems", {std::to_string(problems_.size()), problems_.front().to_string()}),
                 true);
    }
    f.shell.log().write(f.now, "saved", {{"files", saved->written}, {"problems", problems_.size()}});
    base_->content = work_;
    dirty_.reset();
    s.set_content(work_);
    return problems_.empty();
}

}  // namespace lianxin::admin
