// libFuzzer target: the claims parser behind the signature. The harness signs the fuzzed claim
// bytes with a fixed test key (after the key id, which it writes itself), so verify_token gets
// past the signature to the claims; a token that verifies must be re-issued byte for byte.
#include <sodium.h>

#include <cstdlib>

#include "core/tokens/base45.h"
#include "core/tokens/token.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    if (size < 1) return 0;
    const SecretKey& key = fuzz::test_key();
    static const std::vector<PublicKey> trusted{key.pub};
    // First byte: which kind of token; the rest: the claims after the 4-byte key id.
    std::string_view prefix = (data[0] & 1) ? kCertificatePrefix : kPassportPrefix;
    std::vector<std::uint8_t> claims;
    for (std::size_t i = 0; i < kTokenKeyIdBytes; ++i)
        claims.push_back(static_cast<std::uint8_t>(std::stoi(key.pub.id.substr(2 * i, 2), nullptr, 16)));
    claims.insert(claims.end(), data + 1, data + size);

    std::vector<std::uint8_t> message(prefix.begin(), prefix.end());
    message.insert(message.end(), claims.begin(), claims.end());
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, message.data(), message.size(), key.bytes.data());
    std::vector<std::uint8_t> signed_bytes = claims;
    signed_bytes.insert(signed_bytes.end(), sig, sig + sizeof sig);
    std::string token = std::string(prefix) + base45_encode(signed_bytes);

    auto v = verify_token(token, trusted);
    if (!v.ok()) return 0;
    // The layout is canonical: claims that verify are exactly what issuing them again produces
    // (Ed25519 signatures are deterministic), so no two byte strings mean the same token.
    Result<std::string> again = v->passport ? issue_passport_token(*v->passport, key)
                                            : issue_certificate_token(*v->certificate, key);
    if (!again.ok() || *again != token) std::abort();
    return 0;
}
