// The GB2312 character set (6,763 hanzi + 682 symbols): what the handwriting model can return
// and what the input font must therefore cover. Decoded with glibc's iconv, not a copied table.
#pragma once

#include <string>

namespace lianxin {

// Every GB2312 character as one UTF-8 string (cached after the first call).
const std::string& gb2312_characters();

}  // namespace lianxin
