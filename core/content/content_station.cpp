// The station's manifests: deputies.toml, schedule.toml and tours.toml (station_model.h), each
// optional (a hall without a station has none), checked with the same rules and messages as the
// exhibition's files; references to deputies, exhibits and figures are checked once all is read.
#include <algorithm>
#include <set>

#include "core/content/source_manifest.h"

namespace lianxin {

const char* deputy_level_code(DeputyLevel l) {
    switch (l) {
        case DeputyLevel::national: return "national";
        case DeputyLevel::provincial: return "provincial";
        case DeputyLevel::city: return "city";
        case DeputyLevel::district: return "district";
        case DeputyLevel::town: return "town";
    }
    return "district";
}

std::optional<DeputyLevel> parse_deputy_level(std::string_view code) {
    for (DeputyLevel l : kDeputyLevels)
        if (code == deputy_level_code(l)) return l;
    return std::nullopt;
}

const char* schedule_kind_code(ScheduleKind k) {
    switch (k) {
        case ScheduleKind::reception: return "reception";
        case ScheduleKind::livestream: return "livestream";
        case ScheduleKind::hearing: return "hearing";
        case ScheduleKind::coordination: return "coordination";
        case ScheduleKind::evaluation: return "evaluation";
    }
    return "reception";
}

std::optional<ScheduleKind> parse_schedule_kind(std::string_view code) {
    for (ScheduleKind k : kScheduleKinds)
        if (code == schedule_kind_code(k)) return k;
    return std::nullopt;
}

namespace source_reading {

namespace {

// An id unique within its file; a repeat is named with the line of its first use.
bool unique_id(Manifest& m, std::set<std::string>& seen, const std::string& id, int line, const std::string& field) {
    if (id.empty()) return false;
    if (seen.insert(id).second) return true;
    m.error(line, field, "'" + id + "' is used twice");
    return false;
}

// "09:30": two digits, a colon, two digits, a time of day.
bool is_clock_time(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), mi = (s[3] - '0') * 10 + (s[4] - '0');
    return h < 24 && mi < 60;
}

void load_deputies(Context& ctx) {
    Manifest m(ctx, ctx.root() / "deputies.toml");
    if (!fs::exists(m.path())) return;
    if (!m.parse()) return;
    m.allow_only(m.table(), {"deputy"}, "");
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("deputy", true)) {
        std::string p = "deputy[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "name", "level", "portrait", "reception", "topics", "translation"}, p);
        Deputy d;
        d.english_pending = m.translation(*t, p);
        d.id = m.id(*t, "id", p, true, line);
        unique_id(m, ids, d.id, line, p + "id");
        d.name = m.text(*t, "name", p, true, line);
        std::string level = m.string(*t, "level", p, true, line);
        if (auto l = parse_deputy_level(level)) d.level = *l;
        else if (!level.empty())
            m.error(line_of(*t->get("level")), p + "level",
                    "'" + level + "' is not a level: national, provincial, city, district or town");
        d.portrait = m.image(*t, "portrait", p, false, line);
        d.reception = m.text(*t, "reception", p, true, line);
        d.topics = m.paired_list(*t, "topics", p, "topic");
        ctx.out().content.deputies.push_back(std::move(d));
    }
}

void load_schedule(Context& ctx) {
    Manifest m(ctx, ctx.root() / "schedule.toml");
    if (!fs::exists(m.path())) return;
    if (!m.parse()) return;
    m.allow_only(m.table(), {"item"}, "");
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("item", true)) {
        std::string p = "item[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "kind", "date", "time", "title", "place", "deputies", "link", "outcome", "translation"}, p);
        ScheduleItem s;
        s.english_pending = m.translation(*t, p);
        s.id = m.id(*t, "id", p, true, line);
        unique_id(m, ids, s.id, line, p + "id");
        std::string kind = m.string(*t, "kind", p, true, line);
        if (auto k = parse_schedule_kind(kind)) s.kind = *k;
        else if (!kind.empty())
            m.error(line_of(*t->get("kind")), p + "kind",
                    "'" + kind + "' is not a kind: reception, livestream, hearing, coordination or evaluation");
        s.date = m.date(*t, "date", p, true, line);
        s.time = m.string(*t, "time", p, false, line);
        if (!s.time.empty() && !is_clock_time(s.time)) {
            m.error(line_of(*t->get("time")), p + "time", "'" + s.time + "' is not a time of day such as \"09:30\"");
            s.time.clear();
        }
        s.title = m.text(*t, "title", p, true, line);
        // A livestream happens online; every other item at a place residents walk to.
        s.place = m.text(*t, "place", p, s.kind != ScheduleKind::livestream, line);
        if (auto* dn = t->get("deputies")) {
            auto* arr = dn->as_array();
            if (!arr) m.error(line_of(*dn), p + "deputies", "must be a list of deputy ids, e.g. [\"chen-hong\"]");
            int k = 0;
            for (std::size_t j = 0; arr && j < arr->size(); ++j) {
                std::string f = p + "deputies[" + std::to_string(++k) + "]";
                auto v = (*arr)[j].value<std::string>();
                if (!(*arr)[j].is_string() || !v) { m.error(line_of((*arr)[j]), f, "must be a deputy's id"); continue; }
                ctx.deputy_refs.push_back({m.file(), line_of((*arr)[j]), f, *v});
                s.deputies.push_back(*v);
            }
        }
        s.link = m.string(*t, "link", p, s.kind == ScheduleKind::livestream, line);
        if (!s.link.empty()) {
            bool web = s.link.rfind("https://", 0) == 0 || s.link.rfind("http://", 0) == 0;
            bool plain = s.link.find_first_of(" \t\r\n\"<>") == std::string::npos;
            if (!web || !plain || s.link.size() > kScheduleLinkMaxBytes) {
                m.error(line_of(*t->get("link")), p + "link",
                        "must be a web address (http:// or https://, no spaces) of at most " +
                            std::to_string(kScheduleLinkMaxBytes) + " bytes: it is shown as a QR code");
                s.link.clear();
            }
        }
        s.outcome = m.text(*t, "outcome", p, false, line, true);
        ctx.out().content.schedule.push_back(std::move(s));
    }
    // By date, then time of day (an item without one first on its day), as the kiosk lists them.
    auto& items = ctx.out().content.schedule;
    std::stable_sort(items.begin(), items.end(), [](const ScheduleItem& a, const ScheduleItem& b) {
        return a.date != b.date ? a.date < b.date : a.time < b.time;
    });
}

