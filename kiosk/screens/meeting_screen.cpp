// A resident asks to meet a deputy of the station: 1 what about (pinyin, handwriting or ABC; a
// QR code offers the same form on the phone), 2 contact details if they like, behind a consent
// tick of their own; then the thanks, shown only once the request is committed to kiosk.db, with
// the stamp it put into an open passport, where the staff's answer will show.
#include <algorithm>
#include <optional>

#include "core/i18n/bilingual_text.h"
#include "core/records/meeting_request.h"
#include "core/records/station_records.h"
#include "core/tokens/short_code.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/qr_view.h"
#include "kiosk/widgets/text_entry.h"

namespace lianxin::kiosk {

namespace {

enum class Step { topic, contact, thanks };
enum class Field { topic, name, phone };

class MeetingScreen : public Screen {
public:
    MeetingScreen(AppContext& ctx, std::string deputy) : ctx_(ctx), entry_(*ctx.services) { draft_.deputy = std::move(deputy); }
    const char* name() const override {
        switch (step_) {
            case Step::topic: return "meeting-topic";
            case Step::contact: return "meeting-contact";
            case Step::thanks: return "meeting-thanks";
        }
        return "meeting";
    }
    std::string title(const Ui& ui) const override { return ui.t("meeting.title"); }

    bool holds_unsaved_input() const override { return step_ != Step::thanks; }
    bool holds_typed_text() const override {
        if (step_ == Step::thanks) return false;
        return !draft_.topic.empty() || !draft_.name.empty() || !draft_.phone.empty() || entry_.holds_unplaced_words();
    }
    void passport_opened_here() override { message_key_ = "passport.opened"; }
    bool on_key(const std::string& key) override {
        if (step_ == Step::thanks || !form_key(entry_, key, field())) return false;
        quiet();
        return true;
    }
    bool on_text(const std::string& text) override {
        if (step_ == Step::thanks) return false;
        quiet();
        if (!entry_.type(text, field())) message_key_ = "input.left_out";
        return true;
    }

    void draw(Ui& ui, ImRect area) override {
        const Deputy* d = ctx_.content().find_deputy(draft_.deputy);
        if (!d) {  // gone with a new publication: back to the directory, which shows who is here now
            ctx_.nav->back();
            return;
        }
        entry_.follow_language(ui.lang(), field_text());
        message_ = problem_ ? ui.each_lang([&](Lang l) { return meeting_problem_text(*problem_, l, ctx_.services->strings()); })
                   : message_key_.empty() ? std::string() : ui.t(message_key_);
        draft_.language = ui.lang();
        float m = ui.s(theme::margin);
        ImRect in(ImVec2(area.Min.x + m, area.Min.y + ui.s(28)), ImVec2(area.Max.x - m, area.Max.y - m));
        float y = in.Min.y;
        // Whom the request is for, always in view: one line in both languages too.
        std::string whom = target_name(ui.each_lang([&](Lang) { return ui.tf("meeting.with", {ui.pick(d->name)}); }));
        y += ui.paragraph(whom, FontRole::heading, theme::primary_dark, ImVec2(in.Min.x, y), in.GetWidth(), {1.3f, 0, false}) +
             ui.s(18);
        if (step_ != Step::thanks)
            y += draw_step_progress(ui, ImVec2(in.Min.x, y), in.GetWidth(), {"meeting.step_topic", "meeting.step_contact"},
                                    static_cast<int>(step_)) + ui.s(22);
        ImRect body(ImVec2(in.Min.x, y), in.Max);
        switch (step_) {
            case Step::topic: draw_topic(ui, body, *d); break;
            case Step::contact: draw_contact(ui, body); break;
            case Step::thanks: draw_thanks(ui, body, *d); break;
        }
    }

private:
    std::string& field_text() {
        return field_ == Field::name ? draft_.name : field_ == Field::phone ? draft_.phone : draft_.topic;
    }
    static FieldKind kind_of(Field f) {
        return f == Field::name ? FieldKind::line : f == Field::phone ? FieldKind::digits : FieldKind::running_text;
    }
    FieldRef field() { return {field_text(), kind_of(field_), static_cast<int>(step_) * 8 + static_cast<int>(field_)}; }

    // The one way between steps and fields (see GuestbookScreen::go).
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
    // The first broken rule among `fields`, said to the visitor; false when there is none.
    bool refuse_if_broken(std::initializer_list<MeetingField> fields) {
        for (auto& p : check_meeting(normalize_meeting(with_passport()), &ctx_.content()))
            if (std::find(fields.begin(), fields.end(), p.field) != fields.end()) {
                problem_ = p;
                message_key_.clear();
                ctx_.services->log("validation", std::string("meeting ") + meeting_field_name(p.field));
                return true;
            }
        return false;
    }
    MeetingDraft with_passport() const {
        MeetingDraft d = draft_;
        const std::string& open = ctx_.visit->open_passport();
        if (!open.empty()) d.passport = open;  // stamped into it in the same transaction
        return d;
    }

