// CardPrintService: render → PNG in the spool folder → lp, on one worker at a time.
#include "kiosk/services/card_print_service.h"

#include <spdlog/spdlog.h>

#include <system_error>

namespace lianxin::kiosk {

const char* CardPrintService::message_key(State s) {
    switch (s) {
        case State::printing: return "passport.printing";
        case State::printed: return "passport.printed";
        case State::failed: return "passport.print_failed";
        case State::idle: return nullptr;
    }
    return nullptr;
}

CardContent bilingual_card(const StringTable& strings, CardContent::Kind kind, const char* heading_key, const Hall& hall) {
    CardContent card;
    card.kind = kind;
    card.heading_zh = strings.get(Lang::zh, heading_key);
    card.heading_en = strings.get(Lang::en, heading_key);
    card.hall_zh = hall.name.zh;
    card.hall_en = hall.name.en;
    return card;
}

CardPrintService::CardPrintService(PrinterConfig printer, std::filesystem::path spool_dir, std::function<void()> wake)
    : printer_(std::move(printer)), spool_(std::move(spool_dir)), wake_(std::move(wake)) {}

CardPrintService::~CardPrintService() {
    if (worker_.joinable()) worker_.join();
}

void CardPrintService::start(const std::string& key, CardContent card, std::string title) {
    Job job{key, std::move(title), std::move(card)};
    {
        std::lock_guard lock(mutex_);
        if (state_ == State::printing && key_ == key) return;
        state_ = State::printing;
        key_ = key;
        error_.clear();
        if (busy_) {
            waiting_ = std::move(job);  // the worker takes it when its job ends
            return;
        }
        busy_ = true;
    }
    if (worker_.joinable()) worker_.join();
    worker_ = std::thread([this, job = std::move(job)]() mutable {
        for (;;) {
            std::string error = run(job);
            std::lock_guard lock(mutex_);
            // Only the job the screen is showing reports; one from an ended visit reports nowhere.
            if (job.key == key_ && state_ == State::printing && !waiting_) {
                state_ = error.empty() ? State::printed : State::failed;
                error_ = error;
            }
            if (!waiting_) {
                busy_ = false;
                break;
            }
            job = std::move(*waiting_);
            waiting_.reset();
        }
        wake_();
    });
}

std::string CardPrintService::run(const Job& job) {
    std::string error;
    try {
        auto image = render_card(job.card, printer_.format);
        if (!image) {
            error = image.error().detail;
        } else {
            // The card's QR code opens the passport: the file is private while lp reads it,
            // and gone once lp has copied it into the CUPS spool.
            std::error_code ec;
            std::filesystem::create_directories(spool_, ec);
            std::filesystem::permissions(spool_, std::filesystem::perms::owner_all, ec);
            auto path = spool_ / (job.key + "-" + card_format_name(printer_.format) + ".png");
            if (auto st = write_card_png(path, *image); !st) error = st.error().detail;
            else if (auto done = print_card_file(printer_, path, job.title); !done) error = done.error().detail;
            else spdlog::info("card {} sent to printer {}: {}", job.key, printer_.printer, *done);
            std::filesystem::remove(path, ec);
        }
    } catch (const std::exception& e) {
        error = std::string("printing stopped: ") + e.what();
    }
    if (!error.empty()) spdlog::error("printing card {} failed: {}", job.key, error);
    return error;
}

CardPrintService::State CardPrintService::state(const std::string& key) const {
    std::lock_guard lock(mutex_);
    return key == key_ ? state_ : State::idle;
}

std::string CardPrintService::last_error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void CardPrintService::reset() {
    std::lock_guard lock(mutex_);
    state_ = State::idle;
    key_.clear();
    error_.clear();
    waiting_.reset();
}

}  // namespace lianxin::kiosk
