// Passport and certificate tokens, version 1 (docs/tokens.md is the byte-by-byte specification):
// claims packing, Ed25519 signing, Base45 text, the URL form, and a verifier that must survive
// any input a scanner or a person can produce.
//
// Sections: helpers · ids, refs and serials · claims packing · issuing · URLs · verifying
#include "core/tokens/token.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <span>

#include "core/base/ascii.h"
#include "core/tokens/base45.h"
#include "core/tokens/qr_code.h"
#include "core/tokens/short_code.h"

namespace lianxin {

// ---- helpers --------------------------------------------------------------------------------

namespace {

constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;  // 64, Ed25519 detached
// key id 4 | passport id 16 | short code 7 | issued day 2
constexpr std::size_t kPassportClaimBytes = kTokenKeyIdBytes + 16 + 7 + 2;
// key id 4 | serial 8 | ref 8 | id length 1 | (id) | article 2 | adoption 1 | decided day 2
constexpr std::size_t kCertificateFixedBytes = kTokenKeyIdBytes + 8 + 8 + 1 + 2 + 1 + 2;
constexpr std::size_t kCertificateLengthAt = kTokenKeyIdBytes + 8 + 8;
// A version-1 certificate URL is at most a few hundred characters; anything much longer is not
// ours, and refusing it early bounds the work a hostile scan can cause.
constexpr std::size_t kMaxInputChars = kScannedTextMaxBytes;
constexpr LocalDate kDayZero{2020, 1, 1};

char upper(char c) { return ascii_upper(c); }

// Length of a token prefix of the shape "LXP<digits>:" or "LXC<digits>:" at the start of `s`
// (exact case), or 0. Any version is recognised so that a newer token is refused by name.
std::size_t prefix_shape(std::string_view s) {
    if (s.size() < 5 || s[0] != 'L' || s[1] != 'X' || (s[2] != 'P' && s[2] != 'C')) return 0;
    std::size_t i = 3;
    while (i < s.size() && i < 8 && s[i] >= '0' && s[i] <= '9') ++i;
    return i > 3 && i < s.size() && s[i] == ':' ? i + 1 : 0;
}

std::string quoted_start(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 12)) {
        auto u = static_cast<unsigned char>(c);
        out += u >= 0x20 && u < 0x7f ? c : '?';
    }
    return "'" + out + (s.size() > 12 ? "…'" : "'");
}

// Days since 2020-01-01 as the u16 of the layout; invalid_input outside 2020-01-01…2199-06-06.
Result<std::uint16_t> day_number(const LocalDate& d, const char* what) {
    if (!d.valid())
        return Error{ErrorCode::invalid_input,
                     std::string(what) + " " + d.to_string() + " is not a real day"};
    long n = days_between(kDayZero, d);
    if (n < 0 || n > 0xffff)
        return Error{ErrorCode::invalid_input, std::string(what) + " " + d.to_string() +
                                                   " is outside 2020-01-01 … " +
                                                   add_days(kDayZero, 0xffff).to_string()};
    return static_cast<std::uint16_t>(n);
}

// The 4 key-id bytes a token carries: the first 8 hex digits of the signer's key id.
bool key_id_prefix(std::string_view key_id, std::span<std::uint8_t, kTokenKeyIdBytes> out) {
    return key_id.size() >= 2 * kTokenKeyIdBytes &&
           parse_hex(key_id.substr(0, 2 * kTokenKeyIdBytes), out);
}

struct Writer {
    std::vector<std::uint8_t> bytes;
    void u8(unsigned v) { bytes.push_back(static_cast<std::uint8_t>(v)); }
    void u16(unsigned v) { u8(v >> 8), u8(v & 0xff); }
    void raw(std::span<const std::uint8_t> b) { bytes.insert(bytes.end(), b.begin(), b.end()); }
};

// Reads fixed-size fields from a buffer whose total length the caller has already checked.
struct Reader {
    std::span<const std::uint8_t> bytes;
    std::size_t at = 0;
    unsigned u8() { return bytes[at++]; }
    unsigned u16() {
        unsigned hi = u8();
        return hi << 8 | u8();
    }
    template <std::size_t N>
    void raw(std::array<std::uint8_t, N>& out) {
        std::copy_n(bytes.begin() + static_cast<long>(at), N, out.begin());
        at += N;
    }
};

