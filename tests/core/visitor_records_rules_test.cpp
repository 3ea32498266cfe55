// The guestbook's and the meeting request's rules (core/records): every field limit at and over
// it, invalid UTF-8, control characters, characters the kiosk cannot draw, the number of people at
// 0, 1, the maximum and past it, contact details without consent, an unknown deputy; and each
// problem said in both languages by the real string table.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/base/uuid.h"
#include "core/content/content_model.h"
#include "core/records/guestbook.h"
#include "core/records/meeting_request.h"

using namespace lianxin;

namespace {

std::string chars(std::size_t n, const std::string& c = "字") {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += c;
    return s;
}

const Moment kNow{1'799'546'400'000, {2027, 1, 10}};

GuestbookDraft good_guestbook() {
    GuestbookDraft d;
    d.organisation = "  武侯区人大常委会  ";
    d.origin = "四川省成都市";
    d.people = 12;
    d.message = "学习了联系点的经验。\n谢谢！";
    d.on_wall = true;
    return d;
}

ContentSet station() {
    ContentSet c;
    Deputy d;
    d.id = "he-jianguo";
    d.name = {"何建国", "He Jianguo"};
    c.deputies.push_back(d);
    return c;
}

MeetingDraft good_meeting() {
    MeetingDraft d;
    d.deputy = "he-jianguo";
    d.topic = "小区加装电梯的分摊办法";
    return d;
}

std::vector<std::pair<GuestbookField, FieldIssue>> issues(const std::vector<GuestbookProblem>& ps) {
    std::vector<std::pair<GuestbookField, FieldIssue>> out;
    for (auto& p : ps) out.emplace_back(p.field, p.issue);
    return out;
}

std::vector<std::pair<MeetingField, FieldIssue>> issues(const std::vector<MeetingProblem>& ps) {
    std::vector<std::pair<MeetingField, FieldIssue>> out;
    for (auto& p : ps) out.emplace_back(p.field, p.issue);
    return out;
}

const StringTable& strings() {
    static StringTable t = *StringTable::load(std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets/strings");
    return t;
}

}  // namespace

TEST_CASE("a guestbook entry is made trimmed, with a UUIDv7 carrying its time", "[core][records][guestbook]") {
    auto e = make_guestbook_entry(good_guestbook(), "hall-1", kNow);
    REQUIRE(e.ok());
    CHECK(is_uuid_v7(e->id));
    // Ids only increase within a process: an id made just before at a later time may carry it on.
    CHECK(uuid_v7_millis(e->id) >= kNow.utc_ms);
    CHECK(uuid_v7_millis(e->id) < kNow.utc_ms + 10000);
    CHECK(e->organisation == "武侯区人大常委会");
    CHECK(e->message == "学习了联系点的经验。\n谢谢！");
    CHECK(e->people == 12);
    CHECK(e->on_wall);
    CHECK(e->kiosk == "hall-1");
    CHECK(e->created_at_ms == kNow.utc_ms);
    CHECK(check_guestbook_entry(*e).empty());
}

TEST_CASE("guestbook text fields at, over and around their limits", "[core][records][guestbook]") {
    struct Case {
        GuestbookField field;
        std::string GuestbookDraft::*member;
        std::size_t limit;
        bool required;
    };
    for (const Case& c : {Case{GuestbookField::organisation, &GuestbookDraft::organisation, kGuestbookOrganisationMaxChars, true},
                          Case{GuestbookField::origin, &GuestbookDraft::origin, kGuestbookOriginMaxChars, true},
                          Case{GuestbookField::message, &GuestbookDraft::message, kGuestbookMessageMaxChars, false}}) {
        INFO(guestbook_field_name(c.field));
        GuestbookDraft d = good_guestbook();
        d.*c.member = chars(c.limit);
        CHECK(check_guestbook(d).empty());
        d.*c.member = "  " + chars(c.limit) + "\u3000";  // trimmed before counting
        CHECK(check_guestbook(d).empty());
        d.*c.member = chars(c.limit + 1);
        auto over = check_guestbook(d);
        REQUIRE(over.size() == 1);
        CHECK(over[0].field == c.field);
        CHECK(over[0].issue == FieldIssue::too_long);
        CHECK(over[0].found == static_cast<std::int64_t>(c.limit + 1));
        d.*c.member = "ab\xC3";
        CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::invalid_utf8}});
        d.*c.member = "a\x01b";
        CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::control_character}});
        d.*c.member = "a\xC2\x85z";  // a C1 control (NEL)
        CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::control_character}});
        d.*c.member = "欢迎\xF0\x9F\x98\x80";
        CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::unsupported_character}});
        d.*c.member = " \u3000 ";
        if (c.required)
            CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::empty}});
        else
            CHECK(check_guestbook(d).empty());
        // A new line: only the message spans lines.
        d.*c.member = "第一行\n第二行";
        if (c.field == GuestbookField::message)
            CHECK(check_guestbook(d).empty());
        else
            CHECK(issues(check_guestbook(d)) == std::vector{std::pair{c.field, FieldIssue::control_character}});
    }
}

