// Kiosk-side sync on kiosk.db: collecting a push, marking held records, applying a reply with its
// cursor in one transaction, and the sync_state row. No networking here (the agent does that).
#include "core/sync/kiosk_sync.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_set>

#include "core/sync/live_figures.h"
#include "core/text/utf8.h"
#include "core/tokens/token.h"

#include <sqlite3.h>

namespace lianxin {

Result<KioskSyncState> load_sync_state(KioskDb& db) {
    try {
        return db.locked([&](SqliteDb& s) -> Result<KioskSyncState> {
            auto st = s.prepare(
                "SELECT cursor, last_success_at, last_attempt_at, last_error, hub_public_url FROM sync_state WHERE id = 1");
            if (!st.step()) return Error{ErrorCode::corrupt, "kiosk.db has no sync_state row"};
            KioskSyncState k;
            k.cursor = st.integer(0);
            if (!st.is_null(1)) k.last_success_at_ms = st.integer(1);
            if (!st.is_null(2)) k.last_attempt_at_ms = st.integer(2);
            k.last_error = st.text(3);
            k.hub_public_url = st.text(4);
            return k;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Status record_sync_attempt(KioskDb& db, std::int64_t at_ms, const std::string& error) {
    try {
        db.locked([&](SqliteDb& s) {
            auto st = s.prepare("UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1");
            st.add(at_ms).add(error);
            st.run();
        });
        return ok_status();
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<SyncPush> collect_sync_push(OpinionOutbox& outbox, PassportBook& book, StationRecords& records,
                                   std::size_t limit) {
    SyncPush push;
    auto passports = book.pending_passports(limit);
    if (!passports) return passports.error();
    auto opinions = outbox.pending(limit);
    if (!opinions) return opinions.error();
    auto stamps = book.pending_stamps(limit);
    if (!stamps) return stamps.error();
    auto guestbook = records.pending_guestbook(limit);
    if (!guestbook) return guestbook.error();
    auto meetings = records.pending_meetings(limit);
    if (!meetings) return meetings.error();
    // Read after the records: a passport issued in between is in this set, so nothing that refers
    // to it slips out ahead of it.
    auto unsent = book.unsent_passport_ids();
    if (!unsent) return unsent.error();

    std::set<std::string> in_push;
    for (Passport& p : *passports) {
        in_push.insert(p.id);
        push.passports.push_back(
            SyncPassport{p.id, p.short_code, p.token, p.issued_on, p.kiosk, p.created_at_ms});
    }
    auto may_go = [&](const std::string& passport) {
        return passport.empty() || !unsent->count(passport) || in_push.count(passport);
    };
    for (Opinion& o : *opinions)
        if (may_go(o.passport_id)) push.opinions.push_back(std::move(o));
    for (StampRecord& s : *stamps)
        if (may_go(s.passport))
            push.stamps.push_back(SyncStamp{s.id, s.passport, s.kind, s.ref, s.created_at_ms});
    push.guestbook = std::move(*guestbook);
    for (MeetingRequest& m : *meetings)
        if (may_go(m.passport.value_or(""))) push.meetings.push_back(std::move(m));
    return push;
}

namespace {
// One line the hub takes as it is (sync_messages.cpp get_string): bytes that are not UTF-8 (a file
// name from another system) and control characters become U+FFFD, then cut to `max_bytes`. The
// hub drops the whole report for one field it refuses, and with it the count and the fault.
std::string report_line(std::string_view s, std::size_t max_bytes) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = utf8::next(s, i);
        utf8::append(out, cp == utf8::kInvalid || cp < 0x20 || cp == 0x7F ? char32_t{0xFFFD} : cp);
    }
    return utf8::cut(out, max_bytes);
}
}  // namespace

StorageReport storage_report(const KioskDb& db) {
    StorageReport r;
    const auto files = set_aside_files(db.data_dir());
    const StorageHealth h = db.health();
    if (!files.empty()) {
        const SetAsideFile& newest = files.back();
        r.set_aside = static_cast<std::int64_t>(files.size());
        r.newest = report_line(newest.path.filename().string(), kSetAsideNameMaxBytes);
        // This run's own set-aside knows its moment to the millisecond; an earlier one's is read
        // from the file's name.
        r.newest_at_ms = std::max<std::int64_t>(0, h.moved_to == newest.path && h.damaged_at_ms > 0 ? h.damaged_at_ms
                                                                                                   : newest.at_ms);
        if (h.salvaged && h.moved_to == newest.path) {
            r.salvaged = static_cast<std::int64_t>(h.salvaged_records);
            r.left_out = static_cast<std::int64_t>(h.salvage_left_out);
        }
    }
    if (!h.unavailable.empty())
        r.fault = report_line("kiosk.db cannot be used: " + h.unavailable, kSyncMaxErrorBytes);
    else if (h.fault != StorageFault::none)
        r.fault = report_line(std::string(storage_fault_name(h.fault)) + ": " + h.fault_detail, kSyncMaxErrorBytes);
    return r;
}

Result<std::size_t> count_outbox(OpinionOutbox& outbox, PassportBook& book, StationRecords& records) {
    auto a = outbox.count_pending();
    if (!a) return a.error();
    auto b = book.count_pending();
    if (!b) return b.error();
    auto c = records.count_pending();
    if (!c) return c.error();
    return *a + *b + *c;
}

namespace {

// The ids both pushed and held, in push order.
template <class Record>
std::vector<std::string> pushed_and_held(const std::vector<Record>& pushed, const std::vector<std::string>& held) {
    std::unordered_set<std::string> h(held.begin(), held.end());
    std::vector<std::string> out;
    for (const Record& r : pushed)
        if (h.count(r.id)) out.push_back(r.id);
    return out;
}

}  // namespace

// Whether a statement failed on a constraint of kiosk.db (a value this kiosk's store refuses),
// as opposed to the file failing: only the first is one record's problem.
bool refused_by_constraint(SqliteDb& s) { return (sqlite3_errcode(s.handle()) & 0xFF) == SQLITE_CONSTRAINT; }

void insert_problem(SqliteDb& s, const char* direction, const RecordProblem& p, std::int64_t at_ms) {
    auto st = s.prepare(
        "INSERT INTO sync_problems(direction, kind, ref, reason, at) VALUES(?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    st.add(direction).add(p.kind).add(p.id).add(p.reason).add(at_ms);
    st.run();
}

// The refusals of the reply that name a record of `pushed` (of `kind`) the hub does not hold.
template <class Record>
void refused_of(const std::vector<Record>& pushed, const char* kind, const SyncReply& reply,
                const std::vector<std::string>& held, std::vector<RecordProblem>& out) {
    std::unordered_set<std::string> ids, h(held.begin(), held.end());
    for (const Record& r : pushed) ids.insert(r.id);
    for (const RecordProblem& p : reply.refused)
        if (p.kind == kind && ids.count(p.id) && !h.count(p.id)) out.push_back(p);
}

Result<SyncMarks> mark_held(OpinionOutbox& outbox, PassportBook& book, StationRecords& records, const SyncPush& push,
                            const SyncReply& reply, std::int64_t now_ms) {
    SyncMarks m;
    // Passports first: a record referring to one is never marked while the passport is not.
    auto p = book.mark_passports_sent(pushed_and_held(push.passports, reply.held_passports), now_ms);
    if (!p) return p.error();
    m.passports = *p;
    auto opinion_ids = pushed_and_held(push.opinions, reply.held_opinions);
    auto o = outbox.mark_sent(opinion_ids, now_ms);
    if (!o) return o.error();
    m.opinions = *o;
    auto s = book.mark_stamps_sent(pushed_and_held(push.stamps, reply.held_stamps), now_ms);
    if (!s) return s.error();
    m.stamps = *s;
    auto g = records.mark_guestbook_sent(pushed_and_held(push.guestbook, reply.held_guestbook), now_ms);
    if (!g) return g.error();
    m.guestbook = *g;
    auto meeting_ids = pushed_and_held(push.meetings, reply.held_meetings);
    auto mt = records.mark_meetings_sent(meeting_ids, now_ms);
    if (!mt) return mt.error();
    m.meetings = *mt;
    // The details have reached the hub: they leave kiosk.db now (docs/sync-protocol.md).
    auto e = outbox.erase_contact(opinion_ids);
    if (!e) return e.error();
    auto em = records.erase_contact(meeting_ids);
    if (!em) return em.error();
    m.contacts_erased = *e + *em;

    std::vector<RecordProblem> refused;
    refused_of(push.passports, "passport", reply, reply.held_passports, refused);
    refused_of(push.opinions, "opinion", reply, reply.held_opinions, refused);
    refused_of(push.stamps, "stamp", reply, reply.held_stamps, refused);
    refused_of(push.guestbook, "guestbook", reply, reply.held_guestbook, refused);
    refused_of(push.meetings, "meeting", reply, reply.held_meetings, refused);
    if (!refused.empty()) {
        try {
            m.refused = outbox.db().locked([&](SqliteDb& s) {
                Transaction tx(s);
                std::size_t n = 0;
                for (const RecordProblem& p : refused) {
                    insert_problem(s, "refused_by_hub", p, now_ms);
                    n += static_cast<std::size_t>(sqlite3_changes(s.handle()));
                }
                tx.commit();
                return n;
            });
        } catch (const SqliteError& ex) {
            return Error{ErrorCode::database, std::string("refused records not marked: ") + ex.what()};
        }
    }
    return m;
}

Result<SyncApplied> apply_sync_reply(KioskDb& db, const PassportBook& book, const SyncReply& reply,
                                     std::int64_t now_ms) {
    SyncApplied a;
    // Signatures are checked before taking the lock: the UI thread shares it.
    struct Cert {
        CertificateClaims claims;
        std::string token;
    };
    std::vector<Cert> certs;
    std::vector<std::string> refused_certs;
    for (const std::string& t : reply.certificates) {
        auto v = verify_token(t, book.settings().certificate_keys);
        if (!v)
            refused_certs.push_back(std::string("certificate refused: ") + token_problem_name(v.error().problem) +
                                    ": " + v.error().detail);
        else if (v->kind != VerifiedToken::Kind::certificate || !v->certificate)
            refused_certs.push_back("certificate refused: the token is not a certificate");
        else
            certs.push_back(Cert{*v->certificate, v->token});
    }
    try {
        db.locked([&](SqliteDb& s) {
            Transaction tx(s);
            std::vector<RecordProblem> skipped = reply.skipped;
            // One change kiosk.db refuses is skipped; a failing file still fails the whole reply.
            auto each = [&](const char* kind, const std::string& id, auto&& apply) {
                try {
                    return apply();
                } catch (const SqliteError& e) {
                    if (!refused_by_constraint(s)) throw;
                    skipped.push_back(RecordProblem{kind, id, std::string("kiosk.db refused it: ") + e.what()});
                    return false;
                }
            };
            for (const StatusChange& c : reply.statuses)
                if (each("status", c.opinion, [&] {
                        upsert_status_row(s, c.opinion, c.status, c.reply, c.at_ms, c.final_article);
                        return true;
                    }))
                    ++a.statuses;
            for (const MeetingStatusChange& c : reply.meeting_statuses)
                if (each("meeting_status", c.id, [&] {
                        upsert_meeting_status_row(s, c.id, c.status, c.reply, c.at_ms);
                        return true;
                    }))
                    ++a.meeting_statuses;
            for (const std::string& line : refused_certs) skipped.push_back(RecordProblem{"certificate", "", line});
            for (const Cert& c : certs) {
                std::string serial = serial_text(c.claims.serial);
                std::size_t before = skipped.size();
                if (each("certificate", serial, [&] { return insert_certificate_row(s, c.claims, c.token, now_ms); }))
                    ++a.certificates;
                else if (skipped.size() == before)
                    skipped.push_back(RecordProblem{"certificate", serial, "its passport is not known here"});
            }
            for (const std::string& serial : reply.revoked_certificates) {
                if (!is_certificate_serial_text(serial)) {
                    skipped.push_back(RecordProblem{"revocation", "", "'" + serial.substr(0, 20) + "' is not a serial"});
                    continue;
                }
                if (each("revocation", serial, [&] {
                        insert_revocation_row(s, serial, now_ms);
                        return true;
                    }))
                    ++a.revocations;
            }
            if (reply.figures) {
                // Whole or not at all: a row kiosk.db refuses takes the block's other rows with it,
                // and the figures shown stay the last good ones.
                s.exec("SAVEPOINT figures");
                try {
                    replace_district_figures_rows(s, *reply.figures, now_ms);
                    s.exec("RELEASE figures");
                } catch (const SqliteError& e) {
                    if (!refused_by_constraint(s)) throw;
                    s.exec("ROLLBACK TO figures");
                    s.exec("RELEASE figures");
                    skipped.push_back(RecordProblem{"figures", "", std::string("kiosk.db refused it: ") + e.what()});
                }
            }
            for (const RecordProblem& p : skipped) {
                insert_problem(s, "skipped_here", p, now_ms);
                a.skipped.push_back(p.kind + (p.id.empty() ? "" : " " + p.id) + " skipped: " + p.reason);
            }
            auto st = s.prepare("UPDATE sync_state SET cursor = ?, last_success_at = ?, last_attempt_at = ?, "
                                "last_error = '' WHERE id = 1");
            st.add(reply.cursor).add(now_ms).add(now_ms);
            st.run();
            if (reply.public_url) {
                auto url = s.prepare("UPDATE sync_state SET hub_public_url = ? WHERE id = 1");
                url.add(*reply.public_url);
                url.run();
            }
            tx.commit();
        });
    } catch (const SqliteError& e) {
        return storage_error(e, "sync reply not applied: ");
    }
    return a;
}

Result<SyncProblemCounts> count_sync_problems(KioskDb& db) {
    try {
        return db.locked([&](SqliteDb& s) {
            SyncProblemCounts c;
            auto st = s.prepare(
                "SELECT (SELECT count(*) FROM sync_problems WHERE direction = 'refused_by_hub'), "
                "(SELECT count(*) FROM sync_problems WHERE direction = 'skipped_here')");
            st.step();
            c.refused_by_hub = static_cast<std::size_t>(st.integer(0));
            c.skipped_here = static_cast<std::size_t>(st.integer(1));
            auto last = s.prepare("SELECT kind, ref, reason FROM sync_problems ORDER BY seq DESC LIMIT 1");
            if (last.step())
                c.last_reason = last.text(0) + (last.text(1).empty() ? "" : " " + last.text(1)) + ": " + last.text(2);
            return c;
        });
    } catch (const SqliteError& e) {
        return Error{ErrorCode::database, e.what()};
    }
}

Result<std::vector<RecordProblem>> unreported_skips(KioskDb& db, std::size_t limit, std::int64_t& up_to_seq) {
    try {
        return db.locked([&](SqliteDb& s) {
            std::vector<RecordProblem> out;
            auto st = s.prepare(
                "SELECT seq, kind, ref, reason FROM sync_problems WHERE direction = 'skipped_here' AND "
                "reported_at IS NULL ORDER BY seq LIMIT ?");
            st.bind(1, static_cast<std::int64_t>(limit));
            up_to_seq = 0;
            while (st.step()) {
                up_to_seq = st.integer(0);
                out.push_back(RecordProblem{st.text(1), st.text(2), st.text(3)});
            }
            return out;
        });
    } catch (const SqliteError& e) {
        return Error{ErrorCode::database, e.what()};
    }
}

Status mark_skips_reported(KioskDb& db, std::int64_t up_to_seq, std::int64_t at_ms) {
    try {
        db.locked([&](SqliteDb& s) {
            auto st = s.prepare(
                "UPDATE sync_problems SET reported_at = ? WHERE direction = 'skipped_here' AND reported_at IS NULL "
                "AND seq <= ?");
            st.add(at_ms).add(up_to_seq);
            st.run();
        });
        return ok_status();
    } catch (const SqliteError& e) {
        return Error{ErrorCode::database, e.what()};
    }
}

}  // namespace lianxin
