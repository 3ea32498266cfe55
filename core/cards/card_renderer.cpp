// Take-home cards drawn in core: FreeType glyphs from Noto Sans CJK, lines wrapped with our UAX #14
// breaker, and the QR code pasted at whole pixels a module so it stays crisp. Three layouts: a
// landscape screen card, an A6 portrait card at 300 dpi and a black-and-white thermal receipt.
//
// Sections: palette and metrics · fonts (FreeType) · canvas · text layout · the three layouts ·
// render_card / write_card_png.
#include "core/cards/card_renderer.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>

#include <stb/stb_image_write.h>

#include "core/base/files.h"
#include "core/text/line_breaking.h"
#include "core/text/utf8.h"
#include "core/tokens/qr_code.h"

namespace lianxin {

const char* card_format_name(CardFormat f) {
    switch (f) {
        case CardFormat::screen: return "screen";
        case CardFormat::a6: return "a6";
        case CardFormat::receipt: return "receipt";
    }
    return "?";
}

bool parse_card_format(std::string_view s, CardFormat& out) {
    for (auto f : {CardFormat::screen, CardFormat::a6, CardFormat::receipt})
        if (s == card_format_name(f)) { out = f; return true; }
    return false;
}

namespace {

// ---- palette and metrics ----------------------------------------------------------------------

struct Rgb {
    std::uint8_t r, g, b;
};
constexpr Rgb rgb(unsigned hex) {
    return {static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8), static_cast<std::uint8_t>(hex)};
}

// The kiosk's palette (kiosk/widgets/theme.h, which core cannot include), so a card matches the
// screen it came from. The receipt printer only has black.
struct Palette {
    Rgb paper, frame, accent, heading, ink, muted;
};
constexpr Palette kColour{rgb(0xFFFFFF), rgb(0xB8322A), rgb(0xD9A441), rgb(0x8E1F1A), rgb(0x2A2522), rgb(0x6B625B)};
constexpr Palette kThermal{rgb(0xFFFFFF), rgb(0x000000), rgb(0x000000), rgb(0x000000), rgb(0x000000), rgb(0x000000)};
constexpr Rgb kQrDark = rgb(0x000000);  // QR modules: pure black on pure white, whatever the palette

// The QR symbol (without its quiet zone) is made as large as possible at whole pixels a module
// without passing `symbol_px`; the symbol with its quiet zone stays within `total_px`.
struct QrBox {
    int symbol_px, total_px;
};
constexpr QrBox kScreenQr{420, 480};
constexpr QrBox kA6Qr{590, 1000};      // 50 mm at 300 dpi
constexpr QrBox kReceiptQr{360, 536};  // 45 mm at 203 dpi, inside the 576 px paper with margins

int module_px_for(const QrCode& qr, QrBox box) {
    int by_symbol = box.symbol_px / qr.size;
    int by_total = box.total_px / (qr.size + 2 * kQrQuietModules);
    return std::max(1, std::min(by_symbol, by_total));
}

// ---- fonts (FreeType) ---------------------------------------------------------------------------

constexpr FT_Long kSimplifiedChineseFace = kKioskRegularFace.index;  // the kiosk's, in either collection

struct Glyph {
    int left = 0, top = 0, width = 0, height = 0;
    float advance = 0;
    std::vector<std::uint8_t> coverage;  // width × height, 0…255
};

// A regular and a bold face, with rendered glyphs cached per (weight, size, code point). One per
// render_card call: FreeType objects are not shared between threads.
class Fonts {
public:
    Fonts() = default;
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;
    ~Fonts() {
        for (auto* f : faces_)
            if (f) FT_Done_Face(f);
        if (lib_) FT_Done_FreeType(lib_);
    }

