// Ed25519 key files, detached signatures and PIN hashes (libsodium): round trips, file modes,
// and refusal of tampered keys, wrong signatures and wrong PINs.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "core/crypto/signing_keys.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::read_text;
using lianxin::test::TempDir;
using lianxin::test::write_text;

namespace {

unsigned file_mode(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

// Replaces the base64 character at `index` of the key text's last word with another valid one.
std::string tamper_key_text(std::string text, std::size_t index) {
    auto start = text.rfind(' ') + 1;
    char& c = text.at(start + index);
    c = c == 'A' ? 'B' : 'A';
    return text;
}

}  // namespace

TEST_CASE("libsodium starts and generated keys are distinct", "[core][keys]") {
    REQUIRE(crypto_ready());
    auto a = generate_key();
    auto b = generate_key();
    CHECK(a.pub.bytes != b.pub.bytes);
    CHECK(a.pub.id != b.pub.id);
    CHECK(a.pub.id.size() == 16);  // 8 bytes of BLAKE2b in hex
    CHECK(a.pub.id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(key_id_of(a.pub.bytes) == a.pub.id);
}

TEST_CASE("a key pair saved to files loads back the same, the secret with mode 0600", "[core][keys]") {
    TempDir tmp;
    auto key = generate_key();
    REQUIRE(save_key_pair(key, tmp / "publisher").ok());

    auto sk_path = tmp / "publisher.key";
    auto pk_path = tmp / "publisher.pub";
    REQUIRE(fs::exists(sk_path));
    REQUIRE(fs::exists(pk_path));
    CHECK(file_mode(sk_path) == 0600);
    CHECK(file_mode(pk_path) == 0644);
    CHECK_THAT(read_text(sk_path), Catch::StartsWith("lianxin-secret-key v1 " + key.pub.id + " "));
    CHECK(read_text(pk_path) == key.pub.to_text());
    CHECK_THAT(read_text(pk_path), Catch::StartsWith("lianxin-public-key v1 " + key.pub.id + " "));
    CHECK_FALSE(fs::exists(tmp / "publisher.key.tmp"));

    auto sk = load_secret_key(sk_path);
    REQUIRE(sk.ok());
    CHECK(sk->bytes == key.bytes);
    CHECK(sk->pub.bytes == key.pub.bytes);
    CHECK(sk->pub.id == key.pub.id);

    auto pk = load_public_key(pk_path);
    REQUIRE(pk.ok());
    CHECK(pk->bytes == key.pub.bytes);
    CHECK(pk->id == key.pub.id);

    // A signature by the loaded key verifies with the loaded public key.
    auto sig = sign_detached(*sk, "bundle bytes");
    CHECK(verify_detached(sig, "bundle bytes", {*pk}).ok());

    // Saving again over an existing secret keeps it private.
    ::chmod(sk_path.c_str(), 0644);
    REQUIRE(save_key_pair(key, tmp / "publisher").ok());
    CHECK(file_mode(sk_path) == 0600);
}

TEST_CASE("a tampered public key file is refused", "[core][keys]") {
    TempDir tmp;
    auto key = generate_key();
    REQUIRE(save_key_pair(key, tmp / "k").ok());
    auto text = read_text(tmp / "k.pub");

    SECTION("key bytes changed") {
        write_text(tmp / "k.pub", tamper_key_text(text, 5));
        auto r = load_public_key(tmp / "k.pub");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("public key id " + key.pub.id + " does not match its key"));
    }
    SECTION("not base64") {
        write_text(tmp / "k.pub", "lianxin-public-key v1 " + key.pub.id + " ***\n");
        auto r = load_public_key(tmp / "k.pub");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::Contains("public key is not 32 bytes of base64"));
    }
    SECTION("a secret key where a public key belongs") {
        auto r = load_public_key(tmp / "k.key");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_input);
        CHECK_THAT(r.error().detail, Catch::Contains("not a Lianxin public key"));
    }
    SECTION("missing") {
        auto r = load_public_key(tmp / "none.pub");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::io);
    }
}

