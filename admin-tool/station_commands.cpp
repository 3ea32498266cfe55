// `guestbook list|export|count` and `meetings list|answer`: the station's visitor records at the
// hub (admin-tool/ops/station_record_ops.h).
#include <map>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "admin-tool/ops/station_record_ops.h"
#include "admin-tool/ops/table_export.h"
#include "core/base/calendar.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin::admin {

namespace {

struct WindowFlags {
    std::string kiosk, since, until;
};

void add_window(CLI::App* cmd, WindowFlags& f) {
    auto& t = cli_text();
    cmd->add_option("--kiosk", f.kiosk, t("cli.filter.kiosk"));
    cmd->add_option("--since", f.since, t("cli.filter.since"));
    cmd->add_option("--until", f.until, t("cli.filter.until"));
}

// The shared parameters the flags ask for, as the API's query parameters.
Result<std::multimap<std::string, std::string>> window_params(const WindowFlags& f) {
    std::multimap<std::string, std::string> p;
    if (!f.kiosk.empty()) p.emplace("kiosk", f.kiosk);
    auto days = day_range(f.since, f.until);
    if (!days) return days.error();
    if (days->since_ms) p.emplace("since", std::to_string(*days->since_ms));
    if (days->until_ms) p.emplace("until", std::to_string(*days->until_ms));
    return p;
}

// The guestbook query the flags ask for, judged by the hub's own reader before any call.
Result<GuestbookQuery> guestbook_query_of(const WindowFlags& f) {
    auto p = window_params(f);
    if (!p) return p.error();
    return parse_guestbook_query(*p);
}

struct MeetingFlags {
    WindowFlags window;
    std::string status, deputy;
};

Result<MeetingQuery> meeting_query_of(const MeetingFlags& f) {
    auto p = window_params(f.window);
    if (!p) return p.error();
    if (!f.status.empty()) p->emplace("status", f.status);
    if (!f.deputy.empty()) p->emplace("deputy", f.deputy);
    return parse_meeting_query(*p);
}

// Runs `body` with the query, or says why the flags make none (exit code 2).
template <class Query, class Body>
void with_query(int& exit_code, const Result<Query>& q, Body&& body) {
    if (!q) {
        std::cerr << q.error().detail << "\n";
        exit_code = 2;
        return;
    }
    with_hub(exit_code, [&](const HubConnection& hub) { return body(hub, *q); });
}

}  // namespace

