// The kiosk application (see kiosk_app.h).
//
// Sections: 1. Start-up  2. Event loop  3. Input and session  4. Frame. The script runner's hooks
// are in script_hooks.cpp, the visit's ending in end_of_visit.cpp.
#include "kiosk/app/kiosk_app.h"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/crypto/signing_keys.h"
#include "kiosk/app/font_texts.h"
#include "kiosk/app/scan_routing.h"
#include "kiosk/platform/frame_stats.h"
#include "kiosk/platform/timing_mark.h"
#include "kiosk/widgets/top_bar.h"

namespace lianxin::kiosk {

KioskApp::KioskApp(KioskConfig config, LoadedBundle bundle, StringTable strings, LaunchOptions opts)
    : cfg_(std::move(config)), bundle_(std::move(bundle)), strings_(std::move(strings)), opts_(std::move(opts)),
      idle_(cfg_.idle) {
    scripted_ = !opts_.script.empty();
}

KioskApp::~KioskApp() {
    // What draws goes before the window and ImGui's context (window_ is destroyed last).
    pin_pad_.reset();
    ui_.reset();
    images_.reset();
    layouter_.reset();
    fonts_.reset();
}

// ---------------------------------------------------------------- 1. Start-up

bool KioskApp::init(std::string& error) {
    auto clock = [this] { return now(); };
    services_ = std::make_unique<KioskServices>(cfg_, bundle_, strings_, log_, GlWindow::wake, clock);
    if (!services_->open(error)) return false;
    visit_ = std::make_unique<Visit>(cfg_.language, log_, clock);

    if (!window_.start(opts_.window_w, opts_.window_h, error)) return false;
    // The UI scale follows the screen; knowing it now lets the first font atlas build on a
    // worker while the window, the GL context and the shaders are made.
    float scale = std::clamp(std::min(window_.planned_width(), window_.planned_height()) / 1080.0f, 0.5f, 2.0f);
    fonts_ = std::make_unique<FontSet>(scale, collect_font_texts(bundle_.content, strings_));
    if (!fonts_->open_files(error)) return false;
    fonts_->start_initial_build();
    if (!window_.open(error)) return false;
    if (!fonts_->finish_initial(error)) return false;
    timing_mark("fonts-initial");
    fonts_->start_full_build(GlWindow::wake);
    layouter_ = std::make_unique<TextLayouter>(*fonts_);
    images_ = std::make_unique<ImageCache>(bundle_.path, bundle_.media_sizes, GlWindow::wake);
    ui_ = std::make_unique<Ui>(*fonts_, *layouter_, *images_, strings_);
    pointer_ = std::make_unique<PointerTracker>(theme::drag_threshold * scale);
    std::string pin_hash = cfg_.maintenance_pin_hash;
    pin_pad_ = std::make_unique<PinPad>([pin_hash](const std::string& pin) { return check_pin(pin, pin_hash); });

    status_.version = LIANXIN_VERSION;
    status_.started_at = now();
    status_.content_problem = opts_.content_problem;
    status_.out_of_service = bundle_.path.empty();
    ctx_ = AppContext{services_.get(), visit_.get(), &nav_, this};
    nav_.reset_to(root_screen());
    nav_.apply();
    last_screen_ = current_screen();
    drawn_lang_ = visit_->lang();

    if (scripted_ && !opts_.shots_dir.empty()) {
        std::filesystem::create_directories(opts_.shots_dir);
        log_.open(opts_.shots_dir + "/log.jsonl");
    }
    if (scripted_ && !opts_.layout_report.empty()) {
        layout_report_ = std::make_unique<LayoutReport>();
        if (!layout_report_->open(opts_.layout_report, error)) return false;
        ui_->set_audit(&layout_report_->audit());
    }
    log_.write(now(), "start", {{"width", window_.width()}, {"height", window_.height()},
                                {"content", bundle_.info.content_version}});
    log_.write(now(), "screen", {{"screen", last_screen_}, {"lang", visit_->shown_code()}});
    return true;
}

bool KioskApp::fonts_complete() const { return fonts_->full_ready(); }

// ---------------------------------------------------------------- 2. Event loop

Millis KioskApp::now() const { return scripted_ ? virtual_now_ : static_cast<Millis>(SDL_GetTicks64()); }

bool KioskApp::frame_needed() const {
    return frames_pending_ > 0 || animating_ || (wake_at_ >= 0 && now() >= wake_at_);
}

Millis KioskApp::next_wake() const {
    Millis best = -1;
    for (Millis t : {wake_at_, idle_.next_deadline(now()), scan_.deadline()})
        if (t >= 0 && (best < 0 || t < best)) best = t;
    return best;
}

int KioskApp::run() {
    while (!exit_requested_) {
        Millis t = now();
        int timeout;
        if (frame_needed()) {
            timeout = static_cast<int>(std::max<Millis>(0, last_frame_at_ + 16 - t));
        } else {
            Millis w = next_wake();
            timeout = w < 0 ? -1 : static_cast<int>(std::max<Millis>(0, w - t));
        }
        SDL_Event e;
        // Nothing to draw and no deadline: block until the next event, using no CPU.
        bool got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
        if (got) {
            handle_sdl_event(e);
            while (SDL_PollEvent(&e)) handle_sdl_event(e);
        }
        update_session();
        if (frame_needed() && now() >= last_frame_at_ + 16) draw_frame();
    }
    log_.write(now(), "exit");
    return 0;
}

// ---------------------------------------------------------------- 3. Input and session

void KioskApp::handle_sdl_event(const SDL_Event& e) {
    InputEvent ev;
    if (window_.translate(e, now(), scripted_, ev)) handle_input(ev);
    else if (e.type == SDL_QUIT) exit_requested_ = true;
    else if (e.type == SDL_WINDOWEVENT) {
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) window_.on_resize();
        want_frames(2);
    } else if (window_.is_wake(e)) want_frames(1);
}

