// Leaving an opinion on a draft (or one article of it), in steps a first-time touchscreen user
// can follow: 1 a quick stance, 2 the opinion itself (pinyin, handwriting, English or digits),
// 3 optional contact details behind an explicit consent, 4 a review, then the thank-you, shown
// only after the opinion is committed to kiosk.db. What is typed lives only in this screen until
// then: a session reset discards it, as it should.
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/opinions/opinion_outbox.h"
#include "core/opinions/opinion_problem_text.h"
#include "core/passports/passport_book.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/passport_art.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/text_entry.h"

namespace lianxin::kiosk {

namespace {

enum class Step { stance, write, contact, review, thanks };
enum class Field { text, name, phone };

class OpinionScreen : public Screen {
public:
    OpinionScreen(AppContext& ctx, std::string consultation, int article)
        : ctx_(ctx), consultation_(std::move(consultation)), entry_(*ctx.services) {
        if (article > 0) draft_.article = article;
    }
    const char* name() const override {
        switch (step_) {
            case Step::stance: return "opinion-stance";
            case Step::write: return "opinion-write";
            case Step::contact: return "opinion-contact";
            case Step::review: return "opinion-review";
            case Step::thanks: return "opinion-thanks";
        }
        return "opinion";
    }
    std::string title(const Ui& ui) const override { return ui.t("opinion.title"); }

    bool on_key(const std::string& key) override {
        if ((step_ != Step::write && step_ != Step::contact) || !form_key(entry_, key, field())) return false;
        quiet();
        return true;
    }
    // On the stance step only when the visitor came back to it with words already written.
    bool holds_unsaved_input() const override {
        bool written = !draft_.text.empty() || !draft_.contact_name.empty() || !draft_.contact_phone.empty();
        return step_ != Step::thanks && (step_ != Step::stance || written);
    }
    bool holds_typed_text() const override {
        if (!holds_unsaved_input()) return false;
        if (!draft_.text.empty() || !draft_.contact_name.empty() || !draft_.contact_phone.empty()) return true;
        return entry_.holds_unplaced_words();  // strokes on the pad, letters being composed
    }
    void passport_opened_here() override { passport_notice_ = true; }

    bool on_text(const std::string& text) override {
        if (step_ != Step::write && step_ != Step::contact) return false;
        // A physical keyboard (or a scanner) types here; letters feed pinyin in pinyin mode. A
        // character the kiosk cannot draw (an emoji) is left out as it is typed, and the visitor
        // told, rather than shown as "?" and refused only at Next.
        quiet();
        if (!entry_.type(text, field())) left_out_ = true;
        return true;
    }

    void draw(Ui& ui, ImRect area) override {
        // The keyboard opens in the visitor's language (pinyin in Chinese, ABC in English) and
        // follows it until the visitor picks an input method.
        entry_.follow_language(ui.lang(), field_text());
        if (passport_notice_ || left_out_) {
            say(passport_notice_ ? "passport.opened" : "input.left_out");
            passport_notice_ = left_out_ = false;
        }
        // Put into words every frame, so it follows the visitor's language.
        message_ = problem_ ? ui.each_lang([&](Lang l) { return opinion_problem_text(ctx_.services->strings(), l, *problem_, draft_); })
                   : message_key_.empty() ? std::string() : ui.t(message_key_);
        auto* c = ctx_.content().find_consultation(consultation_);
        if (!c) { ctx_.nav->back(); return; }
        draft_.lang = ui.lang();
        float m = ui.s(theme::margin);
        ImRect in(ImVec2(area.Min.x + m, area.Min.y + ui.s(28)), ImVec2(area.Max.x - m, area.Max.y - m));
        float y = in.Min.y;
        // What the opinion is about, always in view; in the bilingual mode a column per language
        // (a block per language in portrait), and on the thanks not at all, whose two languages
        // need the room (the subject was in view until now).
        const Article* a = draft_.article ? c->find_article(*draft_.article) : nullptr;
        const bool both = ui.bilingual();
        if (!(both && step_ == Step::thanks))
            y += ui.in_each_language(ImVec2(in.Min.x, y), in.GetWidth(), [&](ImVec2 at, float w) {
            std::string about = a ? ui.tf("opinion.on_article", {ui.pick(a->title)}) : ui.t("opinion.on_whole");
            // The draft's name gives its room to the second language (the draft screen has it).
            float h = both ? 0 : ui.paragraph(ui.pick(c->title), FontRole::body, theme::muted, at, w, {1.3f, 0, false});
            return h + ui.paragraph(about, FontRole::heading, theme::primary_dark, ImVec2(at.x, at.y + h), w, {1.3f, 0, false});
        });
        y += ui.s(18);
        if (step_ != Step::thanks)  // 1 · 2 · 3 · 4 along the top
            y += draw_step_progress(ui, ImVec2(in.Min.x, y), in.GetWidth(),
                                    {"opinion.step_stance", "opinion.text_label", "opinion.contact_label", "opinion.review"},
                                    static_cast<int>(step_)) + ui.s(22);
        ImRect body(ImVec2(in.Min.x, y), in.Max);
        switch (step_) {
            case Step::stance: draw_stance(ui, body, a != nullptr); break;
            case Step::write: draw_write(ui, body, a); break;
            case Step::contact: draw_contact(ui, body); break;
            case Step::review: draw_review(ui, body, a); break;
            case Step::thanks: draw_thanks(ui, body); break;
        }
    }

private:
    std::string& field_text() {
        return field_ == Field::name ? draft_.contact_name : field_ == Field::phone ? draft_.contact_phone : draft_.text;
    }
    static FieldKind kind_of(Field f) {
        return f == Field::name ? FieldKind::line : f == Field::phone ? FieldKind::digits : FieldKind::running_text;
    }
    FieldRef field() { return {field_text(), kind_of(field_), here()}; }

