// A delegation signs the station's guestbook, in two steps a guide can take a group through:
// 1 who they are (organisation, where from, how many), 2 a message if they like (pinyin,
// handwriting or ABC) and whether it may go on the visitors' wall; then the thanks, shown only
// once the entry is committed to kiosk.db. What is typed lives only in this screen until then.
#include <algorithm>
#include <optional>

#include "core/records/guestbook.h"
#include "core/records/station_records.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/text_entry.h"

namespace lianxin::kiosk {

namespace {

enum class Step { about, message, thanks };
enum class Field { organisation, origin, people, message };

class GuestbookScreen : public Screen {
public:
    explicit GuestbookScreen(AppContext& ctx) : ctx_(ctx), entry_(*ctx.services) {}
    const char* name() const override {
        switch (step_) {
            case Step::about: return "guestbook-about";
            case Step::message: return "guestbook-message";
            case Step::thanks: return "guestbook-thanks";
        }
        return "guestbook";
    }
    std::string title(const Ui& ui) const override { return ui.t("guestbook.title"); }

    bool holds_unsaved_input() const override { return step_ != Step::thanks; }
    bool holds_typed_text() const override {
        if (step_ == Step::thanks) return false;
        return !draft_.organisation.empty() || !draft_.origin.empty() || !people_.empty() || !draft_.message.empty() ||
               entry_.holds_unplaced_words();
    }
    bool on_key(const std::string& key) override {
        if (step_ == Step::thanks || !form_key(entry_, key, field())) return false;
        quiet();
        return true;
    }
    bool on_text(const std::string& text) override {
        if (step_ == Step::thanks) return false;
        quiet();
        if (!entry_.type(text, field())) left_out_ = true;
        return true;
    }

    void draw(Ui& ui, ImRect area) override {
        entry_.follow_language(ui.lang(), field_text());
        if (left_out_) {
            message_key_ = "input.left_out";
            left_out_ = false;
        }
        // Put into words every frame, so it follows the visitor's language.
        message_ = problem_ ? ui.each_lang([&](Lang l) { return guestbook_problem_text(*problem_, l, ctx_.services->strings()); })
                   : message_key_.empty() ? std::string() : ui.t(message_key_);
        draft_.language = ui.lang();
        float m = ui.s(theme::margin);
        ImRect in(ImVec2(area.Min.x + m, area.Min.y + ui.s(28)), ImVec2(area.Max.x - m, area.Max.y - m));
        float y = in.Min.y;
        if (step_ != Step::thanks)
            y += draw_step_progress(ui, ImVec2(in.Min.x, y), in.GetWidth(), {"guestbook.step_about", "guestbook.step_message"},
                                    static_cast<int>(step_)) + ui.s(22);
        ImRect body(ImVec2(in.Min.x, y), in.Max);
        switch (step_) {
            case Step::about: draw_about(ui, body); break;
            case Step::message: draw_message(ui, body); break;
            case Step::thanks: draw_thanks(ui, body); break;
        }
    }

private:
    std::string& field_text() {
        switch (field_) {
            case Field::organisation: return draft_.organisation;
            case Field::origin: return draft_.origin;
            case Field::people: return people_;
            case Field::message: return draft_.message;
        }
        return draft_.message;
    }
    static FieldKind kind_of(Field f) {
        return f == Field::people ? FieldKind::digits : f == Field::message ? FieldKind::running_text : FieldKind::line;
    }
    FieldRef field() { return {field_text(), kind_of(field_), static_cast<int>(field_)}; }

    // The one way between steps and fields: letters being composed are committed where they
    // were typed, and the field's message, strokes and offered words stay behind.
    void go(Step s, Field f) {
        entry_.commit(field_text());
        step_ = s;
        field_ = f;
        quiet();
        entry_.leave();
    }
    void quiet() {
        message_key_.clear();
        problem_.reset();
        message_.clear();
    }

    GuestbookDraft checked_draft() {
        GuestbookDraft d = draft_;
        d.people = people_count_of(people_);
        return d;
    }
    // The first broken rule among `fields`, said to the visitor; false when there is none.
    bool refuse_if_broken(std::initializer_list<GuestbookField> fields) {
        for (auto& p : check_guestbook(normalize_guestbook(checked_draft())))
            if (std::find(fields.begin(), fields.end(), p.field) != fields.end()) {
                problem_ = p;
                message_key_.clear();
                ctx_.services->log("validation", std::string("guestbook ") + guestbook_field_name(p.field));
                return true;
            }
        return false;
    }

