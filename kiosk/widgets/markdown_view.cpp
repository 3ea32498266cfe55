// Markdown body drawing (see markdown_view.h).
#include "kiosk/widgets/markdown_view.h"

#include <filesystem>

namespace lianxin::kiosk {

std::string resolve_media_name(const std::string& base_dir, const std::string& src) {
    return (std::filesystem::path(base_dir) / src).lexically_normal().generic_string();
}

namespace {
std::vector<TextRun> runs_of(const MdBlock& b, FontRole role, ImU32 color) {
    std::vector<TextRun> runs;
    for (auto& s : b.spans)
        runs.push_back(TextRun{s.text, role, s.strong ? theme::primary_dark : s.em ? theme::teal : color});
    return runs;
}
}  // namespace

float draw_markdown(Ui& ui, const MarkdownDoc& doc, const std::string& base_dir, ImVec2 pos, float width,
                    float clip_top, float clip_bottom) {
    auto* dl = ui.dl();
    float y = pos.y;
    const float para_gap = ui.s(26);
    auto visible = [&](float top, float h) { return top + h >= clip_top && top <= clip_bottom; };
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        auto& b = doc.blocks[i];
        switch (b.kind) {
            case MdBlock::Kind::heading: {
                y += i == 0 ? 0 : ui.s(20);
                FontRole role = b.level <= 2 ? FontRole::heading : FontRole::lead;
                auto& l = ui.text().layout(runs_of(b, role, theme::primary_dark), width, {1.3f, 0, false});
                if (visible(y, l.height)) ui.draw(l, ImVec2(pos.x, y));
                y += l.height + ui.s(12);
                break;
            }
            case MdBlock::Kind::paragraph: {
                auto& l = ui.text().layout(runs_of(b, FontRole::lead, theme::ink), width);
                if (visible(y, l.height)) ui.draw(l, ImVec2(pos.x, y));
                y += l.height + para_gap;
                break;
            }
            case MdBlock::Kind::list_item: {
                float indent = ui.s(48) * static_cast<float>(b.level);
                auto& l = ui.text().layout(runs_of(b, FontRole::lead, theme::ink), width - indent);
                if (visible(y, l.height)) {
                    float cy = y + l.line_height / 2;
                    if (b.number > 0) {
                        std::string n = std::to_string(b.number) + ".";
                        ui.label(n, FontRole::lead, theme::primary, ImVec2(pos.x + indent - ui.s(44), y + l.ascent_pad));
                    } else {
                        dl->AddCircleFilled(ImVec2(pos.x + indent - ui.s(24), cy), ui.s(7), theme::gold, 16);
                    }
                    ui.draw(l, ImVec2(pos.x + indent, y));
                }
                bool last = i + 1 == doc.blocks.size() || doc.blocks[i + 1].kind != MdBlock::Kind::list_item;
                y += l.height + (last ? para_gap : ui.s(10));
                break;
            }
            case MdBlock::Kind::quote: {
                float indent = ui.s(40);
                ImRect box(ImVec2(pos.x, y), ImVec2(pos.x + width, y));
                auto& l = ui.text().layout(runs_of(b, FontRole::lead, theme::primary_dark), width - indent - ui.s(28));
                box.Max.y = y + l.height + ui.s(44);
                if (visible(box.Min.y, box.GetHeight())) {
                    dl->AddRectFilled(box.Min, box.Max, theme::rgb(0xD9A441, 40), ui.s(12));
                    dl->AddRectFilled(box.Min, ImVec2(box.Min.x + ui.s(8), box.Max.y), theme::gold, ui.s(4));
                    ui.draw(l, ImVec2(pos.x + indent, y + ui.s(22)));
                }
                y = box.Max.y + para_gap;
                break;
            }
            case MdBlock::Kind::image: {
                std::string media = resolve_media_name(base_dir, b.image);
                auto [sw, sh] = ui.images().source_size(media);
                float h = sw > 0 ? std::min(width * sh / sw, ui.s(720)) : 0;
                if (h > 0) {
                    if (visible(y, h)) ui.image_fit_width(media, ImVec2(pos.x, y), width, ui.s(720), ui.s(theme::radius));
                    y += h + ui.s(12);
                }
                if (!b.alt.empty()) {
                    TextLayoutOptions opt;
                    opt.center = true;
                    auto& l = ui.text().layout(b.alt, FontRole::caption, theme::muted, width, opt);
                    if (visible(y, l.height)) ui.draw(l, ImVec2(pos.x, y));
                    y += l.height;
                }
                y += para_gap;
                break;
            }
        }
    }
    return y - pos.y;
}

}  // namespace lianxin::kiosk