    // The one way from a step or field to another. What belongs to the place being left stays
    // behind: its message, the strokes and characters on the pad, the words offered after one;
    // letters still being composed are committed there, never carried into the next field.
    void go(Step s, Field f = Field::text) {
        entry_.commit(field_text());
        step_ = s;
        field_ = f;
        quiet();
        entry_.leave();
    }
    void say(std::string key) { message_key_ = std::move(key); problem_.reset(); }
    void quiet() { message_key_.clear(); problem_.reset(); message_.clear(); }

    void show_problem(OpinionProblem p) {
        message_key_.clear();
        problem_ = p;
        ctx_.services->log("validation", opinion_problem_name(p));
    }

    void draw_stance(Ui& ui, ImRect r, bool on_article) {
        float y = r.Min.y;
        y += ui.paragraph(ui.t(on_article ? "opinion.ask_stance" : "opinion.ask_stance_whole"), FontRole::title, theme::ink,
                          ImVec2(r.Min.x, y), r.GetWidth(), {1.25f, 2, false}) + ui.s(30);
        struct Choice { Stance s; const char* label; const char* hint; ImU32 color; };
        const Choice choices[] = {{Stance::support, "opinion.support", "opinion.support_hint", theme::teal},
                                  {Stance::oppose, "opinion.oppose", "opinion.oppose_hint", theme::primary_dark},
                                  {Stance::suggest, "opinion.suggest", "opinion.suggest_hint", theme::gold_text}};
        bool col = ui.portrait();
        float g = ui.s(theme::gap);
        float cw = col ? r.GetWidth() : (r.GetWidth() - 2 * g) / 3;
        float ch = col ? ui.s(ui.bilingual() ? 330 : 220) : std::min(ui.s(380), r.Max.y - y - ui.s(40));
        for (int i = 0; i < 3; ++i) {
            ImRect cr = col ? ImRect(ImVec2(r.Min.x, y + i * (ch + g)), ImVec2(r.Max.x, y + i * (ch + g) + ch))
                            : ImRect(ImVec2(r.Min.x + i * (cw + g), y), ImVec2(r.Min.x + i * (cw + g) + cw, y + ch));
            ImRect shown = ui.pressable_card(cr);
            ui.dl()->AddRectFilled(shown.Min, ImVec2(shown.Max.x, shown.Min.y + ui.s(14)), choices[i].color,
                                   ui.s(theme::radius), ImDrawFlags_RoundCornersTop);
            float ty = shown.Min.y + ui.s(56);
            ty += ui.paragraph(ui.t(choices[i].label), FontRole::title, choices[i].color, ImVec2(shown.Min.x + ui.s(40), ty),
                               shown.GetWidth() - ui.s(80), {1.2f, 0, false}) + ui.s(8);
            ui.paragraph(ui.t(choices[i].hint), FontRole::lead, theme::muted, ImVec2(shown.Min.x + ui.s(40), ty),
                         shown.GetWidth() - ui.s(80));
            ui.register_target(ui.t(choices[i].label), cr);
            if (ui.tapped(cr)) {
                draft_.stance = choices[i].s;
                go(Step::write);
            }
        }
    }

