// application/x-www-form-urlencoded bodies for the tests that post the phone forms, as a
// browser sends them (every byte but the unreserved ones percent-escaped), and the form's cookie
// and token as a browser takes them from the page that shows it.
#pragma once

#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "core/net/http_client.h"

namespace lianxin::test {

inline std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (auto& [k, v] : fields) {
        if (!out.empty()) out += '&';
        out += k + '=';
        for (unsigned char c : v) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    return out;
}

// The form's CSRF cookie ("lx_form=…", ready for a Cookie header) and its hidden token, from the
// answer to a GET of a page with a form.
struct FormSession {
    std::string cookie, token;
};

inline FormSession form_session(const HttpResponse& page) {
    REQUIRE(page.status == 200);
    std::string set_cookie = header_value(page, "Set-Cookie");
    REQUIRE(set_cookie.rfind("lx_form=", 0) == 0);
    const std::string marker = "name=\"form_token\" value=\"";
    auto at = page.body.find(marker);
    REQUIRE(at != std::string::npos);
    at += marker.size();
    return {set_cookie.substr(0, set_cookie.find(';')), page.body.substr(at, page.body.find('"', at) - at)};
}

}  // namespace lianxin::test
