// The passport desk: take a new participation passport, or get back into one by typing its
// code on the code keyboard (a scanned QR code opens it from any screen: kiosk/app/scan_routing.cpp).
// Wrong codes say what is wrong; repeated wrong codes must wait (core's AttemptThrottle).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "core/base/ascii.h"
#include "core/passports/passport_book.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/input_widgets.h"
#include "kiosk/widgets/onscreen_keyboard.h"
#include "kiosk/widgets/passport_art.h"

namespace lianxin::kiosk {

namespace {

class PassportDeskScreen : public Screen {
public:
    PassportDeskScreen(AppContext& ctx, std::string message) : ctx_(ctx), message_(std::move(message)) {}
    const char* name() const override { return "passport-desk"; }
    std::string title(const Ui& ui) const override { return ui.t("passport.desk_title"); }

    bool on_text(const std::string& text) override {
        for (char c : text)
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') type(c);
        return true;
    }
    bool on_key(const std::string& key) override {
        if (key == "BackSpace") { erase(); return true; }
        if (key == "Return") { pending_open_ = true; return true; }
        return false;
    }

    void draw(Ui& ui, ImRect area) override {
        float m = ui.s(theme::margin), g = ui.s(theme::gap);
        ImRect in(ImVec2(area.Min.x + m, area.Min.y + m * 0.7f), ImVec2(area.Max.x - m, area.Max.y - m));
        float y = in.Min.y;
        y += ui.paragraph(ui.t("passport.desk_title"), FontRole::title, theme::primary_dark, ImVec2(in.Min.x, y), in.GetWidth(),
                          {1.2f, 1, false}) + ui.s(6);
        // In both languages the introduction would leave the code keyboard too little room; the
        // two cards say what each way in does.
        if (!ui.bilingual())
            y += ui.paragraph(ui.t("passport.desk_intro"), FontRole::lead, theme::muted, ImVec2(in.Min.x, y),
                              std::min(in.GetWidth(), ui.s(1500)));
        y += ui.s(28);
        if (ui.portrait()) {
            float new_h = ui.s(430);
            draw_new(ui, ImRect(ImVec2(in.Min.x, y), ImVec2(in.Max.x, y + new_h)));
            draw_open(ui, ImRect(ImVec2(in.Min.x, y + new_h + g), in.Max));
        } else {
            float left_w = std::round(in.GetWidth() * 0.36f);
            draw_new(ui, ImRect(ImVec2(in.Min.x, y), ImVec2(in.Min.x + left_w, in.Max.y)));
            draw_open(ui, ImRect(ImVec2(in.Min.x + left_w + g, y), in.Max));
        }
        if (pending_open_) {
            pending_open_ = false;
            open(ui);
        }
    }

private:
    void type(char c) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (c == '-') return;  // the display groups the code itself
        // A refused code stays to be checked; a new character starts a new code (Delete edits it).
        if (refused_) {
            code_.clear();
            refused_ = false;
            bad_char_.reset();
        }
        if (code_.size() < kShortCodeChars + 2) code_ += c;
    }
    void erase() {
        if (code_.empty()) return;
        code_.pop_back();
        refused_ = false;
        if (bad_char_ && *bad_char_ >= code_.size()) bad_char_.reset();
    }

    // "Get my passport": the cover, a word on what it is for, one big button.
    void draw_new(Ui& ui, ImRect r) {
        ui.card(r);
        float pad = ui.s(36);
        ImRect in(ImVec2(r.Min.x + pad, r.Min.y + pad), ImVec2(r.Max.x - pad, r.Max.y - pad));
        bool can = ctx_.services->passports().can_issue();
        float bh = ui.s(theme::touch_target) * 1.15f;
        if (ui.portrait()) {
            float cover_w = ui.s(220);
            draw_passport_cover(ui, ImRect(in.Min, ImVec2(in.Min.x + cover_w, in.Max.y)));
            float x = in.Min.x + cover_w + pad, w = in.Max.x - x, y = in.Min.y;
            y += ui.paragraph(ui.t("passport.new_title"), FontRole::heading, theme::ink, ImVec2(x, y), w) + ui.s(10);
            ui.paragraph(ui.t(can ? "passport.new_blurb" : "passport.unavailable"), FontRole::lead, theme::muted, ImVec2(x, y), w);
            if (can && ui.button(ui.t("passport.new"), ImRect(ImVec2(x, in.Max.y - bh), ImVec2(in.Max.x, in.Max.y))))
                issue(ui);
            return;
        }
        float y = in.Min.y;
        y += ui.paragraph(ui.t("passport.new_title"), FontRole::heading, theme::ink, ImVec2(in.Min.x, y), in.GetWidth()) + ui.s(10);
        y += ui.paragraph(ui.t(can ? "passport.new_blurb" : "passport.unavailable"), FontRole::lead, theme::muted,
                          ImVec2(in.Min.x, y), in.GetWidth()) + ui.s(24);
        float bottom = can ? in.Max.y - bh - ui.s(30) : in.Max.y;
        draw_passport_cover(ui, ImRect(ImVec2(in.Min.x, y), ImVec2(in.Max.x, bottom)));
        if (can && ui.button(ui.t("passport.new"), ImRect(ImVec2(in.Min.x, in.Max.y - bh), in.Max))) issue(ui);
    }

