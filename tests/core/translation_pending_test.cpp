// "Translation pending" (docs/content-format.md): an exhibit marked `translation = "pending"` may
// leave its English empty, so a Chinese correction is published without waiting; the mark goes
// through the writer and the bundle, and nothing else loosens.
#include <catch2/catch.hpp>

#include "core/content/bundle.h"
#include "core/content/content_writer.h"
#include "tests/support/content_copy.h"

using namespace lianxin;
using namespace lianxin::test;

TEST_CASE("an exhibit whose English is pending may leave it empty, through the writer and the bundle",
          "[core][content][translation]") {
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    ContentSet edited = loaded.content;
    Exhibit& e = edited.exhibits[0];
    e.english_pending = true;
    e.title.en.clear();
    e.subtitle.en.clear();
    e.body.en.clear();
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());
    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    const Exhibit* back = again.content.find_exhibit(e.id);
    REQUIRE(back);
    CHECK(back->english_pending);
    CHECK(back->title.en.empty());
    CHECK(back->title.zh == e.title.zh);

    // The bundle carries the mark (a meta key: older kiosks still read the bundle).
    TempDir out;
    REQUIRE(write_bundle(again, out / "b.lxb", nullptr).ok());
    auto bundle = load_bundle(out / "b.lxb", {});
    REQUIRE(bundle.ok());
    const Exhibit* in_bundle = bundle->content.find_exhibit(e.id);
    REQUIRE(in_bundle);
    CHECK(in_bundle->english_pending);
    int pending = 0;
    for (auto& x : bundle->content.exhibits) pending += x.english_pending ? 1 : 0;
    CHECK(pending == 1);
}

TEST_CASE("without the mark an empty English is refused, and the mark takes one value", "[core][content][translation]") {
    ContentCopy src;
    src.replace("exhibits/futian.toml", "title.en = \"Futian: consultation on laws, right at your door\"", "title.en = \"\"");
    auto plain = src.load();
    CHECK(find_problem(plain, "exhibits/futian.toml", "title.en"));
    src.append("exhibits/futian.toml", "translation = \"soon\"\n");
    auto odd = src.load();
    const Diagnostic* p = find_problem(odd, "exhibits/futian.toml", "translation");
    REQUIRE(p);
    CHECK_THAT(p->message, Catch::Contains("pending"));
    // A Chinese text never waits: pending loosens the English only.
    src.replace("exhibits/futian.toml", "translation = \"soon\"", "translation = \"pending\"");
    src.replace("exhibits/futian.toml", "title.zh = \"福田：立法征询送到家门口\"", "title.zh = \"\"");
    auto zh_empty = src.load();
    CHECK(find_problem(zh_empty, "exhibits/futian.toml", "title.zh"));
    CHECK_FALSE(find_problem(zh_empty, "exhibits/futian.toml", "title.en"));
}

