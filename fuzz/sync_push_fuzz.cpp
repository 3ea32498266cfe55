// libFuzzer target: POST /api/v1/sync bodies as the hub receives them from a kiosk. A push that
// parses must survive its own JSON form: what one side writes, the other reads.
#include <cstdlib>

#include "core/sync/sync_messages.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto push = parse_sync_push(fuzz::as_text(data, size));
    if (!push.ok()) return 0;
    std::string json = to_json(*push);
    auto again = parse_sync_push(json);
    if (!again.ok() || to_json(*again) != json) std::abort();
    return 0;
}
