// The admin window's platform half (see gui_shell.h).
#include "admin-tool/gui/gui_shell.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text/utf8.h"
#include "kiosk/platform/frame_capture.h"

namespace lianxin::admin {

namespace {

// Where ImGui last placed a text field's caret: the desktop's input method opens its candidate
// window there, and the shell draws the composition there.
ImVec2 g_caret{-1, -1};
float g_caret_height = 20;

void place_ime(int x, int y) {
    g_caret = ImVec2(static_cast<float>(x), static_cast<float>(y));
    SDL_Rect r{x, y, 1, static_cast<int>(g_caret_height)};
    SDL_SetTextInputRect(&r);
}

const char* get_clipboard(void*) {
    static std::string held;
    char* text = SDL_GetClipboardText();
    held = text ? text : "";
    SDL_free(text);
    return held.c_str();
}
void set_clipboard(void*, const char* text) { SDL_SetClipboardText(text); }

// A script's key name ("Return", "Down", "a", "1", "ctrl+Return") as an SDL scancode and Ctrl.
bool scancode_for(std::string name, SDL_Scancode& code, bool& ctrl) {
    ctrl = name.rfind("ctrl+", 0) == 0;
    if (ctrl) name = name.substr(5);
    static const std::pair<const char*, SDL_Scancode> named[] = {
        {"Return", SDL_SCANCODE_RETURN}, {"Escape", SDL_SCANCODE_ESCAPE}, {"BackSpace", SDL_SCANCODE_BACKSPACE},
        {"Tab", SDL_SCANCODE_TAB},       {"Left", SDL_SCANCODE_LEFT},     {"Right", SDL_SCANCODE_RIGHT},
        {"Up", SDL_SCANCODE_UP},         {"Down", SDL_SCANCODE_DOWN},     {"Delete", SDL_SCANCODE_DELETE},
        {"Home", SDL_SCANCODE_HOME},     {"End", SDL_SCANCODE_END},       {"PageUp", SDL_SCANCODE_PAGEUP},
        {"PageDown", SDL_SCANCODE_PAGEDOWN}, {"Space", SDL_SCANCODE_SPACE}};
    for (auto& [n, c] : named)
        if (name == n) { code = c; return true; }
    if (name.size() == 1 && std::isalnum(static_cast<unsigned char>(name[0]))) {
        code = SDL_GetScancodeFromKey(static_cast<SDL_Keycode>(std::tolower(static_cast<unsigned char>(name[0]))));
        return code != SDL_SCANCODE_UNKNOWN;
    }
    return false;
}

void map_keys(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
    io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = SDL_SCANCODE_PAGEUP;
    io.KeyMap[ImGuiKey_PageDown] = SDL_SCANCODE_PAGEDOWN;
    io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
    io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
    io.KeyMap[ImGuiKey_Insert] = SDL_SCANCODE_INSERT;
    io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
    io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
    io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = SDL_SCANCODE_A;
    io.KeyMap[ImGuiKey_C] = SDL_SCANCODE_C;
    io.KeyMap[ImGuiKey_V] = SDL_SCANCODE_V;
    io.KeyMap[ImGuiKey_X] = SDL_SCANCODE_X;
    io.KeyMap[ImGuiKey_Y] = SDL_SCANCODE_Y;
    io.KeyMap[ImGuiKey_Z] = SDL_SCANCODE_Z;
}

// A calm light theme for long office use, sized from the body font.
void apply_style(float body_px) {
    ImGui::StyleColorsLight();
    auto& s = ImGui::GetStyle();
    float u = body_px / 18.0f;
    s.WindowPadding = ImVec2(16 * u, 14 * u);
    s.FramePadding = ImVec2(10 * u, 6 * u);
    s.ItemSpacing = ImVec2(10 * u, 8 * u);
    s.ItemInnerSpacing = ImVec2(8 * u, 6 * u);
    s.CellPadding = ImVec2(8 * u, 6 * u);
    s.ScrollbarSize = 16 * u;
    s.GrabMinSize = 14 * u;
    s.WindowRounding = 0;
    s.FrameRounding = 6 * u;
    s.ChildRounding = 8 * u;
    s.PopupRounding = 8 * u;
    s.GrabRounding = 6 * u;
    s.TabRounding = 6 * u;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;  // fields and tick boxes stand out from the white panels
    s.ChildBorderSize = 1;
    auto* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.957f, 0.941f, 1);  // warm paper
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.78f, 0.75f, 1);
    c[ImGuiCol_Text] = ImVec4(0.13f, 0.12f, 0.11f, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.40f, 0.38f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.99f, 0.95f, 0.93f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.98f, 0.92f, 0.89f, 1);
    c[ImGuiCol_Button] = ImVec4(0.93f, 0.91f, 0.88f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.97f, 0.86f, 0.82f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.93f, 0.76f, 0.70f, 1);
    c[ImGuiCol_Header] = ImVec4(0.98f, 0.89f, 0.85f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.99f, 0.93f, 0.90f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.97f, 0.84f, 0.79f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(0.66f, 0.13f, 0.11f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.94f, 0.92f, 0.89f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.985f, 0.98f, 0.97f, 1);
    c[ImGuiCol_PlotHistogram] = ImVec4(0.66f, 0.13f, 0.11f, 1);
    c[ImGuiCol_NavHighlight] = ImVec4(0.66f, 0.13f, 0.11f, 1);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.08f, 0.06f, 0.35f);
}

}  // namespace

