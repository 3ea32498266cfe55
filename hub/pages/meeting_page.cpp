// The meeting request form's page (/m/): the station's deputies to choose from, when each receives
// residents, what the resident wants to talk about, the contact details with their consent, every
// problem beside its field, and the thank-you (see public_pages.h).
#include "hub/pages/form_parts.h"
#include "hub/pages/public_pages.h"

namespace lianxin::hub {

namespace {

std::string esc(std::string_view s) { return escape_html(s); }

std::string form_html(const StringTable& t, Lang l, const MeetingFormPage& p) {
    std::string b = problems_html(t, l, p.problems);
    b += "<form method=\"post\" action=\"" + esc(p.action) + "\" accept-charset=\"utf-8\">";
    b += "<input type=\"hidden\" name=\"form_token\" value=\"" + esc(p.form_token) + "\">";
    b += "<input type=\"hidden\" name=\"lang\" value=\"" + std::string(lang_code(l)) + "\">";

    FieldMark m = mark(p.problems, FormField::deputy);
    b += "<fieldset id=\"deputy\" role=\"radiogroup\"" + m.attrs + "><legend>" + esc(t.get(l, "meeting.deputy")) +
         "</legend>" + m.message_html;
    for (const DeputyChoice& d : p.deputies) {
        b += "<label class=\"choice\"><input type=\"radio\" name=\"deputy\" value=\"" + esc(d.id) + "\"" +
             (p.values.deputy == d.id ? " checked" : "") + ">" + esc(d.name);
        if (!d.reception.empty()) b += " <span class=\"muted\">" + esc(d.reception) + "</span>";
        b += "</label>";
    }
    b += "</fieldset>";

    // maxlength keeps a phone's typing within the rules (and the body within the hub's limit); the
    // hub still checks, since anyone can post anything.
    m = mark(p.problems, FormField::topic);
    b += "<label for=\"topic\">" + esc(format_text(t.get(l, "meeting.topic"), {std::to_string(p.max_topic_chars)})) +
         "</label>" + m.message_html + "<textarea id=\"topic\" name=\"topic\" required maxlength=\"" +
         std::to_string(p.max_topic_chars) + "\"" + m.attrs + ">" + esc(p.values.topic) + "</textarea>";
    b += contact_fields_html(t, l, p.values.name, p.values.phone, p.values.consent, p.problems, p.max_name_chars,
                             "meeting.contact_why", "meeting.consent");
    b += "<button type=\"submit\">" + esc(t.get(l, "meeting.submit")) + "</button></form>";
    return b;
}

}  // namespace

std::string render_meeting_form(const StringTable& t, const PageFrame& f, const MeetingFormPage& p) {
    Lang l = f.lang;
    PageFrame frame{l, t.get(l, "meeting.title"), f.switch_url, f.hall};
    std::string b = "<h1>" + esc(t.get(l, "meeting.title")) + "</h1>";
    if (p.thanks)
        return render_page(t, frame,
                           b + "<div class=\"verdict ok\" role=\"status\"><strong>✓ " + esc(t.get(l, "meeting.thanks")) +
                               "</strong>" + esc(t.get(l, "meeting.thanks_detail")) + "</div>");
    if (p.deputies.empty())
        return render_page(t, frame, b + problems_html(t, l, p.problems) + "<div class=\"card\"><p>" +
                                         esc(t.get(l, "meeting.none")) + "</p></div>");
    b += "<p>" + esc(t.get(l, "meeting.intro")) + "</p>" + form_html(t, l, p);
    return render_page(t, frame, b);
}

}  // namespace lianxin::hub
