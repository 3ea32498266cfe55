// lianxin-admin: the admin tool's entry point; every operation is a subcommand (commands.h), in
// the operator's language (LANG=zh_CN.UTF-8 → Chinese).
#include <spdlog/spdlog.h>

#include <iostream>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"

int main(int argc, char** argv) {
    using namespace lianxin::admin;
    auto text = load_admin_text(operator_language());
    if (!text) {
        std::cerr << "lianxin-admin: its strings cannot be read (" << text.error().detail
                  << "); reinstall the tool or run it from its build tree\n";
        return 1;
    }
    set_cli_text(std::move(*text));
    auto& t = cli_text();
    CLI::App app{t("cli.app")};
    // CLI11's own words in its help pages.
    for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals", "Options", "Subcommands",
                              "REQUIRED", "TEXT", "INT", "UINT", "Excludes", "Needs", "Env"})
        app.get_formatter()->label(label, t(std::string("cli.label.") + label));
    app.set_help_flag("-h,--help", t("cli.help"));
    app.require_subcommand(1);
    int exit_code = 0;
    add_content_commands(app, exit_code);
    add_key_commands(app, exit_code);
    add_card_commands(app, exit_code);
    add_token_commands(app, exit_code);
    add_hub_commands(app, exit_code);
    add_opinion_commands(app, exit_code);
    add_consultation_commands(app, exit_code);
    add_salvage_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors exit with 2, as scripts expect (CLI11's own codes are 100+); --help is 0.
        return app.exit(e) == 0 ? 0 : 2;
    }
    return exit_code;
}
