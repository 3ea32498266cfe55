// Participation passports at the kiosk, offline: issuing one (unguessable id, short code unique
// across kiosks, token signed with the kiosk's key), stamping it, opening it again by short code
// or by its scanned QR code, and the booklet view: stamps, each opinion's status as far as this
// kiosk knows, the certificates it has earned and its meeting requests with their answers. The sync agent feeds statuses, certificates
// and revocations in through the row writers below, a reply at a time (core/sync/kiosk_sync.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/crypto/signing_keys.h"
#include "core/opinions/final_article.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_status.h"
#include "core/passports/attempt_throttle.h"
#include "core/passports/stamp_kind.h"
#include "core/records/meeting_request.h"
#include "core/storage/kiosk_db.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

namespace lianxin {

// What a kiosk needs to issue and check passports and certificates (kiosk.toml).
struct PassportSettings {
    std::string kiosk_name;
    std::string kiosk_code;                  // 3 characters, unique per kiosk; empty = cannot issue
    std::optional<SecretKey> kiosk_key;      // signs passports; none = cannot issue
    std::vector<PublicKey> passport_keys;    // other kiosks' keys: their passports open here too
    std::vector<PublicKey> certificate_keys; // the hub's certificate keys
    std::string public_url;                  // where /p/ and /c/ pages live (QR codes open them)
};

struct Passport {
    std::string id;          // 32 hex digits
    std::string short_code;  // canonical, 11 characters
    std::string token;       // the signed passport token
    LocalDate issued_on;
    std::string kiosk;       // the kiosk that issued it (its name, or the signing key's id)
    std::int64_t created_at_ms = 0;
};

struct StampView {
    StampKind kind = StampKind::opinion;
    std::string ref;  // the opinion (tour, meeting request) id
    std::int64_t created_at_ms = 0;
    // For opinion stamps, when the opinion is in this kiosk's database:
    std::optional<Opinion> opinion;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
    std::optional<FinalArticle> final_article;  // the adopted article it changed, once traced
};

struct CertificateView {
    std::string token;
    std::optional<CertificateClaims> claims;  // set when it verifies
    std::optional<TokenRefusal> refusal;      // set when it does not (e.g. revoked since)
};

struct PassportBookletView {
    Passport passport;
    std::vector<StampView> stamps;  // oldest first
    std::vector<CertificateView> certificates;
    // The visitor's requests to meet a deputy made at this kiosk with this passport, oldest first,
    // each with staff's latest answer (status and reply) as the hub sent it.
    std::vector<MeetingRequest> meetings;
};

// Why a passport could not be opened.
struct PassportOpenFailure {
    enum class Reason {
        bad_code,       // the typed code is malformed or fails its check character
        not_found,      // a well-formed code this kiosk does not know
        other_kiosk,    // a well-formed code from another kiosk: scan its QR code instead
        not_passport,   // a scanned code that is not a passport (e.g. a certificate)
        bad_token,      // a scanned passport that does not verify
        throttled,      // too many wrong codes: wait
        storage,        // kiosk.db failed
    } reason;
    std::optional<ShortCodeProblem> code_problem;
    std::optional<std::size_t> code_bad_char;  // bad_character: which typed character (first_bad_short_code_char)
    std::optional<TokenRefusal> token_problem;
    Millis wait_ms = 0;  // for throttled
    std::string detail;  // for logs
};

// How logs name a passport: its ref (docs/tokens.md), never the id, which opens it.
std::string passport_log_ref(const std::string& passport_id);

// A stamp as stored, for the sync agent.
struct StampRecord {
    std::string id;  // UUIDv7
    std::string passport;
    StampKind kind = StampKind::opinion;
    std::string ref;
    std::int64_t created_at_ms = 0;
};

// For services that stamp inside their own transaction (OpinionOutbox::submit): inserts the stamp
// (once per passport, kind and ref); false, inserting nothing, when the passport is not known here.
bool insert_stamp_row(SqliteDb& db, const std::string& passport_id, StampKind kind, const std::string& ref,
                      std::int64_t at_ms);

// Row writers for what the hub reports, for a caller that applies a whole sync reply in ONE
// transaction it holds (core/sync/kiosk_sync.cpp); the record_* functions below use them too.
// The hub's latest word on an opinion wins; an older report arriving late changes nothing. The
// word is the whole of it: a report without a final article removes one stored before.
void upsert_status_row(SqliteDb& db, const OpinionId& opinion, OpinionStatus status, const std::string& reply,
                       std::int64_t at_ms, const std::optional<FinalArticle>& final_article = std::nullopt);
// Stores a certificate that has been verified (claims and canonical token from verify_token);
// false, storing nothing, when its passport is not known here. Idempotent by serial.
bool insert_certificate_row(SqliteDb& db, const CertificateClaims& claims, const std::string& token,
                            std::int64_t at_ms);
// Precondition: 16 lower-case hex digits (see record_revocation). Idempotent.
void insert_revocation_row(SqliteDb& db, const std::string& serial_hex, std::int64_t at_ms);
bool is_certificate_serial_text(std::string_view s);

// Thread-safe through KioskDb's lock; the throttle is guarded by the same calls' serialization
// on the UI thread (only the UI thread opens passports).
class PassportBook {
  public:
    PassportBook(KioskDb& db, PassportSettings settings);

