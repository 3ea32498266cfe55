// Glyph coverage from FreeType's character map of the kiosk's faces, and the character rules
// (ICU's Unicode properties) for text the kiosk can draw as written.
#include "core/text/kiosk_fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unicode/uchar.h>

#include <cstdio>
#include <memory>
#include <set>

#include "core/text/utf8.h"

namespace lianxin {

Result<GlyphCoverage> GlyphCoverage::of_faces(const std::vector<FontFace>& faces) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) return Error{ErrorCode::io, "FreeType failed to start"};
    std::unique_ptr<FT_LibraryRec_, FT_Error (*)(FT_Library)> lib_guard(lib, FT_Done_FreeType);
    GlyphCoverage out;
    bool first = true;
    for (auto& f : faces) {
        FT_Face face = nullptr;
        if (FT_New_Face(lib, f.path, f.index, &face) != 0)
            return Error{ErrorCode::io, std::string("cannot open the font ") + f.path + " (face " +
                                            std::to_string(f.index) + "): install fonts-noto-cjk"};
        std::unique_ptr<FT_FaceRec_, FT_Error (*)(FT_Face)> face_guard(face, FT_Done_Face);
        if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0)
            return Error{ErrorCode::io, std::string("the font ") + f.path + " has no Unicode character map"};
        std::bitset<kPlane> bits;
        FT_UInt glyph = 0;
        for (FT_ULong c = FT_Get_First_Char(face, &glyph); glyph != 0; c = FT_Get_Next_Char(face, c, &glyph))
            if (c < kPlane) bits.set(c);
        // A character counts only when every face draws it: the same string may be a bold title
        // on one screen and regular text on another.
        out.bits_ = first ? bits : (out.bits_ & bits);
        first = false;
    }
    return out;
}

const Result<GlyphCoverage>& GlyphCoverage::kiosk() {
    static const Result<GlyphCoverage> coverage = of_faces({kKioskRegularFace, kKioskBoldFace});
    return coverage;
}

namespace {

std::string character_name(char32_t c) {
    char buf[256];
    for (auto choice : {U_UNICODE_CHAR_NAME, U_CHAR_NAME_ALIAS}) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = u_charName(static_cast<UChar32>(c), choice, buf, sizeof buf, &err);
        if (U_SUCCESS(err) && n > 0) return std::string(buf, static_cast<std::size_t>(n));
    }
    return {};
}

UndrawableKind classify(char32_t c, const GlyphCoverage* coverage, bool running_text, bool& drawable) {
    drawable = false;
    auto type = u_charType(static_cast<UChar32>(c));
    if (type == U_CONTROL_CHAR) {
        drawable = running_text && (c == '\n' || c == '\t' || c == '\r');
        return UndrawableKind::control;
    }
    // Line and paragraph separators are invisible to the kiosk's layout, which breaks at '\n' only.
    if (type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR)
        return UndrawableKind::invisible;
    if (type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE)
        return UndrawableKind::private_use;
    auto dir = u_charDirection(static_cast<UChar32>(c));
    if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC) return UndrawableKind::right_to_left;
    if (c > 0xFFFF) return UndrawableKind::above_bmp;
    drawable = !coverage || coverage->has(c);
    return UndrawableKind::no_glyph;
}

}  // namespace

std::optional<UndrawableChar> find_undrawable(std::string_view text, const GlyphCoverage* coverage,
                                              bool running_text) {
    std::optional<UndrawableChar> first;
    std::set<char32_t> others;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t at = i;
        char32_t c = utf8::next(text, i);
        bool drawable = false;
        UndrawableKind kind;
        if (c == utf8::kInvalid && text.substr(at, 3) != "\xEF\xBF\xBD") {
            kind = UndrawableKind::invalid_utf8;
            c = static_cast<unsigned char>(text[at]);
        } else {
            kind = classify(c, coverage, running_text, drawable);
        }
        if (drawable) continue;
        if (!first) first = UndrawableChar{kind, c, at, 0};
        else if (kind != UndrawableKind::invalid_utf8 && c != first->code_point) others.insert(c);
        // Once the text is known not to be UTF-8, the rest of it is not worth reading as characters.
        if (kind == UndrawableKind::invalid_utf8) break;
    }
    if (first) first->distinct_others = static_cast<int>(others.size());
    return first;
}

std::string UndrawableChar::describe() const {
    char hex[16];
    if (kind == UndrawableKind::invalid_utf8) {
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(code_point));
        return std::string("is not valid UTF-8 (byte ") + hex + ")";
    }
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code_point));
    std::string s = std::string("contains ") + hex;
    // Invisible, control and private-use characters are named but never printed: they would not
    // show, or would disturb the terminal the message is read in.
    bool printable = kind == UndrawableKind::no_glyph || kind == UndrawableKind::above_bmp ||
                     kind == UndrawableKind::right_to_left;
    if (printable) {
        std::string ch;
        utf8::append(ch, code_point);
        s += " '" + ch + "'";
    }
    auto name = character_name(code_point);
    if (!name.empty()) s += " (" + name + ")";
    switch (kind) {
        case UndrawableKind::control: s += ", a control character the kiosk cannot draw"; break;
        case UndrawableKind::invisible:
            s += ", an invisible formatting character: the kiosk draws text as written, without bidirectional "
                 "reordering or hyphenation";
            break;
        case UndrawableKind::right_to_left: s += ", a right-to-left letter: the kiosk lays text out left to right only"; break;
        case UndrawableKind::private_use: s += ", a private-use or unassigned code point with no agreed meaning"; break;
        case UndrawableKind::above_bmp: s += ", which the kiosk cannot draw (characters above U+FFFF)"; break;
        case UndrawableKind::no_glyph: s += ", which the kiosk's font cannot draw"; break;
        case UndrawableKind::invalid_utf8: break;
    }
    if (distinct_others > 0)
        s += " (and " + std::to_string(distinct_others) + " other character" + (distinct_others == 1 ? "" : "s") +
             " it cannot show)";
    return s;
}

}  // namespace lianxin
