// ScanCapture: hold, then decide scan or typing (see scan_capture.h).
#include "kiosk/input/scan_capture.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/tokens/token.h"

namespace lianxin::kiosk {

namespace {

constexpr std::size_t kMaxScan = kScannedTextMaxBytes;  // longer than any code we issue

}  // namespace

bool ScanCapture::could_become_code() const {
    if (held_.size() > kMaxScan) return false;
    // Our QR codes hold either a token or a URL around one.
    for (std::string_view start : {std::string_view("HTTP"), kPassportPrefix, kCertificatePrefix}) {
        // Either what is held is the start of one of these, or one of these starts what is held.
        std::size_t n = std::min(held_.size(), start.size());
        if (starts_with_nocase(std::string_view(held_).substr(0, n), start.substr(0, n)))
            return true;
    }
    return false;
}

Millis ScanCapture::gap() const {
    for (std::string_view start : {std::string_view("HTTP"), kPassportPrefix, kCertificatePrefix})
        if (starts_with_nocase(held_, start)) return kCommittedGapMs;
    return kBurstGapMs;
}

ScanCapture::Output ScanCapture::flush() {
    Output out;
    out.typed = std::move(pieces_);
    pieces_.clear();
    held_.clear();
    return out;
}

ScanCapture::Output ScanCapture::on_text(const std::string& text, Millis now) {
    Output out;
    if (!held_.empty() && now - last_ > gap()) out = flush();  // a pause: that was a person
    held_ += text;
    pieces_.push_back(text);
    last_ = now;
    if (!could_become_code()) {
        auto more = flush();
        out.typed.insert(out.typed.end(), more.typed.begin(), more.typed.end());
    }
    return out;
}

ScanCapture::Output ScanCapture::on_return(Millis now) {
    if (!held_.empty() && now - last_ <= gap() && looks_like_token(held_)) {
        Output out;
        out.scanned = held_;
        out.swallow_return = true;
        held_.clear();
        pieces_.clear();
        return out;
    }
    return flush();
}

ScanCapture::Output ScanCapture::on_tick(Millis now) {
    if (held_.empty() || now - last_ <= gap()) return {};
    // Some scanners are set to send no Return: a whole code followed by a pause is a scan too.
    if (looks_like_token(held_) && held_.size() >= 20) {
        Output out;
        out.scanned = held_;
        held_.clear();
        pieces_.clear();
        return out;
    }
    return flush();
}

}  // namespace lianxin::kiosk