// 11 short-code symbols (values 0–30) → 55 bits, most significant first, one zero pad bit.
std::array<std::uint8_t, 7> pack_short_code(std::string_view code) {
    std::uint64_t bits = 0;
    for (char c : code) bits = bits << 5 | kShortCodeAlphabet.find(c);
    bits <<= 1;
    std::array<std::uint8_t, 7> out{};
    for (int i = 6; i >= 0; --i, bits >>= 8) out[static_cast<std::size_t>(i)] = bits & 0xff;
    return out;
}

// The inverse; false (with a reason) for a symbol value of 31, a set pad bit or a bad check.
bool unpack_short_code(const std::array<std::uint8_t, 7>& packed, std::string& code,
                       std::string& why) {
    std::uint64_t bits = 0;
    for (auto b : packed) bits = bits << 8 | b;
    if (bits & 1) {
        why = "the short code's padding bit is set";
        return false;
    }
    bits >>= 1;
    code.assign(kShortCodeChars, '?');
    for (int i = static_cast<int>(kShortCodeChars) - 1; i >= 0; --i, bits >>= 5) {
        auto v = static_cast<std::size_t>(bits & 31);
        if (v >= kShortCodeAlphabet.size()) {
            why = "short code character " + std::to_string(i + 1) + " has the unused value 31";
            return false;
        }
        code[static_cast<std::size_t>(i)] = kShortCodeAlphabet[v];
    }
    auto checked = normalize_short_code(code);
    if (!checked.ok()) {
        why = "the short code " + code + " fails its check character";
        return false;
    }
    return true;
}

bool canonical_short_code(std::string_view code) {
    auto n = normalize_short_code(code);
    return n.ok() && n.value() == code;
}

// The signed message: the prefix's ASCII bytes, then the claims. Signing the prefix binds the
// kind and version, so a certificate's bytes cannot be replayed under a passport prefix.
std::vector<std::uint8_t> signed_message(std::string_view prefix,
                                         std::span<const std::uint8_t> claims) {
    std::vector<std::uint8_t> m(prefix.begin(), prefix.end());
    m.insert(m.end(), claims.begin(), claims.end());
    return m;
}

Status check_signing_key(const SecretKey& key) {
    // libsodium's secret key is seed ‖ public key; a mismatch would sign tokens no one verifies.
    if (!std::equal(key.pub.bytes.begin(), key.pub.bytes.end(), key.bytes.begin() + 32) ||
        key.pub.id != key_id_of(key.pub.bytes))
        return Error{ErrorCode::invalid_input, "the signing key's halves or id do not match"};
    return ok_status();
}

Result<std::string> sign_token(std::string_view prefix, Writer& claims, const SecretKey& key) {
    crypto_ready();
    auto message = signed_message(prefix, claims.bytes);
    std::array<std::uint8_t, kSignatureBytes> sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.bytes.data());
    claims.raw(sig);
    return std::string(prefix) + base45_encode(claims.bytes);
}

}  // namespace

// ---- issuing --------------------------------------------------------------------------------

Result<std::string> issue_passport_token(const PassportClaims& claims, const SecretKey& key) {
    if (auto st = check_signing_key(key); !st) return st.error();
    if (!canonical_short_code(claims.short_code))
        return Error{ErrorCode::invalid_input,
                     "short code '" + claims.short_code +
                         "' is not 11 upper-case characters of the short-code alphabet with a "
                         "valid check character"};
    auto day = day_number(claims.issued, "issue date");
    if (!day) return day.error();

    Writer w;
    std::array<std::uint8_t, kTokenKeyIdBytes> kid{};
    key_id_prefix(key.pub.id, kid);
    w.raw(kid);
    w.raw(claims.id);
    w.raw(pack_short_code(claims.short_code));
    w.u16(*day);
    return sign_token(kPassportPrefix, w, key);
}

