// lianxin-hub: the central store's HTTP service (docs/architecture.md; its flags in README.md).
// Serves until SIGINT/SIGTERM.
// `lianxin-hub enroll-admin KEY.pub --role … --name …` enrolls an admin key and `list-admins` lists
// them: run on the hub's own host, since whoever can run them there already controls the store.
#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <thread>

#include "core/i18n/string_table.h"
#include "core/sync/admin_audit.h"
#include "core/text/utf8.h"
#include "core/tokens/token.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"

using namespace lianxin;
using namespace lianxin::hub;

namespace {
HubServer* g_server = nullptr;
void on_signal(int) {
    if (g_server) g_server->stop();
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"lianxin-hub: the central store for Lianxin kiosks, the admin API and the public pages"};
    std::string config_path, store, listen, public_url, cert_key;
    cli.add_option("--config", config_path, "hub.toml");
    cli.add_option("--store", store, "sqlite:PATH or postgresql://…");
    cli.add_option("--listen", listen, "HOST:PORT (port 0: any free port, printed at start)");
    cli.add_option("--public-url", public_url, "the URL phones reach this hub at (QR codes point there)");
    cli.add_option("--certificate-key", cert_key, "the secret key certificates are signed with");
    std::string enroll_key, enroll_roles = "all", enroll_name;
    auto* enroll = cli.add_subcommand("enroll-admin", "Enroll an admin public key with its roles (run on the hub's host)");
    enroll->add_option("KEY", enroll_key, "the admin's public key file (lianxin-admin keys new)")->required();
    enroll->add_option("--role", enroll_roles,
                       "editor (content), reviewer (opinions, certificates), operator (kiosks), comma-separated, or all")
        ->capture_default_str();
    enroll->add_option("--name", enroll_name, "who holds the key, as the audit log shows it (e.g. 王科长)");
    auto* admins = cli.add_subcommand("list-admins", "List the enrolled admin keys with their roles");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }

    HubConfig cfg;
    if (!config_path.empty()) {
        auto loaded = load_hub_config(config_path);
        if (!loaded) {
            std::fprintf(stderr, "lianxin-hub: %s\n", loaded.error().detail.c_str());
            return 2;
        }
        cfg = *loaded;
    }
    if (!store.empty()) cfg.store = store;
    if (!listen.empty() && !parse_listen(listen, cfg.listen_host, cfg.listen_port)) {
        std::fprintf(stderr, "lianxin-hub: --listen takes HOST:PORT, e.g. 127.0.0.1:8470\n");
        return 2;
    }
    if (!public_url.empty()) {
        // The same rule as hub.toml's: a longer URL would be taken here and every certificate
        // would then fail to issue after its opinion's status was saved.
        if (auto why = public_url_problem(public_url)) {
            std::fprintf(stderr, "lianxin-hub: --public-url %s\n", why->c_str());
            return 2;
        }
        cfg.public_url = public_url;
        cfg.public_url_given = true;
    }
    if (!cert_key.empty()) {
        auto k = load_secret_key(cert_key);
        if (!k) {
            std::fprintf(stderr, "lianxin-hub: --certificate-key: %s\n", k.error().detail.c_str());
            return 2;
        }
        cfg.certificate_key = *k;
    }
    auto opened = open_store(cfg.store);
    if (!opened) {
        std::fprintf(stderr, "lianxin-hub: cannot open the store: %s\n", opened.error().detail.c_str());
        return 1;
    }

    if (*enroll) {
        auto key = load_public_key(enroll_key);
        if (!key) {
            std::fprintf(stderr, "lianxin-hub: %s\n", key.error().detail.c_str());
            return 2;
        }
        auto roles = parse_roles(enroll_roles);
        if (!roles) {
            std::fprintf(stderr, "lianxin-hub: --role %s\n", roles.error().detail.c_str());
            return 2;
        }
        // Shown in list-admins, the audit log and the GUI: a line of visible text, like a kiosk's name.
        if (!utf8::is_valid(enroll_name) || utf8::count_code_points(enroll_name) > kAdminNameMaxChars ||
            std::any_of(enroll_name.begin(), enroll_name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
            std::fprintf(stderr, "lianxin-hub: --name is at most %zu characters of UTF-8, on one line\n", kAdminNameMaxChars);
            return 2;
        }
        auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
        if (auto st = (*opened)->add_admin_key(*key, now.count(), *roles, enroll_name); !st) {
            std::fprintf(stderr, "lianxin-hub: %s\n", st.error().detail.c_str());
            return 1;
        }
        std::printf("admin key %s%s enrolled in %s with the roles %s\n", key->id.c_str(),
                    enroll_name.empty() ? "" : (" (" + enroll_name + ")").c_str(), (*opened)->describe().c_str(),
                    roles_text(*roles).c_str());
        return 0;
    }
    if (*admins) {
        auto keys = (*opened)->admin_keys();
        if (!keys) {
            std::fprintf(stderr, "lianxin-hub: %s\n", keys.error().detail.c_str());
            return 1;
        }
        for (auto& k : *keys)
            std::printf("%s  %-26s %s\n", k.key.id.c_str(), roles_text(k.roles).c_str(), k.name.c_str());
        return 0;
    }

    auto assets = cfg.assets_dir.empty() ? std::filesystem::path(LIANXIN_ASSETS_DIR) : cfg.assets_dir;
    auto web = StringTable::load(assets / "web");
    auto kiosk_strings = StringTable::load(assets / "strings");
    if (!web || !kiosk_strings) {
        std::fprintf(stderr, "lianxin-hub: %s\n", (!web ? web.error() : kiosk_strings.error()).detail.c_str());
        return 2;
    }
    // Every client connection is a descriptor (docs/hub-connections.md): take what the system allows.
    if (rlimit rl{}; getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (!cfg.certificate_key) spdlog::warn("no certificate_key: adopted opinions get no certificate");
    if (!cfg.public_url_given)
        spdlog::warn("no public_url (hub.toml [hub] public_url or --public-url): no certificates are issued, kiosks "
                     "registered here get none, and links on the hub's pages use {}",
                     cfg.public_url);
    HubServer server(cfg, std::move(*opened), std::move(*web), std::move(*kiosk_strings));
    if (auto st = server.bind(); !st) {
        std::fprintf(stderr, "lianxin-hub: %s\n", st.error().detail.c_str());
        return 1;
    }
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // The first line says where it listens, so scripts and tests that asked for port 0 find it.
    std::printf("lianxin-hub listening on %s:%d, store %s\n", cfg.listen_host.c_str(), server.port(),
                server.store().describe().c_str());
    std::fflush(stdout);
    server.run();
    spdlog::info("lianxin-hub stopped");
    return 0;
}
