// The pages a phone opens from a QR code or a link: a passport (/p/), a certificate (/c/) and
// the opinion form (/o/). Each takes what it shows already in the page's language (the routes
// look names up in the current content bundle) and returns the whole document; every string
// from data is escaped here. Contact details are not in these structs, so no page can show them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/passports/passport_book.h"
#include "core/tokens/token.h"
#include "hub/pages/html.h"

namespace lianxin::hub {

struct PassportPageStamp {
    StampKind kind = StampKind::opinion;
    LocalDate date;
    std::string draft;      // the consultation's title (opinion stamps)
    std::string provision;  // "Article 3 — …" or "the whole draft"
    std::string text;       // the opinion as written
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
};
std::string render_certificate_page(const StringTable& t, const PageFrame& frame, const CertificatePage& page);

struct OpinionFormValues {
    std::string article;  // "" = whole draft, else the number
    std::string stance;   // support / oppose / suggest
    std::string text, name, phone;
    bool consent = false;
};

struct OpinionFormPage {
    std::string action;  // where the form posts (this page's path)
    std::string title, summary;
    LocalDate deadline;
    bool open = true;  // collecting and before the deadline
    std::vector<std::pair<int, std::string>> articles;  // number, title
    std::size_t max_chars = 0;
    OpinionFormValues values;           // what to show in the fields (after a refusal)
    std::vector<std::string> problems;  // localized messages, shown above the form
    std::string form_token;             // the CSRF token for the hidden field
    bool thanks = false;                // show the thank-you instead of the form
};
std::string render_opinion_form(const StringTable& t, const PageFrame& frame, const OpinionFormPage& page);

}  // namespace lianxin::hub
