// OpinionOutbox on a real kiosk.db: opinions intact after reopening; each broken rule refused with
// its own reason, writing nothing; pending/mark_sent/erase_contact, erased details gone from disk.
#include "core/opinions/opinion_outbox.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/base/uuid.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::draft_under_consultation;

namespace {

// 2027-01-10 09:30:00.250 in Chengdu (UTC+8).
Moment january_10() {
    return Moment{1799544600250, {2027, 1, 10}};
}

// A passport the fixture puts in kiosk.db, so opinions can be stamped into it.
const std::string kPassport = "0123456789abcdef0123456789abcdef";

OpinionDraft full_draft() {
    OpinionDraft d;
    d.article = 6;
    d.stance = Stance::suggest;
    d.text = "  建议在每栋楼下设置充电棚，\n并安装自动断电装置。\t谢谢！  ";
    d.passport_id = kPassport;
    d.contact_name = "王阿姨";
    d.contact_phone = "138 1234 5678";
    d.contact_consent = true;
    d.lang = Lang::zh;
    return d;
}

std::int64_t row_count(KioskDb& db) {
    return db.locked([](SqliteDb& s) {
        auto st = s.prepare("SELECT count(*) FROM opinions");
        st.step();
        return st.integer(0);
    });
}

std::string file_bytes(const fs::path& p) {
    return fs::exists(p) ? lianxin::test::read_text(p) : std::string();
}

struct Outbox {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    std::unique_ptr<OpinionOutbox> outbox;

    Outbox() { open(); }
    void open() {
        outbox.reset();
        db.reset();
        auto r = KioskDb::open(tmp.path());
        INFO((r ? std::string() : r.error().detail));
        REQUIRE(r.ok());
        db = std::move(*r);
        outbox = std::make_unique<OpinionOutbox>(*db, "jinjiang-hall-1");
        db->locked([](SqliteDb& s) {
            s.exec("INSERT OR IGNORE INTO passports(id, short_code, ref, token, issued_on, kiosk, created_at) VALUES('" +
                   kPassport + "', 'JJ1AAAAAAAA', '0000000000000000', 'LXP1:', '2027-01-10', 'jinjiang-hall-1', 0)");
        });
    }
    OpinionId submit(const OpinionDraft& d, const Moment& at = january_10()) {
        auto r = outbox->submit(d, draft_under_consultation(), at);
        INFO((r ? std::string() : r.error().detail));
        REQUIRE(r.ok());
        return *r;
    }
};

}  // namespace

TEST_CASE("a submitted opinion is in kiosk.db, intact, after the file is reopened",
          "[core][opinions][outbox]") {
    Outbox o;
    auto id = o.submit(full_draft());
    CHECK(is_uuid_v7(id));
    CHECK(uuid_v7_millis(id) == january_10().utc_ms);

    o.open();  // a new connection to the same file, as after a restart
    auto found = o.outbox->find(id);
    REQUIRE(found.ok());
    auto& op = *found;
    CHECK(op.id == id);
    CHECK(op.consultation_id == "property-rules");
    CHECK(op.article == 6);
    CHECK(op.stance == Stance::suggest);
    CHECK(op.text ==
          "建议在每栋楼下设置充电棚，\n并安装自动断电装置。\t谢谢！");  // trimmed, inner white
                                                                        // space kept
    CHECK(op.passport_id == kPassport);
    CHECK(op.contact_name == "王阿姨");
    CHECK(op.contact_phone == "13812345678");  // spaces removed
    CHECK(op.contact_consent);
    CHECK(op.lang == Lang::zh);
    CHECK(op.kiosk == "jinjiang-hall-1");
    CHECK(op.created_at_ms == january_10().utc_ms);
    CHECK_FALSE(op.sent_at_ms.has_value());
    CHECK_FALSE(op.contact_erased);
    CHECK(o.outbox->count_pending().value() == 1);
}

TEST_CASE("an opinion on the whole draft, without passport or contact, stores NULLs",
          "[core][opinions][outbox]") {
    Outbox o;
    OpinionDraft d;
    d.stance = Stance::support;
    d.text = "I support the draft as a whole.";
    d.lang = Lang::en;
    auto id = o.submit(d);
    auto op = o.outbox->find(id);
    REQUIRE(op.ok());
    CHECK_FALSE(op->article.has_value());
    CHECK(op->stance == Stance::support);
    CHECK(op->lang == Lang::en);
    CHECK(op->passport_id.empty());
    CHECK(op->contact_name.empty());
    CHECK(op->contact_phone.empty());
    CHECK_FALSE(op->contact_consent);
    auto nulls = o.db->locked([&](SqliteDb& s) {
        auto st = s.prepare(
            "SELECT article IS NULL AND passport IS NULL AND contact_name IS NULL AND "
            "contact_phone IS NULL FROM opinions WHERE id = ?");
        st.bind(1, id);
        REQUIRE(st.step());
        return st.integer(0);
    });
    CHECK(nulls == 1);
}

