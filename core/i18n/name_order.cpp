// Collated name order (name_order.h).
#include "core/i18n/name_order.h"

#include <unicode/ucol.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace lianxin {

std::vector<std::size_t> name_order(const std::vector<std::string>& names, Lang lang) {
    std::vector<std::size_t> order(names.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCollator, void (*)(UCollator*)> coll(ucol_open(lang == Lang::zh ? "zh" : "", &status), ucol_close);
    if (U_FAILURE(status) || !coll) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
        return order;
    }
    // Letters first; case and accents only break ties, as an index does.
    ucol_setStrength(coll.get(), UCOL_SECONDARY);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        UErrorCode s = U_ZERO_ERROR;
        const auto& x = names[a];
        const auto& y = names[b];
        UCollationResult r = ucol_strcollUTF8(coll.get(), x.data(), static_cast<int32_t>(x.size()), y.data(),
                                              static_cast<int32_t>(y.size()), &s);
        return U_SUCCESS(s) ? r == UCOL_LESS : x < y;
    });
    return order;
}

}  // namespace lianxin
