// The kiosk application (see kiosk_app.h).
//
// Sections: 1. Start-up  2. Event loop  3. Input and session  4. Frame  5. Script hooks
#include "kiosk/app/kiosk_app.h"

#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "core/crypto/signing_keys.h"
#include "core/markdown/markdown_doc.h"
#include "core/text/gb2312.h"
#include "core/text/utf8.h"
#include "kiosk/platform/frame_capture.h"
#include "kiosk/platform/gl_texture.h"
#include "kiosk/platform/keep_modules_loaded.h"
#include "kiosk/widgets/top_bar.h"

namespace lianxin::kiosk {

namespace {

Uint32 g_wake_event = 0;

// With LIANXIN_TIMING set, milestones go to stderr with CLOCK_MONOTONIC milliseconds, so that
// bench/ can measure launch → first frame → fonts ready from outside the process.
void timing_mark(const char* what) {
    static const bool on = std::getenv("LIANXIN_TIMING") != nullptr;
    if (!on) return;
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::fprintf(stderr, "lianxin-timing %s %.3f\n", what, ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}

// Worker threads (fonts, images) wake the blocked event loop with this.
void push_wake() {
    if (!g_wake_event) return;
    SDL_Event e{};
    e.type = g_wake_event;
    SDL_PushEvent(&e);
}

const char* key_name(SDL_Keycode k) {
    switch (k) {
        case SDLK_ESCAPE: return "Escape";
        case SDLK_RETURN: case SDLK_KP_ENTER: return "Return";
        case SDLK_BACKSPACE: return "BackSpace";
        case SDLK_LEFT: return "Left";
        case SDLK_RIGHT: return "Right";
        case SDLK_UP: return "Up";
        case SDLK_DOWN: return "Down";
        case SDLK_TAB: return "Tab";
        default: return nullptr;
    }
}

// What the first frame and the rest of the UI draw at the heading, title and display sizes.
FontTexts collect_font_texts(const ContentSet& c, const StringTable& strings) {
    FontTexts t;
    t.ui = strings.all_text();
    t.content = c.all_text();
    auto add = [](std::string& s, const LocalizedText& l) { s += l.zh; s += l.en; };
    add(t.attract, c.hall.name);
    for (auto& s : c.slides) { add(t.attract, s.title); add(t.attract, s.caption); }
    // The out-of-service screen is the first screen when there is no content: its words too.
    for (const char* key : {"attract.touch", "attract.touch_other", "out_of_service.title", "out_of_service.explain"}) {
        t.attract += strings.get(Lang::zh, key);
        t.attract += strings.get(Lang::en, key);
    }
    t.attract += "中文";
    add(t.titles, c.hall.name);
    for (auto& s : c.sections) add(t.titles, s.title);
    for (auto& e : c.timeline) { add(t.titles, e.title); add(t.titles, e.year_label); }
    for (auto& k : c.consultations) {
        add(t.titles, k.title);
        for (auto& a : k.articles) add(t.titles, a.title);
    }
    for (auto& e : c.exhibits) {
        add(t.titles, e.title);
        for (auto* body : {&e.body.zh, &e.body.en})
            for (auto& b : parse_markdown(*body).blocks)
                if (b.kind == MdBlock::Kind::heading) t.titles += b.plain();
    }
    t.display = "0123456789+-–/%.,·×";
    for (auto& f : c.figures) t.display += f.value;
    return t;
}

}  // namespace

KioskApp::KioskApp(KioskConfig config, LoadedBundle bundle, StringTable strings, LaunchOptions opts)
    : cfg_(std::move(config)), bundle_(std::move(bundle)), strings_(std::move(strings)), opts_(std::move(opts)),
      idle_(cfg_.idle), lang_(cfg_.language) {
    scripted_ = !opts_.script.empty();
}

KioskApp::~KioskApp() {
    pin_pad_.reset();
    ui_.reset();
    images_.reset();
    layouter_.reset();
    fonts_.reset();
    if (ImGui::GetCurrentContext()) {
        ImGui_ImplOpenGL3_Shutdown();
        // fonts_ handed the context its own atlas back above: DestroyContext frees that one.
        ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

// ---------------------------------------------------------------- 1. Start-up

bool KioskApp::init(std::string& error) {
    // Visitors' records first: a kiosk that cannot keep opinions must not invite them. A damaged
    // file is set aside and replaced (KioskDb); the full check of the file runs in the background
    // so launch does not wait for a read of every page.
    auto db = KioskDb::open(cfg_.data_dir, KioskDb::Check::in_background);
    if (!db) {
        error = "cannot open the kiosk's records in " + cfg_.data_dir.string() + ": " + db.error().detail;
        return false;
    }
    db_ = std::move(*db);  // what open() found is logged by the first watch_storage(), once the log is open
    outbox_ = std::make_unique<OpinionOutbox>(*db_, cfg_.name);
    passports_ = std::make_unique<PassportBook>(
        *db_, PassportSettings{cfg_.name, cfg_.kiosk_code, cfg_.kiosk_key, cfg_.passport_keys, cfg_.certificate_keys,
                               cfg_.public_url});
    if (!passports_->can_issue())
        spdlog::warn("passports are not issued here: kiosk.toml has no [kiosk] code and key (kiosk register makes them)");
    if (cfg_.printer.configured())
        printing_ = std::make_unique<CardPrintService>(cfg_.printer, cfg_.data_dir / "print", push_wake);
    // The sync agent works in the background; the kiosk behaves the same with the hub down.
    SyncAgentConfig sync_cfg;
    sync_cfg.hub_url = cfg_.hub_url;
    sync_cfg.kiosk_id = cfg_.kiosk_id;
    sync_cfg.kiosk_key = cfg_.kiosk_key;
    sync_cfg.app_version = LIANXIN_VERSION;
    sync_cfg.content_version = bundle_.info.content_version;
    sync_cfg.bundle_dir = cfg_.data_dir / "bundles";
    sync_cfg.publisher_keys = cfg_.publisher_keys;
    // Its status changes redraw only the maintenance screen, the one that shows them: a static
    // exhibition screen stays at zero frames however often the kiosk syncs.
    sync_ = std::make_unique<SyncAgent>(*db_, *outbox_, *passports_, sync_cfg, [this] {
        if (maintenance_visible_.load()) push_wake();
    });
    if (sync_->configured()) sync_->start();
    else if (!cfg_.hub_url.empty())
        spdlog::warn("hub_url is set but kiosk.toml has no [kiosk] id and key: not syncing (register the kiosk)");

    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");  // a finger arrives as the left button
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start the display (SDL): ") + SDL_GetError() + " — is DISPLAY set and X running?";
        return false;
    }
    timing_mark("sdl-init");
    g_wake_event = SDL_RegisterEvents(1);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = opts_.window_w, h = opts_.window_h;
    if (w <= 0 || h <= 0) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        SDL_DisplayMode mode{};
        bool known = SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0;
        w = known ? mode.w : 1920;
        h = known ? mode.h : 1080;
    }
    // The UI scale follows the screen; knowing it now lets the first font atlas build on a
    // worker while the window, the GL context and the shaders are made here.
    float scale = std::clamp(std::min(w, h) / 1080.0f, 0.5f, 2.0f);
    fonts_ = std::make_unique<FontSet>(scale, collect_font_texts(bundle_.content, strings_));
    if (!fonts_->open_files(error)) return false;
    fonts_->start_initial_build();

    window_ = SDL_CreateWindow("Lianxin", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, w, h, flags);
    if (!window_) { error = std::string("cannot open a window: ") + SDL_GetError(); return false; }
    gl_ = SDL_GL_CreateContext(window_);
    if (!gl_) { error = std::string("cannot create an OpenGL 3.3 context: ") + SDL_GetError(); return false; }
    SDL_GL_MakeCurrent(window_, gl_);
    SDL_GL_SetSwapInterval(1);
    if (opts_.window_w <= 0) SDL_ShowCursor(SDL_DISABLE);  // a touchscreen has no pointer to show
    SDL_GL_GetDrawableSize(window_, &win_w_, &win_h_);
    keep_loaded_modules_mapped();  // sanitizer builds: the GL driver and libdbus stay mapped
    timing_mark("window-gl");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    auto& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;

    ImGui_ImplOpenGL3_Init("#version 330 core");
    // The backend would upload our atlas as RGBA32; let it make its objects with the tiny
    // default atlas, free that texture, and give it our alpha-only atlas instead (font_set.cpp).
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    warm_up_gl();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    timing_mark("imgui-init");
    if (!fonts_->finish_initial(error)) return false;
    timing_mark("fonts-initial");
    fonts_->start_full_build(push_wake);
    layouter_ = std::make_unique<TextLayouter>(*fonts_);
    images_ = std::make_unique<ImageCache>(bundle_.path, bundle_.media_sizes, push_wake);
    ui_ = std::make_unique<Ui>(*fonts_, *layouter_, *images_, strings_);
    pointer_ = std::make_unique<PointerTracker>(theme::drag_threshold * scale);
    std::string pin_hash = cfg_.maintenance_pin_hash;
    pin_pad_ = std::make_unique<PinPad>([pin_hash](const std::string& pin) { return check_pin(pin, pin_hash); });

    status_.version = LIANXIN_VERSION;
    status_.started_at = now();
    ctx_.bundle = &bundle_;
    ctx_.config = &cfg_;
    ctx_.nav = &nav_;
    ctx_.status = &status_;
    ctx_.exit_requested = &exit_requested_;
    ctx_.logo_tapped = [this] { on_logo_tapped(); };
    ctx_.set_language = [this](Lang l) { set_language(l); };
    ctx_.fonts_complete = [this] { return fonts_->full_ready(); };
    ctx_.outbox = outbox_.get();
    ctx_.pinyin = [this] { return pinyin(); };
    ctx_.recognise_handwriting = [this](const std::vector<std::vector<ImVec2>>& s, float size) { return recognise(s, size); };
    ctx_.moment = [this] { return moment(); };
    ctx_.clock = [this] { return now(); };
    ctx_.passports = passports_.get();
    ctx_.printing = printing_.get();
    ctx_.log = [this](const std::string& type, const std::string& detail) {
        log_.write(now(), type, {{"detail", detail}});
        if (type == "record" && sync_) sync_->nudge();  // a committed record: send it soon
    };
    ctx_.sync_status = [this] { return sync_ ? sync_->status() : SyncStatus{}; };
    ctx_.storage_health = [this] { return db_->health(); };
    status_.content_problem = opts_.content_problem;
    status_.out_of_service = bundle_.path.empty();
    nav_.reset_to(root_screen());
    nav_.apply();
    last_screen_ = current_screen();

    if (scripted_ && !opts_.shots_dir.empty()) {
        std::filesystem::create_directories(opts_.shots_dir);
        log_.open(opts_.shots_dir + "/log.jsonl");
    }
    if (scripted_ && !opts_.layout_report.empty()) {
        layout_report_ = std::make_unique<LayoutReport>();
        if (!layout_report_->open(opts_.layout_report, error)) return false;
        ui_->set_audit(&layout_report_->audit());
    }
    log_.write(now(), "start", {{"width", win_w_}, {"height", win_h_}, {"content", bundle_.info.content_version}});
    log_.write(now(), "screen", {{"screen", last_screen_}, {"lang", lang_code(lang_)}});
    return true;
}

// Draws one throwaway frame, never swapped, with both kinds of texture the UI uses (the
// alpha-only atlas and RGBA images): Mesa's llvmpipe compiles a shader variant per texture
// format on first use, ~60 ms that would otherwise land on the first visible frame. It runs
// while the first font atlas builds on its worker.
void KioskApp::warm_up_gl() {
    auto& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(win_w_), static_cast<float>(win_h_));
    // Sizes matter too: llvmpipe keys variants on power-of-two sides. The atlas is 2^n wide with
    // any height; images are any size.
    const std::uint8_t alpha[6] = {255, 255, 255, 255, 255, 255}, rgba[36] = {};
    unsigned a = upload_alpha_texture(2, 3, alpha), c = upload_rgba_texture(3, 3, rgba);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    auto* dl = ImGui::GetBackgroundDrawList();
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(a)), ImVec2(0, 0), ImVec2(64, 64));
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(c)), ImVec2(0, 0), ImVec2(64, 64));
    ImGui::Render();
    glViewport(0, 0, win_w_, win_h_);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glFinish();
    delete_texture(a);
    delete_texture(c);
}

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
    float sx = 1, sy = 1;
    if (window_) {
        int lw = 0, lh = 0;
        SDL_GetWindowSize(window_, &lw, &lh);
        if (lw > 0 && lh > 0) { sx = static_cast<float>(win_w_) / lw; sy = static_cast<float>(win_h_) / lh; }
    }
    InputEvent ev{};
    ev.time = now();
    switch (e.type) {
        case SDL_QUIT: exit_requested_ = true; return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.button != SDL_BUTTON_LEFT) return;
            ev.kind = e.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::pointer_down : InputEvent::Kind::pointer_up;
            ev.x = e.button.x * sx;
            ev.y = e.button.y * sy;
            handle_input(ev);
            return;
        case SDL_MOUSEMOTION:
            if (!(e.motion.state & SDL_BUTTON_LMASK)) return;
            ev.kind = InputEvent::Kind::pointer_move;
            ev.x = e.motion.x * sx;
            ev.y = e.motion.y * sy;
            handle_input(ev);
            return;
        case SDL_KEYDOWN:
            // When the key was sent, not when this busy loop got to it: a scanner's burst must
            // not look like slow typing because a frame took long (scripts run on virtual time).
            if (!scripted_) ev.time = static_cast<Millis>(e.key.timestamp);
            if (const char* name = key_name(e.key.keysym.sym)) {
                ev.kind = InputEvent::Kind::key;
                ev.key = name;
                handle_input(ev);
            }
            return;
        case SDL_TEXTINPUT:
            if (!scripted_) ev.time = static_cast<Millis>(e.text.timestamp);
            ev.kind = InputEvent::Kind::text;
            ev.text = e.text.text;
            handle_input(ev);
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) SDL_GL_GetDrawableSize(window_, &win_w_, &win_h_);
            frames_pending_ = std::max(frames_pending_, 2);
            return;
        default:
            if (e.type == g_wake_event) frames_pending_ = std::max(frames_pending_, 1);
            return;
    }
}

