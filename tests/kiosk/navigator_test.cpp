// The screen stack applies changes after the frame: back, home and reset behave as a visitor
// expects, and nothing is destroyed while it draws.
#include <catch2/catch.hpp>

#include "kiosk/screens/screen.h"

using namespace lianxin::kiosk;

namespace {
struct Named : Screen {
    explicit Named(const char* n) : n_(n) {}
    const char* name() const override { return n_; }
    std::string title(const Ui&) const override { return n_; }
    void draw(Ui&, ImRect) override {}
    const char* n_;
};
}  // namespace

TEST_CASE("navigation changes take effect when applied", "[kiosk][navigation]") {
    Navigator nav;
    nav.reset_to(std::make_unique<Named>("home"));
    CHECK(nav.current() == nullptr);
    CHECK(nav.apply());
    CHECK(std::string(nav.current()->name()) == "home");
    nav.push(std::make_unique<Named>("section"));
    nav.push(std::make_unique<Named>("exhibit"));
    nav.apply();
    CHECK(nav.depth() == 3);
    nav.back();
    nav.apply();
    CHECK(std::string(nav.current()->name()) == "section");
    nav.home();
    nav.apply();
    CHECK(std::string(nav.current()->name()) == "home");
    nav.back();  // nothing below home
    CHECK_FALSE(nav.apply());
    CHECK(nav.depth() == 1);
}
