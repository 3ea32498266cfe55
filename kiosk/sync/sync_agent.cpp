// The sync agent's thread: sync, then wait (interval, backoff or slow retry) on a condition
// variable that stop() and nudge() signal. Correctness rests on the protocol's argument
// (docs/sync-protocol.md): records are marked sent only when the hub's reply lists them, so any
// failure before that leaves them pending and they are simply pushed again.
#include "kiosk/sync/sync_agent.h"

#include "core/base/files.h"
#include "core/content/bundle.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/net/http_client.h"
#include "core/sync/kiosk_sync.h"
#include "core/sync/request_signing.h"
#include "core/text/utf8.h"
#include "core/tokens/token.h"

namespace lianxin {

namespace {

// A sync stops after this many pushes even if the hub keeps saying `more`: a hub bug must not
// keep the agent busy forever (the next sync continues where this one stopped).
constexpr int kMaxPushesPerSync = 1000;

// The hub's message from an error answer: {"error": CODE, "message": TEXT} or plain text.
std::string hub_message(const HttpResponse& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    std::string msg;
    if (j.is_object()) {
        if (auto it = j.find("message"); it != j.end() && it->is_string()) msg = it->get<std::string>();
        else if (auto e = j.find("error"); e != j.end() && e->is_string()) msg = e->get<std::string>();
    }
    if (msg.empty()) msg = r.body;
    if (msg.size() > 200) msg = utf8::cut(msg, 200) + "…";
    return "hub answered " + std::to_string(r.status) + (msg.empty() ? "" : ": " + msg);
}

std::string trim_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

}  // namespace

const char* sync_state_name(SyncState s) {
    switch (s) {
        case SyncState::off: return "off";
        case SyncState::idle: return "idle";
        case SyncState::syncing: return "syncing";
        case SyncState::backing_off: return "backing_off";
        case SyncState::refused: return "refused";
        case SyncState::local_fault: return "local_fault";
    }
    return "off";
}

std::int64_t backoff_delay_ms(int failures, double random_unit, std::int64_t initial_ms, std::int64_t cap_ms) {
    std::int64_t ceiling = initial_ms;
    for (int i = 0; i < failures && ceiling < cap_ms; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, cap_ms);
    double u = std::clamp(random_unit, 0.0, 1.0);
    auto d = static_cast<std::int64_t>(u * static_cast<double>(ceiling));
    return std::clamp<std::int64_t>(d, 0, ceiling);
}

SyncAgent::SyncAgent(KioskDb& db, OpinionOutbox& outbox, PassportBook& book, StationRecords& records, SyncAgentConfig config,
                     std::function<void()> wake_ui)
    : db_(db), outbox_(outbox), book_(book), records_(records), config_(std::move(config)), wake_ui_(std::move(wake_ui)) {
    if (!config_.clock_ms)
        config_.clock_ms = [] {
            using namespace std::chrono;
            return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
        };
    if (!config_.random_unit)
        config_.random_unit = [] {
            crypto_ready();
            return randombytes_random() / 4294967296.0;
        };
    config_.batch = std::clamp<std::size_t>(config_.batch, 1, kSyncMaxBatch);
    config_.hub_url = trim_slash(config_.hub_url);
    // What the maintenance screen shows before the first sync: the last outcome from kiosk.db.
    if (auto st = load_sync_state(db_)) {
        status_.last_success_ms = st->last_success_at_ms.value_or(0);
        status_.last_error = st->last_error;
        status_.hub_public_url = st->hub_public_url;
    }
    if (auto depth = count_outbox(outbox_, book_, records_)) status_.outbox_depth = *depth;
    note_problems(status_);
}

void SyncAgent::note_problems(SyncStatus& s) {
    if (auto c = count_sync_problems(db_)) {
        s.refused_records = c->refused_by_hub;
        s.skipped_changes = c->skipped_here;
        s.last_problem = c->last_reason;
    }
}

SyncAgent::~SyncAgent() { stop(); }

bool SyncAgent::configured() const {
    return !config_.hub_url.empty() && is_valid_kiosk_id(config_.kiosk_id) && config_.kiosk_key.has_value();
}

void SyncAgent::start() {
    if (thread_.joinable() || stopping_) return;
    if (!configured()) {
        if (!config_.hub_url.empty())
            spdlog::warn("sync off: kiosk.toml has hub_url but needs [kiosk] id and key too");
        return;
    }
    thread_ = std::thread([this] { run(); });
}

void SyncAgent::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncAgent::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    cv_.notify_all();
}

