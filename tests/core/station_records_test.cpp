// The station's records on a real kiosk.db (core/records/station_records.h): a guestbook entry and
// a meeting request submitted, pending, marked sent and their contact erased; the wall and the
// count; a meeting request's passport stamp in the same transaction (and nothing at all when the
// passport is unknown); a crash between marking and erasing swept at start; the hub's answers kept
// newest-wins and shown in the passport's booklet; a schema-6 kiosk.db migrated with its records;
// and meeting requests acknowledged before kill -9 found whole with their stamps.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include "core/base/uuid.h"
#include "core/content/content_model.h"
#include "core/crypto/signing_keys.h"
#include "core/passports/passport_book.h"
#include "core/records/station_records.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using lianxin::test::TempDir;

namespace {

Moment at(std::int64_t plus_ms) { return Moment{1'799'546'400'000 + plus_ms, {2027, 1, 10}}; }

ContentSet station() {
    ContentSet c;
    for (const char* id : {"he-jianguo", "luo-xiaomei"}) {
        Deputy d;
        d.id = id;
        d.name = {"代表", "Deputy"};
        c.deputies.push_back(d);
    }
    return c;
}

struct Kiosk {
    TempDir tmp;
    std::unique_ptr<KioskDb> db;
    std::unique_ptr<PassportBook> book;
    std::unique_ptr<StationRecords> records;

    Kiosk() { open(); }
    void open() {
        records.reset();
        book.reset();
        db.reset();
        auto d = KioskDb::open(tmp.path());
        REQUIRE(d.ok());
        db = std::move(*d);
        book = std::make_unique<PassportBook>(*db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {}, ""});
        records = std::make_unique<StationRecords>(*db, "hall-1");
    }
    std::int64_t count(const std::string& sql, const std::string& arg = "") {
        return db->locked([&](SqliteDb& s) {
            auto st = s.prepare(sql);
            if (!arg.empty()) st.add(arg);
            st.step();
            return st.integer(0);
        });
    }
};

GuestbookDraft delegation(const std::string& organisation, bool on_wall, int people = 8) {
    GuestbookDraft d;
    d.organisation = organisation;
    d.origin = "广东省珠海市";
    d.people = people;
    d.message = "向联系点学习。";
    d.on_wall = on_wall;
    return d;
}

MeetingDraft meeting(std::optional<std::string> passport = std::nullopt, bool contact = false) {
    MeetingDraft d;
    d.deputy = "he-jianguo";
    d.topic = "老旧小区加装电梯";
    d.passport = std::move(passport);
    if (contact) {
        d.name = "张老师";
        d.phone = "13812345678";
        d.consent = true;
    }
    d.language = Lang::en;
    return d;
}

}  // namespace

TEST_CASE("guestbook: submitted, on the wall newest first, counted, pending until the hub holds it",
          "[core][records][kiosk-db]") {
    Kiosk k;
    auto a = k.records->submit_guestbook(delegation("甲单位", true), at(0));
    auto b = k.records->submit_guestbook(delegation("乙单位", false), at(10));
    auto c = k.records->submit_guestbook(delegation("丙单位", true, 500), at(20));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());

    auto wall = k.records->wall_entries(10);
    REQUIRE(wall.ok());
    REQUIRE(wall->size() == 2);
    CHECK((*wall)[0].organisation == "丙单位");
    CHECK((*wall)[0].people == 500);
    CHECK((*wall)[1].organisation == "甲单位");
    CHECK(k.records->wall_entries(1)->size() == 1);
    CHECK(*k.records->count_guestbook() == 3);

    auto pending = k.records->pending_guestbook(10);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 3);
    CHECK((*pending)[0].id == a->id);
    CHECK((*pending)[0].kiosk == "hall-1");
    CHECK(*k.records->count_pending() == 3);
    CHECK(*k.records->mark_guestbook_sent({a->id, b->id, "not-an-id"}, 500) == 2);
    CHECK(*k.records->mark_guestbook_sent({a->id}, 600) == 0);  // already sent
    CHECK(k.records->pending_guestbook(10)->size() == 1);
    // Sent entries stay: the wall and the count are this kiosk's to show.
    CHECK(*k.records->count_guestbook() == 3);

    // A refused entry stays in kiosk.db but is no longer pending.
    k.db->locked([&](SqliteDb& s) {
        auto st = s.prepare("INSERT INTO sync_problems(direction, kind, ref, reason, at) VALUES('refused_by_hub', 'guestbook', ?, 'x', 1)");
        st.add(c->id);
        st.run();
    });
    CHECK(k.records->pending_guestbook(10)->empty());
    CHECK(*k.records->count_pending() == 0);

    // A draft that breaks a rule writes nothing.
    auto bad = k.records->submit_guestbook(delegation("", true, 0), at(30));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().problems.size() == 2);
    CHECK(*k.records->count_guestbook() == 3);
}

