// The hub's store: everything lianxin-hub keeps (kiosk registry, admin keys, replay nonces, the
// records kiosks push, the per-kiosk changes feed, certificates, content bundles, rate-limit
// events) behind one interface, with a SQLite and a PostgreSQL back-end (docs/architecture.md,
// docs/sync-protocol.md).
//
// Sections: 1. records and views   2. HubStore (kiosks, admin keys, nonces, ingest, changes feed,
// opinions, certificates, passports, bundles, rate limits)   3. open_store
//
// Every function is safe to call from many threads at once, and several stores (in one process
// or several hub processes) over one PostgreSQL database behave as one: the hub keeps no state of
// its own. No function throws; failures are typed (core/base/result.h):
//   io            cannot reach the store (file, server) — the detail says what to do
//   database      the back-end reported an error
//   invalid_input a request that breaks a stated rule (duplicate code, revoked kiosk, …)
//   not_found     the kiosk, opinion, passport, certificate or bundle does not exist
//   corrupt       the file or database is not a Lianxin hub store (left untouched)
//   bad_schema    a store written by a newer Lianxin
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/crypto/signing_keys.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_status.h"
#include "core/sync/admin_audit.h"
#include "core/sync/admin_opinions.h"
#include "core/sync/admin_records.h"
#include "core/sync/admin_trace.h"
#include "core/passports/stamp_kind.h"
#include "core/sync/sync_messages.h"

namespace lianxin::hub {

// ---------------------------------------------------------------------------------------------
// 1. Records and views
// ---------------------------------------------------------------------------------------------

struct KioskHeartbeat {
    std::int64_t at_ms = 0;  // when the hub received it
    Heartbeat heartbeat;
};

struct KioskRecord {
    std::string id;  // the kiosk's registered id (its signing key's id, as the hub's routes use it)
    std::string name;  // kiosk.toml `name`; opinions carry it as Opinion::kiosk
    std::string code;  // 3 characters of kShortCodeAlphabet, unique across kiosks
    PublicKey key;
    std::int64_t registered_at_ms = 0;
    std::optional<std::int64_t> revoked_at_ms;
    std::optional<KioskHeartbeat> last_heartbeat;
    bool revoked() const { return revoked_at_ms.has_value(); }
};

struct AdminKeyRecord {
    PublicKey key;
    std::int64_t added_at_ms = 0;
    AdminRoles roles = kAllAdminRoles;
    std::string name;  // who holds it; may be empty
};

// Who made a change through the admin API: the store writes it to the audit log in the change's
// own transaction. A change made without one (the hub's own doing, a test) is not logged.
struct AdminActor {
    std::string key_id;
};

// A bundle published to the kiosks: every upload, and every rollback to an earlier version.
struct Publication {
    std::string version;
    std::int64_t at_ms = 0;
    std::string admin_key, admin_name;  // empty for bundles published before the log existed
};

// What ingest did: the ids it now holds (every pushed record, new or already there — the kiosk
// marks exactly these sent) and how many of them this push added.
struct IngestResult {
    std::vector<std::string> held_opinions, held_passports, held_stamps, held_guestbook, held_meetings;
    std::size_t new_opinions = 0, new_passports = 0, new_stamps = 0, new_guestbook = 0, new_meetings = 0;
};

// A guestbook entry and a meeting request as the hub holds them (the request with contact
// details and staff's latest answer), with the registered kiosk that pushed them.
struct StoredGuestbookEntry {
    GuestbookEntry entry;
    std::string kiosk_id;
    std::int64_t received_at_ms = 0;
};
struct StoredMeetingRequest {
    MeetingRequest request;
    std::string kiosk_id;
    std::int64_t received_at_ms = 0;
};

// An opinion as the hub holds it: with contact details (staff need them), never shown publicly.
struct StoredOpinion {
    Opinion opinion;       // sent_at_ms / contact_erased are kiosk-side fields, left empty here
    std::string kiosk_id;  // the registered kiosk that pushed it
    std::int64_t received_at_ms = 0;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
    std::optional<std::int64_t> status_at_ms;
    OpinionChannel channel = OpinionChannel::kiosk;
    std::optional<std::string> hidden_reason;  // set: its text is hidden from public pages
    std::optional<int> final_article;          // the adopted article it changed, once traced
};

// add_staff_opinion's answer: the passport it was stamped into (empty when none).
struct StaffRecordOutcome {
    std::string passport_id;
};

// The kiosk id phone opinions are filed under (a registry entry the hub makes for itself): their
// channel is `phone`.
inline constexpr const char* kPhoneKioskId = "phone";
// The kiosk id of opinions staff recorded from paper cards and phone calls (no kiosk pushes them,
// so it needs no registry entry).
inline constexpr const char* kStaffKioskId = "staff";

// The admin list's filters are the API's own (core/sync/admin_opinions.h), read once by the route.
using OpinionFilter = OpinionQuery;

// set_status's answer: the opinion as it is now, and the passport it belongs to (from its stamp,
// else Opinion::passport_id; empty when none), so the caller can issue a certificate.
struct StatusOutcome {
    StoredOpinion opinion;
    std::string passport_id;
};

struct CertificateRecord {
    std::string serial;  // serial_text: 16 hex digits
    std::string passport_id, opinion_id, token;
    std::int64_t issued_at_ms = 0;
    std::optional<std::int64_t> revoked_at_ms;
};

// The public /p/ page's view of a passport. Built from its own types so contact details cannot
// reach it: there is no field to put them in.
struct PublicOpinion {
    OpinionId id;
    std::string consultation_id;
    std::optional<int> article;
    Stance stance = Stance::suggest;
    std::string text;  // empty when hidden
    bool hidden = false;  // staff hid the text from public pages
    std::optional<FinalArticle> final_article;  // the adopted article it changed, once traced
    Lang lang = Lang::zh;
    std::int64_t created_at_ms = 0;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
};

struct PublicStamp {
    StampKind kind = StampKind::opinion;
    std::string ref;
    std::int64_t created_at_ms = 0;
    std::optional<PublicOpinion> opinion;  // opinion stamps whose opinion the hub holds
};

struct PublicCertificate {
    std::string serial, token;
    bool revoked = false;
};

struct PublicPassportView {
    std::string id, short_code;
    LocalDate issued_on;
    std::int64_t created_at_ms = 0;
    std::vector<PublicStamp> stamps;  // oldest first
    std::vector<PublicCertificate> certificates;
};

struct BundleRecord {
    std::string version;
    std::string sha256;     // hex of the bundle file's SHA-256
    std::int64_t size = 0;  // bytes
    std::string signature;  // the detached signature file's text (core/crypto/signing_keys.h)
    std::int64_t added_at_ms = 0;
};

// ---------------------------------------------------------------------------------------------
// 2. HubStore
// ---------------------------------------------------------------------------------------------

class HubStore {
  public:
    virtual ~HubStore() = default;

