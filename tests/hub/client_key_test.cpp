// client_key (hub/http_front.h): what the hub counts as one client, for the connections one
// address may hold and for the phone form's posts per address.
#include <catch2/catch.hpp>

#include "hub/http_front.h"

using lianxin::hub::client_key;

TEST_CASE("one client is an IPv4 address, however written, or an IPv6 address's /64", "[hub]") {
    CHECK(client_key("10.0.0.5") == "10.0.0.5");
    CHECK(client_key("::ffff:10.0.0.5") == "10.0.0.5");
    CHECK(client_key("::FFFF:10.0.0.5") == "10.0.0.5");
    // Any address a phone picks in its /64 is the same client.
    CHECK(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    CHECK(client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9"));
    CHECK(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));
    CHECK(client_key("::1") == "::/64");
    // A link-local peer comes with its zone: its /64 within that zone.
    CHECK(client_key("fe80::1%eth0") == client_key("fe80::2%eth0"));
    CHECK(client_key("fe80::aaaa:bbbb:cccc:dddd%2") == "fe80::/64%2");
    CHECK(client_key("fe80::1%eth0") != client_key("fe80::1%eth1"));
    CHECK(client_key("not an address") == "not an address");
}