    // The keyboard or handwriting pad for the focused field, and the candidate bar above it.
    void draw_input(Ui& ui, ImRect r) {
        if (entry_.draw(ui, r, field())) quiet();
    }

    void draw_write(Ui& ui, ImRect r, const Article* a) {
        auto [form, keys] = form_and_keys(ui, r);
        float y = form.Min.y;
        y += ui.paragraph(ui.tf("opinion.ask_text", {std::to_string(kOpinionTextMaxChars)}), FontRole::lead,
                          theme::ink, ImVec2(form.Min.x, y), form.GetWidth(), {1.3f, 2, false}) + ui.s(6);
        if (a && !a->questions.empty())
            y += ui.paragraph(ui.pick(a->questions.front()), FontRole::body, theme::teal, ImVec2(form.Min.x, y),
                              form.GetWidth(), {1.3f, 3, false}) + ui.s(10);
        float nav_h = ui.s(theme::touch_target);
        float bottom = ui.portrait() ? form.Max.y : form.Max.y - nav_h - ui.s(24);
        // The message as tall as its words (both languages make it two paragraphs).
        float msg_h = message_.empty() ? 0 : std::max(ui.s(150), message_box_height(ui, message_, form.GetWidth()) + ui.s(10));
        float counter_h = ui.s(44);
        ImRect box(ImVec2(form.Min.x, y), ImVec2(form.Max.x, std::max(y + ui.s(120), bottom - msg_h - counter_h)));
        draw_text_box(ui, box, draft_.text, entry_.composing(FieldKind::running_text), ui.t("opinion.placeholder"), true);
        draw_char_counter(ui, box, draft_.text, kOpinionTextMaxChars);
        draw_message_box(ui, message_, ImVec2(form.Min.x, box.Max.y + counter_h), form.GetWidth());
        draw_input(ui, keys);
        ImRect nav = ui.portrait() ? r : form;
        if (nav_buttons(ui, nav, nav.Max.y - nav_h)) {
            // Check the text now, so the visitor fixes it while still writing.
            OpinionDraft text_only = draft_;
            text_only.contact_name.clear();
            text_only.contact_phone.clear();
            text_only.contact_consent = false;
            auto problems = check_opinion(normalize_opinion(text_only), *ctx_.content().find_consultation(consultation_),
                                          ctx_.today());
            if (problems.empty()) {
                go(Step::contact);
                contact_wanted_ = false;
            } else {
                show_problem(problems.front());
            }
        }
    }

    // Back / Next along the bottom; returns true when Next was tapped.
    bool nav_buttons(Ui& ui, ImRect r, float y, const char* next_key = "opinion.next") {
        FormNav tapped = draw_back_next(ui, ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + ui.s(theme::touch_target))), next_key);
        if (tapped == FormNav::back) {
            // Back to the contact form (details being given) puts the keys on the name, not on
            // the opinion hidden behind it.
            Step to = static_cast<Step>(std::max(0, static_cast<int>(step_) - 1));
            go(to, to == Step::contact && contact_wanted_ ? Field::name : Field::text);
            return false;
        }
        if (tapped != FormNav::next) return false;
        entry_.commit(field_text());  // checked as the visitor sees it, letters being composed included
        return true;
    }