    virtual std::string describe() const = 0;  // "sqlite:/path" or the URI without its password

    // --- kiosk registry
    // Registers a kiosk. invalid_input when the id exists, the code is malformed or taken.
    virtual Status add_kiosk(const std::string& id, const std::string& name,
                             const std::string& code, const PublicKey& key,
                             std::int64_t registered_at_ms, const AdminActor* by = nullptr) = 0;
    virtual Result<KioskRecord> find_kiosk(const std::string& id) = 0;  // not_found when unknown
    virtual Result<std::vector<KioskRecord>> list_kiosks() = 0;         // by registration time
    // Marks a kiosk revoked (its requests are refused from then on); idempotent, the first time
    // stays.
    virtual Status revoke_kiosk(const std::string& id, std::int64_t at_ms, const AdminActor* by = nullptr) = 0;
    // Keeps the kiosk's latest heartbeat (ingest records the push's heartbeat itself).
    virtual Status record_heartbeat(const std::string& kiosk_id, const Heartbeat& hb,
                                    std::int64_t at_ms) = 0;
    // A 3-character code no kiosk has and no earlier call handed out, atomically across hubs;
    // invalid_input when all 29,791 are used.
    virtual Result<std::string> next_kiosk_code() = 0;

    // --- admin keys (the first is enrolled on the hub's own host, when none exists)
    // Enrolls a key with its roles and name; enrolling it again sets them anew.
    virtual Status add_admin_key(const PublicKey& key, std::int64_t at_ms, AdminRoles roles = kAllAdminRoles,
                                 const std::string& name = "") = 0;
    virtual Result<std::vector<AdminKeyRecord>> admin_keys() = 0;
    virtual Result<bool> has_admin_key() = 0;

    // --- replay protection
    // True the first time `signer` uses `nonce`; false for a replay. One INSERT under a unique
    // constraint, so two hubs racing on the same nonce cannot both accept it.
    virtual Result<bool> remember_nonce(const std::string& signer, const std::string& nonce,
                                        std::int64_t at_ms) = 0;
    // Forgets nonces seen before `before_ms` (requests that old are refused by their time anyway).
    virtual Result<std::int64_t> purge_nonces(std::int64_t before_ms) = 0;

