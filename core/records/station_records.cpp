// StationRecords on kiosk.db (migration 7). Each submit is one IMMEDIATE transaction; with WAL and
// synchronous=FULL, COMMIT returns after the log is fsynced: the durability promise.
#include "core/records/station_records.h"

#include "core/passports/passport_book.h"

namespace lianxin {

namespace {

constexpr const char* kGuestbookColumns = "id, organisation, origin, people, message, on_wall, lang, kiosk, created_at";

GuestbookEntry read_guestbook(Statement& st) {
    GuestbookEntry e;
    e.id = st.text(0);
    e.organisation = st.text(1);
    e.origin = st.text(2);
    e.people = static_cast<int>(st.integer(3));
    e.message = st.text(4);
    e.on_wall = st.integer(5) != 0;
    if (!parse_lang(st.text(6), e.language))
        throw SqliteError("guestbook entry " + e.id + " has an unknown language: kiosk.db is damaged", SQLITE_CORRUPT);
    e.kiosk = st.text(7);
    e.created_at_ms = st.integer(8);
    return e;
}

// With the hub's latest answer (meeting_statuses, aliased s) beside the request (aliased m).
constexpr const char* kMeetingColumns =
    "m.id, m.deputy, m.topic, m.passport, m.contact_name, m.contact_phone, m.contact_consent, m.lang, m.kiosk, "
    "m.created_at, s.status, s.reply, s.updated_at";
constexpr const char* kMeetingFrom = " FROM meeting_requests m LEFT JOIN meeting_statuses s ON s.request = m.id";
constexpr const char* kPendingMeetingColumns =
    "id, deputy, topic, passport, contact_name, contact_phone, contact_consent, lang, kiosk, created_at, NULL, NULL, "
    "NULL";

MeetingRequest read_meeting(Statement& st) {
    MeetingRequest r;
    r.id = st.text(0);
    r.deputy = st.text(1);
    r.topic = st.text(2);
    if (!st.is_null(3)) r.passport = st.text(3);
    r.name = st.text(4);
    r.phone = st.text(5);
    r.consent = st.integer(6) != 0;
    if (!parse_lang(st.text(7), r.language))
        throw SqliteError("meeting request " + r.id + " has an unknown language: kiosk.db is damaged", SQLITE_CORRUPT);
    r.kiosk = st.text(8);
    r.created_at_ms = st.integer(9);
    if (!st.is_null(10)) {
        parse_meeting_status(st.text(10), r.status);  // kiosk.db's CHECK holds it to the codes
        r.reply = st.text(11);
        r.status_at_ms = st.integer(12);
    }
    return r;
}

// Empty strings (not given) are stored as NULL, so "no contact" is unambiguous in the file.
void add_text_or_null(Statement& st, const std::string& s) {
    if (s.empty())
        st.add_null();
    else
        st.add(s);
}

// Thrown inside the transaction so it rolls back.
struct UnknownPassport {};

}  // namespace

StationRecords::StationRecords(KioskDb& db, std::string kiosk_name) : db_(db), kiosk_(std::move(kiosk_name)) {}

Result<GuestbookEntry, GuestbookRejection> StationRecords::submit_guestbook(const GuestbookDraft& draft,
                                                                            const Moment& now) {
    auto made = make_guestbook_entry(draft, kiosk_, now);
    if (!made) return made.error();
    const GuestbookEntry& e = *made;
    try {
        db_.locked([&](SqliteDb& db) {
            Transaction tx(db);
            auto st = db.prepare(std::string("INSERT INTO guestbook(") + kGuestbookColumns +
                                 ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            st.add(e.id).add(e.organisation).add(e.origin).add(e.people).add(e.message).add(e.on_wall ? 1 : 0);
            st.add(lang_code(e.language)).add(e.kiosk).add(e.created_at_ms);
            st.run();
            tx.commit();  // returns once the WAL is fsynced (synchronous=FULL)
        });
    } catch (const SqliteError& ex) {
        return GuestbookRejection{{}, true, std::string("guestbook entry not stored: ") + ex.what()};
    }
    return e;
}

Result<std::vector<GuestbookEntry>> StationRecords::wall_entries(std::size_t limit) {
    try {
        return db_.locked([&](SqliteDb& db) {
            std::vector<GuestbookEntry> out;
            auto st = db.prepare(std::string("SELECT ") + kGuestbookColumns +
                                 " FROM guestbook WHERE on_wall = 1 ORDER BY created_at DESC, id DESC LIMIT ?");
            st.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
            while (st.step()) out.push_back(read_guestbook(st));
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::int64_t> StationRecords::count_guestbook() {
    try {
        return db_.locked([&](SqliteDb& db) {
            auto st = db.prepare("SELECT count(*) FROM guestbook");
            st.step();
            return st.integer(0);
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<MeetingRequest, MeetingRejection> StationRecords::submit_meeting(const MeetingDraft& draft,
                                                                        const ContentSet& content, const Moment& now) {
    auto made = make_meeting_request(draft, content, kiosk_, now);
    if (!made) return made.error();
    const MeetingRequest& r = *made;
    try {
        db_.locked([&](SqliteDb& db) {
            Transaction tx(db);
            auto st = db.prepare(
                "INSERT INTO meeting_requests(id, deputy, topic, passport, contact_name, contact_phone, contact_consent, "
                "lang, kiosk, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            st.add(r.id).add(r.deputy).add(r.topic);
            add_text_or_null(st, r.passport.value_or(""));
            add_text_or_null(st, r.name);
            add_text_or_null(st, r.phone);
            st.add(r.consent ? 1 : 0).add(lang_code(r.language)).add(r.kiosk).add(r.created_at_ms);
            st.run();
            // The passport's stamp commits with the request: the visitor's passport shows it.
            if (r.passport && !insert_stamp_row(db, *r.passport, StampKind::meeting, r.id, r.created_at_ms))
                throw UnknownPassport{};
            tx.commit();
        });
    } catch (const UnknownPassport&) {
        return MeetingRejection{{{MeetingField::passport, FieldIssue::not_found, 0}},
                                false,
                                "meeting request refused: passport not known here"};
    } catch (const SqliteError& ex) {
        return MeetingRejection{{}, true, std::string("meeting request not stored: ") + ex.what()};
    }
    return r;
}

std::vector<MeetingRequest> read_meetings_of_passport(SqliteDb& db, const std::string& passport_id) {
    std::vector<MeetingRequest> out;
    auto st = db.prepare(std::string("SELECT ") + kMeetingColumns + kMeetingFrom +
                         " WHERE m.passport = ? ORDER BY m.created_at, m.id");
    st.bind(1, passport_id);
    while (st.step()) out.push_back(read_meeting(st));
    return out;
}

Result<std::vector<MeetingRequest>> StationRecords::meetings_for_passport(const std::string& passport_id) {
    try {
        return db_.locked([&](SqliteDb& db) { return read_meetings_of_passport(db, passport_id); });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<MeetingRequest> StationRecords::find_meeting(const std::string& id) {
    try {
        return db_.locked([&](SqliteDb& db) -> Result<MeetingRequest> {
            auto st = db.prepare(std::string("SELECT ") + kMeetingColumns + kMeetingFrom + " WHERE m.id = ?");
            st.bind(1, id);
            if (!st.step()) return Error{ErrorCode::not_found, "no meeting request " + id + " in kiosk.db"};
            return read_meeting(st);
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::vector<GuestbookEntry>> StationRecords::pending_guestbook(std::size_t limit) {
    return pending_rows<GuestbookEntry>(db_, "guestbook", "guestbook", kGuestbookColumns, limit, read_guestbook);
}

Result<std::vector<MeetingRequest>> StationRecords::pending_meetings(std::size_t limit) {
    // Not yet held by the hub, so not yet answered: no status to join.
    return pending_rows<MeetingRequest>(db_, "meeting_requests", "meeting", kPendingMeetingColumns, limit, read_meeting);
}

Result<std::size_t> StationRecords::count_pending() {
    auto guestbook = count_pending_rows(db_, "guestbook", "guestbook");
    if (!guestbook) return guestbook;
    auto meetings = count_pending_rows(db_, "meeting_requests", "meeting");
    if (!meetings) return meetings;
    return *guestbook + *meetings;
}

Result<std::size_t> StationRecords::mark_guestbook_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms) {
    return mark_rows_sent(db_, "guestbook", ids, sent_at_ms);
}

Result<std::size_t> StationRecords::mark_meetings_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms) {
    return mark_rows_sent(db_, "meeting_requests", ids, sent_at_ms);
}

Result<std::size_t> StationRecords::erase_contact(const std::vector<std::string>& ids) {
    return erase_contact_rows(db_, "meeting_requests", ids);
}

Result<std::size_t> StationRecords::erase_contact_of_sent() { return erase_contact_of_sent_rows(db_, "meeting_requests"); }

void upsert_meeting_status_row(SqliteDb& db, const std::string& request, MeetingStatus status, const std::string& reply,
                               std::int64_t at_ms) {
    auto st = db.prepare(
        "INSERT INTO meeting_statuses(request, status, reply, updated_at) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(request) DO UPDATE SET status = excluded.status, reply = excluded.reply, "
        "updated_at = excluded.updated_at WHERE excluded.updated_at >= meeting_statuses.updated_at");
    st.add(request).add(meeting_status_code(status)).add(reply).add(at_ms);
    st.run();
}

}  // namespace lianxin
