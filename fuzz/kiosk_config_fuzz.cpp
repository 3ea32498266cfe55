// libFuzzer target: kiosk.toml as an installer (or a damaged disk) leaves it. The bytes are
// written to a scratch file and loaded as the kiosk loads its configuration at start.
#include "core/config/kiosk_config.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static const auto path = fuzz::scratch_dir() / "kiosk.toml";
    fuzz::write_file(path, fuzz::as_text(data, size));
    (void)load_kiosk_config(path);
    return 0;
}
