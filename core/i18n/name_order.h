// Names in the order a reader of each language looks for them: Chinese by pinyin (ICU's "zh"
// collation, the order of a Chinese dictionary's index: 陈 before 何 before 李), English by its
// letters (ICU's root collation, case and accents set aside). The deputies' directory lists
// people this way.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/i18n/language.h"

namespace lianxin {

// The positions of `names` (UTF-8) in the order of `lang`; equal names keep their given order.
// When ICU cannot open the collation, code-point order (never a failure).
std::vector<std::size_t> name_order(const std::vector<std::string>& names, Lang lang);

}  // namespace lianxin
