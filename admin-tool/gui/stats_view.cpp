// The statistics view (see stats_view.h).
#include "admin-tool/gui/stats_view.h"

#include <cstdio>

#include "admin-tool/ops/opinion_ops.h"
#include "core/base/calendar.h"

namespace lianxin::admin {

void StatsView::refresh(AdminSession& s) {
    stats_.load(
        s,
        [](const HubConnection& hub) -> Result<Figures> {
            auto all = fetch_opinions(hub, {});
            if (!all) return all.error();
            auto passports = fetch_passport_totals(hub);
            if (!passports) return passports.error();
            return Figures{opinion_stats(*all), *passports};
        },
        [this](Figures& fetched) {
            OpinionStats& fresh = fetched.opinions;
            // Chart the articles of the draft with the most opinions until the operator picks one.
            std::size_t most = 0;
            if (article_draft_.empty() || !fresh.by_consultation.count(article_draft_))
                for (auto& [id, n] : fresh.by_consultation)
                    if (n > most) most = n, article_draft_ = id;
        });
}

void StatsView::number_card(const GuiFrame& f, const std::string& label, const std::string& value,
                            const std::string& detail, float width) {
    ImGui::BeginChild(label.c_str(), ImVec2(width, f.px(120)), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextDisabled("%s", label.c_str());
    ImGui::PushFont(f.shell.font(FontRole::title));
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopFont();
    if (!detail.empty()) ImGui::TextDisabled("%s", detail.c_str());
    ImGui::EndChild();
}

void StatsView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (!stats_.asked()) refresh(s);
    if (stats_.header(f, t("gui.stats.title"))) refresh(s);
    const OpinionStats& st = stats_.value().opinions;
    const PassportTotals& passports = stats_.value().passports;
    if (stats_.loading() && st.total == 0) {
        ImGui::TextDisabled("%s", t("gui.loading").c_str());
        return;
    }
    if (st.total == 0) {
        ImGui::TextDisabled("%s", t("gui.stats.no_data").c_str());
        return;
    }
    float w = ImGui::GetContentRegionAvail().x;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float card = (w - 2 * gap) / 3;
    number_card(f, t("gui.stats.total"), std::to_string(st.total), "", card);
    ImGui::SameLine();
    char rate[16];
    std::snprintf(rate, sizeof rate, "%.0f%%", st.adoption_rate() * 100);
    number_card(f, t("gui.stats.adoption"), rate,
                t("gui.stats.adoption_detail", {std::to_string(st.decided), std::to_string(st.adopted)}), card);
    ImGui::SameLine();
    number_card(f, t("gui.stats.passports"), std::to_string(passports.passports),
                t("gui.stats.passports_detail", {std::to_string(passports.with_opinion)}), card);

    ImGui::BeginChild("charts", ImVec2(0, 0), false);
    float col = (ImGui::GetContentRegionAvail().x - gap) / 2;
    float label_w = f.px(200);
    // Left: drafts and their articles; right: stance, channel, days.
    ImGui::BeginGroup();
    ImGui::BeginChild("left", ImVec2(col, 0), true);
    f.heading(t("gui.stats.by_consultation"));
    std::vector<std::pair<std::string, double>> rows;
    for (auto& [id, n] : st.by_consultation) rows.push_back({s.consultation_title(id), static_cast<double>(n)});
    bar_chart(f, rows, kAccent, label_w);
    ImGui::Spacing();
    f.heading(t("gui.stats.by_article", {s.consultation_title(article_draft_)}));
    for (auto& entry : st.by_consultation) {
        const std::string& id = entry.first;
        if (f.button(s.consultation_title(id) + "##pick-" + id,
                     id == article_draft_ ? ButtonStyle::selected : ButtonStyle::normal))
            article_draft_ = id;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    rows.clear();
    for (auto& [key, n] : st.by_article)
        if (key.first == article_draft_)
            rows.push_back({s.article_label(key.second), static_cast<double>(n)});
    bar_chart(f, rows, IM_COL32(196, 120, 60, 255), label_w);
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginChild("right", ImVec2(0, 0), true);
    f.heading(t("gui.stats.by_stance"));
    // One chart a stance, each in its chip's colour, so the three read apart at a glance.
    for (auto& [stance, n] : st.by_stance)
        bar_chart(f, {{t(std::string("stance.") + stance_code(stance)), static_cast<double>(n)}}, stance_colours(stance).second,
                  label_w, "", static_cast<double>(st.total));
    ImGui::Spacing();
    f.heading(t("gui.stats.by_channel"));
    rows.clear();
    for (auto& [ch, n] : st.by_channel) rows.push_back({t(std::string("channel.") + channel_code(ch)), static_cast<double>(n)});
    bar_chart(f, rows, IM_COL32(40, 96, 140, 255), label_w);
    ImGui::Spacing();
    f.heading(t("gui.stats.by_day"));
    // The last 30 local days, today last, empty days as gaps.
    std::vector<std::pair<std::string, double>> days;
    LocalDate today = Moment::now().local_date;
    for (long d = 29; d >= 0; --d) {
        std::string key = add_days(today, -d).to_string();
        auto it = st.by_day.find(key);
        days.push_back({key.substr(5), it == st.by_day.end() ? 0.0 : static_cast<double>(it->second)});
    }
    day_chart(f, days, f.px(160));
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace lianxin::admin
