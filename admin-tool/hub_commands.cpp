// Admin commands that talk to the hub (README.md): `kiosk register|list|revoke` and `content
// publish`. Each is one signed call (admin-tool/hub_client.h).
#include <sodium.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "admin-tool/cli_support.h"
#include "admin-tool/ops/fleet_ops.h"
#include "admin-tool/ops/publish_ops.h"
#include "admin-tool/commands.h"
#include "admin-tool/hub_client.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/files.h"
#include "core/opinions/opinion_rules.h"
#include "core/opinions/opinion_status.h"
#include "core/passports/stamp_kind.h"
#include "core/sync/admin_messages.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/token.h"

namespace lianxin::admin {

namespace {

using nlohmann::json;

std::string when(std::int64_t ms) { return ms <= 0 ? cli_text()("cli.kiosk.never") : local_time_text(ms); }

template <typename T>
bool report(const Result<T>& r) {
    if (!r) std::cerr << r.error().detail << "\n";
    return r.ok();
}

// The public URL a registration answer gives, or "" when it gives none a QR code may carry.
std::string registered_public_url(const json& reg) {
    std::string url = reg.value("public_url", "");
    return public_url_problem(url) ? std::string() : url;
}

// The kiosk.toml a registration produces: identity, hub, keys. Paths are beside the file.
std::string kiosk_toml(const json& reg, const std::string& name, const std::string& key_file, const std::string& hub_url,
                       const std::string& content) {
    std::string t = "# Kiosk " + name + ", registered with " + hub_url + " by lianxin-admin kiosk register.\n";
    t += "# Install this file, " + key_file + " (secret: mode 0600) and the content bundle on the kiosk.\n";
    t += "[kiosk]\nname = \"" + name + "\"\nid = \"" + reg["id"].get<std::string>() + "\"\ncode = \"" +
         reg["code"].get<std::string>() + "\"\nkey = \"" + key_file + "\"\nhub_url = \"" + hub_url + "\"\n";
    // The hub's own public URL, which passports' QR codes must carry; never the API address the
    // admin tool used, which phones may not reach.
    if (std::string public_url = registered_public_url(reg); !public_url.empty())
        t += "public_url = \"" + public_url + "\"\n";
    else
        t += "# public_url = \"https://…\"  the hub gave none: set the address phones reach the hub at\n";
    t += "content = \"" + content + "\"\ndata_dir = \"kiosk-data\"\n";
    t += "publisher_keys = [";
    bool first = true;
    for (auto& k : reg.value("publisher_keys", json::array())) {
        std::string line = k.get<std::string>();
        while (!line.empty() && line.back() == '\n') line.pop_back();
        t += (first ? "\"" : ", \"") + line + "\"";
        first = false;
    }
    t += "]\n";
    if (reg.contains("certificate_key")) {
        std::string line = reg["certificate_key"].get<std::string>();
        while (!line.empty() && line.back() == '\n') line.pop_back();
        t += "\n[certificates]\nkeys = [\"" + line + "\"]\n";
    }
    return t;
}

}  // namespace

void add_hub_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto& flags = hub_flags();
    app.add_option("--hub", flags.url, t("cli.hub.url"));
    app.add_option("--admin-key", flags.key, t("cli.hub.admin_key"));