Result<std::string> issue_certificate_token(const CertificateClaims& claims, const SecretKey& key) {
    if (auto st = check_signing_key(key); !st) return st.error();
    if (!is_consultation_id(claims.consultation_id))
        return Error{ErrorCode::invalid_input,
                     "consultation id '" + claims.consultation_id + "' must be 1 to " +
                         std::to_string(kMaxConsultationIdBytes) +
                         " ASCII letters, digits, '-' or '_' (it has " +
                         std::to_string(claims.consultation_id.size()) + " bytes)"};
    if (claims.article < 0 || claims.article > 0xffff)
        return Error{ErrorCode::invalid_input, "article " + std::to_string(claims.article) +
                                                   " is outside 0 (the whole draft) … 65535"};
    if (claims.adoption != Adoption::adopted && claims.adoption != Adoption::partly_adopted)
        return Error{ErrorCode::invalid_input, "adoption must be adopted or partly_adopted"};
    auto day = day_number(claims.decided, "decision date");
    if (!day) return day.error();

    Writer w;
    std::array<std::uint8_t, kTokenKeyIdBytes> kid{};
    key_id_prefix(key.pub.id, kid);
    w.raw(kid);
    w.raw(claims.serial);
    w.raw(claims.passport);
    w.u8(static_cast<unsigned>(claims.consultation_id.size()));
    w.raw(std::span(reinterpret_cast<const std::uint8_t*>(claims.consultation_id.data()),
                    claims.consultation_id.size()));
    w.u16(static_cast<unsigned>(claims.article));
    w.u8(static_cast<unsigned>(claims.adoption));
    w.u16(*day);
    return sign_token(kCertificatePrefix, w, key);
}

Result<std::string> issue_certificate_for_url(CertificateClaims& claims, const SecretKey& key,
                                              std::string_view public_url) {
    // Each draw of the serial changes the signature and so how many ' ', '%' and '/' need
    // escaping. Only those in the serial and the signature change, though: the key id, the
    // passport ref and the consultation id are fixed, and for about one passport in a thousand
    // their own escapes leave no room in version 10 at a 40-character public URL, however many
    // serials are drawn. So: version 10 for a few hundred draws (almost always found within a few),
    // then version 11, which holds 38 more characters (19 more escapes) and so fits any token
    // whose fixed part is not astronomically unlucky. A public URL over its documented limit is
    // refused at once, without the draws.
    constexpr int kPreferredDraws = 512;
    constexpr int kDraws = 8192;
    std::string_view too_long = public_url.size() > kMaxPublicUrlChars ? public_url : std::string_view();
    for (int i = 0; too_long.empty() && i < kDraws; ++i) {
        auto token = issue_certificate_token(claims, key);
        if (!token) return token.error();
        int version = i < kPreferredDraws ? kQrPreferredVersion : kQrMaxVersion;
        if (encode_qr(certificate_url(public_url, *token), version).ok()) return token;
        claims.serial = new_certificate_serial();
    }
    return Error{ErrorCode::too_large,
                 "a certificate URL on the public URL '" + std::string(public_url) + "' (" +
                     std::to_string(public_url.size()) +
                     " characters) does not fit a QR code of version " + std::to_string(kQrMaxVersion) +
                     "; use a public URL of at most " + std::to_string(kMaxPublicUrlChars) + " characters"};
}

// ---- URLs -----------------------------------------------------------------------------------

