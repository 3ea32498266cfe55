// `lianxin-admin keys new BASE` (Ed25519 key pair files) and `pin hash` (maintenance PIN).
#include <unistd.h>

#include <iostream>

#include "admin-tool/cli_support.h"
#include "admin-tool/commands.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::admin {

void add_key_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* keys = app.add_subcommand("keys", t("cli.keys.about"));
    keys->require_subcommand(1);
    auto* make = keys->add_subcommand("new", t("cli.keys.new_about"));
    static std::string base;
    make->add_option("BASE", base, t("cli.keys.base"))->required();
    make->callback([&exit_code] {
        auto& t = cli_text();
        if (!crypto_ready()) { std::cerr << t("cli.keys.no_sodium") << "\n"; exit_code = 1; return; }
        auto k = generate_key();
        if (auto st = save_key_pair(k, base); !st) { std::cerr << st.error().detail << "\n"; exit_code = 1; return; }
        std::cout << t("cli.keys.made", {k.pub.id, base, base}) << "\n";
        exit_code = 0;
    });

    auto* pin = app.add_subcommand("pin", t("cli.pin.about"));
    pin->require_subcommand(1);
    auto* hash = pin->add_subcommand("hash", t("cli.pin.hash_about"));
    hash->callback([&exit_code] {
        std::string p;
        std::getline(std::cin, p);
        bool digits = !p.empty() && p.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || p.size() < 4 || p.size() > 12) {
            std::cerr << cli_text()("cli.pin.bad") << "\n";
            exit_code = 1;
            return;
        }
        std::cout << hash_pin(p) << "\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
