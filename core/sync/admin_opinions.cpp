// The admin opinion list's query string and answer (admin_opinions.h), with nlohmann-json.
#include "core/sync/admin_opinions.h"

#include <nlohmann/json.hpp>

#include "core/base/ascii.h"
#include "core/base/field_limits.h"
#include "core/opinions/opinion_rules.h"
#include "core/sync/admin_list_params.h"
#include "core/sync/sync_messages.h"
#include "core/text/utf8.h"
#include "core/tokens/short_code.h"

namespace lianxin {

namespace {

using json = nlohmann::json;

Error refused(const std::string& what) { return Error{ErrorCode::invalid_input, what}; }

}  // namespace

const char* channel_code(OpinionChannel c) {
    switch (c) {
        case OpinionChannel::kiosk: return "kiosk";
        case OpinionChannel::phone: return "phone";
        case OpinionChannel::paper: return "paper";
        case OpinionChannel::phone_call: return "phone-call";
    }
    return "kiosk";
}

bool parse_channel(std::string_view s, OpinionChannel& out) {
    for (auto c : {OpinionChannel::kiosk, OpinionChannel::phone, OpinionChannel::paper, OpinionChannel::phone_call})
        if (s == channel_code(c)) {
            out = c;
            return true;
        }
    return false;
}

std::string to_query_string(const OpinionQuery& q) {
    std::string s = "limit=" + std::to_string(q.limit) + "&offset=" + std::to_string(q.offset);
    auto add = [&s](const char* k, const std::string& v) { s += std::string("&") + k + "=" + percent_escaped(v); };
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
    ListParams page;
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
            if (!parse_channel(value, c)) return refused("channel is kiosk, phone, paper or phone-call");
            q.channel = c;
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
        } else if (std::string error; read_list_param(key, value, page, error)) {
            if (!error.empty()) return refused(error);
        } else {
            return refused("'" + key + "' is not a filter (consultation, article, stance, channel, kiosk, since, until, "
                           "text, status, limit, offset)");
        }
    }
    q.kiosk = page.kiosk;
    q.since_ms = page.since_ms;
    q.until_ms = page.until_ms;
    q.limit = page.limit;
    q.offset = page.offset;
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
        if (o.hidden_reason) j["hidden_reason"] = *o.hidden_reason;
        if (o.final_article) j["final_article"] = *o.final_article;
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
        if (auto fa = e.find("final_article"); fa != e.end()) {
            if (!fa->is_number_integer()) return bad("final_article");
            o.final_article = fa->get<int>();
        }
        if (e.contains("hidden_reason")) {
            std::string why;
            if (!str("hidden_reason", why)) return bad("hidden_reason");
            o.hidden_reason = why;
        }
        out.push_back(std::move(o));
    }
    return out;
}

namespace {

// A reason staff write (a hidden text's, shown to reviewers): a line of visible text.
std::optional<std::string> reason_problem(std::string_view r) {
    if (r.empty()) return "is empty: say why the text is hidden";
    if (!utf8::is_valid(r)) return "is not UTF-8";
    if (utf8::count_code_points(r) > kHideReasonMaxChars) return "is longer than " + std::to_string(kHideReasonMaxChars) + " characters";
    for (unsigned char c : r)
        if (c < 0x20 || c == 0x7f) return "holds a control character";
    return std::nullopt;
}

}  // namespace

std::string to_json(const StaffOpinion& o) {
    json j{{"channel", channel_code(o.channel)},
           {"consultation", o.consultation},
           {"article", o.draft.article ? json(*o.draft.article) : json(nullptr)},
           {"stance", stance_code(o.draft.stance)},
           {"text", o.draft.text},
           {"lang", lang_code(o.draft.lang)},
           {"contact_name", o.draft.contact_name},
           {"contact_phone", o.draft.contact_phone},
           {"contact_consent", o.draft.contact_consent},
           {"passport_code", o.passport_code}};
    if (o.received_on) j["received_on"] = o.received_on->to_string();
    return j.dump();
}