TEST_CASE("a tampered secret key file is refused", "[core][keys]") {
    TempDir tmp;
    auto key = generate_key();
    REQUIRE(save_key_pair(key, tmp / "k").ok());
    auto text = read_text(tmp / "k.key");

    // The 64-byte secret is the 32-byte seed followed by the public key: damage to either half
    // must be noticed, or the tool would sign with a key that no kiosk can verify.
    for (std::size_t at : {std::size_t{2}, std::size_t{20}, std::size_t{50}, std::size_t{80}}) {
        INFO("base64 character " << at);
        write_text(tmp / "k.key", tamper_key_text(text, at));
        auto r = load_secret_key(tmp / "k.key");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("does not match the key"));
    }

    write_text(tmp / "k.key", "lianxin-secret-key v1 " + key.pub.id + " c2hvcnQ=\n");
    auto short_key = load_secret_key(tmp / "k.key");
    REQUIRE_FALSE(short_key.ok());
    CHECK(short_key.error().code == ErrorCode::invalid_input);
    CHECK_THAT(short_key.error().detail, Catch::Contains("secret key is not 64 bytes of base64"));

    write_text(tmp / "k.key", read_text(tmp / "k.pub"));
    auto wrong_kind = load_secret_key(tmp / "k.key");
    REQUIRE_FALSE(wrong_kind.ok());
    CHECK(wrong_kind.error().code == ErrorCode::invalid_input);
    CHECK_THAT(wrong_kind.error().detail, Catch::Contains("not a Lianxin secret key"));

    write_text(tmp / "k.key", text);
    CHECK(load_secret_key(tmp / "k.key").ok());
}

TEST_CASE("detached signatures verify only for the signed bytes and a trusted key", "[core][keys]") {
    auto key = generate_key();
    auto other = generate_key();
    std::string message = "the bundle's bytes\0with a NUL";
    auto sig = sign_detached(key, message);
    CHECK_THAT(sig, Catch::StartsWith(key.pub.id + " "));
    CHECK(sig.back() == '\n');

    CHECK(verify_detached(sig, message, {key.pub}).ok());
    CHECK(verify_detached(sig, message, {other.pub, key.pub}).ok());

    auto changed = verify_detached(sig, message + "!", {key.pub});
    REQUIRE_FALSE(changed.ok());
    CHECK(changed.error().code == ErrorCode::bad_signature);
    CHECK(changed.error().detail == "signature by key " + key.pub.id + " does not match the data");

    auto untrusted = verify_detached(sig, message, {other.pub});
    REQUIRE_FALSE(untrusted.ok());
    CHECK(untrusted.error().code == ErrorCode::bad_signature);
    CHECK(untrusted.error().detail == "signed by key " + key.pub.id + ", which is not a trusted publisher key");

    CHECK_FALSE(verify_detached(sig, message, {}).ok());

    for (std::string bad : {std::string(), std::string("onlyoneword"), key.pub.id + " AAAA", key.pub.id + " x y"}) {
        INFO("signature text: " << bad);
        auto r = verify_detached(bad, message, {key.pub});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::bad_signature);
        CHECK(r.error().detail == "signature is malformed");
    }
}

TEST_CASE("public key text parses back to the same key", "[core][keys]") {
    auto key = generate_key();
    auto parsed = parse_public_key(key.pub.to_text());
    REQUIRE(parsed.ok());
    CHECK(parsed->bytes == key.pub.bytes);
    CHECK(parsed->id == key.pub.id);
    CHECK_FALSE(parse_public_key("").ok());
    CHECK_FALSE(parse_public_key("lianxin-public-key v2 " + key.pub.id + " AAAA").ok());
}

TEST_CASE("base64 round trips and refuses the wrong length", "[core][keys]") {
    const unsigned char data[5] = {0, 1, 2, 250, 255};
    auto text = to_base64(data, sizeof data);
    CHECK(text == "AAEC+v8=");
    unsigned char back[5] = {};
    REQUIRE(from_base64(text, back, sizeof back));
    CHECK(std::equal(std::begin(data), std::end(data), std::begin(back)));
    unsigned char longer[6] = {};
    CHECK_FALSE(from_base64(text, longer, sizeof longer));
    CHECK_FALSE(from_base64("not base64!", back, sizeof back));
}

TEST_CASE("a PIN hash accepts the right PIN and nothing else", "[core][keys]") {
    auto hash = hash_pin("2580");
    CHECK_THAT(hash, Catch::StartsWith("$argon2id$"));
    CHECK(hash.find("2580") == std::string::npos);
    CHECK(check_pin("2580", hash));
    CHECK_FALSE(check_pin("2581", hash));
    CHECK_FALSE(check_pin("25800", hash));
    CHECK_FALSE(check_pin("", hash));
    CHECK_FALSE(check_pin("2580", ""));
    CHECK_FALSE(check_pin("2580", "$argon2id$garbage"));
    // Salted: the same PIN hashes differently each time, and both verify.
    auto again = hash_pin("2580");
    CHECK(again != hash);
    CHECK(check_pin("2580", again));
}
