// Printing take-home cards without holding up the screen: the card is drawn and handed to lp on
// a worker thread; the screen shows the state and the result. Created only when kiosk.toml
// configures a printer.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/cards/card_printer.h"
#include "core/cards/card_renderer.h"
#include "core/content/content_model.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

class CardPrintService {
public:
    enum class State { idle, printing, printed, failed };
    // The string key that tells the visitor about `s`, or nullptr for idle.
    static const char* message_key(State s);

    // `spool_dir` keeps the card images lp reads; `wake` redraws the screen when a job ends.
    CardPrintService(PrinterConfig printer, std::filesystem::path spool_dir, std::function<void()> wake);
    ~CardPrintService();

    // Starts a job for `key` (the passport or certificate it prints) unless one is running.
    void start(const std::string& key, CardContent card, std::string title);
    State state(const std::string& key) const;  // idle for other keys
    std::string last_error() const;
    // Forget the outcome (a new visit starts clean).
    void reset();

private:
    PrinterConfig printer_;
    std::filesystem::path spool_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::string key_, error_;
    State state_ = State::idle;
    std::thread worker_;
};

// A card with the heading `heading_key` in both languages and the hall's name.
CardContent bilingual_card(const Ui& ui, CardContent::Kind kind, const char* heading_key, const Hall& hall);

}  // namespace lianxin::kiosk
