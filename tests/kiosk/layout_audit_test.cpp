// The layout check's rules on their own (kiosk/widgets/layout_audit.h): each kind of fault is
// found where it is and not where it is not, and contrast is measured against the pixels given.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "kiosk/widgets/layout_audit.h"

using namespace lianxin::kiosk;

namespace {

const LayoutAudit::Clip kScreen{ImRect(0, 0, 1920, 1080), Overflow::none};
constexpr ImU32 kInk = IM_COL32(0x2A, 0x25, 0x22, 255);

int count(const std::vector<LayoutFault>& faults, const std::string& kind) {
    return static_cast<int>(std::count_if(faults.begin(), faults.end(), [&](auto& f) { return f.kind == kind; }));
}

std::vector<LayoutFault> only(const std::vector<LayoutFault>& faults, const std::string& kind) {
    std::vector<LayoutFault> out;
    std::copy_if(faults.begin(), faults.end(), std::back_inserter(out), [&](auto& f) { return f.kind == kind; });
    return out;
}

FramePixels solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    FramePixels f{w, h, {}};
    for (int i = 0; i < w * h; ++i) f.rgba.insert(f.rgba.end(), {r, g, b, 255});
    return f;
}

}  // namespace

TEST_CASE("contrast follows WCAG's formula", "[kiosk][layout]") {
    double white = LayoutAudit::luminance(255, 255, 255), black = LayoutAudit::luminance(0, 0, 0);
    CHECK(LayoutAudit::contrast(white, black) == Approx(21.0));
    CHECK(LayoutAudit::contrast(white, white) == Approx(1.0));
    // The kiosk's primary red on white, as designers' tools give it.
    CHECK(LayoutAudit::contrast(LayoutAudit::luminance(0xB8, 0x32, 0x2A), white) == Approx(5.95).margin(0.01));
}

TEST_CASE("text clipped by a fixed box is a fault, by a scrolling view only across its axis", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    LayoutAudit::Clip box{ImRect(100, 100, 500, 300), Overflow::none};
    LayoutAudit::Clip scroll{ImRect(100, 100, 500, 300), Overflow::vertical};
    a.text("cut at the bottom of a box", ImRect(120, 250, 400, 350), box, false, kInk, 36, false, false);
    a.text("below the fold of a scrolling list", ImRect(120, 250, 400, 350), scroll, false, kInk, 36, false, false);
    a.text("too wide for the scrolling list", ImRect(120, 120, 640, 160), scroll, false, kInk, 36, false, false);
    a.text("scrolled away entirely", ImRect(120, 400, 400, 450), scroll, false, kInk, 36, false, false);
    auto f = only(a.geometry_faults(), "clipped");
    REQUIRE(f.size() == 2);
    CHECK(f[0].element == "cut at the bottom of a box");
    CHECK(f[1].element == "too wide for the scrolling list");
}

TEST_CASE("an ellipsis is a fault unless the design chose it", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    a.text("cut by accident", ImRect(0, 0, 300, 40), kScreen, false, kInk, 36, true, false);
    a.text("a chosen preview", ImRect(0, 100, 300, 140), kScreen, false, kInk, 36, true, true);
    auto f = a.geometry_faults();
    REQUIRE(count(f, "truncated") == 1);
    CHECK(f[0].element == "cut by accident");
}

TEST_CASE("text out of its card, text over text, and small text are faults", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    a.box("", ImRect(100, 100, 400, 200), kScreen, false);
    a.text("runs past the card's right edge", ImRect(120, 120, 460, 160), kScreen, false, kInk, 36, false, false);
    a.text("sits inside", ImRect(120, 165, 300, 195), kScreen, false, kInk, 24, false, false);
    a.text("small print", ImRect(600, 600, 700, 620), kScreen, false, kInk, 18, false, false);
    a.text("drawn over the small print", ImRect(650, 605, 800, 640), kScreen, false, kInk, 30, false, false);
    auto f = a.geometry_faults();
    CHECK(count(f, "out-of-box") == 1);
    CHECK(count(f, "overlap") == 1);
    CHECK(count(f, "small-text") == 1);
    CHECK(count(f, "clipped") == 0);
}

