// Reads and checks content sources. Every problem is collected (not only the first) so an
// editor can fix a whole batch in one pass; a source with any problem never yields a bundle.
//
// Sections: 1. Manifest reader (typed fields with line numbers)  2. Per-file loaders
//           2b. Consultations  3. Links and cross-references  4. Entry point
#include "core/content/content_sources.h"

#include "core/base/field_limits.h"
#include "core/tokens/token.h"

#include <algorithm>
#include <regex>
#include <set>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "core/base/files.h"
#include "core/image/image_decode.h"
#include "core/markdown/markdown_doc.h"
#include "core/text/kiosk_fonts.h"
#include "core/text/utf8.h"

namespace fs = std::filesystem;

namespace lianxin {

std::string Diagnostic::to_string() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
    if (!field.empty()) s += field + ": ";
    return s + message;
}

namespace {

// ---------------------------------------------------------------- 1. Manifest reader

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

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

    // A reference to an exhibit or section by id, checked once everything is loaded; kept with
    // the place it was written so the problem names that file, field and line.
    struct Reference {
        std::string file;
        int line;
        std::string field, target;
    };
    std::vector<Reference> exhibit_refs, section_refs;

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

TextProblem check_visible_text(std::string_view s, bool multiline, const GlyphCoverage* coverage) {
    if (auto bad = find_undrawable(s, coverage, multiline)) return {bad->describe(), bad->byte_offset};
    if (trim(s).empty()) return {"is empty"};
    return {};
}

// The bytes of the character starting at `offset` (one byte when it is not UTF-8).
std::string_view character_at(std::string_view s, std::size_t offset) {
    std::size_t end = offset;
    if (utf8::next(s, end) == utf8::kInvalid) end = offset + 1;
    return s.substr(offset, end - offset);
}

int line_at(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

class Manifest {
public:
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
            if (!visible(*ln, *s, lf, multiline)) continue;
            *dest = trim(*s);
        }
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
        auto v = n->value<std::int64_t>();
        if (!n->is_integer() || !v) { error(line_of(*n), field, "must be a whole number"); return 0; }
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

std::string Context::media(const fs::path& from_file, const std::string& ref, int line, const std::string& field) {
    std::string file = rel(from_file);
    if (ref.empty() || ref.find("://") != std::string::npos || fs::path(ref).is_absolute()) {
        error(file, line, field, "'" + ref + "' must be a relative path to an image in the content folder");
        return {};
    }
    fs::path target = (from_file.parent_path() / ref).lexically_normal();
    std::string name = target.lexically_relative(root_).generic_string();
    if (name.empty() || name.rfind("..", 0) == 0) {
        error(file, line, field, "'" + ref + "' points outside the content folder");
        return {};
    }
    // A link on the way (images/ itself, or the file) could still lead out: the file really read
    // must be inside the folder, or the bundle would carry a file from elsewhere on this machine.
    if (!inside_root(target)) {
        error(file, line, field, "'" + ref + "' leads outside the content folder through a link");
        return {};
    }
    if (out_.media.count(name)) return name;
    auto bytes = read_file(target, ImageLimits{}.max_bytes);
    if (!bytes) {
        error(file, line, field, "image '" + ref + "' cannot be read (" + name + " does not exist or is unreadable)");
        return {};
    }
    auto info = check_image(*bytes);
    if (!info) {
        error(file, line, field, "image '" + ref + "' is refused: " + info.error().detail);
        return {};
    }
    out_.media[name] = MediaItem{std::move(*bytes), info->width, info->height};
    return name;
}

// ---------------------------------------------------------------- 2. Per-file loaders

void load_hall(Context& ctx) {
    Manifest m(ctx, ctx.root() / "hall.toml");
    if (!fs::exists(m.path())) { ctx.error("hall.toml", 0, "", "is missing: the hall's name and welcome live here"); return; }
    if (!m.parse()) return;
    auto& t = m.table();
    m.allow_only(t, {"id", "version", "name", "welcome", "district"}, "");
    auto& h = ctx.out().content.hall;
    h.id = m.id(t, "id", "", true, 1);
    h.version = m.string(t, "version", "", true, 1);
    if (!h.version.empty() && !is_content_version(h.version))
        m.error(line_of(*t.get("version")), "version",
                "'" + h.version + "' is not a version (e.g. 2026.11.1): at most " +
                    std::to_string(kContentVersionMaxBytes) + " letters, digits, '.', '_', '+' or '-'");
    h.name = m.text(t, "name", "", true, 1);
    h.welcome = m.text(t, "welcome", "", true, 1, true);
    h.district = m.text(t, "district", "", true, 1);
}

void load_slides(Context& ctx) {
    Manifest m(ctx, ctx.root() / "slides.toml");
    if (!fs::exists(m.path())) { ctx.error("slides.toml", 0, "", "is missing: the attract loop needs slides"); return; }
    if (!m.parse()) return;
    m.allow_only(m.table(), {"slide"}, "");
    int i = 0;
    for (auto* t : m.array_of_tables("slide", true)) {
        std::string p = "slide[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"image", "title", "caption"}, p);
        Slide s;
        s.image = m.image(*t, "image", p, true, line);
        s.title = m.text(*t, "title", p, true, line);
        s.caption = m.text(*t, "caption", p, true, line);
        ctx.out().content.slides.push_back(std::move(s));
    }
}

void load_timeline(Context& ctx) {
    Manifest m(ctx, ctx.root() / "timeline.toml");
    if (!fs::exists(m.path())) { ctx.error("timeline.toml", 0, "", "is missing"); return; }
    if (!m.parse()) return;
    m.allow_only(m.table(), {"event"}, "");
    int i = 0;
    for (auto* t : m.array_of_tables("event", true)) {
        std::string p = "event[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"year", "year_label", "title", "text", "place", "image", "exhibit"}, p);
        TimelineEvent e;
        e.year = m.integer(*t, "year", p, true, line, 1949, 2100);
        e.year_label = m.text(*t, "year_label", p, false, line);
        e.title = m.text(*t, "title", p, true, line);
        e.text = m.text(*t, "text", p, true, line, true);
        e.place = m.text(*t, "place", p, false, line);
        e.image = m.image(*t, "image", p, false, line);
        e.exhibit = m.id(*t, "exhibit", p, false, line);
        if (!e.exhibit.empty()) ctx.exhibit_refs.push_back({m.file(), line_of(*t->get("exhibit")), p + "exhibit", e.exhibit});
        ctx.out().content.timeline.push_back(std::move(e));
    }
    auto& tl = ctx.out().content.timeline;
    std::stable_sort(tl.begin(), tl.end(), [](auto& a, auto& b) { return a.year < b.year; });
}

void load_sections(Context& ctx) {
    Manifest m(ctx, ctx.root() / "sections.toml");
    if (!fs::exists(m.path())) { ctx.error("sections.toml", 0, "", "is missing"); return; }
    if (!m.parse()) return;
    m.allow_only(m.table(), {"section"}, "");
    int i = 0;
    std::set<std::string> ids;
    for (auto* t : m.array_of_tables("section", true)) {
        std::string p = "section[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "title", "intro", "image"}, p);
        Section s;
        s.id = m.id(*t, "id", p, true, line);
        if (!s.id.empty() && !ids.insert(s.id).second) m.error(line, p + "id", "'" + s.id + "' is used twice");
        s.title = m.text(*t, "title", p, true, line);
        s.intro = m.text(*t, "intro", p, true, line, true);
        s.image = m.image(*t, "image", p, true, line);
        ctx.out().content.sections.push_back(std::move(s));
    }
}

LocalizedText load_body(Context& ctx, Manifest& m, const toml::table& t) {
    LocalizedText body;
    auto* n = t.get("body");
    if (!n || !n->as_table()) {
        m.error(n ? line_of(*n) : 1, "body", "is missing: body.zh and body.en name the Markdown files");
        return body;
    }
    auto& bt = *n->as_table();
    m.allow_only(bt, {"zh", "en"}, "body.");
    for (auto [lang, dest] : {std::pair{"zh", &body.zh}, std::pair{"en", &body.en}}) {
        std::string field = std::string("body.") + lang;
        auto name = m.string(bt, lang, "body.", true, line_of(*n));
        if (name.empty()) continue;
        int line = line_of(*bt.get(lang));
        // Bodies sit beside their manifest, so image paths inside mean the same in the bundle.
        if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) {
            m.error(line, field, "'" + name + "' must be a file name in the exhibits folder, without a path");
            continue;
        }
        fs::path md = (m.path().parent_path() / name).lexically_normal();
        std::string md_rel = ctx.rel(md);
        if (!ctx.inside_root(md)) { m.error(line, field, "'" + name + "' leads outside the content folder through a link"); continue; }
        auto text = read_file(md, 1u << 20);
        if (!text) { m.error(line, field, "Markdown file '" + name + "' cannot be read: " + text.error().detail); continue; }
        // Editors on some systems save a byte-order mark first: it is not part of the text.
        if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);
        if (auto problem = check_visible_text(*text, true, ctx.coverage())) {
            int md_line = problem.offset == std::string_view::npos ? 0 : line_at(*text, problem.offset);
            ctx.error(md_rel, md_line, md_line ? field : "", (md_line ? "" : "body ") + problem.message);
            continue;
        }
        auto doc = parse_markdown(*text);
        if (!doc.ok || doc.blocks.empty()) { ctx.error(md_rel, 0, "", "has no readable Markdown content"); continue; }
        for (auto& src : markdown_images(doc)) {
            auto pos = text->find("(" + src);
            int md_line = pos == std::string::npos ? 0 : 1 + static_cast<int>(std::count(text->begin(), text->begin() + pos, '\n'));
            ctx.media(md, src, md_line, "image");
        }
        *dest = *text;
    }
    return body;
}

