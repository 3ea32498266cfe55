// GB2312 via iconv: every valid two-byte EUC-CN code (rows 0xA1–0xF7, cells 0xA1–0xFE).
#include "core/text/gb2312.h"

#include <iconv.h>

namespace lianxin {

const std::string& gb2312_characters() {
    static const std::string all = [] {
        std::string out;
        iconv_t cd = iconv_open("UTF-8", "GB2312");
        if (cd == reinterpret_cast<iconv_t>(-1)) return out;
        for (int row = 0xA1; row <= 0xF7; ++row) {
            for (int cell = 0xA1; cell <= 0xFE; ++cell) {
                char in[2] = {static_cast<char>(row), static_cast<char>(cell)};
                char buf[8];
                char* ip = in;
                char* op = buf;
                std::size_t il = 2, ol = sizeof buf;
                iconv(cd, nullptr, nullptr, nullptr, nullptr);
                if (iconv(cd, &ip, &il, &op, &ol) != static_cast<std::size_t>(-1) && il == 0)
                    out.append(buf, static_cast<std::size_t>(op - buf));
            }
        }
        iconv_close(cd);
        return out;
    }();
    return all;
}

}  // namespace lianxin
