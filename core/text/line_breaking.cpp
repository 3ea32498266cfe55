// Line breaking with ICU (UAX #14) and greedy filling.
#include "core/text/line_breaking.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <memory>

#include "core/text/utf8.h"

namespace lianxin {

namespace {

struct BreakIter {
    UBreakIterator* it = nullptr;
    BreakIter() {
        UErrorCode err = U_ZERO_ERROR;
        it = ubrk_open(UBRK_LINE, "zh_CN", nullptr, 0, &err);
        if (U_FAILURE(err)) it = nullptr;
    }
    ~BreakIter() { if (it) ubrk_close(it); }
};

bool is_space_byte(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::vector<BreakOpportunity> line_break_opportunities(std::string_view s) {
    std::vector<BreakOpportunity> out;
    thread_local BreakIter iter;  // opening an ICU iterator costs far more than reusing one
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &err);
    if (iter.it && U_SUCCESS(err)) {
        ubrk_setUText(iter.it, ut, &err);
        if (U_SUCCESS(err)) {
            for (int32_t p = ubrk_following(iter.it, 0); p != UBRK_DONE; p = ubrk_next(iter.it)) {
                bool hard = ubrk_getRuleStatus(iter.it) >= UBRK_LINE_HARD && ubrk_getRuleStatus(iter.it) < UBRK_LINE_HARD_LIMIT;
                out.push_back({static_cast<std::size_t>(p), hard});
            }
        }
    }
    utext_close(ut);
    if (out.empty() || out.back().pos != s.size()) out.push_back({s.size(), false});
    return out;
}

std::vector<LineSpan> fill_lines(std::string_view s, const std::vector<BreakOpportunity>& breaks, float max_width,
                                 const MeasureFn& measure) {
    std::vector<LineSpan> lines;
    auto trim_end = [&](std::size_t b, std::size_t e) {
        while (e > b && (is_space_byte(s[e - 1]) || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
        return e;
    };
    std::size_t start = 0;
    std::size_t k = 0;
    while (start < s.size() || (lines.empty() && s.empty())) {
        if (s.empty()) { lines.push_back({0, 0, 0}); break; }
        std::size_t best = 0;  // end of the longest run of segments that fits
        float best_w = 0;
        bool hard = false;
        while (k < breaks.size() && breaks[k].pos <= start) ++k;
        std::size_t j = k;
        for (; j < breaks.size(); ++j) {
            std::size_t e = trim_end(start, breaks[j].pos);
            float w = measure(start, e);
            if (w > max_width && best != 0) break;
            if (w > max_width) {
                // One segment is wider than the line: split it between code points.
                std::size_t cut = start, i = start;
                float cw = 0;
                while (i < e) {
                    std::size_t n = i;
                    utf8::next(s, n);
                    float nw = measure(start, n);
                    if (nw > max_width && cut > start) break;
                    cut = n; cw = nw; i = n;
                }
                best = cut; best_w = cw;
                break;
            }
            best = breaks[j].pos; best_w = w;
            if (breaks[j].mandatory) { hard = true; ++j; break; }
        }
        if (best == 0 || best <= start) best = s.size(), best_w = measure(start, trim_end(start, s.size()));
        lines.push_back({start, trim_end(start, best), best_w});
        start = best;
        (void)hard;
        // A trailing hard break leaves no empty last line; leading spaces of a wrapped line go.
        while (start < s.size() && is_space_byte(s[start])) ++start;
    }
    return lines;
}

}  // namespace lianxin
