// The frame every public page shares (phones, no JavaScript): escaping of everything user- or
// data-supplied, the language chosen from ?lang= or Accept-Language, and the page around a body
// with its language toggle.
#pragma once

#include <string>
#include <string_view>

#include "core/i18n/language.h"
#include "core/i18n/string_table.h"

namespace lianxin::hub {

// &, <, >, " and ' as entities: safe in element text and in quoted attribute values.
std::string escape_html(std::string_view s);

// ?lang=zh|en wins; else the first of zh/en in Accept-Language by q-value; else Chinese.
Lang negotiate_lang(std::string_view query_lang, std::string_view accept_language);

struct PageFrame {
    Lang lang = Lang::zh;
    std::string title;       // plain text (escaped here)
    std::string switch_url;  // this page in the other language (escaped here)
    // The hall's own name in the page's language (the published bundle's hall), so a resident
    // sees whose page this is; empty when no bundle is published, and site.name stands in.
    std::string hall;
};

// Splits text from the content bundle at its line breaks into <p> paragraphs, each escaped; empty
// lines are dropped.
std::string paragraphs_html(std::string_view text);

// A whole HTML document: head with the viewport and the inline style sheet, a header with the
// hall's name, the site name and the toggle, `body_html` (already safe HTML), the footer.
std::string render_page(const StringTable& t, const PageFrame& frame, const std::string& body_html);

}  // namespace lianxin::hub
