// The sync messages' JSON form (docs/sync-protocol.md), with nlohmann-json. Parsing is strict about
// what it relies on (types, enum codes, id forms, limits, the rules an opinion must meet) and
// lenient about the rest: unknown fields are ignored, so a newer peer can add fields without a new
// protocol number.
//
// Sections: helpers · push (write, read) · reply (write, read)
#include "core/sync/sync_messages.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <set>

#include "core/base/ascii.h"
#include "core/base/uuid.h"
#include "core/opinions/opinion_rules.h"
#include "core/text/utf8.h"
#include "core/tokens/short_code.h"
#include "core/tokens/token.h"

namespace lianxin {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// helpers

namespace {

// Thrown inside the parsers only and caught at their boundary, so a refusal anywhere deep in a
// message unwinds in one step; nothing escapes parse_*.
struct Refusal {
    std::string detail;
};

[[noreturn]] void refuse(const std::string& field, const std::string& why) {
    throw Refusal{field + ": " + why};
}

// Enum codes (stance, status, kind, lang) are short words; a longer string is not one of them.
constexpr std::size_t kCodeMaxBytes = 20;

bool is_lower_hex(std::string_view s, std::size_t digits) {
    return s.size() == digits && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool has_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

std::string at(const std::string& path, const char* key) { return path + "." + key; }
std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

void require_object(const json& j, const std::string& path) {
    if (!j.is_object()) refuse(path, "must be an object");
}

// A member that may be absent; JSON null counts as absent.
const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

// A one-line name or label: valid UTF-8 without control characters, at most max_bytes.
std::string get_string(const json& obj, const char* key, const std::string& path, bool required,
                       std::size_t max_bytes) {
    const json* v = member(obj, key);
    if (!v) {
        if (required) refuse(at(path, key), "missing");
        return {};
    }
    if (!v->is_string()) refuse(at(path, key), "must be a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_bytes)
        refuse(at(path, key), std::to_string(s.size()) + " bytes; at most " +
                                  std::to_string(max_bytes));
    if (!utf8::is_valid(s)) refuse(at(path, key), "not valid UTF-8");
    if (has_control(s)) refuse(at(path, key), "holds a control character");
    return s;
}

// Long texts (opinion text, a hub's reply) keep their newlines and tabs; the caller judges them.
std::string get_text(const json& obj, const char* key, const std::string& path, bool required) {
    const json* v = member(obj, key);
    if (!v) {
        if (required) refuse(at(path, key), "missing");
        return {};
    }
    if (!v->is_string()) refuse(at(path, key), "must be a string");
    return v->get<std::string>();
}

std::int64_t get_int(const json& obj, const char* key, const std::string& path, bool required,
                     std::int64_t min, std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
    const json* v = member(obj, key);
    if (!v) {
        if (required) refuse(at(path, key), "missing");
        return min;
    }
    // An unsigned value above int64's range would wrap in get<int64_t>(): refuse it first.
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        refuse(at(path, key), "out of range");
    if (!v->is_number_integer()) refuse(at(path, key), "must be a whole number");
    auto n = v->get<std::int64_t>();
    if (n < min || n > max)
        refuse(at(path, key), std::to_string(n) + " is out of range " + std::to_string(min) + "…" +
                                  std::to_string(max));
    return n;
}

bool get_bool(const json& obj, const char* key, const std::string& path, bool required) {
    const json* v = member(obj, key);
    if (!v) {
        if (required) refuse(at(path, key), "missing");
        return false;
    }
    if (!v->is_boolean()) refuse(at(path, key), "must be true or false");
    return v->get<bool>();
}

// An absent list is empty; a present one is an array of at most kSyncMaxBatch entries.
const json& get_list(const json& obj, const char* key, const std::string& path) {
    static const json empty = json::array();
    const json* v = member(obj, key);
    if (!v) return empty;
    if (!v->is_array()) refuse(at(path, key), "must be a list");
    if (v->size() > kSyncMaxBatch)
        refuse(at(path, key), std::to_string(v->size()) + " entries; at most " +
                                  std::to_string(kSyncMaxBatch) + " in one message");
    return *v;
}

void check_uuid(const std::string& id, const std::string& field) {
    if (!is_uuid_v7(id)) refuse(field, "'" + id.substr(0, kRecordIdChars + 4) + "' is not a lowercase UUIDv7");
}

void check_passport_id(const std::string& id, const std::string& field) {
    if (!is_lower_hex(id, kPassportIdHexDigits))
        refuse(field, "a passport id is " + std::to_string(kPassportIdHexDigits) + " lower-case hex digits");
}

// An id as it may be quoted back to the other side: printable ASCII of a bounded length, else
// nothing (an id that cannot be quoted cannot be matched to a record either).
std::string quotable_id(const json* v) {
    if (!v || !v->is_string()) return {};
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() || s.size() > kKioskIdMaxBytes) return {};
    for (char c : s)
        if (c <= 0x20 || c >= 0x7F) return {};
    return s;
}

RecordProblem problem(std::string kind, std::string id, std::string reason) {
    return RecordProblem{std::move(kind), std::move(id), utf8::cut(reason, kSyncMaxReasonBytes)};
}

const char* field_of(OpinionProblem p) {
    switch (p) {
        case OpinionProblem::article_not_found: return "article";
        case OpinionProblem::passport_invalid: return "passport";
        case OpinionProblem::contact_without_consent:
        case OpinionProblem::consent_without_contact: return "contact_consent";
        case OpinionProblem::name_without_phone:
        case OpinionProblem::name_too_long:
        case OpinionProblem::name_invalid: return "contact_name";
        case OpinionProblem::phone_invalid: return "contact_phone";
        default: return "text";
    }
}

// Parses JSON text into a DOM without exceptions; refuses non-objects.
json parse_object(std::string_view text, const char* what) {
    if (text.size() > kSyncMaxBodyBytes)
        throw Error{ErrorCode::too_large, std::string(what) + " of " + std::to_string(text.size()) +
                                              " bytes; at most " + std::to_string(kSyncMaxBodyBytes)};
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) refuse(what, "not valid JSON");
    require_object(j, what);
    return j;
}

int read_protocol(const json& j, const char* what) {
    auto p = get_int(j, "protocol", what, true, std::numeric_limits<std::int64_t>::min());
    if (p != kSyncProtocolVersion)
        refuse(std::string(what) + ".protocol", "version " + std::to_string(p) +
                                                    " is not known (this program speaks " +
                                                    std::to_string(kSyncProtocolVersion) + ")");
    return static_cast<int>(p);
}

// Invalid UTF-8 cannot get this far through the kiosk's rules; should it ever, it is replaced
// rather than thrown, so writing a message never fails.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json problems_json(const std::vector<RecordProblem>& list) {
    json out = json::array();
    for (const RecordProblem& p : list) out.push_back({{"kind", p.kind}, {"id", p.id}, {"reason", p.reason}});
    return out;
}

// A list of problems the other side reports. It only informs (a log, a maintenance line), so an
// entry that is malformed is dropped rather than failing the message that carries it.
std::vector<RecordProblem> read_problems(const json& j, const char* key, const std::string& path) {
    std::vector<RecordProblem> out;
    const json& list = get_list(j, key, path);
    for (const json& e : list) {
        if (!e.is_object()) continue;
        auto text = [&](const char* k, std::size_t max) {
            const json* v = member(e, k);
            if (!v || !v->is_string()) return std::string();
            std::string s = v->get<std::string>();
            if (!utf8::is_valid(s) || has_control(s)) return std::string("(unreadable)");
            return utf8::cut(s, max);
        };
        out.push_back(RecordProblem{text("kind", kCodeMaxBytes), quotable_id(member(e, "id")),
                                    text("reason", kSyncMaxReasonBytes)});
    }
    return out;
}

// Reads each entry of a list of records with `read`. A record that breaks a rule is left out and
// reported in `problems` under its id; one whose id cannot even be quoted is refused with the
// whole message when `id_required` (it did not come from a kiosk of ours), else skipped without
// an id. With `seen`, a repeated id keeps its first copy. An empty `id_key` takes a string entry
// itself as its id (a serial).
template <class Read>
void read_records(const json& list, const std::string& path, const char* kind, const char* id_key, bool id_required,
                  std::set<std::string>* seen, std::vector<RecordProblem>& problems, Read&& read) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string where = at(path, i);
        std::string id = !*id_key             ? quotable_id(&list[i])
                         : list[i].is_object() ? quotable_id(member(list[i], id_key))
                                               : std::string();
        if (id.empty() && id_required) {
            require_object(list[i], where);
            refuse(at(where, id_key), "missing, or not an id that can be quoted back");
        }
        try {
            if (seen && !id.empty() && seen->count(id)) continue;  // the same record again: held once
            read(list[i], where);
            if (seen && !id.empty()) seen->insert(id);
        } catch (const Refusal& r) {
            problems.push_back(problem(kind, id, r.detail));
        }
    }
}

