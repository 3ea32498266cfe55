// Line breaking for mixed Chinese/English text: break opportunities from ICU's UAX #14
// iterator (which keeps Chinese punctuation off line starts and ends) and greedy line filling
// against a caller-supplied width measure, so core needs no font code.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace lianxin {

struct BreakOpportunity {
    std::size_t pos;  // byte offset where a new line may start; the last one is text.size()
    bool mandatory;   // a hard break (newline) ends the line here
};

std::vector<BreakOpportunity> line_break_opportunities(std::string_view utf8);

struct LineSpan {
    std::size_t begin, end;  // bytes; `end` excludes trailing spaces and the newline
    float width;
};

// Width of text[begin, end) in the caller's units.
using MeasureFn = std::function<float(std::size_t begin, std::size_t end)>;

// Greedy fill: as many break-separated segments per line as fit in max_width; a segment
// wider than a whole line is split between code points.
std::vector<LineSpan> fill_lines(std::string_view utf8, const std::vector<BreakOpportunity>& breaks,
                                 float max_width, const MeasureFn& measure);

}  // namespace lianxin
