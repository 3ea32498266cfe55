// libFuzzer target: the signing headers of kiosk and admin requests, read by the hub before
// anything else. Input: key id, time, nonce, signature, method and path on their own lines, then
// the body. A signature line of "SIGN" is replaced by a real signature over the rest with the
// fixed test key, so the checks after the signature (time window, nonce) are reached too.
#include <sodium.h>

#include <cstdlib>
#include <set>

#include "core/sync/request_signing.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    const SecretKey& key = fuzz::test_key();
    std::string_view rest = fuzz::as_text(data, size);
    std::string fields[6];
    for (auto& f : fields) {
        auto nl = rest.find('\n');
        f = std::string(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    SignedHeaders h{fields[0], fields[1], fields[2], fields[3]};
    const std::string &method = fields[4], &path = fields[5];
    if (h.signature == "SIGN") {
        std::string text = canonical_request_text(method, path, h.time, h.nonce, rest);
        unsigned char sig[crypto_sign_BYTES];
        crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                             key.bytes.data());
        h.signature = to_base64(sig, sizeof sig);
    }
    // One registered key, one revoked key id; a nonce is a replay on its second use in a run of
    // one input (the harness's store forgets between inputs, so every input behaves the same).
    RequestKeyLookup lookup = [&](std::string_view id) -> std::optional<RequestKey> {
        if (id == key.pub.id) return RequestKey{key.pub, false};
        if (id == "00000000000000ff") return RequestKey{key.pub, true};
        return std::nullopt;
    };
    std::set<std::string> seen;
    NonceSeen nonce_seen = [&](std::string_view id, std::string_view nonce, std::int64_t) {
        return !seen.insert(std::string(id) + " " + std::string(nonce)).second;
    };
    constexpr std::int64_t now_ms = 1'800'000'000'000;
    auto v = verify_request(h, method, path, rest, now_ms, lookup, nonce_seen);
    if (v.ok()) {
        // Accepted means: the registered key, within the window, and the same request twice is a replay.
        if (v->key_id != key.pub.id || std::llabs(v->time_ms - now_ms) > kRequestMaxSkewMs) std::abort();
        auto replay = verify_request(h, method, path, rest, now_ms, lookup, nonce_seen);
        if (replay.ok() || replay.error().problem != RequestProblem::replay) std::abort();
    } else {
        int status = request_problem_http_status(v.error().problem);
        if (status != 401 && status != 403 && status != 409) std::abort();
    }
    return 0;
}
