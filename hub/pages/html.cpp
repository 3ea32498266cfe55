// Public page frame: escaping, language negotiation, the document and its style sheet.
#include "hub/pages/html.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace lianxin::hub {

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

Lang negotiate_lang(std::string_view query_lang, std::string_view accept_language) {
    if (query_lang == "en") return Lang::en;
    if (query_lang == "zh") return Lang::zh;
    // "en-GB,en;q=0.9,zh-CN;q=0.8": take the best-weighted tag whose primary language we have.
    double best_q = -1;
    Lang best = Lang::zh;
    std::size_t i = 0;
    while (i < accept_language.size()) {
        std::size_t end = accept_language.find(',', i);
        if (end == std::string_view::npos) end = accept_language.size();
        std::string_view item = accept_language.substr(i, end - i);
        i = end + 1;
        std::string_view tag = item.substr(0, item.find(';'));
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        double q = 1;
        if (auto qp = item.find("q="); qp != std::string_view::npos)
            q = std::strtod(std::string(item.substr(qp + 2)).c_str(), nullptr);
        std::string primary(tag.substr(0, tag.find('-')));
        std::transform(primary.begin(), primary.end(), primary.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if ((primary == "zh" || primary == "en") && q > best_q) {
            best_q = q;
            best = primary == "en" ? Lang::en : Lang::zh;
        }
    }
    return best;
}

namespace {

// Readable on a small screen without zooming: 18 px type, one column, the kiosk's colours. Every
// tap target is at least 44 px high (the toggle, links, radio rows, the checkbox row), nothing is
// under 13 px, and long unbroken text (tokens, pasted links) wraps instead of scrolling sideways.
// No external resources: the pages work on any phone, offline proxies included. An article of the
// draft folds into a <details> row with a drawn chevron (not a text glyph, which a screen reader
// would read out with the title); a field with a problem has its message above it and a red edge;
// every colour pair passes WCAG AA contrast (the browser test runs axe-core on every page).
constexpr const char* kStyle = R"CSS(
*{box-sizing:border-box}
body{margin:0;background:#F7F1E6;color:#2A2522;font:18px/1.6 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 16px;background:#fff;border-bottom:1px solid #E4D8C6}
header .site{margin:0;min-width:0;display:flex;flex-direction:column}
header .hall{font-weight:700;color:#8E1F1A;font-size:16px;line-height:1.35;text-wrap:balance}
header .brand{color:#6B625B;font-size:14px;line-height:1.4}
header a.lang{flex:none;display:inline-flex;align-items:center;min-height:44px;color:#B8322A;border:1.5px solid #B8322A;border-radius:999px;padding:0 18px;text-decoration:none;font-size:17px;white-space:nowrap}
main{max-width:720px;margin:0 auto;padding:16px;overflow-wrap:anywhere}
h1{color:#8E1F1A;font-size:28px;line-height:1.3;margin:8px 0 4px;text-wrap:balance}
h2{color:#8E1F1A;font-size:21px;margin:28px 0 10px}
.sub{color:#6B625B;margin:0 0 12px}
.card{background:#fff;border-radius:16px;padding:16px 18px;margin:12px 0;box-shadow:0 1px 3px rgba(42,37,34,.12)}
.card>:first-child,.problems>:first-child{margin-top:0}.card>:last-child,.problems>:last-child{margin-bottom:0}
.code{font-size:30px;font-weight:700;letter-spacing:2px;margin:0}
.chip{display:inline-block;border-radius:999px;padding:3px 14px;color:#fff;font-size:16px;font-weight:700;margin:6px 0}
.s-received{background:#6B625B}.s-included{background:#2F7F86}.s-adopted{background:#2E7D4F}.s-partly_adopted{background:#8A5F12}.s-not_adopted{background:#6F6760}
.stamp{display:flex;gap:14px;align-items:flex-start}
.ring{flex:none;width:82px;height:82px;border:3px double #B8322A;border-radius:50%;display:flex;flex-direction:column;align-items:center;justify-content:center;color:#B8322A;font-weight:700;font-size:15px;line-height:1.2}
.ring small{font-weight:400;font-size:13px;max-width:70px;text-align:center;overflow-wrap:normal}
.stamp>div{min-width:0}
.quote{margin:4px 0;color:#2A2522}
.trace{border-left:4px solid #2E7D4F;background:#F1F7F3;border-radius:0 10px 10px 0;padding:8px 12px;margin:10px 0}
.trace p{margin:4px 0}
.muted{color:#6B625B;font-size:16px}
.verdict{border-radius:16px;padding:16px 18px;color:#fff;margin:12px 0}
.verdict.ok{background:#2E7D4F}.verdict.bad{background:#B8322A}
.verdict strong{font-size:22px;display:block}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:6px 16px;margin:0}
dt{color:#6B625B}dd{margin:0}
@media (max-width:480px){dl{grid-template-columns:minmax(0,1fr);gap:0}dt{font-size:16px}dd{margin-bottom:10px}}
a{color:#B8322A}
a.go{display:inline-flex;align-items:center;min-height:44px;font-weight:700}
label{display:block;margin:14px 0 6px;font-weight:700}
select,textarea,input[type=text],input[type=tel]{width:100%;font:inherit;padding:10px 12px;border:1.5px solid #D8CBB8;border-radius:10px;background:#fff}
textarea{min-height:180px}
fieldset{border:0;padding:0;margin:14px 0 0}
.choice{display:flex;align-items:center;gap:10px;font-weight:400;margin:8px 0;padding:10px 12px;background:#fff;border-radius:10px;border:1.5px solid #E4D8C6;min-height:48px}
.choice input{flex:none;width:24px;height:24px;margin:0;accent-color:#B8322A}
button{display:block;width:100%;margin:20px 0 8px;padding:14px;font:inherit;font-weight:700;color:#fff;background:#B8322A;border:0;border-radius:12px}
.problems{background:#FBEAE8;border-left:5px solid #B8322A;padding:10px 14px;border-radius:8px;margin:12px 0}
footer{max-width:720px;margin:24px auto 32px;padding:0 16px;color:#6B625B;font-size:14px}
h3{color:#6B625B;font-size:16px;margin:14px 0 2px}
details.article{background:#fff;border:1.5px solid #E4D8C6;border-radius:12px;margin:10px 0}
details.article>summary{display:block;list-style:none;position:relative;min-height:52px;padding:12px 48px 12px 16px;font-weight:700;color:#2A2522;cursor:pointer}
details.article>summary::-webkit-details-marker{display:none}
details.article>summary::after{content:"";position:absolute;right:20px;top:20px;width:10px;height:10px;border:solid #B8322A;border-width:0 3px 3px 0;transform:rotate(45deg)}
details.article[open]>summary::after{transform:rotate(-135deg);top:26px}
details.article[open]>summary{border-bottom:1px solid #E4D8C6}
.article-body{padding:0 16px 8px}
.article-body p{margin:6px 0}
.plain{background:#FFF8EA;border-radius:10px;padding:2px 14px 8px;margin:12px 0}
.questions{margin:4px 0;padding-left:1.2em;color:#1F5F64}
.field-error{color:#A52A21;font-weight:700;font-size:16px;margin:4px 0 6px}
[aria-invalid=true]{border:2px solid #B8322A}
fieldset[aria-invalid=true]{border:0;border-left:4px solid #B8322A;padding-left:10px}
legend{font-weight:700;margin:0 0 6px;padding:0}
:focus-visible{outline:3px solid #2F7F86;outline-offset:2px}
.problems a{display:inline-flex;align-items:center;min-height:44px;font-weight:700}
ul.next,ol.steps{padding:0;margin:8px 0;list-style:none}
ul.next a{display:flex;align-items:center;min-height:52px;padding:10px 16px;margin:8px 0;background:#fff;border:1.5px solid #E4D8C6;border-radius:12px;font-weight:700;text-decoration:none}
ul.next a::after{content:"";flex:none;margin-left:auto;width:9px;height:9px;border:solid #B8322A;border-width:3px 3px 0 0;transform:rotate(45deg)}
ul.next span{padding-right:12px}
ol.steps{counter-reset:step}
ol.steps li{counter-increment:step;position:relative;padding:12px 16px 12px 56px;margin:8px 0;background:#fff;border-radius:12px}
ol.steps li::before{content:counter(step);position:absolute;left:14px;top:12px;width:30px;height:30px;border-radius:50%;background:#8E1F1A;color:#fff;font-weight:700;text-align:center;line-height:30px}
)CSS";

}  // namespace

std::string paragraphs_html(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) out += "<p>" + escape_html(line) + "</p>";
        at = end + 1;
    }
    return out;
}

std::string render_page(const StringTable& t, const PageFrame& f, const std::string& body_html) {
    const std::string& site = t.get(f.lang, "site.name");
    const std::string& hall = f.hall.empty() ? site : f.hall;
    std::string html = "<!DOCTYPE html>\n<html lang=\"";
    html += f.lang == Lang::zh ? "zh-CN" : "en";
    html += "\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            "<meta name=\"referrer\" content=\"no-referrer\"><title>";
    html += escape_html(f.title) + " · " + escape_html(hall);
    html += "</title><style>";
    html += kStyle;
    // The hall first: a resident who scanned a code on its wall should recognise the place; the
    // site's own name says which service this is, under it.
    html += "</style></head><body><header><p class=\"site\"><span class=\"hall\">" + escape_html(hall) + "</span>";
    if (!f.hall.empty()) html += "<span class=\"brand\">" + escape_html(site) + "</span>";
    html += "</p>";
    // The toggle's own words are in the other language: say so, so a screen reader pronounces them.
    const char* other = f.lang == Lang::zh ? "en" : "zh-CN";
    if (!f.switch_url.empty())
        html += "<a class=\"lang\" href=\"" + escape_html(f.switch_url) + "\" hreflang=\"" + other + "\" lang=\"" + other +
                "\">" + escape_html(t.get(f.lang, "site.switch")) + "</a>";
    html += "</header><main>" + body_html + "</main><footer>" + escape_html(t.get(f.lang, "site.footer")) +
            "</footer></body></html>\n";
    return html;
}

}  // namespace lianxin::hub
