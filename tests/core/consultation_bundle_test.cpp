// Consultations in content bundles (schema 2): read back field by field, own stages kept, halls
// without consultations; schema-1 bundles and broken consultation rows refused.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "core/content/bundle.h"
#include "core/storage/sqlite_db.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;

namespace {

void check_same(const LocalizedText& a, const LocalizedText& b, const std::string& what) {
    INFO(what);
    CHECK(a.zh == b.zh);
    CHECK(a.en == b.en);
}

void check_same_consultations(const std::vector<Consultation>& a,
                              const std::vector<Consultation>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto &x = a[i], &y = b[i];
        INFO("consultation " << x.id);
        CHECK(x.id == y.id);
        CHECK(x.order == y.order);
        check_same(x.title, y.title, "title");
        check_same(x.summary, y.summary, "summary");
        CHECK(x.deadline == y.deadline);
        CHECK(x.stage_id == y.stage_id);
        REQUIRE(x.stages.size() == y.stages.size());
        for (std::size_t k = 0; k < x.stages.size(); ++k) {
            CHECK(x.stages[k].id == y.stages[k].id);
            check_same(x.stages[k].name, y.stages[k].name, "stage " + x.stages[k].id);
        }
        REQUIRE(x.articles.size() == y.articles.size());
        for (std::size_t k = 0; k < x.articles.size(); ++k) {
            auto &p = x.articles[k], &q = y.articles[k];
            INFO("article " << p.number);
            CHECK(p.number == q.number);
            check_same(p.title, q.title, "title");
            check_same(p.text, q.text, "text");
            check_same(p.plain, q.plain, "plain");
            REQUIRE(p.questions.size() == q.questions.size());
            for (std::size_t n = 0; n < p.questions.size(); ++n)
                check_same(p.questions[n], q.questions[n], "question");
        }
    }
}

struct Built {
    TempDir tmp;
    fs::path content = tmp.path() / "content";
    fs::path path = tmp.path() / "hall.lxb";
    SourceLoad sources;

    // `edit` may change the copied sources before they are loaded.
    template <class Edit>
    explicit Built(Edit edit) {
        lianxin::test::copy_tree(lianxin::test::demo_content_dir(), content);
        edit(content);
        sources = load_content_sources(content);
        REQUIRE(sources.ok());
        auto st = write_bundle(sources, path, nullptr);
        INFO((st ? std::string() : st.error().detail));
        REQUIRE(st.ok());
    }
    Built() : Built([](const fs::path&) {}) {}
};

}  // namespace

TEST_CASE("consultations survive a bundle round trip with every field equal",
          "[core][consultation][bundle]") {
    Built b;
    REQUIRE(b.sources.content.consultations.size() == 2);
    auto loaded = load_bundle(b.path, {});
    INFO((loaded ? std::string() : loaded.error().detail));
    REQUIRE(loaded.ok());
    check_same_consultations(b.sources.content.consultations, loaded->content.consultations);
    CHECK(loaded->content.all_text() == b.sources.content.all_text());
    auto* p = loaded->content.find_consultation("property-rules");
    REQUIRE(p != nullptr);
    CHECK(p->deadline == LocalDate{2027, 1, 31});
    CHECK(p->is_collecting());
    CHECK(p->articles.size() == 7);
}

TEST_CASE("the bundle holds consultations in their own tables", "[core][consultation][bundle]") {
    Built b;
    SqliteDb db(b.path.string(), SqliteDb::Mode::read_only);
    CHECK(db.pragma_int("user_version") == 2);
    CHECK(kBundleSchema == 2);
    auto count = [&](const std::string& table) {
        auto st = db.prepare("SELECT count(*) FROM " + table);
        REQUIRE(st.step());
        return st.integer(0);
    };
    CHECK(count("consultations") == 2);
    CHECK(count("consultation_stages") == 16);
    CHECK(count("articles") == 12);
    std::int64_t questions = 0;
    for (auto& c : b.sources.content.consultations)
        for (auto& a : c.articles) questions += static_cast<std::int64_t>(a.questions.size());
    CHECK(count("article_questions") == questions);
    auto st = db.prepare("SELECT deadline, stage FROM consultations WHERE id = 'elderly-meals'");
    REQUIRE(st.step());
    CHECK(st.text(0) == "2027-03-15");
    CHECK(st.text(1) == "collecting");
}

TEST_CASE("a consultation's own stages survive a bundle round trip",
          "[core][consultation][bundle]") {
    Built b([](const fs::path& dir) {
        auto file = dir / "consultations/elderly-meals.toml";
        auto text = lianxin::test::read_text(file);
        auto pos = text.find("stage = \"collecting\"\n");
        REQUIRE(pos != std::string::npos);
        text.replace(pos, std::string("stage = \"collecting\"\n").size(),
                     "stage = \"open\"\n[[stages]]\nid = \"open\"\nname.zh = \"开放征集\"\nname.en "
                     "= \"Open\"\n"
                     "[[stages]]\nid = \"closed\"\nname.zh = \"已截止\"\nname.en = \"Closed\"\n");
        lianxin::test::write_text(file, text);
    });
    auto loaded = load_bundle(b.path, {});
    REQUIRE(loaded.ok());
    check_same_consultations(b.sources.content.consultations, loaded->content.consultations);
    auto* m = loaded->content.find_consultation("elderly-meals");
    REQUIRE(m != nullptr);
    REQUIRE(m->stages.size() == 2);
    CHECK(m->current_stage()->name.zh == "开放征集");
}

TEST_CASE("a hall without consultations builds and loads", "[core][consultation][bundle]") {
    Built b([](const fs::path& dir) { fs::remove_all(dir / "consultations"); });
    auto loaded = load_bundle(b.path, {});
    REQUIRE(loaded.ok());
    CHECK(loaded->content.consultations.empty());
    CHECK_FALSE(loaded->content.exhibits.empty());
}

TEST_CASE("a schema-1 bundle (before consultations) is refused as bad_schema",
          "[core][consultation][bundle]") {
    Built b;
    {
        SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
        db.exec(
            "DROP TABLE consultations; DROP TABLE consultation_stages; DROP TABLE articles; "
            "DROP TABLE article_questions; PRAGMA user_version=1;");
    }
    auto r = load_bundle(b.path, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::bad_schema);
    CHECK(r.error().detail == b.path.string() + " has bundle schema 1; this kiosk reads schema 2");
}

TEST_CASE("a bundle with a broken consultation is refused as corrupt",
          "[core][consultation][bundle]") {
    Built b;
    std::string sql, expect;
    SECTION("a deadline that is not a date") {
        sql = "UPDATE consultations SET deadline = '2027-02-30' WHERE id = 'elderly-meals'";
        expect = "consultation 'elderly-meals' has deadline '2027-02-30', which is not a date";
    }
    SECTION("no stages") {
        sql = "DELETE FROM consultation_stages WHERE consultation = 'property-rules'";
        expect = "consultation 'property-rules' has no stages";
    }
    SECTION("the articles table missing") {
        sql = "DROP TABLE articles";
        expect = "articles";
    }
    {
        SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
        db.exec(sql);
    }
    auto r = load_bundle(b.path, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::corrupt);
    CHECK_THAT(r.error().detail, Catch::Contains(expect));
}