    // Back / Next along the bottom of `r`; returns true when Next was tapped, with the letters
    // being composed committed (the form is checked as the visitor sees it).
    bool nav_buttons(Ui& ui, ImRect r, const char* next_key) {
        FormNav tapped = draw_back_next(ui, r, next_key, step_ != Step::about);
        if (tapped == FormNav::back) go(Step::about, Field::organisation);
        if (tapped != FormNav::next) return false;
        entry_.commit(field_text());
        return true;
    }

    void draw_about(Ui& ui, ImRect r) {
        auto [form, keys] = form_and_keys(ui, r);
        float y = form.Min.y;
        y += ui.paragraph(ui.t("guestbook.ask_about"), FontRole::lead, theme::ink, ImVec2(form.Min.x, y), form.GetWidth(),
                          {1.3f, 0, false}) + ui.s(10);
        const struct { Field f; const char* label; } fields[] = {{Field::organisation, "guestbook.field.organisation"},
                                                                 {Field::origin, "guestbook.field.origin"},
                                                                 {Field::people, "guestbook.field.people"}};
        for (auto& fd : fields) {
            std::string& text = fd.f == Field::organisation ? draft_.organisation : fd.f == Field::origin ? draft_.origin : people_;
            // The number of people needs a short box: a long one would ask for words.
            float w = fd.f == Field::people ? std::min(form.GetWidth(), ui.s(320)) : form.GetWidth();
            if (draw_form_field(ui, form.Min.x, y, w, ui.s(84), ui.t(fd.label), text,
                                fd.f == field_ ? entry_.composing(kind_of(fd.f)) : "", fd.f == field_) &&
                field_ != fd.f)
                go(Step::about, fd.f);
        }
        place_form_message(ui, message_, form, keys, y);
        if (entry_.draw(ui, keys, field())) quiet();
        if (nav_buttons(ui, ui.portrait() ? r : form, "opinion.next") &&
            !refuse_if_broken({GuestbookField::organisation, GuestbookField::origin, GuestbookField::people}))
            go(Step::message, Field::message);
    }

    void draw_message(Ui& ui, ImRect r) {
        auto [form, keys] = form_and_keys(ui, r);
        float y = form.Min.y;
        y += ui.paragraph(ui.tf("guestbook.ask_message", {std::to_string(kGuestbookMessageMaxChars)}), FontRole::lead, theme::ink,
                          ImVec2(form.Min.x, y), form.GetWidth(), {1.3f, 0, false}) + ui.s(10);
        // Below the box: the count, the choice of where the message goes, its note, Back and Sign.
        float choice_h = ui.s(theme::touch_target) * (ui.bilingual() ? 1.5f : 1.0f);
        float note_h = ui.text().layout(ui.t("guestbook.wall_hint"), FontRole::body, theme::muted, form.GetWidth(), {1.3f, 0, false}).height;
        float nav_h = ui.portrait() ? 0 : ui.s(theme::touch_target) + ui.s(24);
        float below = ui.s(44) + choice_h + ui.s(12) + note_h + ui.s(16) + nav_h;
        float msg_h = message_.empty() ? 0 : message_box_height(ui, message_, form.GetWidth()) + ui.s(12);
        ImRect box(ImVec2(form.Min.x, y), ImVec2(form.Max.x, std::max(y + ui.s(110), form.Max.y - below - msg_h)));
        draw_text_box(ui, box, draft_.message, entry_.composing(FieldKind::running_text), ui.t("guestbook.placeholder"), true);
        ui.register_target("guestbook-message", box);
        draw_char_counter(ui, box, draft_.message, kGuestbookMessageMaxChars);
        y = box.Max.y + ui.s(44);
        if (!message_.empty()) {
            draw_message_box(ui, message_, ImVec2(form.Min.x, y), form.GetWidth());
            y += msg_h;
        }
        // Private or on the wall: two halves of one control, the chosen one filled.
        float half = (form.GetWidth() - ui.s(16)) / 2;
        for (int i = 0; i < 2; ++i) {
            bool wall = i == 1;
            ImRect b(ImVec2(form.Min.x + i * (half + ui.s(16)), y), ImVec2(form.Min.x + i * (half + ui.s(16)) + half, y + choice_h));
            if (ui.button(ui.t(wall ? "guestbook.on_wall" : "guestbook.private"), b,
                          draft_.on_wall == wall ? ButtonKind::chip_selected : ButtonKind::chip, FontRole::body))
                draft_.on_wall = wall;
        }
        y += choice_h + ui.s(12);
        ui.paragraph(ui.t("guestbook.wall_hint"), FontRole::body, theme::muted, ImVec2(form.Min.x, y), form.GetWidth(), {1.3f, 0, false});
        if (entry_.draw(ui, keys, field())) quiet();
        if (nav_buttons(ui, ui.portrait() ? r : form, "guestbook.sign")) submit();
    }

