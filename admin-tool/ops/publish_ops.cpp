// Publishing content (see publish_ops.h).
#include "admin-tool/ops/publish_ops.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>

#include "core/base/files.h"
#include "core/base/field_limits.h"
#include "core/content/bundle.h"
#include "core/content/content_sources.h"

namespace lianxin::admin {

namespace fs = std::filesystem;

Result<PublishedBundle> upload_bundle(const HubConnection& hub, const fs::path& bundle) {
    auto bytes = read_file(bundle, kBundleMaxBytes);
    if (!bytes) return bytes.error();
    auto sig = read_file(bundle.string() + ".sig", 1u << 16);
    if (!sig)
        return Error{ErrorCode::invalid_input,
                     bundle.string() + " is not signed (no " + bundle.filename().string() + ".sig beside it): build it with --key"};
    std::string b64(sodium_base64_ENCODED_LEN(sig->size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    auto r = hub_call(hub, "POST", "/api/v1/admin/bundles", *bytes,
                      {{"Content-Type", "application/octet-stream"}, {"X-Lianxin-Bundle-Signature", b64}});
    if (!r) return r.error();
    PublishedBundle out;
    out.version = r->value("version", "");
    out.size = r->value("size", std::int64_t{0});
    return out;
}

Result<PublishedBundle> publish_content(const HubConnection& hub, const fs::path& dir, const SecretKey& publisher,
                                        const std::function<void(PublishStep)>& progress) {
    auto step = [&](PublishStep s) {
        if (progress) progress(s);
    };
    step(PublishStep::checking);
    auto load = load_content_sources(dir);
    if (!load.ok())
        return Error{ErrorCode::invalid_input, std::to_string(load.problems.size()) +
                                                   " problems in the content; the first: " + load.problems.front().to_string()};
    step(PublishStep::building);
    std::error_code ec;
    fs::path tmp = fs::temp_directory_path(ec) / ("lianxin-publish-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(randombytes_random()));
    fs::create_directories(tmp, ec);
    if (ec) return Error{ErrorCode::io, "cannot make a folder for the bundle: " + ec.message()};
    struct Cleanup {
        fs::path p;
        ~Cleanup() {
            std::error_code e;
            fs::remove_all(p, e);
        }
    } cleanup{tmp};
    fs::path bundle = tmp / (load.content.hall.id + "-" + load.content.hall.version + ".lxb");
    if (auto st = write_bundle(load, bundle, &publisher); !st) return st.error();
    step(PublishStep::uploading);
    auto up = upload_bundle(hub, bundle);
    if (!up) return up.error();
    step(PublishStep::done);
    return up;
}

std::string next_content_version(const std::string& current, LocalDate today) {
    char day[16];
    std::snprintf(day, sizeof day, "%04d.%02d.%02d.", today.year, today.month, today.day);
    std::string prefix = day;
    int n = 0;
    if (current.rfind(prefix, 0) == 0) {
        try {
            std::size_t used = 0;
            n = std::stoi(current.substr(prefix.size()), &used);
            if (used != current.size() - prefix.size()) n = 0;
        } catch (...) {
            n = 0;
        }
    }
    return prefix + std::to_string(n + 1);
}

}  // namespace lianxin::admin