SyncStatus SyncAgent::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void SyncAgent::set_content_version(std::string version) {
    std::lock_guard lock(mutex_);
    config_.content_version = std::move(version);
}

std::int64_t SyncAgent::now_ms() const { return config_.clock_ms(); }

void SyncAgent::update(const std::function<void(SyncStatus&)>& f) {
    {
        std::lock_guard lock(mutex_);
        f(status_);
    }
    if (wake_ui_) wake_ui_();
}

void SyncAgent::refresh_depth() {
    if (auto depth = count_outbox(outbox_, book_, records_)) update([&](SyncStatus& s) { s.outbox_depth = *depth; });
}

void SyncAgent::fetch_new_bundle() {
    std::string want;
    {
        std::lock_guard lock(mutex_);
        want = status_.hub_bundle_version;
        if (!want.empty() && want == refused_bundle_ && want != config_.content_version)
            status_.last_error = "content " + want + " refused (see the kiosk's log); the current content stays";
        if (want.empty() || want == config_.content_version || want == status_.staged_version || want == refused_bundle_)
            return;
    }
    if (config_.bundle_dir.empty()) return;
    // The version becomes a file name: only the characters content versions use.
    // The one content-version rule: it is also a file name here and a path segment at the hub.
    bool safe = is_content_version(want);
    auto refuse = [&](const std::string& why) {
        spdlog::error("content {} refused: {}", want, why);
        std::lock_guard lock(mutex_);
        refused_bundle_ = want;
        status_.last_error = "content " + want + " refused: " + why;
    };
    if (!safe) return refuse("the version is not a plain name");
    auto get = [&](const std::string& path) {
        HttpRequest req;
        req.method = "GET";
        req.url = config_.hub_url + path;
        req.headers = sign_request(*config_.kiosk_key, "GET", path, "", now_ms()).list();
        req.connect_timeout_ms = config_.connect_timeout_ms;
        req.total_timeout_ms = std::max<long>(config_.total_timeout_ms, 120'000);  // bundles are megabytes
        return http_request(req, &stopping_);
    };
    auto bundle = get("/api/v1/bundles/" + want);
    auto sig = bundle.transport_ok && bundle.status == 200 ? get("/api/v1/bundles/" + want + "/signature") : bundle;
    if (!bundle.transport_ok || !sig.transport_ok || bundle.status != 200 || sig.status != 200) {
        // A transfer problem, not a bad bundle: try again after the next sync.
        spdlog::warn("content {}: download failed ({}); retrying at the next sync", want,
                     bundle.transport_ok ? "status " + std::to_string(bundle.status) : bundle.error);
        return;
    }
    // A new file beside the current one (never over it): the app still reads the old bundle.
    std::error_code ec;
    std::filesystem::create_directories(config_.bundle_dir, ec);
    auto path = config_.bundle_dir / (want + ".lxb");
    if (!write_file_atomic(path, bundle.body) || !write_file_atomic(path.string() + ".sig", sig.body))
        return refuse("cannot write it to " + config_.bundle_dir.string());
    auto checked = load_bundle(path, config_.publisher_keys);
    if (!checked) {
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path.string() + ".sig", ec);
        return refuse(checked.error().detail);
    }
    spdlog::info("content {} downloaded and verified; it replaces {} at the next idle moment", want,
                 config_.content_version);
    update([&](SyncStatus& s) {
        s.staged_bundle = path.string();
        s.staged_version = want;
    });
}

void SyncAgent::set_bundle_swapped(const std::string& version) {
    std::lock_guard lock(mutex_);
    config_.content_version = version;
    status_.staged_bundle.clear();
    status_.staged_version.clear();
}

