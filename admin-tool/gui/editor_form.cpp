// The content editor's form: an item's fields in both languages, each checked as typed, a
// consultation's stages and deadline, and its image, by path or dropped on the window.
#include "admin-tool/gui/editor_view.h"
#include "admin-tool/gui/editor_style.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "admin-tool/ops/image_import.h"
#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"

namespace lianxin::admin {

namespace {

// Why the kiosk could not show `text`, in the operator's words; empty when it can.
std::string text_problem(const AdminText& t, const std::string& text, bool multiline, bool required, bool english) {
    const auto& faces = GlyphCoverage::kiosk();
    if (auto bad = find_undrawable(text, faces.ok() ? &faces.value() : nullptr, multiline)) {
        char cp[16];
        std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(bad->code_point));
        // Named by its code alone when this window cannot draw it either (an emoji, say): a
        // replacement box beside the code would tell the operator nothing.
        const char32_t c = bad->code_point;
        // What ImGui's 16-bit text boxes put in place of a character beyond U+FFFF (an emoji).
        if (c == 0xFFFD) return t("gui.editor.replaced_char");
        if (c < 0x20 || c == 0x7f || c > 0xFFFF || !ImGui::GetFont()->FindGlyphNoFallback(static_cast<ImWchar>(c)))
            return t("gui.editor.undrawable_code", {cp});
        std::string shown;
        utf8::append(shown, c);
        return t("gui.editor.undrawable", {shown, cp});
    }
    std::string trimmed = text;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
    if (trimmed.empty() && required) return t(english ? "gui.editor.english_empty" : "gui.editor.empty");
    return "";
}

}  // namespace