    void submit() {
        auto result = ctx_.services->station_records().submit_guestbook(checked_draft(), ctx_.services->moment());
        if (!result) {
            // Not stored: the delegation is told so, never thanked; the log keeps SQLite's words.
            if (result.error().not_stored) {
                ctx_.services->log("storage_error", result.error().detail);
                message_key_ = "record.problem.not_stored";
                problem_.reset();
            } else if (!result.error().problems.empty()) {
                problem_ = result.error().problems.front();
                message_key_.clear();
            }
            return;
        }
        // Committed to disk: only now may the delegation be thanked.
        ctx_.services->record_committed("guestbook " + result->id);
        shown_on_wall_ = result->on_wall;
        go(Step::thanks, Field::message);
        draft_ = GuestbookDraft{};
        people_.clear();
    }

    void draw_thanks(Ui& ui, ImRect r) {
        float y = r.Min.y + ui.s(30);
        draw_stored_mark(ui, ImVec2(r.Min.x + ui.s(70), y + ui.s(70)));
        float x = r.Min.x + ui.s(170), w = r.GetWidth() - ui.s(170);
        y += ui.in_each_language(ImVec2(x, y), ui.bilingual() ? w : std::min(w, ui.s(1300)), [&](ImVec2 at, float cw) {
            float h = ui.paragraph(ui.t("guestbook.thanks"), FontRole::title, theme::ink, at, cw, {1.2f, 2, false}) + ui.s(8);
            h += ui.paragraph(ui.t("guestbook.saved"), FontRole::lead, theme::teal, ImVec2(at.x, at.y + h), cw) + ui.s(16);
            return h + ui.paragraph(ui.t(shown_on_wall_ ? "guestbook.shown_on_wall" : "guestbook.kept_private"), FontRole::lead,
                                    theme::ink, ImVec2(at.x, at.y + h), cw);
        }) + ui.s(48);
        float bh = ui.s(theme::touch_target) * 1.1f, bw = ui.portrait() ? (r.GetWidth() - ui.s(24)) / 2 : ui.s(420);
        if (ui.button(ui.t("guestbook.see_wall"), ImRect(ImVec2(r.Min.x, y), ImVec2(r.Min.x + bw, y + bh)), ButtonKind::primary))
            ctx_.nav->back();  // the wall this form was opened from, read anew
        if (ui.button(ui.t("opinion.to_home"), ImRect(ImVec2(r.Min.x + bw + ui.s(24), y), ImVec2(r.Min.x + 2 * bw + ui.s(24), y + bh)),
                      ButtonKind::secondary))
            ctx_.nav->home();
    }

    AppContext& ctx_;
    GuestbookDraft draft_;
    std::string people_;  // the number of people as typed
    Step step_ = Step::about;
    Field field_ = Field::organisation;
    TextEntry entry_;
    bool shown_on_wall_ = false;
    bool left_out_ = false;  // a typed character the kiosk cannot draw was left out
    // What to tell the visitor: a string key or a broken rule, put into words each frame.
    std::string message_key_;
    std::optional<GuestbookProblem> problem_;
    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> make_guestbook_screen(AppContext& ctx) { return std::make_unique<GuestbookScreen>(ctx); }

}  // namespace lianxin::kiosk
