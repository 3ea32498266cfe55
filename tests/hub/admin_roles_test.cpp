// Admin roles, the audit log and the publication history over real HTTP on both back-ends: each
// route answers only a key with its role (403 naming the role otherwise), every change made
// through the API is logged with who, what, before and after, refused changes are not, and a
// rollback publishes an earlier bundle again. A schema-1 SQLite store keeps its keys' powers and
// its phone opinions' channel.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sodium.h>


#include "core/base/ascii.h"
#include "core/content/bundle.h"
#include "core/content/content_sources.h"
#include "core/storage/sqlite_db.h"
#include "tests/hub/live_hub.h"
#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;
using nlohmann::json;

namespace {

// The demo content built as `version`, signed by the demo publisher: (bundle bytes, signature).
std::pair<std::string, std::string> demo_bundle_as(const std::string& version, const TempDir& tmp) {
    auto sources = load_content_sources(demo_content_dir());
    REQUIRE(sources.ok());
    sources.content.hall.version = version;
    auto key = load_secret_key(demo_dir() / "publisher.key");
    REQUIRE(key.ok());
    auto out = tmp.path() / (version + ".lxb");
    REQUIRE(write_bundle(sources, out, &*key).ok());
        REQUIRE(std::filesystem::exists(out.string() + ".sig"));
    return {read_text(out), read_text(out.string() + ".sig")};
}

HttpResponse publish(LiveHub& hub, const SecretKey& by, const std::pair<std::string, std::string>& b) {
    return send(hub.url(), "POST", "/api/v1/admin/bundles", b.first, &by, 0,
                {{"Content-Type", "application/octet-stream"},
                 {"X-Lianxin-Bundle-Signature",
                  to_base64(reinterpret_cast<const unsigned char*>(b.second.data()), b.second.size())}});
}

json audit_of(LiveHub& hub, const SecretKey& by) {
    auto r = send(hub.url(), "GET", "/api/v1/admin/audit?limit=1000", "", &by);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

}  // namespace

TEST_CASE("admin roles: each route answers its role, every change is audited, a rollback republishes",
          "[hub][admin][roles]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    TempDir tmp;
    LiveHub hub(fresh_spec(backend, tmp));
    hub.config.publisher_keys = {demo_publisher_key()};
    hub.start();
    SecretKey editor = generate_key(), reviewer = generate_key(), op = generate_key(), boss = generate_key();
    REQUIRE(hub.store().add_admin_key(editor.pub, live_ms(), static_cast<AdminRoles>(AdminRole::editor), "编辑小李").ok());
    REQUIRE(hub.store().add_admin_key(reviewer.pub, live_ms(), static_cast<AdminRoles>(AdminRole::reviewer), "审核老王").ok());
    REQUIRE(hub.store().add_admin_key(op.pub, live_ms(), static_cast<AdminRoles>(AdminRole::operator_), "").ok());
    REQUIRE(hub.store().add_admin_key(boss.pub, live_ms(), kAllAdminRoles, "主任").ok());

    // Kiosks are the operator's: registering with another role is refused and changes nothing.
    SecretKey kiosk_key = generate_key();
    const std::string reg = json{{"name", "hall-1"}, {"public_key", kiosk_key.pub.to_text()}}.dump();
    auto refused = send(hub.url(), "POST", "/api/v1/admin/kiosks", reg, &editor);
    CHECK(refused.status == 403);
    CHECK(refused.body.find("this needs the operator role") != std::string::npos);
    CHECK(refused.body.find("roles editor;") != std::string::npos);
    CHECK_FALSE(hub.store().find_kiosk(kiosk_key.pub.id).ok());
    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/kiosks", reg, &op).status == 201);
    CHECK(send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &reviewer).status == 403);
    CHECK(send(hub.url(), "GET", "/api/v1/admin/kiosks", "", &op).status == 200);

