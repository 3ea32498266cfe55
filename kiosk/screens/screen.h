// What every screen is: a name (for logs and test scripts), a title for the top bar, and a
// draw function that receives the per-frame Ui. Screens keep their own UI state (scroll
// positions, selected page); data comes from the AppContext's services.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/passports/passport_book.h"
#include "kiosk/services/kiosk_services.h"
#include "kiosk/services/visit.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

class Navigator;

// Facts about the running kiosk, for the maintenance screen.
struct KioskStatus {
    std::string version;
    long long frames_drawn = 0;
    Millis started_at = 0;
    bool fonts_full = false;
    int atlas_glyphs = 0, atlas_w = 0, atlas_h = 0;
    std::size_t image_bytes = 0;
    // Why the configured content was not shown (refused at start), or empty; with
    // out_of_service, no content at all could be loaded.
    std::string content_problem;
    bool out_of_service = false;
};

// What screens may ask of the application itself (KioskApp): its status for the maintenance
// screen, the hidden maintenance gesture, whether every glyph is ready, and leaving the program.
class AppShell {
public:
    virtual ~AppShell() = default;
    virtual const KioskStatus& status() const = 0;
    virtual void logo_tapped() = 0;           // counts toward the hidden maintenance gesture
    virtual bool fonts_complete() const = 0;  // every glyph of every screen is in the atlas
    virtual void request_exit() = 0;
};

// What every screen is given: the services (data and devices, kiosk/services/kiosk_services.h),
// the visit (the visitor's language and open passport), the screen stack, and the shell.
struct AppContext {
    KioskServices* services = nullptr;
    Visit* visit = nullptr;
    Navigator* nav = nullptr;
    AppShell* shell = nullptr;
    const ContentSet& content() const { return services->content(); }
    const KioskConfig& config() const { return services->config(); }
    LocalDate today() const { return services->moment().local_date; }
};

// A screen's visitor state (what is typed, strokes on a pad, scroll positions, the step reached)
// lives in the screen object and goes with it: the end of a visit (KioskApp::end_visit, in
// kiosk/app/end_of_visit.cpp) destroys the whole stack at once. What a screen keeps outside itself for
// the visitor (the pinyin engine's composition) it clears in its destructor.
class Screen {
public:
    virtual ~Screen() = default;
    virtual const char* name() const = 0;
    virtual std::string title(const Ui& ui) const = 0;
    virtual void draw(Ui& ui, ImRect area) = 0;
    virtual bool full_screen() const { return false; }  // no top bar (attract, a tour's stops)
    // No visit is under way on it (the attract loop, out of service): leaving it starts one.
    virtual bool between_visits() const { return false; }
    // A guide is presenting (a tour's stops): the idle wait is the tour's longer one.
    virtual bool guided_tour() const { return false; }
    virtual ImU32 background() const { return theme::background; }
    virtual bool on_key(const std::string&) { return false; }
    virtual bool on_text(const std::string&) { return false; }  // typed text (keyboard, scanner)
    // A screen holding what the visitor is writing: a scanned passport opens without leaving it.
    virtual bool holds_unsaved_input() const { return false; }
    virtual void passport_opened_here() {}
    // Words the visitor has typed or drawn here and not yet submitted: leaving by Back or Home
    // asks before they are thrown away.
    virtual bool holds_typed_text() const { return false; }
};

// The screen stack. Changes requested while drawing take effect after the frame, so a screen
// is never destroyed in the middle of its own draw.
class Navigator {
public:
    void push(std::unique_ptr<Screen> s) { pending_.push_back(Op{Op::push, std::move(s)}); }
    void back() { pending_.push_back(Op{Op::back, nullptr}); }
    void home() { pending_.push_back(Op{Op::home, nullptr}); }
    // Replaces the whole stack (session reset → attract, attract → home).
    void reset_to(std::unique_ptr<Screen> s) { pending_.push_back(Op{Op::reset, std::move(s)}); }
    // Applies requested changes; returns true if the visible screen changed.
    bool apply();
    bool has_pending() const { return !pending_.empty(); }
    Screen* current() const { return stack_.empty() ? nullptr : stack_.back().get(); }
    bool on_attract() const { return current() && current()->between_visits(); }
    std::size_t depth() const { return stack_.size(); }

private:
    struct Op {
        enum Kind { push, back, home, reset } kind;
        std::unique_ptr<Screen> screen;
    };
    std::vector<std::unique_ptr<Screen>> stack_;
    std::vector<Op> pending_;
};

