// Words to offer after a handwritten character: the words of rime-essay's vocabulary (the one
// librime's pinyin uses, installed with it) that most often start with that character, in
// simplified Chinese, so a visitor who writes 立 can tap 立法 instead of writing 法 stroke by stroke.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// Debian's rime-essay: one "word<TAB>frequency" a line, in traditional characters.
inline constexpr const char* kRimeEssayPath = "/usr/share/rime-data/essay.txt";

class WordSuggestions {
  public:
    // Reads `essay` once: words of 2 to 4 characters, converted to simplified Chinese (OpenCC's
    // t2s), every character one the kiosk's faces can draw; the `per_character` most frequent
    // for each first character. io when the file or OpenCC's data cannot be read (the message
    // names the package); invalid_input when the file holds no word at all. `stop`, when given and
    // set, ends the reading early (cancelled): a kiosk that exits does not wait for it.
    static Result<WordSuggestions> load(const std::filesystem::path& essay = kRimeEssayPath,
                                        std::size_t per_character = 8, const std::atomic<bool>* stop = nullptr);

    // The words that start with `character` (one UTF-8 character), most frequent first; empty
    // when there are none.
    const std::vector<std::string>& after(std::string_view character) const;
    std::size_t first_characters() const { return words_.size(); }

  private:
    std::unordered_map<char32_t, std::vector<std::string>> words_;
};

}  // namespace lianxin