namespace {
std::string token_url(std::string_view public_url, std::string_view marker,
                      std::string_view token) {
    std::string base(public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    // Upper-case scheme and host (both case-insensitive in URLs) so they stay in QR
    // alphanumeric mode; a path in public_url is case-sensitive and is left alone.
    auto scheme_end = base.find("://");
    std::size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    std::size_t host_end = std::min(base.find('/', host_start), base.size());
    for (std::size_t i = 0; i < host_end; ++i) base[i] = upper(base[i]);
    base += marker;
    for (char c : token) {
        if (c == ' ')
            base += "%20";
        else if (c == '%')
            base += "%25";
        else if (c == '/')
            base += "%2F";  // a raw '/' would split the token into path segments, and browsers
                            // collapse "." and ".." segments, altering it (about 1 token in 500)
        else
            base += c;
    }
    return base;
}
}  // namespace

std::string passport_url(std::string_view public_url, std::string_view token) {
    return token_url(public_url, "/P/", token);
}

std::string certificate_url(std::string_view public_url, std::string_view token) {
    return token_url(public_url, "/C/", token);
}

std::optional<std::string> public_url_problem(std::string_view url) {
    const std::size_t host_at = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
    if (host_at == 0) return std::string("must start with https:// (or http:// for a local hub)");
    if (url.size() > kMaxPublicUrlChars)
        return "must be at most " + std::to_string(kMaxPublicUrlChars) +
               " characters: it is printed in every passport's and certificate's QR code";
    for (unsigned char c : url) {
        if (c <= ' ' || c >= 0x7f)
            return std::string("must be plain ASCII without spaces (write a Chinese domain name in its xn-- form)");
        if (c == '?' || c == '#' || c == '@')
            return std::string("must not hold '?', '#' or '@': the certificate's /C/ path is added at its end");
        // What RFC 3986 allows in a URL besides letters and digits (and '%' for its escapes);
        // '"' and '\\' would also break the kiosk.toml a registration writes.
        if (!std::isalnum(c) && !std::strchr("-._~:/[]!$&'()*+,;=%", c))
            return "must not hold '" + std::string(1, static_cast<char>(c)) + "', which a URL cannot carry as it is";
    }
    if (url.size() == host_at || url[host_at] == '/' || url[host_at] == ':')
        return std::string("must name a host, e.g. https://lianxin.example.org");
    return std::nullopt;
}

bool same_public_url(std::string_view a, std::string_view b) { return certificate_url(a, "") == certificate_url(b, ""); }

// ---- verifying ------------------------------------------------------------------------------

namespace {

TokenRefusal refuse(TokenProblem p, std::string detail) {
    return TokenRefusal{p, std::move(detail)};
}

std::string_view trim_controls(std::string_view s) {
    // A scanner ends its "typing" with Enter; spaces are Base45 characters and are kept.
    auto ctl = [](char c) { return c == '\r' || c == '\n' || c == '\t'; };
    while (!s.empty() && ctl(s.front())) s.remove_prefix(1);
    while (!s.empty() && ctl(s.back())) s.remove_suffix(1);
    return s;
}

// Where the token starts in a URL: after the first "/P/" or "/C/" (any case) that is followed
// by "LX" (any case). npos when there is none. `kind` gets the path letter, upper-cased.
std::size_t token_in_url(std::string_view s, char& kind) {
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        char k = upper(s[i + 1]);
        if (s[i] != '/' || (k != 'P' && k != 'C') || s[i + 2] != '/') continue;
        if (starts_with_nocase(s.substr(i + 3), "LX")) {
            kind = k;
            return i + 3;
        }
    }
    return std::string_view::npos;
}

bool percent_decode(std::string_view s, std::string& out, std::string& why) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
        int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            why = "broken percent escape " + quoted_start(s.substr(i, 3)) + " in the URL";
            return false;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

std::string prefix_refusal(std::string_view token) {
    std::string up;
    for (char c : token.substr(0, 10)) up += upper(c);
    if (auto n = prefix_shape(up); n > 0) {
        if (std::string_view(token).substr(0, n) != std::string_view(up).substr(0, n))
            return "the prefix " + std::string(token.substr(0, n)) + " must be upper case (" +
                   up.substr(0, n) + ")";
        return std::string(up[2] == 'P' ? "passport" : "certificate") + " format version " +
               up.substr(3, n - 4) + " is not known to this program (it reads version 1: " +
               std::string(up[2] == 'P' ? kPassportPrefix : kCertificatePrefix) + ")";
    }
    if (token.empty()) return "nothing to check: the text is empty";
    return quoted_start(token) + " is not a Lianxin token: it does not start with " +
           std::string(kPassportPrefix) + " (passport) or " + std::string(kCertificatePrefix) +
           " (certificate), nor is it a URL with /P/ or /C/ followed by one";
}

struct Parsed {
    std::array<std::uint8_t, kTokenKeyIdBytes> key_id{};
    std::span<const std::uint8_t> claims, signature;
};

// Splits and checks lengths (truncated, or malformed for trailing bytes) and the fields
// (malformed). Fills `out` with the claims on success.
std::optional<TokenRefusal> parse_passport(std::span<const std::uint8_t> b, Parsed& p,
                                           PassportClaims& out) {
    constexpr std::size_t total = kPassportClaimBytes + kSignatureBytes;
    if (b.size() < total)
        return refuse(TokenProblem::truncated,
                      std::to_string(b.size()) + " bytes; a version 1 passport has " +
                          std::to_string(total) + " (" + std::to_string(kPassportClaimBytes) +
                          " of claims and a 64-byte signature)");
    if (b.size() > total)
        return refuse(TokenProblem::malformed,
                      std::to_string(b.size() - total) +
                          " unexpected byte(s) after the passport's signature");
    Reader r{b};
    r.raw(p.key_id);
    r.raw(out.id);
    std::array<std::uint8_t, 7> packed{};
    r.raw(packed);
    std::string why;
    if (!unpack_short_code(packed, out.short_code, why))
        return refuse(TokenProblem::malformed, why);
    out.issued = add_days(kDayZero, r.u16());
    p.claims = b.first(kPassportClaimBytes);
    p.signature = b.subspan(kPassportClaimBytes);
    return std::nullopt;
}

std::optional<TokenRefusal> parse_certificate(std::span<const std::uint8_t> b, Parsed& p,
                                              CertificateClaims& out) {
    std::size_t id_len = b.size() > kCertificateLengthAt ? b[kCertificateLengthAt] : 1;
    std::size_t claims_len = kCertificateFixedBytes + id_len;
    if (b.size() < claims_len + kSignatureBytes)
        return refuse(TokenProblem::truncated,
                      std::to_string(b.size()) + " bytes; this certificate needs " +
                          std::to_string(claims_len + kSignatureBytes) + " (" +
                          std::to_string(claims_len) + " of claims with a " +
                          std::to_string(id_len) +
                          "-byte consultation id, and a 64-byte signature)");
    if (id_len == 0 || id_len > kMaxConsultationIdBytes)
        return refuse(TokenProblem::malformed, "consultation id length " + std::to_string(id_len) +
                                                   " is outside 1 … " +
                                                   std::to_string(kMaxConsultationIdBytes));
    if (b.size() > claims_len + kSignatureBytes)
        return refuse(TokenProblem::malformed,
                      std::to_string(b.size() - claims_len - kSignatureBytes) +
                          " unexpected byte(s) after the certificate's signature");
    Reader r{b};
    r.raw(p.key_id);
    r.raw(out.serial);
    r.raw(out.passport);
    r.u8();
    out.consultation_id.assign(reinterpret_cast<const char*>(b.data() + r.at), id_len);
    r.at += id_len;
    if (!is_consultation_id(out.consultation_id))
        return refuse(
            TokenProblem::malformed,
            "the consultation id holds a character other than ASCII letters, digits, '-' and '_'");
    out.article = static_cast<int>(r.u16());
    unsigned adoption = r.u8();
    if (adoption != 1 && adoption != 2)
        return refuse(TokenProblem::malformed,
                      "adoption value " + std::to_string(adoption) +
                          " is neither 1 (adopted) nor 2 (partly adopted)");
    out.adoption = static_cast<Adoption>(adoption);
    out.decided = add_days(kDayZero, r.u16());
    p.claims = b.first(claims_len);
    p.signature = b.subspan(claims_len);
    return std::nullopt;
}

// Steps 2–8 on the token text itself; `url_kind` is the URL's path letter ('P', 'C') or 0.
Result<VerifiedToken, TokenRefusal> verify_token_text(const std::string& token, char url_kind,
                                                      const std::vector<PublicKey>& trusted,
                                                      const std::set<std::string>& revoked) {
    // 2. Prefix: kind and version.
    bool is_passport = token.starts_with(kPassportPrefix);
    if (!is_passport && !token.starts_with(kCertificatePrefix))
        return refuse(TokenProblem::wrong_prefix, prefix_refusal(token));
    if (url_kind != 0 && (url_kind == 'P') != is_passport)
        return refuse(TokenProblem::wrong_prefix,
                      std::string("the URL's /") + url_kind + "/ path carries a " +
                          (is_passport ? "passport" : "certificate") + " token");
    std::string_view prefix = is_passport ? kPassportPrefix : kCertificatePrefix;

    // 3. Base45.
    auto bytes = base45_decode(std::string_view(token).substr(prefix.size()));
    if (!bytes)
        return refuse(TokenProblem::bad_encoding, bytes.error().detail + " (after the prefix)");

    // 4–5. Lengths, then claims.
    Parsed parsed;
    VerifiedToken v{
        is_passport ? VerifiedToken::Kind::passport : VerifiedToken::Kind::certificate, {}, {}, {}};
    if (is_passport) {
        PassportClaims c;
        if (auto bad = parse_passport(*bytes, parsed, c)) return *bad;
        v.passport = std::move(c);
    } else {
        CertificateClaims c;
        if (auto bad = parse_certificate(*bytes, parsed, c)) return *bad;
        v.certificate = std::move(c);
    }

    // 6. The key: every trusted key whose id starts with the token's 8 hex digits (4 bytes can
    // collide between keys, so more than one may need trying).
    std::string kid = to_hex(parsed.key_id);
    std::vector<const PublicKey*> candidates;
    for (auto& k : trusted) {
        std::array<std::uint8_t, kTokenKeyIdBytes> p{};
        if (key_id_prefix(k.id, p) && p == parsed.key_id) candidates.push_back(&k);
    }
    if (candidates.empty())
        return refuse(TokenProblem::unknown_key,
                      "signed by key " + kid + "…, which is not among the " +
                          std::to_string(trusted.size()) + " trusted " +
                          (is_passport ? "kiosk" : "certificate") + " key(s)");

    // 7. The signature over prefix ‖ claims.
    auto message = signed_message(prefix, parsed.claims);
    const PublicKey* signer = nullptr;
    for (auto* k : candidates)
        if (crypto_sign_verify_detached(parsed.signature.data(), message.data(), message.size(),
                                        k->bytes.data()) == 0) {
            signer = k;
            break;
        }
    if (!signer)
        return refuse(TokenProblem::bad_signature, "the signature does not match key " +
                                                       candidates.front()->id +
                                                       ": the token was altered or forged");
    v.key_id = signer->id;
    v.token = token;

    // 8. Revocation, last: only a genuine certificate's serial means anything.
    if (v.certificate) {
        auto serial = serial_text(v.certificate->serial);
        if (revoked.count(serial))
            return refuse(TokenProblem::revoked, "certificate " + serial + " has been revoked");
    }
    return v;
}

}  // namespace

