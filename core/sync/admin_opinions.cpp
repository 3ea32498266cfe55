// The admin opinion list's query string and answer (admin_opinions.h), with nlohmann-json.
#include "core/sync/admin_opinions.h"

#include <nlohmann/json.hpp>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/opinions/opinion_rules.h"
#include "core/sync/sync_messages.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

using json = nlohmann::json;

Error refused(const std::string& what) { return Error{ErrorCode::invalid_input, what}; }

std::string escaped(std::string_view v) {
    std::string out;
    for (unsigned char c : v) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}


}  // namespace

const char* channel_code(OpinionChannel c) { return c == OpinionChannel::phone ? "phone" : "kiosk"; }

bool parse_channel(std::string_view s, OpinionChannel& out) {
    if (s == "kiosk") { out = OpinionChannel::kiosk; return true; }
    if (s == "phone") { out = OpinionChannel::phone; return true; }
    return false;
}

std::string to_query_string(const OpinionQuery& q) {
    std::string s = "limit=" + std::to_string(q.limit) + "&offset=" + std::to_string(q.offset);
    auto add = [&s](const char* k, const std::string& v) { s += std::string("&") + k + "=" + escaped(v); };
    if (q.consultation) add("consultation", *q.consultation);
    if (q.article) add("article", std::to_string(*q.article));
    if (q.stance) add("stance", stance_code(*q.stance));
    if (q.channel) add("channel", channel_code(*q.channel));
    if (q.kiosk) add("kiosk", *q.kiosk);
    if (q.since_ms) add("since", std::to_string(*q.since_ms));
    if (q.until_ms) add("until", std::to_string(*q.until_ms));
    if (q.text) add("text", *q.text);
    if (q.status) add("status", opinion_status_code(*q.status));
    return s;
}

Result<OpinionQuery> parse_opinion_query(const std::multimap<std::string, std::string>& params) {
    OpinionQuery q;
    for (auto& [key, value] : params) {
        if (params.count(key) > 1) return refused(key + " is given more than once");
        std::int64_t n = 0;
        if (key == "consultation") {
            // The one rule of consultation ids; anything else (bytes that are not UTF-8 failed on
            // PostgreSQL) matches nothing and is a mistake.
            if (!is_consultation_id(value))
                return refused("consultation is an id of 1 to " + std::to_string(kMaxConsultationIdBytes) +
                               " ASCII letters, digits, '_' and '-'");
            q.consultation = value;
        } else if (key == "article") {
            if (!parse_whole_number(value, kArticleMax, n))
                return refused("article is a number from 0 (the whole draft) to " + std::to_string(kArticleMax));
            q.article = static_cast<int>(n);
        } else if (key == "stance") {
            Stance s;
            if (!parse_stance(value, s)) return refused("stance is support, oppose or suggest");
            q.stance = s;
        } else if (key == "channel") {
            OpinionChannel c;
            if (!parse_channel(value, c)) return refused("channel is kiosk or phone");
            q.channel = c;
        } else if (key == "kiosk") {
            // The one rule of kiosk names: none holds a control character (a NUL would end the
            // name for PostgreSQL, which would then find the kiosks named by what came before).
            if (auto why = kiosk_name_problem(value)) return refused("kiosk " + *why);
            q.kiosk = value;
        } else if (key == "since" || key == "until") {
            if (!parse_whole_number(value, kMaxTimeMs, n))
                return refused(key + " is a time in milliseconds since 1970 (UTC), before the year 2100");
            (key == "since" ? q.since_ms : q.until_ms) = n;
        } else if (key == "text") {
            if (value.empty() || !utf8::is_valid(value) || utf8::count_code_points(value) > kOpinionSearchMaxChars)
                return refused("text is 1 to " + std::to_string(kOpinionSearchMaxChars) + " characters to search for");
            // Opinions hold no control character but new line and tab, so no other can be found;
            // and a NUL would end the text for PostgreSQL, which would then search for less.
            if (has_forbidden_control(value, true))
                return refused("text holds a control character (only new line and tab are in opinions)");
            q.text = value;
        } else if (key == "status") {
            OpinionStatus s;
            if (!parse_opinion_status(value, s))
                return refused("status is received, included, adopted, partly_adopted or not_adopted");
            q.status = s;
        } else if (key == "limit") {
            if (!parse_whole_number(value, static_cast<std::int64_t>(kAdminListMax), n))
                return refused("limit is a whole number from 0 to " + std::to_string(kAdminListMax));
            q.limit = static_cast<std::size_t>(n);
        } else if (key == "offset") {
            if (!parse_whole_number(value, kMaxListOffset, n))
                return refused("offset is a whole number from 0 to " + std::to_string(kMaxListOffset));
            q.offset = static_cast<std::size_t>(n);
        } else {
            return refused("'" + key + "' is not a filter (consultation, article, stance, channel, kiosk, since, until, "
                           "text, status, limit, offset)");
        }
    }
    return q;
}