    // Opinions are the reviewer's.
    RegisteredKiosk hall{kiosk_key, hub.store().find_kiosk(kiosk_key.pub.id)->code};
    LocalKiosk k(hall, hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId id = k.opinion(p.id);
    REQUIRE(hub.store().ingest(hall.id(), k.push(), live_ms()).ok());
    CHECK(send(hub.url(), "GET", "/api/v1/admin/opinions", "", &op).status == 403);
    CHECK(send(hub.url(), "GET", "/api/v1/admin/opinions", "", &reviewer).status == 200);
    const std::string adopt = json{{"status", "adopted"}, {"reply", "采纳"}}.dump();
    CHECK(send(hub.url(), "POST", "/api/v1/admin/opinions/" + id + "/status", adopt, &editor).status == 403);
    auto adopted = send(hub.url(), "POST", "/api/v1/admin/opinions/" + id + "/status", adopt, &reviewer);
    INFO(adopted.body);
    REQUIRE(adopted.status == 200);
    const std::string serial = json::parse(adopted.body)["certificate"]["serial"];
    CHECK(send(hub.url(), "POST", "/api/v1/admin/certificates/" + serial + "/revoke", "", &op).status == 403);
    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/certificates/" + serial + "/revoke", "", &boss).status == 200);
    // A missing opinion is refused and leaves no trace in the log.
    CHECK(send(hub.url(), "POST", "/api/v1/admin/opinions/01890000-0000-7000-8000-000000000000/status", adopt, &reviewer)
              .status == 404);

    // Content is the editor's: two versions, then a rollback to the first.
    auto v1 = demo_bundle_as("2027.1.1", tmp), v2 = demo_bundle_as("2027.1.2", tmp);
    CHECK(publish(hub, reviewer, v1).status == 403);
    REQUIRE(publish(hub, editor, v1).status == 201);
    REQUIRE(publish(hub, editor, v2).status == 201);
    CHECK(hub.store().current_bundle()->value().version == "2027.1.2");
    CHECK(send(hub.url(), "POST", "/api/v1/admin/bundles/2027.1.1/publish", "", &op).status == 403);
    CHECK(send(hub.url(), "POST", "/api/v1/admin/bundles/2099.9.9/publish", "", &editor).status == 404);
    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/bundles/2027.1.1/publish", "", &editor).status == 200);
    CHECK(hub.store().current_bundle()->value().version == "2027.1.1");
    // Kiosks are told the version now current.
    auto sync = send(hub.url(), "POST", "/api/v1/sync", to_json(k.push()), &kiosk_key);
    REQUIRE(sync.status == 200);
    CHECK(parse_sync_reply(sync.body)->bundle_version == "2027.1.1");
    // Publishing the current version again changes nothing and logs nothing.
    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/bundles/2027.1.1/publish", "", &editor).status == 200);
    auto history = send(hub.url(), "GET", "/api/v1/admin/bundles", "", &reviewer);
    REQUIRE(history.status == 200);
    json h = json::parse(history.body);
    REQUIRE(h.size() == 3);
    CHECK(h[0]["version"] == "2027.1.1");
    CHECK(h[0]["admin_name"] == "编辑小李");
    CHECK(h[1]["version"] == "2027.1.2");

    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/kiosks/" + hall.id() + "/revoke", "", &op).status == 200);
    REQUIRE(send(hub.url(), "POST", "/api/v1/admin/kiosks/" + hall.id() + "/revoke", "", &op).status == 200);

    // The log: every change once, in order, with who and what; readable by every role.
    json log = audit_of(hub, op);
    std::vector<std::string> actions;
    for (auto& e : log) actions.push_back(e["action"]);
    CHECK(actions == std::vector<std::string>{"kiosk.register", "opinion.status", "certificate.issue", "certificate.revoke",
                                              "bundle.publish", "bundle.publish", "bundle.publish", "kiosk.revoke"});
    CHECK(log[0]["admin_key"] == op.pub.id);
    CHECK(log[0]["target"] == hall.id());
    CHECK(json::parse(log[0]["after"].get<std::string>())["name"] == "hall-1");
    CHECK(log[1]["admin_name"] == "审核老王");
    CHECK(log[1]["target"] == id);
    CHECK(json::parse(log[1]["before"].get<std::string>()) == json{{"status", "received"}, {"reply", ""}});
    CHECK(json::parse(log[1]["after"].get<std::string>()) == json{{"status", "adopted"}, {"reply", "采纳"}});
    CHECK(log[3]["admin_name"] == "主任");
    CHECK(json::parse(log[6]["before"].get<std::string>())["current"] == "2027.1.2");
    CHECK(json::parse(log[6]["after"].get<std::string>())["current"] == "2027.1.1");
    for (std::size_t i = 1; i < log.size(); ++i) CHECK(log[i]["seq"].get<std::int64_t>() > log[i - 1]["seq"].get<std::int64_t>());

    // Its filters are checked like every other list's.
    CHECK(send(hub.url(), "GET", "/api/v1/admin/audit?since=-1", "", &op).status == 400);
    CHECK(send(hub.url(), "GET", "/api/v1/admin/audit?who=me", "", &op).status == 400);
    auto late = send(hub.url(), "GET", "/api/v1/admin/audit?since=" + std::to_string(log[7]["at"].get<std::int64_t>()), "", &op);
    CHECK(json::parse(late.body).size() >= 1);
    CHECK(send(hub.url(), "GET", "/api/v1/admin/audit").status == 401);
}

TEST_CASE("admin roles: keys enrolled before roles existed keep every power, bundles stay published",
          "[hub][admin][roles]") {
    TempDir tmp;
    const std::string spec = "sqlite:" + (tmp.path() / "hub.db").string();
    SecretKey old_admin = generate_key();
    {
        auto store = open_ok(spec);
        REQUIRE(store->add_admin_key(old_admin.pub, test_ms()).ok());
        std::string bytes = "bundle bytes";
        unsigned char d[32];
        crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        hub::BundleRecord meta{"2026.1.1", to_hex(std::span<const std::uint8_t>(d, 32)), 12, "sig", test_ms()};
        REQUIRE(store->add_bundle(meta, bytes).ok());
        std::string kiosk = add_test_kiosk(*store, "k1");
        SyncPush push;
        push.heartbeat = {"0.1.0", "2026.1.1", 2, ""};
        REQUIRE(store->ingest(kiosk, push, test_ms(1)).ok());
    }
    {
        // Back to schema 1 as a hub of that time left it: no roles, no names, no log, no history,
        // no report on a kiosk's own kiosk.db.
        SqliteDb db((tmp.path() / "hub.db").string(), SqliteDb::Mode::read_write_create);
        db.exec(schema_4_undone("sqlite"));
        for (const char* sql : {"DROP TABLE audit", "DROP TABLE publications", "ALTER TABLE admin_keys DROP COLUMN roles",
                                "ALTER TABLE admin_keys DROP COLUMN name", "ALTER TABLE opinions DROP COLUMN channel",
                                "ALTER TABLE opinions DROP COLUMN hidden_reason", "ALTER TABLE opinions DROP COLUMN final_article",
                                "DROP TABLE final_articles", "ALTER TABLE kiosks DROP COLUMN hb_db_set_aside",
                                "ALTER TABLE kiosks DROP COLUMN hb_db_newest", "ALTER TABLE kiosks DROP COLUMN hb_db_newest_at",
                                "ALTER TABLE kiosks DROP COLUMN hb_db_salvaged", "ALTER TABLE kiosks DROP COLUMN hb_db_left_out",
                                "ALTER TABLE kiosks DROP COLUMN hb_db_fault", "UPDATE schema_version SET version = 1"})
            db.exec(sql);
        // An opinion from the phone form, as schema 1 filed it: under the phone's kiosk id.
        db.exec("INSERT INTO opinions(id, kiosk_id, consultation, article, stance, text, passport, contact_name, "
                "contact_phone, contact_consent, lang, kiosk_name, created_at, received_at) VALUES "
                "('0189a000-0000-7000-8000-000000000001', 'phone', 'property-rules', NULL, 'support', 'ok', '', '', '', "
                "0, 'zh', 'phone', 1, 1)");
    }
    auto store = open_ok(spec);
    auto keys = store->admin_keys();
    REQUIRE(keys.ok());
    REQUIRE(keys->size() == 1);
    CHECK(keys->at(0).roles == kAllAdminRoles);
    auto current = store->current_bundle();
    REQUIRE(current.ok());
    REQUIRE(current->has_value());
    CHECK((*current)->version == "2026.1.1");
    auto opinions = store->list_opinions({});
    REQUIRE(opinions.ok());
    REQUIRE(opinions->size() == 1);
    CHECK(opinions->at(0).channel == OpinionChannel::phone);
    CHECK_FALSE(opinions->at(0).hidden_reason);
    // The kiosk's last heartbeat stays; it has no report on its kiosk.db until its next one.
    auto kiosks = store->list_kiosks();
    REQUIRE(kiosks.ok());
    REQUIRE(kiosks->size() == 1);
    REQUIRE(kiosks->at(0).last_heartbeat.has_value());
    CHECK(kiosks->at(0).last_heartbeat->heartbeat.outbox_depth == 2);
    CHECK(kiosks->at(0).last_heartbeat->heartbeat.storage == StorageReport{});
    // Enrolling again sets the roles anew; a key with none is refused.
    REQUIRE(store->add_admin_key(old_admin.pub, test_ms(), static_cast<AdminRoles>(AdminRole::reviewer), "老王").ok());
    CHECK(store->admin_keys()->at(0).roles == static_cast<AdminRoles>(AdminRole::reviewer));
    CHECK(store->admin_keys()->at(0).name == "老王");
    CHECK_FALSE(store->add_admin_key(old_admin.pub, test_ms(), 0, "").ok());
}

TEST_CASE("admin roles: role lists are read strictly", "[hub][admin][roles]") {
    CHECK(*parse_roles("all") == kAllAdminRoles);
    CHECK(*parse_roles("editor,operator") == 5u);
    CHECK(roles_text(5) == "editor,operator");
    for (const char* bad : {"", "editor,", "Editor", "editor,editor", "admin", "editor;reviewer"}) {
        INFO(bad);
        CHECK_FALSE(parse_roles(bad).ok());
    }
}