    bool can_issue() const;  // a kiosk code and a kiosk key are configured
    const PassportSettings& settings() const { return settings_; }

    // Issues a passport in ONE transaction, with an opinion stamp for `first_opinion` when given
    // (a visitor who takes a passport right after leaving an opinion).
    Result<Passport> issue(const Moment& now, const std::optional<OpinionId>& first_opinion = {});

    // Adds a stamp (idempotent: the same passport, kind and ref stamp once).
    Status stamp(const std::string& passport_id, StampKind kind, const std::string& ref, const Moment& now);

    // Opens by what a visitor typed. Well-formed codes that open nothing count toward the
    // throttle (`now_ms` on the app's clock); typing slips caught by the check character do not.
    Result<Passport, PassportOpenFailure> open_by_code(std::string_view typed, Millis now_ms);
    // Opens by the text of a scanned QR code (token or URL). A verified passport from another
    // kiosk is recorded here, so stamps can be added to it at this kiosk too. Not throttled.
    Result<Passport, PassportOpenFailure> open_by_scan(std::string_view scanned, const Moment& now);

    Result<Passport> find(const std::string& passport_id);
    Result<PassportBookletView> booklet(const std::string& passport_id);
    // The QR text of a passport: its page URL with the token.
    std::string qr_text(const Passport& p) const;
    // A certificate's: on the hub's public URL when a sync reply has given it (the hub fitted the
    // token to a QR code there; kiosk.toml's may be longer), else on the kiosk's own.
    std::string certificate_qr_text(const std::string& token);

    // Verifies a scanned certificate against the hub's keys and the revocations known here.
    Result<VerifiedToken, TokenRefusal> check_certificate(std::string_view scanned);

    // --- the outbox side (the sync agent): passports and stamps the hub does not hold yet
    // Up to `limit` of each, oldest first.
    Result<std::vector<Passport>> pending_passports(std::size_t limit);
    Result<std::vector<StampRecord>> pending_stamps(std::size_t limit);
    Result<std::size_t> count_pending();  // passports + stamps not yet sent
    // The ids of every passport not yet sent (to hold back records that refer to one).
    Result<std::set<std::string>> unsent_passport_ids();
    // Records that the hub holds these (at `sent_at_ms`, UTC). Unknown or already sent ids are
    // ignored; returns how many changed.
    Result<std::size_t> mark_passports_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms);
    Result<std::size_t> mark_stamps_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms);

    // --- what the hub tells the kiosk, one change at a time (tests; sync uses the row writers)
    Status record_status(const OpinionId& opinion, OpinionStatus status, const std::string& reply, std::int64_t at_ms);
    // Stores a certificate that verifies and belongs to a passport known here (matched by its
    // passport ref); invalid_input with the reason otherwise.
    Status record_certificate(const std::string& token, std::int64_t at_ms);
    Status record_revocation(const std::string& serial_hex, std::int64_t at_ms);

    const AttemptThrottle& throttle() const { return throttle_; }

  private:
    Result<std::set<std::string>> revoked_serials();

    KioskDb& db_;
    PassportSettings settings_;
    AttemptThrottle throttle_;
};

}  // namespace lianxin
