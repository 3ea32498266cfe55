// The content editor (see editor_view.h).
#include "admin-tool/gui/editor_view.h"

#include <SDL.h>
#include <imgui_stdlib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "admin-tool/ops/consultation_ops.h"
#include "admin-tool/ops/image_import.h"
#include "admin-tool/ops/publish_ops.h"
#include "core/content/content_writer.h"
#include "core/crypto/signing_keys.h"
#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"

namespace lianxin::admin {

namespace {

constexpr ImU32 kError = IM_COL32(170, 30, 24, 255);
constexpr ImU32 kWarn = IM_COL32(150, 96, 10, 255);

const std::string& in_lang(const LocalizedText& t, Lang l) { return t.in(l).empty() ? t.zh : t.in(l); }

// Why the kiosk could not show `text`, in the operator's words; empty when it can.
std::string text_problem(const AdminText& t, const std::string& text, bool multiline, bool required, bool english) {
    const auto& faces = GlyphCoverage::kiosk();
    if (auto bad = find_undrawable(text, faces.ok() ? &faces.value() : nullptr, multiline)) {
        char cp[16];
        std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(bad->code_point));
        std::string shown;
        if (bad->code_point >= 0x20 && bad->code_point != 0x7f) utf8::append(shown, bad->code_point);
        return t("gui.editor.undrawable", {shown, cp});
    }
    std::string trimmed = text;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
    if (trimmed.empty() && required) return t(english ? "gui.editor.english_empty" : "gui.editor.empty");
    return "";
}

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
    if (preview_started_) preview_.set_content(work_, media_);
}

bool EditorView::dirty() const {
    return base_ && content_source_files(base_->content) != content_source_files(work_);
}

bool EditorView::busy() const { return !dir_.empty() && (!base_ || (preview_started_ && preview_.busy())); }

std::string EditorView::shown_text() const {
    std::string s = work_.all_text();
    for (auto& p : problems_) s += p.to_string();
    return s;
}

void EditorView::changed() {
    content_changed_ = true;
    if (!typed_at_ticks_) typed_at_ticks_ = SDL_GetTicks64();
}

PreviewPage EditorView::page_for(const Pick& p) const {
    using K = PreviewPage::Kind;
    switch (p.kind) {
        case Kind::hall: return {K::home, ""};
        case Kind::slide: return {K::attract, ""};
        case Kind::event: return {K::timeline, ""};
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
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kWarn), "%s", t("gui.editor.unsaved").c_str());
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
                    FontRole::caption, kError);
    }
    ImGui::Separator();
}

void EditorView::draw_publish(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    if (publishing_) {
        static const char* kStep[] = {"gui.editor.step_checking", "gui.editor.step_building", "gui.editor.step_uploading",
                                      "gui.editor.step_done"};
        int step = std::clamp(publish_step_->load(), 0, 3);
        ImGui::ProgressBar((step + 0.5f) / 4.0f, ImVec2(f.px(260), 0), t(kStep[step]).c_str());
        f.shell.animate();
        return;
    }
    if (confirm_publish_.empty()) {
        ImGui::BeginDisabled(!s.hub());
        if (f.button(t("gui.editor.publish"), ButtonStyle::primary)) {
            confirm_publish_ = next_content_version(work_.hall.version, Moment::now().local_date);
            confirm_revert_ = false;
        }
        ImGui::EndDisabled();
        if (!s.hub()) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", t("gui.editor.publish_needs_hub").c_str());
        }
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t(dirty() ? "gui.editor.publish_confirm_save" : "gui.editor.publish_confirm", {confirm_publish_}).c_str());
    ImGui::SameLine();
    if (f.button(t("gui.editor.publish_yes"), ButtonStyle::primary)) publish(f, s);
    ImGui::SameLine();
    if (f.button(t("gui.editor.publish_no"))) confirm_publish_.clear();
}

