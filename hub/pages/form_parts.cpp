// The phone forms' shared parts (see form_parts.h).
#include "hub/pages/form_parts.h"

namespace lianxin::hub {

namespace {
std::string esc(std::string_view s) { return escape_html(s); }
}  // namespace

const char* field_id(FormField f) {
    switch (f) {
        case FormField::article: return "article";
        case FormField::stance: return "stance";
        case FormField::text: return "text";
        case FormField::deputy: return "deputy";
        case FormField::topic: return "topic";
        case FormField::name: return "name";
        case FormField::phone: return "phone";
        case FormField::consent: return "consent";
        case FormField::none: break;
    }
    return "";
}

FieldMark mark(const std::vector<FormProblem>& problems, FormField field) {
    std::string text;
    for (auto& problem : problems)
        if (problem.field == field) text += (text.empty() ? "" : " ") + problem.message;
    if (text.empty()) return {};
    std::string id = std::string(field_id(field)) + "-error";
    return {"<p class=\"field-error\" id=\"" + id + "\">" + esc(text) + "</p>",
            " aria-invalid=\"true\" aria-describedby=\"" + id + "\""};
}

std::string problems_html(const StringTable& t, Lang l, const std::vector<FormProblem>& problems) {
    if (problems.empty()) return "";
    std::string b = "<div class=\"problems\" role=\"alert\">";
    for (auto& m : problems) {
        std::string line = esc(format_text(t.get(l, "form.problem"), {m.message}));
        if (m.field != FormField::none) line = "<a href=\"#" + std::string(field_id(m.field)) + "\">" + line + "</a>";
        b += "<p>" + line + "</p>";
    }
    return b + "</div>";
}

std::string contact_fields_html(const StringTable& t, Lang l, const std::string& name, const std::string& phone,
                                bool consent, const std::vector<FormProblem>& problems, std::size_t max_name_chars,
                                const std::string& why_key, const std::string& consent_key) {
    std::string b = "<h2>" + esc(t.get(l, "form.contact")) + "</h2><p class=\"muted\">" + esc(t.get(l, why_key)) + "</p>";
    FieldMark m = mark(problems, FormField::name);
    b += "<label for=\"name\">" + esc(t.get(l, "form.name")) + "</label>" + m.message_html +
         "<input type=\"text\" id=\"name\" name=\"name\" value=\"" + esc(name) + "\" maxlength=\"" +
         std::to_string(max_name_chars) + "\" autocomplete=\"off\"" + m.attrs + ">";
    m = mark(problems, FormField::phone);
    b += "<label for=\"phone\">" + esc(t.get(l, "form.phone")) + "</label>" + m.message_html +
         "<input type=\"tel\" id=\"phone\" name=\"phone\" value=\"" + esc(phone) + "\" autocomplete=\"off\"" + m.attrs +
         ">";
    m = mark(problems, FormField::consent);
    b += m.message_html + "<label class=\"choice\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"1\"" +
         std::string(consent ? " checked" : "") + m.attrs + ">" + esc(t.get(l, consent_key)) + "</label>";
    return b;
}

}  // namespace lianxin::hub
