// application/x-www-form-urlencoded bodies for the tests that post the phone form, as a
// browser sends them (every byte but the unreserved ones percent-escaped).
#pragma once

#include <cctype>
#include <string>
#include <utility>
#include <vector>

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

}  // namespace lianxin::test