TEST_CASE("a meeting request stamps its passport in the same transaction, or nothing is written",
          "[core][records][kiosk-db]") {
    Kiosk k;
    const ContentSet content = station();
    auto p = k.book->issue(at(0));
    REQUIRE(p.ok());
    auto r = k.records->submit_meeting(meeting(p->id, true), content, at(10));
    REQUIRE(r.ok());
    CHECK(k.count("SELECT count(*) FROM stamps WHERE kind = 'meeting' AND ref = ?", r->id) == 1);
    auto booklet = k.book->booklet(p->id);
    REQUIRE(booklet.ok());
    REQUIRE(booklet->stamps.size() == 1);
    CHECK(booklet->stamps[0].kind == StampKind::meeting);
    CHECK(booklet->stamps[0].ref == r->id);
    REQUIRE(booklet->meetings.size() == 1);
    CHECK(booklet->meetings[0].id == r->id);
    CHECK(booklet->meetings[0].status == MeetingStatus::received);
    CHECK(booklet->meetings[0].language == Lang::en);

    // A passport this kiosk does not know: refused, and neither the request nor a stamp is there.
    auto unknown = k.records->submit_meeting(meeting(std::string(32, 'e')), content, at(20));
    REQUIRE_FALSE(unknown.ok());
    REQUIRE(unknown.error().problems.size() == 1);
    CHECK(unknown.error().problems[0].field == MeetingField::passport);
    CHECK(unknown.error().problems[0].issue == FieldIssue::not_found);
    CHECK(k.count("SELECT count(*) FROM meeting_requests") == 1);
    CHECK(k.count("SELECT count(*) FROM stamps") == 1);

    // An unknown deputy is refused by the content's list.
    MeetingDraft d = meeting();
    d.deputy = "nobody";
    auto no_deputy = k.records->submit_meeting(d, content, at(30));
    REQUIRE_FALSE(no_deputy.ok());
    CHECK(no_deputy.error().problems[0].issue == FieldIssue::not_found);
    CHECK(k.count("SELECT count(*) FROM meeting_requests") == 1);
}

TEST_CASE("meeting requests: pending, marked sent, contact erased; a crash between is swept at start",
          "[core][records][kiosk-db]") {
    Kiosk k;
    const ContentSet content = station();
    auto with = k.records->submit_meeting(meeting(std::nullopt, true), content, at(0));
    auto other = k.records->submit_meeting(meeting(std::nullopt, true), content, at(10));
    auto plain = k.records->submit_meeting(meeting(), content, at(20));
    REQUIRE(with.ok());
    REQUIRE(other.ok());
    REQUIRE(plain.ok());
    auto pending = k.records->pending_meetings(10);
    REQUIRE(pending.ok());
    REQUIRE(pending->size() == 3);
    CHECK((*pending)[0].name == "张老师");
    CHECK((*pending)[0].phone == "13812345678");

    // Unsent: the details stay, so they still reach the hub.
    CHECK(*k.records->erase_contact({with->id}) == 0);
    CHECK(*k.records->mark_meetings_sent({with->id, other->id}, 700) == 2);
    CHECK(*k.records->erase_contact({with->id}) == 1);
    auto erased = k.records->find_meeting(with->id);
    REQUIRE(erased.ok());
    CHECK(erased->name.empty());
    CHECK(erased->phone.empty());
    CHECK(erased->consent);
    CHECK(k.count("SELECT contact_erased FROM meeting_requests WHERE id = ?", with->id) == 1);
    CHECK(k.records->pending_meetings(10)->size() == 1);

    // `other` was marked sent and the kiosk stopped before erasing: the next start sweeps it.
    k.open();
    CHECK(k.records->find_meeting(other->id)->phone == "13812345678");
    CHECK(*k.records->erase_contact_of_sent() == 1);
    CHECK(k.records->find_meeting(other->id)->phone.empty());
    CHECK(*k.records->erase_contact_of_sent() == 0);
    CHECK(k.records->find_meeting(plain->id).ok());
    CHECK(k.records->find_meeting("0190f5e2-7c1a-7b3d-9e4f-0123456789ab").error().code == ErrorCode::not_found);
}