std::string to_json_array(const std::vector<AdminOpinion>& list) {
    json out = json::array();
    for (auto& o : list) {
        json j{{"id", o.id},
               {"consultation", o.consultation},
               {"article", o.article ? json(*o.article) : json(nullptr)},
               {"stance", stance_code(o.stance)},
               {"text", o.text},
               {"lang", o.lang},
               {"kiosk", o.kiosk},
               {"channel", channel_code(o.channel)},
               {"created_at", o.created_at_ms},
               {"received_at", o.received_at_ms},
               {"status", opinion_status_code(o.status)},
               {"reply", o.reply}};
        if (!o.contact_name.empty() || !o.contact_phone.empty()) {
            j["contact_name"] = o.contact_name;
            j["contact_phone"] = o.contact_phone;
        }
        out.push_back(std::move(j));
    }
    return out.dump();
}

Result<std::vector<AdminOpinion>> parse_admin_opinions(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) return refused("the hub's opinion list is not a JSON array");
    std::vector<AdminOpinion> out;
    out.reserve(j.size());
    for (auto& e : j) {
        std::size_t index = out.size() + 1;
        auto bad = [&](const char* field) {
            return refused("opinion " + std::to_string(index) + " of the hub's list: '" + field + "' is missing or wrong");
        };
        if (!e.is_object()) return refused("opinion " + std::to_string(index) + " of the hub's list is not an object");
        auto str = [&](const char* k, std::string& dest) {
            auto it = e.find(k);
            if (it == e.end() || !it->is_string()) return false;
            dest = it->get<std::string>();
            return true;
        };
        auto num = [&](const char* k, std::int64_t& dest) {
            auto it = e.find(k);
            if (it == e.end() || !it->is_number_integer()) return false;
            dest = it->get<std::int64_t>();
            return true;
        };
        AdminOpinion o;
        std::string stance, channel, status;
        for (auto [k, d] : {std::pair{"id", &o.id}, {"consultation", &o.consultation}, {"text", &o.text}, {"lang", &o.lang},
                            {"kiosk", &o.kiosk}, {"reply", &o.reply}, {"stance", &stance}, {"channel", &channel},
                            {"status", &status}})
            if (!str(k, *d)) return bad(k);
        if (!parse_stance(stance, o.stance)) return bad("stance");
        if (!parse_channel(channel, o.channel)) return bad("channel");
        if (!parse_opinion_status(status, o.status)) return bad("status");
        if (!num("created_at", o.created_at_ms)) return bad("created_at");
        if (!num("received_at", o.received_at_ms)) return bad("received_at");
        auto art = e.find("article");
        if (art == e.end() || !(art->is_null() || art->is_number_integer())) return bad("article");
        if (art->is_number_integer()) o.article = art->get<int>();
        if (e.contains("contact_name") && !str("contact_name", o.contact_name)) return bad("contact_name");
        if (e.contains("contact_phone") && !str("contact_phone", o.contact_phone)) return bad("contact_phone");
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace lianxin