template <class F>
Result<std::invoke_result_t<F>> guarded(F&& f) {
    try {
        return f();
    } catch (const Refusal& r) {
        return Error{ErrorCode::invalid_input, r.detail};
    } catch (const Error& e) {
        return e;
    } catch (const std::exception& e) {  // a library surprise: still a refusal, never a crash
        return Error{ErrorCode::invalid_input, std::string("malformed message: ") + e.what()};
    }
}

}  // namespace

bool is_valid_kiosk_id(std::string_view id) { return is_plain_id(id, kKioskIdMaxBytes); }

std::optional<std::string> kiosk_name_problem(std::string_view name) {
    if (name.empty()) return std::string("is empty; give the kiosk a name staff will recognise");
    if (name.size() > kKioskNameMaxBytes)
        return std::to_string(name.size()) + " bytes; a kiosk name is at most " + std::to_string(kKioskNameMaxBytes) +
               " bytes of UTF-8 (about " + std::to_string(kKioskNameMaxBytes / 3) + " Chinese characters)";
    if (!utf8::is_valid(name)) return std::string("is not valid UTF-8");
    if (has_control(name)) return std::string("holds a control character");
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// push: write

std::string to_json(const SyncPush& push) {
    json j = json::object();
    j["protocol"] = push.protocol;
    j["kiosk"] = push.kiosk;
    j["cursor"] = push.cursor;
    json ops = json::array();
    for (const Opinion& o : push.opinions) {
        json e = {{"id", o.id},
                  {"consultation", o.consultation_id},
                  {"article", o.article ? json(*o.article) : json(nullptr)},
                  {"stance", stance_code(o.stance)},
                  {"text", o.text},
                  {"contact_consent", o.contact_consent},
                  {"lang", lang_code(o.lang)},
                  {"kiosk", o.kiosk},
                  {"created_at_ms", o.created_at_ms}};
        // Absent rather than empty, so "no passport" and "no contact" read plainly in the body.
        if (!o.passport_id.empty()) e["passport"] = o.passport_id;
        if (!o.contact_name.empty()) e["contact_name"] = o.contact_name;
        if (!o.contact_phone.empty()) e["contact_phone"] = o.contact_phone;
        ops.push_back(std::move(e));
    }
    j["opinions"] = std::move(ops);
    json ps = json::array();
    for (const SyncPassport& p : push.passports)
        ps.push_back({{"id", p.id},
                      {"short_code", p.short_code},
                      {"token", p.token},
                      {"issued_on", p.issued_on.to_string()},
                      {"kiosk", p.kiosk},
                      {"created_at_ms", p.created_at_ms}});
    j["passports"] = std::move(ps);
    json ss = json::array();
    for (const SyncStamp& s : push.stamps)
        ss.push_back({{"id", s.id},
                      {"passport", s.passport},
                      {"kind", stamp_kind_code(s.kind)},
                      {"ref", s.ref},
                      {"created_at_ms", s.created_at_ms}});
    j["stamps"] = std::move(ss);
    json gs = json::array();
    for (const GuestbookEntry& g : push.guestbook)
        gs.push_back({{"id", g.id},
                      {"organisation", g.organisation},
                      {"origin", g.origin},
                      {"people", g.people},
                      {"message", g.message},
                      {"on_wall", g.on_wall},
                      {"lang", lang_code(g.language)},
                      {"kiosk", g.kiosk},
                      {"created_at_ms", g.created_at_ms}});
    j["guestbook"] = std::move(gs);
    json ms = json::array();
    for (const MeetingRequest& m : push.meetings) {
        json e = {{"id", m.id},
                  {"deputy", m.deputy},
                  {"topic", m.topic},
                  {"contact_consent", m.consent},
                  {"lang", lang_code(m.language)},
                  {"kiosk", m.kiosk},
                  {"created_at_ms", m.created_at_ms}};
        if (m.passport) e["passport"] = *m.passport;
        if (!m.name.empty()) e["contact_name"] = m.name;
        if (!m.phone.empty()) e["contact_phone"] = m.phone;
        ms.push_back(std::move(e));
    }
    j["meetings"] = std::move(ms);
    j["heartbeat"] = {{"app_version", push.heartbeat.app_version},
                      {"content_version", push.heartbeat.content_version},
                      {"outbox_depth", push.heartbeat.outbox_depth},
                      {"last_error", push.heartbeat.last_error}};
    const StorageReport& st = push.heartbeat.storage;
    if (st != StorageReport{})
        j["heartbeat"]["storage"] = {{"set_aside", st.set_aside}, {"newest", st.newest},
                                     {"newest_at_ms", st.newest_at_ms}, {"salvaged", st.salvaged},
                                     {"left_out", st.left_out}, {"fault", st.fault}};
    if (!push.skipped.empty()) j["skipped"] = problems_json(push.skipped);
    return dump(j);
}

// ---------------------------------------------------------------------------------------------
// push: read

namespace {

Opinion read_opinion(const json& e, const std::string& path) {
    require_object(e, path);
    Opinion o;
    o.id = get_string(e, "id", path, true, kRecordIdChars);
    check_uuid(o.id, at(path, "id"));
    o.consultation_id = get_string(e, "consultation", path, true, kMaxConsultationIdBytes);
    if (!is_consultation_id(o.consultation_id))
        refuse(at(path, "consultation"), "a consultation id is 1–" +
                                             std::to_string(kMaxConsultationIdBytes) +
                                             " letters, digits, '-' or '_'");
    if (member(e, "article"))
        o.article = static_cast<int>(get_int(e, "article", path, false, 0, kArticleMax));
    auto stance = get_string(e, "stance", path, true, kCodeMaxBytes);
    if (!parse_stance(stance, o.stance)) refuse(at(path, "stance"), "unknown stance '" + stance + "'");
    o.text = get_text(e, "text", path, true);
    o.passport_id = get_string(e, "passport", path, false, kPassportIdHexDigits);
    if (!o.passport_id.empty()) check_passport_id(o.passport_id, at(path, "passport"));
    o.contact_name = get_text(e, "contact_name", path, false);
    o.contact_phone = get_text(e, "contact_phone", path, false);
    o.contact_consent = get_bool(e, "contact_consent", path, true);
    auto lang = get_string(e, "lang", path, true, 2);
    if (!parse_lang(lang, o.lang)) refuse(at(path, "lang"), "unknown language '" + lang + "'");
    o.kiosk = get_string(e, "kiosk", path, true, kKioskNameMaxBytes);
    o.created_at_ms = get_int(e, "created_at_ms", path, true, 1);

    // The same rules as at the kiosk, except deadline and stage (see check_opinion_record).
    auto problems = check_opinion_record(o);
    if (!problems.empty())
        refuse(at(path, field_of(problems.front())), opinion_problem_name(problems.front()));
    // A record travels as stored: trimmed by submit(). Anything else did not come from a kiosk.
    OpinionDraft d;
    d.text = o.text;
    d.contact_name = o.contact_name;
    d.contact_phone = o.contact_phone;
    OpinionDraft n = normalize_opinion(d);
    if (n.text != o.text) refuse(at(path, "text"), "not trimmed as stored");
    if (n.contact_name != o.contact_name) refuse(at(path, "contact_name"), "not trimmed as stored");
    if (n.contact_phone != o.contact_phone) refuse(at(path, "contact_phone"), "holds spaces");
    return o;
}

SyncPassport read_passport(const json& e, const std::string& path) {
    require_object(e, path);
    SyncPassport p;
    p.id = get_string(e, "id", path, true, kPassportIdHexDigits);
    check_passport_id(p.id, at(path, "id"));
    p.short_code = get_string(e, "short_code", path, true, kShortCodeChars);
    auto canonical = normalize_short_code(p.short_code);
    if (!canonical || *canonical != p.short_code)
        refuse(at(path, "short_code"), "not a canonical short code (11 characters, check character)");
    p.token = get_string(e, "token", path, true, kTokenMaxBytes);
    if (p.token.rfind("LXP", 0) != 0) refuse(at(path, "token"), "not a passport token (LXP…)");
    auto day = get_string(e, "issued_on", path, true, 10);
    if (!parse_local_date(day, p.issued_on)) refuse(at(path, "issued_on"), "not a date YYYY-MM-DD");
    p.kiosk = get_string(e, "kiosk", path, true, kKioskNameMaxBytes);
    p.created_at_ms = get_int(e, "created_at_ms", path, true, 1);
    return p;
}

SyncStamp read_stamp(const json& e, const std::string& path) {
    require_object(e, path);
    SyncStamp s;
    s.id = get_string(e, "id", path, true, kRecordIdChars);
    check_uuid(s.id, at(path, "id"));
    s.passport = get_string(e, "passport", path, true, kPassportIdHexDigits);
    check_passport_id(s.passport, at(path, "passport"));
    auto kind = get_string(e, "kind", path, true, kCodeMaxBytes);
    if (!parse_stamp_kind(kind, s.kind)) refuse(at(path, "kind"), "unknown stamp kind '" + kind + "'");
    s.ref = get_string(e, "ref", path, true, kStampRefMaxBytes);
    if (s.kind == StampKind::opinion)
        check_uuid(s.ref, at(path, "ref"));
    else if (!is_plain_id(s.ref, kStampRefMaxBytes))
        refuse(at(path, "ref"), "1–" + std::to_string(kStampRefMaxBytes) + " letters, digits, '-' or '_'");
    s.created_at_ms = get_int(e, "created_at_ms", path, true, 1);
    return s;
}

Lang read_lang(const json& e, const std::string& path) {
    Lang out = Lang::zh;
    auto lang = get_string(e, "lang", path, true, 2);
    if (!parse_lang(lang, out)) refuse(at(path, "lang"), "unknown language '" + lang + "'");
    return out;
}

GuestbookEntry read_guestbook(const json& e, const std::string& path) {
    require_object(e, path);
    GuestbookEntry g;
    g.id = get_string(e, "id", path, true, kRecordIdChars);
    check_uuid(g.id, at(path, "id"));
    g.organisation = get_text(e, "organisation", path, true);
    g.origin = get_text(e, "origin", path, true);
    g.people = static_cast<int>(get_int(e, "people", path, true, std::numeric_limits<int>::min(),
                                        std::numeric_limits<int>::max()));
    g.message = get_text(e, "message", path, false);
    g.on_wall = get_bool(e, "on_wall", path, true);
    g.language = read_lang(e, path);
    g.kiosk = get_string(e, "kiosk", path, true, kKioskNameMaxBytes);
    g.created_at_ms = get_int(e, "created_at_ms", path, true, 1);
    // The kiosk's own rules (make_guestbook_entry), and as stored: trimmed.
    auto problems = check_guestbook_entry(g);
    if (!problems.empty())
        refuse(at(path, guestbook_field_name(problems.front().field)), field_issue_name(problems.front().issue));
    return g;
}

// The field of a meeting request as the push names it.
const char* push_field_of(MeetingField f) {
    switch (f) {
        case MeetingField::consent: return "contact_consent";
        case MeetingField::name: return "contact_name";
        case MeetingField::phone: return "contact_phone";
        default: return meeting_field_name(f);
    }
}

MeetingRequest read_meeting(const json& e, const std::string& path) {
    require_object(e, path);
    MeetingRequest m;
    m.id = get_string(e, "id", path, true, kRecordIdChars);
    check_uuid(m.id, at(path, "id"));
    m.deputy = get_string(e, "deputy", path, true, kContentIdMaxBytes);
    m.topic = get_text(e, "topic", path, true);
    if (member(e, "passport")) {
        m.passport = get_string(e, "passport", path, false, kPassportIdHexDigits);
        check_passport_id(*m.passport, at(path, "passport"));
    }
    m.name = get_text(e, "contact_name", path, false);
    m.phone = get_text(e, "contact_phone", path, false);
    m.consent = get_bool(e, "contact_consent", path, true);
    m.language = read_lang(e, path);
    m.kiosk = get_string(e, "kiosk", path, true, kKioskNameMaxBytes);
    m.created_at_ms = get_int(e, "created_at_ms", path, true, 1);
    // The kiosk's own rules (make_meeting_request) but the deputy's presence in the content, which
    // the hub judges against what it has published; and as stored: normalized.
    auto problems = check_meeting_request(m, nullptr);
    if (!problems.empty())
        refuse(at(path, push_field_of(problems.front().field)), field_issue_name(problems.front().issue));
    return m;
}

// heartbeat.storage. A report that breaks a rule is dropped, never the push: news of a damaged
// disk must not be what keeps the kiosk's records from reaching the hub.
// 2100-01-01: no kiosk sets a file aside later; a time past it would only print nonsense.
constexpr std::int64_t kLatestTimeMs = 4'102'444'800'000;

StorageReport read_storage_report(const json& hb) {
    const json* st = member(hb, "storage");
    if (!st) return {};
    try {
        const std::string path = "push.heartbeat.storage";
        require_object(*st, path);
        StorageReport r;
        r.set_aside = get_int(*st, "set_aside", path, true, 0);
        r.newest = get_string(*st, "newest", path, false, kSetAsideNameMaxBytes);
        r.newest_at_ms = get_int(*st, "newest_at_ms", path, false, 0, kLatestTimeMs);
        r.salvaged = get_int(*st, "salvaged", path, false, -1);
        r.left_out = get_int(*st, "left_out", path, false, -1);
        r.fault = get_string(*st, "fault", path, false, kSyncMaxErrorBytes);
        return r;
    } catch (const Refusal&) {
        return {};
    }
}

}  // namespace

Result<SyncPush> parse_sync_push(std::string_view text) {
    return guarded([&] {
        json j = parse_object(text, "push");
        SyncPush p;
        p.protocol = read_protocol(j, "push");
        p.kiosk = get_string(j, "kiosk", "push", true, kKioskIdMaxBytes);
        if (!is_valid_kiosk_id(p.kiosk))
            refuse("push.kiosk", "a kiosk id is 1–" + std::to_string(kKioskIdMaxBytes) + " letters, digits, '-' or '_'");
        p.cursor = get_int(j, "cursor", "push", false, 0);
        std::set<std::string> seen_opinions, seen_passports, seen_stamps;
        read_records(get_list(j, "opinions", "push"), "push.opinions", "opinion", "id", true, &seen_opinions,
                     p.refused, [&](const json& e, const std::string& path) {
                         p.opinions.push_back(read_opinion(e, path));
                     });
        read_records(get_list(j, "passports", "push"), "push.passports", "passport", "id", true, &seen_passports,
                     p.refused, [&](const json& e, const std::string& path) {
                         p.passports.push_back(read_passport(e, path));
                     });
        read_records(get_list(j, "stamps", "push"), "push.stamps", "stamp", "id", true, &seen_stamps, p.refused,
                     [&](const json& e, const std::string& path) { p.stamps.push_back(read_stamp(e, path)); });
        std::set<std::string> seen_guestbook, seen_meetings;
        read_records(get_list(j, "guestbook", "push"), "push.guestbook", "guestbook", "id", true, &seen_guestbook,
                     p.refused, [&](const json& e, const std::string& path) {
                         p.guestbook.push_back(read_guestbook(e, path));
                     });
        read_records(get_list(j, "meetings", "push"), "push.meetings", "meeting", "id", true, &seen_meetings,
                     p.refused, [&](const json& e, const std::string& path) {
                         p.meetings.push_back(read_meeting(e, path));
                     });
        if (const json* hb = member(j, "heartbeat")) {
            require_object(*hb, "push.heartbeat");
            p.heartbeat.app_version = get_string(*hb, "app_version", "push.heartbeat", false, kVersionMaxBytes);
            p.heartbeat.content_version =
                get_string(*hb, "content_version", "push.heartbeat", false, kVersionMaxBytes);
            p.heartbeat.outbox_depth = get_int(*hb, "outbox_depth", "push.heartbeat", false, 0);
            p.heartbeat.last_error = get_string(*hb, "last_error", "push.heartbeat", false, kSyncMaxErrorBytes);
            p.heartbeat.storage = read_storage_report(*hb);
        }
        p.skipped = read_problems(j, "skipped", "push");
        return p;
    });
}

std::optional<std::string> district_figures_problem(const DistrictFigures& f) {
    auto in_range = [](std::int64_t n) { return n >= 0 && n <= kLiveFigureMax; };
    if (!in_range(f.opinions) || !in_range(f.adopted) || !in_range(f.passports) || !in_range(f.delegations) ||
        !in_range(f.delegation_people))
        return "a count is out of range 0…" + std::to_string(kLiveFigureMax);
    if (f.adopted > f.opinions) return "more opinions adopted than collected";
    if (f.consultations.size() > kLiveFiguresMaxConsultations)
        return "more than " + std::to_string(kLiveFiguresMaxConsultations) + " consultations";
    std::set<std::string> seen;
    for (const ConsultationFigure& c : f.consultations) {
        if (!is_consultation_id(c.consultation)) return "'" + c.consultation.substr(0, 20) + "' is not a consultation id";
        if (!seen.insert(c.consultation).second) return "consultation '" + c.consultation + "' twice";
        if (!in_range(c.opinions) || c.opinions > f.opinions)
            return "consultation '" + c.consultation + "' has more opinions than the district";
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// reply: write. The struct has no contact fields, so no reply can carry them.

std::string to_json(const SyncReply& r) {
    json j = json::object();
    j["protocol"] = r.protocol;
    j["held_opinions"] = r.held_opinions;
    j["held_passports"] = r.held_passports;
    j["held_stamps"] = r.held_stamps;
    j["held_guestbook"] = r.held_guestbook;
    j["held_meetings"] = r.held_meetings;
    json st = json::array();
    for (const StatusChange& s : r.statuses) {
        st.push_back({{"opinion", s.opinion},
                      {"status", opinion_status_code(s.status)},
                      {"reply", s.reply},
                      {"at_ms", s.at_ms}});
        if (s.final_article) st.back()["final"] = final_article_json(*s.final_article);
    }
    j["statuses"] = std::move(st);
    json ms = json::array();
    for (const MeetingStatusChange& m : r.meeting_statuses)
        ms.push_back({{"id", m.id}, {"status", meeting_status_code(m.status)}, {"reply", m.reply}, {"at_ms", m.at_ms}});
    j["meeting_statuses"] = std::move(ms);
    j["certificates"] = r.certificates;
    j["revoked_certificates"] = r.revoked_certificates;
    j["bundle_version"] = r.bundle_version;
    if (r.public_url) j["public_url"] = *r.public_url;
    if (r.figures) {
        json cs = json::array();
        for (const ConsultationFigure& c : r.figures->consultations)
            cs.push_back({{"id", c.consultation}, {"opinions", c.opinions}});
        j["figures"] = {{"opinions", r.figures->opinions},
                        {"adopted", r.figures->adopted},
                        {"passports", r.figures->passports},
                        {"delegations", r.figures->delegations},
                        {"delegation_people", r.figures->delegation_people},
                        {"consultations", std::move(cs)}};
    }
    j["cursor"] = r.cursor;
    j["more"] = r.more;
    if (!r.refused.empty()) j["refused"] = problems_json(r.refused);
    return dump(j);
}

// ---------------------------------------------------------------------------------------------
// reply: read

namespace {

// Held ids: an id of the wrong form matches nothing this kiosk pushed, so it is skipped.
std::vector<std::string> read_ids(const json& j, const char* key, bool passports, std::vector<RecordProblem>& skipped) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    read_records(get_list(j, key, "reply"), std::string("reply.") + key, "held", "", false, nullptr, skipped,
                 [&](const json& e, const std::string& path) {
                     if (!e.is_string()) refuse(path, "must be a string");
                     auto id = e.get<std::string>();
                     if (passports)
                         check_passport_id(id, path);
                     else
                         check_uuid(id, path);
                     if (seen.insert(id).second) out.push_back(std::move(id));
                 });
    return out;
}

// What every change of a record's state carries: the record's id under `id_key`, a status code
// `parse` knows, staff's reply (the one rule of replies) and when it was decided.
template <class Change, class Parse>
void read_change(const json& e, const std::string& path, const char* id_key, Parse&& parse, std::string& id, Change& c) {
    require_object(e, path);
    id = get_string(e, id_key, path, true, kRecordIdChars);
    check_uuid(id, at(path, id_key));
    auto code = get_string(e, "status", path, true, kCodeMaxBytes);
    if (!parse(code, c.status)) refuse(at(path, "status"), "unknown status '" + code + "'");
    c.reply = get_text(e, "reply", path, false);
    if (auto why = reply_problem(c.reply)) refuse(at(path, "reply"), *why);
    c.at_ms = get_int(e, "at_ms", path, true, 0);
}

StatusChange read_status(const json& e, const std::string& path) {
    StatusChange c;
    read_change(e, path, "opinion", parse_opinion_status, c.opinion, c);
    auto fin = e.find("final");
    if (fin != e.end() && !fin->is_null()) {
        if (c.status != OpinionStatus::adopted && c.status != OpinionStatus::partly_adopted)
            refuse(at(path, "final"), "only an adopted or partly adopted opinion is traced into the law");
        auto a = read_final_article(*fin);
        if (!a) refuse(at(path, "final"), a.error().detail);
        c.final_article = std::move(*a);
    }
    return c;
}

// reply.figures, whole or not at all: a block that breaks a rule is one problem, never a frame
// error, so the rest of the reply applies.
DistrictFigures read_figures(const json& f) {
    const std::string path = "reply.figures";
    require_object(f, path);
    DistrictFigures d;
    d.opinions = get_int(f, "opinions", path, true, 0, kLiveFigureMax);
    d.adopted = get_int(f, "adopted", path, true, 0, kLiveFigureMax);
    d.passports = get_int(f, "passports", path, true, 0, kLiveFigureMax);
    d.delegations = get_int(f, "delegations", path, true, 0, kLiveFigureMax);
    d.delegation_people = get_int(f, "delegation_people", path, false, 0, kLiveFigureMax);
    if (const json* list = member(f, "consultations")) {
        if (!list->is_array()) refuse(at(path, "consultations"), "must be a list");
        // Judged before any entry is read: a huge list costs nothing but its parse.
        if (list->size() > kLiveFiguresMaxConsultations)
            refuse(at(path, "consultations"), std::to_string(list->size()) + " entries; at most " +
                                                  std::to_string(kLiveFiguresMaxConsultations));
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string item = at(path, "consultations") + "[" + std::to_string(i) + "]";
            const json& e = (*list)[i];
            require_object(e, item);
            ConsultationFigure c;
            c.consultation = get_string(e, "id", item, true, kMaxConsultationIdBytes);
            c.opinions = get_int(e, "opinions", item, true, 0, kLiveFigureMax);
            d.consultations.push_back(std::move(c));
        }
    }
    if (auto why = district_figures_problem(d)) refuse(path, *why);
    return d;
}

MeetingStatusChange read_meeting_status(const json& e, const std::string& path) {
    MeetingStatusChange c;
    read_change(e, path, "id", parse_meeting_status, c.id, c);
    return c;
}

}  // namespace

Result<SyncReply> parse_sync_reply(std::string_view text) {
    return guarded([&] {
        json j = parse_object(text, "reply");
        SyncReply r;
        r.protocol = read_protocol(j, "reply");
        r.held_opinions = read_ids(j, "held_opinions", false, r.skipped);
        r.held_passports = read_ids(j, "held_passports", true, r.skipped);
        r.held_stamps = read_ids(j, "held_stamps", false, r.skipped);
        r.held_guestbook = read_ids(j, "held_guestbook", false, r.skipped);
        r.held_meetings = read_ids(j, "held_meetings", false, r.skipped);
        // Each change is judged on its own: one this kiosk cannot take is skipped and reported,
        // and the cursor still moves past it (docs/sync-protocol.md, poison records).
        // Statuses of one opinion may follow each other in one reply: no dedup there.
        read_records(get_list(j, "statuses", "reply"), "reply.statuses", "status", "opinion", false, nullptr,
                     r.skipped, [&](const json& e, const std::string& path) {
                         r.statuses.push_back(read_status(e, path));
                     });
        read_records(get_list(j, "meeting_statuses", "reply"), "reply.meeting_statuses", "meeting_status", "id",
                     false, nullptr, r.skipped, [&](const json& e, const std::string& path) {
                         r.meeting_statuses.push_back(read_meeting_status(e, path));
                     });
        read_records(get_list(j, "certificates", "reply"), "reply.certificates", "certificate", "", false, nullptr,
                     r.skipped, [&](const json& e, const std::string& path) {
                         if (!e.is_string()) refuse(path, "must be a string");
                         auto t = e.get<std::string>();
                         // Verified against the hub's certificate keys when applied; here only the shape.
                         if (t.empty() || t.size() > kTokenMaxBytes || has_control(t) || t.rfind("LXC", 0) != 0)
                             refuse(path, "not a certificate token (LXC…, at most " + std::to_string(kTokenMaxBytes) +
                                              " bytes)");
                         r.certificates.push_back(std::move(t));
                     });
        read_records(get_list(j, "revoked_certificates", "reply"), "reply.revoked_certificates", "revocation", "",
                     false, nullptr, r.skipped, [&](const json& e, const std::string& path) {
                         if (!e.is_string() || !is_lower_hex(e.get_ref<const std::string&>(), kCertificateSerialHexDigits))
                             refuse(path, "a certificate serial is " + std::to_string(kCertificateSerialHexDigits) +
                                              " lower-case hex digits");
                         r.revoked_certificates.push_back(e.get<std::string>());
                     });
        try {
            r.bundle_version = get_string(j, "bundle_version", "reply", false, kContentVersionMaxBytes);
            if (!r.bundle_version.empty() && !is_content_version(r.bundle_version)) {
                r.bundle_version.clear();
                refuse("reply.bundle_version", "not a content version");
            }
        } catch (const Refusal& bad) {
            // Not knowing of new content only delays it; the rest of the reply still applies.
            r.skipped.push_back(problem("bundle_version", "", bad.detail));
        }
        try {
            if (member(j, "public_url")) {
                std::string url = get_string(j, "public_url", "reply", false, kMaxPublicUrlChars);
                if (auto why = url.empty() ? std::nullopt : public_url_problem(url)) refuse("reply.public_url", *why);
                r.public_url = std::move(url);
            }
        } catch (const Refusal& bad) {
            // Certificates are then drawn on kiosk.toml's public_url, as before the hub said.
            r.skipped.push_back(problem("public_url", "", bad.detail));
        }
        try {
            if (const json* f = member(j, "figures")) r.figures = read_figures(*f);
        } catch (const Refusal& bad) {
            // The figures shown stay those of the last good block, with its date.
            r.skipped.push_back(problem("figures", "", bad.detail));
        }
        r.cursor = get_int(j, "cursor", "reply", true, 0);
        r.more = get_bool(j, "more", "reply", false);
        r.refused = read_problems(j, "refused", "reply");
        return r;
    });
}

}  // namespace lianxin
