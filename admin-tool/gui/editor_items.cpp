// The content editor's items made and taken away: a new consultation from a draft file, new
// slides, events, exhibits and figures, and an item deleted after a question.
#include "admin-tool/gui/editor_view.h"
#include "admin-tool/gui/editor_style.h"

#include <imgui_stdlib.h>

#include <algorithm>

#include "admin-tool/ops/consultation_ops.h"

namespace lianxin::admin {

void EditorView::draw_new_consultation(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    auto& n = new_consultation_;
    f.heading(t("gui.editor.new_consultation"));
    f.paragraph(t("gui.editor.new_consultation_hint"), FontRole::body, kMuted);
    auto line = [&](const char* key, const char* id, std::string& v, const char* hint) {
        field_label(f, t(key));
        ImGui::PushItemWidth(-f.px(12));
        ImGui::InputTextWithHint((std::string("##") + id).c_str(), t(hint).c_str(), &v);
        ImGui::PopItemWidth();
        f.target(id);
    };
    line("gui.editor.new_id", "new-id", n.id, "gui.editor.new_id_hint");
    line("gui.editor.new_zh", "new-zh", n.zh, "gui.editor.new_file_hint");
    line("gui.editor.new_en", "new-en", n.en, "gui.editor.new_file_hint");
    line("gui.editor.field.deadline", "new-deadline", n.deadline, "gui.editor.deadline_hint");
    ImGui::Dummy(ImVec2(0, f.px(10)));
    if (f.button(t("gui.editor.import"), ButtonStyle::primary)) {
        // The import writes a file into the folder: what is edited is saved first, then the
        // folder read again with the new draft in it.
        if (dirty() && !save(f, s)) return;
        ImportRequest req{dir_, n.id, n.zh, n.en, n.deadline};
        auto r = import_consultation(req);
        if (!r) {
            s.notify(t("gui.editor.import_failed", {r.error().detail}), true);
            return;
        }
        auto loaded = load_content_sources(dir_);
        std::string id = n.id;
        sources_loaded(std::move(loaded));
        s.set_content(work_);
        new_consultation_ = NewConsultation{};
        for (std::size_t i = 0; i < work_.consultations.size(); ++i)
            if (work_.consultations[i].id == id) pick_ = Pick{Kind::consultation, static_cast<int>(i)};
        preview_.show(page_for(pick_));
        s.notify(t(r->still_to_write.empty() ? "gui.editor.imported" : "gui.editor.imported_todo",
                   {std::to_string(r->articles), std::to_string(r->still_to_write.size())}));
        f.shell.log().write(f.now, "imported", {{"id", id}, {"articles", r->articles}});
    }
    ImGui::SameLine();
    if (f.button(t("gui.editor.publish_no"))) new_consultation_ = NewConsultation{};
}

void EditorView::add_item(Kind kind) {
    int at = 0;
    switch (kind) {
        case Kind::slide:
            work_.slides.push_back(Slide{});
            at = static_cast<int>(work_.slides.size()) - 1;
            break;
        case Kind::event: {
            TimelineEvent e;
            e.year = Moment::now().local_date.year;
            work_.timeline.push_back(e);
            at = static_cast<int>(work_.timeline.size()) - 1;
            break;
        }
        case Kind::exhibit: {
            // An id of its own (the file's name); the operator never has to invent one.
            Exhibit e;
            for (int n = static_cast<int>(work_.exhibits.size()) + 1;; ++n) {
                e.id = "exhibit-" + std::to_string(n);
                if (!work_.find_exhibit(e.id)) break;
            }
            if (!work_.sections.empty()) e.section = work_.sections.back().id;
            for (auto& x : work_.exhibits)
                if (x.section == e.section) e.order = std::max(e.order, x.order + 1);
            work_.exhibits.push_back(e);
            at = static_cast<int>(work_.exhibits.size()) - 1;
            break;
        }
        case Kind::figure:
            work_.figures.push_back(Figure{});
            at = static_cast<int>(work_.figures.size()) - 1;
            break;
        default: return;
    }
    pick_ = Pick{kind, at};
    new_consultation_.open = false;
    confirm_remove_ = false;
    changed();
    preview_.set_content(work_, media_);
    preview_.show(page_for(pick_));
}

void EditorView::draw_remove(const GuiFrame& f) {
    const auto& t = f.t;
    ImGui::Dummy(ImVec2(0, f.px(16)));
    if (!confirm_remove_) {
        if (f.button(t("gui.editor.remove"), ButtonStyle::danger)) confirm_remove_ = true;
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t("gui.editor.remove_confirm").c_str());
    ImGui::SameLine();
    if (f.button(t("gui.editor.remove_yes"), ButtonStyle::danger)) remove_picked();
    ImGui::SameLine();
    if (f.button(t("gui.editor.revert_no"))) confirm_remove_ = false;
}

void EditorView::remove_picked() {
    auto at = [&](auto& list) { list.erase(list.begin() + pick_.index); };
    switch (pick_.kind) {
        case Kind::slide: at(work_.slides); break;
        case Kind::event: at(work_.timeline); break;
        case Kind::figure: at(work_.figures); break;
        case Kind::exhibit: {
            // What pointed at it points at nothing now, rather than at an exhibit that is gone.
            std::string id = work_.exhibits[static_cast<std::size_t>(pick_.index)].id;
            for (auto& e : work_.timeline)
                if (e.exhibit == id) e.exhibit.clear();
            for (auto& fg : work_.figures)
                if (fg.exhibit == id) fg.exhibit.clear();
            at(work_.exhibits);
            break;
        }
        default: return;
    }
    pick_ = Pick{};
    confirm_remove_ = false;
    changed();
    preview_.set_content(work_, media_);
    preview_.show(page_for(pick_));
}

}  // namespace lianxin::admin
