// Signed HTTP requests (docs/sync-protocol.md, "Signing"): every kiosk and admin request to the hub
// carries its key id, time, a fresh nonce and an Ed25519 signature over method, path, time, nonce
// and the body's SHA-256. The kiosk signs; the hub verifies with the kiosk registry and a nonce store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/crypto/signing_keys.h"

namespace lianxin {

inline constexpr std::string_view kHeaderKey = "X-Lianxin-Key";
inline constexpr std::string_view kHeaderTime = "X-Lianxin-Time";
inline constexpr std::string_view kHeaderNonce = "X-Lianxin-Nonce";
inline constexpr std::string_view kHeaderSignature = "X-Lianxin-Signature";
// A request whose time is further than this from the verifier's clock is refused; the verifier's
// nonce store must therefore remember a nonce for at least twice this long.
inline constexpr std::int64_t kRequestMaxSkewMs = 5 * 60 * 1000;

// The four headers' values, as sent (empty = the header was missing).
struct SignedHeaders {
    std::string key_id;     // X-Lianxin-Key: the signing key's id (16 hex digits)
    std::string time;       // X-Lianxin-Time: unix milliseconds, decimal
    std::string nonce;      // X-Lianxin-Nonce: 16 random bytes, 32 lower-case hex digits
    std::string signature;  // X-Lianxin-Signature: base64 of the 64-byte Ed25519 signature
    // Name/value pairs in the order above, for an HTTP client.
    std::vector<std::pair<std::string, std::string>> list() const;
};

// "LXS1\n" METHOD "\n" PATH "\n" TIME "\n" NONCE "\n" hex(SHA-256(body)). METHOD is upper case;
// PATH is the request target as sent, with its query string ("/api/v1/sync", "/x?a=1").
std::string canonical_request_text(std::string_view method, std::string_view path,
                                   std::string_view time, std::string_view nonce, std::string_view body);
std::string sha256_hex(std::string_view bytes);

// Signs a request at `now_ms` (unix ms) with a fresh random nonce.
SignedHeaders sign_request(const SecretKey& key, std::string_view method, std::string_view path,
                           std::string_view body, std::int64_t now_ms);

enum class RequestProblem {
    missing_header,    // one of the four headers is absent or empty (the detail names it)
    malformed_header,  // a header that cannot be read (time not a number, nonce not 32 hex, …)
    unknown_key,       // the key id is not registered
    revoked,           // the key is registered but revoked
    stale_time,        // |now − time| > kRequestMaxSkewMs (skew_ms says by how much)
    replay,            // the nonce was already used by this key
    bad_signature,     // the signature does not match the request
};
const char* request_problem_name(RequestProblem p);  // "stale_time", …
// The HTTP status the hub answers with: 401 (missing, malformed, unknown key, bad signature),
// 403 (revoked), 409 (stale time, replay).
int request_problem_http_status(RequestProblem p);

struct RequestRefusal {
    RequestProblem problem;
    std::string detail;        // safe to send back to the client
    std::int64_t skew_ms = 0;  // for stale_time: request time − verifier time
};

// What the verifier's key registry says about a key id: nullopt when unknown.
struct RequestKey {
    PublicKey key;
    bool revoked = false;
};
using RequestKeyLookup = std::function<std::optional<RequestKey>(std::string_view key_id)>;
// Records (key id, nonce) and returns true when it was already recorded, i.e. a replay. Called only
// for requests whose signature verified, so a forger cannot use up nonces. The store may forget
// entries older than 2 × kRequestMaxSkewMs (request time), since older requests are stale anyway.
using NonceSeen = std::function<bool(std::string_view key_id, std::string_view nonce, std::int64_t time_ms)>;

struct VerifiedRequest {
    std::string key_id;
    std::int64_t time_ms = 0;
};

// The checks that need no body, in verify_request's order: headers present and readable, key
// known, not revoked, time within the window. The hub makes them from a request's head, so an
// unknown key or a stale time is refused before its body is read. nullopt: they pass.
std::optional<RequestRefusal> check_request_headers(const SignedHeaders& headers, std::int64_t now_ms,
                                                    const RequestKeyLookup& lookup);

// Checks, in this order: headers present and readable, key known, not revoked, time within the
// window, signature, nonce unused. `now_ms` is the verifier's clock (unix ms).
Result<VerifiedRequest, RequestRefusal> verify_request(const SignedHeaders& headers, std::string_view method,
                                                       std::string_view path, std::string_view body,
                                                       std::int64_t now_ms, const RequestKeyLookup& lookup,
                                                       const NonceSeen& nonce_seen);

}  // namespace lianxin
