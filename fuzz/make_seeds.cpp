// fuzz-make-seeds: writes the seed inputs that need the fuzzers' test key or real structures
// (signed tokens, their claim bytes, signed requests, sync messages, a small bundle) into
// fuzz/corpus/<target>/. Run once after a format changes; its output is committed.
#include <sodium.h>

#include <cstdio>
#include <iostream>

#include "core/base/uuid.h"
#include "core/content/bundle.h"
#include "core/content/content_sources.h"
#include "core/sync/request_signing.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/base45.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "fuzz/fuzz_support.h"

namespace fs = std::filesystem;
using namespace lianxin;

namespace {

fs::path g_out;

void seed(const std::string& target, const std::string& name, std::string_view bytes) {
    fs::create_directories(g_out / target);
    fuzz::write_file(g_out / target / name, bytes);
}

template <class T>
T must(Result<T> r, const char* what) {
    if (!r.ok()) {
        std::cerr << what << ": " << r.error().detail << "\n";
        std::exit(1);
    }
    return std::move(*r);
}

// The claim bytes a token_claims input carries: kind byte, then the claims after the key id.
std::string claims_input(std::string_view token, bool certificate) {
    auto bytes = must(base45_decode(token.substr(5)), "decoding a token just issued");
    std::string s(1, certificate ? '\1' : '\0');
    s.append(bytes.begin() + kTokenKeyIdBytes, bytes.end() - crypto_sign_BYTES);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz-make-seeds CORPUS_DIR   (fuzz/corpus)\n";
        return 2;
    }
    g_out = argv[1];
    const SecretKey& key = fuzz::test_key();
    constexpr std::int64_t now_ms = 1'800'000'000'000;

    // Tokens and their URLs, as the kiosk prints them.
    PassportClaims pc;
    pc.id = new_passport_id();
    pc.short_code = new_short_code("JJ1");
    pc.issued = LocalDate{2027, 1, 10};
    std::string passport = must(issue_passport_token(pc, key), "passport");
    CertificateClaims cc;
    cc.serial = new_certificate_serial();
    cc.passport = passport_ref_of(pc.id);
    cc.consultation_id = "elderly-meals";
    cc.article = 3;
    cc.adoption = Adoption::partly_adopted;
    cc.decided = LocalDate{2027, 2, 1};
    std::string certificate = must(issue_certificate_for_url(cc, key, "http://localhost:8470"), "certificate");
    seed("token_text", "passport", passport);
    seed("token_text", "certificate", certificate);
    seed("token_text", "passport-url", passport_url("http://localhost:8470", passport));
    seed("token_text", "certificate-url", certificate_url("https://lianxin.example.org", certificate));
    seed("token_claims", "passport", claims_input(passport, false));
    seed("token_claims", "certificate", claims_input(certificate, true));
    seed("base45", "passport", std::string_view(passport).substr(5));
    seed("base45", "certificate", std::string_view(certificate).substr(5));
    seed("short_code", "canonical", pc.short_code);
    seed("short_code", "typed", format_short_code(pc.short_code));

    // A push with one of each record, and the reply to it.
    Opinion o;
    o.id = new_uuid_v7(now_ms);
    o.consultation_id = "elderly-meals";
    o.article = 2;
    o.stance = Stance::suggest;
    o.text = "建议在社区食堂增加送餐服务。Add meal delivery for residents who cannot walk.";
    o.passport_id = passport_id_text(pc.id);
    o.contact_name = "王芳";
    o.contact_phone = "13912345678";
    o.contact_consent = true;
    o.lang = Lang::zh;
    o.kiosk = "demo-kiosk";
    o.created_at_ms = now_ms;
    SyncPush push;
    push.kiosk = "0190f5e2-7c1a-7b3d-9e4f-0123456789ab";
    push.cursor = 41;
    push.opinions.push_back(o);
    push.passports.push_back(SyncPassport{passport_id_text(pc.id), pc.short_code, passport, pc.issued, "demo-kiosk", now_ms});
    push.stamps.push_back(SyncStamp{new_uuid_v7(now_ms + 1), passport_id_text(pc.id), StampKind::opinion, o.id, now_ms + 1});
    push.heartbeat = Heartbeat{"0.1.0", "2027.01.05", 12, ""};
    std::string push_json = to_json(push);
    must(parse_sync_push(push_json), "the push seed");
    seed("sync_push", "push", push_json);
    SyncReply reply;
    reply.held_opinions = {o.id};
    reply.held_passports = {passport_id_text(pc.id)};
    reply.held_stamps = {push.stamps[0].id};
    reply.statuses.push_back(StatusChange{o.id, OpinionStatus::partly_adopted, "采纳：部分采纳 partly adopted", now_ms + 5});
    reply.certificates = {certificate};
    reply.revoked_certificates = {serial_text(cc.serial)};
    reply.bundle_version = "2027.02.01";
    reply.public_url = "https://lianxin.example.org";
    reply.cursor = 57;
    std::string reply_json = to_json(reply);
    must(parse_sync_reply(reply_json), "the reply seed");
    seed("sync_reply", "reply", reply_json);

