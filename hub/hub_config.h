// hub.toml and the hub's command-line flags (README.md): where it listens, its store, its
// public URL, the keys it signs certificates with and trusts content from, and its assets.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::hub {

struct HubConfig {
    std::string listen_host = "127.0.0.1";
    int listen_port = 8470;
    std::string store = "sqlite:hub.db";          // sqlite:PATH or postgresql://…
    std::string public_url = "http://localhost:8470";  // what QR codes and links point to
    // Set by hub.toml or --public-url. Only a URL someone gave is handed to kiosks in sync replies:
    // the default above would send every kiosk's certificates to localhost.
    bool public_url_given = false;
    std::optional<SecretKey> certificate_key;      // signs certificates; none = cannot issue
    std::vector<PublicKey> publisher_keys;         // content bundles must be signed by one
    std::filesystem::path assets_dir;              // strings for pages; empty = built-in default
    int threads = 8;                               // HTTP worker threads
};

// Relative paths in the file are taken relative to the file's folder. Every error names the key
// and line and says what is expected.
Result<HubConfig> load_hub_config(const std::filesystem::path& path);
// "127.0.0.1:8470", "[::1]:8470", ":8470" (all interfaces) → host and port; false if malformed.
bool parse_listen(std::string_view text, std::string& host, int& port);

}  // namespace lianxin::hub
