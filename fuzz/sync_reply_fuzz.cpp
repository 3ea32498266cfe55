// libFuzzer target: sync replies as a kiosk receives them from the hub (or from whatever answers
// in its place). A reply that parses must survive its own JSON form.
#include <cstdlib>

#include "core/sync/sync_messages.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto reply = parse_sync_reply(fuzz::as_text(data, size));
    if (!reply.ok()) return 0;
    std::string json = to_json(*reply);
    auto again = parse_sync_reply(json);
    if (!again.ok() || to_json(*again) != json) std::abort();
    return 0;
}
