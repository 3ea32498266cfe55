// lianxin-admin: the admin tool's entry point; every operation is a subcommand (commands.h), in
// the operator's language (LANG=zh_CN.UTF-8 → Chinese).
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"

namespace {

// CLI11 pads the help's first column by bytes, but a Chinese character such as the REQUIRED label's
// (必填) is three bytes and two columns wide: this formatter pads by columns, as CLI11 does for ASCII.
class Formatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        std::size_t wid = get_column_width();
        std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        std::string out = lianxin::admin::pad_columns(name, wid);
        std::string desc = make_option_desc(opt);
        // A name as wide as the column puts its description on the next line.
        if (!desc.empty() && out.size() == name.size()) out += "\n" + std::string(wid, ' ');
        for (char c : desc) out += c == '\n' ? "\n" + std::string(wid, ' ') : std::string(1, c);
        return out + "\n";
    }
};

// CLI11 heads the help's lists with their groups' names, "Options" and "Subcommands", not with
// its labels: every option and subcommand is put in the group of the operator's words instead.
void name_groups(CLI::App& app, const std::string& options, const std::string& subcommands) {
    for (auto* o : app.get_options())
        if (o->get_group() == "Options") o->group(options);
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group() == "Subcommands") sub->group(subcommands);
        name_groups(*sub, options, subcommands);
    }
}

}  // namespace

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
    app.formatter(std::make_shared<Formatter>());
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
    add_station_commands(app, exit_code);
    add_history_commands(app, exit_code);
    add_consultation_commands(app, exit_code);
    add_salvage_command(app, exit_code);
    add_gui_command(app, exit_code);
    name_groups(app, t("cli.label.Options"), t("cli.label.Subcommands"));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors exit with 2, as scripts expect (CLI11's own codes are 100+); --help is 0.
        return app.exit(e) == 0 ? 0 : 2;
    }
    return exit_code;
}
