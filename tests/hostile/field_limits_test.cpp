// Mismatched limits, attacked from outside: a value at exactly each limit goes through every
// writer (kiosk forms and kiosk.toml, admin route, lianxin-admin) and is read back unchanged by
// every reader (hub parser and store, admin API, kiosk parser and kiosk.db); one past it is refused
// by the writer with a message naming the field. Hub-side cases run on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/config/kiosk_config.h"
#include "core/content/content_model.h"
#include "core/text/utf8.h"
#include "tests/support/form_encode.h"
#include "tests/hostile/sync_rig.h"

using namespace lianxin;
using namespace lianxin::test;
using json = nlohmann::json;

namespace {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// lianxin-admin against the rig's hub with its enrolled admin key.
RunResult admin_tool(SyncRig& rig, const TempDir& dir, const std::string& args) {
    auto key = dir / "admin";
    if (!std::filesystem::exists(key.string() + ".key")) REQUIRE(save_key_pair(rig.admin, key).ok());
    return run_command(std::string(LIANXIN_ADMIN) + " --hub " + rig.hub.url() + " --admin-key " + key.string() +
                       ".key " + args + " 2>&1");
}

bool has_kiosk_named(hub::HubStore& store, const std::string& name) {
    auto list = store.list_kiosks();
    REQUIRE(list.ok());
    for (auto& k : *list)
        if (k.name == name) return true;
    return false;
}

}  // namespace

// The phone form's page and a poster for it: post(text, name) sends every field percent-escaped,
// as a browser does, with the page's cookie and form token.
struct PhoneForm {
    SyncRig& rig;
    std::string cookie, token;

    explicit PhoneForm(SyncRig& r) : rig(r) {
        FormSession f = form_session(send(rig.hub.url(), "GET", "/o/property-rules", "", nullptr, 0, {{"Accept-Language", "en"}}));
        cookie = f.cookie;
        token = f.token;
    }
    HttpResponse post(const std::string& text, const std::string& name) {
        std::string body = form_encode({{"lang", "en"}, {"article", "3"}, {"stance", "suggest"}, {"text", text},
                                        {"name", name}, {"phone", "13912345678"}, {"consent", "1"},
                                        {"form_token", token}});
        return send(rig.hub.url(), "POST", "/o/property-rules", body, nullptr, 0,
                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
    }
};

TEST_CASE("hostile: the phone form takes an opinion at every limit and refuses one past it", "[hostile][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/true);
    PhoneForm form(rig);
    // Latin text at the limit: the body stays under cpp-httplib's own cap (see the next case).
    const std::string text = repeat("a", kOpinionTextMaxChars), name = repeat("名", kContactNameMaxChars);
    auto r = form.post(text, name);
    INFO(r.body.substr(0, 400));
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("Thank you!"));
    auto listed = rig.call("GET", "/api/v1/admin/opinions", "", rig.admin);
    REQUIRE(listed.status == 200);
    auto j = json::parse(listed.body);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["text"] == text);
    CHECK(j[0]["contact_name"] == name);

    for (auto [t, n] : {std::pair{text + "a", name}, std::pair{text, name + "名"}}) {
        auto past = form.post(t, n);
        CHECK_FALSE(Catch::Contains("Thank you!").match(past.body));
    }
    CHECK(json::parse(rig.call("GET", "/api/v1/admin/opinions", "", rig.admin).body).size() == 1);
}

// Debian's cpp-httplib (built with CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH = 8192) answered
// 413 to any url-encoded body over 8 KiB, and 1000 Chinese characters are 9000 bytes once a browser
// escapes them; the hub's connection front (hub/http_front.cpp) now reads the form's body itself,
// within kPhoneFormMaxBytes.
TEST_CASE("hostile: the phone form takes 1000 Chinese characters", "[hostile][limits]") {
    SyncRig rig("sqlite", /*with_content=*/true);
    PhoneForm form(rig);
    auto r = form.post(repeat("长", kOpinionTextMaxChars), repeat("名", kContactNameMaxChars));
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("Thank you!"));
}