    // --- ingest
    // Stores a push in ONE transaction: upsert by id, first write wins (a record whose id exists is
    // left as it is and reported held; an id twice in the push is its first copy, held once);
    // links the pushed passports to the kiosk; records the heartbeat. not_found for an unknown kiosk, invalid_input for a revoked one.
    virtual Result<IngestResult> ingest(const std::string& kiosk_id, const SyncPush& push,
                                        std::int64_t now_ms) = 0;

    // --- changes feed
    // The changes for one kiosk after `cursor`, oldest first, at most `limit` of them (counting
    // statuses, meeting answers, certificates and revocations together): statuses of opinions and
    // answers to meeting requests it pushed,
    // certificates of passports it holds, every revocation; plus the current bundle version.
    // Only the change fields of SyncReply are set; `cursor` is where the next call starts,
    // `more` says more changes wait. A reader that follows the cursor never skips a change.
    virtual Result<SyncReply> changes_since(const std::string& kiosk_id, std::int64_t cursor,
                                            std::size_t limit) = 0;

    // --- opinions (admin side; with contact details)
    virtual Result<std::vector<StoredOpinion>> list_opinions(const OpinionFilter& filter) = 0;
    virtual Result<StoredOpinion> find_opinion(const OpinionId& id) = 0;
    // Sets an opinion's status and reply and adds the change to its kiosk's feed. not_found when
    // the hub does not hold the opinion.
    virtual Result<StatusOutcome> set_status(const OpinionId& id, OpinionStatus status,
                                             const std::string& reply, std::int64_t at_ms,
                                             const AdminActor* by = nullptr) = 0;

    // Hides an opinion's text from public pages with a reason, or shows it again (nullopt); the
    // text is never changed. not_found when the hub does not hold the opinion.
    virtual Status hide_opinion(const OpinionId& id, const std::optional<std::string>& reason, std::int64_t at_ms,
                                const AdminActor* by = nullptr) = 0;
    // Records an opinion staff received on paper or by phone (its id, text and contact as made by
    // the caller), stamped into the passport with short code `passport_code` when one is given.
    // not_found when no passport has that code; invalid_input when the id exists.
    virtual Result<StaffRecordOutcome> add_staff_opinion(const Opinion& o, OpinionChannel channel,
                                                         const std::string& passport_code, std::int64_t at_ms,
                                                         const AdminActor* by = nullptr) = 0;

    // --- the station's visitor records (admin side; meeting requests with contact details)
    // Guestbook entries newest first (by created_at, then id), filtered and paged by `q`.
    virtual Result<std::vector<StoredGuestbookEntry>> list_guestbook(const GuestbookQuery& q) = 0;
    // The delegations received, per kiosk name and in total.
    virtual Result<GuestbookCounts> guestbook_counts() = 0;
    // Meeting requests oldest first (by created_at, then id), filtered and paged by `q`.
    virtual Result<std::vector<StoredMeetingRequest>> list_meetings(const MeetingQuery& q) = 0;
    // Sets a meeting request's status and reply, audited (meeting.answer) and added to its kiosk's
    // feed in the same transaction; the request as it is now. not_found when the hub does not hold
    // it. The same answer again changes nothing to log (the feed still gets it).
    virtual Result<StoredMeetingRequest> answer_meeting(const std::string& id, const MeetingAnswer& answer,
                                                        std::int64_t at_ms, const AdminActor* by = nullptr) = 0;

    // --- the law as adopted (tracing opinions into it)
    // Replaces the final text of `consultation`. invalid_input when an opinion is traced to an
    // article number the new text lacks (unlink it first), naming the opinion.
    virtual Status set_final_text(const std::string& consultation, const std::vector<FinalArticle>& articles,
                                  std::int64_t at_ms, const AdminActor* by = nullptr) = 0;
    virtual Result<std::vector<FinalArticle>> final_text(const std::string& consultation) = 0;
    // Links an adopted or partly adopted opinion to article `final_article` of its consultation's
    // final text, or unlinks it (nullopt). not_found for an unknown opinion; invalid_input for an
    // opinion not adopted or an article the final text lacks.
    virtual Status trace_opinion(const OpinionId& id, std::optional<int> final_article, std::int64_t at_ms,
                                 const AdminActor* by = nullptr) = 0;
    // The final article an opinion is traced to, if any.
    virtual Result<std::optional<FinalArticle>> final_article_of(const OpinionId& id) = 0;

