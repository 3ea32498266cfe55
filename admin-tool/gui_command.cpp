// `lianxin-admin gui`: the admin window (admin-tool/gui/), with the hub flags every command shares,
// the content folder the articles' texts come from, and the scripted mode tests and screenshots use.
#include <regex>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "admin-tool/gui/admin_app.h"

namespace lianxin::admin {

void add_gui_command(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    static GuiOptions options;
    static std::string windowed;
    auto* gui = app.add_subcommand("gui", t("cli.gui.about"));
    gui->add_option("--content", options.content_dir, t("cli.gui.content"))->check(CLI::ExistingDirectory);
    gui->add_option("--publisher-key", options.publisher_key, t("cli.gui.publisher_key"))
        ->envname("LIANXIN_PUBLISHER_KEY");
    gui->add_option("--lang", options.lang, t("cli.gui.lang"))->check(CLI::IsMember({"zh", "en"}));
    gui->add_option("--windowed", windowed, t("cli.gui.windowed"));
    gui->add_option("--view", options.view, t("cli.gui.view"))
        ->check(CLI::IsMember({"edit", "review", "visitors", "stats", "fleet", "history", "audit"}));
    gui->add_option("--script", options.script, t("cli.gui.script"))->check(CLI::ExistingFile);
    gui->add_option("--shots", options.shots, t("cli.gui.shots"));
    gui->callback([&exit_code] {
        auto& t = cli_text();
        if (!windowed.empty()) {
            std::smatch m;
            if (!std::regex_match(windowed, m, std::regex("([0-9]{3,5})x([0-9]{3,5})"))) {
                std::cerr << t("cli.gui.bad_windowed") << "\n";
                exit_code = 2;
                return;
            }
            options.window_w = std::stoi(m[1]);
            options.window_h = std::stoi(m[2]);
        }
        if (!options.script.empty() && options.shots.empty()) {
            std::cerr << t("cli.gui.script_needs_shots") << "\n";
            exit_code = 2;
            return;
        }
        options.hub_url = hub_flags().url;
        options.key_file = hub_flags().key;
        exit_code = run_admin_gui(options);
    });
}

}  // namespace lianxin::admin
