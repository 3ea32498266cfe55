// `consultation import|list|stage|open|close|final`: consultations in the content sources, made
// from a draft and moved through their stages (admin-tool/ops/consultation_ops.h), and the law as
// adopted sent to the hub. Publishing sources is `content build` and `content publish`.
#include <iomanip>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "admin-tool/ops/consultation_ops.h"

namespace lianxin::admin {

void add_consultation_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* group = app.add_subcommand("consultation", t("cli.consultation.about"));
    group->require_subcommand(1);
    static std::string content_dir = "content";
    group->add_option("--content", content_dir, t("cli.consultation.content"))->capture_default_str();

    static ImportRequest req;
    static std::string zh, en;
    auto* imp = group->add_subcommand("import", t("cli.consultation.import_about"));
    imp->add_option("--id", req.id, t("cli.consultation.import_id"))->required();
    imp->add_option("--zh", zh, t("cli.consultation.import_zh"));
    imp->add_option("--en", en, t("cli.consultation.import_en"));
    imp->add_option("--deadline", req.deadline, t("cli.consultation.import_deadline"))->required();
    imp->add_flag("--replace", req.replace, t("cli.consultation.import_replace"));
    imp->callback([&exit_code] {
        auto& t = cli_text();
        req.content_dir = content_dir;
        req.zh_draft = zh;
        req.en_draft = en;
        auto r = import_consultation(req);
        if (!r) {
            std::cerr << t("cli.consultation.import_failed", {r.error().detail}) << "\n";
            exit_code = 1;
            return;
        }
        for (auto& w : r->warnings) std::cerr << t("cli.warning", {w}) << "\n";
        std::cout << t("cli.consultation.imported", {r->written.string(), std::to_string(r->articles)}) << "\n";
        if (!r->still_to_write.empty()) {
            std::cout << t("cli.consultation.to_write", {std::to_string(r->still_to_write.size())}) << "\n";
            for (auto& d : r->still_to_write) std::cout << "  " << d.to_string() << "\n";
        }
        exit_code = 0;
    });

    auto* list = group->add_subcommand("list", t("cli.consultation.list_about"));
    list->callback([&exit_code] {
        auto& t = cli_text();
        auto all = list_consultations(content_dir);
        for (auto& c : all)
            std::cout << std::left << std::setw(22) << c.id << std::setw(20) << c.stage << std::setw(12) << c.deadline
                      << t("cli.consultation.articles", {std::to_string(c.articles)}) << "  "
                      << (t.lang() == Lang::zh || c.title_en.empty() ? c.title_zh : c.title_en) << "\n";
        if (all.empty()) std::cerr << t("cli.consultation.none", {content_dir}) << "\n";
        exit_code = 0;
    });

    static std::string stage_id, stage_to;
    auto stage_cb = [&exit_code](const std::string& to) {
        auto& t = cli_text();
        auto r = set_consultation_stage(content_dir, stage_id, to);
        if (!r) {
            std::cerr << r.error().detail << "\n";
            exit_code = 1;
            return;
        }
        std::cout << t("cli.consultation.staged", {stage_id, r->from, r->to, r->file.string()}) << "\n";
        exit_code = 0;
    };
    auto* stage = group->add_subcommand("stage", t("cli.consultation.stage_about"));
    stage->add_option("ID", stage_id, t("cli.consultation.id"))->required();
    stage->add_option("STAGE", stage_to, t("cli.consultation.stage_to"))->required();
    stage->callback([stage_cb] { stage_cb(stage_to); });
    auto* open = group->add_subcommand("open", t("cli.consultation.open_about"));
    open->add_option("ID", stage_id, t("cli.consultation.id"))->required();
    open->callback([stage_cb] { stage_cb("open"); });
    // `consultation final ID --zh FILE [--en FILE]`: the law as adopted, sent to the hub.
    static std::string final_id, final_zh, final_en;
    auto* fin = group->add_subcommand("final", t("cli.consultation.final_about"));
    fin->add_option("ID", final_id, t("cli.consultation.id"))->required();
    fin->add_option("--zh", final_zh, t("cli.consultation.final_zh"))->required();
    fin->add_option("--en", final_en, t("cli.consultation.final_en"));
    fin->callback([&exit_code] {
        auto& t = cli_text();
        auto articles = read_final_text(final_zh, final_en);
        if (!articles) {
            std::cerr << t("cli.consultation.final_failed", {articles.error().detail}) << "\n";
            exit_code = 1;
            return;
        }
        with_hub(exit_code, [&articles](const HubConnection& hub) {
            auto& t = cli_text();
            if (auto st = upload_final_text(hub, final_id, *articles); !st) {
                std::cerr << t("cli.consultation.final_failed", {st.error().detail}) << "\n";
                return false;
            }
            std::cout << t("cli.consultation.final_done", {final_id, std::to_string(articles->size())}) << "\n";
            return true;
        });
    });

    auto* close = group->add_subcommand("close", t("cli.consultation.close_about"));
    close->add_option("ID", stage_id, t("cli.consultation.id"))->required();
    close->callback([stage_cb] { stage_cb("close"); });
}

}  // namespace lianxin::admin
