// libFuzzer target: the phone opinion form's body (application/x-www-form-urlencoded) from any
// phone on the internet: parsed with limits, turned into a draft in each language, checked by the
// opinion rules, and the form drawn again with what was sent (as after a refusal), which must
// never carry the sent text unescaped.
#include <cstdlib>

#include "core/i18n/string_table.h"
#include "core/opinions/opinion_rules.h"
#include "fuzz/fuzz_support.h"
#include "hub/pages/opinion_form.h"

namespace {

const lianxin::StringTable& web_strings() {
    static const lianxin::StringTable t = [] {
        auto r = lianxin::StringTable::load(std::filesystem::path(LIANXIN_SOURCE_DIR) / "assets/web");
        if (!r.ok()) std::abort();
        return std::move(*r);
    }();
    return t;
}

// A draft with two articles, collecting until the end of 2027.
const lianxin::Consultation& consultation() {
    static const lianxin::Consultation c = [] {
        lianxin::Consultation c;
        c.id = "fuzz-draft";
        c.title = {"草案", "Draft"};
        c.deadline = lianxin::LocalDate{2027, 12, 31};
        c.stages = lianxin::default_consultation_stages();
        c.stage_id = lianxin::kCollectingStage;
        for (int n = 1; n <= 2; ++n) {
            lianxin::Article a;
            a.number = n;
            a.title = {"第" + std::to_string(n) + "条", "Article " + std::to_string(n)};
            c.articles.push_back(a);
        }
        return c;
    }();
    return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    using namespace lianxin::hub;
    auto fields = parse_urlencoded(fuzz::as_text(data, size));
    if (!fields.ok()) return 0;
    OpinionFormValues values = form_values(*fields);
    for (Lang lang : {Lang::zh, Lang::en}) {
        OpinionFormPage page;
        page.action = "/o/fuzz-draft";
        page.title = "Draft";
        page.deadline = consultation().deadline;
        page.draft_url = "/o/fuzz-draft?lang=en";
        page.articles = {{1, "Article 1", "Text", "Plain words", {"A question?"}}, {2, "Article 2", "", "", {}}};
        page.values = values;
        FormField unreadable = FormField::none;
        if (auto draft = draft_from_form(values, lang, &unreadable)) {
            auto normal = normalize_opinion(*draft);
            for (auto p : check_opinion(normal, consultation(), LocalDate{2027, 1, 10}))
                page.problems.push_back({form_field_of(p), opinion_problem_name(p)});
            (void)check_opinion_record(opinion_from_draft(normal), &consultation());
        } else {
            page.problems.push_back({unreadable, "unreadable"});
        }
        std::string html = render_opinion_form(web_strings(), PageFrame{lang, "Draft", "/o/fuzz-draft?lang=en"}, page);
        // The sent text is drawn back escaped: a tag from the phone never reaches the page as markup
        // (the dictionary offers the fuzzer this tag; nothing on the page itself contains it).
        if (html.find("<lx-fuzz") != std::string::npos) std::abort();
    }
    return 0;
}