bool EditorView::text_field(const GuiFrame& f, const char* key, const char* id, LocalizedText& v, bool multiline,
                            bool required, float lines) {
    const auto& t = f.t;
    field_label(f, t(std::string("gui.editor.field.") + key));
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
            ImU32 colour = waits ? kMuted : english && value.empty() ? kEditorWarn : kEditorError;
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
        field_label(f, t(std::string("gui.editor.field.") + key));
        ImGui::PushItemWidth(f.px(160));
        if (ImGui::InputInt((std::string("##") + id).c_str(), &value, 1, 10)) {
            value = std::clamp(value, lo, hi);
            changed();
        }
        ImGui::PopItemWidth();
        f.target(id);
    };
    auto idx = [](int i) { return static_cast<std::size_t>(i); };
    // A correction in Chinese need not wait for a translator: every item but the hall may be
    // published with its English marked pending (a consultation's mark covers its articles).
    auto pending = [&](bool& flag) {
        if (ImGui::Checkbox(t("gui.editor.english_pending").c_str(), &flag)) changed();
        f.target("english-pending");
        english_may_wait_ = flag;
    };
    english_may_wait_ = false;
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
            pending(sl.english_pending);
            text_field(f, "title", "title", sl.title, false);
            text_field(f, "caption", "caption", sl.caption, false);  // one line in slides.toml
            image_row(f, s);
            draw_remove(f);
            break;
        }
        case Kind::event: {
            auto& e = work_.timeline[idx(pick_.index)];
            f.heading(t("gui.editor.group_timeline"));
            pending(e.english_pending);
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
            pending(sc.english_pending);
            text_field(f, "title", "title", sc.title, false);
            text_field(f, "intro", "intro", sc.intro, true, true, 4);
            image_row(f, s);
            break;
        }
        case Kind::exhibit: {
            auto& e = work_.exhibits[idx(pick_.index)];
            f.heading(t("gui.editor.group_exhibits"));
            pending(e.english_pending);
            text_field(f, "title", "title", e.title, false);
            text_field(f, "subtitle", "subtitle", e.subtitle, false);
            text_field(f, "place", "place", e.place, false, false);
            number("exhibit_year", "year", e.year, 0, 2100);
            if (e.year > 0 && e.year < 1949) e.year = 1949;  // 0 (none) or 1949–2100, as the sources take
            // Its section: one tap moves it (to the end of that section's exhibits).
            field_label(f, t("gui.editor.field.section"));
            for (std::size_t k = 0; k < work_.sections.size(); ++k) {
                const Section& sec = work_.sections[k];
                if (k) ImGui::SameLine();
                bool on = sec.id == e.section;
                if (f.button(sec.title.shown_in(t.lang()) + "##section-" + sec.id, on ? ButtonStyle::selected : ButtonStyle::normal) &&
                    !on) {
                    e.section = sec.id;
                    e.order = 0;
                    for (auto& x : work_.exhibits)
                        if (&x != &e && x.section == sec.id) e.order = std::max(e.order, x.order + 1);
                    changed();
                }
            }
            text_field(f, "body", "body", e.body, true, true, 14);
            image_row(f, s);
            draw_remove(f);
            break;
        }
        case Kind::figure: {
            auto& fg = work_.figures[idx(pick_.index)];
            f.heading(t("gui.editor.group_figures"));
            pending(fg.english_pending);
            field_label(f, t("gui.editor.field.value"));
            ImGui::PushItemWidth(f.px(200));
            if (ImGui::InputText("##value", &fg.value)) changed();
            ImGui::PopItemWidth();
            f.target("value");
            if (auto problem = text_problem(t, fg.value, false, true, false); !problem.empty())
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kEditorError), "%s", problem.c_str());
            else if (utf8::count_code_points(fg.value) > 8)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kEditorError), "%s", t("gui.editor.value_long").c_str());
            text_field(f, "unit", "unit", fg.unit, false, false);
            text_field(f, "label", "label", fg.label, false);
            draw_remove(f);
            break;
        }
        case Kind::consultation: {
            auto& c = work_.consultations[idx(pick_.index)];
            f.heading(t("gui.editor.group_consultations"));
            pending(c.english_pending);
            text_field(f, "title", "title", c.title, false);
            text_field(f, "summary", "summary", c.summary, true, true, 4);
            draw_stage(f, c);
            f.paragraph(t("gui.editor.articles_hint", {std::to_string(c.articles.size())}), FontRole::body, kMuted);
            break;
        }
        case Kind::article: {
            auto& c = work_.consultations[idx(pick_.index)];
            auto& a = c.articles[idx(pick_.article)];
            f.heading(c.title.shown_in(t.lang()));
            pending(c.english_pending);
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
    field_label(f, t("gui.editor.field.stage"));
    // Every stage as a button, the current one marked: a draft moves on in one tap.
    for (std::size_t i = 0; i < c.stages.size(); ++i) {
        if (i) ImGui::SameLine();
        bool on = c.stages[i].id == c.stage_id;
        if (ImGui::GetContentRegionAvail().x < f.px(90)) ImGui::NewLine();
        if (f.button(c.stages[i].name.shown_in(t.lang()) + "##stage-" + c.stages[i].id,
                     on ? ButtonStyle::selected : ButtonStyle::normal) &&
            !on) {
            c.stage_id = c.stages[i].id;
            changed();
        }
    }
    field_label(f, t("gui.editor.field.deadline"));
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
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kEditorError), "%s", t("gui.editor.deadline_format").c_str());
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
    field_label(f, t("gui.editor.field.image"));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s",
                       image->empty() ? t("gui.editor.no_image").c_str() : image->c_str());
    if (optional && !image->empty()) {
        ImGui::SameLine();
        if (f.button(t("gui.editor.remove_image"))) {
            image->clear();
            changed();
        }
    }
    // The usual way first: a dialog to browse for the picture. A path typed or pasted, or a file
    // dropped on the window, come to the same import.
    if (f.button(t("gui.editor.choose_image"), ButtonStyle::primary))
        picture_chooser_.open(t("gui.open.title"), picture_chooser_.folder());
    f.target("choose-image");
    if (auto picked = picture_chooser_.draw(f)) add_image(picked->string(), s);
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

}  // namespace lianxin::admin
