// Browser-test helper: acts as a registered kiosk and pushes one passport with an opinion and its
// stamp to a running hub through the real sync API (signed request, SyncPush JSON, libcurl), so the
// public pages have something real to show. Prints three lines: the passport token, the opinion id
// and the formatted short code. Usage: seed-passport HUB_URL KIOSK_KEY_FILE KIOSK_CODE OPINION_TEXT
#include <chrono>
#include <cstdio>
#include <string>

#include "core/base/uuid.h"
#include "core/crypto/signing_keys.h"
#include "core/i18n/date_text.h"
#include "core/net/http_client.h"
#include "core/sync/request_signing.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

using namespace lianxin;

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr,
                     "usage: seed-passport HUB_URL KIOSK_KEY_FILE KIOSK_CODE OPINION_TEXT\n");
        return 2;
    }
    std::string hub = argv[1], code = argv[3], text = argv[4];
    auto key = load_secret_key(argv[2]);
    if (!key) {
        std::fprintf(stderr, "seed-passport: %s\n", key.error().detail.c_str());
        return 2;
    }
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();

    // A passport exactly as a kiosk issues one: random id, short code with this kiosk's code, token
    // signed with the kiosk's key (the hub's /p/ page verifies it against the registered keys).
    PassportClaims claims;
    claims.id = new_passport_id();
    claims.short_code = new_short_code(code);
    claims.issued = local_date_of(now);
    auto token = issue_passport_token(claims, *key);
    if (!token) {
        std::fprintf(stderr, "seed-passport: %s\n", token.error().detail.c_str());
        return 1;
    }

    SyncPush push;
    push.kiosk = key->pub.id;  // a registered kiosk's id is its key id
    SyncPassport p;
    p.id = passport_id_text(claims.id);
    p.short_code = claims.short_code;
    p.token = *token;
    p.issued_on = claims.issued;
    p.kiosk = "browser-test-kiosk";
    p.created_at_ms = now;
    push.passports.push_back(p);

    Opinion o;
    o.id = new_uuid_v7(now);
    o.consultation_id = "property-rules";
    o.article = 3;
    o.stance = Stance::suggest;
    o.text = text;
    o.passport_id = p.id;
    o.lang = Lang::zh;
    o.kiosk = p.kiosk;
    o.created_at_ms = now;
    push.opinions.push_back(o);

    SyncStamp s;
    s.id = new_uuid_v7(now + 1);
    s.passport = p.id;
    s.kind = StampKind::opinion;
    s.ref = o.id;
    s.created_at_ms = now + 1;
    push.stamps.push_back(s);
    push.heartbeat.app_version = "browser-test";

    std::string body = to_json(push);
    HttpRequest req;
    req.method = "POST";
    req.url = hub + "/api/v1/sync";
    req.body = body;
    req.headers = sign_request(*key, "POST", "/api/v1/sync", body, now).list();
    req.headers.emplace_back("Content-Type", "application/json");
    auto res = http_request(req);
    if (!res.transport_ok || res.status != 200) {
        std::fprintf(stderr, "seed-passport: push refused: %s %ld %s\n", res.error.c_str(),
                     res.status, res.body.c_str());
        return 1;
    }
    auto reply = parse_sync_reply(res.body);
    if (!reply || reply->held_passports.size() != 1 || reply->held_opinions.size() != 1 ||
        reply->held_stamps.size() != 1) {
        std::fprintf(stderr, "seed-passport: the hub did not hold every record: %s\n",
                     res.body.c_str());
        return 1;
    }
    std::printf("%s\n%s\n%s\n", token->c_str(), o.id.c_str(),
                format_short_code(claims.short_code).c_str());
    return 0;
}
