// Reading content source files (core/content/content_sources.cpp): the folder being read with
// its problems and references (Context), one TOML manifest with typed fields and line numbers
// (Manifest), and the check every visible text gets. Internal to the content loaders.
#pragma once

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/base/field_limits.h"
#include "core/base/files.h"
#include "core/content/content_sources.h"
#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"

namespace lianxin::source_reading {

namespace fs = std::filesystem;

inline std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

inline int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

class Context {
public:
    Context(const fs::path& root, SourceLoad& out) : root_(fs::weakly_canonical(root)), out_(out) {
        auto& faces = GlyphCoverage::kiosk();
        if (faces.ok()) coverage_ = &faces.value();
        else error(".", 0, "", "characters cannot be checked against the kiosk's font: " + faces.error().detail);
    }
    // The kiosk's glyph coverage; null when its faces could not be read (reported once).
    const GlyphCoverage* coverage() const { return coverage_; }

    std::string rel(const fs::path& p) const { return p.lexically_relative(root_).generic_string(); }
    const fs::path& root() const { return root_; }
    SourceLoad& out() { return out_; }

    void error(const std::string& file, int line, std::string field, std::string message) {
        out_.problems.push_back(Diagnostic{file, line, std::move(field), std::move(message)});
    }

    // Whether `p`, with every link on its way followed, is inside the content folder.
    bool inside_root(const fs::path& p) const {
        std::error_code ec;
        auto real = fs::weakly_canonical(p, ec);
        if (ec) return false;
        auto r = real.lexically_relative(root_);
        return !r.empty() && *r.begin() != "..";
    }

    // Loads and records an image referenced from `from_file`; returns its media name or "".
    std::string media(const fs::path& from_file, const std::string& ref, int line, const std::string& field);

