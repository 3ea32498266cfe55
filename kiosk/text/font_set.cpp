// Font atlas building in two stages with FreeType (see font_set.h for why).
#include "kiosk/text/font_set.h"

#include <fcntl.h>
#include <malloc.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>

#include <spdlog/spdlog.h>

#include "core/text/gb2312.h"
#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"
#include "kiosk/platform/gl_texture.h"

namespace lianxin::kiosk {

namespace {
// The faces are defined in core, so content check tests characters against these very faces.
static_assert(kKioskRegularFace.index == kKioskBoldFace.index, "one face index for both weights");

const FontSpec kSpecs[] = {
    {24, false},   // caption
    {30, false},   // body
    {36, false},   // lead
    {46, true},    // heading
    {64, true},    // title
    {112, true},   // display
};
}  // namespace

const FontSpec& font_spec(FontRole role) { return kSpecs[static_cast<int>(role)]; }

std::shared_ptr<MappedFont> MappedFont::open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st{};
    if (fstat(fd, &st) != 0 || st.st_size <= 0) { ::close(fd); return nullptr; }
    void* p = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return nullptr;
    auto f = std::shared_ptr<MappedFont>(new MappedFont);
    f->data_ = p;
    f->size_ = static_cast<std::size_t>(st.st_size);
    return f;
}

MappedFont::~MappedFont() {
    if (data_) munmap(data_, size_);
}

void MappedFont::release_resident_pages() const {
    if (data_) madvise(data_, size_, MADV_DONTNEED);
}

FontSet::FontSet(float ui_scale, FontTexts texts) : scale_(ui_scale), texts_(std::move(texts)) {}

FontSet::~FontSet() {
    if (initial_worker_.joinable()) initial_worker_.join();
    if (worker_.joinable()) worker_.join();
    delete_texture(texture_);
    if (context_atlas_set_aside_ && ImGui::GetCurrentContext() && ImGui::GetIO().Fonts == atlas_.get()) {
        ImGui::GetIO().Fonts = context_atlas_;
        ImGui::GetIO().FontDefault = nullptr;
    }
}

bool FontSet::open_files(std::string& error) {
    regular_ = MappedFont::open(kKioskRegularFace.path);
    bold_ = MappedFont::open(kKioskBoldFace.path);
    if (!regular_ || !bold_) {
        error = std::string("cannot open Noto Sans CJK (") + kKioskRegularFace.path + "); install fonts-noto-cjk";
        return false;
    }
    return true;
}

float FontSet::size(FontRole role) const { return std::round(font_spec(role).px * scale_); }

std::unique_ptr<ImFontAtlas> FontSet::build_atlas(bool full) const {
    auto atlas = std::make_unique<ImFontAtlas>();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
    atlas->TexGlyphPadding = 1;

    // Ranges must stay alive until Build(); one vector per role.
    std::vector<ImVector<ImWchar>> ranges(static_cast<int>(FontRole::count));
    static const ImWchar ascii[] = {0x0020, 0x007E, 0};
    static const ImWchar latin[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x3000, 0x303F, 0xFF01, 0xFF5E, 0};
    for (int r = 0; r < static_cast<int>(FontRole::count); ++r) {
        auto role = static_cast<FontRole>(r);
        // The attract screen draws no body or display text: stage 1 skips those two faces.
        if (!full && (role == FontRole::body || role == FontRole::display)) continue;
        ImFontGlyphRangesBuilder b;
        if (!full) {
            // Stage 1 is on the launch path: only what the attract screen draws.
            b.AddRanges(ascii);
            b.AddText(texts_.attract.c_str());
        } else {
            b.AddRanges(latin);
            b.AddText(texts_.ui.c_str());
            if (role == FontRole::display) {
                b.AddText(texts_.display.c_str());
            } else if (role == FontRole::heading || role == FontRole::title) {
                b.AddText(texts_.attract.c_str());
                b.AddText(texts_.titles.c_str());
            } else {
                b.AddText(texts_.content.c_str());
                // The input size covers everything a visitor can enter by pinyin or handwriting.
                if (role == FontRole::lead) b.AddText(gb2312_characters().c_str());
            }
        }
        b.BuildRanges(&ranges[r]);

        auto& spec = font_spec(role);
        auto& file = spec.bold ? bold_ : regular_;
        ImFontConfig cfg;
        cfg.FontData = file->data();
        cfg.FontDataSize = file->size();
        cfg.FontDataOwnedByAtlas = false;
        cfg.FontNo = (spec.bold ? kKioskBoldFace : kKioskRegularFace).index;
        cfg.SizePixels = size(role);
        cfg.GlyphRanges = ranges[r].Data;
        cfg.PixelSnapH = true;
        cfg.OversampleH = cfg.OversampleV = 1;
        std::snprintf(cfg.Name, sizeof cfg.Name, "noto-%d-%s", r, full ? "full" : "initial");
        atlas->AddFont(&cfg);
    }
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&px, &w, &h);  // builds
    return atlas;
}

