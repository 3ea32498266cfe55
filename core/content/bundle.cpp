// Content bundles: writing (admin tool), verifying and loading (kiosk).
// Schema 2 adds consultations (consultations, consultation_stages, articles, article_questions);
// the station's tables came later without a new number (core/content/bundle_station.h).
#include "core/content/bundle.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>

#include "core/base/field_limits.h"
#include "core/base/files.h"
#include "core/content/bundle_station.h"
#include "core/storage/sqlite_db.h"

namespace fs = std::filesystem;

namespace lianxin {

namespace {

constexpr const char* kSchemaSql = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE slides(ord INTEGER PRIMARY KEY, image TEXT NOT NULL,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, caption_zh TEXT NOT NULL, caption_en TEXT NOT NULL);
CREATE TABLE timeline(ord INTEGER PRIMARY KEY, year INTEGER NOT NULL, year_label_zh TEXT, year_label_en TEXT,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL,
  place_zh TEXT, place_en TEXT, image TEXT, exhibit TEXT);
CREATE TABLE sections(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  intro_zh TEXT NOT NULL, intro_en TEXT NOT NULL, image TEXT);
CREATE TABLE exhibits(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, section TEXT NOT NULL, sort_order INTEGER NOT NULL,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, subtitle_zh TEXT NOT NULL, subtitle_en TEXT NOT NULL,
  place_zh TEXT, place_en TEXT, year INTEGER, image TEXT, body_zh TEXT NOT NULL, body_en TEXT NOT NULL);
CREATE TABLE figures(ord INTEGER PRIMARY KEY, value TEXT NOT NULL, unit_zh TEXT, unit_en TEXT,
  label_zh TEXT NOT NULL, label_en TEXT NOT NULL, exhibit TEXT);
CREATE TABLE media(name TEXT PRIMARY KEY, width INTEGER NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE consultations(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, sort_order INTEGER NOT NULL,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, summary_zh TEXT NOT NULL, summary_en TEXT NOT NULL,
  deadline TEXT NOT NULL, stage TEXT NOT NULL);
CREATE TABLE consultation_stages(consultation TEXT NOT NULL, ord INTEGER NOT NULL, id TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, PRIMARY KEY(consultation, ord));
CREATE TABLE articles(consultation TEXT NOT NULL, number INTEGER NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  text_zh TEXT NOT NULL, text_en TEXT NOT NULL, plain_zh TEXT NOT NULL, plain_en TEXT NOT NULL,
  PRIMARY KEY(consultation, number));
CREATE TABLE article_questions(consultation TEXT NOT NULL, article INTEGER NOT NULL, ord INTEGER NOT NULL,
  text_zh TEXT NOT NULL, text_en TEXT NOT NULL, PRIMARY KEY(consultation, article, ord));
)SQL";

std::string utc_now() {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

using bundle_tables::add_text;
using bundle_tables::read_text;

void write_consultations(SqliteDb& db, const ContentSet& c) {
    auto cons = db.prepare("INSERT INTO consultations VALUES(?,?,?,?,?,?,?,?,?)");
    auto stages = db.prepare("INSERT INTO consultation_stages VALUES(?,?,?,?,?)");
    auto arts = db.prepare("INSERT INTO articles VALUES(?,?,?,?,?,?,?,?)");
    auto qs = db.prepare("INSERT INTO article_questions VALUES(?,?,?,?,?)");
    int ord = 0;
    for (auto& x : c.consultations) {
        cons.add(std::int64_t{ord++}).add(x.id).add(std::int64_t{x.order});
        add_text(cons, x.title); add_text(cons, x.summary);
        cons.add(x.deadline.to_string()).add(x.stage_id);
        cons.run(); cons.reset();
        int k = 0;
        for (auto& st : x.stages) {
            stages.add(x.id).add(std::int64_t{k++}).add(st.id);
            add_text(stages, st.name);
            stages.run(); stages.reset();
        }
        for (auto& a : x.articles) {
            arts.add(x.id).add(std::int64_t{a.number});
            add_text(arts, a.title); add_text(arts, a.text); add_text(arts, a.plain);
            arts.run(); arts.reset();
            int q = 0;
            for (auto& question : a.questions) {
                qs.add(x.id).add(std::int64_t{a.number}).add(std::int64_t{q++});
                add_text(qs, question);
                qs.run(); qs.reset();
            }
        }
    }
}

// Consultations come back in the bundle's order; a bundle that breaks what the sources check
// guarantees (a real deadline, at least one stage) is refused as corrupt rather than shown.
void read_consultations(SqliteDb& db, ContentSet& c) {
    auto stages = db.prepare("SELECT id, name_zh, name_en FROM consultation_stages WHERE consultation = ? ORDER BY ord");
    auto arts = db.prepare("SELECT number, title_zh, title_en, text_zh, text_en, plain_zh, plain_en FROM articles "
                           "WHERE consultation = ? ORDER BY number");
    auto qs = db.prepare("SELECT text_zh, text_en FROM article_questions WHERE consultation = ? AND article = ? ORDER BY ord");
    for (auto st = db.prepare("SELECT id, sort_order, title_zh, title_en, summary_zh, summary_en, deadline, stage "
                              "FROM consultations ORDER BY ord"); st.step();) {
        int col = 0;
        Consultation x;
        x.id = st.text(col++);
        x.order = static_cast<int>(st.integer(col++));
        x.title = read_text(st, col); x.summary = read_text(st, col);
        auto deadline = st.text(col++);
        if (!parse_local_date(deadline, x.deadline))
            throw SqliteError("consultation '" + x.id + "' has deadline '" + deadline + "', which is not a date");
        x.stage_id = st.text(col++);
        stages.reset();
        for (stages.bind(1, x.id); stages.step();) {
            int sc = 0;
            ConsultationStage s;
            s.id = stages.text(sc++);
            s.name = read_text(stages, sc);
            x.stages.push_back(std::move(s));
        }
        if (x.stages.empty()) throw SqliteError("consultation '" + x.id + "' has no stages");
        arts.reset();
        for (arts.bind(1, x.id); arts.step();) {
            int ac = 0;
            Article a;
            a.number = static_cast<int>(arts.integer(ac++));
            a.title = read_text(arts, ac); a.text = read_text(arts, ac); a.plain = read_text(arts, ac);
            qs.reset();
            for (qs.bind(1, x.id).bind(2, std::int64_t{a.number}); qs.step();) {
                int qc = 0;
                a.questions.push_back(read_text(qs, qc));
            }
            x.articles.push_back(std::move(a));
        }
        c.consultations.push_back(std::move(x));
    }
}

// The items whose English waits for a translation, as meta's english_pending: a key of meta
// rather than columns, so kiosks built before it still read the bundle (they show the empty
// English). An exhibit by its bare id (the first kind that had it); other items as kind:id, or
// kind:position for those without ids. Ids never hold ':'.
std::string english_pending_list(const ContentSet& c) {
    std::string out;
    auto add = [&](const std::string& token) { out += (out.empty() ? "" : ",") + token; };
    for (auto& e : c.exhibits)
        if (e.english_pending) add(e.id);
    for (auto& x : c.sections)
        if (x.english_pending) add("section:" + x.id);
    for (auto& x : c.consultations)
        if (x.english_pending) add("consultation:" + x.id);
    for (std::size_t i = 0; i < c.slides.size(); ++i)
        if (c.slides[i].english_pending) add("slide:" + std::to_string(i));
    for (std::size_t i = 0; i < c.timeline.size(); ++i)
        if (c.timeline[i].english_pending) add("event:" + std::to_string(i));
    for (std::size_t i = 0; i < c.figures.size(); ++i)
        if (c.figures[i].english_pending) add("figure:" + std::to_string(i));
    return out;
}

// Sets english_pending on the items `list` names (english_pending_list); unknown names are
// passed over, as a newer builder's kinds would be.
void mark_english_pending(ContentSet& c, const std::string& list) {
    auto by_id = [](auto& items, const std::string& id) {
        for (auto& x : items)
            if (x.id == id) x.english_pending = true;
    };
    auto by_position = [](auto& items, const std::string& n) {
        if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) return;
        std::size_t i = std::stoul(n);
        if (i < items.size()) items[i].english_pending = true;
    };
    for (std::size_t at = 0, end; at < list.size(); at = end + 1) {
        end = list.find(',', at);
        if (end == std::string::npos) end = list.size();
        const std::string token = list.substr(at, end - at);
        const std::size_t colon = token.find(':');
        if (colon == std::string::npos) { by_id(c.exhibits, token); continue; }
        const std::string kind = token.substr(0, colon), name = token.substr(colon + 1);
        if (kind == "section") by_id(c.sections, name);
        else if (kind == "consultation") by_id(c.consultations, name);
        else if (kind == "slide") by_position(c.slides, name);
        else if (kind == "event") by_position(c.timeline, name);
        else if (kind == "figure") by_position(c.figures, name);
    }
}

void write_tables(SqliteDb& db, const SourceLoad& src) {
    auto& c = src.content;
    Transaction tx(db);
    auto meta = db.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
    auto put = [&](const char* k, const std::string& v) { meta.bind(1, k).bind(2, v); meta.run(); meta.reset(); };
    put("format", "lianxin-bundle");
    put("schema", std::to_string(kBundleSchema));
    put("content_id", c.hall.id);
    put("content_version", c.hall.version);
    put("built_at", utc_now());
    put("hall_name_zh", c.hall.name.zh); put("hall_name_en", c.hall.name.en);
    put("hall_welcome_zh", c.hall.welcome.zh); put("hall_welcome_en", c.hall.welcome.en);
    put("hall_district_zh", c.hall.district.zh); put("hall_district_en", c.hall.district.en);
    if (std::string pending = english_pending_list(c); !pending.empty()) put("english_pending", pending);

    int ord = 0;
    auto slides = db.prepare("INSERT INTO slides VALUES(?,?,?,?,?,?)");
    for (auto& s : c.slides) {
        slides.add(std::int64_t{ord++}).add(s.image);
        add_text(slides, s.title); add_text(slides, s.caption);
        slides.run(); slides.reset();
    }
    ord = 0;
    auto tl = db.prepare("INSERT INTO timeline VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    for (auto& e : c.timeline) {
        tl.add(std::int64_t{ord++}).add(std::int64_t{e.year});
        add_text(tl, e.year_label); add_text(tl, e.title); add_text(tl, e.text); add_text(tl, e.place);
        tl.add(e.image).add(e.exhibit);
        tl.run(); tl.reset();
    }
    ord = 0;
    auto sec = db.prepare("INSERT INTO sections VALUES(?,?,?,?,?,?,?)");
    for (auto& s : c.sections) {
        sec.add(std::int64_t{ord++}).add(s.id);
        add_text(sec, s.title); add_text(sec, s.intro);
        sec.add(s.image);
        sec.run(); sec.reset();
    }
    ord = 0;
    auto ex = db.prepare("INSERT INTO exhibits VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (auto& e : c.exhibits) {
        ex.add(std::int64_t{ord++}).add(e.id).add(e.section).add(std::int64_t{e.order});
        add_text(ex, e.title); add_text(ex, e.subtitle); add_text(ex, e.place);
        ex.add(std::int64_t{e.year}).add(e.image);
        add_text(ex, e.body);
        ex.run(); ex.reset();
    }
    ord = 0;
    auto fig = db.prepare("INSERT INTO figures VALUES(?,?,?,?,?,?,?)");
    for (auto& f : c.figures) {
        fig.add(std::int64_t{ord++}).add(f.value);
        add_text(fig, f.unit); add_text(fig, f.label);
        fig.add(f.exhibit);
        fig.run(); fig.reset();
    }
    write_consultations(db, c);
    bundle_tables::write_station(db, c);
    auto media = db.prepare("INSERT INTO media VALUES(?,?,?,?)");
    for (auto& [name, m] : src.media) {
        media.bind(1, name).bind(2, std::int64_t{m.width}).bind(3, std::int64_t{m.height}).bind_blob(4, m.bytes);
        media.run(); media.reset();
    }
    tx.commit();
}

void read_tables(SqliteDb& db, LoadedBundle& b) {
    auto& c = b.content;
    std::map<std::string, std::string> meta;
    for (auto st = db.prepare("SELECT key, value FROM meta"); st.step();) meta[st.text(0)] = st.text(1);
    if (meta["format"] != "lianxin-bundle") throw SqliteError("meta.format is not lianxin-bundle");
    b.info.content_id = meta["content_id"];
    b.info.content_version = meta["content_version"];
    b.info.built_at = meta["built_at"];
    c.hall.id = b.info.content_id;
    c.hall.version = b.info.content_version;
    c.hall.name = {meta["hall_name_zh"], meta["hall_name_en"]};
    c.hall.welcome = {meta["hall_welcome_zh"], meta["hall_welcome_en"]};
    c.hall.district = {meta["hall_district_zh"], meta["hall_district_en"]};

    for (auto st = db.prepare("SELECT image, title_zh, title_en, caption_zh, caption_en FROM slides ORDER BY ord"); st.step();) {
        int col = 0;
        Slide s;
        s.image = st.text(col++);
        s.title = read_text(st, col); s.caption = read_text(st, col);
        c.slides.push_back(std::move(s));
    }
    for (auto st = db.prepare("SELECT year, year_label_zh, year_label_en, title_zh, title_en, text_zh, text_en, "
                              "place_zh, place_en, image, exhibit FROM timeline ORDER BY ord"); st.step();) {
        int col = 0;
        TimelineEvent e;
        e.year = static_cast<int>(st.integer(col++));
        e.year_label = read_text(st, col); e.title = read_text(st, col); e.text = read_text(st, col);
        e.place = read_text(st, col);
        e.image = st.text(col++); e.exhibit = st.text(col++);
        c.timeline.push_back(std::move(e));
    }
    for (auto st = db.prepare("SELECT id, title_zh, title_en, intro_zh, intro_en, image FROM sections ORDER BY ord"); st.step();) {
        int col = 0;
        Section s;
        s.id = st.text(col++);
        s.title = read_text(st, col); s.intro = read_text(st, col);
        s.image = st.text(col++);
        c.sections.push_back(std::move(s));
    }
    for (auto st = db.prepare("SELECT id, section, sort_order, title_zh, title_en, subtitle_zh, subtitle_en, place_zh, "
                              "place_en, year, image, body_zh, body_en FROM exhibits ORDER BY ord"); st.step();) {
        int col = 0;
        Exhibit e;
        e.id = st.text(col++); e.section = st.text(col++); e.order = static_cast<int>(st.integer(col++));
        e.title = read_text(st, col); e.subtitle = read_text(st, col); e.place = read_text(st, col);
        e.year = static_cast<int>(st.integer(col++)); e.image = st.text(col++);
        e.body = read_text(st, col);
        c.exhibits.push_back(std::move(e));
    }
    for (auto st = db.prepare("SELECT value, unit_zh, unit_en, label_zh, label_en, exhibit FROM figures ORDER BY ord"); st.step();) {
        int col = 0;
        Figure f;
        f.value = st.text(col++);
        f.unit = read_text(st, col); f.label = read_text(st, col);
        f.exhibit = st.text(col++);
        c.figures.push_back(std::move(f));
    }
    read_consultations(db, c);
    bundle_tables::read_station(db, c);
    mark_english_pending(c, meta["english_pending"]);
    for (auto st = db.prepare("SELECT name, width, height FROM media"); st.step();)
        b.media_sizes[st.text(0)] = {static_cast<int>(st.integer(1)), static_cast<int>(st.integer(2))};
}

// The SQLite header states the page size and (when valid) the page count. A file of another
// size was cut short or padded, e.g. by an interrupted copy; quick_check alone misses a cut
// inside the last page, which SQLite reads back as zeros.
bool size_matches_header(const std::string& b) {
    auto be = [&](std::size_t at, int n) {
        std::uint64_t v = 0;
        for (int k = 0; k < n; ++k) v = v << 8 | static_cast<unsigned char>(b[at + static_cast<std::size_t>(k)]);
        return v;
    };
    std::uint64_t page = be(16, 2);
    if (page == 1) page = 65536;
    if (page < 512 || (page & (page - 1)) != 0 || b.size() % page != 0) return false;
    std::uint64_t pages = be(28, 4);
    bool count_valid = pages != 0 && be(24, 4) == be(92, 4);  // change counter == version-valid-for
    return !count_valid || pages * page == b.size();
}

}  // namespace

Status write_bundle(const SourceLoad& sources, const fs::path& out, const SecretKey* key) {
    if (!sources.ok())
        return Error{ErrorCode::invalid_input, "the sources have " + std::to_string(sources.problems.size()) +
                                                   " problems; run 'content check' and fix them first"};
    fs::path tmp = out;
    tmp += ".building";
    std::error_code ec;
    fs::remove(tmp, ec);
    try {
        SqliteDb db(tmp.string(), SqliteDb::Mode::read_write_create);
        db.exec("PRAGMA journal_mode=DELETE; PRAGMA page_size=8192;");
        db.exec("PRAGMA application_id=" + std::to_string(kBundleApplicationId));
        db.exec("PRAGMA user_version=" + std::to_string(kBundleSchema));
        db.exec(kSchemaSql);
        db.exec(bundle_tables::kStationSchemaSql);
        write_tables(db, sources);
        db.exec("VACUUM");
    } catch (const SqliteError& e) {
        fs::remove(tmp, ec);
        return Error{ErrorCode::database, e.what()};
    }
    auto bytes = read_file(tmp, kBundleMaxBytes);
    if (!bytes) {
        fs::remove(tmp, ec);
        if (bytes.error().code != ErrorCode::too_large) return bytes.error();
        return Error{ErrorCode::too_large, "the bundle would be over the " + std::to_string(kBundleMaxBytes >> 20) +
                                               " MiB that hubs and kiosks take: make the images smaller"};
    }
    fs::path sig = out;
    sig += ".sig";
    if (key) {
        if (auto st = write_file_atomic(sig, sign_detached(*key, *bytes)); !st) return st;
    } else {
        fs::remove(sig, ec);
    }
    fs::rename(tmp, out, ec);
    if (ec) return Error{ErrorCode::io, out.string() + ": " + ec.message()};
    return ok_status();
}

Result<LoadedBundle> load_bundle(const fs::path& path, const std::vector<PublicKey>& trusted) {
    auto bytes = read_file(path, kBundleMaxBytes);
    if (!bytes) return Error{bytes.error().code, "content bundle " + bytes.error().detail};
    if (bytes->size() < 100 || bytes->compare(0, 16, std::string("SQLite format 3\0", 16)) != 0)
        return Error{ErrorCode::not_a_bundle, path.string() + " is not a content bundle (not a SQLite database)"};

    LoadedBundle b;
    b.path = path;
    if (!trusted.empty()) {
        fs::path sig_path = path;
        sig_path += ".sig";
        auto sig = read_file(sig_path, 4096);
        if (!sig) return Error{ErrorCode::bad_signature, path.string() + " has no signature file (" + sig_path.string() + ")"};
        if (auto st = verify_detached(*sig, *bytes, trusted); !st)
            return Error{ErrorCode::bad_signature, path.string() + ": " + st.error().detail};
        b.info.signed_by = sig->substr(0, sig->find(' '));
    }
    if (!size_matches_header(*bytes))
        return Error{ErrorCode::corrupt, path.string() + " is damaged (its size does not match its SQLite header: cut short?)"};
    try {
        SqliteDb db(path.string(), SqliteDb::Mode::read_only);
        if (db.pragma_int("application_id") != kBundleApplicationId)
            return Error{ErrorCode::not_a_bundle, path.string() + " is a SQLite database but not a Lianxin content bundle"};
        auto schema = db.pragma_int("user_version");
        if (schema != kBundleSchema)
            return Error{ErrorCode::bad_schema, path.string() + " has bundle schema " + std::to_string(schema) +
                                                    "; this kiosk reads schema " + std::to_string(kBundleSchema)};
        {
            auto st = db.prepare("PRAGMA quick_check");
            if (!st.step() || st.text(0) != "ok")
                return Error{ErrorCode::corrupt, path.string() + " is damaged (SQLite quick_check failed)"};
        }
        read_tables(db, b);
    } catch (const SqliteError& e) {
        return Error{ErrorCode::corrupt, path.string() + " cannot be read as a bundle: " + e.what()};
    }
    if (b.content.slides.empty() || b.content.sections.empty())
        return Error{ErrorCode::corrupt, path.string() + " holds no slides or sections"};
    return b;
}

Result<LoadedBundle> load_newest_bundle(const fs::path& dir, const std::vector<PublicKey>& trusted,
                                        const fs::path& except) {
    std::vector<std::pair<fs::file_time_type, fs::path>> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code e2;
        if (it->path().extension() != ".lxb" || !it->is_regular_file(e2)) continue;
        if (!except.empty() && fs::equivalent(it->path(), except, e2)) continue;
        found.emplace_back(it->last_write_time(e2), it->path());
    }
    if (found.empty()) return Error{ErrorCode::not_found, "no earlier bundle kept in " + dir.string()};
    std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.first > b.first; });
    std::string why;
    for (auto& [when, path] : found) {
        auto b = load_bundle(path, trusted);
        if (b) return b;
        why += (why.empty() ? "" : "; ") + b.error().detail;
    }
    return Error{ErrorCode::not_found, "no bundle kept in " + dir.string() + " can be used: " + why};
}

struct BundleMedia::Impl {
    explicit Impl(const fs::path& p) : db(p.string(), SqliteDb::Mode::read_only),
        get(db.prepare("SELECT data FROM media WHERE name = ?")) {}
    SqliteDb db;
    Statement get;
};

BundleMedia::BundleMedia(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BundleMedia::~BundleMedia() = default;

Result<std::unique_ptr<BundleMedia>> BundleMedia::open(const fs::path& path) {
    try {
        return std::unique_ptr<BundleMedia>(new BundleMedia(std::make_unique<Impl>(path)));
    } catch (const SqliteError& e) {
        return Error{ErrorCode::io, e.what()};
    }
}

Result<std::string> BundleMedia::bytes(const std::string& name) {
    try {
        impl_->get.reset();
        impl_->get.bind(1, name);
        if (!impl_->get.step()) return Error{ErrorCode::not_found, "no media '" + name + "' in the bundle"};
        return impl_->get.blob(0);
    } catch (const SqliteError& e) {
        return Error{ErrorCode::database, e.what()};
    }
}

}  // namespace lianxin