    void draw_contact(Ui& ui, ImRect r) {
        float y = r.Min.y;
        // In both languages, once the form is up, the consent box carries what the details are
        // for and the question and its reasons give their room to the fields.
        bool form_up = contact_wanted_ && ui.bilingual();
        y += ui.in_each_language(ImVec2(r.Min.x, y), r.GetWidth(), [&](ImVec2 at, float w) {
            float h = ui.paragraph(ui.t("opinion.ask_contact"), FontRole::heading, theme::ink, at, w);
            if (form_up) return h;
            h += ui.s(10);
            return h + ui.paragraph(ui.t("opinion.contact_why"), FontRole::lead, theme::muted, ImVec2(at.x, at.y + h),
                                    std::min(w, ui.s(1500)));
        }) + ui.s(24);
        float bh = ui.s(theme::touch_target) * 1.1f;
        if (!contact_wanted_) {
            float w = ui.portrait() ? r.GetWidth() : ui.s(560);
            if (ui.button(ui.t("opinion.skip_contact"), ImRect(ImVec2(r.Min.x, y), ImVec2(r.Min.x + w, y + bh)), ButtonKind::primary)) {
                draft_.contact_consent = false;
                draft_.contact_name.clear();
                draft_.contact_phone.clear();
                go(Step::review);
            }
            float y2 = ui.portrait() ? y + bh + ui.s(20) : y;
            float x2 = ui.portrait() ? r.Min.x : r.Min.x + w + ui.s(24);
            if (ui.button(ui.t("opinion.give_contact"), ImRect(ImVec2(x2, y2), ImVec2(x2 + w, y2 + bh)), ButtonKind::secondary)) {
                contact_wanted_ = true;
                go(Step::contact, Field::name);
            }
            if (ui.button(ui.t("opinion.back"), ImRect(ImVec2(r.Min.x, r.Max.y - ui.s(theme::touch_target)),
                                                      ImVec2(r.Min.x + ui.s(300), r.Max.y)), ButtonKind::secondary))
                go(Step::write);
            return;
        }
        // Consent first, as its own deliberate tap; then name and phone beside the keyboard.
        auto [form, keys] = form_and_keys(ui, ImRect(ImVec2(r.Min.x, y), r.Max));
        ImRect box(ImVec2(form.Min.x, y), ImVec2(form.Max.x, y + ui.s(ui.bilingual() ? 176 : 120)));
        if (draw_tick_box(ui, box, draft_.contact_consent, ui.t("opinion.consent"), "consent"))
            draft_.contact_consent = !draft_.contact_consent;
        y = box.Max.y + ui.s(18);
        // Name and phone; tap one to type into it.
        for (Field f : {Field::name, Field::phone}) {
            std::string composing = f == field_ ? entry_.composing(kind_of(f)) : "";
            if (draw_form_field(ui, form.Min.x, y, form.GetWidth(), ui.s(84), ui.t(f == Field::name ? "opinion.name" : "opinion.phone"),
                                f == Field::name ? draft_.contact_name : draft_.contact_phone, composing, f == field_) &&
                field_ != f)
                go(Step::contact, f);
        }
        if (ui.portrait() && y + message_box_height(ui, message_, form.GetWidth()) <= form.Max.y) {
            draw_message_box(ui, message_, ImVec2(form.Min.x, y), form.GetWidth());
        } else if (!message_.empty()) {
            // Landscape: the form column is full; the message stands over the keys, which give
            // up the height it needs.
            draw_message_box(ui, message_, keys.Min, keys.GetWidth());
            keys.Min.y += message_box_height(ui, message_, keys.GetWidth()) + ui.s(20);
        }
        draw_input(ui, keys);
        float nav_h = ui.s(theme::touch_target);
        ImRect nav = ui.portrait() ? r : form;
        if (nav_buttons(ui, nav, nav.Max.y - nav_h)) {
            auto problems = check_opinion(normalize_opinion(draft_), *ctx_.content().find_consultation(consultation_), ctx_.today());
            if (problems.empty()) go(Step::review);
            else show_problem(problems.front());
        }
    }

