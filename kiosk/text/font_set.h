// The kiosk's fonts: Noto Sans CJK (Simplified Chinese face) at the few sizes the UI uses,
// built into an alpha-only atlas in two stages so the first frame never waits for the full set:
//   stage 1 (on a worker while the main thread warms up GL, before the first frame): only the
//           characters of the attract screen;
//   stage 2 (on a worker thread): every character of the bundle and UI strings, plus GB2312 at
//           the input size, swapped in between frames when ready.
#pragma once

#include <imgui.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lianxin::kiosk {

enum class FontRole { caption, body, lead, heading, title, display, count };

struct FontSpec {
    float px;   // at UI scale 1 (1080 px short side)
    bool bold;
};
const FontSpec& font_spec(FontRole role);

// A read-only memory map of a font file, shared by atlas builds on any thread.
class MappedFont {
public:
    static std::shared_ptr<MappedFont> open(const std::string& path);
    ~MappedFont();
    void* data() const { return data_; }
    int size() const { return static_cast<int>(size_); }
    void release_resident_pages() const;  // after the last build: drop what FreeType touched

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

struct FontTexts {
    std::string ui;        // every UI string
    std::string attract;   // what the attract screen shows first
    std::string content;   // every visible string of the bundle
    std::string titles;    // strings shown at heading/title sizes
    std::string display;   // strings shown at the display size (figures, years)
};

class FontSet {
public:
    FontSet(float ui_scale, FontTexts texts);
    ~FontSet();

    bool open_files(std::string& error);
    // Stage 1 builds on a worker; finish_initial() waits for it and installs it (GL thread),
    // after which fonts are usable. Returns false on failure.
    void start_initial_build();
    bool finish_initial(std::string& error);
    void start_full_build(void (*on_ready)());  // worker thread; on_ready runs on the worker
    // New content: builds the full set again for `texts` on the worker; the current atlas serves
    // until install_if_ready() swaps the new one in.
    void rebuild_full(FontTexts texts, void (*on_ready)());
    // Installs the stage-2 atlas if it is ready; call between frames. True when it swapped.
    bool install_if_ready();
    bool full_ready() const { return full_installed_; }

    ImFont* font(FontRole role) const { return fonts_[static_cast<int>(role)]; }
    float size(FontRole role) const;
    float scale() const { return scale_; }
    int atlas_glyphs() const { return glyph_count_; }
    int atlas_width() const { return atlas_w_; }
    int atlas_height() const { return atlas_h_; }

private:
    std::unique_ptr<ImFontAtlas> build_atlas(bool full) const;
    void install(std::unique_ptr<ImFontAtlas> atlas);

    float scale_;
    FontTexts texts_;
    std::shared_ptr<MappedFont> regular_, bold_;
    std::unique_ptr<ImFontAtlas> atlas_;
    // The atlas ImGui::CreateContext made and owns, set aside while ours is installed and given
    // back on destruction, so that ImGui::DestroyContext frees it (else it leaks at every exit).
    ImFontAtlas* context_atlas_ = nullptr;
    bool context_atlas_set_aside_ = false;
    unsigned texture_ = 0;
    ImFont* fonts_[static_cast<int>(FontRole::count)] = {};
    int glyph_count_ = 0, atlas_w_ = 0, atlas_h_ = 0;

    std::thread initial_worker_;
    std::unique_ptr<ImFontAtlas> initial_;
    std::thread worker_;
    std::mutex mutex_;
    std::unique_ptr<ImFontAtlas> pending_;
    std::atomic<bool> full_installed_{false};
};

// Whether every code point of `text` (up to U+FFFF) has a glyph in `font` at this atlas.
std::vector<char32_t> missing_glyphs(ImFont* font, const std::string& text);

}  // namespace lianxin::kiosk
