// `lianxin-admin card render`: a passport or certificate card as a PNG from the command line (the
// same renderer the kiosk uses), optionally sent to a CUPS printer, for staff and for tests.
#include <iostream>

#include "admin-tool/commands.h"
#include "core/cards/card_printer.h"
#include "core/cards/card_renderer.h"

namespace lianxin::admin {

void add_card_commands(CLI::App& app, int& exit_code) {
    auto* card = app.add_subcommand("card", "Take-home cards for passports and certificates");
    card->require_subcommand(1);

    auto* render = card->add_subcommand("render", "Draw a card as PNG; optionally print it with lp");
    // Static: CLI11 writes the options into these when it parses, after this function returns.
    static CardContent content;
    static std::string kind = "passport", format_name, out_file, printer, lp_command = "lp";
    static CardFonts fonts;
    render->add_option("--qr", content.qr_text, "what the QR code holds (a token URL)")->required();
    render->add_option("--kind", kind, "passport or certificate")->check(CLI::IsMember({"passport", "certificate"}));
    render->add_option("--heading-zh", content.heading_zh, "heading in Chinese, e.g. 参与护照")->required();
    render->add_option("--heading-en", content.heading_en, "heading in English")->required();
    render->add_option("--hall-zh", content.hall_zh, "the issuing hall's name in Chinese");
    render->add_option("--hall-en", content.hall_en, "the issuing hall's name in English");
    render->add_option("--line", content.lines, "a body line (repeat for more)");
    render->add_option("--code", content.code, "the short code or certificate serial shown under the QR code");
    render->add_option("--format", format_name, "screen, a6 or receipt")
        ->required()
        ->check(CLI::IsMember({"screen", "a6", "receipt"}));
    render->add_option("-o,--output", out_file, "PNG file to write")->required();
    render->add_option("--print", printer, "CUPS printer to send the card to (see `lpstat -p`)");
    render->add_option("--lp-command", lp_command, "the lp program to use")->needs("--print");
    render->add_option("--font-regular", fonts.regular, "Noto Sans CJK Regular .ttc");
    render->add_option("--font-bold", fonts.bold, "Noto Sans CJK Bold .ttc");
    render->callback([&exit_code] {
        content.kind = kind == "certificate" ? CardContent::Kind::certificate : CardContent::Kind::passport;
        CardFormat format = CardFormat::screen;
        parse_card_format(format_name, format);  // checked by CLI11 above
        CardLayout layout;
        auto image = render_card(content, format, fonts, &layout);
        if (!image) { std::cerr << "cannot draw the card: " << image.error().detail << "\n"; exit_code = 1; return; }
        if (auto st = write_card_png(out_file, *image); !st) {
            std::cerr << "cannot save the card: " << st.error().detail << "\n";
            exit_code = 1;
            return;
        }
        std::cout << "wrote " << out_file << " (" << card_format_name(format) << ", " << image->width << "×"
                  << image->height << " px, QR version " << layout.qr_version << " at " << layout.module_px
                  << " px a module)\n";
        if (!printer.empty()) {
            PrinterConfig pc{printer, lp_command, format};
            auto job = print_card_file(pc, out_file, content.heading_zh + " " + content.heading_en);
            if (!job) { std::cerr << job.error().detail << "\n"; exit_code = 1; return; }
            std::cout << "printed on " << printer << ": " << *job << "\n";
        }
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
