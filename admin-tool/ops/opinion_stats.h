// Figures staff report from the opinions they fetched: how many by consultation, article, stance,
// channel and day, and how many of those decided were adopted; and the participants with
// passports the hub counts. The CLI's `stats` prints them and the GUI's charts draw them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "core/base/result.h"
#include "core/sync/admin_opinions.h"

namespace lianxin::admin {

struct OpinionStats {
    std::size_t total = 0;
    std::map<std::string, std::size_t> by_consultation;
    std::map<std::pair<std::string, int>, std::size_t> by_article;  // (consultation, article; 0 = whole draft)
    std::map<Stance, std::size_t> by_stance;
    std::map<OpinionChannel, std::size_t> by_channel;
    std::map<std::string, std::size_t> by_day;  // "2027-01-05", the operator's local day
    std::size_t decided = 0;  // adopted, partly adopted or not adopted
    std::size_t adopted = 0;  // adopted or partly adopted
    // Adopted among the decided, 0 to 1; 0 when none is decided yet.
    double adoption_rate() const { return decided ? static_cast<double>(adopted) / static_cast<double>(decided) : 0.0; }
};

OpinionStats opinion_stats(const std::vector<AdminOpinion>& opinions);

// Participants with passports, as the hub counts them (GET /api/v1/admin/passports/count).
struct PassportTotals {
    std::int64_t passports = 0, with_opinion = 0;
};
Result<PassportTotals> fetch_passport_totals(const HubConnection& hub);

}  // namespace lianxin::admin