    Status open(const CardFonts& paths, bool mono) {
        mono_ = mono;
        if (FT_Init_FreeType(&lib_) != 0) return Error{ErrorCode::io, "FreeType failed to start"};
        const std::filesystem::path* p[2] = {&paths.regular, &paths.bold};
        for (int i = 0; i < 2; ++i) {
            if (FT_New_Face(lib_, p[i]->c_str(), kSimplifiedChineseFace, &faces_[i]) != 0) {
                faces_[i] = nullptr;
                return Error{ErrorCode::io, "cannot open the font " + p[i]->string() +
                                                " (face 2, Simplified Chinese): install fonts-noto-cjk, or give "
                                                "the path of NotoSansCJK-" + (i ? "Bold" : "Regular") + ".ttc"};
            }
        }
        return ok_status();
    }

    const Glyph& glyph(bool bold, int px, char32_t cp) {
        auto key = std::make_tuple(bold, px, cp);
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        Glyph& g = cache_[key];
        FT_Face face = faces_[bold ? 1 : 0];
        // Characters the font lacks draw nothing (rather than the .notdef box); control
        // characters, including the newlines the line breaker has already acted on, too.
        FT_UInt index = cp < 0x20 ? 0 : FT_Get_Char_Index(face, cp);
        if (index == 0) return g;
        if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px)) != 0) return g;
        if (FT_Load_Glyph(face, index, mono_ ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_LIGHT) != 0) return g;
        if (FT_Render_Glyph(face->glyph, mono_ ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL) != 0) return g;
        const FT_GlyphSlot slot = face->glyph;
        g.advance = static_cast<float>(slot->linearHoriAdvance) / 65536.0f;
        const FT_Bitmap& bm = slot->bitmap;
        g.left = slot->bitmap_left;
        g.top = slot->bitmap_top;
        g.width = static_cast<int>(bm.width);
        g.height = static_cast<int>(bm.rows);
        g.coverage.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
        for (int y = 0; y < g.height; ++y) {
            const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
            for (int x = 0; x < g.width; ++x) {
                std::uint8_t c = bm.pixel_mode == FT_PIXEL_MODE_MONO ? ((row[x >> 3] >> (7 - (x & 7))) & 1 ? 255 : 0)
                                                                     : row[x];
                g.coverage[static_cast<std::size_t>(y) * g.width + x] = c;
            }
        }
        return g;
    }

private:
    FT_Library lib_ = nullptr;
    FT_Face faces_[2] = {nullptr, nullptr};
    bool mono_ = false;
    std::map<std::tuple<bool, int, char32_t>, Glyph> cache_;
};

// ---- canvas -----------------------------------------------------------------------------------

struct Box {
    int x = 0, y = 0, w = 0, h = 0;
};

// Where things are drawn. With no image it only measures, so the receipt can be laid out once to
// find its height and again to draw.
class Canvas {
public:
    explicit Canvas(RgbImage* image) : img_(image) {}
    bool measuring() const { return img_ == nullptr; }

    void fill(int x, int y, int w, int h, Rgb c) {
        if (!img_) return;
        int x0 = std::max(0, x), y0 = std::max(0, y);
        int x1 = std::min(img_->width, x + w), y1 = std::min(img_->height, y + h);
        for (int j = y0; j < y1; ++j)
            for (int i = x0; i < x1; ++i) put(i, j, c);
    }

    void stroke(int x, int y, int w, int h, int t, Rgb c) {
        fill(x, y, w, t, c);
        fill(x, y + h - t, w, t, c);
        fill(x, y, t, h, c);
        fill(x + w - t, y, t, h, c);
    }

    void draw_glyph(const Glyph& g, int pen_x, int baseline, Rgb c) {
        if (!img_) return;
        for (int j = 0; j < g.height; ++j) {
            int y = baseline - g.top + j;
            if (y < 0 || y >= img_->height) continue;
            for (int i = 0; i < g.width; ++i) {
                int x = pen_x + g.left + i;
                if (x < 0 || x >= img_->width) continue;
                if (std::uint8_t a = g.coverage[static_cast<std::size_t>(j) * g.width + i]) blend(x, y, c, a);
            }
        }
    }

