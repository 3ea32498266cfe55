// Printing take-home cards without holding up the screen: the card is drawn and handed to lp on
// a worker thread; the screen shows the state and the result. Created only when kiosk.toml
// configures a printer.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/cards/card_printer.h"
#include "core/cards/card_renderer.h"
#include "core/content/content_model.h"
#include "core/i18n/string_table.h"

namespace lianxin::kiosk {

class CardPrintService {
public:
    enum class State { idle, printing, printed, failed };
    // The string key that tells the visitor about `s`, or nullptr for idle.
    static const char* message_key(State s);

    // `spool_dir` keeps the card images lp reads; `wake` redraws the screen when a job ends.
    CardPrintService(PrinterConfig printer, std::filesystem::path spool_dir, std::function<void()> wake);
    ~CardPrintService();

    // Prints a card for `key` (the passport or certificate it prints), unless that one is already
    // printing. While an earlier visitor's job is still with the printer, it waits its turn.
    void start(const std::string& key, CardContent card, std::string title);
    State state(const std::string& key) const;  // idle for other keys
    std::string last_error() const;
    // The visit is over: its outcome is forgotten and a card it asked for that has not gone to
    // the printer yet is not printed (it would come out for the next visitor to pick up). A job
    // already with lp cannot be called back; its outcome is shown to nobody.
    void reset();

private:
    struct Job {
        std::string key, title;
        CardContent card;
    };
    std::string run(const Job& job);  // on the worker; the error, or empty

    PrinterConfig printer_;
    std::filesystem::path spool_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::string key_, error_;  // the job the screen shows
    State state_ = State::idle;
    bool busy_ = false;            // the worker is running a job
    std::optional<Job> waiting_;   // asked for while busy
    std::thread worker_;
};

// A card with the heading `heading_key` in both languages and the hall's name.
CardContent bilingual_card(const StringTable& strings, CardContent::Kind kind, const char* heading_key, const Hall& hall);

}  // namespace lianxin::kiosk