    void draw_review(Ui& ui, ImRect r, const Article* a) {
        float y = r.Min.y;
        y += ui.paragraph(ui.t("opinion.review"), FontRole::heading, theme::ink, ImVec2(r.Min.x, y), r.GetWidth()) + ui.s(16);
        float nav_h = ui.s(theme::touch_target);
        ImRect card(ImVec2(r.Min.x, y), ImVec2(r.Max.x, r.Max.y - nav_h - ui.s(30) - (message_.empty() ? 0 : ui.s(110))));
        ui.card(card);
        float pad = ui.s(36), x = card.Min.x + pad, w = card.GetWidth() - 2 * pad, key_w = ui.s(200);
        float cy = card.Min.y + pad;
        auto row = [&](const std::string& k, const std::string& v, FontRole role, int lines) {
            ui.label(k, FontRole::body, theme::muted, ImVec2(x, cy + ui.s(4)));
            float h = ui.paragraph(v, role, theme::ink, ImVec2(x + key_w, cy), w - key_w, {1.45f, lines, false});
            cy += h + ui.s(22);
        };
        const char* stance_key = draft_.stance == Stance::support ? "opinion.support"
                                 : draft_.stance == Stance::oppose ? "opinion.oppose" : "opinion.suggest";
        row(ui.t("opinion.title"), a ? ui.pick(a->title) : ui.t("opinion.on_whole"), FontRole::lead, 2);
        row(ui.t("opinion.stance_label"), ui.t(stance_key), FontRole::lead, 1);
        std::string contact = ui.t("opinion.no_contact");
        if (draft_.contact_consent && !draft_.contact_phone.empty()) {
            std::string phone = draft_.contact_phone;
            if (phone.size() > 7) phone = phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);  // others may be looking
            contact = (draft_.contact_name.empty() ? "" : draft_.contact_name + "  ") + phone;
        }
        row(ui.t("opinion.contact_label"), contact, FontRole::lead, 1);
        int lines = std::max(2, static_cast<int>((card.Max.y - pad - cy) / (ui.fonts().size(FontRole::lead) * 1.45f)));
        row(ui.t("opinion.text_label"), draft_.text, FontRole::lead, lines);
        draw_message_box(ui, message_, ImVec2(r.Min.x, card.Max.y + ui.s(20)), r.GetWidth());
        if (nav_buttons(ui, r, r.Max.y - nav_h, "opinion.submit")) submit();
    }

    void submit() {
        auto* c = ctx_.content().find_consultation(consultation_);
        draft_.passport_id = ctx_.visit->open_passport();  // stamped into it in the same transaction
        auto result = ctx_.services->outbox().submit(draft_, *c, ctx_.services->moment());
        if (!result) {
            // Not stored: the visitor is told so, never thanked; the log keeps SQLite's words.
            if (result.error().problem == OpinionProblem::not_stored) ctx_.services->log("storage_error", result.error().detail);
            show_problem(result.error().problem);
            return;
        }
        // Committed to disk: only now may the visitor be thanked.
        ctx_.services->record_committed(*result);
        submitted_ = *result;
        go(Step::thanks);
        draft_.text.clear();
        draft_.contact_name.clear();
        draft_.contact_phone.clear();
    }

    void draw_thanks(Ui& ui, ImRect r) {
        float y = r.Min.y + ui.s(30);
        draw_stored_mark(ui, ImVec2(r.Min.x + ui.s(70), y + ui.s(70)));
        float x = r.Min.x + ui.s(170), w = r.GetWidth() - ui.s(170);
        // The thanks in one column per language in the bilingual mode.
        y += ui.in_each_language(ImVec2(x, y), ui.bilingual() ? w : std::min(w, ui.s(1300)), [&](ImVec2 at, float cw) {
            float h = ui.paragraph(ui.t("opinion.thanks"), FontRole::title, theme::ink, at, cw, {1.2f, 2, false}) + ui.s(8);
            h += ui.paragraph(ui.t("opinion.saved"), FontRole::lead, theme::teal, ImVec2(at.x, at.y + h), cw) + ui.s(30);
            return h + ui.paragraph(ui.t("opinion.next_steps"), FontRole::lead, theme::ink, ImVec2(at.x, at.y + h), cw);
        }) + ui.s(40);
        y += draw_passport_offer(ui, ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + ui.s(ui.bilingual() ? 290 : 210)))) + ui.s(40);
        float bh = ui.s(theme::touch_target) * 1.1f, bw = ui.portrait() ? (r.GetWidth() - ui.s(24)) / 2 : ui.s(420);
        if (ui.button(ui.t("opinion.back_to_draft"), ImRect(ImVec2(r.Min.x, y), ImVec2(r.Min.x + bw, y + bh)), ButtonKind::primary))
            ctx_.nav->back();
        if (ui.button(ui.t("opinion.to_home"), ImRect(ImVec2(r.Min.x + bw + ui.s(24), y), ImVec2(r.Min.x + 2 * bw + ui.s(24), y + bh)),
                      ButtonKind::secondary))
            ctx_.nav->home();
    }

    // Under the thanks: the stamp just put into the open passport, or an offer to take one that
    // starts with this opinion. Returns the height used (0 when passports are not offered).
    float draw_passport_offer(Ui& ui, ImRect r) {
        float bh = ui.s(theme::touch_target) * 1.1f, pad = ui.s(30);
        float bw = std::min(ui.s(520), r.GetWidth() * 0.42f);
        if (!ctx_.visit->open_passport().empty()) {
            if (shown_passport_ != ctx_.visit->open_passport()) {  // read once, not every frame
                auto p = ctx_.services->passports().find(ctx_.visit->open_passport());
                shown_code_ = p ? format_short_code(p->short_code) : "";
                shown_passport_ = ctx_.visit->open_passport();
            }
            if (shown_code_.empty()) return 0;
            ui.card(r);
            float cover = ui.s(120);
            draw_passport_cover(ui, ImRect(ImVec2(r.Min.x + pad, r.Min.y + pad * 0.6f), ImVec2(r.Min.x + pad + cover, r.Max.y - pad * 0.6f)));
            float x = r.Min.x + pad * 2 + cover;
            ui.paragraph(ui.tf("opinion.stamped", {shown_code_}), FontRole::lead, theme::ink,
                         ImVec2(x, r.Min.y + pad), r.Max.x - bw - pad * 2 - x);
            if (ui.button(ui.t("opinion.open_passport"), ImRect(ImVec2(r.Max.x - pad - bw, r.GetCenter().y - bh / 2),
                                                                ImVec2(r.Max.x - pad, r.GetCenter().y + bh / 2))))
                ctx_.nav->push(make_passport_screen(ctx_));
            return r.GetHeight();
        }
        if (!ctx_.services->passports().can_issue() || submitted_.empty()) return 0;
        // Portrait: the button sits on its own row inside the card.
        if (ui.portrait()) r.Max.y += bh + ui.s(10);
        ui.card(r);
        float cover = ui.s(120);
        draw_passport_cover(ui, ImRect(ImVec2(r.Min.x + pad, r.Min.y + pad * 0.6f), ImVec2(r.Min.x + pad + cover, r.Min.y + ui.s(210) - pad * 0.6f)));
        float x = r.Min.x + pad * 2 + cover;
        float tw = ui.portrait() ? r.Max.x - pad - x : r.Max.x - bw - pad * 2 - x;
        float y = r.Min.y + pad * 0.8f;
        int lines = ui.bilingual() ? 2 : 1;  // a line per language
        y += ui.paragraph(ui.t("opinion.passport_offer"), FontRole::heading, theme::ink, ImVec2(x, y), tw, {1.2f, lines, false});
        ui.paragraph(ui.t("opinion.take_passport_blurb"), FontRole::body, theme::muted, ImVec2(x, y), tw, {1.35f, 2 * lines, false});
        ImRect b = ui.portrait() ? ImRect(ImVec2(r.Max.x - pad - bw, r.Max.y - pad * 0.8f - bh), ImVec2(r.Max.x - pad, r.Max.y - pad * 0.8f))
                                 : ImRect(ImVec2(r.Max.x - pad - bw, r.GetCenter().y - bh / 2), ImVec2(r.Max.x - pad, r.GetCenter().y + bh / 2));
        if (ui.button(ui.t("opinion.take_passport"), b)) {
            auto p = ctx_.services->passports().issue(ctx_.services->moment(), submitted_);
            if (!p) {
                ctx_.services->log("passport_issue_failed", p.error().detail);
                say("passport.issue_failed");
            } else {
                ctx_.services->record_committed("passport " + passport_log_ref(p->id));
                ctx_.visit->open_passport(p->id);
                ctx_.nav->push(make_passport_screen(ctx_));
            }
        }
        return r.GetHeight();
    }

    AppContext& ctx_;
    std::string consultation_;
    OpinionId submitted_;  // the opinion just committed (thanks step)
    OpinionDraft draft_;
    Step step_ = Step::stance;
    Field field_ = Field::text;
    TextEntry entry_;  // what the keys and the pad write into the focused field
    int here() const { return static_cast<int>(step_) * 8 + static_cast<int>(field_); }
    bool contact_wanted_ = false;
    // What to tell the visitor: a string key or an opinion's problem, put into words each frame
    // in the visitor's current language (message_).
    std::string message_key_;
    std::optional<OpinionProblem> problem_;
    std::string message_;
    bool passport_notice_ = false;  // a passport was scanned while writing: say it is open
    bool left_out_ = false;  // a typed character the kiosk cannot draw was left out
    std::string shown_passport_, shown_code_;  // the open passport's code, as last read
};

}  // namespace

std::unique_ptr<Screen> make_opinion_screen(AppContext& ctx, const std::string& consultation, int article) {
    return std::make_unique<OpinionScreen>(ctx, consultation, article);
}

}  // namespace lianxin::kiosk