void load_exhibits(Context& ctx) {
    fs::path dir = ctx.root() / "exhibits";
    if (!fs::is_directory(dir)) { ctx.error("exhibits", 0, "", "folder is missing"); return; }
    std::vector<fs::path> files;
    for (auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) ctx.error("exhibits", 0, "", "has no exhibits (*.toml)");
    std::map<std::string, std::string> first_file;  // exhibit id → the file that used it first
    for (auto& f : files) {
        Manifest m(ctx, f);
        if (!m.parse()) continue;
        auto& t = m.table();
        m.allow_only(t, {"id", "section", "order", "title", "subtitle", "place", "year", "image", "body"}, "");
        Exhibit e;
        e.id = m.id(t, "id", "", true, 1);
        if (!e.id.empty() && e.id != f.stem().string())
            m.error(line_of(*t.get("id")), "id", "'" + e.id + "' must match the file name '" + f.stem().string() + "'");
        if (!e.id.empty()) {
            auto [it, fresh] = first_file.emplace(e.id, m.file());
            if (!fresh) m.error(line_of(*t.get("id")), "id", "'" + e.id + "' is used twice (also in " + it->second + ")");
        }
        e.section = m.id(t, "section", "", true, 1);
        if (!e.section.empty()) ctx.section_refs.push_back({m.file(), line_of(*t.get("section")), "section", e.section});
        e.order = m.integer(t, "order", "", true, 1, 0, 9999);
        e.title = m.text(t, "title", "", true, 1);
        e.subtitle = m.text(t, "subtitle", "", true, 1);
        e.place = m.text(t, "place", "", false, 1);
        e.year = m.integer(t, "year", "", false, 1, 1949, 2100);
        e.image = m.image(t, "image", "", false, 1);
        e.body = load_body(ctx, m, t);
        ctx.out().content.exhibits.push_back(std::move(e));
    }
}

