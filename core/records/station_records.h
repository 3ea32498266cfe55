// The station's visitor records at the kiosk, offline: guestbook entries and meeting requests
// committed to kiosk.db, the guestbook wall and count, a passport's meeting requests with the
// hub's latest answer, and the outbox side the sync agent drives (pending records, marking what
// the hub holds, erasing contact details once it does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/records/guestbook.h"
#include "core/records/meeting_request.h"
#include "core/storage/kiosk_db.h"

namespace lianxin {

// Thread-safe: calls are serialized on the KioskDb's lock, so the UI thread and the sync agent
// may share one instance.
class StationRecords {
  public:
    // `kiosk_name` is stamped on every record (kiosk.toml `name`). `db` must outlive this.
    StationRecords(KioskDb& db, std::string kiosk_name);
    KioskDb& db() { return db_; }

    // Checks the draft (make_guestbook_entry) and inserts it in ONE transaction, returning only
    // after COMMIT reached the disk: thank the delegation only when this succeeds. On any failure
    // nothing is written (not_stored when kiosk.db refused the write).
    Result<GuestbookEntry, GuestbookRejection> submit_guestbook(const GuestbookDraft& draft, const Moment& now);
    // The entries whose delegations agreed to the wall, newest first, at most `limit`.
    Result<std::vector<GuestbookEntry>> wall_entries(std::size_t limit);
    // Every entry signed at this kiosk: the delegations it received.
    Result<std::int64_t> count_guestbook();

    // Checks the draft against the rules and the deputies of `content` (make_meeting_request) and
    // inserts it in ONE transaction, returning after COMMIT. With a passport, the passport must be
    // known here and is stamped (StampKind::meeting, ref = the request's id) in the same
    // transaction; a passport not known here refuses the request (passport not_found), as an
    // opinion's does.
    Result<MeetingRequest, MeetingRejection> submit_meeting(const MeetingDraft& draft, const ContentSet& content,
                                                            const Moment& now);
    // The meeting requests made here with this passport, oldest first, each with the status and
    // reply the hub last sent (received and no reply until it has).
    Result<std::vector<MeetingRequest>> meetings_for_passport(const std::string& passport_id);
    // One request by id (contact details as they stand: erased once sent); not_found if none.
    Result<MeetingRequest> find_meeting(const std::string& id);

    // --- the outbox side (the sync agent)
    // Up to `limit` of each kind the hub neither holds yet nor refused, oldest first.
    Result<std::vector<GuestbookEntry>> pending_guestbook(std::size_t limit);
    Result<std::vector<MeetingRequest>> pending_meetings(std::size_t limit);
    Result<std::size_t> count_pending();  // guestbook entries + meeting requests
    // Records that the hub holds these (at `sent_at_ms`, UTC). Unknown or already sent ids are
    // ignored; returns how many changed.
    Result<std::size_t> mark_guestbook_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms);
    Result<std::size_t> mark_meetings_sent(const std::vector<std::string>& ids, std::int64_t sent_at_ms);
    // Removes name and phone from these sent meeting requests (see erase_contact_rows); and from
    // every sent one that still holds them (the sync agent's sweep when it starts).
    Result<std::size_t> erase_contact(const std::vector<std::string>& ids);
    Result<std::size_t> erase_contact_of_sent();

  private:
    KioskDb& db_;
    std::string kiosk_;
};

// For a caller applying a whole sync reply in ONE transaction it holds (core/sync/kiosk_sync.cpp):
// the hub's latest answer to a meeting request wins; an older one arriving late changes nothing.
void upsert_meeting_status_row(SqliteDb& db, const std::string& request, MeetingStatus status, const std::string& reply,
                               std::int64_t at_ms);
// The meeting requests of a passport as meetings_for_passport gives them, inside a caller's lock
// (PassportBook::booklet).
std::vector<MeetingRequest> read_meetings_of_passport(SqliteDb& db, const std::string& passport_id);

}  // namespace lianxin