void KioskApp::handle_input(const InputEvent& ev) {
    want_frames(3);  // popups and presses settle a frame late
    ImVec2 p(ev.x, ev.y);
    // Input keeps a visit alive. It does not start one (the attract screen does that when it
    // hands over to home), and during the countdown a touch belongs to the overlay, which
    // decides between "continue" and "finish" on release.
    bool pointer = ev.kind != InputEvent::Kind::key && ev.kind != InputEvent::Kind::text;
    auto state = idle_.state();
    if (ev.kind != InputEvent::Kind::pointer_move && ev.kind != InputEvent::Kind::pointer_up &&
        state != IdleMachine::State::attract && !(pointer && state == IdleMachine::State::countdown)) {
        if (idle_.on_input(ev.time) == IdleMachine::Event::resumed)
            log_.write(ev.time, "session", {{"event", "resumed"}});
    }
    switch (ev.kind) {
        case InputEvent::Kind::pointer_down: pointer_->down(p, ev.time); break;
        case InputEvent::Kind::pointer_move: pointer_->move(p, ev.time); break;
        case InputEvent::Kind::pointer_up: pointer_->up(p, ev.time); break;
        case InputEvent::Kind::key:
            if (ev.key == "Return") {
                // A scanner ends its burst with Return: it may complete a scan.
                auto out = scan_.on_return(ev.time);
                deliver(out, ev.time);
                if (out.swallow_return) break;
            }
            if (ev.key == "Escape") {
                if (pin_pad_->is_open()) pin_pad_->close();
                else if (leave_asked_ != Leave::none) answer_leave(DiscardChoice::keep);
                else request_leave(Leave::back);
            } else if (leave_asked_ != Leave::none || pin_pad_->is_open()) {
                // The question or the PIN pad is up: keys do not reach the screen beneath (a
                // remote's Page Down would move a tour behind the pad, Backspace edit a form).
            } else if (ev.key == "B" && scan_.deadline() >= 0) {
                // A letter inside a scanner's burst (a code being read) is not a remote's "blank".
            } else if (auto* s = nav_.current()) {
                s->on_key(ev.key);
            }
            break;
        case InputEvent::Kind::text:
            deliver(scan_.on_text(ev.text, ev.time), ev.time);
            break;
    }
}

void KioskApp::deliver(const ScanCapture::Output& out, Millis t) {
    // While the keep-or-discard question or the PIN pad is up, typing does not reach the screen.
    if (leave_asked_ == Leave::none && !pin_pad_->is_open())
        for (auto& text : out.typed)
            if (auto* s = nav_.current()) s->on_text(text);
    if (out.scanned.empty()) return;
    log_.write(t, "scan", {{"length", out.scanned.size()}});
    want_frames(2);
    if (pin_pad_->is_open()) return;  // staff at the PIN pad: not a visitor's scan
    answer_leave(DiscardChoice::keep);  // a scan is not an answer to "discard?": the words stay
    // A scan on the attract loop starts a visit; the code's screen goes above home.
    open_scanned_code(ctx_, out.scanned);
}

