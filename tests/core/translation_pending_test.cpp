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