TEST_CASE("targets under a finger's size or on top of each other are faults; sizes scale", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    a.target("big enough", ImRect(0, 0, 100, 80), kScreen, false);
    a.target("too short", ImRect(200, 0, 400, 60), kScreen, false);
    a.target("on top of big enough", ImRect(50, 10, 150, 90), kScreen, false);
    auto f = a.geometry_faults();
    CHECK(count(f, "small-target") == 1);
    CHECK(count(f, "targets-overlap") == 1);

    // On a 4K screen (scale 2) 100 px is under the 144 px a finger needs there.
    a.begin_frame(2.0f, ImVec2(3840, 2160));
    a.target("fine at 1080p only", ImRect(0, 0, 100, 100), LayoutAudit::Clip{ImRect(0, 0, 3840, 2160)}, false);
    CHECK(count(a.geometry_faults(), "small-target") == 1);
}

TEST_CASE("a target past the screen's edge is a fault unless a scrolling view holds it", "[kiosk][layout]") {
    // The exit question's buttons once fell below a portrait screen that does not scroll.
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1080, 1920));
    const LayoutAudit::Clip portrait{ImRect(0, 0, 1080, 1920), Overflow::none};
    a.target("Cancel", ImRect(560, 1880, 1040, 1970), portrait, false);
    a.target("Exit", ImRect(40, 1930, 520, 2020), portrait, false);
    a.target("Back", ImRect(40, 10, 240, 100), portrait, false);
    a.target("a card further down a list", ImRect(40, 2400, 1040, 2600), LayoutAudit::Clip{ImRect(0, 100, 1080, 1920), Overflow::vertical},
             false);
    auto off = only(a.geometry_faults(), "off-screen");
    REQUIRE(off.size() == 2);
    CHECK(off[0].element == "Cancel");
    CHECK(off[1].element == "Exit");
}

TEST_CASE("with a modal up only the overlay is judged", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    a.target("tiny, under the dialog", ImRect(0, 0, 20, 20), kScreen, false);
    a.target("the dialog's button", ImRect(800, 500, 1100, 590), kScreen, true);
    CHECK(a.geometry_faults().empty());
}

TEST_CASE("contrast is measured against the pixels behind the text", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(200, 100));
    LayoutAudit::Clip screen{ImRect(0, 0, 200, 100)};
    a.text("white on light paper", ImRect(10, 10, 190, 40), screen, false, IM_COL32(255, 255, 255, 255), 30, false, false);
    a.text("ink on light paper", ImRect(10, 50, 190, 80), screen, false, kInk, 30, false, false);
    auto f = a.contrast_faults(solid(200, 100, 0xF7, 0xF1, 0xE6));
    REQUIRE(count(f, "contrast") == 1);
    CHECK(f[0].element == "white on light paper");
    // The same white text over a dark picture reads.
    CHECK(a.contrast_faults(solid(200, 100, 0x1A, 0x15, 0x12)).size() == 1);  // now the ink is the one that fails
    CHECK(a.contrast_faults(solid(200, 100, 0x1A, 0x15, 0x12))[0].element == "ink on light paper");
}

TEST_CASE("the texts a frame shows are those a visitor can see, only the dialog's with one up", "[kiosk][layout]") {
    LayoutAudit a;
    a.begin_frame(1.0f, ImVec2(1920, 1080));
    a.text("a title", ImRect(100, 100, 400, 140), kScreen, false, kInk, 36, false, false);
    a.text("scrolled away", ImRect(100, 1200, 400, 1240), LayoutAudit::Clip{ImRect(0, 0, 1920, 1080), Overflow::vertical},
           false, kInk, 36, false, false);
    CHECK(a.shown_texts() == std::vector<std::string>{"a title"});
    a.text("Discard the opinion?", ImRect(700, 400, 1200, 450), kScreen, true, kInk, 36, false, false);
    CHECK(a.shown_texts() == std::vector<std::string>{"Discard the opinion?"});
}