Result<VerifiedToken, TokenRefusal> verify_token(std::string_view text_or_url,
                                                 const std::vector<PublicKey>& trusted,
                                                 const std::set<std::string>& revoked) {
    crypto_ready();
    if (text_or_url.size() > kMaxInputChars)
        return refuse(TokenProblem::wrong_prefix,
                      std::to_string(text_or_url.size()) +
                          " characters is too long for a Lianxin token or its URL (at most " +
                          std::to_string(kMaxInputChars) + ")");
    std::string_view text = trim_controls(text_or_url);

    // 1. The token itself (its '%' and ' ' are its own characters), or the token in a URL.
    if (starts_with_nocase(text, "LX"))
        return verify_token_text(std::string(text), 0, trusted, revoked);
    char url_kind = 0;
    auto at = token_in_url(text, url_kind);
    if (at == std::string_view::npos)
        return refuse(TokenProblem::wrong_prefix, prefix_refusal(text));

    // A URL as issued escapes ' ' and '%'; one pasted together by hand may not. Both readings
    // are tried (each must still carry a valid signature, so this admits nothing forged): the
    // decoded one first, and its refusal is the one reported.
    std::string literal(text.substr(at)), decoded, why;
    if (!percent_decode(literal, decoded, why)) {
        auto r = verify_token_text(literal, url_kind, trusted, revoked);
        if (r.ok() || r.error().problem != TokenProblem::bad_encoding) return r;
        return refuse(TokenProblem::bad_encoding, why);  // the likelier cause of the two
    }
    auto r = verify_token_text(decoded, url_kind, trusted, revoked);
    if (r.ok() || decoded == literal) return r;
    if (auto plain = verify_token_text(literal, url_kind, trusted, revoked); plain.ok())
        return plain;
    return r;
}

bool looks_like_token(std::string_view text) {
    text = trim_controls(text);
    if (text.size() > kMaxInputChars) return false;
    if (prefix_shape(text) > 0) return true;
    char kind = 0;
    auto at = token_in_url(text, kind);
    return at != std::string_view::npos && prefix_shape(text.substr(at)) > 0;
}

}  // namespace lianxin