void FontSet::install(std::unique_ptr<ImFontAtlas> atlas) {
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&px, &w, &h);
    unsigned tex = upload_alpha_texture(w, h, px);
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)));
    atlas->ClearTexData();
    atlas->ClearInputData();
    if (!context_atlas_set_aside_) {
        context_atlas_ = ImGui::GetIO().Fonts;
        context_atlas_set_aside_ = true;
    }
    ImGui::GetIO().Fonts = atlas.get();
    ImGui::GetIO().FontDefault = nullptr;
    delete_texture(texture_);
    texture_ = tex;
    atlas_w_ = w;
    atlas_h_ = h;
    glyph_count_ = 0;
    // Fonts are in role order; a stage-1 atlas lacks body and display, which stand in with
    // the nearest size it has until the full atlas arrives.
    int k = 0;
    for (int r = 0; r < static_cast<int>(FontRole::count); ++r) {
        bool present = atlas->Fonts.Size == static_cast<int>(FontRole::count) ||
                       (r != static_cast<int>(FontRole::body) && r != static_cast<int>(FontRole::display));
        fonts_[r] = present ? atlas->Fonts[k++] : nullptr;
    }
    if (!fonts_[static_cast<int>(FontRole::body)]) fonts_[static_cast<int>(FontRole::body)] = fonts_[static_cast<int>(FontRole::caption)];
    if (!fonts_[static_cast<int>(FontRole::display)]) fonts_[static_cast<int>(FontRole::display)] = fonts_[static_cast<int>(FontRole::title)];
    for (auto* f : atlas->Fonts) glyph_count_ += f->Glyphs.Size;
    atlas_ = std::move(atlas);  // the old atlas (and its ImFont pointers) dies here
}

void FontSet::start_initial_build() {
    initial_worker_ = std::thread([this] { initial_ = build_atlas(false); });
}

bool FontSet::finish_initial(std::string& error) {
    if (initial_worker_.joinable()) initial_worker_.join();
    if (!initial_ || !initial_->IsBuilt()) { error = "the font atlas could not be built"; return false; }
    install(std::move(initial_));
    return true;
}

void FontSet::start_full_build(void (*on_ready)()) {
    worker_ = std::thread([this, on_ready] {
        auto atlas = build_atlas(true);
        {
            std::lock_guard lock(mutex_);
            pending_ = std::move(atlas);
        }
        if (on_ready) on_ready();
    });
}

void FontSet::rebuild_full(FontTexts texts, void (*on_ready)()) {
    if (worker_.joinable()) worker_.join();
    {
        std::lock_guard lock(mutex_);
        pending_.reset();  // an atlas for the old content is of no use now
    }
    texts_ = std::move(texts);
    full_installed_ = false;
    start_full_build(on_ready);
}

bool FontSet::install_if_ready() {
    std::unique_ptr<ImFontAtlas> ready;
    {
        std::lock_guard lock(mutex_);
        ready = std::move(pending_);
    }
    if (!ready) return false;
    if (worker_.joinable()) worker_.join();
    if (!ready->IsBuilt()) {
        // Keep the working first atlas rather than install an empty one.
        spdlog::error("the full font atlas could not be built; keeping the first one");
        full_installed_ = true;
        return false;
    }
    install(std::move(ready));
    full_installed_ = true;
    regular_->release_resident_pages();
    bold_->release_resident_pages();
    malloc_trim(0);  // the build's scratch memory, on the worker's arena, goes back to the system
    return true;
}

std::vector<char32_t> missing_glyphs(ImFont* font, const std::string& text) {
    std::vector<char32_t> missing;
    for (char32_t c : utf8::unique_code_points(text)) {
        if (c < 0x20 || c > 0xFFFF || c == utf8::kInvalid) continue;
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.push_back(c);
    }
    return missing;
}

}  // namespace lianxin::kiosk
