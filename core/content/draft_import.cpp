// Splitting a draft regulation into articles, and writing the consultation source file of one.
// The rules of what starts an article are in draft_import.h; this file keeps them in one pass
// over the lines, with the state a reader of the draft would keep: which article we are in and
// whether the lines now are its text, its plain explanation or its questions.
#include "core/content/draft_import.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "core/base/ascii.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"
#include "core/text/utf8.h"

namespace lianxin {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// White space a Word export or a Markdown file indents with: ASCII, U+3000 and no-break space.
std::string_view skip_space(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\f' || s[0] == '\v')) s.remove_prefix(1);
        else if (starts_with(s, "\u3000")) s.remove_prefix(3);
        else if (starts_with(s, "\u00a0")) s.remove_prefix(2);
        else return s;
    }
}

std::string_view trim_space(std::string_view s) {
    s = skip_space(s);
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        else if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") s.remove_suffix(3);
        else if (s.size() >= 2 && s.substr(s.size() - 2) == "\u00a0") s.remove_suffix(2);
        else return s;
    }
}

// A line without its Markdown dress: heading '#'s, bold '**' around it, a quote '>'.
struct CleanLine {
    std::string_view text;
    bool heading = false;  // a Markdown heading: what follows an article's number is its title
};

CleanLine clean(std::string_view line) {
    CleanLine c;
    std::string_view s = skip_space(line);
    if (starts_with(s, ">")) s = skip_space(s.substr(1));
    if (starts_with(s, "#")) {
        c.heading = true;
        while (starts_with(s, "#")) s.remove_prefix(1);
    }
    s = trim_space(s);
    if (starts_with(s, "**")) {
        s.remove_prefix(2);
        if (auto e = s.find("**"); e != std::string_view::npos && trim_space(s.substr(e + 2)).empty()) s = s.substr(0, e);
        s = trim_space(s);
    }
    c.text = s;
    return c;
}

constexpr std::array<std::pair<std::string_view, int>, 13> kDigits{{{"零", 0}, {"〇", 0}, {"一", 1}, {"二", 2}, {"两", 2},
                                                                    {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7},
                                                                    {"八", 8}, {"九", 9}, {"壹", 1}}};
constexpr std::array<std::pair<std::string_view, int>, 3> kUnits{{{"十", 10}, {"百", 100}, {"千", 1000}}};

// A run of digits (ASCII or full-width) or Chinese numerals at the start of `s`: its value, and
// how many bytes it took (0 when none).
std::pair<int, std::size_t> leading_number(std::string_view s) {
    std::size_t i = 0;
    int ascii = 0;
    bool any_ascii = false;
    while (i < s.size()) {
        if (s[i] >= '0' && s[i] <= '9') { ascii = std::min(ascii * 10 + (s[i] - '0'), 1000000); ++i; any_ascii = true; continue; }
        if (starts_with(s.substr(i), "\xef\xbc") && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
            static_cast<unsigned char>(s[i + 2]) <= 0x99) {  // U+FF10–FF19, full-width digits
            ascii = std::min(ascii * 10 + (static_cast<unsigned char>(s[i + 2]) - 0x90), 1000000);
            i += 3;
            any_ascii = true;
            continue;
        }
        break;
    }
    if (any_ascii) return {ascii, i};
    // Chinese numerals: take the longest run of numeral characters, then read it.
    std::size_t j = 0;
    for (;;) {
        bool found = false;
        for (auto& [ch, v] : kDigits)
            if (starts_with(s.substr(j), ch)) { j += ch.size(); found = true; break; }
        if (!found)
            for (auto& [ch, v] : kUnits)
                if (starts_with(s.substr(j), ch)) { j += ch.size(); found = true; break; }
        if (!found) break;
    }
    if (j == 0) return {0, 0};
    return {parse_chinese_number(s.substr(0, j)), j};
}

bool ends_a_sentence(std::string_view s) {
    s = trim_space(s);
    for (std::string_view p : {"。", "；", "：", "！", "？", ".", ";", ":", "!", "?", "”", "」", "）", ")"})
        if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) return true;
    return false;
}