TEST_CASE("guestbook people: 0 and past the maximum are refused, 1 and the maximum taken", "[core][records][guestbook]") {
    GuestbookDraft d = good_guestbook();
    for (int n : {1, kGuestbookPeopleMax}) {
        d.people = n;
        CHECK(check_guestbook(d).empty());
    }
    for (int n : {0, -3, kGuestbookPeopleMax + 1}) {
        d.people = n;
        auto p = check_guestbook(d);
        REQUIRE(p.size() == 1);
        CHECK(p[0].field == GuestbookField::people);
        CHECK(p[0].issue == FieldIssue::out_of_range);
        CHECK(p[0].found == n);
    }
}

TEST_CASE("a guestbook draft breaking several rules says each, in form order", "[core][records][guestbook]") {
    GuestbookDraft d;
    d.people = 0;
    d.message = chars(kGuestbookMessageMaxChars + 3);
    auto r = make_guestbook_entry(d, "hall-1", kNow);
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(r.error().not_stored);
    CHECK(issues(r.error().problems) ==
          std::vector{std::pair{GuestbookField::organisation, FieldIssue::empty}, std::pair{GuestbookField::origin, FieldIssue::empty},
                      std::pair{GuestbookField::people, FieldIssue::out_of_range},
                      std::pair{GuestbookField::message, FieldIssue::too_long}});
    CHECK(r.error().detail == "guestbook entry refused: organisation.empty origin.empty people.out_of_range message.too_long");
    // In the visitor's words, with what to cut and the bounds.
    CHECK(guestbook_problem_text(r.error().problems[0], Lang::zh, strings()) == "请填写单位名称。");
    CHECK(guestbook_problem_text(r.error().problems[2], Lang::zh, strings()) == "人数应在 1 到 500 之间。");
    CHECK(guestbook_problem_text(r.error().problems[3], Lang::zh, strings()) == "留言太长：请删去 3 字，最多 500 字。");
    CHECK(guestbook_problem_text(r.error().problems[3], Lang::en, strings()) ==
          "Message: please cut 3 characters; at most 500 fit.");
}

TEST_CASE("a stored guestbook entry that is not trimmed as stored is refused by the record check", "[core][records][guestbook]") {
    auto e = make_guestbook_entry(good_guestbook(), "hall-1", kNow);
    REQUIRE(e.ok());
    GuestbookEntry bad = *e;
    bad.origin = " 成都 ";
    CHECK(issues(check_guestbook_entry(bad)) == std::vector{std::pair{GuestbookField::origin, FieldIssue::invalid}});
}

TEST_CASE("a meeting request is made for a deputy of the station, with contact only by consent", "[core][records][meeting]") {
    const ContentSet c = station();
    MeetingDraft d = good_meeting();
    d.name = " 张老师 ";
    d.phone = "138 1234 5678";
    d.consent = true;
    d.passport = std::string(32, 'a');
    auto r = make_meeting_request(d, c, "hall-1", kNow);
    REQUIRE(r.ok());
    CHECK(is_uuid_v7(r->id));
    CHECK(r->name == "张老师");
    CHECK(r->phone == "13812345678");
    CHECK(r->status == MeetingStatus::received);
    CHECK_FALSE(r->status_at_ms);
    CHECK(r->passport == std::string(32, 'a'));
    CHECK(check_meeting_request(*r, &c).empty());

    // An empty passport is none.
    d.passport = std::string();
    auto none = make_meeting_request(d, c, "hall-1", kNow);
    REQUIRE(none.ok());
    CHECK_FALSE(none->passport);
}

