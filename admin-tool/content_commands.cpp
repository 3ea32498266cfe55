// `lianxin-admin content check DIR` and `content build DIR -o FILE [--key KEY]`.
#include <iostream>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "core/content/bundle.h"
#include "core/content/content_sources.h"

namespace lianxin::admin {

namespace {

// Prints every problem; returns true when there are none.
bool report(const SourceLoad& load, const std::string& dir) {
    auto& t = cli_text();
    for (auto& p : load.problems) std::cerr << p.to_string() << "\n";
    if (!load.ok()) {
        auto n = load.problems.size();
        std::cerr << t(n == 1 ? "cli.content.problem" : "cli.content.problems", {dir, std::to_string(n)}) << "\n";
        return false;
    }
    auto& c = load.content;
    std::cout << t("cli.content.ok", {dir, std::to_string(c.slides.size()), std::to_string(c.timeline.size()),
                                      std::to_string(c.sections.size()), std::to_string(c.exhibits.size()),
                                      std::to_string(c.figures.size()), std::to_string(c.consultations.size()),
                                      std::to_string(load.media.size())})
              << "\n";
    return true;
}

}  // namespace

void add_content_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* content = app.add_subcommand("content", t("cli.content.about"));
    content->require_subcommand(1);

    auto* check = content->add_subcommand("check", t("cli.content.check_about"));
    static std::string check_dir;
    check->add_option("DIR", check_dir, t("cli.content.dir"))->required();
    check->callback([&exit_code] { exit_code = report(load_content_sources(check_dir), check_dir) ? 0 : 1; });

    auto* build = content->add_subcommand("build", t("cli.content.build_about"));
    static std::string build_dir, out_file, key_file;
    build->add_option("DIR", build_dir, t("cli.content.dir"))->required();
    build->add_option("-o,--output", out_file, t("cli.content.output"))->required();
    build->add_option("--key", key_file, t("cli.content.key"));
    build->callback([&exit_code] {
        auto& t = cli_text();
        auto load = load_content_sources(build_dir);
        if (!report(load, build_dir)) { exit_code = 1; return; }
        std::optional<SecretKey> key;
        if (!key_file.empty()) {
            auto k = load_secret_key(key_file);
            if (!k) { std::cerr << t("cli.content.bad_key", {k.error().detail}) << "\n"; exit_code = 1; return; }
            key = *k;
        }
        auto st = write_bundle(load, out_file, key ? &*key : nullptr);
        if (!st) { std::cerr << t("cli.content.build_failed", {st.error().detail}) << "\n"; exit_code = 1; return; }
        auto& hall = load.content.hall;
        std::cout << (key ? t("cli.content.wrote_signed", {out_file, hall.id, hall.version, key->pub.id})
                          : t("cli.content.wrote_unsigned", {out_file, hall.id, hall.version}))
                  << "\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