void EditorView::publish(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    std::string version = confirm_publish_;
    confirm_publish_.clear();
    if (publisher_key_.empty()) {
        s.notify(t("gui.editor.publish_no_key"), true);
        return;
    }
    auto key = load_secret_key(publisher_key_);
    if (!key) {
        s.notify(t("gui.editor.publish_failed", {key.error().detail}), true);
        return;
    }
    // The version goes into hall.toml with whatever else was edited: what is published is saved.
    std::string was = work_.hall.version;
    work_.hall.version = version;
    if (!save(f, s)) {
        work_.hall.version = was;
        return;
    }
    publishing_ = true;
    publish_step_->store(0);
    f.shell.log().write(f.now, "publish", {{"version", version}});
    s.jobs().run<Result<PublishedBundle>>(
        t("gui.editor.publishing", {version}),
        [hub = *s.hub(), dir = dir_, key = *key, step = publish_step_] {
            return publish_content(hub, dir, key, [step](PublishStep p) { step->store(static_cast<int>(p)); });
        },
        [this, &s](Result<PublishedBundle>& r) {
            publishing_ = false;
            const auto& t = s.t();
            if (r) s.notify(t("gui.editor.published", {r->version}));
            else s.notify(t("gui.editor.publish_failed", {r.error().detail}), true);
        });
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
    if (group("gui.editor.group_hall")) item(in_lang(work_.hall.name, l), {Kind::hall, 0}, "hall");
    if (group("gui.editor.group_slides")) {
        for (std::size_t i = 0; i < work_.slides.size(); ++i)
            item(in_lang(work_.slides[i].title, l), {Kind::slide, static_cast<int>(i)}, "slide-" + std::to_string(i + 1));
        add_row(Kind::slide, "gui.editor.add_slide");
    }
    if (group("gui.editor.group_timeline", true)) {
        for (std::size_t i = 0; i < work_.timeline.size(); ++i) {
            auto& e = work_.timeline[i];
            item(std::to_string(e.year) + "  " + in_lang(e.title, l), {Kind::event, static_cast<int>(i)},
                 "event-" + std::to_string(i + 1));
        }
        add_row(Kind::event, "gui.editor.add_event");
    }
    if (group("gui.editor.group_sections"))
        for (std::size_t i = 0; i < work_.sections.size(); ++i)
            item(in_lang(work_.sections[i].title, l), {Kind::section, static_cast<int>(i)}, "section-" + work_.sections[i].id);
    if (group("gui.editor.group_exhibits", true)) {
        for (std::size_t i = 0; i < work_.exhibits.size(); ++i)
            item(in_lang(work_.exhibits[i].title, l), {Kind::exhibit, static_cast<int>(i)}, "exhibit-" + work_.exhibits[i].id);
        add_row(Kind::exhibit, "gui.editor.add_exhibit");
    }
    if (group("gui.editor.group_figures", true)) {
        for (std::size_t i = 0; i < work_.figures.size(); ++i)
            item(work_.figures[i].value + "  " + in_lang(work_.figures[i].label, l), {Kind::figure, static_cast<int>(i)},
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
        item(in_lang(c.title, l), {Kind::consultation, static_cast<int>(i)}, "consultation-" + c.id);
        bool open = (pick_.kind == Kind::consultation || pick_.kind == Kind::article) && pick_.index == static_cast<int>(i);
        if (!open) continue;
        ImGui::Indent(f.px(14));
        for (std::size_t a = 0; a < c.articles.size(); ++a)
            item(in_lang(c.articles[a].title, l), {Kind::article, static_cast<int>(i), static_cast<int>(a)},
                 "article-" + std::to_string(c.articles[a].number));
        ImGui::Unindent(f.px(14));
    }
}

bool EditorView::text_field(const GuiFrame& f, const char* key, const char* id, LocalizedText& v, bool multiline,
                            bool required, float lines) {
    const auto& t = f.t;
    ImGui::Dummy(ImVec2(0, f.px(6)));
    ImGui::PushFont(f.shell.font(FontRole::lead));
    ImGui::TextUnformatted(t(std::string("gui.editor.field.") + key).c_str());
    ImGui::PopFont();
    float gap = f.px(16);
    float w = (ImGui::GetContentRegionAvail().x - gap - f.px(12)) / 2;
    bool any = false;
    // The two languages side by side, both columns from the same top (SameLine would align the
    // second's first line to the first's last, a text box's baseline).
    float top = ImGui::GetCursorPosY(), left = ImGui::GetCursorPosX(), bottom = top;
    for (int k = 0; k < 2; ++k) {
        bool english = k == 1;
        std::string& value = english ? v.en : v.zh;
        std::string field = std::string(id) + (english ? ".en" : ".zh");
        ImGui::SetCursorPos(ImVec2(left + k * (w + gap), top));
        ImGui::BeginGroup();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", t(english ? "gui.editor.english" : "gui.editor.chinese").c_str());
        ImGui::PushItemWidth(w);
        bool edited = multiline ? ImGui::InputTextMultiline(("##" + field).c_str(), &value,
                                                            ImVec2(w, ImGui::GetTextLineHeight() * lines + f.px(12)))
                                : ImGui::InputText(("##" + field).c_str(), &value);
        ImGui::PopItemWidth();
        f.target(field);
        if (edited) {
            any = true;
            changed();
        }
        bool waits = english && english_may_wait_ && value.empty();
        std::string problem = waits ? t("gui.editor.english_waits")
                                    : text_problem(t, value, multiline, required || !(english ? v.zh : v.en).empty(), english);
        if (!problem.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImU32 colour = waits ? kMuted : english && value.empty() ? kWarn : kError;
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", problem.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndGroup();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2(left, bottom));
    return any;
}

void EditorView::draw_form(const GuiFrame& f, AdminSession& s) {
    if (new_consultation_.open) {
        draw_new_consultation(f, s);
        return;
    }
    const auto& t = f.t;
    auto number = [&](const char* key, const char* id, int& value, int lo, int hi) {
        ImGui::Dummy(ImVec2(0, f.px(6)));
        ImGui::PushFont(f.shell.font(FontRole::lead));
        ImGui::TextUnformatted(t(std::string("gui.editor.field.") + key).c_str());
        ImGui::PopFont();
        ImGui::PushItemWidth(f.px(160));
        if (ImGui::InputInt((std::string("##") + id).c_str(), &value, 1, 10)) {
            value = std::clamp(value, lo, hi);
            changed();
        }
        ImGui::PopItemWidth();
        f.target(id);
    };
    auto idx = [](int i) { return static_cast<std::size_t>(i); };
    switch (pick_.kind) {
        case Kind::hall: {
            f.heading(t("gui.editor.group_hall"));
            text_field(f, "name", "name", work_.hall.name, false);
            text_field(f, "welcome", "welcome", work_.hall.welcome, true);
            text_field(f, "district", "district", work_.hall.district, false);
            break;
        }
        case Kind::slide: {
            auto& sl = work_.slides[idx(pick_.index)];
            f.heading(t("gui.editor.group_slides"));
            text_field(f, "title", "title", sl.title, false);
            text_field(f, "caption", "caption", sl.caption, false);  // one line in slides.toml
            image_row(f, s);
            draw_remove(f);
            break;
        }
        case Kind::event: {
            auto& e = work_.timeline[idx(pick_.index)];
            f.heading(t("gui.editor.group_timeline"));
            number("year", "year", e.year, 1949, 2100);
            text_field(f, "year_label", "year_label", e.year_label, false, false);
            text_field(f, "title", "title", e.title, false);
            text_field(f, "text", "text", e.text, true, true, 5);
            text_field(f, "place", "place", e.place, false, false);
            image_row(f, s);
            draw_remove(f);
            break;
        }
        case Kind::section: {
            auto& sc = work_.sections[idx(pick_.index)];
            f.heading(t("gui.editor.group_sections"));
            text_field(f, "title", "title", sc.title, false);
            text_field(f, "intro", "intro", sc.intro, true, true, 4);
            image_row(f, s);
            break;
        }
        case Kind::exhibit: {
            auto& e = work_.exhibits[idx(pick_.index)];
            f.heading(t("gui.editor.group_exhibits"));
            // A correction in Chinese need not wait for a translator.
            if (ImGui::Checkbox(t("gui.editor.english_pending").c_str(), &e.english_pending)) changed();
            f.target("english-pending");
            english_may_wait_ = e.english_pending;
            text_field(f, "title", "title", e.title, false);
            text_field(f, "subtitle", "subtitle", e.subtitle, false);
            text_field(f, "place", "place", e.place, false, false);
            number("exhibit_year", "year", e.year, 0, 2100);
            if (e.year > 0 && e.year < 1949) e.year = 1949;  // 0 (none) or 1949–2100, as the sources take
            // Its section: one tap moves it (to the end of that section's exhibits).
            ImGui::Dummy(ImVec2(0, f.px(6)));
            ImGui::PushFont(f.shell.font(FontRole::lead));
            ImGui::TextUnformatted(t("gui.editor.field.section").c_str());
            ImGui::PopFont();
            for (std::size_t k = 0; k < work_.sections.size(); ++k) {
                const Section& sec = work_.sections[k];
                if (k) ImGui::SameLine();
                bool on = sec.id == e.section;
                if (f.button(in_lang(sec.title, t.lang()) + "##section-" + sec.id, on ? ButtonStyle::selected : ButtonStyle::normal) &&
                    !on) {
                    e.section = sec.id;
                    e.order = 0;
                    for (auto& x : work_.exhibits)
                        if (&x != &e && x.section == sec.id) e.order = std::max(e.order, x.order + 1);
                    changed();
                }
            }
            text_field(f, "body", "body", e.body, true, true, 14);
            english_may_wait_ = false;
            image_row(f, s);
            draw_remove(f);
            break;
        }
        case Kind::figure: {
            auto& fg = work_.figures[idx(pick_.index)];
            f.heading(t("gui.editor.group_figures"));
            ImGui::Dummy(ImVec2(0, f.px(6)));
            ImGui::PushFont(f.shell.font(FontRole::lead));
            ImGui::TextUnformatted(t("gui.editor.field.value").c_str());
            ImGui::PopFont();
            ImGui::PushItemWidth(f.px(200));
            if (ImGui::InputText("##value", &fg.value)) changed();
            ImGui::PopItemWidth();
            f.target("value");
            if (auto problem = text_problem(t, fg.value, false, true, false); !problem.empty())
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kError), "%s", problem.c_str());
            else if (utf8::count_code_points(fg.value) > 8)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kError), "%s", t("gui.editor.value_long").c_str());
            text_field(f, "unit", "unit", fg.unit, false, false);
            text_field(f, "label", "label", fg.label, false);
            draw_remove(f);
            break;
        }
        case Kind::consultation: {
            auto& c = work_.consultations[idx(pick_.index)];
            f.heading(t("gui.editor.group_consultations"));
            text_field(f, "title", "title", c.title, false);
            text_field(f, "summary", "summary", c.summary, true, true, 4);
            draw_stage(f, c);
            f.paragraph(t("gui.editor.articles_hint", {std::to_string(c.articles.size())}), FontRole::body, kMuted);
            break;
        }
        case Kind::article: {
            auto& c = work_.consultations[idx(pick_.index)];
            auto& a = c.articles[idx(pick_.article)];
            f.heading(in_lang(c.title, t.lang()));
            text_field(f, "article_title", "title", a.title, false);
            text_field(f, "article_text", "text", a.text, true, true, 6);
            text_field(f, "plain", "plain", a.plain, true, true, 5);
            break;
        }
    }
    if (content_changed_) {
        content_changed_ = false;
        preview_.set_content(work_, media_);
    }
}