    // Back / Next along the bottom of `r`; returns true when Next was tapped, with the letters
    // being composed committed (the form is checked as the visitor sees it).
    bool nav_buttons(Ui& ui, ImRect r, const char* next_key) {
        FormNav tapped = draw_back_next(ui, r, next_key, step_ != Step::topic);
        if (tapped == FormNav::back) go(Step::topic, Field::topic);
        if (tapped != FormNav::next) return false;
        entry_.commit(field_text());
        return true;
    }

    void draw_topic(Ui& ui, ImRect r, const Deputy& d) {
        auto [form, keys] = form_and_keys(ui, r);
        float y = form.Min.y;
        y += ui.paragraph(ui.tf("meeting.ask_topic", {ui.pick(d.name), std::to_string(kMeetingTopicMaxChars)}), FontRole::lead,
                          theme::ink, ImVec2(form.Min.x, y), form.GetWidth(), {1.3f, 0, false}) + ui.s(10);
        // The same form on the phone, when this kiosk knows the hub's public address.
        const std::string& base = ctx_.config().public_url;
        float qr = base.empty() ? 0 : ui.s(ui.portrait() ? 200 : 220);
        float nav_h = ui.portrait() ? 0 : ui.s(theme::touch_target) + ui.s(24);
        float msg_h = message_.empty() ? 0 : message_box_height(ui, message_, form.GetWidth()) + ui.s(12);
        float below = ui.s(44) + msg_h + (qr > 0 ? qr + ui.s(16) : 0) + nav_h;
        ImRect box(ImVec2(form.Min.x, y), ImVec2(form.Max.x, std::max(y + ui.s(110), form.Max.y - below)));
        draw_text_box(ui, box, draft_.topic, entry_.composing(FieldKind::running_text), ui.t("meeting.placeholder"), true);
        ui.register_target("meeting-topic", box);
        draw_char_counter(ui, box, draft_.topic, kMeetingTopicMaxChars);
        y = box.Max.y + ui.s(44);
        if (!message_.empty()) {
            draw_message_box(ui, message_, ImVec2(form.Min.x, y), form.GetWidth());
            y += msg_h;
        }
        if (qr > 0) {
            ImRect shown = qr_.draw(ui, meeting_form_url(base, d.id), ImRect(ImVec2(form.Min.x, y), ImVec2(form.Min.x + qr, y + qr)));
            ui.register_script_label("qr-meeting", shown);
            ui.paragraph(ui.t("meeting.on_phone"), FontRole::body, theme::muted, ImVec2(form.Min.x + qr + ui.s(24), y + ui.s(12)),
                         form.GetWidth() - qr - ui.s(24), {1.3f, 0, false});
        }
        if (entry_.draw(ui, keys, field())) quiet();
        if (nav_buttons(ui, ui.portrait() ? r : form, "opinion.next") &&
            !refuse_if_broken({MeetingField::deputy, MeetingField::topic}))
            go(Step::contact, Field::name);
    }

    void draw_contact(Ui& ui, ImRect r) {
        auto [form, keys] = form_and_keys(ui, r);
        float y = form.Min.y;
        // In both languages the question gives its room to the fields: the consent box says
        // what the details are for, and an empty form sends the request without them.
        if (!ui.bilingual())
            y += ui.paragraph(ui.t("meeting.ask_contact"), FontRole::lead, theme::ink, ImVec2(form.Min.x, y), form.GetWidth(),
                              {1.3f, 0, false}) + ui.s(14);
        // Consent as its own deliberate tap; the details beside the keys.
        ImRect tick(ImVec2(form.Min.x, y), ImVec2(form.Max.x, y + ui.s(ui.bilingual() ? 200 : 130)));
        if (draw_tick_box(ui, tick, draft_.consent, ui.t("meeting.consent"), "consent")) draft_.consent = !draft_.consent;
        y = tick.Max.y + ui.s(18);
        for (Field f : {Field::name, Field::phone}) {
            std::string composing = f == field_ ? entry_.composing(kind_of(f)) : "";
            if (draw_form_field(ui, form.Min.x, y, form.GetWidth(), ui.s(84), ui.t(f == Field::name ? "opinion.name" : "opinion.phone"),
                                f == Field::name ? draft_.name : draft_.phone, composing, f == field_) &&
                field_ != f)
                go(Step::contact, f);
        }
        place_form_message(ui, message_, form, keys, y);
        if (entry_.draw(ui, keys, field())) quiet();
        if (nav_buttons(ui, ui.portrait() ? r : form, "meeting.submit")) submit();
    }

