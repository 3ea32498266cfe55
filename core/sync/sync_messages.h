// The sync protocol's messages (docs/sync-protocol.md): what a kiosk pushes to POST /api/v1/sync
// and what the hub answers, as plain structs with their JSON form. Shared by the kiosk's sync
// agent, the hub's routes and the hub's stores, so all three agree on one shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/opinions/opinion.h"
#include "core/passports/passport_book.h"

namespace lianxin {

inline constexpr int kSyncProtocolVersion = 1;
inline constexpr std::size_t kSyncMaxBatch = 500;  // records of each kind in one push
// A push body larger than this is refused (too_large; the hub answers 413) before it is parsed:
// 500 opinions of 1000 three-byte characters with everything around them stay well under it.
inline constexpr std::size_t kSyncMaxBodyBytes = 8u << 20;
inline constexpr std::size_t kSyncMaxReplyChars = 2000;       // a hub's reply to an opinion
inline constexpr std::size_t kSyncMaxNameBytes = 100;         // kiosk names, versions, refs
inline constexpr std::size_t kSyncMaxTokenBytes = 512;        // passport and certificate tokens
inline constexpr std::size_t kSyncMaxErrorBytes = 500;        // heartbeat.last_error

// A kiosk's registered id (kiosk.toml `[kiosk] id`, assigned by `lianxin-admin kiosk register`):
// 1–64 characters of ASCII letters, digits, '-' and '_' (a UUID fits).
bool is_valid_kiosk_id(std::string_view id);

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
struct Heartbeat {
    std::string app_version, content_version;
    std::int64_t outbox_depth = 0;  // records not yet acknowledged, before this push
    std::string last_error;         // the sync agent's last failure, or empty
};

// POST /api/v1/sync request body. Contact details travel only here, never back.
struct SyncPush {
    int protocol = kSyncProtocolVersion;
    std::string kiosk;        // the kiosk's registered id; the hub checks it belongs to the signing key
    std::int64_t cursor = 0;  // the last change the kiosk applied (0: none yet)
    std::vector<Opinion> opinions;
    std::vector<SyncPassport> passports;
    std::vector<SyncStamp> stamps;
    Heartbeat heartbeat;
};

struct StatusChange {
    OpinionId opinion;
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
    std::int64_t at_ms = 0;
};

// The hub's answer: which pushed ids it now holds (the kiosk marks exactly those sent), and
// what changed since the kiosk's cursor, in order, up to `cursor`.
struct SyncReply {
    int protocol = kSyncProtocolVersion;
    std::vector<std::string> held_opinions, held_passports, held_stamps;
    std::vector<StatusChange> statuses;
    std::vector<std::string> certificates;         // certificate tokens for passports of this kiosk
    std::vector<std::string> revoked_certificates;  // serials
    std::string bundle_version;                     // the current published content version, or empty
    std::int64_t cursor = 0;                        // the kiosk's new cursor
    bool more = false;                              // more changes wait: sync again at once
};

// JSON text ⇄ structs. Parsing refuses (invalid_input, naming the field) anything malformed:
// wrong types, unknown enum codes, ids of the wrong form, over-long texts, batches over
// kSyncMaxBatch; it never throws.
std::string to_json(const SyncPush& push);
Result<SyncPush> parse_sync_push(std::string_view json);
std::string to_json(const SyncReply& reply);
Result<SyncReply> parse_sync_reply(std::string_view json);

}  // namespace lianxin