    // Whole pixels a module, no filtering: every module edge is a sharp black/white step.
    void draw_qr(const QrCode& qr, int module_px, int x, int y) {
        const int quiet = kQrQuietModules * module_px;
        fill(x, y, (qr.size * module_px) + 2 * quiet, (qr.size * module_px) + 2 * quiet, rgb(0xFFFFFF));
        for (int my = 0; my < qr.size; ++my)
            for (int mx = 0; mx < qr.size; ++mx)
                if (qr.dark(mx, my))
                    fill(x + quiet + mx * module_px, y + quiet + my * module_px, module_px, module_px, kQrDark);
    }

private:
    std::uint8_t* at(int x, int y) {
        return &img_->pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img_->width) + x) * 3];
    }
    void put(int x, int y, Rgb c) {
        auto* p = at(x, y);
        p[0] = c.r; p[1] = c.g; p[2] = c.b;
    }
    void blend(int x, int y, Rgb c, std::uint8_t a) {
        auto* p = at(x, y);
        auto mix = [a](std::uint8_t dst, std::uint8_t src) {
            return static_cast<std::uint8_t>((dst * (255 - a) + src * a + 127) / 255);
        };
        p[0] = mix(p[0], c.r); p[1] = mix(p[1], c.g); p[2] = mix(p[2], c.b);
    }

    RgbImage* img_;
};

// ---- text layout ------------------------------------------------------------------------------

enum class Align { left, centre };

constexpr float kDashCell = 0.75f;  // a dash's cell, in cells: groups stay apart but not far apart

struct Style {
    bool bold = false;
    int px = 24;
    Rgb colour{};
    float leading = 1.4f;  // line pitch in em
};

int line_pitch(const Style& s) { return static_cast<int>(std::lround(s.px * s.leading)); }

class Typesetter {
public:
    Typesetter(Fonts& fonts, Canvas& canvas) : fonts_(fonts), canvas_(canvas) {}

    float width(std::string_view text, const Style& s) {
        float w = 0;
        for (std::size_t i = 0; i < text.size();) w += fonts_.glyph(s.bold, s.px, utf8::next(text, i)).advance;
        return w;
    }

    // Wrapped at UAX #14 opportunities; a paragraph longer than `max_lines` ends in "…".
    std::vector<std::string> wrap(std::string_view text, const Style& s, float max_width, int max_lines) {
        std::vector<std::string> out;
        if (text.empty() || max_lines <= 0) return out;
        auto spans = fill_lines(text, line_break_opportunities(text), max_width,
                                [&](std::size_t b, std::size_t e) { return width(text.substr(b, e - b), s); });
        for (const auto& sp : spans) out.emplace_back(text.substr(sp.begin, sp.end - sp.begin));
        if (static_cast<int>(out.size()) > max_lines) {
            out.resize(static_cast<std::size_t>(max_lines));
            out.back() = ellipsized(out.back(), s, max_width);
        }
        return out;
    }

    // A bilingual line "中文 / English" that needs wrapping breaks at its " / ", each language
    // starting a line of its own, rather than wherever the width runs out.
    std::vector<std::string> wrap_bilingual(std::string_view text, const Style& s, float max_width, int max_lines) {
        constexpr std::string_view kSep = " / ";
        auto sep = text.find(kSep);
        if (sep == std::string_view::npos || width(text, s) <= max_width) return wrap(text, s, max_width, max_lines);
        auto out = wrap(text.substr(0, sep), s, max_width, max_lines);
        auto rest = wrap(text.substr(sep + kSep.size()), s, max_width, max_lines - static_cast<int>(out.size()));
        out.insert(out.end(), rest.begin(), rest.end());
        return out;
    }

    void draw_line(std::string_view text, const Style& s, float x, int top) {
        // Ideographs sit in an em box 0.88 em above the baseline; the line's spare leading is
        // shared above and below it.
        int baseline = top + (line_pitch(s) - s.px) / 2 + static_cast<int>(std::lround(0.88 * s.px));
        float pen = x;
        for (std::size_t i = 0; i < text.size();) {
            const Glyph& g = fonts_.glyph(s.bold, s.px, utf8::next(text, i));
            canvas_.draw_glyph(g, static_cast<int>(std::lround(pen)), baseline, s.colour);
            pen += g.advance;
        }
    }

