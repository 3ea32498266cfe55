// The admin API's guestbook and meeting request messages (admin_records.h), with nlohmann-json.
#include "core/sync/admin_records.h"

#include <nlohmann/json.hpp>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/opinions/opinion_rules.h"

namespace lianxin {

namespace {

using json = nlohmann::json;

Error refused(const std::string& what) { return Error{ErrorCode::invalid_input, what}; }

// Reads a strict list answer: an array of objects, each read by `read`, which says which field
// is missing or wrong (empty: the entry holds).
template <class T, class Read>
Result<std::vector<T>> read_list(std::string_view text, const char* what, Read&& read) {
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) return refused(std::string("the hub's ") + what + " list is not a JSON array");
    std::vector<T> out;
    out.reserve(j.size());
    for (auto& e : j) {
        const std::string where = std::string(what) + " " + std::to_string(out.size() + 1) + " of the hub's list";
        if (!e.is_object()) return refused(where + " is not an object");
        T item;
        if (std::string bad = read(e, item); !bad.empty()) return refused(where + ": '" + bad + "' is missing or wrong");
        out.push_back(std::move(item));
    }
    return out;
}

bool get_str(const json& e, const char* k, std::string& dest) {
    auto it = e.find(k);
    if (it == e.end() || !it->is_string()) return false;
    dest = it->get<std::string>();
    return true;
}

bool get_num(const json& e, const char* k, std::int64_t& dest) {
    auto it = e.find(k);
    if (it == e.end() || !it->is_number_integer()) return false;
    dest = it->get<std::int64_t>();
    return true;
}

bool get_bool(const json& e, const char* k, bool& dest) {
    auto it = e.find(k);
    if (it == e.end() || !it->is_boolean()) return false;
    dest = it->get<bool>();
    return true;
}

bool get_lang(const json& e, Lang& dest) {
    std::string code;
    return get_str(e, "lang", code) && parse_lang(code, dest);
}

json read_object(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    return j.is_object() ? j : json();
}

}  // namespace

std::string to_query_string(const GuestbookQuery& q) { return list_query_string(q); }

Result<GuestbookQuery> parse_guestbook_query(const std::multimap<std::string, std::string>& params) {
    GuestbookQuery q;
    for (auto& [key, value] : params) {
        if (params.count(key) > 1) return refused(key + " is given more than once");
        std::string error;
        if (!read_list_param(key, value, q, error))
            return refused("'" + key + "' is not a filter of the guestbook (kiosk, since, until, limit, offset)");
        if (!error.empty()) return refused(error);
    }
    return q;
}

std::string to_query_string(const MeetingQuery& q) {
    std::string s = list_query_string(q.page);
    if (q.status) s += std::string("&status=") + meeting_status_code(*q.status);
    if (q.deputy) s += "&deputy=" + percent_escaped(*q.deputy);
    return s;
}

Result<MeetingQuery> parse_meeting_query(const std::multimap<std::string, std::string>& params) {
    MeetingQuery q;
    for (auto& [key, value] : params) {
        if (params.count(key) > 1) return refused(key + " is given more than once");
        std::string error;
        if (key == "status") {
            MeetingStatus s;
            if (!parse_meeting_status(value, s)) return refused("status is received, arranged, referred or closed");
            q.status = s;
        } else if (key == "deputy") {
            if (!is_plain_id(value, kContentIdMaxBytes))
                return refused("deputy is a deputy's id: 1 to " + std::to_string(kContentIdMaxBytes) +
                               " ASCII letters, digits, '_' and '-'");
            q.deputy = value;
        } else if (!read_list_param(key, value, q.page, error)) {
            return refused("'" + key + "' is not a filter of meeting requests (status, deputy, kiosk, since, until, limit, "
                           "offset)");
        }
        if (!error.empty()) return refused(error);
    }
    return q;
}

std::string to_json_array(const std::vector<AdminGuestbookEntry>& list) {
    json out = json::array();
    for (const AdminGuestbookEntry& a : list) {
        const GuestbookEntry& g = a.entry;
        out.push_back({{"id", g.id},
                       {"organisation", g.organisation},
                       {"origin", g.origin},
                       {"people", g.people},
                       {"message", g.message},
                       {"on_wall", g.on_wall},
                       {"lang", lang_code(g.language)},
                       {"kiosk", g.kiosk},
                       {"created_at", g.created_at_ms},
                       {"received_at", a.received_at_ms}});
    }
    return out.dump();
}

Result<std::vector<AdminGuestbookEntry>> parse_admin_guestbook(std::string_view text) {
    return read_list<AdminGuestbookEntry>(text, "guestbook entry", [](const json& e, AdminGuestbookEntry& a) {
        GuestbookEntry& g = a.entry;
        for (auto [k, d] : {std::pair{"id", &g.id}, {"organisation", &g.organisation}, {"origin", &g.origin},
                            {"message", &g.message}, {"kiosk", &g.kiosk}})
            if (!get_str(e, k, *d)) return std::string(k);
        std::int64_t people = 0;
        if (!get_num(e, "people", people) || people < 1 || people > kGuestbookPeopleMax) return std::string("people");
        g.people = static_cast<int>(people);
        if (!get_bool(e, "on_wall", g.on_wall)) return std::string("on_wall");
        if (!get_lang(e, g.language)) return std::string("lang");
        if (!get_num(e, "created_at", g.created_at_ms)) return std::string("created_at");
        if (!get_num(e, "received_at", a.received_at_ms)) return std::string("received_at");
        return std::string();
    });
}

