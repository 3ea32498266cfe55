// What the content editor's files share: the colours of a field's messages, and an item's words
// in the operator's language (the Chinese while the English is still to come).
#pragma once

#include <imgui.h>

#include <string>

#include "core/i18n/language.h"

namespace lianxin::admin {

inline constexpr ImU32 kEditorError = IM_COL32(170, 30, 24, 255);
inline constexpr ImU32 kEditorWarn = IM_COL32(150, 96, 10, 255);

inline const std::string& in_lang(const LocalizedText& t, Lang l) { return t.in(l).empty() ? t.zh : t.in(l); }

}  // namespace lianxin::admin