    // Lays out and draws a paragraph from `top`; returns the y below it and grows `box`.
    int paragraph(std::string_view text, const Style& s, int x, int width_px, int top, Align align, int max_lines,
                  Box* box = nullptr) {
        auto lines = wrap(text, s, static_cast<float>(width_px), max_lines);
        int y = top;
        for (const auto& line : lines) {
            float w = width(line, s);
            float lx = align == Align::centre ? static_cast<float>(x) + (static_cast<float>(width_px) - w) / 2
                                              : static_cast<float>(x);
            draw_line(line, s, lx, y);
            if (box) grow(*box, {static_cast<int>(lx), y, static_cast<int>(std::ceil(w)), line_pitch(s)});
            y += line_pitch(s);
        }
        return y;
    }

    // Body paragraphs from `top` down to `bottom`, `gap` apart. What does not fit is dropped and
    // the last line kept ends in "…", so a card never loses text without showing it. Returns the
    // bottom of the last line drawn (`top` if none).
    int body(const std::vector<std::string>& paragraphs, const Style& s, int x, int width_px, int top, int bottom,
             int gap, Align align) {
        struct Line { std::string text; bool ends_paragraph; };
        std::vector<Line> all;
        for (const auto& p : paragraphs) {
            auto lines = wrap_bilingual(p, s, static_cast<float>(width_px), 1000);
            for (std::size_t i = 0; i < lines.size(); ++i) all.push_back({lines[i], i + 1 == lines.size()});
        }
        std::size_t fit = 0;
        for (int y = top; fit < all.size() && y + line_pitch(s) <= bottom; ++fit)
            y += line_pitch(s) + (all[fit].ends_paragraph ? gap : 0);
        if (fit < all.size() && fit > 0) all[fit - 1].text = ellipsized(all[fit - 1].text, s, static_cast<float>(width_px));
        int y = top, end = top;
        for (std::size_t i = 0; i < fit; ++i) {
            float w = width(all[i].text, s);
            float lx = align == Align::centre ? static_cast<float>(x) + (static_cast<float>(width_px) - w) / 2
                                              : static_cast<float>(x);
            draw_line(all[i].text, s, lx, y);
            end = y + line_pitch(s);
            y = end + (all[i].ends_paragraph ? gap : 0);
        }
        return end;
    }

    // The short code or serial, one character a fixed cell wide (monospace-like, so groups line
    // up and are easy to read aloud; dashes get a narrower cell), shrunk to fit `max_width`.
    int code(std::string_view text, Style s, int centre_x, int max_width, int top, Box* box) {
        if (text.empty()) return top;
        auto is_dash = [](char32_t c) { return c == '-' || c == ' '; };
        float cell = 0, total = 0;
        for (;;) {
            cell = 0;
            int cells = 0, dashes = 0;
            for (std::size_t i = 0; i < text.size();) {
                char32_t c = utf8::next(text, i);
                if (is_dash(c)) { ++dashes; continue; }
                ++cells;
                cell = std::max(cell, fonts_.glyph(s.bold, s.px, c).advance);
            }
            cell += 0.08f * static_cast<float>(s.px);
            total = cell * (static_cast<float>(cells) + kDashCell * static_cast<float>(dashes));
            if (total <= static_cast<float>(max_width) || s.px <= 12) break;
            s.px -= 2;
        }
        float x = static_cast<float>(centre_x) - total / 2;
        int baseline = top + (line_pitch(s) - s.px) / 2 + static_cast<int>(std::lround(0.88 * s.px));
        if (box) grow(*box, {static_cast<int>(x), top, static_cast<int>(std::ceil(total)), line_pitch(s)});
        for (std::size_t i = 0; i < text.size();) {
            char32_t c = utf8::next(text, i);
            const Glyph& g = fonts_.glyph(s.bold, s.px, c);
            float w = is_dash(c) ? cell * kDashCell : cell;
            canvas_.draw_glyph(g, static_cast<int>(std::lround(x + (w - g.advance) / 2)), baseline, s.colour);
            x += w;
        }
        return top + line_pitch(s);
    }

    Fonts& fonts() { return fonts_; }