void KioskApp::update_session() {
    // New content first, while nobody is mid-way into a visit: a scan still arriving or a screen
    // it has just asked for belongs to the next visitor and must not be swapped away.
    if (idle_.state() == IdleMachine::State::attract && scan_.deadline() < 0 && !nav_.has_pending())
        swap_in_staged_bundle();
    deliver(scan_.on_tick(now()), now());
    if (services_->watch_storage()) want_frames(1);
    switch (idle_.tick(now())) {
        case IdleMachine::Event::countdown_started:
            want_frames(2);
            log_.write(now(), "session", {{"event", "countdown"}});
            break;
        case IdleMachine::Event::session_reset: end_visit("reset"); break;
        default: break;
    }
}

// Nobody is using the kiosk (attract loop): the content the sync agent downloaded and verified
// replaces the current one. It is checked once more as it is opened; if that fails the old content
// stays. Images and screens start afresh; fonts for new characters build on their worker.
void KioskApp::swap_in_staged_bundle() {
    auto st = services_->sync_status();
    if (st.staged_bundle.empty() || st.staged_bundle == bundle_.path.string()) return;
    auto loaded = load_bundle(st.staged_bundle, cfg_.publisher_keys);
    if (!loaded) {
        spdlog::error("content {} not swapped in: {}", st.staged_version, loaded.error().detail);
        services_->content_swapped(bundle_.info.content_version);  // drop the staged one; keep ours
        return;
    }
    std::string from = bundle_.info.content_version;
    // Verified content has arrived: an out-of-service kiosk is back in service.
    status_.out_of_service = false;
    status_.content_problem.clear();
    end_visit("content");  // screens hold the old content; whatever the last visit left goes too
    ui_.reset();
    images_.reset();  // its worker reads the old file
    bundle_ = std::move(*loaded);  // in place: the services read it by reference
    images_ = std::make_unique<ImageCache>(bundle_.path, bundle_.media_sizes, GlWindow::wake);
    ui_ = std::make_unique<Ui>(*fonts_, *layouter_, *images_, strings_);
    if (layout_report_) ui_->set_audit(&layout_report_->audit());
    fonts_->rebuild_full(collect_font_texts(bundle_.content, strings_), GlWindow::wake);
    services_->content_swapped(bundle_.info.content_version);
    want_frames(2);
    log_.write(now(), "content_swapped", {{"from", from}, {"to", bundle_.info.content_version}});
    spdlog::info("content {} replaced {}", bundle_.info.content_version, from);
}

std::unique_ptr<Screen> KioskApp::root_screen() {
    return status_.out_of_service ? make_out_of_service_screen(ctx_) : make_attract_screen(ctx_);
}

void KioskApp::logo_tapped() {
    Millis t = now();
    logo_taps_.push_back(t);
    std::erase_if(logo_taps_, [t](Millis x) { return t - x > 3000; });
    if (logo_taps_.size() >= 5) {
        logo_taps_.clear();
        if (cfg_.maintenance_pin_hash.empty()) {
            log_.write(t, "maintenance", {{"event", "locked: no pin_hash configured"}});
            return;
        }
        pin_pad_->open();
        log_.write(t, "maintenance", {{"event", "pin_pad"}});
    }
}

// ---------------------------------------------------------------- 4. Frame