    void submit() {
        auto result = ctx_.services->station_records().submit_meeting(with_passport(), ctx_.content(), ctx_.services->moment());
        if (!result) {
            // Not stored: never thanked; the log keeps SQLite's words.
            if (result.error().not_stored) {
                ctx_.services->log("storage_error", result.error().detail);
                message_key_ = "record.problem.not_stored";
                problem_.reset();
            } else if (!result.error().problems.empty()) {
                auto p = result.error().problems.front();
                // A rule of the first step sends the visitor back there to put it right.
                if (p.field == MeetingField::topic || p.field == MeetingField::deputy) go(Step::topic, Field::topic);
                problem_ = p;
                message_key_.clear();
            }
            return;
        }
        // Committed to disk: only now may the resident be thanked.
        ctx_.services->record_committed("meeting " + result->id);
        // The passport stamped, read once: the thanks names it even if it is closed or another
        // is opened meanwhile.
        stamped_code_.clear();
        if (result->passport)
            if (auto p = ctx_.services->passports().find(*result->passport)) stamped_code_ = format_short_code(p->short_code);
        will_call_ = !result->phone.empty();
        go(Step::thanks, Field::topic);
        draft_.topic.clear();
        draft_.name.clear();
        draft_.phone.clear();
        draft_.consent = false;
    }

    void draw_thanks(Ui& ui, ImRect r, const Deputy& d) {
        float y = r.Min.y + ui.s(30);
        draw_stored_mark(ui, ImVec2(r.Min.x + ui.s(70), y + ui.s(70)));
        float x = r.Min.x + ui.s(170), w = r.GetWidth() - ui.s(170);
        const std::string& code = stamped_code_;
        y += ui.in_each_language(ImVec2(x, y), ui.bilingual() ? w : std::min(w, ui.s(1300)), [&](ImVec2 at, float cw) {
            float h = ui.paragraph(ui.t("meeting.thanks"), FontRole::title, theme::ink, at, cw, {1.2f, 2, false}) + ui.s(8);
            h += ui.paragraph(ui.tf("meeting.saved", {ui.pick(d.name)}), FontRole::lead, theme::teal, ImVec2(at.x, at.y + h), cw) + ui.s(16);
            // How the answer will reach them: in the passport, by phone, or by asking here.
            const std::string after = !code.empty() ? ui.tf("meeting.stamped", {code})
                                      : will_call_   ? ui.t("meeting.will_call") : ui.t("meeting.ask_at_station");
            return h + ui.paragraph(after, FontRole::lead, theme::ink, ImVec2(at.x, at.y + h), cw);
        }) + ui.s(48);
        float bh = ui.s(theme::touch_target) * 1.1f, g = ui.s(24);
        int n = code.empty() ? 2 : 3;
        float bw = ui.portrait() ? (r.GetWidth() - g * (n - 1)) / n : ui.s(400);
        float bx = r.Min.x;
        if (!code.empty()) {
            if (ui.button(ui.t("opinion.open_passport"), ImRect(ImVec2(bx, y), ImVec2(bx + bw, y + bh)), ButtonKind::primary))
                ctx_.nav->push(make_passport_screen(ctx_));
            bx += bw + g;
        }
        if (ui.button(ui.t("meeting.back_to_deputies"), ImRect(ImVec2(bx, y), ImVec2(bx + bw, y + bh)),
                      code.empty() ? ButtonKind::primary : ButtonKind::secondary))
            ctx_.nav->back();
        bx += bw + g;
        if (ui.button(ui.t("opinion.to_home"), ImRect(ImVec2(bx, y), ImVec2(bx + bw, y + bh)), ButtonKind::secondary)) ctx_.nav->home();
    }

    AppContext& ctx_;
    MeetingDraft draft_;
    Step step_ = Step::topic;
    Field field_ = Field::topic;
    TextEntry entry_;
    QrView qr_;
    std::string stamped_code_;  // the short code of the passport the request was stamped into
    bool will_call_ = false;  // the resident left a phone number
    std::string message_key_;
    std::optional<MeetingProblem> problem_;
    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> make_meeting_screen(AppContext& ctx, const std::string& deputy) {
    return std::make_unique<MeetingScreen>(ctx, deputy);
}

}  // namespace lianxin::kiosk