void KioskApp::handle_input(const InputEvent& ev) {
    frames_pending_ = std::max(frames_pending_, 3);  // popups and presses settle a frame late
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
            } else if (leave_asked_ != Leave::none) {
                // The question is up: keys do not reach the words it is about.
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
    if (leave_asked_ == Leave::none)  // while the keep-or-discard question is up, typing waits
        for (auto& text : out.typed)
            if (auto* s = nav_.current()) s->on_text(text);
    if (out.scanned.empty()) return;
    log_.write(t, "scan", {{"length", out.scanned.size()}});
    frames_pending_ = std::max(frames_pending_, 2);
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
    watch_storage();
    switch (idle_.tick(now())) {
        case IdleMachine::Event::countdown_started:
            frames_pending_ = std::max(frames_pending_, 2);
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
    if (!sync_) return;
    auto st = sync_->status();
    if (st.staged_bundle.empty() || st.staged_bundle == bundle_.path.string()) return;
    auto loaded = load_bundle(st.staged_bundle, cfg_.publisher_keys);
    if (!loaded) {
        spdlog::error("content {} not swapped in: {}", st.staged_version, loaded.error().detail);
        sync_->set_bundle_swapped(bundle_.info.content_version);  // drop the staged one; keep ours
        return;
    }
    std::string from = bundle_.info.content_version;
    // Verified content has arrived: an out-of-service kiosk is back in service.
    status_.out_of_service = false;
    status_.content_problem.clear();
    end_visit("content");  // screens hold the old content; whatever the last visit left goes too
    ui_.reset();
    images_.reset();  // its worker reads the old file
    bundle_ = std::move(*loaded);
    images_ = std::make_unique<ImageCache>(bundle_.path, bundle_.media_sizes, push_wake);
    ui_ = std::make_unique<Ui>(*fonts_, *layouter_, *images_, strings_);
    if (layout_report_) ui_->set_audit(&layout_report_->audit());
    fonts_->rebuild_full(collect_font_texts(bundle_.content, strings_), push_wake);
    sync_->set_bundle_swapped(bundle_.info.content_version);
    frames_pending_ = std::max(frames_pending_, 2);
    log_.write(now(), "content_swapped", {{"from", from}, {"to", bundle_.info.content_version}});
    spdlog::info("content {} replaced {}", bundle_.info.content_version, from);
}

std::unique_ptr<Screen> KioskApp::root_screen() {
    return status_.out_of_service ? make_out_of_service_screen(ctx_) : make_attract_screen(ctx_);
}

// Storage faults happen on whichever thread touched kiosk.db; they are logged here, once each,
// with SQLite's own message.
void KioskApp::watch_storage() {
    if (!db_) return;
    auto h = db_->health();
    if (h.fault_at_ms != storage_seen_fault_at_ && h.fault != StorageFault::none) {
        storage_seen_fault_at_ = h.fault_at_ms;
        spdlog::error("kiosk.db {}: {}", storage_fault_name(h.fault), h.fault_detail);
        log_.write(now(), "storage", {{"event", storage_fault_name(h.fault)}, {"detail", h.fault_detail}});
        frames_pending_ = std::max(frames_pending_, 1);
    }
    if (h.damaged_at_ms != storage_seen_damage_at_) {
        storage_seen_damage_at_ = h.damaged_at_ms;
        spdlog::error("kiosk.db was damaged ({}); moved aside to {}; {} records salvaged, {} left out{}", h.damage_detail,
                      h.moved_to.string(), h.salvaged_records, h.salvage_left_out,
                      h.unavailable.empty() ? "" : "; " + h.unavailable);
        log_.write(now(), "storage",
                   {{"event", "damaged"}, {"detail", h.damage_detail}, {"moved_to", h.moved_to.string()},
                    {"salvaged", h.salvaged_records}, {"left_out", h.salvage_left_out}, {"unavailable", h.unavailable}});
        frames_pending_ = std::max(frames_pending_, 1);
    }
}

void KioskApp::set_language(Lang lang) {
    if (lang == lang_) return;
    lang_ = lang;
    frames_pending_ = std::max(frames_pending_, 2);
    log_.write(now(), "language", {{"lang", lang_code(lang)}});
}

void KioskApp::on_logo_tapped() {
    // Five taps on the logo within three seconds open the PIN pad.
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

// Now, as records and deadlines see it. Tests set LIANXIN_TODAY=YYYY-MM-DD[THH:MM] to start the
// local calendar there; it then runs with the app's clock (the virtual one in scripts), so a
// script can cross midnight, e.g. past a deadline while a visitor writes.
Moment KioskApp::moment() const {
    Moment m = Moment::now();
    const char* start = std::getenv("LIANXIN_TODAY");
    if (!start) return m;
    std::string s(start);
    LocalDate d;
    if (!parse_local_date(s.substr(0, 10), d)) return m;
    long minutes = 0;
    if (s.size() >= 16 && s[10] == 'T') minutes = std::stol(s.substr(11, 2)) * 60 + std::stol(s.substr(14, 2));
    long elapsed_min = static_cast<long>((now() - status_.started_at) / 60000);
    m.local_date = add_days(d, (minutes + elapsed_min) / (24 * 60));
    return m;
}

// librime opens on first use (≈ tens of ms, from data deployed ahead of time); a failure is
// logged once and the keyboard offers the other input methods.
PinyinEngine* KioskApp::pinyin() {
    if (pinyin_ || pinyin_failed_) return pinyin_.get();
    PinyinEngine::Options o;
    o.user_data_dir = cfg_.rime_dir.empty() ? cfg_.data_dir / "rime" : cfg_.rime_dir;
    auto e = PinyinEngine::open(o);
    if (!e) {
        spdlog::error("pinyin input unavailable: {}", e.error().detail);
        log_.write(now(), "error", {{"detail", "pinyin: " + e.error().detail}});
        pinyin_failed_ = true;
        return nullptr;
    }
    pinyin_ = std::move(*e);
    return pinyin_.get();
}

std::vector<std::string> KioskApp::recognise(const std::vector<std::vector<ImVec2>>& strokes, float size) {
    if (!handwriting_ && !handwriting_failed_) {
        auto r = HandwritingRecognizer::open();
        if (!r) {
            spdlog::error("handwriting input unavailable: {}", r.error().detail);
            handwriting_failed_ = true;
        } else {
            handwriting_ = std::move(*r);
        }
    }
    std::vector<std::string> out;
    if (!handwriting_) return out;
    HandwritingRecognizer::Drawing d;
    d.width = d.height = size;
    for (auto& s : strokes) {
        HandwritingRecognizer::Drawing::Stroke st;
        for (auto& p : s) st.push_back({p.x, p.y});
        d.strokes.push_back(std::move(st));
    }
    for (auto& c : handwriting_->classify(d, 8)) out.push_back(c.text);
    return out;
}

// ---------------------------------------------------------------- 4. Frame

void KioskApp::draw_frame() {
    auto ui_start = std::chrono::steady_clock::now();
    Millis t = now();
    if (fonts_->install_if_ready()) {
        layouter_->clear();  // lines measured with the first atlas's stand-in sizes are stale
        fonts_just_installed_ = true;
        nlohmann::json f{{"glyphs", fonts_->atlas_glyphs()}, {"atlas", {fonts_->atlas_width(), fonts_->atlas_height()}}};
        if (scripted_) f["missing"] = missing_glyph_report();
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
    io.DisplaySize = ImVec2(static_cast<float>(win_w_), static_cast<float>(win_h_));
    io.DeltaTime = std::max(0.001f, static_cast<float>(t - last_frame_at_) / 1000.0f);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();

    Screen* screen = nav_.current();
    Ui& ui = *ui_;
    ui.begin_frame(ImGui::GetBackgroundDrawList(), ImGui::GetForegroundDrawList(), io.DisplaySize, t, *pointer_, lang_);
    bool countdown = idle_.state() == IdleMachine::State::countdown;
    bool modal = countdown || pin_pad_->is_open() || leave_asked_ != Leave::none;
    ui.set_input_enabled(!modal);

    TopBarActions bar;
    ImRect area(ImVec2(0, 0), io.DisplaySize);
    if (!screen->full_screen()) {
        bar = draw_top_bar(ui, nav_.depth() > 1, ui.pick(bundle_.content.hall.name));
        area.Min.y = top_bar_height(ui);
    }
    screen->draw(ui, area);

    if (modal) {
        ui.use_overlay_layer(true);
        ui.set_input_enabled(true);
        if (countdown) {
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
    if (bar.back) request_leave(Leave::back);
    if (bar.home) request_leave(Leave::home);
    if (bar.switch_to_zh) set_language(Lang::zh);
    if (bar.switch_to_en) set_language(Lang::en);
    if (bar.logo) on_logo_tapped();

    ImGui::Render();
    record_ui_time(std::chrono::steady_clock::now() - ui_start);
    glViewport(0, 0, win_w_, win_h_);
    // The screen's background comes from the clear, not a full-screen quad: under llvmpipe every
    // blended full-screen layer costs several milliseconds.
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(screen->background());
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (capture_) *capture_ = read_frame(win_w_, win_h_);
    SDL_GL_SwapWindow(window_);
    if (status_.frames_drawn == 0) {
        glFinish();
        timing_mark("first-frame");
    }
    if (fonts_just_installed_) {
        glFinish();
        timing_mark("fonts-ready");
        fonts_just_installed_ = false;
    }

    animating_ = ui.wants_animation();
    wake_at_ = ui.wake_time();
    last_targets_ = ui.targets();
    pointer_->end_frame();
    frames_pending_ = std::max(0, frames_pending_ - 1);
    ++status_.frames_drawn;
    last_frame_at_ = t;
    bool moved = nav_.apply();
    // Staff leaving maintenance, by any way out of it, end the visit it interrupted.
    if (maintenance_visible_ && nav_.current()->name() != std::string("maintenance")) end_visit_requested_ = "maintenance";
    if (end_visit_requested_) end_visit(end_visit_requested_);
    else if (moved) {
        frames_pending_ = std::max(frames_pending_, 2);
        if (idle_.state() == IdleMachine::State::attract && !nav_.current()->full_screen() &&
            idle_.on_input(t) == IdleMachine::Event::session_started)
            log_.write(t, "session", {{"event", "started"}});
        std::string name = current_screen();
        maintenance_visible_ = name == "maintenance";
        log_.write(t, "screen", {{"screen", name}, {"lang", lang_code(lang_)}});
        last_screen_ = name;
    }
    if (status_.frames_drawn == 1) log_.write(t, "first_frame");
}

// Code points that some font role should draw but has no glyph for: must be empty ("no
// boxes"). Body covers all content, UI strings and GB2312; titles cover what titles show.
nlohmann::json KioskApp::missing_glyph_report() const {
    nlohmann::json out = nlohmann::json::object();
    auto texts = collect_font_texts(bundle_.content, strings_);
    std::pair<FontRole, std::string> checks[] = {
        {FontRole::body, texts.content + texts.ui},
        {FontRole::caption, texts.content + texts.ui},
        {FontRole::lead, texts.content + texts.ui + gb2312_characters()},
        {FontRole::heading, texts.titles + texts.ui},
        {FontRole::title, texts.titles + texts.ui},
        {FontRole::display, texts.display},
    };
    for (auto& [role, text] : checks) {
        auto missing = missing_glyphs(fonts_->font(role), text);
        std::string shown;
        for (char32_t c : missing) utf8::append(shown, c);
        out[std::to_string(static_cast<int>(role))] = shown;
    }
    return out;
}

// With LIANXIN_FRAME_STATS=FILE, each frame's UI work (everything before GPU raster: input,
// layout, draw lists) is appended to FILE in microseconds, for bench/.
void KioskApp::record_ui_time(std::chrono::steady_clock::duration d) {
    static std::FILE* f = [] {
        const char* path = std::getenv("LIANXIN_FRAME_STATS");
        return path && *path ? std::fopen(path, "w") : nullptr;
    }();
    if (!f) return;
    std::fprintf(f, "%lld %lld %s\n", status_.frames_drawn,
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()),
                 current_screen().c_str());
    std::fflush(f);
}

// ---------------------------------------------------------------- 5. Script hooks

std::string KioskApp::current_screen() const {
    if (pin_pad_ && pin_pad_->is_open()) return "pin";
    if (idle_.state() == IdleMachine::State::countdown) return "countdown";
    if (leave_asked_ != Leave::none) return "leave-question";
    return nav_.current() ? nav_.current()->name() : "";
}

void KioskApp::inject(const InputEvent& ev) {
    InputEvent e = ev;
    e.time = now();
    handle_input(e);
}

void KioskApp::advance(Millis ms) {
    Millis target = virtual_now_ + ms;
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        update_session();
        if (frame_needed()) {
            draw_frame();
            if (virtual_now_ >= target) break;
            virtual_now_ = std::min(target, virtual_now_ + 16);
        } else {
            if (virtual_now_ >= target) break;
            Millis w = next_wake();
            virtual_now_ = (w < 0 || w > target) ? target : std::max(w, virtual_now_ + 1);
        }
        if (exit_requested_) break;
    }
}

bool KioskApp::settle(int max_real_ms) {
    Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(max_real_ms);
    while (SDL_GetTicks64() < deadline) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        // The start check of kiosk.db is background work too: a screenshot shows its outcome.
        bool checking = db_ && db_->health().check == StorageHealth::Check::running;
        if (checking) frames_pending_ = std::max(frames_pending_, 1);
        watch_storage();
        bool waiting = !fonts_->full_ready() || images_->busy() || checking;
        draw_frame();
        if (!waiting && !images_->busy() && !(db_ && db_->health().check == StorageHealth::Check::running)) return true;
        SDL_Delay(5);
    }
    return false;
}

bool KioskApp::await_sync(int max_real_ms) {
    if (!sync_ || !sync_->configured()) return false;
    std::uint64_t before = sync_->status().syncs_ok;
    sync_->nudge();
    Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(max_real_ms);
    while (SDL_GetTicks64() < deadline) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        auto st = sync_->status();
        // A whole sync that began after this call: everything committed so far was pushed, and
        // the changes waiting at the hub were applied.
        if (st.syncs_ok > before && st.outbox_depth == 0 && st.state == SyncState::idle) {
            frames_pending_ = std::max(frames_pending_, 2);
            return true;
        }
        if (st.state == SyncState::idle && st.syncs_ok == before) sync_->nudge();
        SDL_Delay(20);
    }
    return false;
}

bool KioskApp::screenshot(const std::string& path, const std::string& name) {
    FramePixels background, frame;
    if (layout_report_) {
        // The layout check's contrast pass needs what lies behind the text: the same frame
        // drawn once without it (nothing moves between the two on the virtual clock).
        ui_->set_text_hidden(true);
        capture_ = &background;
        draw_frame();
        ui_->set_text_hidden(false);
    }
    capture_ = &frame;
    draw_frame();
    capture_ = nullptr;
    if (layout_report_) layout_report_->write(current_screen(), name, lang_code(lang_), window_size(), background);
    return write_png(frame, path);
}

}  // namespace lianxin::kiosk
