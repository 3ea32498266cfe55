// The hall's live figures on kiosk.db: the local counts from the records themselves, and the
// district's block (migration 8) replaced whole by each good sync reply.
#include "core/sync/live_figures.h"

namespace lianxin {

Result<LiveFigures> load_live_figures(KioskDb& kdb, const std::string& kiosk_name) {
    try {
        return kdb.locked([&](SqliteDb& db) {
            LiveFigures out;
            auto here = db.prepare(
                "SELECT (SELECT count(*) FROM opinions), "
                "(SELECT count(*) FROM opinion_statuses s JOIN opinions o ON o.id = s.opinion "
                " WHERE s.status IN ('adopted', 'partly_adopted')), "
                "(SELECT count(*) FROM passports WHERE kiosk = ?), "
                "(SELECT count(*) FROM guestbook)");
            here.bind(1, kiosk_name);
            here.step();
            out.here = LocalFigures{here.integer(0), here.integer(1), here.integer(2), here.integer(3)};
            auto d = db.prepare(
                "SELECT opinions, adopted, passports, delegations, delegation_people, as_of FROM district_figures "
                "WHERE id = 1");
            if (d.step()) {
                DistrictFigures f{d.integer(0), d.integer(1), d.integer(2), d.integer(3), d.integer(4), {}};
                out.district_as_of_ms = d.integer(5);
                auto cs = db.prepare("SELECT consultation, opinions FROM district_consultation_figures ORDER BY position");
                while (cs.step()) f.consultations.push_back(ConsultationFigure{cs.text(0), cs.integer(1)});
                out.district = std::move(f);
            }
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e, "live figures not read: ");
    }
}

void replace_district_figures_rows(SqliteDb& db, const DistrictFigures& f, std::int64_t as_of_ms) {
    db.exec("DELETE FROM district_consultation_figures");
    auto row = db.prepare(
        "INSERT INTO district_figures(id, opinions, adopted, passports, delegations, delegation_people, as_of) "
        "VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET opinions = excluded.opinions, "
        "adopted = excluded.adopted, passports = excluded.passports, delegations = excluded.delegations, "
        "delegation_people = excluded.delegation_people, as_of = excluded.as_of");
    row.add(f.opinions).add(f.adopted).add(f.passports).add(f.delegations).add(f.delegation_people).add(as_of_ms);
    row.run();
    std::int64_t position = 0;
    for (const ConsultationFigure& c : f.consultations) {
        auto st = db.prepare(
            "INSERT INTO district_consultation_figures(consultation, position, opinions) VALUES (?, ?, ?)");
        st.add(c.consultation).add(position++).add(c.opinions);
        st.run();
    }
}

}  // namespace lianxin
