// Which text each font role must draw, gathered from the content and the UI strings: what the
// first atlas (attract words) and the full one hold, and, for scripted runs, which code points a
// role still cannot draw (must be none: no boxes).
#pragma once

#include <nlohmann/json.hpp>

#include "core/content/content_model.h"
#include "core/i18n/string_table.h"
#include "kiosk/text/font_set.h"

namespace lianxin::kiosk {

FontTexts collect_font_texts(const ContentSet& content, const StringTable& strings);
// Per font role (its number): the code points it should draw and has no glyph for.
nlohmann::json missing_glyph_report(const FontSet& fonts, const ContentSet& content, const StringTable& strings);

}  // namespace lianxin::kiosk