void load_figures(Context& ctx) {
    Manifest m(ctx, ctx.root() / "figures.toml");
    if (!fs::exists(m.path())) { ctx.error("figures.toml", 0, "", "is missing"); return; }
    if (!m.parse()) return;
    m.allow_only(m.table(), {"figure"}, "");
    int i = 0;
    for (auto* t : m.array_of_tables("figure", true)) {
        std::string p = "figure[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"value", "unit", "label", "exhibit"}, p);
        Figure f;
        f.value = m.string(*t, "value", p, true, line);
        if (!f.value.empty()) {
            if (m.visible(*t->get("value"), f.value, p + "value", false) && utf8::count_code_points(f.value) > 8) m.error(line, p + "value", "is longer than 8 characters: it is shown very large");
        }
        f.unit = m.text(*t, "unit", p, false, line);
        f.label = m.text(*t, "label", p, true, line);
        f.exhibit = m.id(*t, "exhibit", p, false, line);
        if (!f.exhibit.empty()) ctx.exhibit_refs.push_back({m.file(), line_of(*t->get("exhibit")), p + "exhibit", f.exhibit});
        ctx.out().content.figures.push_back(std::move(f));
    }
}

// ---------------------------------------------------------------- 2b. Consultations

// Stage ids may contain '_' because the documented default stages do (e.g. "draft_published").
std::string stage_id(Manifest& m, const toml::table& t, std::string_view key, const std::string& prefix, int parent_line) {
    auto s = m.string(t, key, prefix, true, parent_line);
    static const std::regex re("[a-z0-9][a-z0-9_-]{0,63}");
    if (!s.empty() && !std::regex_match(s, re)) {
        m.error(line_of(*t.get(key)), prefix + std::string(key),
                "'" + s + "' is not a valid stage id (lowercase letters, digits, '-' and '_', at most 64)");
        return {};
    }
    return s;
}