// What a heading line says after its number: a title in brackets or on its own, and the text that
// follows on the same line in a Word export ("第一条　为了……，制定本规定。").
void split_heading_rest(std::string_view rest, bool markdown_heading, std::string& title, std::string& text) {
    rest = trim_space(rest);
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"【", "】"}, {"（", "）"}, {"(", ")"}, {"[", "]"}}) {
        if (!starts_with(rest, open)) continue;
        auto e = rest.find(close, open.size());
        if (e == std::string_view::npos) break;
        title = std::string(trim_space(rest.substr(open.size(), e - open.size())));
        text = std::string(trim_space(rest.substr(e + close.size())));
        return;
    }
    // A short line with no sentence's end is a title; otherwise it is the article's first paragraph.
    if (markdown_heading || (!rest.empty() && utf8::count_code_points(rest) <= 40 && !ends_a_sentence(rest)))
        title = std::string(rest);
    else
        text = std::string(rest);
}

struct Heading {
    int number = 0;
    std::string title, text;
};

// 第N条 / Article N at the start of a line, when the number is greater than `previous`.
std::optional<Heading> article_heading(const CleanLine& line, int previous) {
    std::string_view s = line.text;
    Heading h;
    if (starts_with(s, "第")) {
        auto [n, len] = leading_number(s.substr(3));
        if (len == 0 || !starts_with(s.substr(3 + len), "条")) return std::nullopt;
        std::string_view rest = s.substr(3 + len + 3);
        // "第五条规定的……" begins a paragraph that cites article 5; a heading is followed by a
        // space, a bracket or nothing.
        if (!rest.empty() && skip_space(rest).size() == rest.size() && !starts_with(rest, "【") && !starts_with(rest, "（") &&
            !starts_with(rest, "("))
            return std::nullopt;
        if (n <= previous || n > kArticleNumberMax) return std::nullopt;
        h.number = n;
        std::string title;
        split_heading_rest(rest, line.heading, title, h.text);
        h.title = std::string(s.substr(0, 3 + len + 3)) + (title.empty() ? "" : "\u3000" + title);
        return h;
    }
    if (s.size() > 8 && starts_with_nocase(s, "article") && (s[7] == ' ' || s[7] == '\t')) {
        std::string_view r = skip_space(s.substr(8));
        auto [n, len] = leading_number(r);
        if (len == 0 || n <= previous || n > kArticleNumberMax) return std::nullopt;
        std::string_view rest = r.substr(len);
        if (!rest.empty() && rest[0] != ' ' && rest[0] != '.' && rest[0] != ':' && rest[0] != '-' && rest[0] != '\t' &&
            !starts_with(rest, "\u2014") && !starts_with(rest, "\u2013"))
            return std::nullopt;
        while (!rest.empty() && (rest[0] == '.' || rest[0] == ':' || rest[0] == '-')) rest.remove_prefix(1);
        if (starts_with(rest, "\u2014") || starts_with(rest, "\u2013")) rest.remove_prefix(3);
        h.number = n;
        std::string title;
        split_heading_rest(rest, line.heading, title, h.text);
        h.title = "Article " + std::to_string(n) + (title.empty() ? "" : " \u2014 " + title);
        return h;
    }
    return std::nullopt;
}

// 第一章 总则, 第二节, Chapter 3, Section IV: structure, not text.
bool is_division(std::string_view s) {
    if (starts_with(s, "第")) {
        auto [n, len] = leading_number(s.substr(3));
        if (len == 0) return false;
        std::string_view after = s.substr(3 + len);
        return starts_with(after, "章") || starts_with(after, "节") || starts_with(after, "编");
    }
    for (std::string_view w : {"chapter ", "section ", "part "}) {
        if (s.size() <= w.size() || !starts_with_nocase(s, w)) continue;
        std::string_view r = s.substr(w.size());
        bool numbered = !r.empty() && (std::isdigit(static_cast<unsigned char>(r[0])) || std::string_view("IVXLivxl").find(r[0]) != std::string_view::npos);
        return numbered && utf8::count_code_points(s) <= 80 && !ends_a_sentence(s);
    }
    return false;
}

