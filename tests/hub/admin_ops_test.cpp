// The admin tool's command layer (admin-tool/ops/) against a real hub on loopback, on both store
// back-ends: opinions found by each filter and paged past one answer, statuses set in bulk with
// one refusal among them, exports read back (CSV as text, XLSX with openpyxl) with a formula
// injection attempt, and the audit log and publication history.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "admin-tool/ops/consultation_ops.h"
#include "admin-tool/ops/hub_ops.h"
#include "admin-tool/ops/opinion_export.h"
#include "admin-tool/ops/opinion_ops.h"
#include "admin-tool/ops/opinion_stats.h"
#include "core/base/ascii.h"
#include "core/base/calendar.h"
#include "core/base/uuid.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"
#include "tests/hub/admin_text_support.h"
#include "tests/hub/live_hub.h"
#include "tests/hub/store_test_support.h"

using namespace lianxin;
using namespace lianxin::test;
using nlohmann::json;

namespace {

// A hub whose clock is the wall clock, as the admin tool signs with it, with an enrolled admin.
struct AdminRig {
    TempDir tmp;
    LiveHub hub;
    admin::HubConnection conn;
    // With `content`, the demo bundle is published, so the hub judges drafts and articles too.
    explicit AdminRig(const std::string& backend, bool content = false) : hub(fresh_spec(backend, tmp)) {
        hub.clock = &wall_clock_ms;
        if (content) hub.config.publisher_keys = {demo_publisher_key()};
        hub.start();
        conn.url = hub.url();
        conn.key = generate_key();
        REQUIRE(hub.store().add_admin_key(conn.key.pub, wall_clock_ms()).ok());
        if (!content) return;
        std::string sig = read_text(demo_dir() / "demo.lxb.sig");
        auto r = admin::hub_call(conn, "POST", "/api/v1/admin/bundles", read_text(demo_dir() / "demo.lxb"),
                                 {{"Content-Type", "application/octet-stream"},
                                  {"X-Lianxin-Bundle-Signature",
                                   to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
        if (!r) FAIL(r.error().detail);
    }
};

Opinion opinion(const std::string& consultation, std::optional<int> article, Stance stance, const std::string& text,
                const std::string& kiosk_name, std::int64_t at_ms) {
    Opinion o;
    o.id = new_uuid_v7(at_ms);
    o.consultation_id = consultation;
    o.article = article;
    o.stance = stance;
    o.text = text;
    o.kiosk = kiosk_name;
    o.created_at_ms = at_ms;
    return o;
}

// Holds `list` at the hub as pushed by `kiosk_id` (in pushes of at most kSyncMaxBatch).
void hold(hub::HubStore& store, const std::string& kiosk_id, const std::vector<Opinion>& list) {
    for (std::size_t i = 0; i < list.size(); i += kSyncMaxBatch) {
        SyncPush push;
        push.kiosk = kiosk_id;
        push.opinions.assign(list.begin() + static_cast<long>(i),
                             list.begin() + static_cast<long>(std::min(list.size(), i + kSyncMaxBatch)));
        auto r = store.ingest(kiosk_id, push, wall_clock_ms());
        if (!r) FAIL("ingest: " << r.error().detail);
    }
}

std::set<std::string> texts(const std::vector<AdminOpinion>& list) {
    std::set<std::string> s;
    for (auto& o : list) s.insert(o.text);
    return s;
}

}  // namespace

TEST_CASE("admin ops: every filter finds its opinions, and bad filters are refused before a call", "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto hall = register_in_store(rig.hub.store(), "hall-1");
    auto hall2 = register_in_store(rig.hub.store(), "hall-2");
    const std::int64_t day = 86'400'000, t0 = local_midnight_ms({2026, 11, 2}) + 10 * 3'600'000;
    hold(rig.hub.store(), hall.id(),
         {opinion("property-rules", 3, Stance::support, "Fees quarterly", "hall-1", t0),
          opinion("property-rules", 3, Stance::oppose, "收费太高", "hall-1", t0 + day),
          opinion("property-rules", std::nullopt, Stance::suggest, "整部草案很好 100%_done", "hall-1", t0 + 2 * day)});
    hold(rig.hub.store(), hall2.id(), {opinion("elderly-meals", 1, Stance::suggest, "送餐上门", "hall-2", t0 + 3 * day)});
    hold(rig.hub.store(), hub::kPhoneKioskId,
         {opinion("property-rules", 5, Stance::suggest, "phone FEES too", "phone", t0 + 4 * day)});

    auto find = [&](OpinionQuery q) {
        auto r = admin::fetch_opinions(rig.conn, q);
        if (!r) FAIL(r.error().detail);
        return texts(*r);
    };
    using S = std::set<std::string>;
    CHECK(find({}).size() == 5);
    OpinionQuery q;
    q.consultation = "elderly-meals";
    CHECK(find(q) == S{"送餐上门"});
    q = {};
    q.article = 3;
    CHECK(find(q) == S{"Fees quarterly", "收费太高"});
    q.article = 0;
    CHECK(find(q) == S{"整部草案很好 100%_done"});
    q = {};
    q.stance = Stance::oppose;
    CHECK(find(q) == S{"收费太高"});
    q = {};
    q.channel = OpinionChannel::phone;
    CHECK(find(q) == S{"phone FEES too"});
    q.channel = OpinionChannel::kiosk;
    CHECK(find(q).size() == 4);
    q = {};
    q.kiosk = "hall-2";
    CHECK(find(q) == S{"送餐上门"});
    q = {};
    q.since_ms = t0 + day;
    q.until_ms = t0 + 3 * day;  // exclusive
    CHECK(find(q) == S{"收费太高", "整部草案很好 100%_done"});
    // Latin letters in either case on both back-ends; LIKE's own wildcards are plain characters.
    q = {};
    q.text = "fees";
    CHECK(find(q) == S{"Fees quarterly", "phone FEES too"});
    q.text = "%_";
    CHECK(find(q) == S{"整部草案很好 100%_done"});
    q.text = "_";
    CHECK(find(q) == S{"整部草案很好 100%_done"});
    q.text = "收费";
    CHECK(find(q) == S{"收费太高"});

    // The channel and kiosk name come back with each opinion.
    q = {};
    q.channel = OpinionChannel::phone;
    auto phone = admin::fetch_opinions(rig.conn, q);
    REQUIRE(phone.ok());
    REQUIRE(phone->size() == 1);
    CHECK((*phone)[0].channel == OpinionChannel::phone);
    CHECK((*phone)[0].article == 5);

    // The hub refuses what its reader refuses, naming the parameter; a misspelt filter is not ignored.
    for (std::string bad : {"stance=maybe", "article=-1", "channel=fax", "since=yesterday", "colour=red", "text=",
                            "limit=1001", "consultation=a%20b", "status=adopted&status=received"}) {
        INFO(bad);
        auto r = admin::hub_call_text(rig.conn, "GET", "/api/v1/admin/opinions?" + bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().detail.find("400") != std::string::npos);
    }
    // Unsigned, or signed by a key the hub does not know: refused.
    CHECK(send(rig.hub.url(), "GET", "/api/v1/admin/opinions").status == 401);
    admin::HubConnection stranger{rig.hub.url(), generate_key()};
    auto refused = admin::fetch_opinions(stranger, {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().detail.find("401") != std::string::npos);
}

TEST_CASE("admin ops: opinions beyond one page are all fetched, and exports read back", "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto hall = register_in_store(rig.hub.store(), "hall-1");
    std::vector<Opinion> many;
    const std::int64_t t0 = wall_clock_ms() - 86'400'000;
    for (int i = 0; i < 1'050; ++i)
        many.push_back(opinion(i % 2 ? "property-rules" : "elderly-meals", i % 3 ? std::optional<int>(i % 3) : std::nullopt,
                               i % 4 == 0 ? Stance::support : Stance::suggest, "意见 " + std::to_string(i), "hall-1",
                               t0 + i));
    // A formula injection attempt, a quote and a new line in one opinion.
    many.push_back(opinion("property-rules", 2, Stance::oppose, "=HYPERLINK(\"http://x\",\"click\")\n第二行", "hall-1",
                           t0 + 5'000));
    hold(rig.hub.store(), hall.id(), many);

    std::vector<std::size_t> progress;
    auto all = admin::fetch_opinions(rig.conn, {}, [&](std::size_t n) { progress.push_back(n); });
    REQUIRE(all.ok());
    CHECK(all->size() == 1'051);
    CHECK(progress == std::vector<std::size_t>{1'000, 1'051});
    std::set<std::string> ids;
    for (auto& o : *all) ids.insert(o.id);
    CHECK(ids.size() == 1'051);

    // CSV: a byte-order mark, the header, one record per opinion, the formula defused.
    TempDir out;
    auto csv = out.path() / "opinions.csv";
    REQUIRE(admin::export_opinions(csv, *all, english(), false).ok());
    std::string text = read_text(csv);
    CHECK(text.rfind("\xef\xbb\xbfOpinion id,Consultation,Article,Stance,Opinion,", 0) == 0);
    CHECK(text.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\n第二行\"") != std::string::npos);
    CHECK(text.find(",=") == std::string::npos);
    // In the operator's language: Chinese headers and values for a Chinese operator.
    auto zh = admin::load_admin_text(Lang::zh);
    REQUIRE(zh.ok());
    std::string zh_csv = admin::opinions_csv({(*all)[0]}, *zh);
    CHECK(zh_csv.find("意见编号,征求意见稿,条,态度,意见内容") != std::string::npos);
    CHECK(zh_csv.find(",展厅一体机,hall-1,") != std::string::npos);
    // An existing file is kept unless replacing was asked for.
    auto again = admin::export_opinions(csv, *all, english(), false);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().detail.find("exists") != std::string::npos);
    CHECK(read_text(csv) == text);

    // XLSX, read by openpyxl: the summary per article and stance first, a sheet per consultation.
    auto xlsx = out.path() / "opinions.xlsx";
    REQUIRE(admin::export_opinions(xlsx, *all, english(), false).ok());
    // Debian's own interpreter, where python3-openpyxl is installed (not one a user put first on PATH).
    auto read = run_command("/usr/bin/python3 " + std::string(LIANXIN_SOURCE_DIR) + "/tests/support/read_xlsx.py '" +
                            xlsx.string() + "' 2>&1");
    INFO(read.output.substr(0, 2000));
    REQUIRE(read.exit_code == 0);
    json book = json::parse(read.output);
    REQUIRE(book.size() == 3);
    CHECK(book[0]["name"] == "Summary");
    CHECK(book[1]["name"] == "elderly-meals");
    CHECK(book[2]["name"] == "property-rules");
    CHECK(book[1]["rows"].size() == 1 + 525);
    CHECK(book[2]["rows"].size() == 1 + 526);
    // The summary's totals add up to every opinion, and its rows are (consultation, article).
    double total = 0;
    for (std::size_t r = 1; r < book[0]["rows"].size(); ++r) total += book[0]["rows"][r][5][0].get<double>();
    CHECK(total == 1'051);
    // The injection attempt is a string cell holding the visitor's exact words, never a formula.
    bool found = false;
    for (auto& row : book[2]["rows"]) {
        if (row[4][0] != "=HYPERLINK(\"http://x\",\"click\")\n第二行") continue;
        found = true;
        CHECK(row[4][1] == "s");
        CHECK(row[2][0] == 2);
        CHECK(row[3][0] == "oppose");
    }
    CHECK(found);
    for (auto& sheet : book)
        for (auto& row : sheet["rows"])
            for (auto& cell : row) CHECK(cell[1] != "f");
}

TEST_CASE("admin ops: statuses set in bulk, a missing opinion refused on its own, certificates issued",
          "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto reg = register_in_store(rig.hub.store(), "hall-1");
    LocalKiosk k(reg, rig.hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId with_passport = k.opinion(p.id);
    OpinionId without = k.opinion();
    SyncPush push = k.push();
    REQUIRE(rig.hub.store().ingest(reg.id(), push, wall_clock_ms()).ok());

    StatusDecision adopt{OpinionStatus::adopted, "采纳：按季度公示。"};
    const std::string missing = "01890000-0000-7000-8000-000000000000";
    auto r = admin::set_statuses(rig.conn, {with_passport, missing, without}, adopt);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 3);
    CHECK_FALSE((*r)[0].error);
    CHECK((*r)[0].certificate_serial.size() == 16);
    CHECK(starts_with_nocase((*r)[0].certificate_url, "https://lianxin.example.org/"));
    REQUIRE((*r)[1].error);
    CHECK((*r)[1].error->code == ErrorCode::not_found);
    CHECK_FALSE((*r)[2].error);
    CHECK((*r)[2].certificate_serial.empty());  // no passport, no certificate
    auto held = admin::fetch_opinions(rig.conn, {});
    REQUIRE(held.ok());
    for (auto& o : *held) {
        CHECK(o.status == OpinionStatus::adopted);
        CHECK(o.reply == "采纳：按季度公示。");
    }

    // Withdrawn: the certificate is revoked. A reply no kiosk could take changes nothing.
    auto back = admin::set_statuses(rig.conn, {with_passport}, {OpinionStatus::not_adopted, ""});
    REQUIRE(back.ok());
    CHECK((*back)[0].revoked_serial == (*r)[0].certificate_serial);
    auto too_long = admin::set_statuses(rig.conn, {without}, {OpinionStatus::received, std::string(2001, 'a')});
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().code == ErrorCode::invalid_input);
    held = admin::fetch_opinions(rig.conn, {});
    REQUIRE(held.ok());
    for (auto& o : *held)
        if (o.id == without) CHECK(o.status == OpinionStatus::adopted);

    // The certificates, listed newest first with whether each stands, and one withdrawn by hand.
    REQUIRE(admin::set_statuses(rig.conn, {with_passport}, adopt).ok());
    auto certs = admin::fetch_certificates(rig.conn);
    REQUIRE(certs.ok());
    REQUIRE(certs->size() == 2);
    CHECK((*certs)[1].serial == (*r)[0].certificate_serial);
    CHECK((*certs)[1].revoked_at_ms);
    CHECK_FALSE((*certs)[0].revoked_at_ms);
    CHECK((*certs)[0].opinion_id == with_passport);
    CHECK(starts_with_nocase((*certs)[0].url, "https://lianxin.example.org/"));
    REQUIRE(admin::revoke_certificate(rig.conn, (*certs)[0].serial).ok());
    CHECK(admin::fetch_certificates(rig.conn)->at(0).revoked_at_ms);
    CHECK(admin::revoke_certificate(rig.conn, "0123456789abcdef").error().code == ErrorCode::not_found);
    CHECK(admin::revoke_certificate(rig.conn, "../../x").error().code == ErrorCode::invalid_input);
    CHECK(admin::hub_call_text(rig.conn, "GET", "/api/v1/admin/certificates?limit=-1").error().detail.find("400") !=
          std::string::npos);
}

TEST_CASE("admin ops: the audit log and the publication history, read and exported", "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto reg = register_in_store(rig.hub.store(), "hall-1");
    LocalKiosk k(reg, rig.hub.certificate_key.pub);
    OpinionId a = k.opinion(), b = k.opinion();
    REQUIRE(rig.hub.store().ingest(reg.id(), k.push(), wall_clock_ms()).ok());
    REQUIRE(admin::set_statuses(rig.conn, {a, b}, {OpinionStatus::included, "=cmd|' /C calc'!A0"}).ok());

    auto log = admin::fetch_audit(rig.conn, {});
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    CHECK((*log)[0].action == "opinion.status");
    CHECK((*log)[0].target == a);
    CHECK((*log)[1].target == b);
    CHECK((*log)[0].admin_key == rig.conn.key.pub.id);
    AuditQuery later;
    later.since_ms = (*log)[1].at_ms + 1;
    CHECK(admin::fetch_audit(rig.conn, later)->empty());

    TempDir out;
    auto csv = out.path() / "audit.csv";
    REQUIRE(admin::export_audit_csv(csv, *log, english(), false).ok());
    std::string text = read_text(csv);
    CHECK(text.rfind("\xef\xbb\xbfTime,Who,Admin key,Action,Record,Before,After\r\n", 0) == 0);
    // The action in the operator's words; one the tool has no words for stays as the hub named it.
    CHECK(text.find("Opinion status set," + a) != std::string::npos);
    CHECK(admin::audit_action_text(english(), "opinion.future-kind") == "opinion.future-kind");
    CHECK_FALSE(admin::export_audit_csv(csv, *log, english(), false).ok());

    // Nothing published yet; a rollback to a version the hub never held is refused.
    auto history = admin::fetch_publications(rig.conn);
    REQUIRE(history.ok());
    CHECK(history->empty());
    auto missing = admin::publish_version(rig.conn, "2027.1.1");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK(admin::publish_version(rig.conn, "../etc").error().code == ErrorCode::invalid_input);
}

TEST_CASE("admin ops: paper and phone-call opinions count with the rest, and hidden words leave public pages",
          "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend, true);
    auto reg = register_in_store(rig.hub.store(), "hall-1");
    LocalKiosk k(reg, rig.hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId at_kiosk = k.opinion(p.id, false, "楼道里骂人的话 and a phone 13800000000");
    REQUIRE(rig.hub.store().ingest(reg.id(), k.push(), wall_clock_ms()).ok());

    // A paper card stamped into the visitor's passport by its short code, as staff type it.
    StaffOpinion card;
    card.channel = OpinionChannel::paper;
    card.consultation = "property-rules";
    card.draft.article = 2;
    card.draft.stance = Stance::support;
    card.draft.text = "  支持电子投票。 ";
    card.passport_code = format_short_code(p.short_code);
    card.received_on = LocalDate{2026, 12, 1};
    auto rec = admin::record_opinion(rig.conn, card);
    REQUIRE(rec.ok());
    CHECK(rec->passport_id == p.id);
    StaffOpinion call = card;
    call.channel = OpinionChannel::phone_call;
    call.draft.article.reset();
    call.passport_code.clear();
    call.draft.contact_name = "李大爷";
    call.draft.contact_phone = "028-12345678";
    call.draft.contact_consent = true;
    REQUIRE(admin::record_opinion(rig.conn, call).ok());

    OpinionQuery q;
    q.channel = OpinionChannel::paper;
    auto paper = admin::fetch_opinions(rig.conn, q);
    REQUIRE(paper.ok());
    REQUIRE(paper->size() == 1);
    CHECK((*paper)[0].text == "支持电子投票。");
    CHECK((*paper)[0].kiosk == "paper");
    CHECK(local_time_text((*paper)[0].created_at_ms).rfind("2026-12-01", 0) == 0);
    q.channel = OpinionChannel::phone_call;
    auto calls = admin::fetch_opinions(rig.conn, q);
    REQUIRE(calls.ok());
    REQUIRE(calls->size() == 1);
    CHECK((*calls)[0].contact_phone == "028-12345678");
    CHECK(admin::fetch_opinions(rig.conn, {})->size() == 3);

    // The passport's public page lists the card's opinion; an adoption earns its certificate.
    const std::string url = passport_url(rig.hub.config.public_url, p.token);
    const std::string path = url.substr(url.find('/', url.find("://") + 3));
    auto page = [&] {
        auto r = send(rig.hub.url(), "GET", path);
        REQUIRE(r.status == 200);
        return r.body;
    };
    CHECK(page().find("支持电子投票。") != std::string::npos);
    auto adopted = admin::set_statuses(rig.conn, {rec->id}, {OpinionStatus::adopted, "已采纳"});
    REQUIRE(adopted.ok());
    CHECK((*adopted)[0].certificate_serial.size() == 16);

    // Hidden: the words leave the public page (never the store or the exports), with a note.
    REQUIRE(admin::hide_opinion(rig.conn, at_kiosk, "辱骂他人，含电话号码").ok());
    std::string hidden = page();
    CHECK(hidden.find("骂人") == std::string::npos);
    CHECK(hidden.find("13800000000") == std::string::npos);
    CHECK(hidden.find("从公开页面隐藏") != std::string::npos);
    auto all = admin::fetch_opinions(rig.conn, {});
    for (auto& o : *all)
        if (o.id == at_kiosk) {
            CHECK(o.text.find("骂人") != std::string::npos);
            CHECK(o.hidden_reason == "辱骂他人，含电话号码");
        }
    REQUIRE(admin::hide_opinion(rig.conn, at_kiosk, std::nullopt).ok());
    CHECK(page().find("骂人") != std::string::npos);
    auto log = admin::fetch_audit(rig.conn, {});
    REQUIRE(log.ok());
    std::vector<std::string> actions;
    for (auto& e : *log) actions.push_back(e.action);
    CHECK(actions == std::vector<std::string>{"bundle.publish", "opinion.record", "opinion.record", "opinion.status",
                                              "certificate.issue", "opinion.hide", "opinion.show"});

    // Refusals change nothing.
    auto count = [&] { return admin::fetch_opinions(rig.conn, {})->size(); };
    StaffOpinion bad = card;
    bad.passport_code = "JJ1-D535-E0WX";  // a typo: its check character fails
    CHECK(admin::record_opinion(rig.conn, bad).error().code == ErrorCode::invalid_input);
    bad.passport_code = format_short_code(new_short_code(reg.code));  // well formed, never issued
    CHECK(admin::record_opinion(rig.conn, bad).error().code == ErrorCode::not_found);
    bad = card;
    bad.draft.article = 99;
    auto no_article = admin::record_opinion(rig.conn, bad);
    REQUIRE_FALSE(no_article.ok());
    CHECK(no_article.error().detail.find("has no article 99") != std::string::npos);
    bad = card;
    bad.consultation = "no-such-draft";
    CHECK_FALSE(admin::record_opinion(rig.conn, bad).ok());
    bad = card;
    bad.draft.text = " ";
    CHECK_FALSE(admin::record_opinion(rig.conn, bad).ok());
    auto kiosk_channel = admin::hub_call(rig.conn, "POST", "/api/v1/admin/opinions",
                                         R"({"channel":"kiosk","consultation":"property-rules","stance":"support","text":"x"})");
    REQUIRE_FALSE(kiosk_channel.ok());
    CHECK(kiosk_channel.error().detail.find("paper or phone-call") != std::string::npos);
    CHECK(count() == 3);
    CHECK(admin::hide_opinion(rig.conn, "01890000-0000-7000-8000-000000000000", "x").error().code == ErrorCode::not_found);
    CHECK(admin::hide_opinion(rig.conn, at_kiosk, "").error().code == ErrorCode::invalid_input);
    CHECK(admin::hide_opinion(rig.conn, at_kiosk, std::string(201, 'x')).error().code == ErrorCode::invalid_input);
}

TEST_CASE("admin ops: an adopted opinion traced into the law as adopted shows on its passport and certificate",
          "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend, true);
    auto reg = register_in_store(rig.hub.store(), "hall-1");
    LocalKiosk k(reg, rig.hub.certificate_key.pub);
    Passport p = k.passport();
    OpinionId adopted = k.opinion(p.id, false, "收费应当按季度公示。");
    OpinionId other = k.opinion(p.id, false, "另一条意见。");
    REQUIRE(rig.hub.store().ingest(reg.id(), k.push(), wall_clock_ms()).ok());
    auto decided = admin::set_statuses(rig.conn, {adopted}, {OpinionStatus::adopted, "已采纳"});
    REQUIRE(decided.ok());
    const std::string cert_url = (*decided)[0].certificate_url;

    // No final text yet: nothing to link to.
    auto early = admin::trace_opinion(rig.conn, adopted, 5);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().detail.find("enter the final text first") != std::string::npos);

    // The adopted text, read like a draft: its article 5 is what the opinion changed.
    TempDir tmp;
    write_text(tmp.path() / "law.zh.txt",
               "锦江区住宅小区物业管理若干规定\n第一条　为了规范物业管理，制定本规定。\n第五条　物业服务收费应当按季度在小区显著位置公示。\n");
    write_text(tmp.path() / "law.en.md", "# Provisions\n## Article 1\nPurpose.\n## Article 5 Fees\nFees are posted every quarter.\n");
    auto law = admin::read_final_text(tmp.path() / "law.zh.txt", tmp.path() / "law.en.md");
    REQUIRE(law.ok());
    REQUIRE(law->size() == 2);
    REQUIRE(admin::upload_final_text(rig.conn, "property-rules", *law).ok());
    auto back = admin::fetch_final_text(rig.conn, "property-rules");
    REQUIRE(back.ok());
    REQUIRE(back->size() == 2);
    CHECK((*back)[1].number == 5);
    CHECK((*back)[1].title.en == "Article 5 \u2014 Fees");
    CHECK(admin::fetch_final_text(rig.conn, "elderly-meals")->empty());

    REQUIRE(admin::trace_opinion(rig.conn, adopted, 5).ok());
    CHECK(admin::trace_opinion(rig.conn, adopted, 4).error().detail.find("has no article 4") != std::string::npos);
    auto not_adopted = admin::trace_opinion(rig.conn, other, 5);
    REQUIRE_FALSE(not_adopted.ok());
    CHECK(not_adopted.error().detail.find("only an adopted or partly adopted opinion") != std::string::npos);
    CHECK(admin::trace_opinion(rig.conn, "01890000-0000-7000-8000-000000000000", 5).error().code == ErrorCode::not_found);
    auto listed = admin::fetch_opinions(rig.conn, {});
    for (auto& o : *listed) CHECK(o.final_article == (o.id == adopted ? std::optional<int>(5) : std::nullopt));

    // The visitor's passport page and the certificate's page show the article as adopted.
    auto get = [&](const std::string& url, const char* lang) {
        auto path = url.substr(url.find('/', url.find("://") + 3));
        auto r = send(rig.hub.url(), "GET", path, "", nullptr, 0, {{"Accept-Language", lang}});
        REQUIRE(r.status == 200);
        return r.body;
    };
    std::string passport = get(passport_url(rig.hub.config.public_url, p.token), "zh-CN");
    CHECK(passport.find("您的意见 → 第五条（通过稿）") != std::string::npos);
    CHECK(passport.find("物业服务收费应当按季度在小区显著位置公示。") != std::string::npos);
    std::string passport_en = get(passport_url(rig.hub.config.public_url, p.token), "en");
    CHECK(passport_en.find("Your opinion → Article 5 \u2014 Fees (as adopted)") != std::string::npos);
    std::string certificate = get(cert_url, "zh-CN");
    CHECK(certificate.find("写入通过的法规") != std::string::npos);
    CHECK(certificate.find("物业服务收费应当按季度在小区显著位置公示。") != std::string::npos);

    // A new final text must keep the traced article; a withdrawn adoption drops its trace.
    std::vector<FinalArticle> shorter{(*law)[0]};
    auto refused = admin::upload_final_text(rig.conn, "property-rules", shorter);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().detail.find("traced to article 5") != std::string::npos);
    REQUIRE(admin::set_statuses(rig.conn, {adopted}, {OpinionStatus::not_adopted, ""}).ok());
    listed = admin::fetch_opinions(rig.conn, {});
    for (auto& o : *listed) CHECK_FALSE(o.final_article);
    REQUIRE(admin::upload_final_text(rig.conn, "property-rules", shorter).ok());

    // Bad final texts are refused before the call, by the hub's own reader.
    std::vector<FinalArticle> bad{{3, {"第三条", ""}, {"", ""}}};
    CHECK(admin::upload_final_text(rig.conn, "property-rules", bad).error().detail.find("text.zh is empty") != std::string::npos);
    bad = {{3, {"第三条", ""}, {"正文", ""}}, {2, {"第二条", ""}, {"正文", ""}}};
    CHECK(admin::upload_final_text(rig.conn, "property-rules", bad).error().code == ErrorCode::invalid_input);
    CHECK(admin::upload_final_text(rig.conn, "../x", shorter).error().code == ErrorCode::invalid_input);

    auto log = admin::fetch_audit(rig.conn, {});
    std::vector<std::string> actions;
    for (auto& e : *log) actions.push_back(e.action);
    CHECK(std::count(actions.begin(), actions.end(), "consultation.final") == 2);
    CHECK(std::count(actions.begin(), actions.end(), "opinion.trace") == 1);
}

TEST_CASE("admin ops: filters holding a control character are refused alike on both back-ends, a limit of 0 is none",
          "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto hall = register_in_store(rig.hub.store(), "Hall A");
    const std::int64_t t0 = wall_clock_ms() - 60'000;
    hold(rig.hub.store(), hall.id(),
         {opinion("property-rules", 3, Stance::support, "ab plain", "Hall A", t0),
          opinion("property-rules", 3, Stance::support, "a back\\slash\nand a second line", "Hall A", t0 + 1)});
    // PostgreSQL reads a text parameter up to its first NUL: "Hall A\0zz" would find Hall A's
    // opinions there and none on SQLite. No kiosk name or opinion holds one; the hub says so.
    for (std::string bad : {"kiosk=Hall%20A%00zz", "kiosk=Hall%20A%0D", "text=ab%00zz", "text=a%1Bb", "text=%C2%85"}) {
        INFO(bad);
        auto r = admin::hub_call_text(rig.conn, "GET", "/api/v1/admin/opinions?" + bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().detail.find("400") != std::string::npos);
        CHECK(r.error().detail.find("control character") != std::string::npos);
    }
    // What opinions do hold is searched for: a new line, a backslash.
    OpinionQuery q;
    q.text = "slash\nand";
    auto found = admin::fetch_opinions(rig.conn, q);
    REQUIRE(found.ok());
    CHECK(texts(*found) == std::set<std::string>{"a back\\slash\nand a second line"});
    q.text = "\\";
    CHECK(texts(*admin::fetch_opinions(rig.conn, q)) == std::set<std::string>{"a back\\slash\nand a second line"});

    // limit=0 asks for none, of opinions as of the audit log.
    auto none = admin::hub_call_text(rig.conn, "GET", "/api/v1/admin/opinions?limit=0");
    REQUIRE(none.ok());
    CHECK(*none == "[]");
    REQUIRE(admin::set_statuses(rig.conn, {found->at(0).id}, {OpinionStatus::included, ""}).ok());
    auto no_entries = admin::hub_call_text(rig.conn, "GET", "/api/v1/admin/audit?limit=0");
    REQUIRE(no_entries.ok());
    CHECK(*no_entries == "[]");
}

TEST_CASE("admin ops: an opinion arriving mid-export, older than the page read, is not exported twice",
          "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto hall = register_in_store(rig.hub.store(), "hall-1");
    const std::int64_t t0 = wall_clock_ms() - 86'400'000;
    std::vector<Opinion> many;
    for (int i = 0; i < 1'050; ++i)
        many.push_back(opinion("property-rules", 1, Stance::suggest, "意见 " + std::to_string(i), "hall-1", t0 + i));
    hold(rig.hub.store(), hall.id(), many);
    // A kiosk that was offline syncs an opinion written before all of them, between two pages:
    // every opinion after it moves one place on, and the next page starts with one already read.
    bool pushed = false;
    auto all = admin::fetch_opinions(rig.conn, {}, [&](std::size_t) {
        if (pushed) return;
        pushed = true;
        hold(rig.hub.store(), hall.id(),
             {opinion("property-rules", 1, Stance::oppose, "离线一体机的意见", "hall-1", t0 - 1)});
    });
    REQUIRE(all.ok());
    std::set<std::string> ids;
    for (auto& o : *all) CHECK(ids.insert(o.id).second);
    CHECK(ids.size() == all->size());
    CHECK(all->size() >= 1'050);
}

TEST_CASE("admin ops: a status set again unchanged is not logged again", "[hub][admin]") {
    const std::string backend = GENERATE(backends());
    INFO(backend);
    AdminRig rig(backend);
    auto reg = register_in_store(rig.hub.store(), "hall-1");
    LocalKiosk k(reg, rig.hub.certificate_key.pub);
    OpinionId a = k.opinion();
    REQUIRE(rig.hub.store().ingest(reg.id(), k.push(), wall_clock_ms()).ok());
    // A bulk run retried after one refusal sends the others again: like a kiosk revoked twice,
    // what did not change is not a change.
    REQUIRE(admin::set_statuses(rig.conn, {a}, {OpinionStatus::included, "已纳入"}).ok());
    REQUIRE(admin::set_statuses(rig.conn, {a}, {OpinionStatus::included, "已纳入"}).ok());
    auto log = admin::fetch_audit(rig.conn, {});
    REQUIRE(log.ok());
    CHECK(log->size() == 1);
    // A new reply is a change.
    REQUIRE(admin::set_statuses(rig.conn, {a}, {OpinionStatus::included, "已纳入修改稿"}).ok());
    CHECK(admin::fetch_audit(rig.conn, {})->size() == 2);
}

TEST_CASE("admin ops: every consultation gets its sheet, named like the summary or as Excel keeps for itself",
          "[hub][admin]") {
    // Sheet names are compared without case: a consultation "summary" met the English "Summary"
    // sheet and the whole export failed; "History" is a name Excel will not open a sheet by.
    auto zh = admin::load_admin_text(Lang::zh);
    REQUIRE(zh.ok());
    for (const admin::AdminText* t : std::vector<const admin::AdminText*>{&english(), &*zh}) {
        std::vector<AdminOpinion> list;
        for (std::string id : {"summary", "history", "ok"}) {
            AdminOpinion o;
            o.id = new_uuid_v7(wall_clock_ms());
            o.consultation = id;
            o.text = "意见 " + id;
            o.kiosk = "hall-1";
            list.push_back(o);
        }
        TempDir out;
        auto xlsx = out.path() / "opinions.xlsx";
        auto st = admin::export_opinions(xlsx, list, *t, false);
        INFO((st ? std::string() : st.error().detail));
        REQUIRE(st.ok());
        auto read = run_command("/usr/bin/python3 " + std::string(LIANXIN_SOURCE_DIR) + "/tests/support/read_xlsx.py '" +
                                xlsx.string() + "' 2>&1");
        INFO(read.output.substr(0, 2000));
        REQUIRE(read.exit_code == 0);
        json book = json::parse(read.output);
        REQUIRE(book.size() == 4);
        std::set<std::string> names;
        for (auto& sheet : book) {
            std::string name = sheet["name"];
            std::string lower;
            for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            CHECK(names.insert(lower).second);
            CHECK(lower != "history");
        }
        // Each consultation's opinion is on a sheet of its own, under the header.
        std::set<std::string> texts_found;
        for (std::size_t i = 1; i < book.size(); ++i) {
            REQUIRE(book[i]["rows"].size() == 2);
            texts_found.insert(book[i]["rows"][1][4][0].get<std::string>());
        }
        CHECK(texts_found == std::set<std::string>{"意见 summary", "意见 history", "意见 ok"});
    }
}

TEST_CASE("admin ops: stats count by consultation, article, stance, channel and day, and the adoption rate",
          "[hub][admin]") {
    const std::int64_t day1 = local_midnight_ms({2027, 1, 5}) + 3'600'000, day2 = day1 + 86'400'000;
    auto o = [](std::string c, std::optional<int> art, Stance st, OpinionChannel ch, std::int64_t at, OpinionStatus s) {
        AdminOpinion a;
        a.consultation = std::move(c);
        a.article = art;
        a.stance = st;
        a.channel = ch;
        a.created_at_ms = at;
        a.status = s;
        return a;
    };
    auto s = admin::opinion_stats({o("a", 1, Stance::support, OpinionChannel::kiosk, day1, OpinionStatus::adopted),
                                   o("a", 1, Stance::oppose, OpinionChannel::phone, day1, OpinionStatus::not_adopted),
                                   o("a", std::nullopt, Stance::suggest, OpinionChannel::paper, day2,
                                     OpinionStatus::partly_adopted),
                                   o("b", 2, Stance::suggest, OpinionChannel::phone_call, day2, OpinionStatus::received)});
    CHECK(s.total == 4);
    CHECK(s.by_consultation == std::map<std::string, std::size_t>{{"a", 3}, {"b", 1}});
    CHECK(s.by_article.at({"a", 1}) == 2);
    CHECK(s.by_article.at({"a", 0}) == 1);
    CHECK(s.by_stance.at(Stance::suggest) == 2);
    CHECK(s.by_channel.at(OpinionChannel::paper) == 1);
    CHECK(s.by_day == std::map<std::string, std::size_t>{{"2027-01-05", 2}, {"2027-01-06", 2}});
    CHECK(s.decided == 3);
    CHECK(s.adopted == 2);
    CHECK(s.adoption_rate() == Approx(2.0 / 3));
    CHECK(admin::opinion_stats({}).adoption_rate() == 0);
}
