// `opinions list|export|status|record|hide|unhide|trace`, `adopt` and `stats`: opinions at the hub, searched by
// the same filters in list and export (admin-tool/ops/opinion_ops.h, opinion_export.h).
#include <iomanip>
#include <map>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "admin-tool/ops/consultation_ops.h"
#include "admin-tool/ops/opinion_export.h"
#include "admin-tool/ops/opinion_ops.h"
#include "admin-tool/ops/opinion_stats.h"
#include "core/base/ascii.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin::admin {

namespace {

// The filter flags of `opinions list` and `opinions export`, as the API's parameters.
struct FilterFlags {
    std::string consultation, article, stance, channel, kiosk, since, until, text, status;
};

void add_filters(CLI::App* cmd, FilterFlags& f) {
    auto& t = cli_text();
    cmd->add_option("--consultation", f.consultation, t("cli.filter.consultation"));
    cmd->add_option("--article", f.article, t("cli.filter.article"));
    cmd->add_option("--stance", f.stance, t("cli.filter.stance"));
    cmd->add_option("--channel", f.channel, t("cli.filter.channel"));
    cmd->add_option("--kiosk", f.kiosk, t("cli.filter.kiosk"));
    cmd->add_option("--since", f.since, t("cli.filter.since"));
    cmd->add_option("--until", f.until, t("cli.filter.until"));
    cmd->add_option("--search", f.text, t("cli.filter.search"));
    cmd->add_option("--status", f.status, t("cli.filter.status"));
}

// The query the flags ask for, judged by the hub's own reader before any call.
Result<OpinionQuery> query_of(const FilterFlags& f) {
    std::multimap<std::string, std::string> p;
    auto put = [&p](const char* k, const std::string& v) {
        if (!v.empty()) p.emplace(k, v);
    };
    put("consultation", f.consultation);
    put("article", f.article == "whole" || f.article == "全文" ? "0" : f.article);
    put("stance", f.stance);
    put("channel", f.channel);
    put("kiosk", f.kiosk);
    put("text", f.text);
    put("status", f.status);
    auto days = day_range(f.since, f.until);
    if (!days) return days.error();
    if (days->since_ms) p.emplace("since", std::to_string(*days->since_ms));
    if (days->until_ms) p.emplace("until", std::to_string(*days->until_ms));
    return parse_opinion_query(p);
}

std::string article_text(const AdminOpinion& o) {
    return o.article ? cli_text()("cli.article_n", {std::to_string(*o.article)}) : cli_text()("export.whole_draft");
}

}  // namespace