TEST_CASE("meeting request rules: deputy, topic limits, passport form, contact and consent", "[core][records][meeting]") {
    const ContentSet c = station();
    MeetingDraft d = good_meeting();

    d.deputy = "";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::deputy, FieldIssue::empty}});
    d.deputy = "no-such-deputy";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::deputy, FieldIssue::not_found}});
    CHECK(check_meeting(d, nullptr).empty());  // without content only its form is judged
    d.deputy = "he jianguo";
    CHECK(issues(check_meeting(d, nullptr)) == std::vector{std::pair{MeetingField::deputy, FieldIssue::invalid}});
    d = good_meeting();

    d.topic = chars(kMeetingTopicMaxChars);
    CHECK(check_meeting(d, &c).empty());
    d.topic = chars(kMeetingTopicMaxChars + 1);
    auto over = check_meeting(d, &c);
    REQUIRE(over.size() == 1);
    CHECK(over[0].issue == FieldIssue::too_long);
    CHECK(meeting_problem_text(over[0], Lang::zh, strings()) == "想谈的事项太长：请删去 1 字，最多 300 字。");
    for (auto [text, issue] : {std::pair{std::string("\xFF\xFE"), FieldIssue::invalid_utf8},
                               std::pair{std::string("a\x7Fz"), FieldIssue::control_character},
                               std::pair{std::string("电梯\xF0\x9F\x9B\x97"), FieldIssue::unsupported_character},
                               std::pair{std::string("\t \n"), FieldIssue::empty}}) {
        d.topic = text;
        CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::topic, issue}});
    }
    d = good_meeting();

    d.passport = "ABC";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::passport, FieldIssue::invalid}});
    d = good_meeting();

    // Contact without consent, consent without contact, a name alone, a bad phone, a long name.
    d.phone = "13812345678";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::consent, FieldIssue::without_consent}});
    auto refused = make_meeting_request(d, c, "hall-1", kNow);
    REQUIRE_FALSE(refused.ok());
    CHECK(meeting_problem_text(refused.error().problems[0], Lang::zh, strings()) == "留下联系方式需要先勾选同意。");
    CHECK(refused.error().detail.find("13812345678") == std::string::npos);  // logs never hold contact details
    d = good_meeting();
    d.consent = true;
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::consent, FieldIssue::consent_without_contact}});
    d.name = "张老师";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::name, FieldIssue::name_without_phone}});
    d.phone = "12345";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::phone, FieldIssue::invalid}});
    d.phone = "028-12345678";
    CHECK(check_meeting(d, &c).empty());
    d.name = chars(kContactNameMaxChars);
    CHECK(check_meeting(d, &c).empty());
    d.name = chars(kContactNameMaxChars + 2);
    auto long_name = check_meeting(d, &c);
    REQUIRE(long_name.size() == 1);
    CHECK(long_name[0].field == MeetingField::name);
    CHECK(long_name[0].issue == FieldIssue::too_long);
    CHECK(meeting_problem_text(long_name[0], Lang::en, strings()) == "Name: please cut 2 characters; at most 20 fit.");
    d.name = "张\x01";
    CHECK(issues(check_meeting(d, &c)) == std::vector{std::pair{MeetingField::name, FieldIssue::invalid}});
}

TEST_CASE("meeting statuses have one text form each", "[core][records][meeting]") {
    for (auto s : {MeetingStatus::received, MeetingStatus::arranged, MeetingStatus::referred, MeetingStatus::closed}) {
        MeetingStatus back = MeetingStatus::closed;
        REQUIRE(parse_meeting_status(meeting_status_code(s), back));
        CHECK(back == s);
        CHECK(strings().get(Lang::zh, std::string("meeting.status.") + meeting_status_code(s)) !=
              std::string("meeting.status.") + meeting_status_code(s));
    }
    MeetingStatus untouched = MeetingStatus::arranged;
    CHECK_FALSE(parse_meeting_status("adopted", untouched));
    CHECK(untouched == MeetingStatus::arranged);
}

TEST_CASE("the number of people as typed: leading zeros, nothing, and anything past the largest party", "[core][records][guestbook]") {
    CHECK(people_count_of("12") == 12);
    CHECK(people_count_of("00012") == 12);  // a leading zero is not a digit more
    CHECK(people_count_of("1") == 1);
    CHECK(people_count_of(std::to_string(kGuestbookPeopleMax)) == kGuestbookPeopleMax);
    CHECK(people_count_of("") == 0);
    CHECK(people_count_of("000") == 0);
    CHECK(people_count_of(std::to_string(kGuestbookPeopleMax + 1)) == kGuestbookPeopleMax + 1);
    CHECK(people_count_of("99999999999999999999") == kGuestbookPeopleMax + 1);  // past int, not undefined
    CHECK(people_count_of("-5") == kGuestbookPeopleMax + 1);
    CHECK(people_count_of("1-2") == kGuestbookPeopleMax + 1);
    // Each of them is judged by the one range rule.
    for (const char* typed : {"", "000", "-5", "99999999999999999999"}) {
        GuestbookDraft d{"成都市人大常委会", "成都", people_count_of(typed), "", false, Lang::zh};
        auto problems = check_guestbook(normalize_guestbook(d));
        REQUIRE(problems.size() == 1);
        CHECK(problems.front().field == GuestbookField::people);
        CHECK(problems.front().issue == FieldIssue::out_of_range);
    }
}