// questions.zh = ["…"] / questions.en = ["…"]: optional, but when given both languages hold the
// same questions in the same order, so the kiosk can pair them by position.
std::vector<LocalizedText> load_questions(Manifest& m, const toml::table& t, const std::string& prefix) {
    auto* n = t.get("questions");
    if (!n) return {};
    std::string field = prefix + "questions";
    auto* qt = n->as_table();
    if (!qt) {
        m.error(line_of(*n), field, "must be written as " + field + ".zh = [\"…\"] and " + field + ".en = [\"…\"]");
        return {};
    }
    m.allow_only(*qt, {"zh", "en"}, field + ".");
    std::vector<std::string> zh, en;
    const toml::array* arrays[2] = {nullptr, nullptr};
    bool ok = true;
    int k = 0;
    for (auto [lang, dest] : {std::pair{"zh", &zh}, std::pair{"en", &en}}) {
        auto* ln = qt->get(lang);
        std::string lf = field + "." + lang;
        auto* arr = ln ? ln->as_array() : nullptr;
        arrays[k++] = arr;
        if (!ln) { m.error(line_of(*n), lf, "is missing: every question needs Chinese and English"); ok = false; continue; }
        if (!arr) { m.error(line_of(*ln), lf, "must be a list of strings, e.g. [\"…\", \"…\"]"); ok = false; continue; }
        if (arr->empty()) { m.error(line_of(*ln), lf, "is empty: give at least one question or leave questions out"); ok = false; continue; }
        int i = 0;
        for (auto& el : *arr) {
            std::string ef = lf + "[" + std::to_string(++i) + "]";
            auto v = el.value<std::string>();
            if (!el.is_string() || !v) { m.error(line_of(el), ef, "must be a string"); ok = false; continue; }
            if (!m.visible(el, *v, ef, false)) { ok = false; continue; }
            dest->push_back(trim(*v));
        }
    }
    if (arrays[0] && arrays[1] && !arrays[0]->empty() && !arrays[1]->empty() && arrays[0]->size() != arrays[1]->size()) {
        m.error(line_of(*qt->get("en")), field + ".en",
                "has " + std::to_string(arrays[1]->size()) + " questions but " + field + ".zh has " +
                    std::to_string(arrays[0]->size()) + ": each question needs both languages, in the same order");
        ok = false;
    }
    std::vector<LocalizedText> out;
    if (!ok) return out;
    for (std::size_t i = 0; i < zh.size(); ++i) out.push_back({zh[i], en[i]});
    return out;
}

