// Ed25519 keys, detached signatures and PIN hashes with libsodium.
#include "core/crypto/signing_keys.h"

#include <sodium.h>

#include <sstream>

#include "core/base/files.h"

namespace lianxin {

namespace {
constexpr std::string_view kSecretTag = "lianxin-secret-key";
constexpr std::string_view kPublicTag = "lianxin-public-key";

std::vector<std::string> words(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}
}  // namespace

bool crypto_ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

std::string to_base64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

bool from_base64(std::string_view text, unsigned char* out, std::size_t size) {
    std::size_t len = 0;
    if (sodium_base642bin(out, size, text.data(), text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return len == size;
}

std::string key_id_of(const std::array<unsigned char, 32>& pub) {
    unsigned char h[8];
    crypto_generichash(h, sizeof h, pub.data(), pub.size(), nullptr, 0);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string PublicKey::to_text() const {
    return std::string(kPublicTag) + " v1 " + id + " " + to_base64(bytes.data(), bytes.size()) + "\n";
}

SecretKey generate_key() {
    crypto_ready();
    SecretKey k;
    crypto_sign_keypair(k.pub.bytes.data(), k.bytes.data());
    k.pub.id = key_id_of(k.pub.bytes);
    return k;
}

Result<PublicKey> parse_public_key(std::string_view text) {
    auto w = words(text);
    if (w.size() != 4 || w[0] != kPublicTag || w[1] != "v1")
        return Error{ErrorCode::invalid_input, "not a Lianxin public key (expected '" + std::string(kPublicTag) + " v1 ID KEY')"};
    PublicKey k;
    if (!from_base64(w[3], k.bytes.data(), k.bytes.size()))
        return Error{ErrorCode::invalid_input, "public key is not 32 bytes of base64"};
    k.id = key_id_of(k.bytes);
    if (k.id != w[2]) return Error{ErrorCode::corrupt, "public key id " + w[2] + " does not match its key (" + k.id + ")"};
    return k;
}

Result<PublicKey> load_public_key(const std::filesystem::path& path) {
    auto text = read_file(path, 4096);
    if (!text) return text.error();
    auto k = parse_public_key(*text);
    if (!k) return Error{k.error().code, path.string() + ": " + k.error().detail};
    return k;
}

Result<PublicKey> public_key_from_entry(const std::string& entry, const std::filesystem::path& base) {
    if (entry.rfind("lianxin-public-key", 0) == 0) return parse_public_key(entry);
    std::filesystem::path p(entry);
    return load_public_key(p.is_absolute() ? p : base / p);
}

Result<SecretKey> load_secret_key(const std::filesystem::path& path) {
    crypto_ready();
    auto text = read_file(path, 4096);
    if (!text) return text.error();
    auto w = words(*text);
    if (w.size() != 4 || w[0] != kSecretTag || w[1] != "v1")
        return Error{ErrorCode::invalid_input, path.string() + ": not a Lianxin secret key"};
    SecretKey k;
    if (!from_base64(w[3], k.bytes.data(), k.bytes.size()))
        return Error{ErrorCode::invalid_input, path.string() + ": secret key is not 64 bytes of base64"};
    // The secret is the seed followed by the public key: derive the public key from the seed,
    // so damage to either half is caught (the stored half alone would pass the id check).
    unsigned char seed[crypto_sign_SEEDBYTES];
    std::array<unsigned char, 64> derived{};
    crypto_sign_ed25519_sk_to_seed(seed, k.bytes.data());
    crypto_sign_seed_keypair(k.pub.bytes.data(), derived.data(), seed);
    sodium_memzero(seed, sizeof seed);
    bool consistent = sodium_memcmp(derived.data(), k.bytes.data(), derived.size()) == 0;
    sodium_memzero(derived.data(), derived.size());
    k.pub.id = key_id_of(k.pub.bytes);
    if (!consistent || k.pub.id != w[2]) return Error{ErrorCode::corrupt, path.string() + ": key id does not match the key"};
    return k;
}

Status save_key_pair(const SecretKey& key, const std::filesystem::path& base) {
    auto sk = base;
    sk += ".key";
    auto pk = base;
    pk += ".pub";
    std::string secret = std::string(kSecretTag) + " v1 " + key.pub.id + " " + to_base64(key.bytes.data(), key.bytes.size()) + "\n";
    auto st = write_file_atomic(sk, secret, 0600);
    sodium_memzero(secret.data(), secret.size());
    if (!st) return st;
    return write_file_atomic(pk, key.pub.to_text(), 0644);
}

std::string sign_detached(const SecretKey& key, std::string_view message) {
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes.data());
    return key.pub.id + " " + to_base64(sig, sizeof sig) + "\n";
}

Status verify_detached(std::string_view signature_text, std::string_view message,
                       const std::vector<PublicKey>& trusted) {
    crypto_ready();
    auto w = words(signature_text);
    unsigned char sig[crypto_sign_BYTES];
    if (w.size() != 2 || !from_base64(w[1], sig, sizeof sig))
        return Error{ErrorCode::bad_signature, "signature is malformed"};
    for (auto& k : trusted) {
        if (k.id != w[0]) continue;
        if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                        k.bytes.data()) == 0)
            return ok_status();
        return Error{ErrorCode::bad_signature, "signature by key " + k.id + " does not match the data"};
    }
    return Error{ErrorCode::bad_signature, "signed by key " + w[0] + ", which is not a trusted publisher key"};
}

std::string hash_pin(std::string_view pin) {
    crypto_ready();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return out;
}

bool check_pin(std::string_view pin, std::string_view hash) {
    crypto_ready();
    std::string h(hash);
    return !h.empty() && crypto_pwhash_str_verify(h.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace lianxin
