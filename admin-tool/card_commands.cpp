// `lianxin-admin card render`: a passport or certificate card as a PNG from the command line (the
// same renderer the kiosk uses), optionally sent to a CUPS printer, for staff and for tests.
#include <iostream>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "core/cards/card_printer.h"
#include "core/cards/card_renderer.h"

namespace lianxin::admin {

void add_card_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* card = app.add_subcommand("card", t("cli.card.about"));
    card->require_subcommand(1);

    auto* render = card->add_subcommand("render", t("cli.card.render_about"));
    // Static: CLI11 writes the options into these when it parses, after this function returns.
    static CardContent content;
    static std::string kind = "passport", format_name, out_file, printer, lp_command = "lp";
    static CardFonts fonts;
    render->add_option("--qr", content.qr_text, t("cli.card.qr"))->required();
    render->add_option("--kind", kind, t("cli.card.kind"))->check(CLI::IsMember({"passport", "certificate"}));
    render->add_option("--heading-zh", content.heading_zh, t("cli.card.heading_zh"))->required();
    render->add_option("--heading-en", content.heading_en, t("cli.card.heading_en"))->required();
    render->add_option("--hall-zh", content.hall_zh, t("cli.card.hall_zh"));
    render->add_option("--hall-en", content.hall_en, t("cli.card.hall_en"));
    render->add_option("--line", content.lines, t("cli.card.line"));
    render->add_option("--code", content.code, t("cli.card.code"));
    render->add_option("--format", format_name, t("cli.card.format"))
        ->required()
        ->check(CLI::IsMember({"screen", "a6", "receipt"}));
    render->add_option("-o,--output", out_file, t("cli.card.output"))->required();
    render->add_option("--print", printer, t("cli.card.print"));
    render->add_option("--lp-command", lp_command, t("cli.card.lp_command"))->needs("--print");
    render->add_option("--font-regular", fonts.regular, t("cli.card.font_regular"));
    render->add_option("--font-bold", fonts.bold, t("cli.card.font_bold"));
    render->callback([&exit_code] {
        auto& t = cli_text();
        content.kind = kind == "certificate" ? CardContent::Kind::certificate : CardContent::Kind::passport;
        CardFormat format = CardFormat::screen;
        parse_card_format(format_name, format);  // checked by CLI11 above
        CardLayout layout;
        auto image = render_card(content, format, fonts, &layout);
        if (!image) { std::cerr << t("cli.card.draw_failed", {image.error().detail}) << "\n"; exit_code = 1; return; }
        if (auto st = write_card_png(out_file, *image); !st) {
            std::cerr << t("cli.card.save_failed", {st.error().detail}) << "\n";
            exit_code = 1;
            return;
        }
        std::cout << t("cli.card.wrote", {out_file, card_format_name(format), std::to_string(image->width),
                                          std::to_string(image->height), std::to_string(layout.qr_version),
                                          std::to_string(layout.module_px)})
                  << "\n";
        if (!printer.empty()) {
            PrinterConfig pc{printer, lp_command, format};
            auto job = print_card_file(pc, out_file, content.heading_zh + " " + content.heading_en);
            if (!job) { std::cerr << job.error().detail << "\n"; exit_code = 1; return; }
            std::cout << t("cli.card.printed", {printer, *job}) << "\n";
        }
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