    static void grow(Box& b, Box r) {
        if (b.w == 0 || b.h == 0) { b = r; return; }
        int x1 = std::max(b.x + b.w, r.x + r.w), y1 = std::max(b.y + b.h, r.y + r.h);
        b.x = std::min(b.x, r.x); b.y = std::min(b.y, r.y);
        b.w = x1 - b.x; b.h = y1 - b.y;
    }

private:
    std::string ellipsized(std::string line, const Style& s, float max_width) {
        static const std::string kEllipsis = "…";
        while (!line.empty() && width(line + kEllipsis, s) > max_width) {
            std::size_t i = line.size() - 1;
            while (i > 0 && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;  // whole code points
            line.resize(i);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        return line + kEllipsis;
    }

    Fonts& fonts_;
    Canvas& canvas_;
};

// ---- the three layouts ------------------------------------------------------------------------

struct Placed {
    Box heading, qr, code;
    int module_px = 0;
    int height = 0;  // what the layout used (the receipt's height)
};

// Screen, 1200 × 750: text on the left half, the QR code with its code and footer on the right.
Placed lay_out_screen(const CardContent& card, const QrCode& qr, Typesetter& ts, Canvas& cv) {
    constexpr int W = 1200, H = 750;
    const Palette& p = kColour;
    Placed out;
    out.height = H;
    cv.fill(0, 0, W, H, p.paper);
    cv.stroke(20, 20, W - 40, H - 40, 4, p.frame);
    if (card.kind == CardContent::Kind::certificate) cv.stroke(32, 32, W - 64, H - 64, 2, p.accent);

    const int x = 80, width = 540, bottom = H - 72;
    // The left column is drawn twice: measured first, so a short one (a passport has no body
    // lines) sits level with the QR code instead of hanging at the top.
    auto left_column = [&](Typesetter& t, Canvas& c, int y, Box* heading) {
        y = t.paragraph(card.hall_zh, {false, 26, p.frame, 1.4f}, x, width, y, Align::left, 2);
        y = t.paragraph(card.hall_en, {false, 20, p.muted, 1.4f}, x, width, y, Align::left, 2);
        if (!card.hall_zh.empty() || !card.hall_en.empty()) y += 30;
        y = t.paragraph(card.heading_zh, {true, 58, p.heading, 1.25f}, x, width, y, Align::left, 2, heading);
        y = t.paragraph(card.heading_en, {true, 32, p.ink, 1.3f}, x, width, y, Align::left, 2, heading);
        y += 22;
        c.fill(x, y, 88, 5, p.accent);
        int end = y + 5;
        if (int b = t.body(card.lines, {false, 25, p.ink, 1.5f}, x, width, end + 30, bottom, 8, Align::left); b > end + 30)
            end = b;  // body lines drawn
        return end;
    };
    constexpr int kTop = 76;
    Canvas measure(nullptr);
    Typesetter measure_ts(ts.fonts(), measure);
    const int used = left_column(measure_ts, measure, kTop, nullptr) - kTop;
    left_column(ts, cv, std::max(kTop, (H - used) / 2), &out.heading);

    out.module_px = module_px_for(qr, kScreenQr);
    const int total = (qr.size + 2 * kQrQuietModules) * out.module_px;
    const Style code{true, 40, p.ink, 1.3f}, footer{false, 21, p.muted, 1.4f};
    const int block = total + (card.code.empty() ? 0 : line_pitch(code)) + line_pitch(footer);
    const int cx = 900, top = (H - block) / 2;
    cv.draw_qr(qr, out.module_px, cx - total / 2, top);
    out.qr = {cx - total / 2, top, total, total};
    // The quiet zone already leaves white below the symbol; the code sits right under it.
    int y = ts.code(card.code, code, cx, 440, top + total, &out.code);
    ts.paragraph("扫码查验 · Scan to verify", footer, cx - 250, 500, std::max(y, top + total), Align::centre, 1);
    return out;
}

struct ColumnMetrics {
    int width, margin, top, bottom_pad;
    int frame_inset, frame_px, accent_inset, accent_px;
    int hall_zh, hall_en, heading_zh, heading_en, body, code, footer;  // px
    int gap_after_hall, gap_after_heading, rule_w, rule_h, gap_after_rule, gap_before_qr;
    QrBox qr;
    bool thermal;
};

constexpr ColumnMetrics kA6{1240, 116, 128, 104, 44, 9, 66, 4,
                            40, 31, 96, 54, 40, 64, 31,
                            44, 34, 140, 7, 46, 40, kA6Qr, false};
constexpr ColumnMetrics kReceipt{576, 24, 40, 28, 16, 4, 0, 0,
                                 24, 20, 46, 28, 24, 38, 20,
                                 22, 20, 120, 3, 22, 14, kReceiptQr, true};

// A6 portrait and the receipt: one centred column. The A6 card has a fixed height, so the QR
// block sits at the bottom and the body lines fill what is left; the receipt is as tall as needed.
Placed lay_out_column(const CardContent& card, const QrCode& qr, const ColumnMetrics& m, int fixed_height,
                      Typesetter& ts, Canvas& cv) {
    const Palette& p = m.thermal ? kThermal : kColour;
    Placed out;
    const int W = m.width, x = m.margin, width = W - 2 * m.margin;
    if (fixed_height > 0) {
        cv.fill(0, 0, W, fixed_height, p.paper);
        cv.stroke(m.frame_inset, m.frame_inset, W - 2 * m.frame_inset, fixed_height - 2 * m.frame_inset, m.frame_px,
                  p.frame);
        if (card.kind == CardContent::Kind::certificate && m.accent_px > 0)
            cv.stroke(m.accent_inset, m.accent_inset, W - 2 * m.accent_inset, fixed_height - 2 * m.accent_inset,
                      m.accent_px, p.accent);
    } else {
        // Thermal paper: a rule across the top (and one at the end) instead of a frame.
        cv.fill(m.frame_inset, m.frame_inset, W - 2 * m.frame_inset, m.frame_px, p.frame);
    }

    int y = m.top;
    if (m.thermal) {  // on a receipt the heading comes first: it is what the slip is
        y = ts.paragraph(card.heading_zh, {true, m.heading_zh, p.heading, 1.3f}, x, width, y, Align::centre, 2, &out.heading);
        y = ts.paragraph(card.heading_en, {true, m.heading_en, p.ink, 1.3f}, x, width, y, Align::centre, 2, &out.heading);
        y += m.gap_after_heading / 2;
        y = ts.paragraph(card.hall_zh, {false, m.hall_zh, p.ink, 1.4f}, x, width, y, Align::centre, 3);
        y = ts.paragraph(card.hall_en, {false, m.hall_en, p.ink, 1.4f}, x, width, y, Align::centre, 3);
        y += m.gap_after_hall / 2;
    } else {
        y = ts.paragraph(card.hall_zh, {false, m.hall_zh, p.frame, 1.4f}, x, width, y, Align::centre, 2);
        y = ts.paragraph(card.hall_en, {false, m.hall_en, p.muted, 1.4f}, x, width, y, Align::centre, 2);
        if (!card.hall_zh.empty() || !card.hall_en.empty()) y += m.gap_after_hall;
        y = ts.paragraph(card.heading_zh, {true, m.heading_zh, p.heading, 1.25f}, x, width, y, Align::centre, 2, &out.heading);
        y = ts.paragraph(card.heading_en, {true, m.heading_en, p.ink, 1.3f}, x, width, y, Align::centre, 2, &out.heading);
        y += m.gap_after_heading;
    }
    cv.fill((W - m.rule_w) / 2, y, m.rule_w, m.rule_h, p.accent);
    y += m.rule_h + m.gap_after_rule;

    out.module_px = module_px_for(qr, m.qr);
    const int total = (qr.size + 2 * kQrQuietModules) * out.module_px;
    const Style code{true, m.code, p.ink, 1.3f}, footer{false, m.footer, p.muted, 1.4f};
    const int under_qr = (card.code.empty() ? 0 : line_pitch(code)) + line_pitch(footer);
    // Where the QR block starts: fixed at the bottom of the A6 card, after the text on a receipt.
    const int qr_fixed_top = fixed_height > 0 ? fixed_height - m.bottom_pad - under_qr - total : 0;

    const Style body{false, m.body, p.ink, 1.45f};
    const int limit = fixed_height > 0 ? qr_fixed_top - m.gap_before_qr : y + 40 * line_pitch(body);
    if (!card.lines.empty()) y = ts.body(card.lines, body, x, width, y, limit, line_pitch(body) / 4, Align::centre);
    else y -= m.gap_after_rule / 2;  // nothing between the rule and the QR code: less space

    // On the A6 card the QR block is centred in the room the text left, so a card with few lines
    // has no hole above its code; on a receipt it simply follows the text.
    int top = fixed_height > 0 ? std::max(y + m.gap_before_qr, qr_fixed_top - (qr_fixed_top - m.gap_before_qr - y) / 2)
                               : y + m.gap_before_qr;
    cv.draw_qr(qr, out.module_px, (W - total) / 2, top);
    out.qr = {(W - total) / 2, top, total, total};
    y = ts.code(card.code, code, W / 2, width, top + total, &out.code);
    y = ts.paragraph("扫码查验 · Scan to verify", footer, x, width, std::max(y, top + total), Align::centre, 1);
    if (fixed_height > 0) {
        out.height = fixed_height;
    } else {
        y += m.bottom_pad / 2;
        cv.fill(m.frame_inset, y, W - 2 * m.frame_inset, m.frame_px, p.frame);
        out.height = y + m.frame_px + m.bottom_pad;
    }
    return out;
}

Placed lay_out(const CardContent& card, CardFormat format, const QrCode& qr, Typesetter& ts, Canvas& cv) {
    switch (format) {
        case CardFormat::screen: return lay_out_screen(card, qr, ts, cv);
        case CardFormat::a6: return lay_out_column(card, qr, kA6, 1748, ts, cv);
        case CardFormat::receipt: return lay_out_column(card, qr, kReceipt, 0, ts, cv);
    }
    return {};
}

CardBox to_card_box(Box b) { return {b.x, b.y, b.w, b.h}; }

}  // namespace

Result<RgbImage> render_card(const CardContent& card, CardFormat format, const CardFonts& fonts, CardLayout* layout) {
    auto qr = encode_qr(card.qr_text, kQrMaxVersion);
    if (!qr) {
        auto e = qr.error();
        e.detail = "the card's QR code cannot hold its text: " + e.detail;
        return e;
    }
    Fonts faces;
    // A thermal printer has no grey: its glyphs are rendered as 1-bit bitmaps, hinted for that.
    if (auto st = faces.open(fonts, format == CardFormat::receipt); !st) return st.error();

    int height = format == CardFormat::screen ? 750 : 1748;
    if (format == CardFormat::receipt) {
        Canvas measure(nullptr);
        Typesetter ts(faces, measure);
        height = lay_out(card, format, *qr, ts, measure).height;
    }
    RgbImage img;
    img.width = format == CardFormat::screen ? 1200 : format == CardFormat::a6 ? 1240 : 576;
    img.height = height;
    img.pixels.assign(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 3, 255);
    Canvas canvas(&img);
    Typesetter ts(faces, canvas);
    Placed placed = lay_out(card, format, *qr, ts, canvas);
    if (layout) {
        layout->heading = to_card_box(placed.heading);
        layout->qr = to_card_box(placed.qr);
        layout->code = to_card_box(placed.code);
        layout->qr_version = qr->version;
        layout->module_px = placed.module_px;
    }
    return img;
}

Status write_card_png(const std::filesystem::path& path, const RgbImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3)
        return Error{ErrorCode::invalid_input, path.string() + ": empty or inconsistent image"};
    std::string png;
    auto append = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &png, image.width, image.height, 3, image.pixels.data(), image.width * 3))
        return Error{ErrorCode::io, path.string() + ": PNG encoding failed"};
    return write_file_atomic(path, png);
}

}  // namespace lianxin