enum class Marker { none, plain, question };

// 【解读】/ 解读： / Plain: start a plain explanation; 【问题】/ 问题： / Question: a question.
std::pair<Marker, std::string_view> marker(std::string_view s) {
    static const std::pair<std::string_view, Marker> kMarkers[] = {
        {"【解读】", Marker::plain},        {"【通俗解读】", Marker::plain}, {"通俗解读：", Marker::plain},
        {"解读：", Marker::plain},          {"解读:", Marker::plain},        {"【问题】", Marker::question},
        {"【思考】", Marker::question},     {"问题：", Marker::question},    {"问题:", Marker::question},
        {"思考：", Marker::question},       {"plain:", Marker::plain},       {"in plain words:", Marker::plain},
        {"explanation:", Marker::plain},    {"question:", Marker::question}, {"questions:", Marker::question},
    };
    for (auto& [m, kind] : kMarkers)
        if (starts_with_nocase(s, m)) return {kind, trim_space(s.substr(m.size()))};
    return {Marker::none, s};
}

// A question line may be written as a list item: "1. …", "- …", "（1）…".
std::string_view strip_list_mark(std::string_view s) {
    if (starts_with(s, "- ") || starts_with(s, "* ") || starts_with(s, "• ")) return trim_space(s.substr(s.find(' ') + 1));
    auto [n, len] = leading_number(s);
    if (len > 0 && len < s.size() && (s[len] == '.' || s[len] == ')' || starts_with(s.substr(len), "、")))
        return trim_space(s.substr(len + (s[len] == '.' || s[len] == ')' ? 1 : 3)));
    return s;
}

void append_paragraph(std::string& to, std::string_view line, bool joins) {
    if (to.empty()) { to = std::string(line); return; }
    if (!joins) { to += "\n"; to += line; return; }
    // A Markdown paragraph wrapped over lines is one paragraph: Latin words keep a space between.
    unsigned char last = static_cast<unsigned char>(to.back());
    to += (last < 0x80 && static_cast<unsigned char>(line[0]) < 0x80) ? " " : "";
    to += line;
}

}  // namespace

int parse_chinese_number(std::string_view s) {
    if (s.empty()) return 0;
    int total = 0, digit = -1, last_unit = 10000;
    bool any = false;
    std::size_t i = 0;
    while (i < s.size()) {
        bool found = false;
        for (auto& [ch, v] : kDigits) {
            if (!starts_with(s.substr(i), ch)) continue;
            if (digit > 0) return 0;  // two digits in a row ("一二") is not how a number is written
            digit = v;
            i += ch.size();
            found = any = true;
            break;
        }
        if (found) continue;
        for (auto& [ch, unit] : kUnits) {
            if (!starts_with(s.substr(i), ch)) continue;
            // Units come once each, larger first: "十十" and "一千千" are not numbers (and no run
            // of them, however long, can overflow).
            if (unit >= last_unit) return 0;
            last_unit = unit;
            total += (digit < 0 ? 1 : digit) * unit;  // "十一": a unit with no digit before is one of it
            if (digit == 0) return 0;                 // "零十"
            digit = -1;
            i += ch.size();
            found = any = true;
            break;
        }
        if (!found) return 0;
    }
    if (digit > 0) total += digit;
    return any ? total : 0;
}