void KioskApp::draw_frame() {
    auto ui_start = std::chrono::steady_clock::now();
    Millis t = now();
    if (fonts_->install_if_ready()) {
        layouter_->clear();  // lines measured with the first atlas's stand-in sizes are stale
        fonts_just_installed_ = true;
        nlohmann::json f{{"glyphs", fonts_->atlas_glyphs()}, {"atlas", {fonts_->atlas_width(), fonts_->atlas_height()}}};
        if (scripted_) f["missing"] = missing_glyph_report(*fonts_, bundle_.content, strings_);
        log_.write(t, "fonts_ready", f);
    }
    images_->pump();
    layouter_->trim();
    status_.fonts_full = fonts_->full_ready();
    status_.atlas_glyphs = fonts_->atlas_glyphs();
    status_.atlas_w = fonts_->atlas_width();
    status_.atlas_h = fonts_->atlas_height();
    status_.image_bytes = images_->bytes_in_use();

    auto& io = ImGui::GetIO();
    io.DeltaTime = std::max(0.001f, static_cast<float>(t - last_frame_at_) / 1000.0f);
    window_.new_frame();

    Screen* screen = nav_.current();
    Ui& ui = *ui_;
    drawn_lang_ = visit_->lang();
    drawn_bilingual_ = visit_->bilingual();
    ui.begin_frame(ImGui::GetBackgroundDrawList(), ImGui::GetForegroundDrawList(), io.DisplaySize, t, *pointer_,
                   drawn_lang_, drawn_bilingual_);
    bool modal = idle_.state() == IdleMachine::State::countdown || pin_pad_->is_open() || leave_asked_ != Leave::none;
    ui.set_input_enabled(!modal);

    TopBarActions bar;
    ImRect area(ImVec2(0, 0), io.DisplaySize);
    if (!screen->full_screen()) {
        bar = draw_top_bar(ui, nav_.depth() > 1, ui.pick(bundle_.content.hall.name));
        area.Min.y = top_bar_height(ui);
    }
    screen->draw(ui, area);
    if (modal) draw_modal(ui, t);
    if (bar.back) request_leave(Leave::back);
    if (bar.home) request_leave(Leave::home);
    if (bar.switch_to_zh) visit_->set_language(Lang::zh);
    if (bar.switch_to_en) visit_->set_language(Lang::en);
    if (bar.switch_to_both) visit_->set_bilingual();
    if (bar.logo) logo_tapped();

    ImGui::Render();
    record_frame_stats(status_.frames_drawn, std::chrono::steady_clock::now() - ui_start, current_screen());
    // The screen's background comes from the clear, not a full-screen quad: under llvmpipe every
    // blended full-screen layer costs several milliseconds.
    bool unseen = scripted_ && !opts_.raster_every_frame && !capture_ && status_.frames_drawn > 0;
    if (!unseen) {
        window_.clear(screen->background());
        window_.render(ImGui::GetDrawData());
        if (capture_) *capture_ = read_frame(window_.width(), window_.height());
        window_.present();
    }
    if (status_.frames_drawn == 0) {
        window_.finish();
        timing_mark("first-frame");
    }
    if (fonts_just_installed_) {
        window_.finish();
        timing_mark("fonts-ready");
        fonts_just_installed_ = false;
    }
    after_frame(t);
}

void KioskApp::draw_modal(Ui& ui, Millis t) {
    ui.use_overlay_layer(true);
    ui.set_input_enabled(true);
    if (idle_.state() == IdleMachine::State::countdown) {
        Millis left = idle_.countdown_left(t);
        ui.wake_at(t + (left % 1000 ? left % 1000 : 1000));  // the number counts down each second
        if (draw_countdown_overlay(ui, left, cfg_.idle.countdown)) {
            end_visit_requested_ = "finished";  // the screen drawn this frame goes after it
        } else if (pointer_->tapped()) {
            // "Keep browsing", or a touch anywhere else: the visit goes on.
            idle_.on_input(t);
            log_.write(t, "session", {{"event", "resumed"}});
        }
    } else if (pin_pad_->is_open()) {
        if (pin_pad_->draw(ui)) {
            log_.write(t, "maintenance", {{"event", "unlocked"}});
            nav_.push(make_maintenance_screen(ctx_));
        }
    } else {
        answer_leave(draw_discard_overlay(ui));
    }
}

void KioskApp::after_frame(Millis t) {
    Ui& ui = *ui_;
    animating_ = ui.wants_animation();
    wake_at_ = ui.wake_time();
    last_targets_ = ui.targets();
    pointer_->end_frame();
    frames_pending_ = std::max(0, frames_pending_ - 1);
    // A language key was tapped this frame.
    if (visit_->lang() != drawn_lang_ || visit_->bilingual() != drawn_bilingual_) want_frames(2);
    ++status_.frames_drawn;
    last_frame_at_ = t;
    bool moved = nav_.apply();
    // Staff leaving maintenance, by any way out of it, end the visit it interrupted.
    if (maintenance_visible_ && nav_.current()->name() != std::string("maintenance")) end_visit_requested_ = "maintenance";
    if (end_visit_requested_) end_visit(end_visit_requested_);
    else if (moved) {
        want_frames(2);
        idle_.set_touring(nav_.current()->guided_tour());
        if (idle_.state() == IdleMachine::State::attract && !nav_.current()->between_visits() &&
            idle_.on_input(t) == IdleMachine::Event::session_started)
            log_.write(t, "session", {{"event", "started"}});
        std::string name = current_screen();
        maintenance_visible_ = name == "maintenance";
        services_->set_sync_watched(maintenance_visible_);
        log_.write(t, "screen", {{"screen", name}, {"lang", visit_->shown_code()}});
        last_screen_ = name;
    }
    if (status_.frames_drawn == 1) log_.write(t, "first_frame");
}


}  // namespace lianxin::kiosk
