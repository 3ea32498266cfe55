// Handwriting input for the on-screen handwriting pad: strokes drawn on the pad in, ranked
// GB2312 characters out, through zinnia and the tegaki Simplified Chinese model.
//
// Sections: Drawing (what the pad records) · Candidate (what the pad shows) ·
// HandwritingRecognizer (one per process; open once, classify after every stroke).
//
// Threading: classify() may be called from any thread; calls on one recognizer are serialised
// by an internal mutex (zinnia promises nothing about concurrent use). A classification takes a
// few milliseconds, so the kiosk runs it off the UI thread or only when a stroke ends.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// Where Debian's tegaki-zinnia-simplified-chinese package puts its model (27 MB, mmapped).
inline constexpr const char* kHandwritingModelPath =
    "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";
// The Debian package that provides that model; named in every error about a missing model.
inline constexpr const char* kHandwritingModelPackage = "tegaki-zinnia-simplified-chinese";

class HandwritingRecognizer {
public:
    // What the pad records. Strokes in the order drawn, points in the order the finger moved,
    // coordinates in pad units (x right, y down, origin top-left), with the pad's size in the
    // same units. Any values are accepted: see classify() for how odd ones are treated.
    struct Drawing {
        struct Point {
            float x = 0, y = 0;
        };
        using Stroke = std::vector<Point>;

        float width = 300, height = 300;
        std::vector<Stroke> strokes;

        // True when there is no point at all (strokes may exist but all be empty).
        bool empty() const;
    };

    struct Candidate {
        std::string text;  // one character, UTF-8
        float score = 0;   // zinnia's margin: higher is surer; only the order within one call means
                           // anything, and a low first score means "unsure: show several"
    };

    // Opens (mmaps and indexes) the zinnia model: ≈ 3 ms with the file in the page cache,
    // ≈ 30 ms cold; the whole 27 MB becomes resident (file-backed, shared between processes).
    // A missing, non-regular or unreadable file gives ErrorCode::io, and an empty, truncated or
    // foreign file ErrorCode::corrupt; both details name the file and the Debian package.
    static Result<std::unique_ptr<HandwritingRecognizer>> open(
        const std::string& model_path = kHandwritingModelPath);
    ~HandwritingRecognizer();
    HandwritingRecognizer(const HandwritingRecognizer&) = delete;
    HandwritingRecognizer& operator=(const HandwritingRecognizer&) = delete;

    // Up to `n` candidates, best first, in ≈ 3 ms whatever n and the number of points. Empty when
    // the drawing has no usable point, its pad size is not positive and finite, or n <= 0.
    // Recognition depends on stroke order and on position and size within the pad (the model
    // expects a character drawn across most of the pad, not in a corner).
    // Odd input is made safe rather than refused: non-finite points are dropped, points outside
    // the pad are clamped to its edge, a one-point stroke counts as a dot, strokes after the
    // kMaxStrokes-th are ignored, and each stroke is reduced to the few vertices zinnia's
    // features use (so thousands of points cost no more than a handful). A non-square pad is
    // centred in the square around it, so characters keep their shape.
    std::vector<Candidate> classify(const Drawing& drawing, int n = 8) const;

    // More strokes than any GB2312 character has; zinnia's feature numbering allows ~100.
    static constexpr int kMaxStrokes = 64;

    // The model's file, as given to open().
    const std::string& model_path() const;
    // How many characters the model knows (6,763 for the tegaki zh_CN model).
    std::size_t model_size() const;

private:
    struct Impl;
    explicit HandwritingRecognizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lianxin
