// HandwritingRecognizer over zinnia: checks the model file, maps pad coordinates onto a fixed
// square grid, and hands zinnia only the stroke vertices its feature extractor looks at.
#include "core/input/handwriting_recognizer.h"

#include <zinnia.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace lianxin {

namespace {

// Pad coordinates are mapped onto this square grid before zinnia sees them (zinnia takes
// integers and divides by the size it is given), so small pads lose no precision and the same
// drawing on any pad size gives the same features.
constexpr int kGrid = 1000;

// What zinnia 0.06's feature extractor (feature.cpp) does with a stroke: split it recursively at
// the point farthest from the chord while that point's squared distance (in pad-normalised
// units) exceeds kSplitError, numbering the pieces as a binary heap (piece i splits into 2i+1
// and 2i+2), and turn only pieces 0..kMaxPiece into features. Its recursion has no depth limit
// and sizes a vector by the piece number, so a long wiggly stroke can need 2^depth entries; we
// therefore pass it just the split points of pieces it would use, which yields the same features
// with at most kMaxPiece / 2 + 2 points per stroke.
constexpr float kSplitError = 0.001f;
constexpr int kMaxPiece = 50;

struct Node {
    float x, y;
};

// zinnia's minimum_distance(), the same float arithmetic so the same point wins.
float farthest_from_chord(const Node* first, const Node* last, const Node** best) {
    if (first == last) return 0.0f;
    const float a = last->x - first->x;
    const float b = last->y - first->y;
    const float c = last->y * first->x - last->x * first->y;
    float max = -1.0f;
    for (const Node* n = first; n != last; ++n) {
        const float dist = std::fabs((a * n->y) - (b * n->x) + c);
        if (dist > max) {
            max = dist;
            *best = n;
        }
    }
    return max * max / (a * a + b * b);  // NaN when first and last coincide: no split, as zinnia
}

void mark_vertices(const Node* first, const Node* last, int piece, const Node* base,
                   std::vector<char>& keep) {
    if (2 * piece + 1 > kMaxPiece) return;  // its sub-pieces would not become features
    const Node* best = nullptr;
    const float dist = farthest_from_chord(first, last, &best);
    if (!(dist > kSplitError) || best == nullptr) return;
    keep[static_cast<std::size_t>(best - base)] = 1;
    mark_vertices(first, best, 2 * piece + 1, base, keep);
    mark_vertices(best, last, 2 * piece + 2, base, keep);
}

struct GridPoint {
    int x, y;
};

// Finite points of one stroke on the grid, clamped to the pad.
std::vector<GridPoint> to_grid(const HandwritingRecognizer::Drawing::Stroke& stroke, float width,
                               float height) {
    const float side = std::max(width, height);
    const double scale = kGrid / static_cast<double>(side);
    const double off_x = (side - width) / 2.0, off_y = (side - height) / 2.0;
    std::vector<GridPoint> out;
    out.reserve(stroke.size());
    for (const auto& p : stroke) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        const double x =
            (std::clamp(static_cast<double>(p.x), 0.0, static_cast<double>(width)) + off_x) * scale;
        const double y =
            (std::clamp(static_cast<double>(p.y), 0.0, static_cast<double>(height)) + off_y) *
            scale;
        out.push_back({std::clamp(static_cast<int>(std::lround(x)), 0, kGrid),
                       std::clamp(static_cast<int>(std::lround(y)), 0, kGrid)});
    }
    return out;
}

// The points of `stroke` that zinnia's features depend on, in order.
std::vector<GridPoint> vertices(const std::vector<GridPoint>& stroke) {
    if (stroke.size() <= 2) return stroke;
    std::vector<Node> nodes(stroke.size());
    for (std::size_t i = 0; i < stroke.size(); ++i)
        nodes[i] = {static_cast<float>(1.0 * stroke[i].x / kGrid),
                    static_cast<float>(1.0 * stroke[i].y / kGrid)};
    std::vector<char> keep(stroke.size(), 0);
    keep.front() = keep.back() = 1;
    mark_vertices(&nodes.front(), &nodes.back(), 0, nodes.data(), keep);
    std::vector<GridPoint> out;
    for (std::size_t i = 0; i < stroke.size(); ++i)
        if (keep[i]) out.push_back(stroke[i]);
    return out;
}

