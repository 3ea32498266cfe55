// The station's bundle tables (bundle_station.h).
#include "core/content/bundle_station.h"

namespace lianxin::bundle_tables {

const char* const kStationSchemaSql = R"SQL(
CREATE TABLE figure_ids(figure INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL);
CREATE TABLE deputies(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, level TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, portrait TEXT, reception_zh TEXT NOT NULL, reception_en TEXT NOT NULL,
  english_pending INTEGER NOT NULL);
CREATE TABLE deputy_topics(deputy TEXT NOT NULL, ord INTEGER NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL,
  PRIMARY KEY(deputy, ord));
CREATE TABLE schedule(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
  time TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL, place_zh TEXT NOT NULL, place_en TEXT NOT NULL,
  link TEXT NOT NULL, outcome_zh TEXT NOT NULL, outcome_en TEXT NOT NULL, english_pending INTEGER NOT NULL);
CREATE TABLE schedule_deputies(item TEXT NOT NULL, ord INTEGER NOT NULL, deputy TEXT NOT NULL, PRIMARY KEY(item, ord));
CREATE TABLE tours(ord INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  intro_zh TEXT NOT NULL, intro_en TEXT NOT NULL, english_pending INTEGER NOT NULL);
CREATE TABLE tour_stops(tour TEXT NOT NULL, ord INTEGER NOT NULL, exhibit TEXT NOT NULL, figure TEXT NOT NULL,
  PRIMARY KEY(tour, ord));
CREATE TABLE tour_points(tour TEXT NOT NULL, stop INTEGER NOT NULL, ord INTEGER NOT NULL, text_zh TEXT NOT NULL,
  text_en TEXT NOT NULL, PRIMARY KEY(tour, stop, ord));
)SQL";

namespace {

bool has_table(SqliteDb& db, const char* name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.bind(1, name);
    return st.step();
}

// A list of texts stored a row each: `sql` selects text_zh, text_en in order for the bound keys.
std::vector<LocalizedText> read_list(Statement& st) {
    std::vector<LocalizedText> out;
    while (st.step()) {
        int col = 0;
        out.push_back(read_text(st, col));
    }
    return out;
}

}  // namespace

