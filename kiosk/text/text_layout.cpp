// Text layout over core's line breaking (see text_layout.h).
#include "kiosk/text/text_layout.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/text/line_breaking.h"
#include "core/text/utf8.h"

namespace lianxin::kiosk {

namespace {

constexpr std::size_t kCacheEntries = 600;

std::string cache_key(const std::vector<TextRun>& runs, float max_width, const TextLayoutOptions& opt) {
    std::string key;
    for (auto& r : runs) {
        key += std::to_string(static_cast<int>(r.role));
        key += ':';
        key += std::to_string(r.color);
        key += ':';
        key += std::to_string(r.text.size());
        key += ':';
        key += r.text;
    }
    key += '|';
    key += std::to_string(static_cast<int>(max_width));
    key += '|';
    key += std::to_string(opt.max_lines);
    key += opt.center ? 'c' : 'l';
    key += opt.ellipsis_chosen ? 'e' : '-';
    key += std::to_string(static_cast<int>(opt.line_spacing * 100));
    return key;
}

}  // namespace

float TextLayouter::measure(const std::string& text, FontRole role) {
    ImFont* f = fonts_.font(role);
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

const TextLayout& TextLayouter::layout(const std::string& text, FontRole role, ImU32 color, float max_width,
                                       const TextLayoutOptions& opt) {
    return layout(std::vector<TextRun>{TextRun{text, role, color}}, max_width, opt);
}

const TextLayout& TextLayouter::layout(const std::vector<TextRun>& runs, float max_width, const TextLayoutOptions& opt) {
    ++tick_;
    std::string key = cache_key(runs, max_width, opt);
    if (auto it = cache_.find(key); it != cache_.end()) {
        it->second.last_used = tick_;
        return it->second.layout;
    }

    TextLayout out;
    out.ellipsis_chosen = opt.ellipsis_chosen;
    float max_size = 0;
    for (auto& r : runs) {
        out.run_start.push_back(out.text.size());
        out.text += r.text;
        out.runs.push_back(TextRun{{}, r.role, r.color});
        max_size = std::max(max_size, fonts_.size(r.role));
    }
    out.run_start.push_back(out.text.size());
    out.line_height = std::round(max_size * opt.line_spacing);
    out.ascent_pad = std::round((out.line_height - max_size) / 2);

    // Splits [b, e) at run boundaries and calls fn(run, b', e').
    auto for_pieces = [&](std::size_t b, std::size_t e, auto&& fn) {
        for (std::size_t r = 0; r < out.runs.size() && b < e; ++r) {
            std::size_t rb = std::max(b, out.run_start[r]), re = std::min(e, out.run_start[r + 1]);
            if (rb < re) fn(static_cast<int>(r), rb, re);
        }
    };
    auto measure = [&](std::size_t b, std::size_t e) {
        float w = 0;
        for_pieces(b, e, [&](int r, std::size_t pb, std::size_t pe) {
            ImFont* f = fonts_.font(out.runs[static_cast<std::size_t>(r)].role);
            w += f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, out.text.data() + pb, out.text.data() + pe).x;
        });
        return w;
    };

    auto breaks = line_break_opportunities(out.text);
    auto spans = fill_lines(out.text, breaks, std::max(1.0f, max_width), measure);
    if (opt.max_lines > 0 && static_cast<int>(spans.size()) > opt.max_lines) {
        spans.resize(static_cast<std::size_t>(opt.max_lines));
        out.truncated = true;
        // Make room for the ellipsis on the last line, cutting whole code points.
        auto& last = spans.back();
        const std::string ell = "\xE2\x80\xA6";
        float ell_w = fonts_.font(out.runs.back().role)->CalcTextSizeA(
                                          fonts_.size(out.runs.back().role), FLT_MAX, 0, ell.c_str()).x;
        while (last.end > last.begin && measure(last.begin, last.end) + ell_w > max_width) {
            std::size_t i = last.end - 1;
            while (i > last.begin && (static_cast<unsigned char>(out.text[i]) & 0xC0) == 0x80) --i;
            last.end = i;
        }
        last.width = measure(last.begin, last.end) + ell_w;
    }

    float y = 0;
    for (std::size_t li = 0; li < spans.size(); ++li) {
        auto& s = spans[li];
        TextLayout::Line line;
        line.y = y;
        line.width = s.width;
        float x = opt.center ? std::round((max_width - s.width) / 2) : 0;
        for_pieces(s.begin, s.end, [&](int r, std::size_t pb, std::size_t pe) {
            line.pieces.push_back({pb, pe, r, x});
            x += measure(pb, pe);
        });
        out.width = std::max(out.width, s.width);
        out.lines.push_back(std::move(line));
        y += out.line_height;
    }
    if (out.truncated && !out.lines.empty()) {
        auto& line = out.lines.back();
        float x = line.pieces.empty() ? 0 : line.pieces.back().x + measure(line.pieces.back().begin, line.pieces.back().end);
        std::size_t at = out.text.size();
        out.text += "\xE2\x80\xA6";
        line.pieces.push_back({at, out.text.size(), static_cast<int>(out.runs.size()) - 1, x});
    }
    out.height = out.lines.empty() ? 0 : y;

    auto [it, inserted] = cache_.emplace(std::move(key), Entry{std::move(out), tick_});
    return it->second.layout;
}

void TextLayouter::trim() {
    if (cache_.size() <= kCacheEntries) return;
    std::vector<unsigned long long> ages;
    for (auto& [k, e] : cache_) ages.push_back(e.last_used);
    std::nth_element(ages.begin(), ages.begin() + static_cast<long>(cache_.size() - kCacheEntries / 2), ages.end());
    unsigned long long cutoff = ages[cache_.size() - kCacheEntries / 2];
    std::erase_if(cache_, [&](auto& kv) { return kv.second.last_used < cutoff; });
}

void draw_text(ImDrawList* dl, const FontSet& fonts, const TextLayout& layout, ImVec2 pos, float alpha) {
    for (auto& line : layout.lines) {
        for (auto& p : line.pieces) {
            auto& run = layout.runs[static_cast<std::size_t>(p.run)];
            ImFont* f = fonts.font(run.role);
            ImU32 col = run.color;
            if (alpha < 1.0f) {
                unsigned a = static_cast<unsigned>(((col >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f));
                col = (col & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
            }
            // Runs smaller than the line's largest font sit near the shared baseline.
            float dy = layout.ascent_pad + (layout.line_height - 2 * layout.ascent_pad - f->FontSize) * 0.8f;
            dl->AddText(f, f->FontSize, ImVec2(pos.x + p.x, pos.y + line.y + dy), col,
                        layout.text.data() + p.begin, layout.text.data() + p.end);
        }
    }
}

}  // namespace lianxin::kiosk
