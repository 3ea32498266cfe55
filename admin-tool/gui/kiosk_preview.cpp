// The editor's live preview (see kiosk_preview.h): the kiosk's screens in an ImGui context and a
// framebuffer of their own.
#include "admin-tool/gui/kiosk_preview.h"

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <set>

#include "core/text/utf8.h"
#include "kiosk/app/font_texts.h"
#include "kiosk/platform/gl_window.h"
#include "kiosk/widgets/theme.h"
#include "kiosk/widgets/top_bar.h"

namespace lianxin::admin {

namespace {

// Restores the admin window's context however the preview's frame ends.
class ContextSwitch {
public:
    explicit ContextSwitch(ImGuiContext* to) : from_(ImGui::GetCurrentContext()) { ImGui::SetCurrentContext(to); }
    ~ContextSwitch() { ImGui::SetCurrentContext(from_); }
    ContextSwitch(const ContextSwitch&) = delete;
    ContextSwitch& operator=(const ContextSwitch&) = delete;

private:
    ImGuiContext* from_;
};

// The characters each of the fonts' texts asks for, role by role: a character typed into a title
// needs the title sizes even when the body size has it already.
std::vector<std::set<char32_t>> wanted(const kiosk::FontTexts& t) {
    std::vector<std::set<char32_t>> out;
    for (const std::string* s : {&t.ui, &t.attract, &t.content, &t.titles, &t.display}) {
        auto cps = utf8::unique_code_points(*s);
        out.emplace_back(cps.begin(), cps.end());
    }
    return out;
}

}  // namespace

KioskPreview::KioskPreview() : ctx_{} {}

KioskPreview::~KioskPreview() {
    if (!context_) return;
    {
        ContextSwitch in(context_);
        ui_.reset();
        images_.reset();
        layouter_.reset();
        fonts_.reset();
        ImGui_ImplOpenGL3_Shutdown();
    }
    ImGui::DestroyContext(context_);
    for (auto& v : views_) {
        if (v.framebuffer) glDeleteFramebuffers(1, &v.framebuffer);
        if (v.colour) glDeleteTextures(1, &v.colour);
    }
}

bool KioskPreview::start(std::string& error) {
    auto strings = StringTable::load(std::filesystem::path(LIANXIN_ASSETS_DIR) / "strings");
    if (!strings) {
        error = strings.error().detail;
        return false;
    }
    strings_ = std::move(*strings);
    context_ = ImGui::CreateContext();
    ContextSwitch in(context_);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 330 core");
    // As the kiosk's window does (kiosk/platform/gl_window.cpp): the backend's objects made with
    // the default atlas, whose texture then goes; the kiosk's fonts bring their own.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    // The kiosk's scale at its own size: both orientations are 1080 pixels on the short side.
    auto texts = kiosk::collect_font_texts(bundle_.content, strings_);
    covered_ = wanted(texts);
    fonts_ = std::make_unique<kiosk::FontSet>(1.0f, std::move(texts));
    if (!fonts_->open_files(error)) return false;
    fonts_->start_initial_build();
    if (!fonts_->finish_initial(error)) return false;
    fonts_->start_full_build(kiosk::GlWindow::wake);
    layouter_ = std::make_unique<kiosk::TextLayouter>(*fonts_);
    images_ = std::make_unique<kiosk::ImageCache>(std::shared_ptr<const kiosk::ImageCache::MediaMap>(), [] {
        kiosk::GlWindow::wake();
    });
    ui_ = std::make_unique<kiosk::Ui>(*fonts_, *layouter_, *images_, strings_);
    ui_->set_audit(&audit_);
    pointer_ = std::make_unique<kiosk::PointerTracker>(kiosk::theme::drag_threshold);
    auto clock = [this] { return last_at_; };
    services_ = std::make_unique<kiosk::KioskServices>(config_, bundle_, strings_, log_, kiosk::GlWindow::wake, clock);
    visit_ = std::make_unique<kiosk::Visit>(lang_, log_, clock);
    ctx_ = kiosk::AppContext{services_.get(), visit_.get(), &nav_, this};
    make_screen();
    return true;
}

bool KioskPreview::fonts_complete() const { return fonts_ && fonts_->full_ready(); }

void KioskPreview::set_content(const ContentSet& content, std::shared_ptr<const kiosk::ImageCache::MediaMap> media) {
    bundle_.content = content;
    if (images_ && media != media_) images_->reset(media);
    media_ = std::move(media);
    dirty_[0] = dirty_[1] = true;
    if (!context_) return;
    refresh_fonts();
    make_screen();  // screens keep pointers into the content they were made with
}

void KioskPreview::refresh_fonts() {
    auto texts = kiosk::collect_font_texts(bundle_.content, strings_);
    auto want = wanted(texts);
    bool missing = covered_.size() != want.size();
    for (std::size_t i = 0; !missing && i < want.size(); ++i)
        missing = !std::includes(covered_[i].begin(), covered_[i].end(), want[i].begin(), want[i].end());
    if (!missing) return;
    covered_ = std::move(want);
    fonts_->rebuild_full(std::move(texts), kiosk::GlWindow::wake);
}

void KioskPreview::show(const PreviewPage& page) {
    if (page == page_) return;
    page_ = page;
    dirty_[0] = dirty_[1] = true;
    if (context_) make_screen();
}

void KioskPreview::set_lang(Lang lang) {
    if (lang == lang_) return;
    lang_ = lang;
    if (visit_) visit_->set_language(lang);
    dirty_[0] = dirty_[1] = true;
}

void KioskPreview::make_screen() {
    using K = PreviewPage::Kind;
    const ContentSet& c = bundle_.content;
    std::unique_ptr<kiosk::Screen> s;
    auto has = [](const auto& list, const std::string& id) {
        return std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.id == id; });
    };
    switch (page_.kind) {
        case K::attract: s = kiosk::make_attract_screen(ctx_); break;
        case K::home: s = kiosk::make_home_screen(ctx_); break;
        case K::timeline:
            s = kiosk::make_timeline_screen(ctx_, std::clamp(page_.article, 0, std::max(0, static_cast<int>(c.timeline.size()) - 1)));
            break;
        case K::figures: s = kiosk::make_figures_screen(ctx_); break;
        case K::consultations: s = kiosk::make_consultations_screen(ctx_); break;
        case K::section:
            if (has(c.sections, page_.id)) s = kiosk::make_section_screen(ctx_, page_.id);
            break;
        case K::exhibit:
            if (has(c.exhibits, page_.id)) s = kiosk::make_exhibit_screen(ctx_, page_.id);
            break;
        case K::draft:
            if (has(c.consultations, page_.id)) s = kiosk::make_draft_screen(ctx_, page_.id, page_.article);
            break;
    }
    // An id the content no longer has (renamed while typing): home, rather than nothing.
    if (!s) s = kiosk::make_home_screen(ctx_);
    nav_.reset_to(std::move(s));
    nav_.apply();
    dirty_[0] = dirty_[1] = true;
}