void load_tours(Context& ctx) {
    Manifest m(ctx, ctx.root() / "tours.toml");
    if (!fs::exists(m.path())) return;
    if (!m.parse()) return;
    m.allow_only(m.table(), {"tour"}, "");
    std::set<std::string> ids;
    int i = 0;
    for (auto* t : m.array_of_tables("tour", true)) {
        std::string p = "tour[" + std::to_string(++i) + "].";
        int line = line_of(*t);
        m.allow_only(*t, {"id", "title", "intro", "stop", "translation"}, p);
        Tour tour;
        tour.english_pending = m.translation(*t, p);
        tour.id = m.id(*t, "id", p, true, line);
        unique_id(m, ids, tour.id, line, p + "id");
        tour.title = m.text(*t, "title", p, true, line);
        tour.intro = m.text(*t, "intro", p, true, line, true);
        auto* sn = t->get("stop");
        auto* stops = sn ? sn->as_array() : nullptr;
        if (!stops || stops->empty()) {
            m.error(sn ? line_of(*sn) : line, p + "stop", "needs at least one [[tour.stop]] with an exhibit or a figure");
        }
        int k = 0;
        for (std::size_t j = 0; stops && j < stops->size(); ++j) {
            std::string sp = p + "stop[" + std::to_string(++k) + "].";
            auto* st = (*stops)[j].as_table();
            if (!st) { m.error(line_of((*stops)[j]), p + "stop", "every stop must be a [[tour.stop]] table"); continue; }
            int sline = line_of(*st);
            m.allow_only(*st, {"exhibit", "figure", "points"}, sp);
            TourStop s;
            s.exhibit = m.id(*st, "exhibit", sp, false, sline);
            s.figure = m.id(*st, "figure", sp, false, sline);
            if (st->get("exhibit") && st->get("figure"))
                m.error(sline, sp + "figure", "a stop is an exhibit or a figure, not both");
            else if (!st->get("exhibit") && !st->get("figure"))
                m.error(sline, sp + "exhibit", "is missing: name the exhibit (exhibit = \"…\") or the figure (figure = \"…\")");
            if (!s.exhibit.empty()) ctx.exhibit_refs.push_back({m.file(), line_of(*st->get("exhibit")), sp + "exhibit", s.exhibit});
            if (!s.figure.empty()) ctx.figure_refs.push_back({m.file(), line_of(*st->get("figure")), sp + "figure", s.figure});
            s.points = m.paired_list(*st, "points", sp, "talking point");
            tour.stops.push_back(std::move(s));
        }
        ctx.out().content.tours.push_back(std::move(tour));
    }
}

}  // namespace

void load_station(Context& ctx) {
    load_deputies(ctx);
    load_schedule(ctx);
    load_tours(ctx);
}

}  // namespace source_reading
}  // namespace lianxin
