// libFuzzer target: content bundles (an SQLite file) as a kiosk finds them on disk or receives
// them from the hub. The bytes are written to a scratch file and loaded without a publisher key,
// so our reading code runs on every file SQLite opens (the signature would stop most before it);
// then every media item the bundle lists is read.
#include "core/content/bundle.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    static const auto path = fuzz::scratch_dir() / "fuzz.lxb";
    std::filesystem::remove(path.string() + "-journal");
    fuzz::write_file(path, fuzz::as_text(data, size));
    auto bundle = load_bundle(path, {});
    if (!bundle.ok()) return 0;
    auto media = BundleMedia::open(path);
    if (!media.ok()) return 0;
    for (auto& [name, wh] : bundle->media_sizes) (void)(*media)->bytes(name);
    return 0;
}