TEST_CASE("hostile: a reply at the limit reaches the kiosk, one past it is refused by every writer",
          "[hostile][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/false, /*wall_clock=*/true);
    TempDir tools;
    OpinionId id = rig.kiosk->opinion();
    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    const std::string target = "/api/v1/admin/opinions/" + id + "/status";

    // Past the limit, in characters (code points), whatever the bytes: refused at the route...
    auto over = rig.call("POST", target, json{{"status", "included"}, {"reply", repeat("a", kReplyMaxChars + 1)}}.dump(),
                         rig.admin);
    CHECK(over.status == 400);
    CHECK_THAT(over.body, Catch::Contains("reply: 2001 characters; a reply is at most 2000"));
    auto emoji = rig.call("POST", target, json{{"status", "included"}, {"reply", "好😀"}}.dump(), rig.admin);
    CHECK(emoji.status == 400);
    CHECK_THAT(emoji.body, Catch::Contains("above U+FFFF"));
    // ... and by lianxin-admin before it calls the hub.
    auto tool = admin_tool(rig, tools, "opinions status " + id + " included --reply " + repeat("a", kReplyMaxChars + 1));
    CHECK(tool.exit_code != 0);
    CHECK_THAT(tool.output, Catch::Contains("--reply 2001 characters"));
    CHECK(rig.hub.store().find_opinion(id)->reply.empty());

    // At the limit, 2000 three-byte characters (6000 bytes): every writer and reader takes it.
    const std::string at_limit = repeat("答", kReplyMaxChars);
    auto tool_ok = admin_tool(rig, tools, "opinions status " + id + " included --reply " + quoted(at_limit));
    INFO(tool_ok.output);
    CHECK(tool_ok.exit_code == 0);
    CHECK(rig.hub.store().find_opinion(id)->reply == at_limit);
    auto listed = rig.call("GET", "/api/v1/admin/opinions?limit=" + std::to_string(kAdminListMax), "", rig.admin);
    REQUIRE(listed.status == 200);
    CHECK(json::parse(listed.body)[0]["reply"] == at_limit);
    rig.agent->nudge();
    REQUIRE(eventually([&] {
        return rig.kiosk_value("SELECT reply FROM opinion_statuses WHERE opinion = ?", id) == at_limit;
    }));
    CHECK(rig.status().skipped_changes == 0);
}

TEST_CASE("hostile: opinion fields at their limits travel kiosk to hub unchanged, one past is refused at the kiosk",
          "[hostile][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    // A kiosk whose name is exactly kKioskNameMaxBytes (33 three-byte characters and one byte).
    const std::string name = repeat("馆", 33) + "1";
    REQUIRE(name.size() == kKioskNameMaxBytes);
    rig.kiosk->outbox = std::make_unique<OpinionOutbox>(*rig.kiosk->db, name);
    OpinionDraft d;
    d.article = 7;
    d.text = repeat("长", kOpinionTextMaxChars);
    d.contact_name = repeat("名", kContactNameMaxChars);
    d.contact_phone = "13812345678";
    d.contact_consent = true;
    auto id = rig.kiosk->outbox->submit(d, draft_under_consultation(), rig.kiosk->now());
    REQUIRE(id.ok());

    OpinionDraft over = d;
    over.text += "长";
    auto refused = rig.kiosk->outbox->submit(over, draft_under_consultation(), rig.kiosk->now());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::text_too_long);
    over = d;
    over.contact_name += "名";
    refused = rig.kiosk->outbox->submit(over, draft_under_consultation(), rig.kiosk->now());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().problem == OpinionProblem::name_too_long);

    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.status().refused_records == 0);
    auto stored = rig.hub.store().find_opinion(*id);
    REQUIRE(stored.ok());
    CHECK(stored->opinion.text == d.text);
    CHECK(stored->opinion.contact_name == d.contact_name);
    CHECK(stored->opinion.kiosk == name);
    auto listed = rig.call("GET", "/api/v1/admin/opinions", "", rig.admin);
    REQUIRE(listed.status == 200);
    auto j = json::parse(listed.body);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["text"] == d.text);
    CHECK(j[0]["contact_name"] == d.contact_name);
    CHECK(j[0]["kiosk"] == name);
}

