// Handwriting recognition with the real zinnia model: every recorded stroke set comes back in the
// top 3; stroke order and pad scale act as documented; odd input is safe; a missing model is named.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/input/handwriting_recognizer.h"
#include "core/text/gb2312.h"
#include "core/text/utf8.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using Drawing = HandwritingRecognizer::Drawing;

namespace {

namespace fs = std::filesystem;

const fs::path kStrokesDir = fs::path(LIANXIN_FIXTURES_DIR) / "strokes";

struct StrokeSet {
    fs::path file;
    std::string expected;
    Drawing drawing;
};

// Reads the format documented in tests/fixtures/strokes/README.md; a malformed file fails the test.
StrokeSet read_stroke_set(const fs::path& file) {
    INFO(file.string());
    std::ifstream in(file);
    REQUIRE(in.good());
    StrokeSet set{file, {}, {}};
    REQUIRE(std::getline(in, set.expected));
    REQUIRE(utf8::count_code_points(set.expected) == 1);
    std::string line;
    REQUIRE(std::getline(in, line));
    char x = 0;
    std::istringstream size(line);
    REQUIRE((size >> set.drawing.width >> x >> set.drawing.height));
    REQUIRE(x == 'x');
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::istringstream points(line);
        Drawing::Stroke stroke;
        std::string token;
        while (points >> token) {
            Drawing::Point p;
            char comma = 0;
            std::istringstream pair(token);
            INFO(token);
            REQUIRE((pair >> p.x >> comma >> p.y));
            REQUIRE(comma == ',');
            stroke.push_back(p);
        }
        set.drawing.strokes.push_back(std::move(stroke));
    }
    REQUIRE(!set.drawing.strokes.empty());
    return set;
}

// Every *.txt directly in `dir`, sorted by name.
std::vector<StrokeSet> stroke_sets(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".txt")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<StrokeSet> sets;
    for (const auto& f : files) sets.push_back(read_stroke_set(f));
    return sets;
}

const HandwritingRecognizer& recognizer() {
    static const std::unique_ptr<HandwritingRecognizer> r = [] {
        auto opened = HandwritingRecognizer::open();
        INFO((opened ? std::string() : opened.error().detail));
        REQUIRE(opened.ok());
        return std::move(*opened);
    }();
    return *r;
}

std::string describe(const std::vector<HandwritingRecognizer::Candidate>& candidates) {
    std::string out;
    for (const auto& c : candidates) out += c.text + "(" + std::to_string(c.score) + ") ";
    return out;
}

int rank_of(const std::vector<HandwritingRecognizer::Candidate>& candidates,
            const std::string& text) {
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].text == text) return static_cast<int>(i);
    return -1;
}

Drawing scaled(const Drawing& d, float factor) {
    Drawing out{d.width * factor, d.height * factor, {}};
    for (const auto& stroke : d.strokes) {
        out.strokes.emplace_back();
        for (const auto& p : stroke) out.strokes.back().push_back({p.x * factor, p.y * factor});
    }
    return out;
}

// The same strokes with `per_segment` points linearly interpolated between each recorded pair.
Drawing densified(const Drawing& d, int per_segment) {
    Drawing out{d.width, d.height, {}};
    for (const auto& stroke : d.strokes) {
        out.strokes.emplace_back();
        for (std::size_t i = 0; i + 1 < stroke.size(); ++i)
            for (int k = 0; k < per_segment; ++k) {
                const float t = static_cast<float>(k) / static_cast<float>(per_segment);
                out.strokes.back().push_back({stroke[i].x + t * (stroke[i + 1].x - stroke[i].x),
                                              stroke[i].y + t * (stroke[i + 1].y - stroke[i].y)});
            }
        out.strokes.back().push_back(stroke.back());
    }
    return out;
}

}  // namespace

TEST_CASE("every recorded stroke set is recognised in the top 3", "[core][handwriting]") {
    const auto sets = stroke_sets(kStrokesDir);
    REQUIRE(sets.size() >= 8);
    for (const auto& set : sets) {
        const auto candidates = recognizer().classify(set.drawing);
        INFO(set.file.filename().string()
             << " expects " << set.expected << ", got " << describe(candidates));
        REQUIRE(candidates.size() == 8);
        const int rank = rank_of(candidates, set.expected);
        CHECK(rank >= 0);
        CHECK(rank < 3);
        for (std::size_t i = 1; i < candidates.size(); ++i)
            CHECK(candidates[i - 1].score >= candidates[i].score);
    }
}

