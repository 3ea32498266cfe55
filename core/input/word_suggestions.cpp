// WordSuggestions (see word_suggestions.h): rime-essay read once, through OpenCC's t2s.
#include "core/input/word_suggestions.h"

#include <opencc.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

// OpenCC's C handle, closed on every way out.
struct OpenccHandle {
    opencc_t cc = reinterpret_cast<opencc_t>(-1);
    ~OpenccHandle() {
        if (cc != reinterpret_cast<opencc_t>(-1)) opencc_close(cc);
    }
    bool ok() const { return cc != reinterpret_cast<opencc_t>(-1); }
};

std::string to_simplified(opencc_t cc, std::string_view word) {
    char* out = opencc_convert_utf8(cc, word.data(), word.size());
    if (!out) return {};
    std::string s(out);
    opencc_convert_utf8_free(out);
    return s;
}

struct Ranked {
    long long frequency;
    std::string word;
};

}  // namespace

Result<WordSuggestions> WordSuggestions::load(const std::filesystem::path& essay, std::size_t per_character,
                                              const std::atomic<bool>* stop) {
    std::ifstream in(essay);
    if (!in)
        return Error{ErrorCode::io, essay.string() + " cannot be read: install rime-essay (deploy/install-deps.sh)"};
    OpenccHandle cc;
    cc.cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (!cc.ok())
        return Error{ErrorCode::io, std::string("OpenCC cannot open its traditional-to-simplified data (") +
                                        opencc_error() + "): install libopencc-data"};
    const auto& faces = GlyphCoverage::kiosk();
    const GlyphCoverage* coverage = faces.ok() ? &faces.value() : nullptr;

    // The best few per first character, kept sorted as the file is read: 313,000 lines, most of
    // which never enter a list.
    std::unordered_map<char32_t, std::vector<Ranked>> best;
    std::string line;
    while (std::getline(in, line)) {
        if (stop && stop->load(std::memory_order_relaxed)) return Error{ErrorCode::cancelled, "reading stopped"};
        auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) continue;
        std::string_view word(line.data(), tab);
        std::size_t chars = 0;
        for (std::size_t i = 0; i < word.size() && chars <= 4; ++chars) utf8::next(word, i);
        if (chars < 2 || chars > 4) continue;
        long long frequency = std::atoll(line.c_str() + tab + 1);
        if (frequency <= 0) continue;
        std::size_t i = 0;
        char32_t first = utf8::next(word, i);
        auto& list = best[first];
        if (list.size() >= per_character && list.back().frequency >= frequency) continue;
        std::string simplified = to_simplified(cc.cc, word);
        if (simplified.empty() || find_undrawable(simplified, coverage, false)) continue;
        // Traditional forms that simplify alike (e.g. 於 and 于) are one word: their counts add.
        auto same = std::find_if(list.begin(), list.end(), [&](const Ranked& r) { return r.word == simplified; });
        if (same != list.end()) {
            same->frequency += frequency;
        } else {
            list.push_back({frequency, std::move(simplified)});
        }
        std::stable_sort(list.begin(), list.end(), [](const Ranked& a, const Ranked& b) { return a.frequency > b.frequency; });
        if (list.size() > per_character) list.pop_back();
    }
    // Keyed by the simplified first character: the visitor writes simplified, and the words of a
    // traditional first character (國) join those of its simplified one (国), by frequency.
    std::unordered_map<char32_t, std::vector<Ranked>> merged;
    for (auto& [first, list] : best)
        for (auto& r : list) {
            std::size_t i = 0;
            char32_t key = utf8::next(r.word, i);
            auto& to = merged[key];
            auto same = std::find_if(to.begin(), to.end(), [&](const Ranked& o) { return o.word == r.word; });
            if (same != to.end()) same->frequency += r.frequency;
            else to.push_back(std::move(r));
        }
    WordSuggestions out;
    for (auto& [key, list] : merged) {
        std::stable_sort(list.begin(), list.end(), [](const Ranked& a, const Ranked& b) { return a.frequency > b.frequency; });
        auto& words = out.words_[key];
        for (std::size_t k = 0; k < list.size() && k < per_character; ++k) words.push_back(std::move(list[k].word));
    }
    if (out.words_.empty()) return Error{ErrorCode::invalid_input, essay.string() + " holds no words"};
    return out;
}

const std::vector<std::string>& WordSuggestions::after(std::string_view character) const {
    static const std::vector<std::string> none;
    std::size_t i = 0;
    char32_t c = utf8::next(character, i);
    if (i != character.size()) return none;
    auto it = words_.find(c);
    return it == words_.end() ? none : it->second;
}

}  // namespace lianxin