void write_station(SqliteDb& db, const ContentSet& c) {
    auto fid = db.prepare("INSERT INTO figure_ids VALUES(?,?)");
    for (std::size_t i = 0; i < c.figures.size(); ++i) {
        if (c.figures[i].id.empty()) continue;
        fid.add(static_cast<std::int64_t>(i)).add(c.figures[i].id);
        fid.run(); fid.reset();
    }
    auto dep = db.prepare("INSERT INTO deputies VALUES(?,?,?,?,?,?,?,?,?)");
    auto topic = db.prepare("INSERT INTO deputy_topics VALUES(?,?,?,?)");
    std::int64_t ord = 0;
    for (auto& d : c.deputies) {
        dep.add(ord++).add(d.id).add(deputy_level_code(d.level));
        add_text(dep, d.name);
        dep.add(d.portrait);
        add_text(dep, d.reception);
        dep.add(d.english_pending ? 1 : 0);
        dep.run(); dep.reset();
        std::int64_t k = 0;
        for (auto& t : d.topics) {
            topic.add(d.id).add(k++);
            add_text(topic, t);
            topic.run(); topic.reset();
        }
    }
    auto item = db.prepare("INSERT INTO schedule VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto who = db.prepare("INSERT INTO schedule_deputies VALUES(?,?,?)");
    ord = 0;
    for (auto& s : c.schedule) {
        item.add(ord++).add(s.id).add(schedule_kind_code(s.kind)).add(s.date.to_string()).add(s.time);
        add_text(item, s.title); add_text(item, s.place);
        item.add(s.link);
        add_text(item, s.outcome);
        item.add(s.english_pending ? 1 : 0);
        item.run(); item.reset();
        std::int64_t k = 0;
        for (auto& d : s.deputies) {
            who.add(s.id).add(k++).add(d);
            who.run(); who.reset();
        }
    }
    auto tour = db.prepare("INSERT INTO tours VALUES(?,?,?,?,?,?,?)");
    auto stop = db.prepare("INSERT INTO tour_stops VALUES(?,?,?,?)");
    auto point = db.prepare("INSERT INTO tour_points VALUES(?,?,?,?,?)");
    ord = 0;
    for (auto& t : c.tours) {
        tour.add(ord++).add(t.id);
        add_text(tour, t.title); add_text(tour, t.intro);
        tour.add(t.english_pending ? 1 : 0);
        tour.run(); tour.reset();
        std::int64_t k = 0;
        for (auto& s : t.stops) {
            stop.add(t.id).add(k).add(s.exhibit).add(s.figure);
            stop.run(); stop.reset();
            std::int64_t n = 0;
            for (auto& p : s.points) {
                point.add(t.id).add(k).add(n++);
                add_text(point, p);
                point.run(); point.reset();
            }
            ++k;
        }
    }
}

void read_station(SqliteDb& db, ContentSet& c) {
    if (has_table(db, "figure_ids"))
        for (auto st = db.prepare("SELECT figure, id FROM figure_ids"); st.step();) {
            auto i = st.integer(0);
            if (i >= 0 && static_cast<std::size_t>(i) < c.figures.size()) c.figures[static_cast<std::size_t>(i)].id = st.text(1);
        }
    if (has_table(db, "deputies")) {
        auto topics = db.prepare("SELECT text_zh, text_en FROM deputy_topics WHERE deputy = ? ORDER BY ord");
        for (auto st = db.prepare("SELECT id, level, name_zh, name_en, portrait, reception_zh, reception_en, english_pending "
                                  "FROM deputies ORDER BY ord");
             st.step();) {
            int col = 0;
            Deputy d;
            d.id = st.text(col++);
            const std::string level = st.text(col++);
            auto l = parse_deputy_level(level);
            if (!l) throw SqliteError("deputy '" + d.id + "' has level '" + level + "', which is not a level");
            d.level = *l;
            d.name = read_text(st, col);
            d.portrait = st.text(col++);
            d.reception = read_text(st, col);
            d.english_pending = st.integer(col++) != 0;
            topics.reset();
            topics.bind(1, d.id);
            d.topics = read_list(topics);
            c.deputies.push_back(std::move(d));
        }
    }
    if (has_table(db, "schedule")) {
        auto who = db.prepare("SELECT deputy FROM schedule_deputies WHERE item = ? ORDER BY ord");
        for (auto st = db.prepare("SELECT id, kind, date, time, title_zh, title_en, place_zh, place_en, link, outcome_zh, "
                                  "outcome_en, english_pending FROM schedule ORDER BY ord");
             st.step();) {
            int col = 0;
            ScheduleItem s;
            s.id = st.text(col++);
            const std::string kind = st.text(col++), date = st.text(col++);
            auto k = parse_schedule_kind(kind);
            if (!k) throw SqliteError("schedule item '" + s.id + "' has kind '" + kind + "', which is not a kind");
            s.kind = *k;
            if (!parse_local_date(date, s.date))
                throw SqliteError("schedule item '" + s.id + "' has date '" + date + "', which is not a date");
            s.time = st.text(col++);
            s.title = read_text(st, col);
            s.place = read_text(st, col);
            s.link = st.text(col++);
            s.outcome = read_text(st, col);
            s.english_pending = st.integer(col++) != 0;
            who.reset();
            who.bind(1, s.id);
            while (who.step()) s.deputies.push_back(who.text(0));
            c.schedule.push_back(std::move(s));
        }
    }
    if (has_table(db, "tours")) {
        auto stops = db.prepare("SELECT ord, exhibit, figure FROM tour_stops WHERE tour = ? ORDER BY ord");
        auto points = db.prepare("SELECT text_zh, text_en FROM tour_points WHERE tour = ? AND stop = ? ORDER BY ord");
        for (auto st = db.prepare("SELECT id, title_zh, title_en, intro_zh, intro_en, english_pending FROM tours ORDER BY ord");
             st.step();) {
            int col = 0;
            Tour t;
            t.id = st.text(col++);
            t.title = read_text(st, col);
            t.intro = read_text(st, col);
            t.english_pending = st.integer(col++) != 0;
            stops.reset();
            stops.bind(1, t.id);
            while (stops.step()) {
                TourStop s;
                s.exhibit = stops.text(1);
                s.figure = stops.text(2);
                points.reset();
                points.bind(1, t.id).bind(2, stops.integer(0));
                s.points = read_list(points);
                t.stops.push_back(std::move(s));
            }
            if (t.stops.empty()) throw SqliteError("tour '" + t.id + "' has no stops");
            c.tours.push_back(std::move(t));
        }
    }
}

}  // namespace lianxin::bundle_tables
