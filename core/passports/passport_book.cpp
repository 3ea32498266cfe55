// PassportBook on kiosk.db: issuing, stamping, opening and reading passports; recording what the
// hub reports. Every write is one transaction, committed before the caller shows its result.
#include "core/passports/passport_book.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdio>

#include "core/base/ascii.h"
#include "core/base/uuid.h"
#include "core/records/station_records.h"
#include "core/tokens/qr_code.h"

namespace lianxin {

namespace {

// Draws of id and code: a short code already used here, or a QR code too large for the public
// URL, draws again. With a public URL within kMaxPublicUrlChars nearly every draw fits.
constexpr int kIssueAttempts = 32;

std::string ref_text(const PassportRef& r) { return to_hex(r); }

constexpr const char* kPassportColumns = "id, short_code, token, issued_on, kiosk, created_at";

Passport read_passport(Statement& st) {
    Passport p;
    p.id = st.text(0);
    p.short_code = st.text(1);
    p.token = st.text(2);
    if (!parse_local_date(st.text(3), p.issued_on))
        throw SqliteError("passport " + p.id + " has a broken issue date: kiosk.db is damaged", SQLITE_CORRUPT);
    p.kiosk = st.text(4);
    p.created_at_ms = st.integer(5);
    return p;
}

std::optional<Passport> select_passport(SqliteDb& db, const char* column, const std::string& value) {
    auto st = db.prepare(std::string("SELECT ") + kPassportColumns + " FROM passports WHERE " + column + " = ?");
    st.bind(1, value);
    if (!st.step()) return std::nullopt;
    return read_passport(st);
}

void insert_passport(SqliteDb& db, const Passport& p, const PassportId& id) {
    auto st = db.prepare(
        "INSERT INTO passports(id, short_code, ref, token, issued_on, kiosk, created_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?)");
    st.add(p.id).add(p.short_code).add(ref_text(passport_ref_of(id))).add(p.token);
    st.add(p.issued_on.to_string()).add(p.kiosk).add(p.created_at_ms);
    st.run();
}

PassportOpenFailure failure(PassportOpenFailure::Reason r, std::string detail) {
    PassportOpenFailure f{r, std::nullopt, std::nullopt, std::nullopt, 0, std::move(detail)};
    return f;
}

}  // namespace

std::string passport_log_ref(const std::string& passport_id) {
    PassportId id{};
    return parse_passport_id(passport_id, id) ? to_hex(passport_ref_of(id)) : std::string("?");
}

bool insert_stamp_row(SqliteDb& db, const std::string& passport_id, StampKind kind, const std::string& ref,
                      std::int64_t at_ms) {
    if (!select_passport(db, "id", passport_id)) return false;
    auto st = db.prepare(
        "INSERT INTO stamps(id, passport, kind, ref, created_at) VALUES(?, ?, ?, ?, ?) "
        "ON CONFLICT(passport, kind, ref) DO NOTHING");
    st.add(new_uuid_v7(at_ms)).add(passport_id).add(stamp_kind_code(kind)).add(ref).add(at_ms);
    st.run();
    return true;
}

PassportBook::PassportBook(KioskDb& db, PassportSettings settings)
    : db_(db), settings_(std::move(settings)) {
    // The kiosk's own passports always open here.
    if (settings_.kiosk_key) settings_.passport_keys.push_back(settings_.kiosk_key->pub);
}

bool PassportBook::can_issue() const {
    return settings_.kiosk_key.has_value() && valid_kiosk_code(settings_.kiosk_code);
}

Result<Passport> PassportBook::issue(const Moment& now, const std::optional<OpinionId>& first_opinion) {
    if (!can_issue())
        return Error{ErrorCode::invalid_input,
                     "this kiosk cannot issue passports: kiosk.toml needs [kiosk] code and key"};
    for (int attempt = 0; attempt < kIssueAttempts; ++attempt) {
        PassportClaims claims;
        claims.id = new_passport_id();
        claims.short_code = new_short_code(settings_.kiosk_code);
        claims.issued = now.local_date;
        auto token = issue_passport_token(claims, *settings_.kiosk_key);
        if (!token) return token.error();
        Passport p{passport_id_text(claims.id), claims.short_code, *token, now.local_date,
                   settings_.kiosk_name, now.utc_ms};
        // Its QR code must fit version 10: how many characters need escaping in the URL varies
        // with the signature, so a long public URL may need another draw (docs/tokens.md). Every
        // byte of a passport's token changes from one draw to the next, so 10 is always in reach.
        if (!encode_qr(qr_text(p), kQrPreferredVersion).ok()) continue;
        try {
            bool inserted = db_.locked([&](SqliteDb& db) {
                Transaction tx(db);
                if (select_passport(db, "short_code", p.short_code)) return false;  // draw again
                if (first_opinion) {
                    auto st = db.prepare("SELECT 1 FROM opinions WHERE id = ?");
                    st.bind(1, *first_opinion);
                    if (!st.step()) throw Error{ErrorCode::not_found, "no opinion " + *first_opinion};
                }
                insert_passport(db, p, claims.id);
                if (first_opinion) insert_stamp_row(db, p.id, StampKind::opinion, *first_opinion, now.utc_ms);
                tx.commit();
                return true;
            });
            if (inserted) return p;
        } catch (const Error& e) {
            return e;
        } catch (const SqliteError& e) {
            return storage_error(e, "passport not stored: ");
        }
    }
    return Error{ErrorCode::too_large, "no passport whose QR code fits after " + std::to_string(kIssueAttempts) +
                                           " draws: is [kiosk] public_url longer than " +
                                           std::to_string(kMaxPublicUrlChars) + " characters?"};
}

Status PassportBook::stamp(const std::string& passport_id, StampKind kind, const std::string& ref, const Moment& now) {
    try {
        return db_.locked([&](SqliteDb& db) -> Status {
            Transaction tx(db);
            if (!insert_stamp_row(db, passport_id, kind, ref, now.utc_ms))
                return Error{ErrorCode::not_found, "no passport " + passport_id};
            tx.commit();
            return ok_status();
        });
    } catch (const SqliteError& e) {
        return storage_error(e, "stamp not stored: ");
    }
}

Result<Passport, PassportOpenFailure> PassportBook::open_by_code(std::string_view typed, Millis now_ms) {
    if (Millis w = throttle_.wait_ms(now_ms); w > 0) {
        auto f = failure(PassportOpenFailure::Reason::throttled, "too many wrong codes");
        f.wait_ms = w;
        return f;
    }
    auto code = normalize_short_code(typed);
    if (!code) {
        // A typing slip, not a guess: a guesser always has the check character right.
        auto f = failure(PassportOpenFailure::Reason::bad_code,
                         std::string("typed code refused: ") + short_code_problem_name(code.error()));
        f.code_problem = code.error();
        f.code_bad_char = first_bad_short_code_char(typed);
        if (f.code_bad_char) f.detail += " at character " + std::to_string(*f.code_bad_char + 1);
        return f;
    }
    try {
        auto found = db_.locked([&](SqliteDb& db) { return select_passport(db, "short_code", *code); });
        if (found) return *found;
    } catch (const SqliteError& e) {
        return failure(PassportOpenFailure::Reason::storage, e.what());
    }
    throttle_.failed(now_ms);
    if (code->substr(0, kKioskCodeChars) != settings_.kiosk_code)
        return failure(PassportOpenFailure::Reason::other_kiosk, "code " + *code + " is from another kiosk");
    return failure(PassportOpenFailure::Reason::not_found, "no passport with code " + *code);
}

Result<Passport, PassportOpenFailure> PassportBook::open_by_scan(std::string_view scanned, const Moment& now) {
    // Not throttled: a signed 128-bit token cannot be guessed, and a real holder must get in.
    auto v = verify_token(scanned, settings_.passport_keys);
    if (!v) {
        auto f = failure(PassportOpenFailure::Reason::bad_token,
                         std::string("scanned passport refused: ") + token_problem_name(v.error().problem) + ": " +
                             v.error().detail);
        f.token_problem = v.error();
        return f;
    }
    if (v->kind != VerifiedToken::Kind::passport)
        return failure(PassportOpenFailure::Reason::not_passport, "the scanned code is not a passport");
    const PassportClaims& c = *v->passport;
    Passport p{passport_id_text(c.id), c.short_code, "", c.issued, "key:" + v->key_id, now.utc_ms};
    try {
        auto opened = db_.locked([&](SqliteDb& db) -> Result<Passport, PassportOpenFailure> {
            Transaction tx(db);
            if (auto known = select_passport(db, "id", p.id)) return *known;
            if (select_passport(db, "short_code", p.short_code))
                return failure(PassportOpenFailure::Reason::storage,
                               "short code " + p.short_code + " already belongs to another passport here");
            p.token = v->token;  // the token as issued, without the URL around it
            insert_passport(db, p, c.id);
            tx.commit();
            return p;
        });
        return opened;
    } catch (const SqliteError& e) {
        return failure(PassportOpenFailure::Reason::storage, e.what());
    }
}

Result<Passport> PassportBook::find(const std::string& passport_id) {
    try {
        auto p = db_.locked([&](SqliteDb& db) { return select_passport(db, "id", passport_id); });
        if (!p) return Error{ErrorCode::not_found, "no passport " + passport_id};
        return *p;
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<std::set<std::string>> PassportBook::revoked_serials() {
    try {
        return db_.locked([&](SqliteDb& db) {
            std::set<std::string> out;
            auto st = db.prepare("SELECT serial FROM revoked_certificates");
            while (st.step()) out.insert(st.text(0));
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Result<PassportBookletView> PassportBook::booklet(const std::string& passport_id) {
    auto revoked = revoked_serials();
    if (!revoked) return revoked.error();
    try {
        auto view = db_.locked([&](SqliteDb& db) -> Result<PassportBookletView> {
            PassportBookletView v;
            auto p = select_passport(db, "id", passport_id);
            if (!p) return Error{ErrorCode::not_found, "no passport " + passport_id};
            v.passport = *p;
            auto st = db.prepare(
                "SELECT s.kind, s.ref, s.created_at, o.id, o.consultation, o.article, o.stance, o.text, "
                "o.created_at, st.status, st.reply, tr.number, tr.title_zh, tr.title_en, tr.text_zh, tr.text_en "
                "FROM stamps s LEFT JOIN opinions o ON s.kind = 'opinion' AND o.id = s.ref "
                "LEFT JOIN opinion_statuses st ON st.opinion = s.ref "
                "LEFT JOIN opinion_traces tr ON tr.opinion = s.ref "
                "WHERE s.passport = ? ORDER BY s.created_at, s.id");
            st.bind(1, passport_id);
            while (st.step()) {
                StampView s;
                std::string kind = st.text(0);
                parse_stamp_kind(kind, s.kind);  // kiosk.db's CHECK holds it to the three codes
                s.ref = st.text(1);
                s.created_at_ms = st.integer(2);
                if (!st.is_null(3)) {
                    Opinion o;
                    o.id = st.text(3);
                    o.consultation_id = st.text(4);
                    if (!st.is_null(5)) o.article = static_cast<int>(st.integer(5));
                    parse_stance(st.text(6), o.stance);
                    o.text = st.text(7);
                    o.created_at_ms = st.integer(8);
                    s.opinion = std::move(o);
                }
                if (!st.is_null(9)) parse_opinion_status(st.text(9), s.status);
                s.reply = st.is_null(10) ? "" : st.text(10);
                if (!st.is_null(11))
                    s.final_article = FinalArticle{static_cast<int>(st.integer(11)), {st.text(12), st.text(13)},
                                                   {st.text(14), st.text(15)}};
                v.stamps.push_back(std::move(s));
            }
            auto cs = db.prepare("SELECT token FROM certificates WHERE passport = ? ORDER BY received_at, serial");
            cs.bind(1, passport_id);
            while (cs.step()) v.certificates.push_back(CertificateView{cs.text(0), std::nullopt, std::nullopt});
            v.meetings = read_meetings_of_passport(db, passport_id);
            return v;
        });
        // Signatures are checked after the lock is released: the sync agent shares it.
        if (view)
            for (auto& c : view->certificates) {
                auto r = verify_token(c.token, settings_.certificate_keys, *revoked);
                if (r && r->certificate) c.claims = r->certificate;
                else if (!r) c.refusal = r.error();
            }
        return view;
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

std::string PassportBook::qr_text(const Passport& p) const {
    return settings_.public_url.empty() ? p.token : passport_url(settings_.public_url, p.token);
}

std::string PassportBook::certificate_qr_text(const std::string& token) {
    std::string url = settings_.public_url;
    try {
        db_.locked([&](SqliteDb& db) {
            auto st = db.prepare("SELECT hub_public_url FROM sync_state WHERE id = 1");
            if (st.step() && !st.text(0).empty()) url = st.text(0);
        });
    } catch (const SqliteError&) {
        // kiosk.db cannot be read: the kiosk's own URL still draws a code a phone can open.
    }
    return url.empty() ? token : certificate_url(url, token);
}

Result<VerifiedToken, TokenRefusal> PassportBook::check_certificate(std::string_view scanned) {
    auto revoked = revoked_serials();
    if (!revoked) return TokenRefusal{TokenProblem::malformed, revoked.error().detail};
    return verify_token(scanned, settings_.certificate_keys, *revoked);
}

// ---- the outbox side

Result<std::vector<Passport>> PassportBook::pending_passports(std::size_t limit) {
    return pending_rows<Passport>(db_, "passports", "passport", kPassportColumns, limit, read_passport);
}

Result<std::vector<StampRecord>> PassportBook::pending_stamps(std::size_t limit) {
    return pending_rows<StampRecord>(db_, "stamps", "stamp", "id, passport, kind, ref, created_at", limit,
                                     [](Statement& st) {
                                         StampRecord r;
                                         r.id = st.text(0);
                                         r.passport = st.text(1);
                                         parse_stamp_kind(st.text(2), r.kind);  // kiosk.db's CHECK holds it to the codes
                                         r.ref = st.text(3);
                                         r.created_at_ms = st.integer(4);
                                         return r;
                                     });
}

Result<std::size_t> PassportBook::count_pending() {
    auto passports = count_pending_rows(db_, "passports", "passport");
    if (!passports) return passports;
    auto stamps = count_pending_rows(db_, "stamps", "stamp");
    if (!stamps) return stamps;
    return *passports + *stamps;
}

Result<std::set<std::string>> PassportBook::unsent_passport_ids() {
    try {
        return db_.locked([&](SqliteDb& db) {
            std::set<std::string> out;
            // A refused passport will never be held: what refers to it goes anyway (the hub judges it).
            auto st = db.prepare("SELECT id FROM passports WHERE sent_at IS NULL AND" +
                                 not_refused_condition("passport", "passports"));
            while (st.step()) out.insert(st.text(0));
            return out;
        });
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}


Result<std::size_t> PassportBook::mark_passports_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms) {
    return mark_rows_sent(db_, "passports", ids, sent_at_ms);
}

Result<std::size_t> PassportBook::mark_stamps_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms) {
    return mark_rows_sent(db_, "stamps", ids, sent_at_ms);
}

// ---- what the hub reports

void upsert_status_row(SqliteDb& db, const OpinionId& opinion, OpinionStatus status, const std::string& reply,
                       std::int64_t at_ms, const std::optional<FinalArticle>& final_article) {
    auto st = db.prepare(
        "INSERT INTO opinion_statuses(opinion, status, reply, updated_at) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(opinion) DO UPDATE SET status = excluded.status, reply = excluded.reply, "
        "updated_at = excluded.updated_at WHERE excluded.updated_at >= opinion_statuses.updated_at");
    st.add(opinion).add(opinion_status_code(status)).add(reply).add(at_ms);
    st.run();
    // A report older than the one kept changes nothing, its trace included: a trace the hub has
    // since removed is not in opinion_traces to lose a conflict against.
    auto newer = db.prepare("SELECT 1 FROM opinion_statuses WHERE opinion = ? AND updated_at > ?");
    newer.add(opinion).add(at_ms);
    if (newer.step()) return;
    if (!final_article) {
        auto gone = db.prepare("DELETE FROM opinion_traces WHERE opinion = ? AND updated_at <= ?");
        gone.add(opinion).add(at_ms);
        gone.run();
        return;
    }
    const FinalArticle& a = *final_article;
    auto tr = db.prepare(
        "INSERT INTO opinion_traces(opinion, number, title_zh, title_en, text_zh, text_en, updated_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(opinion) DO UPDATE SET number = excluded.number, "
        "title_zh = excluded.title_zh, title_en = excluded.title_en, text_zh = excluded.text_zh, "
        "text_en = excluded.text_en, updated_at = excluded.updated_at "
        "WHERE excluded.updated_at >= opinion_traces.updated_at");
    tr.add(opinion).add(static_cast<std::int64_t>(a.number)).add(a.title.zh).add(a.title.en).add(a.text.zh);
    tr.add(a.text.en).add(at_ms);
    tr.run();
}

bool insert_certificate_row(SqliteDb& db, const CertificateClaims& c, const std::string& token, std::int64_t at_ms) {
    auto st = db.prepare("SELECT id FROM passports WHERE ref = ?");
    st.bind(1, ref_text(c.passport));
    if (!st.step()) return false;
    std::string passport = st.text(0);
    auto ins = db.prepare(
        "INSERT INTO certificates(serial, passport, token, received_at) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(serial) DO NOTHING");
    ins.add(serial_text(c.serial)).add(passport).add(token).add(at_ms);
    ins.run();
    return true;
}

bool is_certificate_serial_text(std::string_view s) {
    return s.size() == 16 &&
           std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

void insert_revocation_row(SqliteDb& db, const std::string& serial_hex, std::int64_t at_ms) {
    assert(is_certificate_serial_text(serial_hex));
    auto st = db.prepare("INSERT INTO revoked_certificates(serial, revoked_at) VALUES(?, ?) "
                         "ON CONFLICT(serial) DO NOTHING");
    st.add(serial_hex).add(at_ms);
    st.run();
}

Status PassportBook::record_status(const OpinionId& opinion, OpinionStatus status, const std::string& reply,
                                   std::int64_t at_ms) {
    try {
        db_.locked([&](SqliteDb& db) { upsert_status_row(db, opinion, status, reply, at_ms); });
        return ok_status();
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Status PassportBook::record_certificate(const std::string& token, std::int64_t at_ms) {
    auto v = verify_token(token, settings_.certificate_keys);
    if (!v)
        return Error{ErrorCode::invalid_input, std::string("certificate refused: ") +
                                                   token_problem_name(v.error().problem) + ": " + v.error().detail};
    if (v->kind != VerifiedToken::Kind::certificate)
        return Error{ErrorCode::invalid_input, "not a certificate"};
    try {
        bool stored = db_.locked([&](SqliteDb& db) { return insert_certificate_row(db, *v->certificate, v->token, at_ms); });
        if (!stored) return Error{ErrorCode::not_found, "certificate for a passport not known here"};
        return ok_status();
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

Status PassportBook::record_revocation(const std::string& serial_hex, std::int64_t at_ms) {
    if (!is_certificate_serial_text(serial_hex))
        return Error{ErrorCode::invalid_input, "a certificate serial is 16 lower-case hex digits"};
    try {
        db_.locked([&](SqliteDb& db) { insert_revocation_row(db, serial_hex, at_ms); });
        return ok_status();
    } catch (const SqliteError& e) {
        return storage_error(e);
    }
}

}  // namespace lianxin