void SyncAgent::run() {
    if (auto erased = outbox_.erase_contact_of_sent(); erased && *erased > 0)
        spdlog::info("sync: erased contact details of {} opinions sent before an interruption", *erased);
    if (auto erased = records_.erase_contact_of_sent(); erased && *erased > 0)
        spdlog::info("sync: erased contact details of {} meeting requests sent before an interruption", *erased);
    for (;;) {
        update([](SyncStatus& s) { s.state = SyncState::syncing; });
        Outcome o = sync_now();
        if (o.kind == Outcome::Kind::stopped) return;

        std::int64_t delay = 0;
        SyncState next_state = SyncState::idle;
        if (o.kind == Outcome::Kind::ok) {
            delay = config_.interval_ms;
        } else {
            int failures;
            {
                std::lock_guard lock(mutex_);
                failures = status_.consecutive_failures;
            }
            if (o.kind == Outcome::Kind::refused) {
                next_state = SyncState::refused;
                delay = config_.refused_retry_ms;
            } else if (o.kind == Outcome::Kind::local) {
                next_state = SyncState::local_fault;
                delay = backoff_delay_ms(failures, config_.random_unit(), config_.backoff_initial_ms,
                                         config_.backoff_max_ms);
            } else {
                next_state = SyncState::backing_off;
                delay = backoff_delay_ms(failures, config_.random_unit(), config_.backoff_initial_ms,
                                         config_.backoff_max_ms);
            }
            spdlog::warn("sync failed ({}): {}; next attempt in {} ms", sync_state_name(next_state), o.error, delay);
            (void)record_sync_attempt(db_, now_ms(), o.error);
        }
        std::int64_t next_at = now_ms() + delay;
        auto depth = count_outbox(outbox_, book_, records_);
        update([&](SyncStatus& s) {
            s.state = next_state;
            s.next_attempt_ms = next_at;
            if (depth) s.outbox_depth = *depth;
            if (o.kind == Outcome::Kind::ok) {
                s.consecutive_failures = 0;
                s.last_error.clear();
                ++s.syncs_ok;
            } else {
                ++s.consecutive_failures;
                s.last_error = o.error;
            }
        });
        if (o.kind == Outcome::Kind::ok) fetch_new_bundle();

        // Wait for the deadline, a stop, or (when idle) a nudge.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
        std::unique_lock lock(mutex_);
        for (;;) {
            bool woke = cv_.wait_until(lock, deadline, [&] { return stopping_.load() || nudged_; });
            if (stopping_) return;
            if (!woke) break;  // the deadline passed
            nudged_ = false;
            if (next_state == SyncState::idle) break;
            lock.unlock();
            refresh_depth();  // backing off or refused: only show the new record in the depth
            lock.lock();
        }
    }
}

SyncAgent::Outcome SyncAgent::sync_now() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = false;  // this sync takes every record committed so far
    }
    for (int i = 0; i < kMaxPushesPerSync; ++i) {
        if (stopping_) return {Outcome::Kind::stopped, "stopped"};
        bool again = false;
        Outcome o = push_once(again);
        if (o.kind != Outcome::Kind::ok || !again) return o;
    }
    return {};
}

Heartbeat SyncAgent::heartbeat(const std::string& error) {
    Heartbeat hb;
    {
        std::lock_guard lock(mutex_);
        // Cut to the protocol's limits: a long error must not make the hub refuse every push.
        hb = Heartbeat{utf8::cut(config_.app_version, kVersionMaxBytes), utf8::cut(config_.content_version, kVersionMaxBytes),
                       static_cast<std::int64_t>(status_.outbox_depth),
                       utf8::cut(error.empty() ? status_.last_error : error, kSyncMaxErrorBytes)};
    }
    hb.storage = storage_report(db_);
    return hb;
}

HttpResponse SyncAgent::post_push(const SyncPush& push) {
    HttpRequest req;
    req.method = "POST";
    req.url = config_.hub_url + kSyncPath;
    req.body = to_json(push);
    req.connect_timeout_ms = config_.connect_timeout_ms;
    req.total_timeout_ms = config_.total_timeout_ms;
    req.headers = sign_request(*config_.kiosk_key, "POST", kSyncPath, req.body, now_ms()).list();
    req.headers.emplace_back("Content-Type", "application/json");
    return http_request(req, &stopping_);
}

void SyncAgent::send_heartbeat_only(const std::string& error) {
    SyncPush push;
    push.kiosk = config_.kiosk_id;
    // Past every change the hub has: the reply carries none, as this kiosk could not keep them.
    push.cursor = std::numeric_limits<std::int64_t>::max();
    push.heartbeat = heartbeat(error);
    HttpResponse r = post_push(push);
    if (!r.transport_ok || r.status != 200) spdlog::warn("sync: the heartbeat about kiosk.db did not reach the hub");
}

