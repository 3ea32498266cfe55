// The one rule for a public URL (core/tokens/token.h public_url_problem), which hub.toml,
// `lianxin-hub --public-url`, kiosk.toml and the sync reply all apply, and same_public_url.
#include <catch2/catch.hpp>

#include "core/sync/sync_messages.h"
#include "core/tokens/token.h"

using namespace lianxin;

TEST_CASE("a public URL that a certificate's /C/ path cannot follow, or that is not plain ASCII, is refused",
          "[core][tokens]") {
    // No host, a query or fragment (the /C/ path would land after it, never reaching the hub's
    // route), user info, bytes that are not ASCII (a reply is written as UTF-8: the kiosk would
    // get another URL than the hub's), and what the rule always refused.
    for (std::string url : {std::string("http://"), std::string("https://"), std::string("https:///x"),
                            std::string("https://lianxin.example.org/#"), std::string("https://lianxin.example.org/?a="),
                            std::string("https://lianxin.example.org#top"), std::string("https://user@lianxin.example.org"),
                            std::string("https://lianxin\xE9.example.org"), std::string("https://连心.example.org"),
                            std::string("ftp://lianxin.example.org"), std::string("https://lianxin.example.org/ x"),
                            std::string("https://a-very-long-host-name.example.org/x/y"),
                            // Characters a URL cannot carry as they are ('"' and '\\' would also break
                            // the kiosk.toml a registration writes), and a port with no host.
                            std::string("https://lianxin.example.org/a\"b"), std::string("https://lianxin.example.org\\x"),
                            std::string("https://lianxin.example.org/<x>"), std::string("https://lianxin.example.org/{x}"),
                            std::string("https://:8470"), std::string("https://:8470/x")}) {
        CAPTURE(url, certificate_url(url, "LXC1:ABC"));
        CHECK(public_url_problem(url).has_value());
    }
    for (const char* url : {"https://lianxin.example.org", "http://localhost:8470", "http://127.0.0.1:8470/",
                            "https://xn--fiq228c.example.org/lianxin", "http://[::1]:8470"}) {
        CAPTURE(url);
        CHECK_FALSE(public_url_problem(url).has_value());
    }
}

namespace {

// A reply carrying `url`, written by the hub and read by the kiosk.
SyncReply through_a_reply(const std::string& url) {
    SyncReply r;
    r.public_url = url;
    r.cursor = 9;
    auto round = parse_sync_reply(to_json(r));
    REQUIRE(round.ok());
    CHECK(round->cursor == 9);
    return *round;
}

}  // namespace

TEST_CASE("a public URL the hub accepts reaches the kiosk unchanged; one it would refuse is skipped and reported",
          "[core][sync]") {
    for (const char* url : {"https://lianxin.example.org", "http://[::1]:8470", "https://lianxin-public-pages.example.org"}) {
        CAPTURE(url);
        REQUIRE_FALSE(public_url_problem(url));
        SyncReply r = through_a_reply(url);
        CHECK(r.skipped.empty());
        CHECK(r.public_url == url);
    }
    // A poison value must not stop the reply: the rest applies and the cursor moves on.
    for (const char* bad : {"ftp://hub.example", "https://hub.example/ a", "https://a-very-long-host-name.example.org/x/y",
                            "https://hub.example/?x="}) {
        CAPTURE(bad);
        SyncReply r = through_a_reply(bad);
        CHECK_FALSE(r.public_url.has_value());  // the kiosk keeps what it had
        REQUIRE(r.skipped.size() == 1);
        CHECK(r.skipped[0].kind == "public_url");
    }
}

TEST_CASE("two public URLs are the same when every QR code made on them is", "[core][tokens]") {
    CHECK(same_public_url("http://localhost:8470", "http://localhost:8470/"));
    CHECK(same_public_url("http://localhost:8470", "HTTP://LOCALHOST:8470"));
    CHECK(same_public_url("https://Lianxin.example.org/pages", "https://lianxin.example.org/pages/"));
    CHECK_FALSE(same_public_url("https://lianxin.example.org/pages", "https://lianxin.example.org/Pages"));
    CHECK_FALSE(same_public_url("https://lianxin.example.org", "http://lianxin.example.org"));
    CHECK_FALSE(same_public_url("https://lianxin.example.org", ""));
}
