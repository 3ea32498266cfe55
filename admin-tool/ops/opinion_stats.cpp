// Counting opinions for reports and charts (opinion_stats.h).
#include "admin-tool/ops/opinion_stats.h"

#include "core/base/calendar.h"

namespace lianxin::admin {

OpinionStats opinion_stats(const std::vector<AdminOpinion>& opinions) {
    OpinionStats s;
    for (auto& o : opinions) {
        ++s.total;
        ++s.by_consultation[o.consultation];
        ++s.by_article[{o.consultation, o.article.value_or(0)}];
        ++s.by_stance[o.stance];
        ++s.by_channel[o.channel];
        ++s.by_day[local_time_text(o.created_at_ms).substr(0, 10)];
        bool adopted = o.status == OpinionStatus::adopted || o.status == OpinionStatus::partly_adopted;
        if (adopted || o.status == OpinionStatus::not_adopted) ++s.decided;
        if (adopted) ++s.adopted;
    }
    return s;
}

Result<PassportTotals> fetch_passport_totals(const HubConnection& hub) {
    auto r = hub_call(hub, "GET", "/api/v1/admin/passports/count");
    if (!r) return r.error();
    if (!r->is_object() || !(*r)["passports"].is_number_integer() || !(*r)["with_opinion"].is_number_integer())
        return Error{ErrorCode::corrupt, "the hub's passport count is malformed"};
    return PassportTotals{(*r)["passports"].get<std::int64_t>(), (*r)["with_opinion"].get<std::int64_t>()};
}

}  // namespace lianxin::admin