// The consultation's own [[stages]], or the default eight. `stage` (singular) is the current
// stage's id, so a [[stage]] table list is a mistake worth naming precisely.
std::vector<ConsultationStage> load_stages(Manifest& m) {
    std::vector<ConsultationStage> stages;
    auto* n = m.table().get("stages");
    if (!n) return default_consultation_stages();
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("stages", false)) {
        std::string p = "stages[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "name"}, p);
        ConsultationStage st;
        st.id = stage_id(m, *t, "id", p, line);
        if (!st.id.empty() && !ids.insert(st.id).second) m.error(line_of(*t->get("id")), p + "id", "'" + st.id + "' is used twice");
        st.name = m.text(*t, "name", p, true, line);
        stages.push_back(std::move(st));
    }
    if (n->as_array() && n->as_array()->empty()) m.error(line_of(*n), "stages", "needs at least one [[stages]] entry, or leave it out for the default stages");
    return stages;
}

void load_articles(Manifest& m, Consultation& c) {
    int i = 0;
    int previous = 0;  // the number of the article before, when it had one
    std::map<int, int> seen;  // number → article index as written
    for (auto* t : m.array_of_tables("article", true)) {
        std::string p = "article[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"number", "title", "text", "plain", "questions"}, p);
        Article a;
        a.number = m.integer(*t, "number", p, true, line, 1, 9999);
        if (a.number != 0) {
            int nline = line_of(*t->get("number"));
            if (auto it = seen.find(a.number); it != seen.end())
                m.error(nline, p + "number", std::to_string(a.number) + " is used twice (also article[" +
                                                 std::to_string(it->second) + "])");
            else if (a.number < previous)
                m.error(nline, p + "number", std::to_string(a.number) + " comes after " + std::to_string(previous) +
                                                 ": article numbers must increase");
            seen.emplace(a.number, i);
            previous = a.number;  // one misplaced number is one problem, not one per article after it
        }
        a.title = m.text(*t, "title", p, true, line);
        a.text = m.text(*t, "text", p, true, line, true);
        a.plain = m.text(*t, "plain", p, true, line, true);
        a.questions = load_questions(m, *t, p);
        c.articles.push_back(std::move(a));
    }
}

