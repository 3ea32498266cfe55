// Signed tokens in QR codes: participation passports (signed by the issuing kiosk's key) and
// adoption certificates (signed by the hub's certificate key). One format for both, laid out
// like the EU digital COVID certificate: a versioned prefix, compact binary claims, an Ed25519
// signature, Base45 text. docs/tokens.md is the specification; this is its only implementation,
// used by the kiosk, the hub and the admin tool.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/base/result.h"
#include "core/crypto/signing_keys.h"

namespace lianxin {

inline constexpr std::string_view kPassportPrefix = "LXP1:";     // passport, format version 1
inline constexpr std::string_view kCertificatePrefix = "LXC1:";  // certificate, format version 1
inline constexpr std::size_t kTokenKeyIdBytes = 4;      // the first 4 bytes of the key id
// kMaxConsultationIdBytes and kMaxPublicUrlChars (what fits QR version 10-Q, or 11-Q) are in
// core/base/field_limits.h with every other field limit.

// A passport's id: 128 random bits, the secret that opens it. Text form: 32 lower-case hex digits.
using PassportId = std::array<std::uint8_t, 16>;
PassportId new_passport_id();  // libsodium randombytes
std::string passport_id_text(const PassportId& id);
bool parse_passport_id(std::string_view text, PassportId& out);

// What a certificate says about its passport: 8 bytes of BLAKE2b(id) keyed with the ASCII string
// "lianxin passport ref". It lets the holder and the hub match the certificate to the passport
// without the certificate opening the passport.
using PassportRef = std::array<std::uint8_t, 8>;
PassportRef passport_ref_of(const PassportId& id);

// A certificate's serial: 8 random bytes, the handle by which it is revoked. Text: 16 hex digits.
using CertificateSerial = std::array<std::uint8_t, 8>;
CertificateSerial new_certificate_serial();
std::string serial_text(const CertificateSerial& serial);
// For people (screens, cards): upper case in groups of four, "19F1-248A-663B-4878".
std::string format_serial(const CertificateSerial& serial);

struct PassportClaims {
    PassportId id{};
    std::string short_code;  // canonical, 11 characters (core/tokens/short_code.h)
    LocalDate issued;        // 2020-01-01 … 2199-06-06
};

enum class Adoption : std::uint8_t { adopted = 1, partly_adopted = 2 };
const char* adoption_code(Adoption a);  // "adopted", "partly_adopted"
bool parse_adoption(std::string_view s, Adoption& out);

struct CertificateClaims {
    CertificateSerial serial{};
    PassportRef passport{};
    std::string consultation_id;  // the content id of the draft (≤ kMaxConsultationIdBytes)
    int article = 0;              // 0: the draft as a whole; else 1 … 65535
    Adoption adoption = Adoption::adopted;
    LocalDate decided;            // the day it was adopted
};

// Token text: prefix + Base45(claims ‖ signature). invalid_input (with the reason) when a claim
// is out of range; the key must be a real key.
Result<std::string> issue_passport_token(const PassportClaims& claims, const SecretKey& key);
Result<std::string> issue_certificate_token(const CertificateClaims& claims, const SecretKey& key);
// A certificate whose URL (certificate_url) fits QR version 10-Q, or 11-Q when the token's fixed
// part leaves no room in 10: draws serials until the escapes in the token leave the URL short
// enough (each draw changes the signature, and so the number of escapes), setting claims.serial
// to the one used. too_large, naming the public URL's length, when no draw fits (the public URL
// is over kMaxPublicUrlChars).
Result<std::string> issue_certificate_for_url(CertificateClaims& claims, const SecretKey& key,
                                              std::string_view public_url);

// What a QR code holds: the public page's URL with the token in its path, so a phone opens the
// page. Scheme and host are upper-cased and the path is "/P/" or "/C/" so the whole text stays
// in QR alphanumeric mode; the three Base45 characters a URL path cannot hold as they are (space,
// %, and / — a '/' would split the token into path segments that browsers rewrite) are
// percent-escaped, with alphanumeric-mode characters. `public_url` is e.g. "https://lianxin.example.org" (no trailing slash needed).
std::string passport_url(std::string_view public_url, std::string_view token);
std::string certificate_url(std::string_view public_url, std::string_view token);
// Why `url` cannot be a public URL for QR codes (no http:// or https://, no host, longer than
// kMaxPublicUrlChars, anything but printable ASCII, or a '?', '#' or '@', after which the
// certificate's /C/ path would not be a path); nullopt when it can. hub.toml, `--public-url`,
// kiosk.toml and the URL a sync reply carries are all judged by this one function.
std::optional<std::string> public_url_problem(std::string_view url);
// Whether two public URLs put the same text in every QR code (a trailing '/' and the case of
// scheme and host make no difference).
bool same_public_url(std::string_view a, std::string_view b);

// Why a token was refused, in the order they are checked.
enum class TokenProblem {
    wrong_prefix,   // not a Lianxin token of a kind and version this program knows
    bad_encoding,   // not Base45 (or a URL whose escapes are broken)
    truncated,      // shorter than its claims and signature
    malformed,      // the claims do not parse, or there are bytes after them
    unknown_key,    // signed by a key that is not trusted here
    bad_signature,  // the signature does not match: altered or forged
    revoked,        // a certificate on the revocation list
};
const char* token_problem_name(TokenProblem p);  // "wrong_prefix", …

struct TokenRefusal {
    TokenProblem problem;
    std::string detail;  // for logs and the admin tool
};

struct VerifiedToken {
    enum class Kind { passport, certificate } kind;
    std::string key_id;  // the full id of the trusted key that signed it
    std::string token;   // the token itself (prefix + Base45), without any URL around it
    std::optional<PassportClaims> passport;
    std::optional<CertificateClaims> certificate;
};

// Accepts the token itself or a URL that carries it (any scheme/host case, escaped or not).
// `revoked` holds certificate serials as text (serial_text); passports are never revoked here.
// Never reads out of bounds on any input; over 1000 characters is refused as wrong_prefix.
Result<VerifiedToken, TokenRefusal> verify_token(std::string_view text_or_url,
                                                 const std::vector<PublicKey>& trusted,
                                                 const std::set<std::string>& revoked = {});

// True when `text` looks like a Lianxin token or a URL carrying one (prefix found), before any
// checking: the kiosk uses it to tell a scanned code from ordinary typing.
bool looks_like_token(std::string_view text);

}  // namespace lianxin
