// The visitors view (see visitors_view.h).
#include "admin-tool/gui/visitors_view.h"

#include <cstdio>

#include "core/base/calendar.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin::admin {

namespace {

constexpr MeetingStatus kStatuses[] = {MeetingStatus::received, MeetingStatus::arranged, MeetingStatus::referred,
                                       MeetingStatus::closed};

std::string status_label(const AdminText& t, MeetingStatus s) {
    return t(std::string("meeting_status.") + meeting_status_code(s));
}

// A received request waits for staff (red); any answer is done (green).
std::pair<ImU32, ImU32> meeting_colours(MeetingStatus s) {
    if (s == MeetingStatus::received) return {IM_COL32(250, 226, 222, 255), IM_COL32(150, 30, 24, 255)};
    return {IM_COL32(222, 242, 226, 255), IM_COL32(22, 100, 44, 255)};
}

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                   ImGuiTableFlags_SizingStretchProp;

}  // namespace

void VisitorsView::refresh(AdminSession& s) {
    guestbook_.load(s, [](const HubConnection& hub) { return fetch_guestbook(hub, {}); });
    counts_.load(s, fetch_guestbook_counts);
    meetings_.load(s, [](const HubConnection& hub) { return fetch_meetings(hub, {}); },
                   [this](std::vector<AdminMeeting>& list) {
                       // The same request stays selected across a refresh; a new list starts at none.
                       std::string id = selected_ >= 0 && selected_ < static_cast<int>(meetings_.value().size())
                                            ? meetings_.value()[static_cast<std::size_t>(selected_)].request.id
                                            : std::string();
                       selected_ = -1;
                       for (std::size_t i = 0; i < list.size(); ++i)
                           if (list[i].request.id == id) selected_ = static_cast<int>(i);
                   });
}

std::string VisitorsView::shown_text() const {
    std::string all = reply_;
    for (auto& g : guestbook_.value()) all += g.entry.organisation + g.entry.origin + g.entry.message + g.entry.kiosk;
    for (auto& m : meetings_.value()) all += m.request.topic + m.request.reply + m.request.name + m.request.kiosk;
    return all;
}

void VisitorsView::draw(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (!guestbook_.asked()) refresh(s);
    if (guestbook_.header(f, t("gui.visitors.title"))) refresh(s);
    if (!meetings_.error().empty()) f.paragraph(meetings_.error(), FontRole::body, kAccent);
    const GuestbookCounts& c = counts_.value();
    f.paragraph(t("gui.visitors.received", {std::to_string(c.entries), std::to_string(c.people)}));
    if (ImGui::BeginTabBar("visitors")) {
        if (ImGui::BeginTabItem(t("gui.visitors.meetings").c_str())) {
            draw_meetings(f, s);
            ImGui::EndTabItem();
        }
        f.target(t("gui.visitors.meetings"));
        if (ImGui::BeginTabItem(t("gui.visitors.guestbook").c_str())) {
            draw_guestbook(s);
            ImGui::EndTabItem();
        }
        f.target(t("gui.visitors.guestbook"));
        ImGui::EndTabBar();
    }
}