void EditorView::draw_stage(const GuiFrame& f, Consultation& c) {
    const auto& t = f.t;
    ImGui::Dummy(ImVec2(0, f.px(6)));
    ImGui::PushFont(f.shell.font(FontRole::lead));
    ImGui::TextUnformatted(t("gui.editor.field.stage").c_str());
    ImGui::PopFont();
    // Every stage as a button, the current one marked: a draft moves on in one tap.
    for (std::size_t i = 0; i < c.stages.size(); ++i) {
        if (i) ImGui::SameLine();
        bool on = c.stages[i].id == c.stage_id;
        if (ImGui::GetContentRegionAvail().x < f.px(90)) ImGui::NewLine();
        if (f.button(in_lang(c.stages[i].name, t.lang()) + "##stage-" + c.stages[i].id,
                     on ? ButtonStyle::selected : ButtonStyle::normal) &&
            !on) {
            c.stage_id = c.stages[i].id;
            changed();
        }
    }
    ImGui::Dummy(ImVec2(0, f.px(6)));
    ImGui::PushFont(f.shell.font(FontRole::lead));
    ImGui::TextUnformatted(t("gui.editor.field.deadline").c_str());
    ImGui::PopFont();
    std::string deadline = c.deadline.to_string();
    ImGui::PushItemWidth(f.px(160));
    if (ImGui::InputText("##deadline", &deadline)) {
        LocalDate d;
        if (parse_local_date(deadline, d)) {
            c.deadline = d;
            changed();
        }
    }
    ImGui::PopItemWidth();
    f.target("deadline");
    LocalDate typed;
    if (!parse_local_date(deadline, typed))
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kError), "%s", t("gui.editor.deadline_format").c_str());
}