    // A reference to an exhibit, section, deputy or figure by id, checked once everything is
    // loaded; kept with the place it was written so the problem names that file, field and line.
    struct Reference {
        std::string file;
        int line;
        std::string field, target;
    };
    std::vector<Reference> exhibit_refs, section_refs, deputy_refs, figure_refs;

private:
    fs::path root_;
    SourceLoad& out_;
    const GlyphCoverage* coverage_ = nullptr;
};

// A check for visible text: valid, not blank, and every character one the kiosk can draw (its
// own faces' character map, its 16-bit atlas, left-to-right layout). `offset` is where the
// offending character starts, or npos when the problem is the whole string.
struct TextProblem {
    std::string message;
    std::size_t offset = std::string_view::npos;
    explicit operator bool() const { return !message.empty(); }
};

inline TextProblem check_visible_text(std::string_view s, bool multiline, const GlyphCoverage* coverage) {
    if (auto bad = find_undrawable(s, coverage, multiline)) return {bad->describe(), bad->byte_offset};
    if (trim(s).empty()) return {"is empty"};
    return {};
}

// The bytes of the character starting at `offset` (one byte when it is not UTF-8).
inline std::string_view character_at(std::string_view s, std::size_t offset) {
    std::size_t end = offset;
    if (utf8::next(s, end) == utf8::kInvalid) end = offset + 1;
    return s.substr(offset, end - offset);
}

inline int line_at(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

class Manifest {
public:
    // Set while an item marked `translation = "pending"` is read: its English may be empty.
    bool english_may_be_empty = false;

    Manifest(Context& ctx, fs::path path) : ctx_(ctx), path_(std::move(path)), file_(ctx.rel(path_)) {}

    bool parse() {
        if (!ctx_.inside_root(path_)) {
            ctx_.error(file_, 0, "", "leads outside the content folder through a link");
            return false;
        }
        auto data = read_file(path_, 4u << 20);
        if (!data) { ctx_.error(file_, 0, "", data.error().detail); return false; }
        raw_ = *data;
        try {
            table_ = toml::parse(raw_, path_.string());
            return true;
        } catch (const toml::parse_error& e) {
            ctx_.error(file_, static_cast<int>(e.source().begin.line), "",
                       "TOML syntax: " + std::string(e.description()));
            return false;
        }
    }

    const toml::table& table() const { return table_; }
    const std::string& file() const { return file_; }
    const fs::path& path() const { return path_; }
    void error(int line, const std::string& field, const std::string& msg) { ctx_.error(file_, line, field, msg); }

    // Checks a visible string read from node `n`; a bad character is reported on the line where it
    // is written (a multi-line string spans lines), or the string's first line when it was escaped.
    bool visible(const toml::node& n, std::string_view value, const std::string& field, bool multiline) {
        auto problem = check_visible_text(value, multiline, ctx_.coverage());
        if (!problem) return true;
        int line = line_of(n);
        if (problem.offset != std::string_view::npos) line = line_of_character(n, character_at(value, problem.offset));
        error(line, field, problem.message);
        return false;
    }

    void allow_only(const toml::table& t, std::initializer_list<std::string_view> keys, const std::string& prefix) {
        for (auto& [k, v] : t) {
            if (std::find(keys.begin(), keys.end(), k.str()) == keys.end())
                error(line_of(v), prefix + std::string(k.str()),
                      "unknown key (allowed: " + join(keys) + ")");
        }
    }

    std::string string(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                       int parent_line) {
        auto* n = t.get(key);
        std::string field = prefix + std::string(key);
        if (!n) {
            if (required) error(parent_line, field, "is missing");
            return {};
        }
        auto s = n->value<std::string>();
        if (!n->is_string() || !s) { error(line_of(*n), field, "must be a string"); return {}; }
        return *s;
    }

    // `translation = "pending"` on the item `t`: returns it, and lets the item's English be empty
    // while the rest of it is read (every item calls this first, so one's leave ends with it).
    bool translation(const toml::table& t, const std::string& prefix) {
        english_may_be_empty = false;
        auto* n = t.get("translation");
        if (!n) return false;
        auto v = string(t, "translation", prefix, false, line_of(*n));
        if (v == "pending") return english_may_be_empty = true;
        if (!v.empty())
            error(line_of(*n), prefix + "translation", "'" + v + "': the only value is \"pending\" (the English may wait)");
        return false;
    }

    LocalizedText text(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                       int parent_line, bool multiline = false) {
        LocalizedText out;
        auto* n = t.get(key);
        std::string field = prefix + std::string(key);
        if (!n) {
            if (required) error(parent_line, field, "is missing (needs ." + std::string("zh and .en)"));
            return out;
        }
        auto* tt = n->as_table();
        if (!tt) { error(line_of(*n), field, "must have .zh and .en strings, e.g. " + field + ".zh = \"…\""); return out; }
        allow_only(*tt, {"zh", "en"}, field + ".");
        for (auto [lang, dest] : {std::pair{"zh", &out.zh}, std::pair{"en", &out.en}}) {
            auto* ln = tt->get(lang);
            std::string lf = field + "." + lang;
            if (!ln) { error(line_of(*n), lf, "is missing: every visible string needs Chinese and English"); continue; }
            auto s = ln->value<std::string>();
            if (!ln->is_string() || !s) { error(line_of(*ln), lf, "must be a string"); continue; }
            if (english_may_be_empty && std::string_view(lang) == "en" && trim(*s).empty()) continue;
            // Kept even when it fails the check (valid UTF-8 only): the folder has a problem and
            // will not build, and the editor shows and saves the words as written, to be corrected.
            if (!visible(*ln, *s, lf, multiline) && !utf8::is_valid(*s)) continue;
            *dest = trim(*s);
        }
        return out;
    }

    // key.zh = ["…"] / key.en = ["…"]: a list in both languages, the same items in the same order,
    // so a reader pairs them by position (an article's questions, a deputy's topics, a tour
    // stop's talking points). Optional; when given, neither list is empty. `what` names an item
    // in messages ("question"; its plural takes an s). While the item's English is pending its entries may be empty,
    // kept in place.
    std::vector<LocalizedText> paired_list(const toml::table& t, std::string_view key, const std::string& prefix,
                                           const std::string& what) {
        auto* n = t.get(key);
        if (!n) return {};
        std::string field = prefix + std::string(key);
        auto* qt = n->as_table();
        if (!qt) {
            error(line_of(*n), field, "must be written as " + field + ".zh = [\"…\"] and " + field + ".en = [\"…\"]");
            return {};
        }
        allow_only(*qt, {"zh", "en"}, field + ".");
        std::vector<std::string> zh, en;
        const toml::array* arrays[2] = {nullptr, nullptr};
        bool ok = true;
        int k = 0;
        for (auto [lang, dest] : {std::pair{"zh", &zh}, std::pair{"en", &en}}) {
            auto* ln = qt->get(lang);
            std::string lf = field + "." + lang;
            auto* arr = ln ? ln->as_array() : nullptr;
            arrays[k++] = arr;
            if (!ln) { error(line_of(*n), lf, "is missing: every " + what + " needs Chinese and English"); ok = false; continue; }
            if (!arr) { error(line_of(*ln), lf, "must be a list of strings, e.g. [\"…\", \"…\"]"); ok = false; continue; }
            if (arr->empty() && english_may_be_empty && std::string_view(lang) == "en") {
                // English to follow: `en = []` stands for every entry untranslated, in place.
                dest->assign(zh.size(), "");
                arrays[k - 1] = nullptr;  // no count to compare
                continue;
            }
            if (arr->empty()) { error(line_of(*ln), lf, "is empty: give at least one " + what + " or leave " + std::string(key) + " out"); ok = false; continue; }
            int i = 0;
            for (auto& el : *arr) {
                std::string ef = lf + "[" + std::to_string(++i) + "]";
                auto v = el.value<std::string>();
                if (!el.is_string() || !v) { error(line_of(el), ef, "must be a string"); ok = false; continue; }
                if (english_may_be_empty && std::string_view(lang) == "en" && trim(*v).empty()) {
                    dest->push_back("");  // kept in place: readers pair the lists by position
                    continue;
                }
                if (!visible(el, *v, ef, false)) { ok = false; continue; }
                dest->push_back(trim(*v));
            }
        }
        if (arrays[0] && arrays[1] && !arrays[0]->empty() && !arrays[1]->empty() && arrays[0]->size() != arrays[1]->size()) {
            error(line_of(*qt->get("en")), field + ".en",
                  "has " + std::to_string(arrays[1]->size()) + " " + what + "s but " + field + ".zh has " +
                      std::to_string(arrays[0]->size()) + ": each " + what + " needs both languages, in the same order");
            ok = false;
        }
        std::vector<LocalizedText> out;
        if (!ok) return out;
        for (std::size_t i = 0; i < zh.size(); ++i) out.push_back({zh[i], en[i]});
        return out;
    }

    int integer(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                int parent_line, int lo, int hi) {
        auto* n = t.get(key);
        std::string field = prefix + std::string(key);
        if (!n) {
            if (required) error(parent_line, field, "is missing");
            return 0;
        }
        // Its kind first: toml++ would convert a float such as 2e19 to an integer, out of range.
        if (!n->is_integer()) { error(line_of(*n), field, "must be a whole number"); return 0; }
        auto v = n->value<std::int64_t>();
        if (!v) { error(line_of(*n), field, "must be a whole number"); return 0; }
        if (*v < lo || *v > hi) {
            error(line_of(*n), field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
            return 0;
        }
        return static_cast<int>(*v);
    }

    // A TOML local date (deadline = 2027-01-31). toml++ already refuses impossible days such as
    // 2027-02-30 as a syntax error with its line; here the value's kind and range are checked.
    LocalDate date(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                   int parent_line) {
        auto* n = t.get(key);
        std::string field = prefix + std::string(key);
        if (!n) {
            if (required) error(parent_line, field, "is missing (a date such as " + field + " = 2027-01-31)");
            return {};
        }
        if (auto* d = n->as_date()) {
            LocalDate v{d->get().year, d->get().month, d->get().day};
            if (!v.valid() || v.year < 2000 || v.year > 2100) {
                error(line_of(*n), field, "must be a date between 2000-01-01 and 2100-12-31");
                return {};
            }
            return v;
        }
        if (n->is_string())
            error(line_of(*n), field, "must be a date without quotes, e.g. " + field + " = 2027-01-31");
        else if (n->is_date_time() || n->is_time())
            error(line_of(*n), field, "must be a calendar day without a time of day, e.g. 2027-01-31");
        else
            error(line_of(*n), field, "must be a date, e.g. " + field + " = 2027-01-31");
        return {};
    }

    std::string id(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                   int parent_line) {
        auto s = string(t, key, prefix, required, parent_line);
        static const std::regex re("[a-z0-9][a-z0-9-]{0," + std::to_string(kContentIdMaxBytes - 1) + "}");
        if (!s.empty() && !std::regex_match(s, re)) {
            error(line_of(*t.get(key)), prefix + std::string(key),
                  "'" + s + "' is not a valid id (lowercase letters, digits and '-', at most " +
                      std::to_string(kContentIdMaxBytes) + ")");
            return {};
        }
        return s;
    }

    std::string image(const toml::table& t, std::string_view key, const std::string& prefix, bool required,
                      int parent_line) {
        auto ref = string(t, key, prefix, required, parent_line);
        if (ref.empty()) return {};
        return ctx_.media(path_, ref, line_of(*t.get(key)), prefix + std::string(key));
    }

    // An array of tables, e.g. [[event]]; reports a wrong shape.
    std::vector<const toml::table*> array_of_tables(std::string_view key, bool required) {
        std::vector<const toml::table*> out;
        auto* n = table_.get(key);
        if (!n) {
            if (required) error(0, std::string(key), "is missing: add at least one [[" + std::string(key) + "]]");
            return out;
        }
        auto* arr = n->as_array();
        if (!arr) { error(line_of(*n), std::string(key), "must be written as [[" + std::string(key) + "]] tables"); return out; }
        for (auto& el : *arr) {
            if (auto* tt = el.as_table()) out.push_back(tt);
            else error(line_of(el), std::string(key), "every entry must be a [[" + std::string(key) + "]] table");
        }
        if (out.empty() && required) error(line_of(*n), std::string(key), "needs at least one entry");
        return out;
    }

private:
    int line_of_character(const toml::node& n, std::string_view ch) const {
        auto src = n.source();
        std::size_t from = 0, to = raw_.size();
        for (std::size_t line = 1, pos = 0; pos < raw_.size(); ++line) {
            if (line == src.begin.line) from = pos;
            auto nl = raw_.find('\n', pos);
            if (nl == std::string::npos) break;
            if (line == src.end.line) { to = nl; break; }
            pos = nl + 1;
        }
        auto at = raw_.find(ch, from);
        return at != std::string::npos && at < to ? line_at(raw_, at) : line_of(n);
    }
    static std::string join(std::initializer_list<std::string_view> keys) {
        std::string s;
        for (auto k : keys) { if (!s.empty()) s += ", "; s += k; }
        return s;
    }
    Context& ctx_;
    fs::path path_;
    std::string file_;
    toml::table table_;
    std::string raw_;
};

// The consultations' manifests (core/content/content_consultations.cpp).
void load_consultations(Context& ctx);
// deputies.toml, schedule.toml, tours.toml (core/content/content_station.cpp).
void load_station(Context& ctx);

}  // namespace lianxin::source_reading
