// The kiosk's side of sync on kiosk.db, without any networking: which records the next push
// carries, marking what the hub holds, applying the hub's reply with the cursor, and the persisted
// sync state. The sync agent (kiosk/sync/sync_agent.h) drives these over HTTP; tests call them direct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/sync_messages.h"

namespace lianxin {

// kiosk.db's sync_state row (migration 3).
struct KioskSyncState {
    std::int64_t cursor = 0;  // the hub's last change applied here
    std::optional<std::int64_t> last_success_at_ms, last_attempt_at_ms;
    std::string last_error;   // empty after a success
    std::string hub_public_url;  // as the hub's last reply gave it (migration 5), or empty
};

Result<KioskSyncState> load_sync_state(KioskDb& db);
// Records an attempt at `at_ms` and its outcome (`error` empty = it succeeded; the success time
// itself is written by apply_sync_reply together with the cursor).
Status record_sync_attempt(KioskDb& db, std::int64_t at_ms, const std::string& error);

// The records of the next push, up to `limit` of each kind, oldest first; protocol, kiosk, cursor
// and heartbeat are the caller's. A record that refers to a passport the hub does not hold yet
// travels only in the same push as that passport or after it (the hub may insist on the order);
// records held back that way go in a later round.
Result<SyncPush> collect_sync_push(OpinionOutbox& outbox, PassportBook& book, StationRecords& records,
                                   std::size_t limit = kSyncMaxBatch);

// The heartbeat's report on kiosk.db itself: the damaged files set aside and waiting for staff,
// the counts of this run's salvage of the newest, and a storage fault now; fields cut to the
// protocol's limits, so the hub never refuses it.
StorageReport storage_report(const KioskDb& db);

// Every record not yet sent: opinions, passports, stamps, guestbook entries and meeting requests.
Result<std::size_t> count_outbox(OpinionOutbox& outbox, PassportBook& book, StationRecords& records);

struct SyncMarks {
    std::size_t opinions = 0, passports = 0, stamps = 0, guestbook = 0, meetings = 0;  // newly marked sent
    std::size_t contacts_erased = 0;  // of opinions and meeting requests
    std::size_t refused = 0;  // records of this push the hub refused, newly marked refused
    std::size_t total() const { return opinions + passports + stamps + guestbook + meetings; }
};
// Marks sent exactly the records that were in `push` AND that the hub says it holds (an id the
// hub lists but this push did not carry changes nothing), then erases the contact details of the
// opinions just marked. Records of `push` the reply lists as refused (and does not hold) are
// marked refused: kept in kiosk.db with the hub's reason, no longer pushed, so they cannot block
// the others. Safe to repeat: marked records are skipped.
Result<SyncMarks> mark_held(OpinionOutbox& outbox, PassportBook& book, StationRecords& records, const SyncPush& push,
                            const SyncReply& reply, std::int64_t now_ms);

struct SyncApplied {
    std::size_t statuses = 0, meeting_statuses = 0, certificates = 0, revocations = 0;
    std::vector<std::string> skipped;  // one line per change not taken, for the log
};
// Applies the hub's changes (statuses, answers to meeting requests, certificates that verify with the book's certificate keys
// and belong to a passport known here, revocations) and saves the reply's cursor and the success
// time in ONE transaction, so the cursor never runs ahead of what was applied. A change this kiosk
// cannot take — refused by the reply's parser (reply.skipped), a certificate that does not verify
// or has no passport here, a row kiosk.db's constraints refuse — is skipped, listed in `skipped`
// and kept in kiosk.db for the next push to report; it never stops the cursor.
Result<SyncApplied> apply_sync_reply(KioskDb& db, const PassportBook& book, const SyncReply& reply,
                                     std::int64_t now_ms);

// What sync could not carry, for the maintenance screen (kiosk.db, so it survives a restart).
struct SyncProblemCounts {
    std::size_t refused_by_hub = 0;  // records kept here that the hub refused
    std::size_t skipped_here = 0;    // changes from the hub this kiosk could not take
    std::string last_reason;         // the latest of either, "kind id: reason"
};
Result<SyncProblemCounts> count_sync_problems(KioskDb& db);

// Skipped changes not yet reported to the hub, oldest first (at most `limit`), for the next push's
// `skipped`; `up_to_seq` is what mark_skips_reported takes once a push carrying them succeeded.
Result<std::vector<RecordProblem>> unreported_skips(KioskDb& db, std::size_t limit, std::int64_t& up_to_seq);
Status mark_skips_reported(KioskDb& db, std::int64_t up_to_seq, std::int64_t at_ms);

}  // namespace lianxin