    // "Open my passport": the typed code, what went wrong, and the code keyboard.
    void draw_open(Ui& ui, ImRect r) {
        float pad = ui.s(36);
        float field_h = ui.s(100), open_w = ui.s(220);
        float msg_h = ui.fonts().size(FontRole::lead) * 1.35f + ui.s(12);
        float inner_w = r.GetWidth() - 2 * pad;
        float keys_h = code_keyboard_height(ui, inner_w);
        if (ui.portrait()) {
            // The card ends under the keyboard instead of leaving a gap above it.
            float need = 2 * pad + ui.text().layout(ui.t("passport.open_title"), FontRole::heading, 0, inner_w).height + ui.s(8) +
                         ui.text().layout(ui.t("passport.open_blurb"), FontRole::lead, 0, inner_w).height + ui.s(20) + field_h +
                         ui.s(16) + 2 * msg_h + keys_h;  // room for a two-line message
            r.Max.y = std::min(r.Max.y, r.Min.y + need);
        }
        ui.card(r);
        ImRect in(ImVec2(r.Min.x + pad, r.Min.y + pad), ImVec2(r.Max.x - pad, r.Max.y - pad));
        float y = in.Min.y;
        y += ui.paragraph(ui.t("passport.open_title"), FontRole::heading, theme::ink, ImVec2(in.Min.x, y), in.GetWidth()) + ui.s(8);
        y += ui.paragraph(ui.t("passport.open_blurb"), FontRole::lead, theme::muted, ImVec2(in.Min.x, y), in.GetWidth()) + ui.s(20);

        ImRect field(ImVec2(in.Min.x, y), ImVec2(in.Max.x - open_w - ui.s(20), y + field_h));
        // The display groups the code 3-4-4, so the marked character moves right past each dash.
        std::size_t marked = bad_char_ ? *bad_char_ + (*bad_char_ >= 3) + (*bad_char_ >= 7) : std::string::npos;
        draw_code_box(ui, field, code_.empty() ? "" : format_typed(code_), marked, ui.t("passport.code_placeholder"));
        Millis wait = ctx_.services->passports().throttle().wait_ms(ui.now());
        if (ui.button(ui.t("passport.open"), ImRect(ImVec2(field.Max.x + ui.s(20), y), ImVec2(in.Max.x, y + field_h)),
                      wait > 0 ? ButtonKind::secondary : ButtonKind::primary, FontRole::heading))
            pending_open_ = true;
        y += field_h + ui.s(16);

        // The message line: a refusal in the primary colour; the wait counts down by itself.
        std::string msg;
        if (wait > 0) {
            msg = ui.tf("passport.throttled", {std::to_string((wait + 999) / 1000)});
            ui.wake_at(ui.now() + (wait % 1000 == 0 ? 1000 : wait % 1000));
        } else if (!message_.empty()) {
            msg = ui.t(message_);
        }
        // The line is kept for a message even without one, so the keys do not jump when it comes.
        if (!msg.empty())
            msg_h = std::max(msg_h, ui.paragraph(msg, FontRole::lead, theme::primary, ImVec2(in.Min.x, y), in.GetWidth(),
                                                 {1.35f, 0, false}) + ui.s(12));
        y += msg_h;

        float kh = std::max(0.0f, std::min(in.Max.y - y, keys_h));
        ImRect kr(ImVec2(in.Min.x, in.Max.y - kh), in.Max);
        if (ui.portrait()) kr = ImRect(ImVec2(in.Min.x, y), ImVec2(in.Max.x, y + kh));
        auto key = draw_code_keyboard(ui, kr);
        switch (key.kind) {
            case KeyPress::Kind::character: type(key.text[0]); break;
            case KeyPress::Kind::backspace: erase(); break;
            case KeyPress::Kind::enter: pending_open_ = true; break;
            default: break;
        }
    }

    // Shows the code grouped as printed (3-4-4) while it is typed.
    static std::string format_typed(const std::string& s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (i == 3 || i == 7) out += '-';
            out += s[i];
        }
        return out;
    }

    void issue(Ui& ui) {
        auto p = ctx_.services->passports().issue(ctx_.services->moment());
        if (!p) {
            ctx_.services->log("passport_issue_failed", p.error().detail);
            message_ = "passport.issue_failed";
            return;
        }
        (void)ui;
        ctx_.services->record_committed("passport " + passport_log_ref(p->id));
        show_open_passport(ctx_, *p, "issued");
    }

    void open(Ui& ui) {
        auto r = ctx_.services->passports().open_by_code(code_, ui.now());
        if (r) {
            show_open_passport(ctx_, *r, "code");
            return;
        }
        ctx_.services->log("passport_refused", r.error().detail);
        // While throttled the message line counts down by itself and the code stays to retry.
        if (r.error().reason == PassportOpenFailure::Reason::throttled) return;
        message_ = passport_failure_key(r.error());
        // The code stays, its wrong character marked when known, for the visitor to check.
        refused_ = true;
        bad_char_ = r.error().code_bad_char;
    }

    AppContext& ctx_;
    std::string message_;
    std::string code_;
    bool refused_ = false;                  // code_ is the one just refused
    std::optional<std::size_t> bad_char_;  // its character outside the alphabet, if that was why
    bool pending_open_ = false;
};

}  // namespace

std::unique_ptr<Screen> make_passport_desk_screen(AppContext& ctx, std::string message) {
    return std::make_unique<PassportDeskScreen>(ctx, std::move(message));
}

std::string passport_failure_key(const PassportOpenFailure& f) {
    using R = PassportOpenFailure::Reason;
    switch (f.reason) {
        case R::bad_code:
            return std::string("passport.code.") + short_code_problem_name(*f.code_problem);
        case R::not_found: return "passport.not_found";
        case R::other_kiosk: return "passport.other_kiosk";
        case R::not_passport: return "passport.not_passport";
        case R::bad_token: return "passport.bad_token";
        case R::throttled: return "passport.throttled";
        case R::storage: return "passport.storage";
    }
    return "passport.storage";
}

}  // namespace lianxin::kiosk