void add_station_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* guestbook = app.add_subcommand("guestbook", t("cli.guestbook.about"));
    guestbook->require_subcommand(1);

    static WindowFlags list_window;
    auto* list = guestbook->add_subcommand("list", t("cli.guestbook.list_about"));
    add_window(list, list_window);
    list->callback([&exit_code] {
        with_query(exit_code, guestbook_query_of(list_window), [](const HubConnection& hub, const GuestbookQuery& q) {
            auto& t = cli_text();
            auto all = fetch_guestbook(hub, q);
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            for (auto& a : *all) {
                const GuestbookEntry& g = a.entry;
                std::cout << local_time_text(g.created_at_ms) << "  " << g.kiosk << "  " << g.organisation << " ("
                          << g.origin << ")  " << t("cli.guestbook.people", {std::to_string(g.people)})
                          << (g.on_wall ? "  " + t("guestbook.on_wall") : "") << "\n";
                if (!g.message.empty()) std::cout << "    " << g.message << "\n";
            }
            std::cerr << t("cli.guestbook.count", {std::to_string(all->size())}) << "\n";
            return true;
        });
    });

    static WindowFlags export_window;
    static std::string export_file;
    static bool export_replace = false;
    auto* exp = guestbook->add_subcommand("export", t("cli.guestbook.export_about"));
    exp->add_option("FILE", export_file, t("cli.opinions.export_file"))->required();
    exp->add_flag("--replace", export_replace, t("cli.opinions.export_replace"));
    add_window(exp, export_window);
    exp->callback([&exit_code] {
        if (!export_format_of(export_file)) {
            std::cerr << cli_text()("cli.opinions.bad_format", {export_file}) << "\n";
            exit_code = 2;
            return;
        }
        with_query(exit_code, guestbook_query_of(export_window), [](const HubConnection& hub, const GuestbookQuery& q) {
            auto& t = cli_text();
            auto all = fetch_guestbook(hub, q);
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            if (auto st = export_guestbook(export_file, *all, t, export_replace); !st) {
                std::cerr << t("cli.opinions.export_failed", {st.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.guestbook.exported", {std::to_string(all->size()), export_file}) << "\n";
            return true;
        });
    });

    auto* count = guestbook->add_subcommand("count", t("cli.guestbook.count_about"));
    count->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            auto c = fetch_guestbook_counts(hub);
            if (!c) {
                std::cerr << c.error().detail << "\n";
                return false;
            }
            for (auto& k : c->kiosks)
                std::cout << "  " << pad_columns(k.kiosk, 30)
                          << t("cli.guestbook.delegations", {std::to_string(k.entries), std::to_string(k.people)}) << "\n";
            std::cout << t("cli.guestbook.total", {std::to_string(c->entries), std::to_string(c->people)}) << "\n";
            return true;
        });
    });

    auto* meetings = app.add_subcommand("meetings", t("cli.meetings.about"));
    meetings->require_subcommand(1);
    static MeetingFlags meeting_filters;
    auto* mlist = meetings->add_subcommand("list", t("cli.meetings.list_about"));
    add_window(mlist, meeting_filters.window);
    mlist->add_option("--status", meeting_filters.status, t("cli.meetings.filter_status"));
    mlist->add_option("--deputy", meeting_filters.deputy, t("cli.meetings.filter_deputy"));
    mlist->callback([&exit_code] {
        with_query(exit_code, meeting_query_of(meeting_filters), [](const HubConnection& hub, const MeetingQuery& q) {
            auto& t = cli_text();
            auto all = fetch_meetings(hub, q);
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            for (auto& a : *all) {
                const MeetingRequest& m = a.request;
                std::cout << m.id << "  " << local_time_text(m.created_at_ms) << "  " << m.kiosk << "  → " << m.deputy
                          << "  " << t(std::string("meeting_status.") + meeting_status_code(m.status)) << "\n    "
                          << m.topic << "\n";
                if (!m.name.empty() || !m.phone.empty())
                    std::cout << "    " << t("cli.meetings.contact", {m.name, m.phone}) << "\n";
                if (!m.reply.empty()) std::cout << "    " << t("cli.meetings.reply", {m.reply}) << "\n";
            }
            std::cerr << t("cli.meetings.count", {std::to_string(all->size())}) << "\n";
            return true;
        });
    });

    static std::string answer_id, answer_status, answer_reply;
    auto* answer = meetings->add_subcommand("answer", t("cli.meetings.answer_about"));
    answer->add_option("ID", answer_id, t("cli.meetings.answer_id"))->required();
    answer->add_option("--status", answer_status, t("cli.meetings.answer_status"))->required();
    answer->add_option("--reply", answer_reply, t("cli.meetings.answer_reply"));
    answer->callback([&exit_code] {
        auto& t = cli_text();
        MeetingAnswer a;
        a.reply = answer_reply;
        if (!parse_meeting_status(answer_status, a.status)) {
            std::cerr << t("cli.meetings.bad_status", {answer_status}) << "\n";
            exit_code = 2;
            return;
        }
        // Judged here by the rule the hub and every kiosk apply, so the message comes before a call.
        if (auto why = reply_problem(a.reply)) {
            std::cerr << "--reply " << *why << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [&a](const HubConnection& hub) {
            auto& t = cli_text();
            auto r = answer_meeting(hub, answer_id, a);
            if (!r) {
                std::cerr << t("cli.meetings.refused", {answer_id, r.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.meetings.answered",
                           {answer_id, t(std::string("meeting_status.") + meeting_status_code(r->request.status))})
                      << "\n";
            return true;
        });
    });
}

}  // namespace lianxin::admin