TEST_CASE("hostile: a kiosk name over the limit is refused at start and at registration", "[hostile][limits]") {
    TempDir tmp;
    const std::string at_limit = std::string(kKioskNameMaxBytes, 'n');
    const std::string over = at_limit + "n";
    auto config = [&](const std::string& name) {
        auto path = tmp / ("kiosk-" + std::to_string(name.size()) + ".toml");
        write_text(path, "[kiosk]\nname = \"" + name + "\"\ncontent = \"" + (demo_dir() / "demo.lxb").string() + "\"\n");
        return path;
    };
    auto ok = load_kiosk_config(config(at_limit));
    REQUIRE(ok.ok());
    CHECK(ok->name == at_limit);
    auto bad = load_kiosk_config(config(over));
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().detail, Catch::Contains("kiosk.name: 101 bytes; a kiosk name is at most 100 bytes"));
    // The kiosk program itself stops before anything is shown, saying which field and what to do.
    auto run = run_command("timeout 60 " + std::string(LIANXIN_KIOSK) + " --config " + config(over).string() + " 2>&1");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("kiosk.name") && Catch::Contains("shorten it in kiosk.toml"));

    // Registration takes exactly what a push can carry.
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/false, /*wall_clock=*/true);
    auto reg = [&](const std::string& name) {
        return rig.call("POST", "/api/v1/admin/kiosks",
                        json{{"name", name}, {"public_key", generate_key().pub.to_text()}}.dump(), rig.admin);
    };
    CHECK(reg(at_limit).status == 201);
    auto refused = reg(over);
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("name: 101 bytes"));
    CHECK(reg("bell\a").status == 400);
    TempDir tools;
    auto tool = admin_tool(rig, tools, "kiosk register " + over + " -o " + (tools / "k.toml").string());
    CHECK(tool.exit_code != 0);
    CHECK_THAT(tool.output, Catch::Contains("NAME 101 bytes"));
    CHECK_FALSE(has_kiosk_named(rig.hub.store(), over));
}

TEST_CASE("hostile: kiosk register leaves no registration behind when its files cannot be written",
          "[hostile][limits]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend, /*with_content=*/false, /*wall_clock=*/true);
    TempDir tools;
    // The key cannot be written: its folder does not exist.
    auto missing = tools / "no-such-folder" / "kiosk.toml";
    auto r = admin_tool(rig, tools, "kiosk register hall-lost -o " + missing.string());
    INFO(r.output);
    CHECK(r.exit_code != 0);
    CHECK_FALSE(has_kiosk_named(rig.hub.store(), "hall-lost"));

    // The hub refuses the registration (a code already taken): the files written first are gone.
    auto out = tools / "kiosk.toml";
    r = admin_tool(rig, tools, "kiosk register hall-dup --code " + rig.reg.code + " -o " + out.string());
    INFO(r.output);
    CHECK(r.exit_code != 0);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK_FALSE(std::filesystem::exists(tools / "kiosk-key.key"));
    CHECK_FALSE(has_kiosk_named(rig.hub.store(), "hall-dup"));

    // And when all is well, the registration and its files are there.
    r = admin_tool(rig, tools, "kiosk register hall-2 -o " + out.string());
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(has_kiosk_named(rig.hub.store(), "hall-2"));
    CHECK(load_kiosk_config(out).ok());
}