GuiShell::~GuiShell() {
    layouter_.reset();
    fonts_.reset();
}

bool GuiShell::open(int w, int h, const std::string& first_text, const std::string& ui_text, std::string& error) {
    bool maximise = w <= 0 || h <= 0;
    if (!window_.start(maximise ? 1600 : w, maximise ? 1000 : h, error)) return false;
    // A desktop tool: text sized for reading at arm's length, not across a hall.
    float scale = std::clamp(std::min(window_.planned_width(), window_.planned_height()) / 1080.0f * 0.62f, 0.5f, 1.2f);
    ui_text_ = ui_text;
    kiosk::FontTexts texts;
    texts.ui = ui_text;
    texts.attract = first_text;  // the first frame is labelled in full, in its language
    texts.titles = ui_text;
    texts.display = "0123456789%.,";
    fonts_ = std::make_unique<FontSet>(scale, texts);
    if (!fonts_->open_files(error)) return false;
    fonts_->start_initial_build();
    if (!window_.open(error)) return false;
    if (!fonts_->finish_initial(error)) return false;
    fonts_->start_full_build(kiosk::GlWindow::wake);
    layouter_ = std::make_unique<TextLayouter>(*fonts_);
    auto& io = ImGui::GetIO();
    map_keys(io);
    io.ImeSetInputScreenPosFn = place_ime;
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.ConfigInputTextCursorBlink = true;
    apply_style(fonts_->size(FontRole::body));
    g_caret_height = fonts_->size(FontRole::lead) * 1.3f;
    started_ticks_ = SDL_GetTicks64();
    SDL_StopTextInput();  // the input method only while a text field has the focus
    return true;
}

void GuiShell::set_scripted(const std::string& log_path) {
    scripted_ = true;
    if (!log_path.empty()) log_.open(log_path);
}

Millis GuiShell::now() const {
    return scripted_ ? virtual_now_ : static_cast<Millis>(SDL_GetTicks64() - started_ticks_);
}

