// The kiosk's services (see kiosk_services.h): opened in the order a visitor's records need them,
// input methods on first use, storage news logged once.
#include "kiosk/services/kiosk_services.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "core/input/handwriting_recognizer.h"
#include "core/input/pinyin_engine.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "kiosk/services/card_print_service.h"

namespace lianxin::kiosk {

KioskServices::KioskServices(const KioskConfig& config, const LoadedBundle& bundle, const StringTable& strings,
                             EventLog& log, std::function<void()> wake, std::function<Millis()> clock)
    : config_(config), bundle_(bundle), strings_(strings), log_(log), wake_(std::move(wake)), clock_(std::move(clock)) {
    started_at_ = clock_();
}

KioskServices::~KioskServices() {
    words_stop_ = true;  // the reader then stops within a line, not at the end of the file
    if (words_reader_.joinable()) words_reader_.join();
}

bool KioskServices::open(std::string& error) {
    // Visitors' records first: a kiosk that cannot keep opinions must not invite them. A damaged
    // file is set aside and replaced (KioskDb); the full check of the file runs in the background
    // so launch does not wait for a read of every page.
    auto db = KioskDb::open(config_.data_dir, KioskDb::Check::in_background);
    if (!db) {
        error = "cannot open the kiosk's records in " + config_.data_dir.string() + ": " + db.error().detail;
        return false;
    }
    db_ = std::move(*db);  // what open() found is logged by the first watch_storage()
    outbox_ = std::make_unique<OpinionOutbox>(*db_, config_.name);
    station_records_ = std::make_unique<StationRecords>(*db_, config_.name);
    passports_ = std::make_unique<PassportBook>(
        *db_, PassportSettings{config_.name, config_.kiosk_code, config_.kiosk_key, config_.passport_keys,
                               config_.certificate_keys, config_.public_url});
    if (!passports_->can_issue())
        spdlog::warn("passports are not issued here: kiosk.toml has no [kiosk] code and key (kiosk register makes them)");
    if (config_.printer.configured())
        printing_ = std::make_unique<CardPrintService>(config_.printer, config_.data_dir / "print", wake_);
    // The sync agent works in the background; the kiosk behaves the same with the hub down.
    SyncAgentConfig sync_cfg;
    sync_cfg.hub_url = config_.hub_url;
    sync_cfg.kiosk_id = config_.kiosk_id;
    sync_cfg.kiosk_key = config_.kiosk_key;
    sync_cfg.app_version = LIANXIN_VERSION;
    sync_cfg.content_version = bundle_.info.content_version;
    sync_cfg.bundle_dir = config_.data_dir / "bundles";
    sync_cfg.publisher_keys = config_.publisher_keys;
    // Its status changes redraw only the maintenance screen, the one that shows them: a static
    // exhibition screen stays at zero frames however often the kiosk syncs.
    sync_ = std::make_unique<SyncAgent>(*db_, *outbox_, *passports_, *station_records_, sync_cfg, [this] {
        if (sync_watched_.load()) wake_();
    });
    if (sync_->configured()) sync_->start();
    else if (!config_.hub_url.empty())
        spdlog::warn("hub_url is set but kiosk.toml has no [kiosk] id and key: not syncing (register the kiosk)");
    return true;
}

SyncStatus KioskServices::sync_status() const { return sync_ ? sync_->status() : SyncStatus{}; }

StorageHealth KioskServices::storage_health() const { return db_ ? db_->health() : StorageHealth{}; }

// Passports issued here carry kiosk.toml's name, as the passport book writes it.
Result<LiveFigures> KioskServices::live_figures() {
    if (!db_) return Error{ErrorCode::database, "kiosk.db is not open"};
    return load_live_figures(*db_, config_.name);
}

// librime opens on first use (≈ tens of ms, from data deployed ahead of time); a failure is
// logged once and the keyboard offers the other input methods.
PinyinEngine* KioskServices::pinyin() {
    if (pinyin_ || pinyin_failed_) return pinyin_.get();
    PinyinEngine::Options o;
    o.user_data_dir = config_.rime_dir.empty() ? config_.data_dir / "rime" : config_.rime_dir;
    auto e = PinyinEngine::open(o);
    if (!e) {
        spdlog::error("pinyin input unavailable: {}", e.error().detail);
        log_.write(now(), "error", {{"detail", "pinyin: " + e.error().detail}});
        pinyin_failed_ = true;
        return nullptr;
    }
    pinyin_ = std::move(*e);
    return pinyin_.get();
}

std::vector<std::string> KioskServices::recognise(const std::vector<std::vector<ImVec2>>& strokes, float size) {
    if (!handwriting_ && !handwriting_failed_) {
        auto r = HandwritingRecognizer::open();
        if (!r) {
            spdlog::error("handwriting input unavailable: {}", r.error().detail);
            handwriting_failed_ = true;
        } else {
            handwriting_ = std::move(*r);
        }
    }
    // The word list is half a second of reading on a quiet machine, and only a writer needs it:
    // started by the first stroke, on a thread, so the pad never waits for it.
    // The result is handed over before the wake, so the frame the wake draws finds it.
    if (!words_ && !words_failed_ && !words_loading_.valid()) {
        std::promise<Result<WordSuggestions>> promise;
        words_loading_ = promise.get_future();
        words_reader_ = std::thread([this, promise = std::move(promise)]() mutable {
            promise.set_value(WordSuggestions::load(kRimeEssayPath, 8, &words_stop_));
            if (!words_stop_) wake_();
        });
    }
    std::vector<std::string> out;
    if (!handwriting_) return out;
    HandwritingRecognizer::Drawing d;
    d.width = d.height = size;
    for (auto& s : strokes) {
        HandwritingRecognizer::Drawing::Stroke st;
        for (auto& p : s) st.push_back({p.x, p.y});
        d.strokes.push_back(std::move(st));
    }
    for (auto& c : handwriting_->classify(d, 8)) out.push_back(c.text);
    return out;
}

const std::vector<std::string>& KioskServices::words_after(const std::string& character) {
    static const std::vector<std::string> none;
    if (!words_ && words_loading_.valid() &&
        words_loading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        auto loaded = words_loading_.get();
        if (loaded) {
            words_ = std::move(*loaded);
        } else {
            words_failed_ = true;
            spdlog::error("word suggestions unavailable: {}", loaded.error().detail);
            log_.write(now(), "error", {{"detail", "word suggestions: " + loaded.error().detail}});
        }
    }
    return words_ ? words_->after(character) : none;
}

bool KioskServices::words_loading() const {
    return words_loading_.valid() && words_loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

// Tests set LIANXIN_TODAY=YYYY-MM-DD[THH:MM] to start the local calendar there; it then runs with
// the app's clock (the virtual one in scripts), so a script can cross midnight, e.g. past a
// deadline while a visitor writes.
Moment KioskServices::moment() const {
    Moment m = Moment::now();
    const char* start = std::getenv("LIANXIN_TODAY");
    if (!start) return m;
    std::string s(start);
    LocalDate d;
    if (!parse_local_date(s.substr(0, 10), d)) return m;
    long minutes = 0;
    if (s.size() >= 16 && s[10] == 'T') minutes = std::stol(s.substr(11, 2)) * 60 + std::stol(s.substr(14, 2));
    long elapsed_min = static_cast<long>((now() - started_at_) / 60000);
    m.local_date = add_days(d, (minutes + elapsed_min) / (24 * 60));
    return m;
}

void KioskServices::log(const std::string& type, const std::string& detail) {
    log_.write(now(), type, {{"detail", detail}});
}

void KioskServices::log_event(const std::string& type, nlohmann::json fields) { log_.write(now(), type, std::move(fields)); }

void KioskServices::record_committed(const std::string& id) {
    ++records_committed_;
    log("record", id);
    if (sync_) sync_->nudge();  // send it soon
}

// Storage faults happen on whichever thread touched kiosk.db; they are logged here, once each,
// with SQLite's own message.
bool KioskServices::watch_storage() {
    if (!db_) return false;
    bool news = false;
    auto h = db_->health();
    if (h.fault_at_ms != storage_seen_fault_at_ && h.fault != StorageFault::none) {
        storage_seen_fault_at_ = h.fault_at_ms;
        spdlog::error("kiosk.db {}: {}", storage_fault_name(h.fault), h.fault_detail);
        log_.write(now(), "storage", {{"event", storage_fault_name(h.fault)}, {"detail", h.fault_detail}});
        news = true;
    }
    if (h.damaged_at_ms != storage_seen_damage_at_) {
        storage_seen_damage_at_ = h.damaged_at_ms;
        spdlog::error("kiosk.db was damaged ({}); moved aside to {}; {} records salvaged, {} left out{}", h.damage_detail,
                      h.moved_to.string(), h.salvaged_records, h.salvage_left_out,
                      h.unavailable.empty() ? "" : "; " + h.unavailable);
        log_.write(now(), "storage",
                   {{"event", "damaged"}, {"detail", h.damage_detail}, {"moved_to", h.moved_to.string()},
                    {"salvaged", h.salvaged_records}, {"left_out", h.salvage_left_out}, {"unavailable", h.unavailable}});
        news = true;
    }
    if (!h.earlier_salvage.empty() && !storage_seen_earlier_) {
        storage_seen_earlier_ = true;
        spdlog::warn("kiosk.db was missing; the file set aside before it: {}", h.earlier_salvage);
        log_.write(now(), "storage", {{"event", "earlier_salvage"}, {"detail", h.earlier_salvage}});
        news = true;
    }
    if (h.recovered_at_ms != storage_seen_recovered_at_) {
        storage_seen_recovered_at_ = h.recovered_at_ms;
        spdlog::warn("kiosk.db made afresh after the damage; {} records salvaged, {} left out", h.salvaged_records,
                     h.salvage_left_out);
        log_.write(now(), "storage",
                   {{"event", "recovered"}, {"salvaged", h.salvaged_records}, {"left_out", h.salvage_left_out}});
        news = true;
    }
    return news;
}

void KioskServices::forget_visitor() {
    if (pinyin_) pinyin_->clear();
    if (printing_) printing_->reset();
    handwriting_.reset();
}

void KioskServices::content_swapped(const std::string& version) {
    if (sync_) sync_->set_bundle_swapped(version);
}

}  // namespace lianxin::kiosk
