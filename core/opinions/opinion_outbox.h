// The kiosk's durable outbox of opinions: submit() validates and commits one record to kiosk.db;
// the sync agent reads what is pending, marks what the hub holds, and erases contact details after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/content/content_model.h"
#include "core/opinions/opinion.h"
#include "core/opinions/opinion_rules.h"
#include "core/storage/kiosk_db.h"

namespace lianxin {

// Thread-safe: calls are serialized on the KioskDb's lock, so the UI thread and the sync agent
// may share one instance.
class OpinionOutbox {
  public:
    // `kiosk_name` is stamped on every opinion (kiosk.toml `name`). `db` must outlive the outbox.
    OpinionOutbox(KioskDb& db, std::string kiosk_name);
    KioskDb& db() { return db_; }  // the kiosk.db it writes, for sync bookkeeping beside it

    // Checks the draft against the rules and the consultation (collecting, deadline not passed on
    // now.local_date, article present), then inserts it in ONE transaction and returns only after
    // COMMIT reached the disk: thank the visitor only when this succeeds. On any failure nothing
    // is written. The id is a fresh UUIDv7 carrying now.utc_ms, which is also created_at.
    Result<OpinionId, OpinionRejection> submit(const OpinionDraft& draft,
                                               const Consultation& consultation, const Moment& now);

    // Up to `limit` opinions the hub does not hold yet and has not refused, oldest first.
    Result<std::vector<Opinion>> pending(std::size_t limit);
    Result<std::size_t> count_pending();
    // Records that the hub holds these opinions (at `sent_at_ms`, UTC). Unknown or already sent
    // ids are ignored; returns how many changed.
    Result<std::size_t> mark_sent(const std::vector<OpinionId>& ids, std::int64_t sent_at_ms);
    // Removes name and phone from these opinions once they have been sent (unsent ones are left
    // alone so the details still reach the hub), overwriting the old bytes in the file and log.
    // Returns how many changed.
    Result<std::size_t> erase_contact(const std::vector<OpinionId>& ids);
    // The same for every sent opinion that still holds contact details: a crash between mark_sent
    // and erase_contact leaves some, and the sync agent sweeps them up when it starts.
    Result<std::size_t> erase_contact_of_sent();
    // One opinion by id; not_found if there is none.
    Result<Opinion> find(const OpinionId& id);

  private:
    KioskDb& db_;
    std::string kiosk_;
};

}  // namespace lianxin