SyncAgent::Outcome SyncAgent::push_once(bool& again) {
    auto failed = [](std::string e) { return Outcome{Outcome::Kind::failed, std::move(e)}; };
    // kiosk.db's own failures are told apart from the hub's: staff must look at this machine.
    // With no records or cursor to read, the heartbeat alone still goes, so the fleet view says
    // why this kiosk went quiet instead of only that it did.
    auto local = [&](const Error& e) {
        std::string why = "kiosk.db: " + e.detail;
        send_heartbeat_only(why);
        return Outcome{Outcome::Kind::local, why};
    };
    auto collected = collect_sync_push(outbox_, book_, records_, config_.batch);
    if (!collected) return local(collected.error());
    SyncPush push = std::move(*collected);
    auto state = load_sync_state(db_);
    if (!state) return local(state.error());
    push.kiosk = config_.kiosk_id;
    push.cursor = state->cursor;
    push.heartbeat = heartbeat();
    std::int64_t skips_up_to = 0;
    auto skips = unreported_skips(db_, kSyncMaxBatch, skips_up_to);
    if (!skips) return failed("kiosk.db: " + skips.error().detail);
    push.skipped = std::move(*skips);
    const std::size_t sent = push.opinions.size() + push.passports.size() + push.stamps.size() +
                             push.guestbook.size() + push.meetings.size();

    HttpResponse r = post_push(push);
    if (r.cancelled || stopping_) return {Outcome::Kind::stopped, "stopped"};
    if (!r.transport_ok) return failed("cannot reach the hub: " + r.error);
    if (r.status == 401 || r.status == 403) return {Outcome::Kind::refused, hub_message(r)};
    if (r.status != 200) return failed(hub_message(r));

    auto reply = parse_sync_reply(r.body);
    if (!reply) return failed("the hub's reply is not understood: " + reply.error().detail);
    std::int64_t at = now_ms();
    auto marks = mark_held(outbox_, book_, records_, push, *reply, at);
    if (!marks) return local(marks.error());
    auto applied = apply_sync_reply(db_, book_, *reply, at);
    if (!applied) return local(applied.error());
    for (auto& line : applied->skipped) spdlog::warn("sync: {}", line);
    // Passports' codes point at kiosk.toml's URL; a different one at the hub is a setup mistake
    // phones would meet. Said once per URL, and on the maintenance screen.
    if (reply->public_url && !reply->public_url->empty() &&
        !same_public_url(*reply->public_url, book_.settings().public_url) && *reply->public_url != status().hub_public_url)
        spdlog::warn("sync: the hub's public URL is {} but kiosk.toml [kiosk] public_url is '{}': passports' QR "
                     "codes point at the kiosk's, certificates are drawn on the hub's",
                     *reply->public_url, book_.settings().public_url);
    for (auto& p : reply->refused) spdlog::warn("sync: the hub refused {} {}: {}", p.kind, p.id, p.reason);
    // The hub has read the report of skipped changes this push carried.
    if (!push.skipped.empty()) (void)mark_skips_reported(db_, skips_up_to, at);
    if (sent || !reply->statuses.empty() || !reply->meeting_statuses.empty() || !reply->certificates.empty() ||
        !reply->revoked_certificates.empty())
        spdlog::info("sync: sent {} records, hub holds {} new; applied {} statuses, {} meeting answers, {} "
                     "certificates, {} revocations",
                     sent, marks->total(), applied->statuses, applied->meeting_statuses, applied->certificates,
                     applied->revocations);
    auto depth = count_outbox(outbox_, book_, records_);
    update([&](SyncStatus& s) {
        s.last_success_ms = at;
        note_problems(s);
        if (!reply->bundle_version.empty()) s.hub_bundle_version = reply->bundle_version;
        if (reply->public_url) s.hub_public_url = *reply->public_url;
        if (depth) s.outbox_depth = *depth;
    });

    // Refused records count as an answer: they are marked and no longer pushed.
    if (sent > 0 && marks->total() + marks->refused == 0)
        return failed("the hub answered but holds none of the " + std::to_string(sent) + " records sent");
    // Go again while the hub has more changes, or while records remain and this push made
    // progress (records held back behind an unsent passport go in the next push).
    again = reply->more || (depth && *depth > 0 && sent > 0);
    return {};
}

}  // namespace lianxin