void EditorView::draw_new_consultation(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    auto& n = new_consultation_;
    f.heading(t("gui.editor.new_consultation"));
    f.paragraph(t("gui.editor.new_consultation_hint"), FontRole::body, kMuted);
    auto line = [&](const char* key, const char* id, std::string& v, const char* hint) {
        ImGui::Dummy(ImVec2(0, f.px(6)));
        ImGui::PushFont(f.shell.font(FontRole::lead));
        ImGui::TextUnformatted(t(key).c_str());
        ImGui::PopFont();
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

std::string* EditorView::picked_image(bool* optional) {
    auto idx = [](int i) { return static_cast<std::size_t>(i); };
    if (optional) *optional = pick_.kind == Kind::event || pick_.kind == Kind::exhibit;
    switch (pick_.kind) {
        case Kind::slide: return &work_.slides[idx(pick_.index)].image;
        case Kind::event: return &work_.timeline[idx(pick_.index)].image;
        case Kind::section: return &work_.sections[idx(pick_.index)].image;
        case Kind::exhibit: return &work_.exhibits[idx(pick_.index)].image;
        default: return nullptr;
    }
}

void EditorView::image_row(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    bool optional = false;
    std::string* image = picked_image(&optional);
    if (!image) return;
    ImGui::Dummy(ImVec2(0, f.px(6)));
    ImGui::PushFont(f.shell.font(FontRole::lead));
    ImGui::TextUnformatted(t("gui.editor.field.image").c_str());
    ImGui::PopFont();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s",
                       image->empty() ? t("gui.editor.no_image").c_str() : image->c_str());
    if (optional && !image->empty()) {
        ImGui::SameLine();
        if (f.button(t("gui.editor.remove_image"))) {
            image->clear();
            changed();
        }
    }
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x - f.px(200));
    bool enter = ImGui::InputTextWithHint("##image-path", t("gui.editor.image_hint").c_str(), &image_path_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopItemWidth();
    f.target("image-path");
    ImGui::SameLine();
    if ((f.button(t("gui.editor.use_image")) || enter) && !image_path_.empty()) add_image(image_path_, s);
}

void EditorView::file_dropped(const std::string& path, AdminSession& s) {
    if (!base_ || !picked_image()) {
        s.notify(s.t()("gui.editor.drop_where"), true);
        return;
    }
    add_image(path, s);
}

void EditorView::add_image(const std::string& path, AdminSession& s) {
    const auto& t = s.t();
    std::string* image = picked_image();
    if (!image) return;
    auto imported = import_image(dir_, path);
    if (!imported) {
        // What is wrong in the operator's words; the exact reason after it, for whoever helps.
        auto code = imported.error().code;
        const char* why = code == ErrorCode::too_large       ? "gui.editor.image_too_large"
                          : code == ErrorCode::invalid_image ? "gui.editor.image_invalid"
                                                             : "gui.editor.image_unreadable";
        s.notify(t("gui.editor.image_refused", {std::filesystem::path(path).filename().string(),
                                                t(why) + " (" + imported.error().detail + ")"}),
                 true);
        return;
    }
    auto media = std::make_shared<kiosk::ImageCache::MediaMap>(*media_);
    (*media)[imported->media_name] = imported->item;
    media_ = media;
    *image = imported->media_name;
    image_path_.clear();
    changed();
    preview_.set_content(work_, media_);
    if (imported->resized)
        s.notify(t("gui.editor.image_added_resized",
                   {imported->media_name, std::to_string(imported->source_width) + "×" + std::to_string(imported->source_height),
                    std::to_string(imported->item.width) + "×" + std::to_string(imported->item.height)}));
    else
        s.notify(t("gui.editor.image_added", {imported->media_name}));
}

void EditorView::draw_preview(const GuiFrame& f) {
    const auto& t = f.t;
    if (!preview_error_.empty()) {
        f.paragraph(t("gui.editor.preview_failed", {preview_error_}), FontRole::body, kError);
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
                    ImVec2(at.x + fault.rect.Max.x * k, at.y + fault.rect.Max.y * k), kError, 0, 0, 2.0f);
    std::size_t n = preview_.faults(false).size() + preview_.faults(true).size();
    if (n == 0) {
        f.paragraph(t("gui.editor.layout_ok"), FontRole::body, IM_COL32(46, 125, 79, 255));
        return;
    }
    f.paragraph(t("gui.editor.layout_faults", {std::to_string(n)}), FontRole::body, kError);
    for (bool portrait : {false, true})
        for (auto& fault : preview_.faults(portrait)) f.paragraph(fault_text(t, fault, portrait), FontRole::caption, kError);
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
    s.set_content(work_);
    return problems_.empty();
}

}  // namespace lianxin::admin