Result<DraftDocument> parse_draft(std::string_view text) {
    if (text.size() > kDraftMaxBytes)
        return Error{ErrorCode::invalid_input, "the draft is " + std::to_string(text.size() >> 10) + " KiB; a draft may be at most " +
                                                   std::to_string(kDraftMaxBytes >> 20) + " MiB of text"};
    if (starts_with(text, "\xef\xbb\xbf")) text.remove_prefix(3);
    if (!utf8::is_valid(text))
        return Error{ErrorCode::invalid_input,
                     "the draft is not UTF-8 text: in Word, save it as \"Plain Text\" with the encoding Unicode (UTF-8)"};
    DraftDocument doc;
    DraftArticle* current = nullptr;
    Marker mode = Marker::none;
    bool previous_blank = true;
    std::string* last_para = nullptr;  // the paragraph the previous line went into, for a wrapped line
    bool title_done = false, title_open = false;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        // A line ends at LF, CR LF or a lone CR (an old Mac or Word "CR only" export), and at
        // the vertical tab and form feed Word's plain text writes for a manual line break and a
        // page break.
        std::size_t end = text.find_first_of("\n\r\v\f", pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
        ++line_no;
        CleanLine line = clean(raw);
        if (line.text.empty() || line.text == "---" || line.text == "***") {
            previous_blank = true;
            last_para = nullptr;
            if (end == text.size()) break;
            continue;
        }
        bool joins = !previous_blank && last_para && !line.heading && !ends_a_sentence(*last_para);
        previous_blank = false;
        if (auto h = article_heading(line, current ? current->number : 0)) {
            if (current && h->number != current->number + 1)
                doc.warnings.push_back("line " + std::to_string(line_no) + ": article " + std::to_string(h->number) +
                                       " follows article " + std::to_string(current->number) +
                                       ": is a heading missing in between?");
            doc.articles.push_back(DraftArticle{h->number, h->title, h->text, {}, {}, line_no});
            current = &doc.articles.back();
            mode = Marker::none;
            last_para = h->text.empty() ? nullptr : &current->text;
            title_done = true;
            continue;
        }
        if (is_division(line.text)) { last_para = nullptr; continue; }
        auto [kind, rest] = marker(line.text);
        if (kind != Marker::none && current) {
            mode = kind;
            last_para = nullptr;
            if (rest.empty()) continue;
            line.text = rest;
            joins = false;
        }
        if (!current) {
            // Before the first article: the draft's title (with a "(征求意见稿)" line under it) and its preamble.
            if (!title_done && doc.title.empty()) {
                doc.title = std::string(line.text);
                title_open = true;
                continue;
            }
            if (title_open && (starts_with(line.text, "（") || starts_with(line.text, "(")) &&
                utf8::count_code_points(line.text) <= 40) {
                doc.title += (line.text[0] == '(' ? " " : "") + std::string(line.text);
                continue;
            }
            title_open = false;
            append_paragraph(doc.preamble, line.text, joins && last_para == &doc.preamble);
            last_para = &doc.preamble;
            continue;
        }
        if (mode == Marker::question) {
            std::string_view q = strip_list_mark(line.text);
            if (joins && last_para && !current->questions.empty()) append_paragraph(current->questions.back(), q, true);
            else current->questions.emplace_back(q);
            last_para = &current->questions.back();
            continue;
        }
        std::string& to = mode == Marker::plain ? current->plain : current->text;
        append_paragraph(to, line.text, joins && last_para == &to);
        last_para = &to;
    }
    if (doc.articles.empty())
        return Error{ErrorCode::invalid_input,
                     "no article was found: each article must start a line with its heading, such as "
                     "\"第一条\" or \"Article 1\""};
    for (auto& a : doc.articles)
        if (a.text.empty())
            doc.warnings.push_back("line " + std::to_string(a.line) + ": " + a.title + " has no text");
    return doc;
}

std::string toml_multiline(std::string_view s) {
    std::string out = "\"\"\"\n";
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\t' || c == '\n') out += static_cast<char>(c);
        else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else out += static_cast<char>(c);
        ++i;
    }
    return out + "\"\"\"";
}

namespace {

std::string toml_line(std::string_view s) {
    std::string m = toml_multiline(s);
    // A one-line basic string: the same escapes, with a newline (none is expected) escaped too.
    std::string body = m.substr(4, m.size() - 7), out = "\"";
    for (char c : body) out += c == '\n' ? std::string("\\n") : std::string(1, c);
    return out + "\"";
}

std::string toml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_line(items[i]);
    return out + "]";
}

}  // namespace

