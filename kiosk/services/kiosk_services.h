// The kiosk's services, made once at start-up and shared by every screen: the content and
// configuration, the visitor records (kiosk.db, the opinion outbox, the passport book, the station's
// guestbook and meeting requests), the input
// methods (librime, zinnia, opened on first use), the card printer, the sync agent, the clock and
// the event log. Screens reach them through AppContext::services; none of them knows a screen.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "core/base/calendar.h"
#include "core/base/millis.h"
#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "core/input/word_suggestions.h"
#include "core/storage/kiosk_db.h"
#include "core/sync/live_figures.h"
#include "kiosk/services/event_log.h"
#include "kiosk/sync/sync_agent.h"

namespace lianxin {
class OpinionOutbox;
class PassportBook;
class StationRecords;
class PinyinEngine;
class HandwritingRecognizer;
}  // namespace lianxin

namespace lianxin::kiosk {

class CardPrintService;

class KioskServices {
public:
    // `wake` redraws the UI from a worker thread; `clock` is the app's (virtual in scripts).
    KioskServices(const KioskConfig& config, const LoadedBundle& bundle, const StringTable& strings, EventLog& log,
                  std::function<void()> wake, std::function<Millis()> clock);
    ~KioskServices();
    KioskServices(const KioskServices&) = delete;
    KioskServices& operator=(const KioskServices&) = delete;

    // Opens kiosk.db (checked in the background), the outbox, the passport book, the station's
    // records, the printer and
    // the sync agent. A kiosk that cannot keep opinions must not invite them: false with `error`.
    bool open(std::string& error);

    const KioskConfig& config() const { return config_; }
    const LoadedBundle& bundle() const { return bundle_; }
    const ContentSet& content() const { return bundle_.content; }
    const StringTable& strings() const { return strings_; }

    OpinionOutbox& outbox() { return *outbox_; }
    PassportBook& passports() { return *passports_; }
    // Guestbook entries and meeting requests (core/records/station_records.h).
    StationRecords& station_records() { return *station_records_; }
    CardPrintService* printing() { return printing_.get(); }  // nullptr: no printer configured
    SyncAgent* sync() { return sync_.get(); }
    SyncStatus sync_status() const;
    StorageHealth storage_health() const;
    // The hall's live figures (core/sync/live_figures.h): this kiosk's own counts, current without a
    // sync, and the district's as the hub's last good reply gave them, with when.
    Result<LiveFigures> live_figures();
    KioskDb& db() { return *db_; }

    // librime, opened on first use; nullptr while it is unavailable (logged once).
    PinyinEngine* pinyin();
    // Handwriting: strokes on a square pad of `size` → candidate characters, best first; empty
    // while zinnia is unavailable.
    std::vector<std::string> recognise(const std::vector<std::vector<ImVec2>>& strokes, float size);
    // The words that most often start with a handwritten character (rime-essay, read on a thread
    // of its own from the first stroke on, kept for the kiosk's life); empty until it is read, or
    // when it cannot be (logged once). The UI is woken when the reading ends.
    const std::vector<std::string>& words_after(const std::string& character);
    // The words are still being read: a screen waiting for them asks again after the wake.
    bool words_loading() const;

    Millis now() const { return clock_(); }
    // Now as records and deadlines see it: UTC and the local day (LIANXIN_TODAY in tests).
    Moment moment() const;
    void log(const std::string& type, const std::string& detail);
    // An event with fields of its own (a tour's stop and its index), for the log's readers.
    void log_event(const std::string& type, nlohmann::json fields);
    // A visitor record was committed to kiosk.db: logged, and the sync agent sends it soon.
    void record_committed(const std::string& id);
    // How many records this run committed: a screen showing records reads them again when it moves.
    std::uint64_t records_committed() const { return records_committed_; }

    // Logs kiosk.db's faults and damage as they happen, once each; true when there was news.
    bool watch_storage();
    // The visit is over: the pinyin composition, print jobs not yet sent and the handwriting
    // model (27 MB, opened again by the next writer) go with it.
    void forget_visitor();
    // New content replaced the bundle the services were made with (swapped in place by the app).
    void content_swapped(const std::string& version);
    // Its status changes redraw the UI only while this is on (the maintenance screen shows them).
    void set_sync_watched(bool on) { sync_watched_ = on; }

private:
    const KioskConfig& config_;
    const LoadedBundle& bundle_;
    const StringTable& strings_;
    EventLog& log_;
    std::function<void()> wake_;
    std::function<Millis()> clock_;
    Millis started_at_ = 0;

    std::unique_ptr<KioskDb> db_;
    std::unique_ptr<OpinionOutbox> outbox_;
    std::unique_ptr<PassportBook> passports_;
    std::unique_ptr<StationRecords> station_records_;
    std::uint64_t records_committed_ = 0;
    std::unique_ptr<CardPrintService> printing_;
    std::atomic<bool> sync_watched_{false};  // read by the sync agent's thread, so made before it
    std::unique_ptr<SyncAgent> sync_;
    std::unique_ptr<PinyinEngine> pinyin_;
    bool pinyin_failed_ = false;
    std::unique_ptr<HandwritingRecognizer> handwriting_;
    bool handwriting_failed_ = false;
    std::atomic<bool> words_stop_{false};  // set on the way out: exit does not wait for the reading
    std::future<Result<WordSuggestions>> words_loading_;
    std::thread words_reader_;  // joined by the destructor
    std::optional<WordSuggestions> words_;
    bool words_failed_ = false;
    std::int64_t storage_seen_fault_at_ = 0, storage_seen_damage_at_ = 0, storage_seen_recovered_at_ = 0;
    bool storage_seen_earlier_ = false;
};

}  // namespace lianxin::kiosk