// magic, version and character count, 4 bytes each (recognizer.cpp).
constexpr std::uintmax_t kModelHeaderBytes = 12;

std::string install_hint() {
    return std::string("install the Debian package ") + kHandwritingModelPackage;
}

}  // namespace

bool HandwritingRecognizer::Drawing::empty() const {
    return std::all_of(strokes.begin(), strokes.end(), [](const Stroke& s) { return s.empty(); });
}

struct HandwritingRecognizer::Impl {
    std::string path;
    std::unique_ptr<zinnia::Recognizer> recognizer;
    mutable std::mutex mutex;  // serialises classify(): zinnia documents no thread safety
};

HandwritingRecognizer::HandwritingRecognizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HandwritingRecognizer::~HandwritingRecognizer() = default;

Result<std::unique_ptr<HandwritingRecognizer>> HandwritingRecognizer::open(
    const std::string& model_path) {
    namespace fs = std::filesystem;
    const std::string what = "handwriting model " + model_path;
    std::error_code ec;
    const auto status = fs::status(model_path, ec);
    if (ec || !fs::exists(status))
        return Error{ErrorCode::io, what + " not found; " + install_hint()};
    if (!fs::is_regular_file(status))
        return Error{ErrorCode::io, what + " is not a regular file; " + install_hint()};
    if (std::FILE* f = std::fopen(model_path.c_str(), "rb")) {
        std::fclose(f);
    } else {
        return Error{ErrorCode::io,
                     what + " cannot be read (" + std::strerror(errno) + "); " + install_hint()};
    }
    // zinnia reads a 12-byte header before checking the size, and reports an empty file as
    // missing; say what it is instead.
    if (fs::file_size(model_path, ec) < kModelHeaderBytes || ec)
        return Error{ErrorCode::corrupt,
                     what + " is empty or truncated; reinstall the Debian package " +
                         kHandwritingModelPackage};

    auto impl = std::make_unique<Impl>();
    impl->path = model_path;
    impl->recognizer.reset(zinnia::Recognizer::create());
    if (!impl->recognizer->open(model_path.c_str()) || impl->recognizer->size() == 0)
        return Error{ErrorCode::corrupt,
                     what + " is not a usable zinnia model (" + impl->recognizer->what() +
                         "); reinstall the Debian package " + kHandwritingModelPackage};
    return std::unique_ptr<HandwritingRecognizer>(new HandwritingRecognizer(std::move(impl)));
}

const std::string& HandwritingRecognizer::model_path() const {
    return impl_->path;
}

std::size_t HandwritingRecognizer::model_size() const {
    return impl_->recognizer->size();
}

std::vector<HandwritingRecognizer::Candidate> HandwritingRecognizer::classify(
    const Drawing& drawing, int n) const {
    std::vector<Candidate> out;
    if (n <= 0) return out;
    if (!std::isfinite(drawing.width) || !std::isfinite(drawing.height) || drawing.width <= 0 ||
        drawing.height <= 0)
        return out;

    std::unique_ptr<zinnia::Character> character(zinnia::Character::create());
    character->set_width(kGrid);
    character->set_height(kGrid);
    // zinnia numbers strokes densely (add(id) resizes to id + 1, and an empty stroke makes the
    // whole character unreadable), so strokes with no usable point are skipped, not numbered.
    std::size_t id = 0;
    for (const auto& stroke : drawing.strokes) {
        if (id == static_cast<std::size_t>(kMaxStrokes)) break;
        const auto points = vertices(to_grid(stroke, drawing.width, drawing.height));
        if (points.empty()) continue;
        for (const auto& p : points) character->add(id, p.x, p.y);
        ++id;
    }
    if (id == 0) return out;

    std::unique_ptr<zinnia::Result> result;
    {
        std::lock_guard lock(impl_->mutex);
        result.reset(impl_->recognizer->classify(*character, static_cast<std::size_t>(n)));
    }
    if (!result) return out;
    out.reserve(result->size());
    for (std::size_t i = 0; i < result->size(); ++i) {
        const char* value = result->value(i);
        if (value == nullptr) continue;
        // The model stores each character in a 16-byte field; never read past it.
        std::string text(value, strnlen(value, 16));
        if (!text.empty()) out.push_back({std::move(text), result->score(i)});
    }
    return out;
}

}  // namespace lianxin
