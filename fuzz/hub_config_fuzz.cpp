// libFuzzer target: hub.toml as an operator writes it. The bytes are written to a scratch file and
// loaded as the hub loads its configuration at start.
#include "fuzz/fuzz_support.h"
#include "hub/hub_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static const auto path = fuzz::scratch_dir() / "hub.toml";
    fuzz::write_file(path, fuzz::as_text(data, size));
    (void)hub::load_hub_config(path);
    return 0;
}