TEST_CASE("candidates are single GB2312 characters in UTF-8", "[core][handwriting]") {
    std::unordered_set<char32_t> gb2312;
    const std::string& all = gb2312_characters();
    for (std::size_t i = 0; i < all.size();) gb2312.insert(utf8::next(all, i));
    REQUIRE(gb2312.size() > 7000);

    for (const auto& set : stroke_sets(kStrokesDir)) {
        for (const auto& c : recognizer().classify(set.drawing, 50)) {
            INFO(set.file.filename().string() << ": " << c.text);
            REQUIRE(utf8::is_valid(c.text));
            REQUIRE(utf8::count_code_points(c.text) == 1);
            std::size_t i = 0;
            CHECK(gb2312.count(utf8::next(c.text, i)) == 1);
        }
    }
}

TEST_CASE("recognition depends on stroke order", "[core][handwriting]") {
    // 十 with its vertical stroke first: the model answers 卜 (the points themselves are fine).
    const auto right = recognizer().classify(read_stroke_set(kStrokesDir / "shi.txt").drawing);
    const auto wrong_set = read_stroke_set(kStrokesDir / "wrong_order" / "shi.txt");
    const auto wrong = recognizer().classify(wrong_set.drawing);
    INFO("right order: " << describe(right) << "\nwrong order: " << describe(wrong));
    REQUIRE(!right.empty());
    REQUIRE(!wrong.empty());
    CHECK(right.front().text == "十");
    CHECK(wrong.front().text != "十");
    CHECK(wrong.front().text != right.front().text);
}

TEST_CASE("the pad's scale does not change the answer", "[core][handwriting]") {
    for (const auto& set : stroke_sets(kStrokesDir)) {
        const auto small = recognizer().classify(set.drawing);
        const auto large = recognizer().classify(scaled(set.drawing, 2.0f));  // a 600x600 pad
        INFO(set.file.filename().string()
             << ": 300x300 " << describe(small) << "\n600x600 " << describe(large));
        REQUIRE(!small.empty());
        REQUIRE(!large.empty());
        CHECK(large.front().text == small.front().text);
    }
}

TEST_CASE("nothing drawn gives no candidates", "[core][handwriting]") {
    Drawing empty;
    CHECK(empty.empty());
    CHECK(recognizer().classify(empty).empty());

    Drawing empty_strokes;
    empty_strokes.strokes.resize(3);
    CHECK(empty_strokes.empty());
    CHECK(recognizer().classify(empty_strokes).empty());

    const auto shi = read_stroke_set(kStrokesDir / "shi.txt").drawing;
    CHECK(recognizer().classify(shi, 0).empty());
    CHECK(recognizer().classify(shi, -3).empty());
    CHECK(recognizer().classify(shi, 3).size() == 3);
}

