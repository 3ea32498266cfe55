// What the public pages' routes share (public_routes.cpp, meeting_routes.cpp): the page's frame
// and language, the HTML answer with its headers, the form cookie, the address a form's rate
// limit counts, and a form post's body read up to the forms' limit. Internal to hub/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "hub/routes.h"

namespace lianxin::hub {

// The phone forms' rate limit: posts from one address in a window.
inline constexpr std::int64_t kFormWindowMs = 10 * 60 * 1000;
inline constexpr std::int64_t kFormMaxPerWindow = 10;

// A page's frame in `lang`: the toggle to the other language, and the hall's name from the
// published content (none published: the frame's stand-in, the site name).
PageFrame frame_in(HubServer& hub, const httplib::Request& req, Lang lang);
// The page language from ?lang= or Accept-Language.
PageFrame frame_for(HubServer& hub, const httplib::Request& req);
// A post is answered in the language its form was shown in (its hidden `lang`); a language the
// pages do not have leaves the negotiated one.
PageFrame frame_of_form(HubServer& hub, const httplib::Request& req);

// An HTML page with the headers every public page sends (no caching, no scripts, no framing).
void html(httplib::Response& res, int status, std::string body);

std::string cookie_value(const httplib::Request& req, const std::string& name);

// The address the form's rate limit counts. X-Forwarded-For is anyone's to write: trusted from
// any peer, a script sending a new value with each post was never limited. It is taken only from
// a reverse proxy on this host (a loopback peer), and then its last entry, the one that proxy
// added; from any other peer the connection's own address counts. Either is counted by its
// client_key: an IPv6 client could otherwise post from a new address of its /64 each time.
std::string rate_limit_client(const httplib::Request& req);

// A form post's fields by name (a field given twice keeps its first value).
std::map<std::string, std::string> form_fields(const httplib::Request& req);

// The rate limit's first look: a flood of posts of `kind` (opinion-form, meeting-form) from
// `client` is turned away before any work.
bool form_flooded(HubServer& hub, const std::string& kind, const std::string& client, std::int64_t now_ms);

// A form post's record kept: the rate limit's check that holds (checking and recording in one
// store step, so posts racing each other cannot all pass a count taken before any of them was
// recorded), then `push` stored as the phone form's (kPhoneKioskId). A post the store then fails
// to keep still used its place (rare, and it errs on the safe side).
enum class FormKept { kept, too_many, not_stored };
FormKept keep_form_push(HubServer& hub, const std::string& kind, const std::string& client, std::int64_t now_ms,
                        const SyncPush& push);

// A handler for a form's POST: the body is read here rather than by httplib, whose own cap on
// url-encoded forms (8 KiB) is below the forms' limit (1,000 characters of Chinese are 9,000 bytes
// once escaped, and were refused with a bare 413); the front has held the body to
// kPhoneFormMaxBytes already. `form` gets the request with the form's fields as its params.
httplib::Server::HandlerWithContentReader form_post(
    std::function<void(const httplib::Request&, httplib::Response&)> form);

}  // namespace lianxin::hub