Result<StaffOpinion> parse_staff_opinion(std::string_view text) {
    if (text.size() > kAdminRequestMaxBytes) return refused("the body is larger than " + std::to_string(kAdminRequestMaxBytes) + " bytes");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return refused("the body is not a JSON object");
    StaffOpinion o;
    auto str = [&](const char* k, std::string& d, bool required) -> std::optional<Error> {
        auto it = j.find(k);
        if (it == j.end() || it->is_null()) {
            if (required) return refused(std::string(k) + " is missing");
            return std::nullopt;
        }
        if (!it->is_string()) return refused(std::string(k) + " is a string");
        d = it->get<std::string>();
        return std::nullopt;
    };
    std::string channel, stance, lang = "zh", received;
    for (auto [k, d, req] : {std::tuple{"channel", &channel, true}, {"consultation", &o.consultation, true},
                             {"stance", &stance, true}, {"text", &o.draft.text, true}, {"lang", &lang, false},
                             {"contact_name", &o.draft.contact_name, false}, {"contact_phone", &o.draft.contact_phone, false},
                             {"passport_code", &o.passport_code, false}, {"received_on", &received, false}})
        if (auto e = str(k, *d, req)) return *e;
    if (!parse_channel(channel, o.channel) || (o.channel != OpinionChannel::paper && o.channel != OpinionChannel::phone_call))
        return refused("channel is paper or phone-call (kiosks and the phone form send their own)");
    if (!is_consultation_id(o.consultation)) return refused("consultation is not a consultation id");
    if (!parse_stance(stance, o.draft.stance)) return refused("stance is support, oppose or suggest");
    if (!parse_lang(lang, o.draft.lang)) return refused("lang is zh or en");
    if (auto a = j.find("article"); a != j.end() && !a->is_null()) {
        if (!a->is_number_integer() || a->get<std::int64_t>() < 1 || a->get<std::int64_t>() > kArticleMax)
            return refused("article is a number from 1 to " + std::to_string(kArticleMax) + ", or null for the whole draft");
        o.draft.article = a->get<int>();
    }
    if (auto c = j.find("contact_consent"); c != j.end() && !c->is_null()) {
        if (!c->is_boolean()) return refused("contact_consent is true or false");
        o.draft.contact_consent = c->get<bool>();
    }
    if (!received.empty()) {
        LocalDate d;
        if (!parse_local_date(received, d)) return refused("received_on is a day written as 2027-01-31");
        o.received_on = d;
    }
    if (!o.passport_code.empty()) {
        auto code = normalize_short_code(o.passport_code);
        if (!code) return refused("passport_code is not a passport's short code (" + std::string(short_code_problem_name(code.error())) + ")");
        o.passport_code = *code;
    }
    // The rules a kiosk's opinion meets, without stage and deadline (check_opinion_record).
    o.draft = normalize_opinion(o.draft);
    Opinion record = opinion_from_draft(o.draft);
    record.consultation_id = o.consultation;
    if (auto problems = check_opinion_record(record); !problems.empty())
        return refused(std::string("the opinion breaks a rule: ") + opinion_problem_name(problems.front()));
    return o;
}

std::string to_json(const HideDecision& h) {
    return json{{"reason", h.reason ? json(*h.reason) : json(nullptr)}}.dump();
}

Result<HideDecision> parse_hide_decision(std::string_view text) {
    if (text.size() > kAdminRequestMaxBytes) return refused("the body is too large");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("reason"))
        return refused("send {\"reason\": \"why\"} to hide the text, or {\"reason\": null} to show it again");
    HideDecision h;
    if (j["reason"].is_null()) return h;
    if (!j["reason"].is_string()) return refused("reason is a string or null");
    h.reason = j["reason"].get<std::string>();
    if (auto why = reason_problem(*h.reason)) return refused("reason " + *why);
    return h;
}

}  // namespace lianxin
