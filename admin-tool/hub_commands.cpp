// Admin commands that talk to the hub (README.md): `kiosk register|list|revoke` and `content
// publish`. Each is one signed call (admin-tool/hub_client.h).
#include <sodium.h>

#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "admin-tool/cli_support.h"
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

std::string when(std::int64_t ms) { return ms <= 0 ? "never" : local_time_text(ms); }

bool report(const Result<json>& r) {
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
    auto& flags = hub_flags();
    app.add_option("--hub", flags.url, "the hub's URL (or LIANXIN_HUB)");
    app.add_option("--admin-key", flags.key, "an admin key enrolled on the hub (or LIANXIN_ADMIN_KEY)");

    auto* kiosk = app.add_subcommand("kiosk", "Register, list and revoke kiosks");
    kiosk->require_subcommand(1);
    static std::string reg_name, reg_out, reg_content = "content.lxb", reg_key, reg_code;
    auto* reg = kiosk->add_subcommand("register", "Create a kiosk's identity and its kiosk.toml");
    reg->add_option("NAME", reg_name, "the kiosk's name, e.g. jinjiang-hall-1")->required();
    reg->add_option("-o,--output", reg_out, "the kiosk.toml to write (its key is written beside it)")->required();
    reg->add_option("--content", reg_content, "the content bundle path to put in kiosk.toml")->capture_default_str();
    reg->add_option("--key", reg_key, "use this existing kiosk key (FILE.key) instead of making one");
    reg->add_option("--code", reg_code, "ask for this 3-character kiosk code instead of the next free one");
    reg->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            if (std::filesystem::exists(reg_out)) {
                std::cerr << reg_out << " exists; choose another file or remove it first\n";
                return false;
            }
            // The kiosk refuses to start with a name its pushes could not carry: say so now.
            if (auto why = kiosk_name_problem(reg_name)) {
                std::cerr << "NAME " << *why << "\n";
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
                    std::cerr << base.string() << ".key exists; choose another -o file or pass it with --key\n";
                    return false;
                }
                if (auto st = save_key_pair(key, base); !st) {
                    std::cerr << "the kiosk's key cannot be written, so it was not registered: " << st.error().detail
                              << "\n";
                    made = {std::filesystem::path(base.string() + ".key"), std::filesystem::path(base.string() + ".pub")};
                    undo_files();
                    return false;
                }
                made = {std::filesystem::path(base.string() + ".key"), std::filesystem::path(base.string() + ".pub")};
                key_file = base.filename().string() + ".key";
            }
            if (auto st = write_file_atomic(out, "# kiosk " + reg_name + ": registration under way\n"); !st) {
                std::cerr << reg_out << " cannot be written, so the kiosk was not registered: " << st.error().detail
                          << "\n";
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
                std::cerr << (undo ? "the registration was revoked; run kiosk register again\n"
                                   : "revoke kiosk " + key.pub.id + " by hand: " + undo.error().detail + "\n");
                undo_files();
                return false;
            }
            std::cout << "kiosk " << reg_name << " registered: id " << (*r)["id"].get<std::string>() << ", code "
                      << (*r)["code"].get<std::string>() << "\nwrote " << reg_out
                      << (reg_key.empty() ? " and " + base.string() + ".key" : std::string()) << "\n";
            if (registered_public_url(*r).empty())
                std::cerr << "warning: the hub has no public_url, so " << reg_out
                          << " has none: set public_url in it (and in the hub's hub.toml) before passports are issued\n";
            return true;
        });
    });

    auto* list = kiosk->add_subcommand("list", "Each kiosk's last contact, versions and outbox depth");
    list->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto r = hub_call(hub, "GET", "/api/v1/admin/kiosks");
            if (!report(r)) return false;
            std::cout << std::left << std::setw(20) << "NAME" << std::setw(18) << "ID" << std::setw(6) << "CODE"
                      << std::setw(18) << "LAST CONTACT" << std::setw(12) << "APP" << std::setw(12) << "CONTENT"
                      << "OUTBOX\n";
            for (auto& k : *r) {
                std::cout << std::setw(20) << k.value("name", "") << std::setw(18) << k.value("id", "") << std::setw(6)
                          << k.value("code", "") << std::setw(18) << when(k.value("last_contact", std::int64_t{0}))
                          << std::setw(12) << k.value("app_version", "-") << std::setw(12) << k.value("content_version", "-")
                          << k.value("outbox_depth", std::int64_t{0}) << (k.value("revoked", false) ? "  REVOKED" : "")
                          << (k.value("last_error", "").empty() ? "" : "  last error: " + k.value("last_error", "")) << "\n";
            }
            return true;
        });
    });

    static std::string revoke_id;
    auto* revoke = kiosk->add_subcommand("revoke", "Make the hub refuse a kiosk from now on");
    revoke->add_option("ID", revoke_id, "the kiosk's id (kiosk list)")->required();
    revoke->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto r = hub_call(hub, "POST", "/api/v1/admin/kiosks/" + revoke_id + "/revoke");
            if (report(r)) std::cout << "kiosk " << revoke_id << " revoked\n";
            return r.ok();
        });
    });

    // `content publish` joins the `content` group made by add_content_commands.
    static std::string bundle_path;
    auto* content = app.get_subcommand("content");
    auto* publish = content->add_subcommand("publish", "Upload a signed bundle (BUNDLE and BUNDLE.sig) to the hub");
    publish->add_option("BUNDLE", bundle_path, "the .lxb file made by content build --key")->required();
    publish->callback([&exit_code] {
        with_hub(exit_code, [](const HubConnection& hub) {
            auto bytes = read_file(bundle_path, 512u << 20);
            if (!bytes) {
                std::cerr << bytes.error().detail << "\n";
                return false;
            }
            auto sig = read_file(bundle_path + ".sig", 1u << 16);
            if (!sig) {
                std::cerr << bundle_path << ".sig: the bundle must be signed (content build --key)\n";
                return false;
            }
            std::string b64(sodium_base64_ENCODED_LEN(sig->size(), sodium_base64_VARIANT_ORIGINAL), '\0');
            sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                              sodium_base64_VARIANT_ORIGINAL);
            b64.resize(std::strlen(b64.c_str()));
            auto r = hub_call(hub, "POST", "/api/v1/admin/bundles", *bytes,
                              {{"Content-Type", "application/octet-stream"}, {"X-Lianxin-Bundle-Signature", b64}});
            if (report(r))
                std::cout << "published content " << (*r)["version"].get<std::string>() << " (" << (*r)["size"].get<std::int64_t>()
                          << " bytes); kiosks fetch it at their next sync\n";
            return r.ok();
        });
    });
}

}  // namespace lianxin::admin
