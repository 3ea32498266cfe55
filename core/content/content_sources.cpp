// Reads and checks content sources. Every problem is collected (not only the first) so an
// editor can fix a whole batch in one pass; a source with any problem never yields a bundle.
//
// Sections: 2. Per-file loaders  3. Links and cross-references  4. Entry point. The manifest
// reader is in source_manifest.h, the consultations' loader in content_consultations.cpp.
#include "core/content/content_sources.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/base/field_limits.h"
#include "core/content/source_manifest.h"
#include "core/markdown/markdown_doc.h"
#include "core/tokens/token.h"

namespace fs = std::filesystem;

namespace lianxin {

std::string Diagnostic::to_string() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
    if (!field.empty()) s += field + ": ";
    return s + message;
}

namespace source_reading {
namespace {

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
        m.allow_only(*t, {"image", "title", "caption", "translation"}, p);
        Slide s;
        s.english_pending = m.translation(*t, p);
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
        m.allow_only(*t, {"year", "year_label", "title", "text", "place", "image", "exhibit", "translation"}, p);
        TimelineEvent e;
        e.english_pending = m.translation(*t, p);
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
        m.allow_only(*t, {"id", "title", "intro", "image", "translation"}, p);
        Section s;
        s.english_pending = m.translation(*t, p);
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
        if (m.english_may_be_empty && std::string_view(lang) == "en" && trim(*text).empty()) continue;
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
        m.allow_only(t, {"id", "section", "order", "title", "subtitle", "place", "year", "image", "body", "translation"}, "");
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
        e.english_pending = m.translation(t, "");
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
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("figure", true)) {
        std::string p = "figure[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "value", "unit", "label", "exhibit", "translation"}, p);
        Figure f;
        f.english_pending = m.translation(*t, p);
        // Optional: a figure needs an id only to be a tour's stop.
        f.id = m.id(*t, "id", p, false, line);
        if (!f.id.empty() && !ids.insert(f.id).second) m.error(line, p + "id", "'" + f.id + "' is used twice");
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
    for (auto& r : ctx.deputy_refs)
        if (!c.find_deputy(r.target)) ctx.error(r.file, r.line, r.field, "'" + r.target + "' is not a deputy in deputies.toml");
    for (auto& r : ctx.figure_refs)
        if (!c.find_figure(r.target))
            ctx.error(r.file, r.line, r.field, "'" + r.target + "' is not the id of a figure in figures.toml");
    for (auto& s : c.sections)
        if (!s.id.empty() && c.exhibits_in(s.id).empty())
            ctx.error("sections.toml", 0, "section '" + s.id + "'", "has no exhibits (set section = \"" + s.id + "\" in one)");
}

}  // namespace
}  // namespace source_reading

// ---------------------------------------------------------------- 4. Entry point

SourceLoad load_content_sources(const fs::path& dir) {
    using namespace source_reading;
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
    load_station(ctx);
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
