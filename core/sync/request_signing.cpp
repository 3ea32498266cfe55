// Request signing with libsodium: SHA-256 of the body, Ed25519 over the canonical text, base64
// signature. Verification checks cheap things first and records a nonce only after the signature
// holds, so neither a forger nor a stale request can fill the nonce store.
#include "core/sync/request_signing.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>

namespace lianxin {

namespace {

std::string hex(const unsigned char* p, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.resize(n * 2);
    return out;
}

bool is_lower_hex(std::string_view s, std::size_t digits) {
    return s.size() == digits && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Unix milliseconds as 1–15 decimal digits (no sign, no spaces): enough until the year 33658.
bool parse_time(std::string_view s, std::int64_t& out) {
    if (s.empty() || s.size() > 15) return false;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "4 min 59.000 s" style, for a stale_time detail a person reads.
std::string duration_text(std::int64_t ms) {
    std::int64_t a = std::llabs(ms);
    std::string s = std::to_string(a / 60000) + " min " + std::to_string((a % 60000) / 1000) + "." +
                    std::to_string(1000 + a % 1000).substr(1) + " s";
    return s;
}

RequestRefusal refusal(RequestProblem p, std::string detail) { return RequestRefusal{p, std::move(detail), 0}; }

}  // namespace

std::vector<std::pair<std::string, std::string>> SignedHeaders::list() const {
    return {{std::string(kHeaderKey), key_id},
            {std::string(kHeaderTime), time},
            {std::string(kHeaderNonce), nonce},
            {std::string(kHeaderSignature), signature}};
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex(h, sizeof h);
}

std::string canonical_request_text(std::string_view method, std::string_view path, std::string_view time,
                                   std::string_view nonce, std::string_view body) {
    std::string s = "LXS1\n";
    s += upper(method);
    s += '\n';
    s += path;
    s += '\n';
    s += time;
    s += '\n';
    s += nonce;
    s += '\n';
    s += sha256_hex(body);
    return s;
}

SignedHeaders sign_request(const SecretKey& key, std::string_view method, std::string_view path,
                           std::string_view body, std::int64_t now_ms) {
    crypto_ready();
    unsigned char n[16];
    randombytes_buf(n, sizeof n);
    SignedHeaders h;
    h.key_id = key.pub.id;
    h.time = std::to_string(now_ms);
    h.nonce = hex(n, sizeof n);
    std::string text = canonical_request_text(method, path, h.time, h.nonce, body);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                         key.bytes.data());
    h.signature = to_base64(sig, sizeof sig);
    return h;
}

const char* request_problem_name(RequestProblem p) {
    switch (p) {
        case RequestProblem::missing_header: return "missing_header";
        case RequestProblem::malformed_header: return "malformed_header";
        case RequestProblem::unknown_key: return "unknown_key";
        case RequestProblem::revoked: return "revoked";
        case RequestProblem::stale_time: return "stale_time";
        case RequestProblem::replay: return "replay";
        case RequestProblem::bad_signature: return "bad_signature";
    }
    return "unknown";
}

int request_problem_http_status(RequestProblem p) {
    switch (p) {
        case RequestProblem::revoked: return 403;
        case RequestProblem::stale_time:
        case RequestProblem::replay: return 409;
        default: return 401;
    }
}

namespace {

// check_request_headers, handing on what the signature check needs.
std::optional<RequestRefusal> check_headers(const SignedHeaders& h, std::int64_t now_ms, const RequestKeyLookup& lookup,
                                            std::int64_t& time_ms, unsigned char (&sig)[crypto_sign_BYTES],
                                            std::optional<RequestKey>& key) {
    for (auto [name, value] : {std::pair{kHeaderKey, &h.key_id}, std::pair{kHeaderTime, &h.time},
                               std::pair{kHeaderNonce, &h.nonce}, std::pair{kHeaderSignature, &h.signature}})
        if (value->empty()) return refusal(RequestProblem::missing_header, "header " + std::string(name) + " is missing");

    if (!parse_time(h.time, time_ms))
        return refusal(RequestProblem::malformed_header, std::string(kHeaderTime) + " must be unix milliseconds");
    if (!is_lower_hex(h.nonce, 32))
        return refusal(RequestProblem::malformed_header, std::string(kHeaderNonce) + " must be 32 lower-case hex digits");
    if (!from_base64(h.signature, sig, sizeof sig))
        return refusal(RequestProblem::malformed_header,
                       std::string(kHeaderSignature) + " must be 64 bytes in base64");
    if (!is_lower_hex(h.key_id, 16))
        return refusal(RequestProblem::malformed_header, std::string(kHeaderKey) + " must be a key id (16 hex digits)");

    key = lookup(h.key_id);
    if (!key) return refusal(RequestProblem::unknown_key, "key " + h.key_id + " is not registered");
    if (key->revoked) return refusal(RequestProblem::revoked, "key " + h.key_id + " has been revoked");

    std::int64_t skew = time_ms - now_ms;
    if (std::llabs(skew) > kRequestMaxSkewMs) {
        RequestRefusal r = refusal(RequestProblem::stale_time,
                                   "request time is " + duration_text(skew) + (skew > 0 ? " ahead of" : " behind") +
                                       " the hub's clock (at most 5 min allowed)");
        r.skew_ms = skew;
        return r;
    }
    return std::nullopt;
}

}  // namespace

std::optional<RequestRefusal> check_request_headers(const SignedHeaders& headers, std::int64_t now_ms,
                                                    const RequestKeyLookup& lookup) {
    crypto_ready();
    std::int64_t time_ms = 0;
    unsigned char sig[crypto_sign_BYTES];
    std::optional<RequestKey> key;
    return check_headers(headers, now_ms, lookup, time_ms, sig, key);
}

Result<VerifiedRequest, RequestRefusal> verify_request(const SignedHeaders& h, std::string_view method,
                                                       std::string_view path, std::string_view body,
                                                       std::int64_t now_ms, const RequestKeyLookup& lookup,
                                                       const NonceSeen& nonce_seen) {
    crypto_ready();
    std::int64_t time_ms = 0;
    unsigned char sig[crypto_sign_BYTES];
    std::optional<RequestKey> key;
    if (auto r = check_headers(h, now_ms, lookup, time_ms, sig, key)) return *r;

    std::string text = canonical_request_text(method, path, h.time, h.nonce, body);
    if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                    key->key.bytes.data()) != 0)
        return refusal(RequestProblem::bad_signature,
                       "signature does not match the request (method, path, time, nonce or body changed, or another key)");

    if (nonce_seen(h.key_id, h.nonce, time_ms))
        return refusal(RequestProblem::replay, "nonce " + h.nonce + " was already used");
    return VerifiedRequest{h.key_id, time_ms};
}

}  // namespace lianxin