void add_opinion_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* opinions = app.add_subcommand("opinions", t("cli.opinions.about"));
    opinions->require_subcommand(1);

    static FilterFlags list_filters;
    auto* list = opinions->add_subcommand("list", t("cli.opinions.list_about"));
    add_filters(list, list_filters);
    list->callback([&exit_code] {
        auto q = query_of(list_filters);
        if (!q) {
            std::cerr << q.error().detail << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [&q](const HubConnection& hub) {
            auto all = fetch_opinions(hub, *q);
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            auto& t = cli_text();
            for (auto& o : *all)
                std::cout << o.id << "  " << o.consultation << "  " << article_text(o) << "  "
                          << t("stance." + std::string(stance_code(o.stance))) << "  "
                          << t("status." + std::string(opinion_status_code(o.status))) << "  "
                          << t("channel." + std::string(channel_code(o.channel))) << " " << o.kiosk << "\n    " << o.text
                          << "\n";
            std::cerr << t("cli.opinions.count", {std::to_string(all->size())}) << "\n";
            return true;
        });
    });

    static FilterFlags export_filters;
    static std::string export_file;
    static bool export_replace = false;
    auto* exp = opinions->add_subcommand("export", t("cli.opinions.export_about"));
    exp->add_option("FILE", export_file, t("cli.opinions.export_file"))->required();
    exp->add_flag("--replace", export_replace, t("cli.opinions.export_replace"));
    add_filters(exp, export_filters);
    exp->callback([&exit_code] {
        auto q = query_of(export_filters);
        auto format = export_format_of(export_file);
        if (!q || !format) {
            std::cerr << (!q ? q.error().detail : cli_text()("cli.opinions.bad_format", {export_file})) << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [&q](const HubConnection& hub) {
            auto& t = cli_text();
            auto all = fetch_opinions(hub, *q, [&t](std::size_t n) {
                std::cerr << "\r" << t("cli.opinions.fetched", {std::to_string(n)}) << std::flush;
            });
            std::cerr << "\n";
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            if (auto st = export_opinions(export_file, *all, t, export_replace); !st) {
                std::cerr << t("cli.opinions.export_failed", {st.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.opinions.exported", {std::to_string(all->size()), export_file}) << "\n";
            return true;
        });
    });

    // `stats [filters]`: the figures a report asks for, from the same filters as list and export.
    static FilterFlags stats_filters;
    auto* stats = app.add_subcommand("stats", t("cli.stats.about"));
    add_filters(stats, stats_filters);
    stats->callback([&exit_code] {
        auto q = query_of(stats_filters);
        if (!q) {
            std::cerr << q.error().detail << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [&q](const HubConnection& hub) {
            auto& t = cli_text();
            auto all = fetch_opinions(hub, *q);
            if (!all) {
                std::cerr << all.error().detail << "\n";
                return false;
            }
            OpinionStats s = opinion_stats(*all);
            auto line = [](const std::string& label, std::size_t n) {
                std::cout << "  " << pad_columns(label, 30) << pad_columns(std::to_string(n), 8, true) << "\n";
            };
            std::cout << t("cli.stats.total", {std::to_string(s.total)}) << "\n" << t("cli.stats.by_consultation") << "\n";
            for (auto& [c, n] : s.by_consultation) line(c, n);
            std::cout << t("cli.stats.by_article") << "\n";
            for (auto& [k, n] : s.by_article)
                line(k.first + " " + (k.second ? t("cli.article_n", {std::to_string(k.second)}) : t("export.whole_draft")), n);
            std::cout << t("cli.stats.by_stance") << "\n";
            for (auto& [k, n] : s.by_stance) line(t("stance." + std::string(stance_code(k))), n);
            std::cout << t("cli.stats.by_channel") << "\n";
            for (auto& [k, n] : s.by_channel) line(t("channel." + std::string(channel_code(k))), n);
            std::cout << t("cli.stats.by_day") << "\n";
            for (auto& [d, n] : s.by_day) line(d, n);
            char rate[16];
            std::snprintf(rate, sizeof rate, "%.0f%%", 100 * s.adoption_rate());
            std::cout << t("cli.stats.adoption", {std::to_string(s.adopted), std::to_string(s.decided), rate}) << "\n";
            auto passports = fetch_passport_totals(hub);
            if (!passports) {
                std::cerr << passports.error().detail << "\n";
                return false;
            }
            std::cout << t("cli.stats.passports", {std::to_string(passports->passports), std::to_string(passports->with_opinion)})
                      << "\n";
            return true;
        });
    });

    // `opinions record`: a paper card or a phone call, counted with the rest.
    static StaffOpinion staff;
    static std::string r_channel, r_article, r_stance = "suggest", r_lang = "zh", r_received;
    auto* record = opinions->add_subcommand("record", t("cli.opinions.record_about"));
    record->add_option("--channel", r_channel, t("cli.opinions.record_channel"))->required();
    record->add_option("--consultation", staff.consultation, t("cli.filter.consultation"))->required();
    record->add_option("--article", r_article, t("cli.opinions.record_article"));
    record->add_option("--stance", r_stance, t("cli.filter.stance"))->capture_default_str();
    record->add_option("--text", staff.draft.text, t("cli.opinions.record_text"))->required();
    record->add_option("--lang", r_lang, t("cli.opinions.record_lang"))->capture_default_str();
    record->add_option("--passport", staff.passport_code, t("cli.opinions.record_passport"));
    record->add_option("--name", staff.draft.contact_name, t("cli.opinions.record_name"));
    record->add_option("--phone", staff.draft.contact_phone, t("cli.opinions.record_phone"));
    record->add_flag("--consent", staff.draft.contact_consent, t("cli.opinions.record_consent"));
    record->add_option("--received", r_received, t("cli.opinions.record_received"));
    record->callback([&exit_code] {
        auto& t = cli_text();
        std::string problem;
        if (!parse_channel(r_channel, staff.channel)) problem = "--channel: paper, phone-call";
        if (!parse_stance(r_stance, staff.draft.stance)) problem = "--stance: support, oppose, suggest";
        if (!parse_lang(r_lang, staff.draft.lang)) problem = "--lang: zh, en";
        if (!r_article.empty()) {
            std::int64_t n = 0;
            if (!parse_whole_number(r_article, kArticleMax, n) || n == 0) problem = "--article: 1–" + std::to_string(kArticleMax);
            else staff.draft.article = static_cast<int>(n);
        }
        if (!r_received.empty()) {
            LocalDate d;
            if (!parse_local_date(r_received, d)) problem = t("cli.bad_date", {"--received", r_received});
            else staff.received_on = d;
        }
        if (!problem.empty()) {
            std::cerr << problem << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            auto r = record_opinion(hub, staff);
            if (!r) {
                std::cerr << t("cli.opinions.record_failed", {r.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.opinions.recorded", {r->id}) << "\n";
            if (!r->passport_id.empty()) std::cout << t("cli.opinions.stamped", {staff.passport_code}) << "\n";
            return true;
        });
    });

    // `opinions hide ID --reason …` and `opinions unhide ID`.
    static std::string hide_id, hide_reason;
    auto* hide = opinions->add_subcommand("hide", t("cli.opinions.hide_about"));
    hide->add_option("ID", hide_id, t("cli.opinions.hide_id"))->required();
    hide->add_option("--reason", hide_reason, t("cli.opinions.hide_reason"))->required();
    auto* unhide = opinions->add_subcommand("unhide", t("cli.opinions.unhide_about"));
    unhide->add_option("ID", hide_id, t("cli.opinions.hide_id"))->required();
    auto run_hide = [&exit_code](std::optional<std::string> reason) {
        with_hub(exit_code, [reason](const HubConnection& hub) {
            auto& t = cli_text();
            if (auto st = hide_opinion(hub, hide_id, reason); !st) {
                std::cerr << st.error().detail << "\n";
                return false;
            }
            std::cout << t(reason ? "cli.opinions.hidden" : "cli.opinions.shown", {hide_id}) << "\n";
            return true;
        });
    };
    hide->callback([run_hide] { run_hide(hide_reason); });
    unhide->callback([run_hide] { run_hide(std::nullopt); });

    // `opinions trace ID ARTICLE` (or `none`): the adopted article the opinion changed.
    static std::string trace_id, trace_to;
    auto* trace = opinions->add_subcommand("trace", t("cli.opinions.trace_about"));
    trace->add_option("ID", trace_id, t("cli.opinions.hide_id"))->required();
    trace->add_option("ARTICLE", trace_to, t("cli.opinions.trace_article"))->required();
    trace->callback([&exit_code] {
        std::optional<int> to;
        if (trace_to != "none") {
            std::int64_t n = 0;
            if (!parse_whole_number(trace_to, kArticleMax, n) || n == 0) {
                std::cerr << "ARTICLE: 1–" << kArticleMax << ", none\n";
                exit_code = 2;
                return;
            }
            to = static_cast<int>(n);
        }
        with_hub(exit_code, [to](const HubConnection& hub) {
            auto& t = cli_text();
            if (auto st = trace_opinion(hub, trace_id, to); !st) {
                std::cerr << st.error().detail << "\n";
                return false;
            }
            std::cout << (to ? t("cli.opinions.traced", {trace_id, std::to_string(*to)}) : t("cli.opinions.untraced", {trace_id}))
                      << "\n";
            return true;
        });
    });

    // `opinions status ID… STATUS` (the last word is the status) and `adopt ID… [--partly]`.
    static std::vector<std::string> status_args;
    static std::string reply;
    static bool partly = false;
    auto run = [&exit_code](std::vector<std::string> ids, const std::string& status_word) {
        auto& t = cli_text();
        StatusDecision d;
        d.reply = reply;
        if (!parse_opinion_status(status_word, d.status)) {
            std::cerr << t("cli.bad_status", {status_word}) << "\n";
            exit_code = 2;
            return;
        }
        // Judged here by the rule the hub and every kiosk apply, so the message comes before a call.
        if (auto why = reply_problem(d.reply)) {
            std::cerr << "--reply " << *why << "\n";
            exit_code = 1;
            return;
        }
        with_hub(exit_code, [&](const HubConnection& hub) {
            auto changes = set_statuses(hub, ids, d);
            if (!changes) {
                std::cerr << changes.error().detail << "\n";
                return false;
            }
            bool all_ok = true;
            for (auto& c : *changes) {
                if (c.error) {
                    std::cerr << t("cli.status.refused", {c.id, c.error->detail}) << "\n";
                    all_ok = false;
                    continue;
                }
                std::cout << t("cli.status.set", {c.id, t("status." + status_word)}) << "\n";
                if (!c.certificate_serial.empty())
                    std::cout << t("cli.status.certificate", {c.certificate_serial, c.certificate_url}) << "\n";
                if (!c.revoked_serial.empty()) std::cout << t("cli.status.revoked", {c.revoked_serial}) << "\n";
            }
            return all_ok;
        });
    };
    auto* status = opinions->add_subcommand("status", t("cli.opinions.status_about"));
    status->add_option("ID_STATUS", status_args, t("cli.opinions.status_args"))->required()->expected(2, 1000);
    status->add_option("--reply", reply, t("cli.reply"));
    status->callback([run] {
        auto ids = status_args;
        std::string word = ids.back();
        ids.pop_back();
        run(ids, word);
    });

    static std::vector<std::string> adopt_ids;
    auto* adopt = app.add_subcommand("adopt", t("cli.adopt.about"));
    adopt->add_option("ID", adopt_ids, t("cli.adopt.ids"))->required();
    adopt->add_flag("--partly", partly, t("cli.adopt.partly"));
    adopt->add_option("--reply", reply, t("cli.reply"));
    adopt->callback([run] { run(adopt_ids, partly ? "partly_adopted" : "adopted"); });
}

}  // namespace lianxin::admin
