// A draft regulation as staff receive it (a Word document saved as text, or Markdown) split into
// its articles by their headings (第一条 … / Article 1 …), and the consultation source file
// (content/consultations/<id>.toml) made of one draft or of a Chinese and an English one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/i18n/language.h"

namespace lianxin {

// A draft file larger than this is not a regulation (the longest national laws are under 1 MB of
// text); it is refused before it is read.
inline constexpr std::size_t kDraftMaxBytes = 4u << 20;

struct DraftArticle {
    int number = 0;
    std::string title;  // the heading as the draft writes it, "第五条　公共收益" / "Article 5 — Shared income"
    std::string text;   // the legal text, paragraphs separated by "\n"
    std::string plain;  // lines the draft marks 【解读】/ "Plain:", joined; empty when none
    std::vector<std::string> questions;  // lines marked 【问题】/ "Question:", one each
    int line = 0;                        // where the heading is, for messages
};

struct DraftDocument {
    std::string title;     // the first line that is not an article, a chapter or a marker
    std::string preamble;  // what stands between the title and the first article (the consultation's summary)
    std::vector<DraftArticle> articles;
    std::vector<std::string> warnings;  // gaps in the numbering, articles without text, each with its line
};

// Splits `text` into articles. Headings start a line (after Markdown '#'s, '*'s or indentation):
// 第 + a number in Chinese numerals or digits + 条, then white space, 【title】, or the line's end;
// "Article N" followed by white space, '.', ':', '—', '-' or the line's end. A heading's number must
// be greater than the one before, and at most kArticleNumberMax, so "第五条规定的…" at the start of a
// paragraph stays text.
// Chapter and section lines (第一章, 第二节, Chapter 1, Section 2) are dropped from the text.
// LF, CR/LF and CR-only files, Word's line and page breaks (VT, FF), a UTF-8 BOM and full-width
// indentation are all read. Refused (invalid_input, saying why) when the text is not UTF-8, is
// larger than kDraftMaxBytes or holds no article.
Result<DraftDocument> parse_draft(std::string_view text);

// A Chinese numeral as laws write article numbers ("十一", "一百零二", "两千"), or 0 if `s` is not one
// (each unit once, larger first: "十十" is not one).
int parse_chinese_number(std::string_view s);

// The one pairing rule of two drafts of one text: the same article numbers in the same order.
// Refused (invalid_input) naming the first article where they differ.
Status check_drafts_pair(const DraftDocument& zh, const DraftDocument& en);

struct ConsultationImport {
    std::string id;  // a consultation id (is_consultation_id)
    const DraftDocument* zh = nullptr;  // at least one of the two
    const DraftDocument* en = nullptr;
    std::string deadline;  // "2027-01-31" (parse_local_date)
    int order = 1;         // where the kiosk lists it among the consultations
};

// The consultation source file for `in`, in its first stage, "draft_published" (`consultation
// open` starts collecting). A language with no draft is written as empty strings, which
// `content check` names field by field, as it does each article without a plain explanation. Refused (invalid_input) when the two drafts do not have the same
// article numbers, naming the first that differs.
Result<std::string> consultation_source_toml(const ConsultationImport& in);

// `s` as a TOML multi-line basic string ("""…"""), escaped so any text reads back unchanged.
std::string toml_multiline(std::string_view s);

}  // namespace lianxin
