// Kiosk-side sync on kiosk.db: collecting a push, marking held records, applying a reply with its
// cursor in one transaction, and the sync_state row. No networking here (the agent does that).
#include "core/sync/kiosk_sync.h"

#include <set>
#include <unordered_set>

#include "core/tokens/token.h"

namespace lianxin {

Result<KioskSyncState> load_sync_state(KioskDb& db) {
    try {
        return db.locked([&](SqliteDb& s) -> Result<KioskSyncState> {
            auto st = s.prepare("SELECT cursor, last_success_at, last_attempt_at, last_error FROM sync_state WHERE id = 1");
            if (!st.step()) return Error{ErrorCode::corrupt, "kiosk.db has no sync_state row"};
            KioskSyncState k;
            k.cursor = st.integer(0);
            if (!st.is_null(1)) k.last_success_at_ms = st.integer(1);
            if (!st.is_null(2)) k.last_attempt_at_ms = st.integer(2);
            k.last_error = st.text(3);
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

Result<SyncPush> collect_sync_push(OpinionOutbox& outbox, PassportBook& book, std::size_t limit) {
    SyncPush push;
    auto passports = book.pending_passports(limit);
    if (!passports) return passports.error();
    auto opinions = outbox.pending(limit);
    if (!opinions) return opinions.error();
    auto stamps = book.pending_stamps(limit);
    if (!stamps) return stamps.error();
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
    return push;
}

Result<std::size_t> count_outbox(OpinionOutbox& outbox, PassportBook& book) {
    auto a = outbox.count_pending();
    if (!a) return a.error();
    auto b = book.count_pending();
    if (!b) return b.error();
    return *a + *b;
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

Result<SyncMarks> mark_held(OpinionOutbox& outbox, PassportBook& book, const SyncPush& push, const SyncReply& reply,
                            std::int64_t now_ms) {
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
    // The details have reached the hub: they leave kiosk.db now (DESIGN.md §7).
    auto e = outbox.erase_contact(opinion_ids);
    if (!e) return e.error();
    m.contacts_erased = *e;
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
    for (const std::string& t : reply.certificates) {
        auto v = verify_token(t, book.settings().certificate_keys);
        if (!v)
            a.skipped.push_back(std::string("certificate refused: ") + token_problem_name(v.error().problem) + ": " +
                                v.error().detail);
        else if (v->kind != VerifiedToken::Kind::certificate || !v->certificate)
            a.skipped.push_back("certificate refused: the token is not a certificate");
        else
            certs.push_back(Cert{*v->certificate, v->token});
    }
    try {
        db.locked([&](SqliteDb& s) {
            Transaction tx(s);
            for (const StatusChange& c : reply.statuses) {
                upsert_status_row(s, c.opinion, c.status, c.reply, c.at_ms);
                ++a.statuses;
            }
            for (const Cert& c : certs) {
                if (insert_certificate_row(s, c.claims, c.token, now_ms))
                    ++a.certificates;
                else
                    a.skipped.push_back("certificate " + serial_text(c.claims.serial) +
                                        " skipped: its passport is not known here");
            }
            for (const std::string& serial : reply.revoked_certificates) {
                if (!is_certificate_serial_text(serial)) {
                    a.skipped.push_back("revocation skipped: '" + serial.substr(0, 20) + "' is not a serial");
                    continue;
                }
                insert_revocation_row(s, serial, now_ms);
                ++a.revocations;
            }
            auto st = s.prepare("UPDATE sync_state SET cursor = ?, last_success_at = ?, last_attempt_at = ?, "
                                "last_error = '' WHERE id = 1");
            st.add(reply.cursor).add(now_ms).add(now_ms);
            st.run();
            tx.commit();
        });
    } catch (const SqliteError& e) {
        return storage_error(e, "sync reply not applied: ");
    }
    return a;
}

}  // namespace lianxin
