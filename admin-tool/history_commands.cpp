// `audit list|export` (who changed what at the hub), `certificate list|revoke` and `content
// history|rollback` (which content kiosks were told to run, and going back to an earlier
// version): admin-tool/ops/hub_ops.h.
#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "admin-tool/ops/hub_ops.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"

namespace lianxin::admin {

namespace {

// "王科长 (1a2b…)" or the key id alone.
std::string who(const std::string& name, const std::string& key) {
    if (key.empty()) return cli_text()("cli.audit.before_log");
    return name.empty() ? key : name + " (" + key + ")";
}

}  // namespace

void add_history_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* audit = app.add_subcommand("audit", t("cli.audit.about"));
    audit->require_subcommand(1);
    static std::string since, until, file;
    static bool replace = false;
    static AuditQuery query;
    // The days asked for, judged before any call: a day that is not one is a usage mistake (2),
    // as in `opinions list`.
    auto days_given = [&exit_code] {
        auto days = day_range(since, until);
        if (!days) {
            std::cerr << days.error().detail << "\n";
            exit_code = 2;
            return false;
        }
        query.since_ms = days->since_ms;
        query.until_ms = days->until_ms;
        return true;
    };
    auto fetch = [](const HubConnection& hub) { return fetch_audit(hub, query); };
    auto* list = audit->add_subcommand("list", t("cli.audit.list_about"));
    auto* exp = audit->add_subcommand("export", t("cli.audit.export_about"));
    for (auto* cmd : {list, exp}) {
        cmd->add_option("--since", since, t("cli.filter.since"));
        cmd->add_option("--until", until, t("cli.filter.until"));
    }
    list->callback([&exit_code, fetch, days_given] {
        if (!days_given()) return;
        with_hub(exit_code, [fetch](const HubConnection& hub) {
            auto& t = cli_text();
            auto entries = fetch(hub);
            if (!entries) {
                std::cerr << entries.error().detail << "\n";
                return false;
            }
            for (auto& e : *entries)
                std::cout << local_time_text(e.at_ms, true) << "  " << pad_columns(who(e.admin_name, e.admin_key), 28) << "  "
                          << pad_columns(e.action, 20) << e.target << "\n    " << e.before << " → " << e.after << "\n";
            std::cerr << t("cli.audit.count", {std::to_string(entries->size())}) << "\n";
            return true;
        });
    });
    exp->add_option("FILE", file, t("cli.audit.export_file"))->required();
    exp->add_flag("--replace", replace, t("cli.opinions.export_replace"));
    exp->callback([&exit_code, fetch, days_given] {
        if (!days_given()) return;
        with_hub(exit_code, [fetch](const HubConnection& hub) {
            auto& t = cli_text();
            auto entries = fetch(hub);
            if (!entries) {
                std::cerr << entries.error().detail << "\n";
                return false;
            }
            if (auto st = export_audit_csv(file, *entries, t, replace); !st) {
                std::cerr << t("cli.opinions.export_failed", {st.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.audit.exported", {std::to_string(entries->size()), file}) << "\n";
            return true;
        });
    });

    // `certificate list` and `certificate revoke` join the `certificate` group.
    auto* certificate = app.get_subcommand("certificate");
    auto* clist = certificate->add_subcommand("list", t("cli.certificate.list_about"));
    clist->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            auto list = fetch_certificates(hub);
            if (!list) {
                std::cerr << list.error().detail << "\n";
                return false;
            }
            for (auto& c : *list)
                std::cout << c.serial << "  " << local_time_text(c.issued_at_ms) << "  " << c.opinion_id << "  "
                          << (c.revoked_at_ms ? t("cli.certificate.revoked_on", {local_time_text(*c.revoked_at_ms)})
                                              : t("cli.certificate.valid"))
                          << "\n";
            std::cerr << t("cli.certificate.count", {std::to_string(list->size())}) << "\n";
            return true;
        });
    });
    static std::string serial;
    auto* crevoke = certificate->add_subcommand("revoke", t("cli.certificate.revoke_about"));
    crevoke->add_option("SERIAL", serial, t("cli.certificate.serial"))->required();
    crevoke->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            if (auto st = revoke_certificate(hub, serial); !st) {
                std::cerr << st.error().detail << "\n";
                return false;
            }
            std::cout << t("cli.certificate.revoked", {serial}) << "\n";
            return true;
        });
    });

    // `content history` and `content rollback` join the `content` group.
    auto* content = app.get_subcommand("content");
    auto* history = content->add_subcommand("history", t("cli.content.history_about"));
    history->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            auto list = fetch_publications(hub);
            if (!list) {
                std::cerr << list.error().detail << "\n";
                return false;
            }
            for (std::size_t i = 0; i < list->size(); ++i) {
                auto& p = (*list)[i];
                std::cout << pad_columns(p.version, 16) << local_time_text(p.at_ms, true) << "  "
                          << who(p.admin_name, p.admin_key) << (i == 0 ? "  " + t("cli.content.current") : "") << "\n";
            }
            if (list->empty()) std::cerr << t("cli.content.never_published") << "\n";
            return true;
        });
    });
    static std::string version;
    auto* rollback = content->add_subcommand("rollback", t("cli.content.rollback_about"));
    rollback->add_option("VERSION", version, t("cli.content.rollback_version"))->required();
    rollback->callback([&exit_code] {
        if (!is_content_version(version)) {
            std::cerr << cli_text()("cli.content.bad_version", {version}) << "\n";
            exit_code = 2;
            return;
        }
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            if (auto st = publish_version(hub, version); !st) {
                std::cerr << st.error().detail << "\n";
                return false;
            }
            std::cout << t("cli.content.rolled_back", {version}) << "\n";
            return true;
        });
    });
}

}  // namespace lianxin::admin