void GuiShell::handle_sdl_event(const SDL_Event& e) {
    auto& io = ImGui::GetIO();
    switch (e.type) {
        case SDL_QUIT: exit_ = true; break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) window_.on_resize();
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) exit_ = true;
            if (e.window.event == SDL_WINDOWEVENT_LEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            want_frames(2);
            break;
        default: break;
    }
    if (scripted_) {
        if (window_.is_wake(e)) want_frames(1);
        return;  // scripts bring their own input
    }
    switch (e.type) {
        case SDL_MOUSEMOTION: io.MousePos = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)); break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.button == SDL_BUTTON_LEFT)
                buttons_.push_back({e.type == SDL_MOUSEBUTTONDOWN, static_cast<float>(e.button.x), static_cast<float>(e.button.y)});
            if (e.button.button == SDL_BUTTON_RIGHT) io.MouseDown[1] = e.type == SDL_MOUSEBUTTONDOWN;
            break;
        case SDL_MOUSEWHEEL:
            io.MouseWheel += static_cast<float>(e.wheel.y);
            io.MouseWheelH += static_cast<float>(e.wheel.x);
            break;
        case SDL_TEXTINPUT:
            io.AddInputCharactersUTF8(e.text.text);
            ime_composition_.clear();
            break;
        case SDL_TEXTEDITING: ime_composition_ = e.edit.text; break;
        case SDL_DROPFILE:
            if (e.drop.file) {
                std::string path = e.drop.file;
                SDL_free(e.drop.file);
                if (content_) content_->file_dropped(path);
                want_frames(2);
            }
            break;
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            int code = e.key.keysym.scancode;
            if (code >= 0 && code < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[code] = e.type == SDL_KEYDOWN;
            auto mods = SDL_GetModState();
            io.KeyCtrl = mods & KMOD_CTRL;
            io.KeyShift = mods & KMOD_SHIFT;
            io.KeyAlt = mods & KMOD_ALT;
            break;
        }
        default: break;
    }
    want_frames(3);
}

void GuiShell::inject(const kiosk::InputEvent& ev) {
    auto& io = ImGui::GetIO();
    using Kind = kiosk::InputEvent::Kind;
    switch (ev.kind) {
        case Kind::pointer_down: buttons_.push_back({true, ev.x, ev.y}); break;
        case Kind::pointer_up: buttons_.push_back({false, ev.x, ev.y}); break;
        case Kind::pointer_move: io.MousePos = ImVec2(ev.x, ev.y); break;
        case Kind::text: io.AddInputCharactersUTF8(ev.text.c_str()); break;
        case Kind::key: {
            SDL_Scancode code;
            bool ctrl = false;
            if (!scancode_for(ev.key, code, ctrl)) {
                log_.write(now(), "unknown_key", {{"key", ev.key}});
                break;
            }
            // Down for one frame, then up: a press ImGui sees as one.
            io.KeyCtrl = ctrl;
            io.KeysDown[code] = true;
            draw_frame(16);
            io.KeysDown[code] = false;
            io.KeyCtrl = false;
            break;
        }
    }
    want_frames(3);
}

void GuiShell::apply_pending_input() {
    if (buttons_.empty()) return;
    auto& io = ImGui::GetIO();
    auto b = buttons_.front();
    buttons_.pop_front();
    io.MousePos = ImVec2(b.x, b.y);
    io.MouseDown[0] = b.down;
}

void GuiShell::refresh_fonts() {
    if (!content_) return;
    std::string add;
    std::set<char32_t> have;
    for (char32_t c : utf8::unique_code_points(font_text_)) have.insert(c);
    for (char32_t c : utf8::unique_code_points(content_->shown_text())) {
        if (c < 0x80 || c == utf8::kInvalid || have.count(c)) continue;
        if (fonts_->full_ready() && fonts_->font(FontRole::body)->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
        utf8::append(add, c);
    }
    if (add.empty()) return;
    font_text_ += add;
    kiosk::FontTexts texts;
    texts.ui = texts.attract = texts.titles = font_text_ + ui_text_;
    texts.content = font_text_;
    texts.display = "0123456789%.,";
    fonts_->rebuild_full(std::move(texts), kiosk::GlWindow::wake);
}

void GuiShell::draw_frame(Millis dt) {
    if (fonts_->install_if_ready()) layouter_->clear();
    apply_pending_input();
    auto& io = ImGui::GetIO();
    io.DeltaTime = std::max(0.001f, static_cast<float>(dt) / 1000.0f);
    window_.new_frame();
    targets_.clear();
    animating_ = false;
    if (content_) content_->draw(now());
    // The desktop input method's composition, drawn at the caret until it is committed.
    if (!ime_composition_.empty() && io.WantTextInput && g_caret.x >= 0) {
        auto* dl = ImGui::GetForegroundDrawList();
        ImFont* f = fonts_->font(FontRole::lead);
        ImVec2 sz = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, ime_composition_.c_str());
        ImVec2 at(g_caret.x, g_caret.y);
        dl->AddRectFilled(at, ImVec2(at.x + sz.x + 8, at.y + sz.y + 4), IM_COL32(255, 250, 230, 255), 4);
        dl->AddText(f, f->FontSize, ImVec2(at.x + 4, at.y + 2), IM_COL32(30, 30, 30, 255), ime_composition_.c_str());
        dl->AddLine(ImVec2(at.x + 4, at.y + sz.y + 1), ImVec2(at.x + 4 + sz.x, at.y + sz.y + 1), IM_COL32(30, 30, 30, 255));
    }
    ImGui::Render();
    if (io.WantTextInput != SDL_IsTextInputActive()) {
        if (io.WantTextInput) SDL_StartTextInput(); else SDL_StopTextInput();
    }
    // Scripted runs rasterise only what a shot captures, as the kiosk does (kiosk/app/kiosk_app.h).
    if (!scripted_ || capture_ || frames_ == 0) {
        window_.clear(ImGui::GetColorU32(ImGuiCol_WindowBg));
        window_.render(ImGui::GetDrawData());
        if (capture_) *capture_ = kiosk::read_frame(window_.width(), window_.height());
        window_.present();
    }
    last_targets_ = targets_;
    layouter_->trim();
    ++frames_;
    if (frames_pending_ > 0) --frames_pending_;
    // Button presses and releases are one a frame; ImGui settles popups a frame late.
    if (!buttons_.empty()) want_frames(2);
}

