// Token ids, refs, serials and codes (see token.h): passport ids and their refs, certificate
// serials and how they are printed, adoption codes, and the names of token problems.
#include <sodium.h>

#include "core/base/ascii.h"
#include "core/tokens/token.h"

namespace lianxin {

namespace {

// Keyed BLAKE2b for passport refs: the key separates this use of the hash from any other.
constexpr std::string_view kPassportRefKey = "lianxin passport ref";
static_assert(kPassportRefKey.size() >= crypto_generichash_KEYBYTES_MIN);

}  // namespace

// ---- ids, refs and serials ------------------------------------------------------------------

PassportId new_passport_id() {
    crypto_ready();
    PassportId id;
    randombytes_buf(id.data(), id.size());
    return id;
}

std::string passport_id_text(const PassportId& id) {
    return to_hex(id);
}

bool parse_passport_id(std::string_view text, PassportId& out) {
    PassportId id;
    if (!parse_hex(text, id)) return false;
    out = id;
    return true;
}

PassportRef passport_ref_of(const PassportId& id) {
    crypto_ready();
    PassportRef ref;
    crypto_generichash(ref.data(), ref.size(), id.data(), id.size(),
                       reinterpret_cast<const unsigned char*>(kPassportRefKey.data()),
                       kPassportRefKey.size());
    return ref;
}

CertificateSerial new_certificate_serial() {
    crypto_ready();
    CertificateSerial s;
    randombytes_buf(s.data(), s.size());
    return s;
}

std::string serial_text(const CertificateSerial& serial) {
    return to_hex(serial);
}

std::string format_serial(const CertificateSerial& serial) {
    std::string hex = serial_text(serial), out;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
    }
    return out;
}

const char* adoption_code(Adoption a) {
    return a == Adoption::partly_adopted ? "partly_adopted" : "adopted";
}

bool parse_adoption(std::string_view s, Adoption& out) {
    if (s == "adopted")
        out = Adoption::adopted;
    else if (s == "partly_adopted")
        out = Adoption::partly_adopted;
    else
        return false;
    return true;
}

const char* token_problem_name(TokenProblem p) {
    switch (p) {
        case TokenProblem::wrong_prefix:
            return "wrong_prefix";
        case TokenProblem::bad_encoding:
            return "bad_encoding";
        case TokenProblem::truncated:
            return "truncated";
        case TokenProblem::malformed:
            return "malformed";
        case TokenProblem::unknown_key:
            return "unknown_key";
        case TokenProblem::bad_signature:
            return "bad_signature";
        case TokenProblem::revoked:
            return "revoked";
    }
    return "unknown";
}

}  // namespace lianxin
