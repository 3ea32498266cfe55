// Publishing content to every kiosk: check the sources, build the bundle, sign it, upload it. The
// one path the CLI's `content publish` and the admin window's publish button share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "admin-tool/hub_client.h"
#include "core/base/calendar.h"
#include "core/base/result.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::admin {

struct PublishedBundle {
    std::string version;
    std::int64_t size = 0;
};

// Uploads a signed bundle (BUNDLE with BUNDLE.sig beside it); the hub tells every kiosk to run it.
Result<PublishedBundle> upload_bundle(const HubConnection& hub, const std::filesystem::path& bundle);

enum class PublishStep { checking, building, uploading, done };

// Reads the content folder `dir` and refuses it (invalid_input, with the count and the first
// problem) when it has problems; builds and signs a bundle with `publisher` in a temporary
// folder, which goes afterwards; uploads it. `progress` hears each step as it starts, on the
// calling thread.
Result<PublishedBundle> publish_content(const HubConnection& hub, const std::filesystem::path& dir,
                                        const SecretKey& publisher, const std::function<void(PublishStep)>& progress);

// The content version for a publication made on `today`: "2026.12.07.1", then .2, .3 … when
// `current` is already one of that day's.
std::string next_content_version(const std::string& current, LocalDate today);

}  // namespace lianxin::admin
