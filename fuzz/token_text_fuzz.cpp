// libFuzzer target: token text and URLs as a scanner or a phone hands them over, through
// verify_token (prefix, URL escapes, Base45, claims, key lookup, signature, revocation).
// Random bytes rarely carry a valid signature; token_claims_fuzz reaches the claims behind it.
#include <cstdlib>

#include "core/tokens/token.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static const std::vector<PublicKey> trusted{fuzz::test_key().pub};
    static const std::set<std::string> revoked{"0000000000000000"};
    auto text = fuzz::as_text(data, size);
    bool looks = looks_like_token(text);
    auto v = verify_token(text, trusted, revoked);
    // Anything that verifies must have carried a prefix, and name the key it was checked with.
    if (v.ok() && (!looks || v->key_id != trusted[0].id)) std::abort();
    return 0;
}