std::string to_json_array(const std::vector<AdminMeeting>& list) {
    json out = json::array();
    for (const AdminMeeting& a : list) {
        const MeetingRequest& m = a.request;
        json j{{"id", m.id},
               {"deputy", m.deputy},
               {"topic", m.topic},
               {"with_passport", a.with_passport},
               {"lang", lang_code(m.language)},
               {"kiosk", m.kiosk},
               {"created_at", m.created_at_ms},
               {"received_at", a.received_at_ms},
               {"status", meeting_status_code(m.status)},
               {"reply", m.reply},
               {"status_at", m.status_at_ms ? json(*m.status_at_ms) : json(nullptr)}};
        if (!m.name.empty() || !m.phone.empty()) {
            j["contact_name"] = m.name;
            j["contact_phone"] = m.phone;
        }
        out.push_back(std::move(j));
    }
    return out.dump();
}

Result<std::vector<AdminMeeting>> parse_admin_meetings(std::string_view text) {
    return read_list<AdminMeeting>(text, "meeting request", [](const json& e, AdminMeeting& a) {
        MeetingRequest& m = a.request;
        std::string status;
        for (auto [k, d] : {std::pair{"id", &m.id}, {"deputy", &m.deputy}, {"topic", &m.topic}, {"kiosk", &m.kiosk},
                            {"reply", &m.reply}, {"status", &status}})
            if (!get_str(e, k, *d)) return std::string(k);
        if (!parse_meeting_status(status, m.status)) return std::string("status");
        if (!get_bool(e, "with_passport", a.with_passport)) return std::string("with_passport");
        if (!get_lang(e, m.language)) return std::string("lang");
        if (!get_num(e, "created_at", m.created_at_ms)) return std::string("created_at");
        if (!get_num(e, "received_at", a.received_at_ms)) return std::string("received_at");
        if (auto at = e.find("status_at"); at == e.end() || !(at->is_null() || at->is_number_integer()))
            return std::string("status_at");
        else if (at->is_number_integer())
            m.status_at_ms = at->get<std::int64_t>();
        if (e.contains("contact_name") && !get_str(e, "contact_name", m.name)) return std::string("contact_name");
        if (e.contains("contact_phone") && !get_str(e, "contact_phone", m.phone)) return std::string("contact_phone");
        m.consent = !m.name.empty() || !m.phone.empty();
        return std::string();
    });
}

std::string to_json(const GuestbookCounts& c) {
    json kiosks = json::array();
    for (const GuestbookCount& k : c.kiosks)
        kiosks.push_back({{"kiosk", k.kiosk}, {"entries", k.entries}, {"people", k.people}});
    return json{{"entries", c.entries}, {"people", c.people}, {"kiosks", kiosks}}.dump();
}

Result<GuestbookCounts> parse_guestbook_counts(std::string_view text) {
    json j = read_object(text);
    GuestbookCounts c;
    if (!j.is_object() || !get_num(j, "entries", c.entries) || !get_num(j, "people", c.people) ||
        !j.contains("kiosks") || !j["kiosks"].is_array())
        return refused("the hub's guestbook count is not {\"entries\", \"people\", \"kiosks\": […]}");
    for (const json& k : j["kiosks"]) {
        GuestbookCount one;
        if (!k.is_object() || !get_str(k, "kiosk", one.kiosk) || !get_num(k, "entries", one.entries) ||
            !get_num(k, "people", one.people))
            return refused("a kiosk of the hub's guestbook count is not {\"kiosk\", \"entries\", \"people\"}");
        c.kiosks.push_back(std::move(one));
    }
    return c;
}

std::string to_json(const MeetingAnswer& a) {
    return json{{"status", meeting_status_code(a.status)}, {"reply", a.reply}}.dump();
}

Result<MeetingAnswer> parse_meeting_answer(std::string_view text) {
    if (text.size() > kAdminRequestMaxBytes)
        return refused("an answer is at most " + std::to_string(kAdminRequestMaxBytes) + " bytes");
    json j = read_object(text);
    MeetingAnswer a;
    std::string status;
    if (!j.is_object() || !get_str(j, "status", status) || !parse_meeting_status(status, a.status))
        return refused("send {\"status\": received|arranged|referred|closed, \"reply\": …}");
    if (auto reply = j.find("reply"); reply != j.end() && !reply->is_null()) {
        if (!reply->is_string()) return refused("\"reply\" is a string");
        a.reply = reply->get<std::string>();
    }
    // Every kiosk's reader judges a reply by this same rule: one it could not take would be skipped.
    if (auto why = reply_problem(a.reply)) return refused("reply: " + *why);
    return a;
}

}  // namespace lianxin