TEST_CASE("every kind of item may have its English pending: slides, events, sections, figures, consultations with "
          "their articles",
          "[core][content][translation]") {
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    REQUIRE(loaded.content.slides.size() > 1);
    REQUIRE(loaded.content.timeline.size() > 2);
    REQUIRE(loaded.content.figures.size() > 1);
    REQUIRE(!loaded.content.consultations.empty());
    ContentSet edited = loaded.content;
    Slide& slide = edited.slides[1];
    slide.english_pending = true;
    slide.caption.en.clear();
    TimelineEvent& event = edited.timeline[2];
    event.english_pending = true;
    event.title.en.clear();
    event.text.en.clear();
    Section& section = edited.sections[0];
    section.english_pending = true;
    section.intro.en.clear();
    Figure& figure = edited.figures[1];
    figure.english_pending = true;
    figure.label.en.clear();
    Consultation& c = edited.consultations[0];
    c.english_pending = true;
    c.summary.en.clear();
    REQUIRE(c.articles.size() > 1);
    c.articles[1].plain.en.clear();
    c.articles[1].text.en.clear();
    c.articles[1].questions = {{"这一条写得清楚吗？", ""}, {"还缺什么？", "What is missing?"}};
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());

    auto again = src.load();
    INFO(all_problems(again));
    REQUIRE(again.ok());
    // Timeline events are sorted by year on loading: found by their Chinese title.
    auto event_back = std::find_if(again.content.timeline.begin(), again.content.timeline.end(),
                                   [&](const TimelineEvent& x) { return x.title.zh == event.title.zh; });
    REQUIRE(event_back != again.content.timeline.end());
    CHECK(event_back->english_pending);
    CHECK(event_back->text.en.empty());
    CHECK(again.content.slides[1].english_pending);
    CHECK_FALSE(again.content.slides[0].english_pending);
    CHECK(again.content.find_section(section.id)->english_pending);
    CHECK(again.content.figures[1].english_pending);
    const Consultation* c_back = again.content.find_consultation(c.id);
    REQUIRE(c_back);
    CHECK(c_back->english_pending);
    CHECK(c_back->articles[1].plain.en.empty());
    REQUIRE(c_back->articles[1].questions.size() == 2);
    CHECK(c_back->articles[1].questions[0].en.empty());
    CHECK(c_back->articles[1].questions[1].en == "What is missing?");

    // Through the bundle, each mark on its own item and on no other.
    TempDir out;
    REQUIRE(write_bundle(again, out / "b.lxb", nullptr).ok());
    auto bundle = load_bundle(out / "b.lxb", {});
    REQUIRE(bundle.ok());
    const ContentSet& b = bundle->content;
    auto count = [](const auto& items) {
        return std::count_if(items.begin(), items.end(), [](const auto& x) { return x.english_pending; });
    };
    CHECK(count(b.slides) == 1);
    CHECK(b.slides[1].english_pending);
    CHECK(count(b.timeline) == 1);
    CHECK(b.timeline[static_cast<std::size_t>(event_back - again.content.timeline.begin())].english_pending);
    CHECK(count(b.sections) == 1);
    CHECK(b.find_section(section.id)->english_pending);
    CHECK(count(b.figures) == 1);
    CHECK(b.figures[1].english_pending);
    CHECK(count(b.consultations) == 1);
    CHECK(b.find_consultation(c.id)->english_pending);
    CHECK(count(b.exhibits) == 0);
    // The English shown is the Chinese, where the English waits.
    CHECK(b.figures[1].label.shown_in(Lang::en) == figure.label.zh);
}

TEST_CASE("without its mark an item's empty English is still refused, item by item", "[core][content][translation]") {
    ContentCopy src;
    auto loaded = src.load();
    REQUIRE(loaded.ok());
    ContentSet edited = loaded.content;
    // The first slide is marked and the second is not: the mark of one never covers the next.
    edited.slides[0].english_pending = true;
    edited.slides[0].caption.en.clear();
    edited.slides[1].caption.en.clear();
    edited.figures[0].label.en.clear();
    REQUIRE(save_content_sources(src.dir, loaded.content, edited).ok());
    auto again = src.load();
    CHECK_FALSE(find_problem(again, "slides.toml", "slide[1].caption.en"));
    CHECK(find_problem(again, "slides.toml", "slide[2].caption.en"));
    CHECK(find_problem(again, "figures.toml", "figure[1].label.en"));
    src.replace("slides.toml", "translation = \"pending\"", "translation = \"later\"");
    auto odd = src.load();
    const Diagnostic* p = find_problem(odd, "slides.toml", "slide[1].translation");
    REQUIRE(p);
    CHECK_THAT(p->message, Catch::Contains("pending"));
}

// A consultation whose English is to follow may leave a new article's questions untranslated as
// `questions.en = []`, the way an empty string stands for any other English: the kiosk pairs
// them with the Chinese, shown in its place.
TEST_CASE("a pending consultation may leave an article's English questions as an empty list",
          "[core][content][translation]") {
    ContentCopy src;
    const std::string file = "consultations/elderly-meals.toml";
    src.replace(file,
                "questions.en = [\"Is a discount of 2 to 5 yuan per meal about right?\", \"Besides the people listed, "
                "who else do you think should get a discount?\"]",
                "questions.en = []");
    auto without = src.load();
    CHECK(find_problem(without, file, "article[2].questions.en"));  // unmarked: still refused
    src.replace(file, "stage = \"collecting\"", "stage = \"collecting\"\ntranslation = \"pending\"");
    auto loaded = src.load();
    INFO(all_problems(loaded));
    REQUIRE(loaded.ok());
    const Consultation* c = loaded.content.find_consultation("elderly-meals");
    REQUIRE(c);
    CHECK(c->english_pending);
    REQUIRE(c->articles.size() > 1);
    REQUIRE(c->articles[1].questions.size() == 2);
    CHECK(c->articles[1].questions[0].en.empty());
    CHECK(c->articles[1].questions[1].shown_in(Lang::en) == c->articles[1].questions[1].zh);
}
