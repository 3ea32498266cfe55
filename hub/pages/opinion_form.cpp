// Phone opinion form: parsing, draft, CSRF tokens (see opinion_form.h).
#include "hub/pages/opinion_form.h"

#include <sodium.h>

#include "core/base/ascii.h"

#include <algorithm>
#include <charconv>

namespace lianxin::hub {

namespace {

Result<std::string> decode_component(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return Error{ErrorCode::invalid_input, "broken percent escape in the form"};
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

Result<std::map<std::string, std::string>> parse_urlencoded(std::string_view body) {
    if (body.size() > kMaxFormBytes)
        return Error{ErrorCode::too_large, "the form is larger than " + std::to_string(kMaxFormBytes) + " bytes"};
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < body.size();) {
        std::size_t end = std::min(body.find('&', i), body.size());
        std::string_view pair = body.substr(i, end - i);
        i = end + 1;
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        auto key = decode_component(pair.substr(0, eq));
        auto value = decode_component(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!key) return key.error();
        if (!value) return value.error();
        if (!out.emplace(*key, *value).second)
            return Error{ErrorCode::invalid_input, "the form field '" + *key + "' is given twice"};
    }
    return out;
}

namespace {

std::string field(const std::map<std::string, std::string>& f, const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
}

}  // namespace

MeetingFormValues meeting_form_values(const std::map<std::string, std::string>& f) {
    return MeetingFormValues{field(f, "deputy"), field(f, "topic"), field(f, "name"), field(f, "phone"),
                             field(f, "consent") == "1"};
}

MeetingDraft meeting_draft_from_form(const MeetingFormValues& v, Lang lang) {
    MeetingDraft d;
    d.deputy = v.deputy;
    d.topic = v.topic;
    d.name = v.name;
    d.phone = v.phone;
    d.consent = v.consent;
    d.language = lang;
    return d;
}

FormField form_field_of(MeetingField f) {
    switch (f) {
        case MeetingField::deputy: return FormField::deputy;
        case MeetingField::topic: return FormField::topic;
        case MeetingField::consent: return FormField::consent;
        case MeetingField::name: return FormField::name;
        case MeetingField::phone: return FormField::phone;
        case MeetingField::passport: break;
    }
    return FormField::none;
}

OpinionFormValues form_values(const std::map<std::string, std::string>& f) {
    auto get = [&](const char* k) { return field(f, k); };
    OpinionFormValues v;
    v.article = get("article");
    v.stance = get("stance");
    v.text = get("text");
    v.name = get("name");
    v.phone = get("phone");
    v.consent = get("consent") == "1";
    return v;
}

std::optional<OpinionDraft> draft_from_form(const OpinionFormValues& v, Lang lang, FormField* unreadable) {
    auto refuse = [&](FormField f) {
        if (unreadable) *unreadable = f;
        return std::nullopt;
    };
    OpinionDraft d;
    if (!v.article.empty()) {
        int n = 0;
        auto [p, ec] = std::from_chars(v.article.data(), v.article.data() + v.article.size(), n);
        if (ec != std::errc() || p != v.article.data() + v.article.size() || n <= 0) return refuse(FormField::article);
        d.article = n;
    }
    if (!parse_stance(v.stance, d.stance)) return refuse(FormField::stance);
    d.text = v.text;
    d.contact_name = v.name;
    d.contact_phone = v.phone;
    d.contact_consent = v.consent;
    d.lang = lang;
    return d;
}

FormField form_field_of(OpinionProblem p) {
    switch (p) {
        case OpinionProblem::article_not_found: return FormField::article;
        case OpinionProblem::text_empty:
        case OpinionProblem::text_too_long:
        case OpinionProblem::text_invalid_utf8:
        case OpinionProblem::text_control_character:
        case OpinionProblem::text_unsupported_character: return FormField::text;
        case OpinionProblem::name_too_long:
        case OpinionProblem::name_invalid: return FormField::name;
        // A name alone cannot reach anyone: what is missing is the phone.
        case OpinionProblem::name_without_phone:
        case OpinionProblem::phone_invalid: return FormField::phone;
        // Both are settled at the box: tick it, or untick it.
        case OpinionProblem::contact_without_consent:
        case OpinionProblem::consent_without_contact: return FormField::consent;
        case OpinionProblem::consultation_not_collecting:
        case OpinionProblem::deadline_passed:
        case OpinionProblem::passport_invalid:
        case OpinionProblem::not_stored: break;
    }
    return FormField::none;
}

FormSecret new_form_secret() {
    FormSecret s{};
    randombytes_buf(s.data(), s.size());
    return s;
}

std::string new_form_cookie() {
    std::uint8_t b[16];
    randombytes_buf(b, sizeof b);
    return to_hex(b);
}

std::string form_token(const FormSecret& secret, std::string_view cookie, std::string_view consultation_id) {
    std::string message = std::string(cookie) + "\n" + std::string(consultation_id);
    std::uint8_t mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret.data());
    return to_hex(mac);
}

bool check_form_token(const FormSecret& secret, std::string_view cookie, std::string_view consultation_id,
                      std::string_view token) {
    if (cookie.size() != 32 || token.size() != 2 * crypto_auth_hmacsha256_BYTES) return false;
    for (char c : cookie)
        if (hex_value(c) < 0) return false;
    std::string expected = form_token(secret, cookie, consultation_id);
    return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

}  // namespace lianxin::hub
