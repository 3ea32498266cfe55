// Opinion outbox on kiosk.db. Each submit is one INSERT in its own IMMEDIATE transaction; with WAL
// and synchronous=FULL, COMMIT returns after the log is fsynced: the durability promise.
#include "core/opinions/opinion_outbox.h"

#include <algorithm>
#include <cstdint>

#include "core/base/uuid.h"
#include "core/passports/passport_book.h"

namespace lianxin {

namespace {

constexpr const char* kColumns =
    "id, consultation, article, stance, text, passport, contact_name, contact_phone, "
    "contact_consent, lang, kiosk, "
    "created_at, sent_at, contact_erased";

Opinion read_opinion(Statement& st) {
    Opinion o;
    int c = 0;
    o.id = st.text(c++);
    o.consultation_id = st.text(c++);
    if (!st.is_null(c)) o.article = static_cast<int>(st.integer(c));
    ++c;
    if (!parse_stance(st.text(c++), o.stance))
        throw SqliteError("opinion " + o.id + " has an unknown stance: kiosk.db is damaged", SQLITE_CORRUPT);
    o.text = st.text(c++);
    o.passport_id = st.text(c++);
    o.contact_name = st.text(c++);
    o.contact_phone = st.text(c++);
    o.contact_consent = st.integer(c++) != 0;
    if (!parse_lang(st.text(c++), o.lang))
        throw SqliteError("opinion " + o.id + " has an unknown language: kiosk.db is damaged", SQLITE_CORRUPT);
    o.kiosk = st.text(c++);
    o.created_at_ms = st.integer(c++);
    if (!st.is_null(c)) o.sent_at_ms = st.integer(c);
    ++c;
    o.contact_erased = st.integer(c++) != 0;
    return o;
}

// Empty strings (not given) are stored as NULL, so "no contact" is unambiguous in the file.
void bind_text_or_null(Statement& st, int index, const std::string& s) {
    if (s.empty())
        st.bind_null(index);
    else
        st.bind(index, s);
}

// Thrown inside the transaction so it rolls back.
struct UnknownPassport {};

}  // namespace

OpinionOutbox::OpinionOutbox(KioskDb& db, std::string kiosk_name)
    : db_(db), kiosk_(std::move(kiosk_name)) {}

Result<OpinionId, OpinionRejection> OpinionOutbox::submit(const OpinionDraft& draft,
                                                          const Consultation& consultation,
                                                          const Moment& now) {
    auto made = make_opinion(draft, consultation, now, kiosk_);
    if (!made) return made.error();
    const Opinion& o = *made;
    try {
        db_.locked([&](SqliteDb& db) {
            Transaction tx(db);
            auto st = db.prepare(std::string("INSERT INTO opinions(") + kColumns +
                                 ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)");
            st.bind(1, o.id).bind(2, o.consultation_id);
            if (o.article)
                st.bind(3, std::int64_t{*o.article});
            else
                st.bind_null(3);
            st.bind(4, stance_code(o.stance)).bind(5, o.text);
            bind_text_or_null(st, 6, o.passport_id);
            bind_text_or_null(st, 7, o.contact_name);
            bind_text_or_null(st, 8, o.contact_phone);
            st.bind(9, std::int64_t{o.contact_consent ? 1 : 0})
                .bind(10, lang_code(o.lang))
                .bind(11, o.kiosk);
            st.bind(12, o.created_at_ms);
            st.run();
            // The passport's stamp commits with the opinion: a thanked visitor's passport shows it.
            if (!o.passport_id.empty() &&
                !insert_stamp_row(db, o.passport_id, StampKind::opinion, o.id, o.created_at_ms))
                throw UnknownPassport{};
            tx.commit();  // returns once the WAL is fsynced (synchronous=FULL)
        });
    } catch (const UnknownPassport&) {
        return OpinionRejection{OpinionProblem::passport_invalid,
                                "opinion on '" + consultation.id + "' refused: passport not known here",
                                {OpinionProblem::passport_invalid}};
    } catch (const SqliteError& e) {
        return OpinionRejection{OpinionProblem::not_stored,
                                "opinion on '" + consultation.id + "' not stored: " + e.what(),
                                {OpinionProblem::not_stored}};
    }
    return o.id;
}

Result<std::vector<Opinion>> OpinionOutbox::pending(std::size_t limit) {
    return pending_rows<Opinion>(db_, "opinions", "opinion", kColumns, limit, read_opinion);
}

Result<std::size_t> OpinionOutbox::count_pending() { return count_pending_rows(db_, "opinions", "opinion"); }

Result<std::size_t> OpinionOutbox::mark_sent(const std::vector<OpinionId>& ids, std::int64_t sent_at_ms) {
    return mark_rows_sent(db_, "opinions", ids, sent_at_ms);
}

Result<std::size_t> OpinionOutbox::erase_contact(const std::vector<OpinionId>& ids) {
    return erase_contact_rows(db_, "opinions", ids);
}

Result<std::size_t> OpinionOutbox::erase_contact_of_sent() { return erase_contact_of_sent_rows(db_, "opinions"); }

Result<Opinion> OpinionOutbox::find(const OpinionId& id) {
    try {
        return db_.locked([&](SqliteDb& db) -> Result<Opinion> {
            auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM opinions WHERE id = ?");
            st.bind(1, id);
            if (!st.step()) return Error{ErrorCode::not_found, "no opinion " + id + " in kiosk.db"};
            return read_opinion(st);
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

}  // namespace lianxin