void KioskPreview::ensure_target(View& v, bool portrait) {
    if (v.framebuffer) return;
    ImVec2 sz = size(portrait);
    glGenFramebuffers(1, &v.framebuffer);
    glGenTextures(1, &v.colour);
    GLint bound_tex = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound_tex);
    glBindTexture(GL_TEXTURE_2D, v.colour);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, static_cast<GLsizei>(sz.x), static_cast<GLsizei>(sz.y), 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, nullptr);
    // Shown at a third of its size or so: mipmaps keep the small text legible, not shimmering.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound_tex));
    GLint bound = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    glBindFramebuffer(GL_FRAMEBUFFER, v.framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, v.colour, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound));
}

ImTextureID KioskPreview::texture(bool portrait) const {
    return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(views_[portrait].colour));
}

bool KioskPreview::busy() const { return !fonts_ || !fonts_->full_ready() || (images_ && images_->busy()); }

bool KioskPreview::render(Millis now, bool shown_portrait) {
    if (!context_) return false;
    ContextSwitch in(context_);
    if (fonts_->install_if_ready()) {
        layouter_->clear();  // lines measured with the previous atlas are stale
        dirty_[0] = dirty_[1] = true;
    }
    if (images_->pump()) dirty_[0] = dirty_[1] = true;
    // A thumbnail in a desktop tool: ten frames a second are plenty for what moves.
    if ((animating_ && now >= last_at_ + 100) || (wake_at_ >= 0 && now >= wake_at_)) dirty_[0] = dirty_[1] = true;
    bool first = dirty_[shown_portrait];
    bool portrait = first ? shown_portrait : !shown_portrait;
    if (!dirty_[portrait]) return false;
    dirty_[portrait] = false;
    last_at_ = now;
    layouter_->trim();
    draw_view(portrait, now);
    ++frames_;
    return first;
}

void KioskPreview::draw_view(bool portrait, Millis now) {
    View& v = views_[portrait];
    ensure_target(v, portrait);
    ImVec2 sz = size(portrait);
    auto& io = ImGui::GetIO();
    io.DisplaySize = sz;
    io.DeltaTime = 1.0f / 30.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    kiosk::Screen* screen = nav_.current();
    kiosk::Ui& ui = *ui_;
    ui.begin_frame(ImGui::GetBackgroundDrawList(), ImGui::GetForegroundDrawList(), sz, now, *pointer_, lang_);
    ui.set_input_enabled(false);  // a picture of the kiosk: the operator edits in the form beside it
    ImRect area(ImVec2(0, 0), sz);
    if (!screen->full_screen()) {
        kiosk::draw_top_bar(ui, false, ui.pick(bundle_.content.hall.name));
        area.Min.y = kiosk::top_bar_height(ui);
    }
    screen->draw(ui, area);
    ImGui::Render();
    animating_ = ui.wants_animation();
    wake_at_ = ui.wake_time();
    pointer_->end_frame();
    nav_.apply();
    v.faults = audit_.geometry_faults();
    v.shown = audit_.shown_texts();

    GLint bound = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    glBindFramebuffer(GL_FRAMEBUFFER, v.framebuffer);
    glViewport(0, 0, static_cast<GLsizei>(sz.x), static_cast<GLsizei>(sz.y));
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(screen->background());
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(bound));
    glBindTexture(GL_TEXTURE_2D, v.colour);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace lianxin::admin