// Home, from anywhere: from the attract loop (a scan starts a visit) the stack starts at home.
void go_home(AppContext& ctx);

// Screen factories (one screen per file in kiosk/screens/).
std::unique_ptr<Screen> make_attract_screen(AppContext& ctx);
std::unique_ptr<Screen> make_home_screen(AppContext& ctx);
std::unique_ptr<Screen> make_timeline_screen(AppContext& ctx, int start_index = 0);
std::unique_ptr<Screen> make_section_screen(AppContext& ctx, const std::string& section_id);
std::unique_ptr<Screen> make_exhibit_screen(AppContext& ctx, const std::string& exhibit_id);
std::unique_ptr<Screen> make_figures_screen(AppContext& ctx);
// The station: its deputies by level, and what is on (reception days, livestreams, meetings).
std::unique_ptr<Screen> make_deputies_screen(AppContext& ctx);
std::unique_ptr<Screen> make_schedule_screen(AppContext& ctx);
// A resident's request to meet one deputy of the station (by id).
std::unique_ptr<Screen> make_meeting_screen(AppContext& ctx, const std::string& deputy);
// The visitors' wall (guestbook entries shown with consent), and the guestbook a delegation signs.
std::unique_ptr<Screen> make_visitors_wall_screen(AppContext& ctx);
std::unique_ptr<Screen> make_guestbook_screen(AppContext& ctx);
std::unique_ptr<Screen> make_maintenance_screen(AppContext& ctx);
// Guided tours for a delegation: the list to choose from, and a tour's stops full screen, in both
// languages, driven by touch and by a presenter remote.
std::unique_ptr<Screen> make_tours_screen(AppContext& ctx);
std::unique_ptr<Screen> make_tour_screen(AppContext& ctx, const std::string& tour_id);
// No content could be loaded: "temporarily out of service" in both languages at once; staff reach
// maintenance by the hidden logo gesture and the PIN.
std::unique_ptr<Screen> make_out_of_service_screen(AppContext& ctx);
std::unique_ptr<Screen> make_consultations_screen(AppContext& ctx);
// `article_index`: the article shown first, by its place in the draft (the admin tool's preview
// opens the one being edited).
std::unique_ptr<Screen> make_draft_screen(AppContext& ctx, const std::string& consultation_id, int article_index = 0);
// article = 0: an opinion on the whole draft.
std::unique_ptr<Screen> make_opinion_screen(AppContext& ctx, const std::string& consultation_id, int article);
// Getting a passport, or back into one by its code. `message` (a string key) explains why the
// visitor was sent here, e.g. a scanned passport that did not verify.
std::unique_ptr<Screen> make_passport_desk_screen(AppContext& ctx, std::string message = {});
// The string key that tells the visitor why a passport did not open (for the desk's message).
std::string passport_failure_key(const PassportOpenFailure& f);
// The open passport as a booklet (the visit's open passport).
std::unique_ptr<Screen> make_passport_screen(AppContext& ctx);
// Opens `p` in this visit and shows it above home, so "back" returns to the exhibition; `how`
// (issued, code, scan) goes to the log.
void show_open_passport(AppContext& ctx, const Passport& p, const char* how);
// A certificate: the verdict of verifying `token` here and now, what it says, its QR code.
std::unique_ptr<Screen> make_certificate_screen(AppContext& ctx, std::string token);

}  // namespace lianxin::kiosk