void load_consultations(Context& ctx) {
    fs::path dir = ctx.root() / "consultations";
    if (!fs::exists(dir)) return;  // a hall may have no consultations
    if (!fs::is_directory(dir)) { ctx.error("consultations", 0, "", "must be a folder of <id>.toml files"); return; }
    std::vector<fs::path> files;
    for (auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> first_file;  // consultation id → the file that used it first
    for (auto& f : files) {
        Manifest m(ctx, f);
        if (!m.parse()) continue;
        auto& t = m.table();
        m.allow_only(t, {"id", "order", "title", "summary", "deadline", "stage", "stages", "article"}, "");
        Consultation c;
        c.id = m.id(t, "id", "", true, 1);
        if (!c.id.empty() && c.id != f.stem().string())
            m.error(line_of(*t.get("id")), "id", "'" + c.id + "' must match the file name '" + f.stem().string() + "'");
        if (c.id.size() > kMaxConsultationIdBytes)
            m.error(line_of(*t.get("id")), "id",
                    "'" + c.id + "' is longer than " + std::to_string(kMaxConsultationIdBytes) +
                        " characters: a consultation's id is printed in its certificates' QR codes");
        if (!c.id.empty()) {
            auto [it, fresh] = first_file.emplace(c.id, m.file());
            if (!fresh) m.error(line_of(*t.get("id")), "id", "'" + c.id + "' is used twice (also in " + it->second + ")");
        }
        c.order = m.integer(t, "order", "", true, 1, 0, 9999);
        c.title = m.text(t, "title", "", true, 1);
        c.summary = m.text(t, "summary", "", true, 1, true);
        c.deadline = m.date(t, "deadline", "", true, 1);
        c.stages = load_stages(m);
        if (auto* sn = t.get("stage"); sn && sn->is_array()) {
            m.error(line_of(*sn), "stage", "is the current stage's id (stage = \"collecting\"); write the consultation's "
                                           "own stages as [[stages]] tables");
        } else {
            c.stage_id = stage_id(m, t, "stage", "", 1);
            if (!c.stage_id.empty() && !c.stages.empty() && !c.current_stage()) {
                std::string known;
                for (auto& st : c.stages) known += (known.empty() ? "" : ", ") + st.id;
                m.error(line_of(*t.get("stage")), "stage",
                        "'" + c.stage_id + "' is not one of this consultation's stages (" + known + ")");
            }
        }
        load_articles(m, c);
        ctx.out().content.consultations.push_back(std::move(c));
    }
    auto& cs = ctx.out().content.consultations;
    std::stable_sort(cs.begin(), cs.end(), [](auto& a, auto& b) { return a.order != b.order ? a.order < b.order : a.id < b.id; });
}

// ---------------------------------------------------------------- 3. Links and cross-references

// Links inside the folder are fine (an image kept once, linked from two places); a link whose
// target resolves outside it is refused wherever it is, named by its own path, because a build
// would carry whatever it points to into the bundle. Links are not followed while walking, so a
// linked folder is judged by where it leads, not by what it holds.
void check_links(Context& ctx) {
    std::error_code ec;
    fs::recursive_directory_iterator it(ctx.root(), fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_symlink(ec)) continue;
        // Judged by its own target, so a dangling link is judged too (weakly_canonical would stop
        // at the link and call it inside).
        std::error_code rec;
        auto target = fs::read_symlink(it->path(), rec);
        auto resolved = target.is_relative() ? it->path().parent_path() / target : target;
        if (rec || !ctx.inside_root(resolved))
            ctx.error(ctx.rel(it->path()), 0, "",
                      "is a link to '" + target.string() + "', outside the content folder: copy the file in instead");
    }
    if (ec) ctx.error(".", 0, "", "the folder cannot be read in full: " + ec.message());
}

void check_references(Context& ctx) {
    auto& c = ctx.out().content;
    for (auto& r : ctx.section_refs)
        if (!c.find_section(r.target))
            ctx.error(r.file, r.line, r.field, "'" + r.target + "' is not a section in sections.toml");
    for (auto& r : ctx.exhibit_refs)
        if (!c.find_exhibit(r.target)) ctx.error(r.file, r.line, r.field, "'" + r.target + "' is not an exhibit");
    for (auto& s : c.sections)
        if (!s.id.empty() && c.exhibits_in(s.id).empty())
            ctx.error("sections.toml", 0, "section '" + s.id + "'", "has no exhibits (set section = \"" + s.id + "\" in one)");
}

}  // namespace

// ---------------------------------------------------------------- 4. Entry point

SourceLoad load_content_sources(const fs::path& dir) {
    SourceLoad out;
    if (!fs::is_directory(dir)) {
        out.problems.push_back(Diagnostic{dir.string(), 0, "", "is not a folder of content sources"});
        return out;
    }
    Context ctx(dir, out);
    check_links(ctx);
    load_hall(ctx);
    load_slides(ctx);
    load_timeline(ctx);
    load_sections(ctx);
    load_exhibits(ctx);
    load_figures(ctx);
    load_consultations(ctx);
    check_references(ctx);

    auto& c = out.content;
    auto section_rank = [&](const std::string& id) {
        for (std::size_t k = 0; k < c.sections.size(); ++k)
            if (c.sections[k].id == id) return k;
        return c.sections.size();
    };
    std::stable_sort(c.exhibits.begin(), c.exhibits.end(), [&](auto& a, auto& b) {
        auto ra = section_rank(a.section), rb = section_rank(b.section);
        return ra != rb ? ra < rb : a.order < b.order;
    });
    return out;
}

}  // namespace lianxin