TEST_CASE("each broken rule is refused with its own reason and nothing is written",
          "[core][opinions][outbox]") {
    struct Case {
        const char* name;
        std::function<void(OpinionDraft&, Consultation&, Moment&)> breaks;
        OpinionProblem expected;
    };
    const std::vector<Case> cases = {
        {"empty text", [](auto& d, auto&, auto&) { d.text = ""; }, OpinionProblem::text_empty},
        {"white-space text", [](auto& d, auto&, auto&) { d.text = " \n\u3000 "; },
         OpinionProblem::text_empty},
        {"1001 characters",
         [](auto& d, auto&, auto&) {
             d.text.clear();
             for (std::size_t i = 0; i <= kOpinionTextMaxChars; ++i) d.text += "字";
         },
         OpinionProblem::text_too_long},
        {"a control character",
         [](auto& d, auto&, auto&) {
             d.text =
                 "ab\x07"
                 "cd";
         },
         OpinionProblem::text_control_character},
        {"invalid UTF-8", [](auto& d, auto&, auto&) { d.text = "ab\xFF"; },
         OpinionProblem::text_invalid_utf8},
        {"an emoji", [](auto& d, auto&, auto&) { d.text = "好\xF0\x9F\x91\x8D"; },
         OpinionProblem::text_unsupported_character},
        {"a bad passport id", [](auto& d, auto&, auto&) { d.passport_id = "x y"; },
         OpinionProblem::passport_invalid},
        {"contact without consent", [](auto& d, auto&, auto&) { d.contact_consent = false; },
         OpinionProblem::contact_without_consent},
        {"consent without contact",
         [](auto& d, auto&, auto&) {
             d.contact_name.clear();
             d.contact_phone.clear();
         },
         OpinionProblem::consent_without_contact},
        {"a name without a phone", [](auto& d, auto&, auto&) { d.contact_phone.clear(); },
         OpinionProblem::name_without_phone},
        {"a 21-character name",
         [](auto& d, auto&, auto&) {
             d.contact_name = "一二三四五六七八九十一二三四五六七八九十一";
         },
         OpinionProblem::name_too_long},
        {"a name with a newline", [](auto& d, auto&, auto&) { d.contact_name = "王\n阿姨"; },
         OpinionProblem::name_invalid},
        {"a bad phone", [](auto& d, auto&, auto&) { d.contact_phone = "12345678"; },
         OpinionProblem::phone_invalid},
        {"not collecting", [](auto&, auto& c, auto&) { c.stage_id = "submitted"; },
         OpinionProblem::consultation_not_collecting},
        {"deadline passed",
         [](auto&, auto&, auto& m) {
             m.local_date = {2027, 2, 1};
         },
         OpinionProblem::deadline_passed},
        {"no such article", [](auto& d, auto&, auto&) { d.article = 8; },
         OpinionProblem::article_not_found},
    };
    Outbox o;
    for (auto& k : cases) {
        INFO(k.name);
        auto d = full_draft();
        auto c = draft_under_consultation();
        auto m = january_10();
        k.breaks(d, c, m);
        auto r = o.outbox->submit(d, c, m);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().problem == k.expected);
        CHECK_THAT(r.error().detail, Catch::Contains(opinion_problem_name(k.expected)));
        // The log detail never carries the contact details.
        CHECK(r.error().detail.find("1381234") == std::string::npos);
        CHECK(row_count(*o.db) == 0);
        CHECK(o.outbox->count_pending().value() == 0);
    }
    // And the unbroken draft is accepted by the same outbox.
    o.submit(full_draft());
    CHECK(row_count(*o.db) == 1);
}

TEST_CASE("a write kiosk.db refuses is reported as not_stored and leaves nothing",
          "[core][opinions][outbox]") {
    Outbox o;
    o.submit(full_draft());
    // A temporary trigger on this connection stands in for a full disk or an I/O error.
    o.db->locked([](SqliteDb& s) {
        s.exec(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON opinions BEGIN SELECT RAISE(ABORT, 'disk "
            "full (test)'); END");
    });
    auto r = o.outbox->submit(full_draft(), draft_under_consultation(), january_10());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problem == OpinionProblem::not_stored);
    CHECK_THAT(r.error().detail, Catch::Contains("disk full (test)"));
    CHECK(row_count(*o.db) == 1);
    // The connection is still usable: the failed transaction was rolled back.
    o.db->locked([](SqliteDb& s) { s.exec("DROP TRIGGER refuse"); });
    o.submit(full_draft());
    CHECK(row_count(*o.db) == 2);
}

