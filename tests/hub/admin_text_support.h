// The admin tool's words in English, as the hub tests that export or read them compare them.
#pragma once

#include <catch2/catch.hpp>

#include "admin-tool/ops/admin_text.h"

namespace lianxin::test {

inline const admin::AdminText& english() {
    static admin::AdminText t = [] {
        auto r = admin::load_admin_text(Lang::en);
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    return t;
}

}  // namespace lianxin::test