int GuiShell::run() {
    while (!exit_) {
        auto& io = ImGui::GetIO();
        bool busy = frames_pending_ > 0 || animating_ || !buttons_.empty();
        // A text field with the focus blinks its caret: about 30 frames a second, no more.
        int timeout = busy ? 0 : io.WantTextInput ? 33 : 500;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout)) {
            handle_sdl_event(e);
            while (SDL_PollEvent(&e)) handle_sdl_event(e);
        }
        if (content_ && content_->poll()) {
            refresh_fonts();
            want_frames(2);
        }
        if (fonts_->install_if_ready()) {
            layouter_->clear();
            want_frames(2);
        }
        Millis t = now();
        if (frames_pending_ > 0 || animating_ || !buttons_.empty() || io.WantTextInput) {
            draw_frame(std::max<Millis>(1, t - last_frame_at_));
            last_frame_at_ = t;
        }
    }
    return 0;
}

void GuiShell::advance(Millis ms) {
    Millis target = virtual_now_ + ms;
    while (virtual_now_ < target) {
        Millis step = std::min<Millis>(16, target - virtual_now_);
        virtual_now_ += step;
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        if (content_ && content_->poll()) {
            refresh_fonts();
            want_frames(2);
        }
        if (frames_pending_ > 0 || animating_ || !buttons_.empty()) draw_frame(step);
    }
}

bool GuiShell::settle(int max_real_ms) {
    std::uint64_t deadline = SDL_GetTicks64() + static_cast<std::uint64_t>(max_real_ms);
    while (SDL_GetTicks64() < deadline) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_sdl_event(e);
        if (content_ && content_->poll()) refresh_fonts();
        draw_frame(16);
        bool waiting = (content_ && content_->busy()) || !fonts_->full_ready();
        if (!waiting) {
            draw_frame(16);  // one more with everything in
            return true;
        }
        SDL_Delay(5);
    }
    return false;
}

bool GuiShell::await_sync(int max_real_ms) {
    // The admin tool's exchange with its hub: every request it started has its answer, and the
    // background work frames take in (the preview's fonts and images) is done. Frames go on being
    // drawn meanwhile, as they would for the operator, or that work would never be taken in.
    std::uint64_t deadline = SDL_GetTicks64() + static_cast<std::uint64_t>(max_real_ms);
    while (SDL_GetTicks64() < deadline) {
        if (content_ && content_->poll()) refresh_fonts();
        draw_frame(16);
        if (!content_ || !content_->busy()) return true;
        SDL_Delay(10);
    }
    return false;
}

bool GuiShell::screenshot(const std::string& path, const std::string& name) {
    kiosk::FramePixels frame;
    capture_ = &frame;
    draw_frame(16);
    capture_ = nullptr;
    log_.write(now(), "frame", {{"name", name}, {"screen", current_screen()}});
    return kiosk::write_png(frame, path);
}

std::string GuiShell::current_screen() const { return content_ ? content_->screen_name() : ""; }

}  // namespace lianxin::admin