TEST_CASE("degenerate input is safe", "[core][handwriting]") {
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    constexpr float inf = std::numeric_limits<float>::infinity();
    const auto shi = read_stroke_set(kStrokesDir / "shi.txt").drawing;

    SECTION("a stroke of one point is a dot") {
        Drawing dot{300, 300, {{{150, 150}}}};
        CHECK(!recognizer().classify(dot).empty());
        Drawing dot_twice{300, 300, {{{150, 150}, {150, 150}}}};
        CHECK(!recognizer().classify(dot_twice).empty());
    }

    SECTION("thousands of points on a stroke change nothing") {
        const auto dense = densified(shi, 400);  // about 8,000 points a stroke
        REQUIRE(dense.strokes[0].size() > 4000);
        const auto a = recognizer().classify(shi);
        const auto b = recognizer().classify(dense);
        INFO(describe(a) << "\n" << describe(b));
        REQUIRE(!b.empty());
        CHECK(b.front().text == a.front().text);
    }

    SECTION("a long scribble (a 20,000-point spiral) is bounded") {
        Drawing spiral{300, 300, {{}}};
        for (int i = 0; i < 20000; ++i) {
            const double t = i * 0.01;
            const double r = 140.0 * i / 20000.0;
            spiral.strokes[0].push_back({static_cast<float>(150 + r * std::cos(t)),
                                         static_cast<float>(150 + r * std::sin(t))});
        }
        CHECK(!recognizer().classify(spiral).empty());
    }

    SECTION("points outside the pad are clamped to its edge") {
        Drawing inside = shi, outside = shi;
        inside.strokes[0] = {{0, 150}, {300, 147}};
        outside.strokes[0] = {{-500, 150}, {900, 147}};
        const auto a = recognizer().classify(inside);
        const auto b = recognizer().classify(outside);
        REQUIRE(!a.empty());
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].text == b[i].text);
            CHECK(a[i].score == Approx(b[i].score));
        }
        Drawing far{300, 300, {{{-inf, 1e30f}, {1e30f, -1e30f}}, {{-1e9f, -1e9f}}}};
        CHECK(!recognizer().classify(far).empty());  // infinities dropped, the rest clamped
    }

    SECTION("NaN points are ignored, and a stroke left empty is skipped") {
        Drawing noisy = shi;
        for (auto& stroke : noisy.strokes) {
            stroke.insert(stroke.begin() + 2, {nan, 100});
            stroke.push_back({120, nan});
        }
        noisy.strokes.insert(noisy.strokes.begin() + 1, {{nan, nan}, {nan, 5}});
        const auto a = recognizer().classify(shi);
        const auto b = recognizer().classify(noisy);
        REQUIRE(!b.empty());
        CHECK(b.front().text == a.front().text);
        CHECK(b.front().score == Approx(a.front().score));

        Drawing only_nan{300, 300, {{{nan, nan}}, {{nan, 1}, {2, nan}}}};
        CHECK(recognizer().classify(only_nan).empty());
    }

    SECTION("a pad without a usable size gives no candidates") {
        const std::initializer_list<std::pair<float, float>> sizes = {
            {0.0f, 300.0f}, {300.0f, -1.0f}, {nan, 300.0f}, {300.0f, inf}};
        for (auto [w, h] : sizes) {
            Drawing d = shi;
            d.width = w;
            d.height = h;
            CHECK(recognizer().classify(d).empty());
        }
    }

    SECTION("hundreds of strokes are cut off, not passed on") {
        Drawing many{300, 300, {}};
        for (int i = 0; i < 500; ++i)
            many.strokes.push_back(
                {{static_cast<float>(i % 300), 20.0f}, {static_cast<float>(i % 300), 280.0f}});
        CHECK(!recognizer().classify(many).empty());
    }

    SECTION("a huge n returns at most the model's size") {
        const auto all = recognizer().classify(shi, std::numeric_limits<int>::max());
        CHECK(all.size() == recognizer().model_size());
    }
}

TEST_CASE("one recognizer can be shared between threads", "[core][handwriting]") {
    const auto sets = stroke_sets(kStrokesDir);
    std::vector<std::string> expected;
    for (const auto& set : sets)
        expected.push_back(recognizer().classify(set.drawing).front().text);

    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 3; ++round)
                for (const auto& set : sets)
                    got[t].push_back(recognizer().classify(set.drawing).front().text);
        });
    for (auto& th : threads) th.join();
    for (const auto& g : got) {
        REQUIRE(g.size() == sets.size() * 3);
        for (std::size_t i = 0; i < g.size(); ++i) CHECK(g[i] == expected[i % sets.size()]);
    }
}

TEST_CASE("a missing or broken model is a typed error naming the file and package",
          "[core][handwriting]") {
    test::TempDir dir;

    SECTION("missing") {
        const std::string path = (dir / "handwriting-zh_CN.model").string();
        auto r = HandwritingRecognizer::open(path);
        REQUIRE(!r.ok());
        CHECK(r.error().code == ErrorCode::io);
        CHECK_THAT(r.error().detail, Catch::Contains(path));
        CHECK_THAT(r.error().detail, Catch::Contains("tegaki-zinnia-simplified-chinese"));
    }

    SECTION("a folder") {
        auto r = HandwritingRecognizer::open(dir.path().string());
        REQUIRE(!r.ok());
        CHECK(r.error().code == ErrorCode::io);
        CHECK_THAT(r.error().detail, Catch::Contains(dir.path().string()));
        CHECK_THAT(r.error().detail, Catch::Contains("tegaki-zinnia-simplified-chinese"));
    }

    SECTION("not a model") {
        for (const std::string& bytes :
             {std::string(), std::string("not a zinnia model\n"), std::string(4096, '\x7f')}) {
            const auto path = dir / "broken.model";
            test::write_text(path, bytes);
            auto r = HandwritingRecognizer::open(path.string());
            INFO(bytes.size() << " bytes");
            REQUIRE(!r.ok());
            CHECK(r.error().code == ErrorCode::corrupt);
            CHECK_THAT(r.error().detail, Catch::Contains(path.string()));
            CHECK_THAT(r.error().detail, Catch::Contains("tegaki-zinnia-simplified-chinese"));
        }
    }

    SECTION("the installed model opens") {
        auto r = HandwritingRecognizer::open();
        REQUIRE(r.ok());
        CHECK((*r)->model_path() == kHandwritingModelPath);
        CHECK((*r)->model_size() == 6763);
    }
}
