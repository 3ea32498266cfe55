// The largest body each of the hub's routes takes and who must sign it, named once: the
// connection front (http_front.h) refuses a larger Content-Length from the head, before a byte of
// the body is read, and prechecks a signed route's key and time before reading its body.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/field_limits.h"
#include "core/sync/sync_messages.h"

namespace lianxin::hub {

// POST /api/v1/sync: a kiosk's push (core/sync/sync_messages.h holds the protocol's own limit).
inline constexpr std::uint64_t kSyncPushMaxBytes = kSyncMaxBodyBytes;
// POST /api/v1/admin/bundles: a content bundle, the largest body the hub takes.
inline constexpr std::uint64_t kBundlePublishMaxBytes = kBundleMaxBytes;
// Every other admin POST: small JSON (core/base/field_limits.h, kAdminRequestMaxBytes, which
// core/sync/admin_messages.h's readers apply too).
// POST /o/<consultation> and POST /m/: the phone forms (an opinion, a request to meet a deputy),
// url-encoded; core/base/field_limits.h sizes them (kPhoneFormMaxBytes) from the records' own limits.
// Any other route (every GET, unknown paths) takes no body.
inline constexpr std::uint64_t kNoBodyBytes = 0;

enum class RouteSigner { none, kiosk, admin };

struct RouteLimit {
    std::uint64_t max_body = kNoBodyBytes;
    RouteSigner signer = RouteSigner::none;
};

// For a method and a percent-decoded path, as the routes in hub_server.h match them.
inline RouteLimit route_limit(std::string_view method, std::string_view path) {
    auto starts = [&](std::string_view prefix) { return path.substr(0, prefix.size()) == prefix; };
    bool post = method == "POST";
    if (path == "/api/v1/sync") return {post ? kSyncPushMaxBytes : kNoBodyBytes, RouteSigner::kiosk};
    if (starts("/api/v1/bundles/")) return {kNoBodyBytes, RouteSigner::kiosk};
    if (path == "/api/v1/admin/bundles") return {post ? kBundlePublishMaxBytes : kNoBodyBytes, RouteSigner::admin};
    // PUT …/consultations/<id>/final: a regulation's adopted text (field_limits.h, kFinalTextMaxBytes).
    if (method == "PUT" && starts("/api/v1/admin/consultations/")) return {kFinalTextMaxBytes, RouteSigner::admin};
    if (starts("/api/v1/admin/")) return {post ? kAdminRequestMaxBytes : kNoBodyBytes, RouteSigner::admin};
    if (post && (starts("/o/") || starts("/O/") || starts("/m/") || starts("/M/")))
        return {lianxin::kPhoneFormMaxBytes, RouteSigner::none};
    return {};
}

}  // namespace lianxin::hub
