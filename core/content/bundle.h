// Content bundles: one SQLite file with all content and media plus a detached Ed25519
// signature (FILE.sig). Built by the admin tool from checked sources; the only thing a kiosk loads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/content/content_model.h"
#include "core/content/content_sources.h"
#include "core/crypto/signing_keys.h"

namespace lianxin {

// 2: consultations, their stages, articles and guiding questions were added.
constexpr int kBundleSchema = 2;
constexpr int kBundleApplicationId = 0x4C584231;  // "LXB1"

struct BundleInfo {
    std::string content_id, content_version, built_at, signed_by;
};

// Writes the bundle atomically to `out` and, with a key, its signature to `out`.sig.
Status write_bundle(const SourceLoad& sources, const std::filesystem::path& out, const SecretKey* key);

struct LoadedBundle {
    std::filesystem::path path;
    BundleInfo info;
    ContentSet content;
    std::map<std::string, std::pair<int, int>> media_sizes;  // name → width, height
};

// Checks the file is a bundle of this schema, intact, and (when `trusted` is not empty) signed
// by one of the trusted publisher keys; then loads all content (media stay in the file).
Result<LoadedBundle> load_bundle(const std::filesystem::path& path, const std::vector<PublicKey>& trusted);

// The newest bundle in `dir` (the sync agent's DATA_DIR/bundles/<version>.lxb, by modification
// time) that passes load_bundle, skipping `except`; not_found naming why each one was refused
// when none does.
Result<LoadedBundle> load_newest_bundle(const std::filesystem::path& dir, const std::vector<PublicKey>& trusted,
                                        const std::filesystem::path& except = {});

// Reads media from a loaded bundle. One instance per thread (it owns a SQLite connection).
class BundleMedia {
public:
    static Result<std::unique_ptr<BundleMedia>> open(const std::filesystem::path& path);
    Result<std::string> bytes(const std::string& name);
    ~BundleMedia();

private:
    struct Impl;
    explicit BundleMedia(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lianxin
