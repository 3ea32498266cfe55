// What every screen is: a name (for logs and test scripts), a title for the top bar, and a
// draw function that receives the per-frame Ui. Screens keep their own UI state (scroll
// positions, selected page); data comes from the AppContext's core services.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/storage/kiosk_db.h"
#include "kiosk/sync/sync_agent.h"
#include "kiosk/widgets/ui.h"

namespace lianxin {
class OpinionOutbox;
class PassportBook;
class PinyinEngine;
}  // namespace lianxin

namespace lianxin::kiosk {

class Navigator;
class CardPrintService;

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

struct AppContext {
    const LoadedBundle* bundle = nullptr;
    const KioskConfig* config = nullptr;
    Navigator* nav = nullptr;
    KioskStatus* status = nullptr;
    bool* exit_requested = nullptr;
    std::function<void()> logo_tapped;      // counts toward the hidden maintenance gesture
    std::function<void(Lang)> set_language;
    std::function<bool()> fonts_complete;   // every glyph of every screen is in the atlas
    // Visitor records and input methods (core services; screens never run SQL themselves).
    OpinionOutbox* outbox = nullptr;
    std::function<PinyinEngine*()> pinyin;  // nullptr while librime is unavailable
    // Handwriting: strokes on a square pad of `size` → candidate characters, best first.
    std::function<std::vector<std::string>(const std::vector<std::vector<ImVec2>>& strokes, float size)>
        recognise_handwriting;
    std::function<Moment()> moment;                                       // now, UTC and local day
    std::function<Millis()> clock;  // the app's clock (virtual in scripts), for waits and throttles
    std::function<void(const std::string& type, const std::string& detail)> log;  // event log
    // Participation passports and certificates (core), and the card printer (nullptr: none).
    PassportBook* passports = nullptr;
    CardPrintService* printing = nullptr;
    // The passport open in this visit (its id), or empty. New opinions are stamped into it; the
    // end of the visit closes it.
    std::string open_passport;
    // The sync agent's state for the maintenance screen (state off when no hub is configured).
    std::function<SyncStatus()> sync_status;
    // How kiosk.db is doing (damage set aside, disk full …), for the maintenance screen.
    std::function<StorageHealth()> storage_health;
    const ContentSet& content() const { return bundle->content; }
    LocalDate today() const { return moment().local_date; }
};

// A screen's visitor state (what is typed, strokes on a pad, scroll positions, the step reached)
// lives in the screen object and goes with it: the end of a visit (KioskApp::end_visit, in
// kiosk/app/visit.cpp) destroys the whole stack at once. What a screen keeps outside itself for
// the visitor (the pinyin engine's composition) it clears in its destructor.
class Screen {
public:
    virtual ~Screen() = default;
    virtual const char* name() const = 0;
    virtual std::string title(const Ui& ui) const = 0;
    virtual void draw(Ui& ui, ImRect area) = 0;
    virtual bool full_screen() const { return false; }  // no top bar (attract)
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
    std::size_t depth() const { return stack_.size(); }

private:
    struct Op {
        enum Kind { push, back, home, reset } kind;
        std::unique_ptr<Screen> screen;
    };
    std::vector<std::unique_ptr<Screen>> stack_;
    std::vector<Op> pending_;
};

// Screen factories (one screen per file in kiosk/screens/).
std::unique_ptr<Screen> make_attract_screen(AppContext& ctx);
std::unique_ptr<Screen> make_home_screen(AppContext& ctx);
std::unique_ptr<Screen> make_timeline_screen(AppContext& ctx, int start_index = 0);
std::unique_ptr<Screen> make_section_screen(AppContext& ctx, const std::string& section_id);
std::unique_ptr<Screen> make_exhibit_screen(AppContext& ctx, const std::string& exhibit_id);
std::unique_ptr<Screen> make_figures_screen(AppContext& ctx);
std::unique_ptr<Screen> make_maintenance_screen(AppContext& ctx);
// No content could be loaded: "temporarily out of service" in both languages at once; staff reach
// maintenance by the hidden logo gesture and the PIN.
std::unique_ptr<Screen> make_out_of_service_screen(AppContext& ctx);
std::unique_ptr<Screen> make_consultations_screen(AppContext& ctx);
std::unique_ptr<Screen> make_draft_screen(AppContext& ctx, const std::string& consultation_id);
// article = 0: an opinion on the whole draft.
std::unique_ptr<Screen> make_opinion_screen(AppContext& ctx, const std::string& consultation_id, int article);
// Getting a passport, or back into one by its code. `message` (a string key) explains why the
// visitor was sent here, e.g. a scanned passport that did not verify.
std::unique_ptr<Screen> make_passport_desk_screen(AppContext& ctx, std::string message = {});
// The open passport as a booklet (ctx.open_passport).
std::unique_ptr<Screen> make_passport_screen(AppContext& ctx);
// A certificate: the verdict of verifying `token` here and now, what it says, its QR code.
std::unique_ptr<Screen> make_certificate_screen(AppContext& ctx, std::string token);
// What a scanned QR code leads to: a passport opens, a certificate is verified and shown.
void open_scanned_code(AppContext& ctx, const std::string& scanned);

}  // namespace lianxin::kiosk