TEST_CASE("the hub's answer to a meeting request: newest wins, shown for the passport", "[core][records][kiosk-db]") {
    Kiosk k;
    const ContentSet content = station();
    auto p = k.book->issue(at(0));
    REQUIRE(p.ok());
    auto first = k.records->submit_meeting(meeting(p->id), content, at(10));
    auto second = k.records->submit_meeting(meeting(p->id), content, at(20));
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    k.db->locked([&](SqliteDb& s) {
        upsert_meeting_status_row(s, first->id, MeetingStatus::arranged, "下周三上午九点，联系点二楼。", 5000);
        upsert_meeting_status_row(s, first->id, MeetingStatus::received, "", 4000);  // older, late: ignored
    });
    auto list = k.records->meetings_for_passport(p->id);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    CHECK((*list)[0].id == first->id);
    CHECK((*list)[0].status == MeetingStatus::arranged);
    CHECK((*list)[0].reply == "下周三上午九点，联系点二楼。");
    CHECK((*list)[0].status_at_ms == 5000);
    CHECK((*list)[1].status == MeetingStatus::received);
    CHECK_FALSE((*list)[1].status_at_ms);
    k.db->locked([&](SqliteDb& s) { upsert_meeting_status_row(s, first->id, MeetingStatus::closed, "已电话答复。", 6000); });
    CHECK(k.book->booklet(p->id)->meetings[0].status == MeetingStatus::closed);
    CHECK(k.records->meetings_for_passport(std::string(32, 'f'))->empty());
}

TEST_CASE("a schema-6 kiosk.db is migrated to the current schema keeping its records", "[core][records][kiosk-db]") {
    TempDir tmp;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        (*db)->locked([](SqliteDb& s) {
            s.exec("DROP TABLE guestbook; DROP TABLE meeting_requests; DROP TABLE meeting_statuses; "
                   "DROP TABLE district_figures; DROP TABLE district_consultation_figures; PRAGMA user_version=6;"
                   "INSERT INTO opinions(id, consultation, stance, text, contact_consent, lang, kiosk, created_at) "
                   "VALUES('x', 'c', 'support', 'kept', 0, 'zh', 'k', 1)");
        });
    }
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    CHECK((*db)->locked([](SqliteDb& s) { return s.pragma_int("user_version"); }) == kKioskDbSchema);
    StationRecords records(**db, "hall-1");
    REQUIRE(records.submit_guestbook(delegation("甲单位", true), at(0)).ok());
    CHECK(*records.count_guestbook() == 1);
    CHECK((*db)->locked([](SqliteDb& s) {
        auto st = s.prepare("SELECT text FROM opinions WHERE id = 'x'");
        st.step();
        return st.text(0);
    }) == "kept");
}

TEST_CASE("every meeting request acknowledged before kill -9 is whole, with its passport's stamp",
          "[core][records][durability]") {
    TempDir tmp;
    std::string passport;
    {
        auto db = KioskDb::open(tmp.path());
        REQUIRE(db.ok());
        PassportBook book(**db, PassportSettings{"hall-1", "JJ1", generate_key(), {}, {}, ""});
        auto p = book.issue(at(0));
        REQUIRE(p.ok());
        passport = p->id;
    }
    const ContentSet content = station();
    std::set<std::string> acked;
    for (int round = 0; round < 12; ++round) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            auto db = KioskDb::open(tmp.path());
            if (!db) _exit(3);
            StationRecords records(**db, "hall-1");
            for (int seq = 0;; ++seq) {
                auto r = records.submit_meeting(meeting(seq % 2 ? std::optional(passport) : std::nullopt, true), content,
                                                at(round * 100000 + seq));
                if (!r) _exit(4);
                std::string line = r->id + "\n";
                if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
            }
        }
        ::close(fds[1]);
        // Killed once a few acknowledgements (2 to 13) arrived: the child is then inside its next submit.
        std::string out;
        char buf[4096];
        const std::size_t wanted = 2 + static_cast<std::size_t>(round);
        while (static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) < wanted) {
            ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        REQUIRE(::kill(pid, SIGKILL) == 0);
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        ::close(fds[0]);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFSIGNALED(status));
        std::istringstream lines(out);
        for (std::string id; lines >> id;) acked.insert(id);
    }
    REQUIRE(acked.size() >= 12 * 2);
    auto db = KioskDb::open(tmp.path());
    REQUIRE(db.ok());
    StationRecords records(**db, "checker");
    for (const std::string& id : acked) {
        INFO(id);
        auto r = records.find_meeting(id);
        REQUIRE(r.ok());
        CHECK(r->topic == "老旧小区加装电梯");
        CHECK(r->phone == "13812345678");
    }
    // Every request in the file, acknowledged or committed just before a kill, has its stamp
    // exactly when it names the passport.
    auto mismatched = (*db)->locked([](SqliteDb& s) {
        auto st = s.prepare(
            "SELECT count(*) FROM meeting_requests m WHERE (m.passport IS NOT NULL) != "
            "EXISTS (SELECT 1 FROM stamps WHERE kind = 'meeting' AND ref = m.id)");
        st.step();
        return st.integer(0);
    });
    CHECK(mismatched == 0);
    CHECK((*db)->locked([](SqliteDb& s) {
        auto st = s.prepare("PRAGMA integrity_check");
        st.step();
        return st.text(0);
    }) == "ok");
}
