// The sync protocol's messages (docs/sync-protocol.md): what a kiosk pushes to POST /api/v1/sync
// and what the hub answers, as plain structs with their JSON form. Shared by the kiosk's sync
// agent, the hub's routes and the hub's stores, so all three agree on one shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/result.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_status.h"
#include "core/passports/stamp_kind.h"
#include "core/records/guestbook.h"
#include "core/records/meeting_request.h"
#include "core/sync/admin_trace.h"

namespace lianxin {

inline constexpr int kSyncProtocolVersion = 1;
// The size limits (kSyncMaxBatch, kSyncMaxBodyBytes, kReplyMaxChars, …) are in
// core/base/field_limits.h, shared with every other writer and reader of these fields.

// A kiosk's registered id (kiosk.toml `[kiosk] id`, assigned by `lianxin-admin kiosk register`):
// 1–64 characters of ASCII letters, digits, '-' and '_' (a UUID fits).
bool is_valid_kiosk_id(std::string_view id);
// Why a kiosk display name (kiosk.toml `name`, `kiosk register NAME`) cannot travel in a push:
// empty, over kKioskNameMaxBytes, invalid UTF-8 or a control character; nullopt when it can.
std::optional<std::string> kiosk_name_problem(std::string_view name);

// One record that one side could not take, said to the other side so it never blocks sync:
// in a reply, the pushed records the hub refused; in a push, the reply entries the kiosk skipped.
struct RecordProblem {
    std::string kind;    // opinion, passport, stamp, guestbook, meeting | status, meeting_status, certificate,
                         // revocation, held, bundle_version
    std::string id;      // the record's id as sent (printable ASCII, at most kKioskIdMaxBytes), or empty
    std::string reason;  // the field and the rule, at most kSyncMaxReasonBytes
};

// A passport as the kiosk recorded it (issued here, or opened here from another kiosk's QR code).
struct SyncPassport {
    std::string id, short_code, token;
    LocalDate issued_on;
    std::string kiosk;
    std::int64_t created_at_ms = 0;
};

struct SyncStamp {
    std::string id;        // UUIDv7
    std::string passport;  // passport id
    StampKind kind = StampKind::opinion;
    std::string ref;
    std::int64_t created_at_ms = 0;
};

// How the kiosk is doing, sent with every push (kiosk list shows it).
// What became of a kiosk's own kiosk.db, for the fleet view: a damaged file the kiosk set aside
// waits in its DATA_DIR/damaged/ until staff fetch it, and only a person can do that.
struct StorageReport {
    std::int64_t set_aside = 0;     // damaged kiosk.db files waiting in DATA_DIR/damaged/
    std::string newest;             // the newest one's file name (kiosk-YYYYMMDD-HHMMSS.db)
    std::int64_t newest_at_ms = 0;  // when it was set aside (its file time), unix ms
    // What the salvage into the fresh kiosk.db recovered from the newest file, when this run of
    // the kiosk set it aside; -1 when an earlier run did (the counts went with that run's log).
    std::int64_t salvaged = -1, left_out = -1;
    std::string fault;  // a storage failure now (disk full, I/O, read-only) with SQLite's words
    bool operator==(const StorageReport&) const = default;
};

struct Heartbeat {
    std::string app_version, content_version;
    std::int64_t outbox_depth = 0;  // records not yet acknowledged, before this push
    std::string last_error;         // the sync agent's last failure, or empty
    StorageReport storage;
};

// POST /api/v1/sync request body. Contact details travel only here, never back.
struct SyncPush {
    int protocol = kSyncProtocolVersion;
    std::string kiosk;        // the kiosk's registered id; the hub checks it belongs to the signing key
    std::int64_t cursor = 0;  // the last change the kiosk applied (0: none yet)
    std::vector<Opinion> opinions;
    std::vector<SyncPassport> passports;
    std::vector<SyncStamp> stamps;
    std::vector<GuestbookEntry> guestbook;
    std::vector<MeetingRequest> meetings;  // status fields are the hub's, never sent
    Heartbeat heartbeat;
    // Reply entries this kiosk could not take since its last report (sent as "skipped").
    std::vector<RecordProblem> skipped;
    // Filled by parse_sync_push only, never sent: the records left out of `opinions`, `passports`,
    // `stamps`, `guestbook` and `meetings` because they break a rule; the hub answers them in
    // SyncReply::refused.
    std::vector<RecordProblem> refused;
};

// An opinion's state as staff left it: a change replaces the whole of it, so a trace removed at
// the hub is removed at the kiosk by the next change, which comes without one.
struct StatusChange {
    OpinionId opinion;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
    std::int64_t at_ms = 0;
    // The adopted article the opinion changed, with its text as adopted (only with an adopted or
    // partly adopted status): the passport shows it beside the visitor's words.
    std::optional<FinalArticle> final_article;
};

// Staff's answer to a meeting request, whole: the latest replaces what the kiosk kept.
struct MeetingStatusChange {
    std::string id;  // the meeting request
    MeetingStatus status = MeetingStatus::received;
    std::string reply;  // reply_problem's rule, as an opinion's reply
    std::int64_t at_ms = 0;
};

// The district's figures as they stand at the hub (every site's records): the kiosk shows them
// beside its own counts, with the moment it received them. Optional in a reply: an older hub sends
// none and an older kiosk ignores it. Every count is 0…kLiveFigureMax.
struct ConsultationFigure {
    std::string consultation;  // a consultation id (is_consultation_id)
    std::int64_t opinions = 0;
    bool operator==(const ConsultationFigure&) const = default;
};
struct DistrictFigures {
    std::int64_t opinions = 0;           // collected at every site and by staff
    std::int64_t adopted = 0;            // of them adopted or partly adopted; never more than opinions
    std::int64_t passports = 0;          // participants with a passport
    std::int64_t delegations = 0;        // guestbook entries: delegations received
    std::int64_t delegation_people = 0;  // the people they brought
    // The consultations open for opinions, at most kLiveFiguresMaxConsultations, each at most once,
    // each count at most `opinions`.
    std::vector<ConsultationFigure> consultations;
    bool operator==(const DistrictFigures&) const = default;
};
// Why a figures block cannot be shown (a count out of range, more adopted than collected, too many
// consultations, an id that is not a consultation's, one twice); nullopt when it can. The hub
// checks what it sends and the kiosk what it takes by this one rule.
std::optional<std::string> district_figures_problem(const DistrictFigures& f);

// The hub's answer: which pushed ids it now holds (the kiosk marks exactly those sent), and
// what changed since the kiosk's cursor, in order, up to `cursor`.
struct SyncReply {
    int protocol = kSyncProtocolVersion;
    std::vector<std::string> held_opinions, held_passports, held_stamps, held_guestbook, held_meetings;
    std::vector<StatusChange> statuses;
    std::vector<MeetingStatusChange> meeting_statuses;  // answers to this kiosk's meeting requests
    std::vector<std::string> certificates;         // certificate tokens for passports of this kiosk
    std::vector<std::string> revoked_certificates;  // serials
    std::string bundle_version;                     // the current published content version, or empty
    // The hub's public URL. Certificate tokens are drawn to fit a QR code on this URL (the kiosk's
    // own public_url may be longer or differ), so the kiosk draws certificates on it. "" from a hub
    // that was given none (the kiosk then forgets one it had); absent from an older hub, or when
    // this side refused the value (the kiosk keeps what it had).
    std::optional<std::string> public_url;
    // The district's figures (docs/sync-protocol.md, "figures"); absent from an older hub, or when
    // this side refused the block (then nothing of it is kept: a bad block never halts sync).
    std::optional<DistrictFigures> figures;
    std::int64_t cursor = 0;                        // the kiosk's new cursor
    bool more = false;                              // more changes wait: sync again at once
    // Pushed records the hub will not hold, with the reason (sent as "refused"): the kiosk
    // keeps them, marks them refused and pushes the rest.
    std::vector<RecordProblem> refused;
    // Filled by parse_sync_reply only, never sent: entries left out because this side's rules
    // refuse them (a poison record must not stop the cursor); the kiosk reports them.
    std::vector<RecordProblem> skipped;
};

// JSON text ⇄ structs; parsing never throws. The message as a whole is refused (invalid_input,
// naming the field) when its frame is malformed: not JSON, the protocol, the kiosk id, the cursor,
// a list that is not a list or is over kSyncMaxBatch, a pushed record without a string id. A
// single record that breaks a rule (wrong type, unknown enum code, id of the wrong form, over-long
// text) is left out and listed in `refused` (push) or `skipped` (reply) instead, so one record
// never blocks the others. The same id twice in one list is kept once (the first copy).
std::string to_json(const SyncPush& push);
Result<SyncPush> parse_sync_push(std::string_view json);
std::string to_json(const SyncReply& reply);
Result<SyncReply> parse_sync_reply(std::string_view json);

}  // namespace lianxin