    // Signed requests: one as the kiosk signs it, one for the harness to sign ("SIGN").
    auto h = sign_request(key, "POST", "/api/v1/sync", push_json, now_ms);
    auto request = [&](const std::string& signature, std::string_view path, std::string_view body) {
        return h.key_id + "\n" + h.time + "\n" + h.nonce + "\n" + signature + "\nPOST\n" + std::string(path) + "\n" +
               std::string(body);
    };
    seed("request_headers", "signed-push", request(h.signature, "/api/v1/sync", push_json));
    seed("request_headers", "to-sign-admin", request("SIGN", "/api/v1/admin/opinions/" + o.id + "/status",
                                                     R"({"status":"adopted","reply":"谢谢"})"));

    // Configurations as deploy/make-demo.sh writes them, with the keys inline.
    std::string pub = key.pub.to_text();
    while (!pub.empty() && pub.back() == '\n') pub.pop_back();
    seed("kiosk_config", "demo-kiosk.toml", R"(# Demo kiosk configuration.
[kiosk]
name = "demo-kiosk"
content = "demo.lxb"
data_dir = "kiosk-data"
language = "zh"
publisher_keys = [")" + pub + R"("]
code = "JJ1"
id = "0190f5e2-7c1a-7b3d-9e4f-0123456789ab"
hub_url = "http://127.0.0.1:8470"
public_url = "http://localhost:8470"

[certificates]
keys = [")" + pub + R"("]

[print]
printer = "receipt"
format = "receipt"

[idle]
timeout_seconds = 90
countdown_seconds = 20

[attract]
slide_seconds = 8

[input]
rime_dir = "rime"

[maintenance]
pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
)");
    seed("hub_config", "demo-hub.toml", R"(# The demo's local hub.
[hub]
listen = "127.0.0.1:8470"
store = "sqlite:hub/hub.db"
public_url = "http://localhost:8470"
publisher_keys = [")" + pub + R"("]
assets_dir = "assets"
threads = 8
)");
    seed("hub_config", "postgres-hub.toml", R"([hub]
listen = "[::1]:8470"
store = "postgresql://lianxin@db.example.org:5432/lianxin"
public_url = "https://lianxin.example.org"
certificate_key = "hub-certificate.key"
publisher_keys = ["publisher.pub"]
)");

    // A small bundle: the demo content with every image swapped for one tiny PNG.
    fs::path tmp = fuzz::scratch_dir() / "content";
    fs::copy(fs::path(LIANXIN_SOURCE_DIR) / "content", tmp, fs::copy_options::recursive);
    std::string png;
    {
        std::ifstream in(g_out / "image" / "tiny.png", std::ios::binary);
        png.assign(std::istreambuf_iterator<char>(in), {});
    }
    if (png.empty()) {
        std::cerr << "write " << (g_out / "image" / "tiny.png") << " first\n";
        return 1;
    }
    for (auto& e : fs::recursive_directory_iterator(tmp))
        if (e.path().extension() == ".png") fuzz::write_file(e.path(), png);
    auto sources = load_content_sources(tmp);
    for (auto& p : sources.problems) std::cerr << p.to_string() << "\n";
    fs::create_directories(g_out / "bundle");
    if (auto w = write_bundle(sources, g_out / "bundle" / "demo-tiny.lxb", nullptr); !w.ok()) {
        std::cerr << "bundle: " << w.error().detail << "\n";
        return 1;
    }
    std::cout << "seeds written to " << g_out << "\n";
    return 0;
}
