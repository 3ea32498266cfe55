// The editor's live preview: the kiosk's own screens (kiosk/screens/), drawn by the kiosk's own
// code from the content being edited, before it is built or published, at the kiosk's real sizes
// (1920×1080 and 1080×1920, both drawn each time) into textures the admin window shows scaled down. It runs in an ImGui
// context of its own, with the kiosk's fonts at the kiosk's scale, so nothing of the admin
// window's look leaks in, and the kiosk's layout check (kiosk/widgets/layout_audit.h) judges
// every frame, so the editor can say "this title will be cut on portrait screens".
#pragma once

#include <imgui.h>

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "core/base/millis.h"
#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "kiosk/screens/screen.h"
#include "kiosk/widgets/image_cache.h"
#include "kiosk/widgets/layout_audit.h"

struct ImGuiContext;

namespace lianxin::admin {

// Which kiosk screen the preview shows: the one the edited item appears on.
struct PreviewPage {
    enum class Kind { attract, home, section, exhibit, timeline, figures, consultations, draft };
    Kind kind = Kind::home;
    std::string id;  // the section, exhibit or consultation
    int article = 0;  // for a draft: the article shown, by its place in the draft; for the timeline: the event
    bool operator==(const PreviewPage&) const = default;
};

class KioskPreview : private kiosk::AppShell {
public:
    KioskPreview();
    ~KioskPreview() override;
    KioskPreview(const KioskPreview&) = delete;
    KioskPreview& operator=(const KioskPreview&) = delete;

    // On the GL thread, with the admin window's ImGui context current: the kiosk's strings, a
    // context of its own, the kiosk's fonts (the full set builds on a worker).
    bool start(std::string& error);

    // The content to draw, and its images by media name (shared with the editor; a new map
    // drops the decoded images, the same one keeps them).
    void set_content(const ContentSet& content, std::shared_ptr<const kiosk::ImageCache::MediaMap> media);
    void show(const PreviewPage& page);
    void set_lang(Lang lang);
    Lang lang() const { return lang_; }

    // Draws into their textures what changed since the last time (content, page, language,
    // fonts or images arriving, an animation): the orientation the operator looks at
    // (`shown_portrait`) at once, the other one on the next call, so a keystroke waits for one
    // kiosk frame, not two. Returns whether the shown one was drawn; `more()` says whether the
    // other still waits. Switches ImGui contexts and back: callable in the middle of the admin
    // window's frame.
    bool render(Millis now, bool shown_portrait);
    bool more() const { return dirty_[0] || dirty_[1]; }
    // The screen moves (a slide fading, a pager settling): another frame is wanted soon.
    bool animating() const { return animating_; }
    ImTextureID texture(bool portrait) const;
    static ImVec2 size(bool portrait) { return portrait ? ImVec2(1080, 1920) : ImVec2(1920, 1080); }
    // The layout check's faults in the last frame drawn, in the kiosk's pixels.
    const std::vector<kiosk::LayoutFault>& faults(bool portrait) const { return views_[portrait].faults; }
    // Texts a visitor sees in the last frame (tests read them).
    const std::vector<std::string>& shown(bool portrait) const { return views_[portrait].shown; }
    // The fonts for newly typed characters, or images, are still on their way.
    bool busy() const;
    long long frames() const { return frames_; }

private:
    // kiosk::AppShell: the preview has no maintenance gesture and never exits.
    const kiosk::KioskStatus& status() const override { return status_; }
    void logo_tapped() override {}
    bool fonts_complete() const override;
    void request_exit() override {}

    struct View {
        unsigned framebuffer = 0, colour = 0;
        std::vector<kiosk::LayoutFault> faults;
        std::vector<std::string> shown;
    };
    void make_screen();
    void refresh_fonts();
    void draw_view(bool portrait, Millis now);
    void ensure_target(View& v, bool portrait);

    StringTable strings_;
    KioskConfig config_;
    LoadedBundle bundle_;
    kiosk::EventLog log_;
    kiosk::KioskStatus status_;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<kiosk::FontSet> fonts_;
    std::unique_ptr<kiosk::TextLayouter> layouter_;
    std::unique_ptr<kiosk::ImageCache> images_;
    std::unique_ptr<kiosk::Ui> ui_;
    std::unique_ptr<kiosk::PointerTracker> pointer_;
    std::unique_ptr<kiosk::KioskServices> services_;
    std::unique_ptr<kiosk::Visit> visit_;
    kiosk::Navigator nav_;
    kiosk::AppContext ctx_;
    kiosk::LayoutAudit audit_;
    View views_[2];  // landscape, portrait
    std::shared_ptr<const kiosk::ImageCache::MediaMap> media_;
    std::vector<std::set<char32_t>> covered_;  // per font text, the characters the fonts were built for

    PreviewPage page_;
    Lang lang_ = Lang::zh;
    bool dirty_[2] = {true, true};  // landscape, portrait
    Millis wake_at_ = -1;
    bool animating_ = false;
    long long frames_ = 0;
    Millis last_at_ = 0;
};

}  // namespace lianxin::admin