TEST_CASE("hostile: the meeting form takes a request at every limit and refuses one past it", "[hostile][limits][records]") {
    SyncRig rig("sqlite", /*with_content=*/true);
    FormSession f = form_session(send(rig.hub.url(), "GET", "/m/", "", nullptr, 0, {{"Accept-Language", "en"}}));
    auto post = [&](const std::string& topic, const std::string& name) {
        return send(rig.hub.url(), "POST", "/m/",
                    form_encode({{"lang", "en"}, {"deputy", "he-jianguo"}, {"topic", topic}, {"name", name},
                                 {"phone", "13912345678"}, {"consent", "1"}, {"form_token", f.token}}),
                    nullptr, 0, {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", f.cookie}});
    };
    const std::string topic = repeat("事", kMeetingTopicMaxChars), name = repeat("名", kContactNameMaxChars);
    auto r = post(topic, name);
    INFO(r.body.substr(0, 400));
    CHECK(r.status == 200);
    CHECK_THAT(r.body, Catch::Contains("Thank you!"));
    for (auto [t, n] : {std::pair{topic + "事", name}, std::pair{topic, name + "名"}})
        CHECK_FALSE(Catch::Contains("Thank you!").match(post(t, n).body));
    auto listed = json::parse(rig.call("GET", "/api/v1/admin/meetings", "", rig.admin).body);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["topic"] == topic);
    CHECK(listed[0]["contact_name"] == name);
}

TEST_CASE("hostile: guestbook and meeting fields at their limits travel kiosk to hub unchanged, one past is refused "
          "at the kiosk",
          "[hostile][limits][records]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    SyncRig rig(backend);
    GuestbookDraft g;
    g.organisation = repeat("单", kGuestbookOrganisationMaxChars);
    g.origin = repeat("地", kGuestbookOriginMaxChars);
    g.people = kGuestbookPeopleMax;
    g.message = repeat("言", kGuestbookMessageMaxChars);
    auto entry = rig.kiosk->records->submit_guestbook(g, rig.kiosk->now());
    REQUIRE(entry.ok());
    for (auto grow : {+[](GuestbookDraft& d) { d.organisation += "单"; }, +[](GuestbookDraft& d) { d.origin += "地"; },
                      +[](GuestbookDraft& d) { d.message += "言"; }, +[](GuestbookDraft& d) { ++d.people; }}) {
        GuestbookDraft over = g;
        grow(over);
        auto refused = rig.kiosk->records->submit_guestbook(over, rig.kiosk->now());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().problems.size() == 1);
    }
    ContentSet station;
    station.deputies.push_back(Deputy{});
    station.deputies.back().id = "he-jianguo";
    MeetingDraft m;
    m.deputy = "he-jianguo";
    m.topic = repeat("事", kMeetingTopicMaxChars);
    m.name = repeat("名", kContactNameMaxChars);
    m.phone = "13812345678";
    m.consent = true;
    auto request = rig.kiosk->records->submit_meeting(m, station, rig.kiosk->now());
    REQUIRE(request.ok());
    MeetingDraft over = m;
    over.topic += "事";
    CHECK_FALSE(rig.kiosk->records->submit_meeting(over, station, rig.kiosk->now()).ok());

    rig.start();
    REQUIRE(eventually([&] { return rig.drained(); }));
    CHECK(rig.status().refused_records == 0);
    auto book = json::parse(rig.call("GET", "/api/v1/admin/guestbook", "", rig.admin).body);
    REQUIRE(book.size() == 1);
    CHECK(book[0]["organisation"] == g.organisation);
    CHECK(book[0]["origin"] == g.origin);
    CHECK(book[0]["message"] == g.message);
    CHECK(book[0]["people"] == kGuestbookPeopleMax);
    auto meetings = json::parse(rig.call("GET", "/api/v1/admin/meetings", "", rig.admin).body);
    REQUIRE(meetings.size() == 1);
    CHECK(meetings[0]["topic"] == m.topic);
    CHECK(meetings[0]["contact_name"] == m.name);
}
