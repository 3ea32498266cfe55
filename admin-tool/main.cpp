// lianxin-admin: the admin tool's entry point; every operation is a subcommand (commands.h).
#include <spdlog/spdlog.h>

#include "admin-tool/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"lianxin-admin: keep Lianxin kiosks current (content, keys, PINs, cards, tokens)"};
    app.require_subcommand(1);
    int exit_code = 0;
    lianxin::admin::add_content_commands(app, exit_code);
    lianxin::admin::add_key_commands(app, exit_code);
    lianxin::admin::add_card_commands(app, exit_code);
    lianxin::admin::add_token_commands(app, exit_code);
    lianxin::admin::add_hub_commands(app, exit_code);
    lianxin::admin::add_salvage_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors exit with 2, as scripts expect (CLI11's own codes are 100+); --help is 0.
        return app.exit(e) == 0 ? 0 : 2;
    }
    return exit_code;
}