void VisitorsView::draw_guestbook(AdminSession& s) {
    const auto& t = s.t();
    if (guestbook_.value().empty()) {
        ImGui::TextDisabled("%s", (guestbook_.loading() ? t("gui.loading") : t("gui.visitors.guestbook_empty")).c_str());
        return;
    }
    if (!ImGui::BeginTable("guestbook", 6, kTable)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const std::pair<const char*, float> columns[] = {{"created", 1.1f}, {"kiosk", 0.9f}, {"organisation", 1.6f},
                                                     {"origin", 1.1f},  {"people", 0.5f}, {"message", 2.6f}};
    for (auto [k, weight] : columns) ImGui::TableSetupColumn(t(std::string("guestbook.column.") + k).c_str(), 0, weight);
    ImGui::TableHeadersRow();
    for (auto& a : guestbook_.value()) {
        const GuestbookEntry& g = a.entry;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(local_time_text(g.created_at_ms).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.kiosk.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", g.organisation.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", g.origin.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", g.people);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", g.message.c_str());
    }
    ImGui::EndTable();
}

void VisitorsView::draw_meetings(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    const auto& list = meetings_.value();
    if (list.empty()) {
        ImGui::TextDisabled("%s", (meetings_.loading() ? t("gui.loading") : t("gui.visitors.meetings_empty")).c_str());
        return;
    }
    const float answer_h = f.px(230);
    ImGui::BeginChild("meeting-list", ImVec2(0, std::max(f.px(120), ImGui::GetContentRegionAvail().y - answer_h)));
    if (ImGui::BeginTable("meetings", 5, kTable)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        const std::pair<const char*, float> columns[] = {
            {"created", 1.1f}, {"deputy", 0.9f}, {"topic", 2.8f}, {"contact", 1.2f}, {"status", 1.0f}};
        for (auto [k, weight] : columns) ImGui::TableSetupColumn(t(std::string("gui.visitors.column_") + k).c_str(), 0, weight);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const MeetingRequest& m = list[i].request;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string when = local_time_text(m.created_at_ms) + "##m" + std::to_string(i);
            if (ImGui::Selectable(when.c_str(), selected_ == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns))
                select(static_cast<int>(i));
            f.target(m.id);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.deputy.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", m.topic.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((m.name + " " + m.phone).c_str());
            ImGui::TableNextColumn();
            auto [fill, ink] = meeting_colours(m.status);
            f.chip(status_label(t, m.status), fill, ink);
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::Separator();
    draw_answer(f, s);
}

void VisitorsView::select(int row) {
    selected_ = row;
    const MeetingRequest& m = meetings_.value()[static_cast<std::size_t>(row)].request;
    choice_ = m.status == MeetingStatus::received ? MeetingStatus::arranged : m.status;
    std::snprintf(reply_, sizeof reply_, "%s", m.reply.c_str());
}

void VisitorsView::draw_answer(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (selected_ < 0 || selected_ >= static_cast<int>(meetings_.value().size())) {
        ImGui::TextDisabled("%s", t("gui.visitors.pick").c_str());
        return;
    }
    const MeetingRequest& m = meetings_.value()[static_cast<std::size_t>(selected_)].request;
    f.paragraph(m.topic, FontRole::body);
    ImGui::TextUnformatted(t("gui.visitors.answer").c_str());
    for (std::size_t i = 0; i < std::size(kStatuses); ++i) {
        if (i) ImGui::SameLine();
        if (f.button(status_label(t, kStatuses[i]), choice_ == kStatuses[i] ? ButtonStyle::selected : ButtonStyle::normal))
            choice_ = kStatuses[i];
    }
    ImGui::TextUnformatted(t("gui.visitors.reply").c_str());
    ImGui::InputTextMultiline("##meeting-reply", reply_, sizeof reply_, ImVec2(-1, f.px(70)));
    f.target(t("gui.visitors.reply"));
    ImGui::BeginDisabled(saving_);
    if (f.button(t("gui.visitors.save"), ButtonStyle::primary)) answer(s);
    ImGui::EndDisabled();
}

void VisitorsView::answer(AdminSession& s) {
    if (saving_ || !s.hub() || selected_ < 0 || selected_ >= static_cast<int>(meetings_.value().size())) return;
    const MeetingRequest& m = meetings_.value()[static_cast<std::size_t>(selected_)].request;
    MeetingAnswer a{choice_, reply_};
    // Judged here by the rule every kiosk's reader applies, so the operator hears before a call.
    if (auto why = reply_problem(a.reply)) {
        s.notify(s.t()("gui.failed", {*why}), true);
        return;
    }
    saving_ = true;
    auto hub = *s.hub();
    std::string id = m.id;
    s.jobs().run<Result<AdminMeeting>>(
        s.t()("gui.visitors.save"), [hub, id, a] { return answer_meeting(hub, id, a); },
        [this, &s](Result<AdminMeeting>& r) {
            saving_ = false;
            if (!r) {
                s.notify(s.t()("gui.hub_error", {r.error().detail}), true);
                return;
            }
            s.notify(s.t()("gui.visitors.saved", {status_label(s.t(), r->request.status)}));
            refresh(s);
        });
}

}  // namespace lianxin::admin