TEST_CASE("pending lists unsent opinions oldest first, mark_sent takes them off",
          "[core][opinions][outbox]") {
    Outbox o;
    std::vector<OpinionId> ids;
    auto m = january_10();
    for (int i = 0; i < 5; ++i) {
        auto d = full_draft();
        d.text = "意见 " + std::to_string(i);
        m.utc_ms += 1000;
        ids.push_back(o.submit(d, m));
    }
    auto first3 = o.outbox->pending(3);
    REQUIRE(first3.ok());
    REQUIRE(first3->size() == 3);
    for (int i = 0; i < 3; ++i)
        CHECK((*first3)[static_cast<std::size_t>(i)].id == ids[static_cast<std::size_t>(i)]);
    CHECK((*first3)[2].text == "意见 2");

    auto changed =
        o.outbox->mark_sent({ids[0], ids[2], "0190f5e2-7c1a-7b3d-9e4f-0123456789ab"}, m.utc_ms + 5);
    REQUIRE(changed.ok());
    CHECK(*changed == 2);  // the unknown id is ignored
    CHECK(o.outbox->count_pending().value() == 3);
    CHECK(o.outbox->mark_sent({ids[0]}, m.utc_ms + 9).value() == 0);  // already sent: unchanged
    CHECK(o.outbox->find(ids[0])->sent_at_ms == m.utc_ms + 5);

    auto rest = o.outbox->pending(100);
    REQUIRE(rest.ok());
    REQUIRE(rest->size() == 3);
    CHECK((*rest)[0].id == ids[1]);
    CHECK((*rest)[1].id == ids[3]);
    CHECK((*rest)[2].id == ids[4]);
    CHECK(o.outbox->pending(0)->empty());

    auto missing = o.outbox->find("0190f5e2-7c1a-7b3d-9e4f-0123456789ab");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
}

TEST_CASE("contact details are erased only after sending, and leave no trace in the file",
          "[core][opinions][outbox]") {
    Outbox o;
    auto d = full_draft();
    d.contact_name = "Zhuang Xiaolan";  // ASCII, so the byte search below is unambiguous
    d.contact_phone = "13987654321";
    auto id = o.submit(d);
    auto kept = o.submit(full_draft());  // another visitor's, not sent yet

    CHECK(o.outbox->erase_contact({id}).value() == 0);  // unsent: the hub has not got them yet
    CHECK(o.outbox->find(id)->contact_phone == "13987654321");

    REQUIRE(o.outbox->mark_sent({id}, january_10().utc_ms + 60000).value() == 1);
    CHECK(o.outbox->erase_contact({id, kept}).value() == 1);
    CHECK(o.outbox->erase_contact({id}).value() == 0);  // nothing left to erase

    auto op = o.outbox->find(id);
    REQUIRE(op.ok());
    CHECK(op->contact_name.empty());
    CHECK(op->contact_phone.empty());
    CHECK(op->contact_erased);
    CHECK(op->contact_consent);  // the fact that consent was given stays on record
    CHECK(op->text == "建议在每栋楼下设置充电棚，\n并安装自动断电装置。\t谢谢！");
    CHECK(o.outbox->find(kept)->contact_phone == "13812345678");

    // Neither the database file nor its write-ahead log still holds the erased details.
    auto bytes = file_bytes(o.db->path()) + file_bytes(o.db->path().string() + "-wal");
    CHECK(bytes.find("13987654321") == std::string::npos);
    CHECK(bytes.find("Zhuang Xiaolan") == std::string::npos);
    CHECK(bytes.find("13812345678") != std::string::npos);  // the search does find what is there
}

TEST_CASE("the UI thread and the sync agent can share one outbox", "[core][opinions][outbox]") {
    Outbox o;
    const int n = 60;
    std::vector<std::string> failures;  // Catch2 assertions are not thread-safe: checked after join
    std::thread visitor([&] {
        auto m = january_10();
        for (int i = 0; i < n; ++i) {
            auto d = full_draft();
            d.text = "opinion " + std::to_string(i);
            m.utc_ms += 1;
            auto r = o.outbox->submit(d, draft_under_consultation(), m);
            if (!r.ok()) failures.push_back(r.error().detail);
        }
    });
    std::size_t sent = 0;
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (sent < static_cast<std::size_t>(n) && std::chrono::steady_clock::now() < give_up) {
        auto batch = o.outbox->pending(7);
        REQUIRE(batch.ok());
        std::vector<OpinionId> ids;
        for (auto& op : *batch) ids.push_back(op.id);
        if (ids.empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        sent += o.outbox->mark_sent(ids, january_10().utc_ms).value();
        REQUIRE(o.outbox->erase_contact(ids).ok());
    }
    visitor.join();
    CHECK(failures.empty());
    CHECK(sent == static_cast<std::size_t>(n));
    CHECK(o.outbox->count_pending().value() == 0);
    CHECK(row_count(*o.db) == n);
}