    auto* kiosk = app.add_subcommand("kiosk", t("cli.kiosk.about"));
    kiosk->require_subcommand(1);
    static std::string reg_name, reg_out, reg_content = "content.lxb", reg_key, reg_code;
    auto* reg = kiosk->add_subcommand("register", t("cli.kiosk.register_about"));
    reg->add_option("NAME", reg_name, t("cli.kiosk.name"))->required();
    reg->add_option("-o,--output", reg_out, t("cli.kiosk.output"))->required();
    reg->add_option("--content", reg_content, t("cli.kiosk.content"))->capture_default_str();
    reg->add_option("--key", reg_key, t("cli.kiosk.key"));
    reg->add_option("--code", reg_code, t("cli.kiosk.code"));
    reg->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            if (std::filesystem::exists(reg_out)) {
                std::cerr << t("cli.kiosk.exists", {reg_out}) << "\n";
                return false;
            }
            // The kiosk refuses to start with a name its pushes could not carry: say so now.
            if (auto why = kiosk_name_problem(reg_name)) {
                std::cerr << t("cli.kiosk.bad_name", {*why}) << "\n";
                return false;
            }
            SecretKey key;
            if (!reg_key.empty()) {
                auto k = load_secret_key(reg_key);
                if (!k) {
                    std::cerr << k.error().detail << "\n";
                    return false;
                }
                key = *k;
            } else {
                key = generate_key();
            }
            // Every file is written before the hub hears of the kiosk, so a disk that refuses
            // them leaves no registration behind: the key pair, and kiosk.toml as a placeholder
            // (rewritten below; a file that can be written once can be replaced).
            std::filesystem::path out(reg_out);
            auto base = out.parent_path() / (out.stem().string() + "-key");
            std::string key_file;
            std::vector<std::filesystem::path> made;
            auto undo_files = [&] {
                std::error_code ec;
                for (auto& f : made) std::filesystem::remove(f, ec);
            };
            if (!reg_key.empty()) {
                key_file = std::filesystem::absolute(reg_key).string();
            } else {
                // Never over another kiosk's key (and so never removing one below).
                if (std::filesystem::exists(base.string() + ".key")) {
                    std::cerr << t("cli.kiosk.key_exists", {base.string()}) << "\n";
                    return false;
                }
                if (auto st = save_key_pair(key, base); !st) {
                    std::cerr << t("cli.kiosk.key_unwritable", {st.error().detail}) << "\n";
                    made = {std::filesystem::path(base.string() + ".key"), std::filesystem::path(base.string() + ".pub")};
                    undo_files();
                    return false;
                }
                made = {std::filesystem::path(base.string() + ".key"), std::filesystem::path(base.string() + ".pub")};
                key_file = base.filename().string() + ".key";
            }
            if (auto st = write_file_atomic(out, "# kiosk " + reg_name + ": registration under way\n"); !st) {
                std::cerr << t("cli.kiosk.toml_unwritable", {reg_out, st.error().detail}) << "\n";
                undo_files();
                return false;
            }
            made.push_back(out);
            KioskRegistration body{reg_name, key.pub.to_text(), std::nullopt};
            if (!reg_code.empty()) body.code = reg_code;
            auto r = hub_call(hub, "POST", "/api/v1/admin/kiosks", to_json(body));
            if (!report(r)) {
                undo_files();
                return false;
            }
            if (auto st = write_file_atomic(out, kiosk_toml(*r, reg_name, key_file, hub.url, reg_content)); !st) {
                // Rolled back as far as the API allows: the registration is revoked, so no kiosk
                // can use it, and the files are removed.
                std::cerr << st.error().detail << "\n";
                auto undo = hub_call(hub, "POST", "/api/v1/admin/kiosks/" + key.pub.id + "/revoke");
                std::cerr << (undo ? t("cli.kiosk.undone") : t("cli.kiosk.revoke_by_hand", {key.pub.id, undo.error().detail}))
                          << "\n";
                undo_files();
                return false;
            }
            std::cout << t("cli.kiosk.registered", {reg_name, (*r)["id"].get<std::string>(), (*r)["code"].get<std::string>()})
                      << "\n"
                      << (reg_key.empty() ? t("cli.kiosk.wrote_with_key", {reg_out, base.string()})
                                          : t("cli.kiosk.wrote", {reg_out}))
                      << "\n";
            if (registered_public_url(*r).empty()) std::cerr << t("cli.kiosk.no_public_url", {reg_out}) << "\n";
            return true;
        });
    });

    auto* list = kiosk->add_subcommand("list", t("cli.kiosk.list_about"));
    list->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            auto r = fetch_fleet(hub);
            if (!report(r)) return false;
            // NAME, ID, CODE, LAST CONTACT, APP and CONTENT, each padded to its width; OUTBOX last.
            auto row = [](std::initializer_list<std::string> cells) {
                static constexpr std::size_t kWidths[] = {20, 18, 6, 18, 12, 12};
                std::string line;
                std::size_t i = 0;
                for (auto& cell : cells) line += i < std::size(kWidths) ? pad_columns(cell, kWidths[i++]) : cell;
                return line;
            };
            std::cout << row({t("cli.kiosk.column.name"), t("cli.kiosk.column.id"), t("cli.kiosk.column.code"),
                              t("cli.kiosk.column.last_contact"), t("cli.kiosk.column.app"),
                              t("cli.kiosk.column.content"), t("cli.kiosk.column.outbox")})
                      << "\n";
            for (auto& k : *r) {
                std::cout << row({k.name, k.id, k.code, when(k.last_contact_ms.value_or(0)),
                                  k.app_version.empty() ? "-" : k.app_version,
                                  k.content_version.empty() ? "-" : k.content_version, std::to_string(k.outbox_depth)})
                          << (k.revoked ? "  " + t("cli.kiosk.revoked_mark") : "")
                          << (k.last_error.empty() ? "" : "  " + t("cli.kiosk.last_error", {k.last_error})) << "\n";
                // What else needs a person, one line each under the kiosk (revoked and the sync
                // error are on its line already).
                const std::int64_t now = Moment::now().utc_ms;
                for (FleetWarning w : fleet_warnings(k, now))
                    if (w != FleetWarning::revoked && w != FleetWarning::sync_error)
                        std::cout << "    ! " << fleet_warning_text(t, k, w, now) << "\n";
            }
            return true;
        });
    });

    static std::string revoke_id;
    auto* revoke = kiosk->add_subcommand("revoke", t("cli.kiosk.revoke_about"));
    revoke->add_option("ID", revoke_id, t("cli.kiosk.id"))->required();
    revoke->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto r = hub_call(hub, "POST", "/api/v1/admin/kiosks/" + revoke_id + "/revoke");
            if (report(r)) std::cout << cli_text()("cli.kiosk.revoked", {revoke_id}) << "\n";
            return r.ok();
        });
    });

    // `content publish` joins the `content` group made by add_content_commands.
    static std::string bundle_path;
    auto* content = app.get_subcommand("content");
    auto* publish = content->add_subcommand("publish", t("cli.content.publish_about"));
    publish->add_option("BUNDLE", bundle_path, t("cli.content.publish_bundle"))->required();
    publish->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto& t = cli_text();
            if (!std::filesystem::exists(bundle_path + ".sig")) {
                std::cerr << t("cli.content.unsigned", {bundle_path}) << "\n";
                return false;
            }
            auto r = upload_bundle(hub, bundle_path);
            if (!r) {
                std::cerr << r.error().detail << "\n";
                return false;
            }
            std::cout << t("cli.content.published", {r->version, std::to_string(r->size)}) << "\n";
            return true;
        });
    });
}

}  // namespace lianxin::admin
