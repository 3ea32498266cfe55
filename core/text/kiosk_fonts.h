// The typefaces the kiosk draws every string with (one definition for the kiosk's atlas, the
// take-home cards and content check), and which characters they can really draw: FreeType's
// character map of those faces, and the rules for text a 16-bit, left-to-right atlas can show.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

struct FontFace {
    const char* path;
    int index;  // face index inside a .ttc collection
};

// Noto Sans CJK, face 2 of each collection = Simplified Chinese.
inline constexpr FontFace kKioskRegularFace{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2};
inline constexpr FontFace kKioskBoldFace{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2};

// The characters every one of a set of faces maps to a glyph. The kiosk's atlas holds 16-bit
// ImWchar code points, so only the Basic Multilingual Plane counts.
class GlyphCoverage {
public:
    // io if a face cannot be opened (the detail names the file and the package to install).
    static Result<GlyphCoverage> of_faces(const std::vector<FontFace>& faces);
    // The kiosk's regular and bold faces, read once per process (thread-safe).
    static const Result<GlyphCoverage>& kiosk();

    bool has(char32_t c) const { return c < kPlane && bits_.test(c); }
    std::size_t size() const { return bits_.count(); }

private:
    static constexpr std::size_t kPlane = 0x10000;
    std::bitset<kPlane> bits_;
};

// Why a character cannot be shown, most basic reason first.
enum class UndrawableKind {
    invalid_utf8,   // a byte sequence that is not UTF-8 (including encoded surrogates)
    control,        // C0/C1 control characters and DEL (newline and tab allowed in running text)
    invisible,      // formatting characters: bidi marks and overrides, zero-width, soft hyphen, BOM
    right_to_left,  // letters of right-to-left scripts: the kiosk lays text out left to right only
    private_use,    // private-use and unassigned code points, noncharacters: no agreed meaning
    above_bmp,      // above U+FFFF: a 16-bit glyph atlas cannot hold it (emoji, CJK extensions)
    no_glyph,       // the faces have no glyph for it (e.g. Tibetan, Uyghur)
};

struct UndrawableChar {
    UndrawableKind kind;
    char32_t code_point;      // the byte's value for invalid_utf8
    std::size_t byte_offset;  // where it starts in the text
    int distinct_others;      // how many other distinct characters in the text are undrawable too
    // "U+0F40 'ཀ' (TIBETAN LETTER KA), which the kiosk's font cannot draw"; invisible and control
    // characters are named but never printed.
    std::string describe() const;
};

// The first character of `text` the kiosk cannot show, if any. `running_text` allows line
// breaks and tabs (multi-line fields, Markdown bodies). A null `coverage` skips the glyph test
// only (for a caller that has already reported why the faces could not be read).
std::optional<UndrawableChar> find_undrawable(std::string_view text, const GlyphCoverage* coverage,
                                              bool running_text);

}  // namespace lianxin
