// Opinion and input budgets (bench/README.md) measured in-process on real files and engines: an
// opinion committed durably (OpinionOutbox::submit on a WAL, synchronous=FULL kiosk.db: p99 ≤ 15 ms),
// and a keypress reaching its pinyin candidates (librime) and a stroke its handwriting candidates
// (zinnia). Usage: lianxin-bench-input RIME_USER_DIR [N]. Prints p50/p99/max per measurement.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/input/handwriting_recognizer.h"
#include "core/input/pinyin_engine.h"
#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"

using namespace lianxin;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
    std::vector<double> ms;
    void add(Clock::duration d) { ms.push_back(std::chrono::duration<double, std::milli>(d).count()); }
    void print(const char* what) {
        std::sort(ms.begin(), ms.end());
        auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * (ms.size() - 1) + 0.5))]; };
        std::printf("%-44s n=%-5zu p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", what, ms.size(), at(0.5), at(0.99), ms.back());
    }
};

Consultation open_consultation() {
    Consultation c;
    c.id = "bench";
    c.stage_id = kCollectingStage;
    c.stages = default_consultation_stages();
    c.deadline = LocalDate{2999, 12, 31};
    Article a;
    a.number = 1;
    c.articles.push_back(a);
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s RIME_USER_DIR [N]\n", argv[0]);
        return 2;
    }
    int n = argc > 2 ? std::atoi(argv[2]) : 1000;

    // 1. Durable commit: the time the visitor waits between "submit" and the thank-you.
    auto dir = std::filesystem::temp_directory_path() / ("lianxin-bench-" + std::to_string(::getpid()));
    auto db = KioskDb::open(dir);
    if (!db) { std::fprintf(stderr, "kiosk.db: %s\n", db.error().detail.c_str()); return 1; }
    OpinionOutbox outbox(**db, "bench");
    auto c = open_consultation();
    OpinionDraft d;
    d.article = 1;
    d.stance = Stance::suggest;
    d.text = "建议物业公开收支，每季度在小区公告栏张贴一次账目，方便业主监督。";
    Stats commit;
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        auto r = outbox.submit(d, c, Moment::now());
        commit.add(Clock::now() - t0);
        if (!r) { std::fprintf(stderr, "submit failed\n"); return 1; }
    }
    commit.print("opinion committed durably (submit)");
    std::filesystem::remove_all(dir);

    // 2. Pinyin: one keypress → the candidates the keyboard shows.
    PinyinEngine::Options o;
    o.user_data_dir = argv[1];
    auto engine = PinyinEngine::open(o);
    if (!engine) { std::fprintf(stderr, "pinyin: %s\n", engine.error().detail.c_str()); return 1; }
    Stats key;
    const std::string words[] = {"lifa", "zhengqiuyijian", "wuyeguanli", "renmin", "shequ"};
    for (int i = 0; i < n / 5; ++i) {
        for (auto& w : words) {
            for (char ch : w) {
                auto t0 = Clock::now();
                (*engine)->type(ch);
                volatile std::size_t shown = (*engine)->state().candidates.size();
                (void)shown;
                key.add(Clock::now() - t0);
            }
            (*engine)->clear();
        }
    }
    key.print("pinyin keypress -> candidates (librime)");

    // 3. Handwriting: the end of a stroke → candidates (十, two strokes).
    auto hw = HandwritingRecognizer::open();
    if (!hw) { std::fprintf(stderr, "handwriting: %s\n", hw.error().detail.c_str()); return 1; }
    HandwritingRecognizer::Drawing drawing;
    drawing.strokes = {{{45, 150}, {150, 148}, {255, 146}}, {{150, 36}, {151, 150}, {152, 264}}};
    Stats stroke;
    for (int i = 0; i < n / 5; ++i) {
        auto t0 = Clock::now();
        auto cands = (*hw)->classify(drawing, 8);
        stroke.add(Clock::now() - t0);
        if (cands.empty()) return 1;
    }
    stroke.print("handwriting stroke -> candidates (zinnia)");
    return 0;
}
