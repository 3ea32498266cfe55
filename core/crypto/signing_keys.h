// Ed25519 keys (libsodium) as files: publisher, hub, kiosk and admin keys all use this.
// Secret key file (mode 0600): "lianxin-secret-key v1 <key-id> <base64 64-byte secret>".
// Public key file:            "lianxin-public-key v1 <key-id> <base64 32-byte public>".
// The key id is the first 8 bytes of BLAKE2b(public key) in hex: short, stable, not secret.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

struct PublicKey {
    std::string id;
    std::array<unsigned char, 32> bytes{};
    std::string to_text() const;  // the public key file's line
};

struct SecretKey {
    PublicKey pub;
    std::array<unsigned char, 64> bytes{};
};

bool crypto_ready();  // sodium_init; false only if libsodium cannot start
SecretKey generate_key();
std::string key_id_of(const std::array<unsigned char, 32>& pub);

Result<PublicKey> parse_public_key(std::string_view text);
Result<PublicKey> load_public_key(const std::filesystem::path& path);
// A key as configuration names it: the key's own line ("lianxin-public-key v1 …"), or a key
// file, relative to `base` unless absolute.
Result<PublicKey> public_key_from_entry(const std::string& entry, const std::filesystem::path& base);
Result<SecretKey> load_secret_key(const std::filesystem::path& path);
// Writes NAME.key (0600) and NAME.pub.
Status save_key_pair(const SecretKey& key, const std::filesystem::path& base);

// Detached signature file text: "<key-id> <base64 signature>\n".
std::string sign_detached(const SecretKey& key, std::string_view message);
// Checks `signature_text` over `message` against the trusted keys.
Status verify_detached(std::string_view signature_text, std::string_view message,
                       const std::vector<PublicKey>& trusted);

// PIN hashing for the maintenance screen (crypto_pwhash_str, Argon2id, interactive limits).
std::string hash_pin(std::string_view pin);
bool check_pin(std::string_view pin, std::string_view hash);

std::string to_base64(const unsigned char* data, std::size_t size);
bool from_base64(std::string_view text, unsigned char* out, std::size_t size);

}  // namespace lianxin
