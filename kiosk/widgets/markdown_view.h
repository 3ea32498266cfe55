// Draws an exhibit body (core's MarkdownDoc) as a readable column: headings, paragraphs with
// emphasis in colour, bullet and numbered lists, quotes with a gold rule, images with captions.
#pragma once

#include "core/markdown/markdown_doc.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

// Draws `doc` at `pos` in a column `width` wide, culling what lies outside the current clip;
// returns the height of the whole body. Image sources are resolved relative to `base_dir`
// (the exhibit's folder in the content sources, e.g. "exhibits").
float draw_markdown(Ui& ui, const MarkdownDoc& doc, const std::string& base_dir, ImVec2 pos, float width,
                    float clip_top, float clip_bottom);

// "exhibits" + "../images/a.png" → "images/a.png", the media name in the bundle.
std::string resolve_media_name(const std::string& base_dir, const std::string& src);

}  // namespace lianxin::kiosk