    // --- certificates
    // Stores an issued certificate and feeds it to every kiosk that holds the passport (now or
    // later). invalid_input when the serial exists.
    virtual Status add_certificate(const std::string& serial, const std::string& passport_id,
                                   const std::string& opinion_id, const std::string& token,
                                   std::int64_t at_ms, const AdminActor* by = nullptr) = 0;
    // Revokes a certificate this store issued and feeds the revocation to every kiosk;
    // idempotent. not_found for a serial it never issued (a typo must not read as a success).
    virtual Status revoke_certificate(const std::string& serial, std::int64_t at_ms,
                                      const AdminActor* by = nullptr) = 0;
    virtual Result<CertificateRecord> find_certificate(const std::string& serial) = 0;
    // Certificates newest first, revoked ones included, at most kAdminListMax from `offset`.
    virtual Result<std::vector<CertificateRecord>> list_certificates(std::size_t limit, std::size_t offset) = 0;
    // How many participation passports the hub holds, and how many of them carry an opinion's
    // stamp: the statistics' "participants with passports".
    struct PassportCounts {
        std::int64_t passports = 0, with_opinion = 0;
    };
    virtual Result<PassportCounts> passport_counts() = 0;
    // The district's live figures for every sync reply (docs/sync-protocol.md, "figures"): all
    // kiosks' records and staff's (an opinion hidden from public pages still counts, as in
    // `lianxin-admin stats`); the opinions of each of `consultations` in that
    // order (the open ones of the published content, at most kLiveFiguresMaxConsultations), or
    // without content to say which are open (nullopt) those with the most opinions. Counts are capped at kLiveFigureMax, so the block
    // always passes district_figures_problem.
    virtual Result<DistrictFigures> district_figures(const std::optional<std::vector<std::string>>& consultations) = 0;
    // The newest certificate of an opinion that is not revoked, if any: a status set again does
    // not issue a second one, and a changed or withdrawn adoption revokes it.
    virtual Result<std::optional<CertificateRecord>> live_certificate_of(const std::string& opinion_id) = 0;
    virtual Result<bool> is_revoked(const std::string& serial) = 0;

    // --- passports (public /p/ page: no contact details, by construction of the view)
    virtual Result<PublicPassportView> find_passport(const std::string& passport_id) = 0;

    // --- content bundles (bytes kept in the store, so every hub serves the same ones)
    // Adds a bundle and publishes it. invalid_input when the version exists with other bytes;
    // the same bundle again publishes it again (a no-op when it is already the current one).
    virtual Status add_bundle(const BundleRecord& meta, const std::string& bytes, const AdminActor* by = nullptr) = 0;
    // Publishes a bundle the store holds (a rollback); not_found for a version it does not hold.
    virtual Status publish_bundle(const std::string& version, std::int64_t at_ms, const AdminActor* by = nullptr) = 0;
    virtual Result<std::optional<BundleRecord>> current_bundle() = 0;  // the latest published
    // Every publication, newest first, at most `limit`.
    virtual Result<std::vector<Publication>> publications(std::size_t limit) = 0;
    virtual Result<BundleRecord> find_bundle(const std::string& version) = 0;
    virtual Result<std::string> bundle_bytes(const std::string& version) = 0;

    // --- audit log (written by the mutators above when given an AdminActor)
    virtual Result<std::vector<AuditEntry>> list_audit(const AuditQuery& q) = 0;

    // --- rate limits (e.g. kind "opinion-form", key = the client's address)
    virtual Status note_event(const std::string& kind, const std::string& key,
                              std::int64_t at_ms) = 0;
    virtual Result<std::int64_t> count_recent(const std::string& kind, const std::string& key,
                                              std::int64_t since_ms) = 0;
    // Records an event at `at_ms` only if fewer than `max` of (kind, key) were recorded since
    // `since_ms`; true when it was recorded. The count and the record are one step, across
    // threads and hubs: N requests at once never get more than `max` through.
    virtual Result<bool> take_event(const std::string& kind, const std::string& key,
                                    std::int64_t since_ms, std::int64_t max, std::int64_t at_ms) = 0;
    virtual Result<std::int64_t> purge_events(std::int64_t before_ms) = 0;
};

// ---------------------------------------------------------------------------------------------
// 3. Opening a store
// ---------------------------------------------------------------------------------------------

// `sqlite:PATH` (the file is created with mode 0600, put in WAL mode and migrated) or
// `postgresql://…` / `postgres://…` (a libpq connection URI; the schema is migrated under an
// advisory lock, so hubs starting together are safe). Anything else: invalid_input naming the
// accepted forms.
Result<std::unique_ptr<HubStore>> open_store(const std::string& spec);

}  // namespace lianxin::hub
