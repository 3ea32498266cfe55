// `lianxin-admin keys new BASE` (Ed25519 key pair files) and `pin hash` (maintenance PIN).
#include <unistd.h>

#include <iostream>

#include "admin-tool/commands.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::admin {

void add_key_commands(CLI::App& app, int& exit_code) {
    auto* keys = app.add_subcommand("keys", "Create signing keys");
    keys->require_subcommand(1);
    auto* make = keys->add_subcommand("new", "Write BASE.key (secret, mode 0600) and BASE.pub");
    static std::string base;
    make->add_option("BASE", base, "path without extension, e.g. /etc/lianxin/publisher")->required();
    make->callback([&exit_code] {
        if (!crypto_ready()) { std::cerr << "libsodium failed to start\n"; exit_code = 1; return; }
        auto k = generate_key();
        if (auto st = save_key_pair(k, base); !st) { std::cerr << st.error().detail << "\n"; exit_code = 1; return; }
        std::cout << "key " << k.pub.id << ": " << base << ".key (keep secret), " << base << ".pub\n";
        exit_code = 0;
    });

    auto* pin = app.add_subcommand("pin", "Maintenance PIN for kiosk.toml");
    pin->require_subcommand(1);
    auto* hash = pin->add_subcommand("hash", "Read a PIN (4–12 digits) on standard input; print the hash for [maintenance] pin_hash");
    hash->callback([&exit_code] {
        std::string p;
        std::getline(std::cin, p);
        bool digits = !p.empty() && p.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || p.size() < 4 || p.size() > 12) {
            std::cerr << "a PIN is 4 to 12 digits\n";
            exit_code = 1;
            return;
        }
        std::cout << hash_pin(p) << "\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
