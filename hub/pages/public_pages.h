// The pages a phone opens from a QR code or a link: a passport (/p/), a certificate (/c/), the
// opinion form with the draft it is about (/o/), the request to meet a deputy (/m/), and the page
// for an address that is not there. Each takes what it shows already in the page's language (the routes
// look names up in the current content bundle) and returns the whole document; every string
// from data is escaped here. Contact details are not in these structs, so no page can show them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/opinions/opinion_status.h"
#include "core/passports/stamp_kind.h"
#include "core/tokens/token.h"
#include "hub/pages/html.h"

namespace lianxin::hub {

struct PassportPageStamp {
    StampKind kind = StampKind::opinion;
    LocalDate date;
    std::string draft;      // the consultation's title (opinion stamps)
    std::string provision;  // "Article 3 — …" or "the whole draft"
    std::string text;       // the opinion as written (empty when hidden)
    bool hidden = false;    // staff hid the text from public pages
    std::string final_title, final_text;  // the adopted article it changed ("第五条　…"), once traced
    OpinionStatus status = OpinionStatus::received;
    std::string reply;
};

struct PassportPageCertificate {
    std::string summary;  // "Article 3 — … · Partly adopted · 1 March 2027"
    std::string url;      // its /c/ page
};

struct PassportPage {
    std::string short_code;  // formatted, "JJ1-D535-E0WN"
    LocalDate issued;
    std::vector<PassportPageStamp> stamps;
    std::vector<PassportPageCertificate> certificates;
};

std::string render_passport_page(const StringTable& t, const PageFrame& frame, const PassportPage& page);
// A passport that cannot be shown: `message_key` is passport.not_found or passport.invalid.
std::string render_passport_problem(const StringTable& t, const PageFrame& frame, const std::string& message_key);

struct CertificatePage {
    std::optional<TokenProblem> problem;  // none: genuine and not revoked
    std::string draft, provision, outcome, date, serial;  // set when genuine
    std::string final_title, final_text;  // the adopted article the opinion changed, once traced
};
std::string render_certificate_page(const StringTable& t, const PageFrame& frame, const CertificatePage& page);

struct OpinionFormValues {
    std::string article;  // "" = whole draft, else the number
    std::string stance;   // support / oppose / suggest
    std::string text, name, phone;
    bool consent = false;
};

// The form's fields, for saying which one a problem is about.
enum class FormField { none, article, stance, text, deputy, topic, name, phone, consent };

// A problem with a sent opinion, in the page's language: shown in the list above the form and, when
// it is about one field, again beside that field.
struct FormProblem {
    FormField field = FormField::none;
    std::string message;
};

// One article of the draft in the page's language, as the kiosk shows it.
struct FormArticle {
    int number = 0;
    std::string title;
    std::string text;   // the legal text; its line breaks are paragraphs
    std::string plain;  // the plain-language explanation
    std::vector<std::string> questions;
};

struct PageLink {
    std::string text;  // plain text
    std::string href;
};

struct OpinionFormPage {
    std::string action;     // where the form posts (this page's path)
    std::string draft_url;  // this page with its ?lang=, for links back to it (thank-you, articles)
    std::string title, summary;
    LocalDate deadline;
    bool open = true;  // collecting and before the deadline
    std::vector<FormArticle> articles;  // by number
    int open_article = 0;               // the article shown unfolded (?article= on a link to it)
    std::size_t max_chars = 0;
    std::size_t max_name_chars = 0;
    OpinionFormValues values;           // what to show in the fields (after a refusal, or ?article=)
    std::vector<FormProblem> problems;  // shown above the form and at their fields
    std::string form_token;             // the CSRF token for the hidden field
    bool thanks = false;                // show the thank-you instead of the form
    std::vector<PageLink> other_drafts; // (thank-you) other consultations still taking opinions
};
// The draft's articles (each folded: a tap opens its text and explanation), then the form; or,
// with `thanks`, the thank-you with the ways on: back to the draft, its next article, other drafts.
std::string render_opinion_form(const StringTable& t, const PageFrame& frame, const OpinionFormPage& page);

// The meeting request form (/m/): a resident asks to meet one of the station's deputies.
struct MeetingFormValues {
    std::string deputy;  // a deputy's id
    std::string topic, name, phone;
    bool consent = false;
};

struct DeputyChoice {
    std::string id, name;  // the name in the page's language
    std::string reception;  // when they receive residents, in words (may be empty)
};

struct MeetingFormPage {
    std::string action;  // where the form posts (/m/)
    std::vector<DeputyChoice> deputies;  // from the published content; empty: the form is not offered
    std::size_t max_topic_chars = 0, max_name_chars = 0;
    MeetingFormValues values;           // what to show in the fields (after a refusal, or /m/<deputy>)
    std::vector<FormProblem> problems;  // shown above the form and at their fields
    std::string form_token;
    bool thanks = false;  // show the thank-you instead of the form
};
std::string render_meeting_form(const StringTable& t, const PageFrame& frame, const MeetingFormPage& page);

// A page that is not there (an unknown address, a consultation the published content does not
// have): `message_key` says which, and the drafts still taking opinions are offered instead.
std::string render_not_found(const StringTable& t, const PageFrame& frame, const std::string& message_key,
                             const std::vector<PageLink>& open_drafts);

}  // namespace lianxin::hub