Status check_drafts_pair(const DraftDocument& zh, const DraftDocument& en) {
    auto& a = zh.articles;
    auto& b = en.articles;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        int na = i < a.size() ? a[i].number : 0, nb = i < b.size() ? b[i].number : 0;
        if (na != nb)
            return Error{ErrorCode::invalid_input,
                         "the Chinese and English drafts differ at their article " + std::to_string(i + 1) + ": " +
                             (na ? "第" + std::to_string(na) + "条" : std::string("no article")) + " against " +
                             (nb ? "Article " + std::to_string(nb) : std::string("no article"))};
    }
    return ok_status();
}

Result<std::string> consultation_source_toml(const ConsultationImport& in) {
    if (!is_consultation_id(in.id))
        return Error{ErrorCode::invalid_input, "the id '" + in.id + "' is not a consultation id (1 to 20 of a-z, 0-9, '_', '-')"};
    if (!in.zh && !in.en) return Error{ErrorCode::invalid_input, "no draft was given"};
    if (LocalDate d; !parse_local_date(in.deadline, d))
        return Error{ErrorCode::invalid_input, "the deadline '" + in.deadline + "' is not a day written as 2027-01-31"};
    if (in.zh && in.en)
        if (auto st = check_drafts_pair(*in.zh, *in.en); !st) return st.error();
    const DraftDocument& first = in.zh ? *in.zh : *in.en;
    auto field = [](const DraftDocument* d, auto get) { return d ? get(*d) : std::string(); };
    std::string t;
    // A TOML comment holds no control character but tab (a title may carry an escape or DEL).
    std::string comment = in.zh ? in.zh->title : in.en->title;
    for (char& c : comment)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = ' ';
    t += "# " + comment + "\n";
    t += "# Made by lianxin-admin consultation import. Each empty string below is still to be written\n";
    t += "# (`lianxin-admin content check` lists them): the plain-language explanation of every article,\n";
    t += "# and the other language when only one draft was imported.\n";
    t += "id = \"" + in.id + "\"\norder = " + std::to_string(in.order) + "\n";
    t += "title.zh = " + toml_line(field(in.zh, [](auto& d) { return d.title; })) + "\n";
    t += "title.en = " + toml_line(field(in.en, [](auto& d) { return d.title; })) + "\n";
    t += "summary.zh = " + toml_multiline(field(in.zh, [](auto& d) { return d.preamble; })) + "\n";
    t += "summary.en = " + toml_multiline(field(in.en, [](auto& d) { return d.preamble; })) + "\n";
    t += "deadline = " + in.deadline + "\n";
    t += "stage = \"draft_published\"\n";
    for (std::size_t i = 0; i < first.articles.size(); ++i) {
        const DraftArticle* zh = in.zh ? &in.zh->articles[i] : nullptr;
        const DraftArticle* en = in.en ? &in.en->articles[i] : nullptr;
        auto get = [](const DraftArticle* a, std::string DraftArticle::*f) { return a ? a->*f : std::string(); };
        t += "\n[[article]]\nnumber = " + std::to_string(first.articles[i].number) + "\n";
        t += "title.zh = " + toml_line(get(zh, &DraftArticle::title)) + "\n";
        t += "title.en = " + toml_line(get(en, &DraftArticle::title)) + "\n";
        t += "text.zh = " + toml_multiline(get(zh, &DraftArticle::text)) + "\n";
        t += "text.en = " + toml_multiline(get(en, &DraftArticle::text)) + "\n";
        t += "plain.zh = " + toml_multiline(get(zh, &DraftArticle::plain)) + "\n";
        t += "plain.en = " + toml_multiline(get(en, &DraftArticle::plain)) + "\n";
        // Questions are paired by position, so a language with fewer gets empty ones to write.
        std::size_t nq = std::max(zh ? zh->questions.size() : 0, en ? en->questions.size() : 0);
        if (nq == 0) continue;
        auto padded = [nq](const DraftArticle* a) {
            std::vector<std::string> q = a ? a->questions : std::vector<std::string>{};
            q.resize(nq);
            return q;
        };
        t += "questions.zh = " + toml_list(padded(zh)) + "\n";
        t += "questions.en = " + toml_list(padded(en)) + "\n";
    }
    return t;
}

}  // namespace lianxin
