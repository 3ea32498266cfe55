// Content bundles: build → load round trip of the demo content, signatures (right key, wrong
// key, missing, tampered), and refusal of files that are not intact bundles of this schema.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/base/files.h"
#include "core/content/bundle.h"
#include "core/storage/sqlite_db.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;

namespace {

// The demo sources, loaded once: every test builds its own bundle from them.
const SourceLoad& demo_sources() {
    static const SourceLoad load = load_content_sources(lianxin::test::demo_content_dir());
    return load;
}

void check_same(const LocalizedText& a, const LocalizedText& b, const std::string& what) {
    INFO(what);
    CHECK(a.zh == b.zh);
    CHECK(a.en == b.en);
}

void check_same_content(const ContentSet& a, const ContentSet& b) {
    CHECK(a.hall.id == b.hall.id);
    CHECK(a.hall.version == b.hall.version);
    check_same(a.hall.name, b.hall.name, "hall.name");
    check_same(a.hall.welcome, b.hall.welcome, "hall.welcome");
    check_same(a.hall.district, b.hall.district, "hall.district");

    REQUIRE(a.slides.size() == b.slides.size());
    for (std::size_t i = 0; i < a.slides.size(); ++i) {
        INFO("slide " << i);
        CHECK(a.slides[i].image == b.slides[i].image);
        check_same(a.slides[i].title, b.slides[i].title, "title");
        check_same(a.slides[i].caption, b.slides[i].caption, "caption");
    }
    REQUIRE(a.timeline.size() == b.timeline.size());
    for (std::size_t i = 0; i < a.timeline.size(); ++i) {
        INFO("event " << i);
        auto &x = a.timeline[i], &y = b.timeline[i];
        CHECK(x.year == y.year);
        check_same(x.year_label, y.year_label, "year_label");
        check_same(x.title, y.title, "title");
        check_same(x.text, y.text, "text");
        check_same(x.place, y.place, "place");
        CHECK(x.image == y.image);
        CHECK(x.exhibit == y.exhibit);
    }
    REQUIRE(a.sections.size() == b.sections.size());
    for (std::size_t i = 0; i < a.sections.size(); ++i) {
        INFO("section " << i);
        CHECK(a.sections[i].id == b.sections[i].id);
        check_same(a.sections[i].title, b.sections[i].title, "title");
        check_same(a.sections[i].intro, b.sections[i].intro, "intro");
        CHECK(a.sections[i].image == b.sections[i].image);
    }
    REQUIRE(a.exhibits.size() == b.exhibits.size());
    for (std::size_t i = 0; i < a.exhibits.size(); ++i) {
        auto &x = a.exhibits[i], &y = b.exhibits[i];
        INFO("exhibit " << x.id);
        CHECK(x.id == y.id);
        CHECK(x.section == y.section);
        CHECK(x.order == y.order);
        check_same(x.title, y.title, "title");
        check_same(x.subtitle, y.subtitle, "subtitle");
        check_same(x.place, y.place, "place");
        CHECK(x.year == y.year);
        CHECK(x.image == y.image);
        check_same(x.body, y.body, "body");
    }
    REQUIRE(a.figures.size() == b.figures.size());
    for (std::size_t i = 0; i < a.figures.size(); ++i) {
        INFO("figure " << i);
        CHECK(a.figures[i].value == b.figures[i].value);
        check_same(a.figures[i].unit, b.figures[i].unit, "unit");
        check_same(a.figures[i].label, b.figures[i].label, "label");
        CHECK(a.figures[i].exhibit == b.figures[i].exhibit);
    }
    CHECK(a.all_text() == b.all_text());
}

// A signed demo bundle in a fresh folder.
struct BuiltBundle {
    TempDir tmp;
    SecretKey key = generate_key();
    fs::path path = tmp.path() / "demo.lxb";
    fs::path sig = tmp.path() / "demo.lxb.sig";

    explicit BuiltBundle(bool sign = true) {
        REQUIRE(demo_sources().ok());
        auto st = write_bundle(demo_sources(), path, sign ? &key : nullptr);
        INFO((st ? std::string() : st.error().detail));
        REQUIRE(st.ok());
    }
    std::string bytes() const { return lianxin::test::read_text(path); }
    void overwrite(const std::string& bytes) const { lianxin::test::write_text(path, bytes); }
};

std::string detail_of(const Result<LoadedBundle>& r) { return r ? std::string("(loaded)") : r.error().detail; }

}  // namespace

TEST_CASE("a bundle built from the demo sources loads back with every field equal", "[core][bundle]") {
    BuiltBundle b;
    CHECK(fs::exists(b.sig));
    CHECK_FALSE(fs::exists(b.path.string() + ".building"));

    auto loaded = load_bundle(b.path, {b.key.pub});
    INFO(detail_of(loaded));
    REQUIRE(loaded.ok());
    check_same_content(demo_sources().content, loaded->content);

    CHECK(loaded->path == b.path);
    CHECK(loaded->info.content_id == "jinjiang-demo");
    CHECK(loaded->info.content_version == "2026.11.1");
    CHECK(loaded->info.signed_by == b.key.pub.id);
    // built_at is a UTC timestamp such as 2026-11-01T08:30:00Z.
    REQUIRE(loaded->info.built_at.size() == 20);
    CHECK(loaded->info.built_at[4] == '-');
    CHECK(loaded->info.built_at[10] == 'T');
    CHECK(loaded->info.built_at.back() == 'Z');

    // Every image's size is listed, and its bytes come back unchanged.
    auto& media = demo_sources().media;
    CHECK(loaded->media_sizes.size() == media.size());
    auto reader = BundleMedia::open(b.path);
    REQUIRE(reader.ok());
    for (auto& [name, item] : media) {
        INFO(name);
        REQUIRE(loaded->media_sizes.count(name) == 1);
        CHECK(loaded->media_sizes.at(name) == std::pair{item.width, item.height});
        auto bytes = (*reader)->bytes(name);
        REQUIRE(bytes.ok());
        CHECK(bytes.value() == item.bytes);
    }
    auto missing = (*reader)->bytes("images/not-there.png");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK(missing.error().detail == "no media 'images/not-there.png' in the bundle");
    // Every image the content names is in the bundle.
    for (auto& s : loaded->content.slides) CHECK(loaded->media_sizes.count(s.image) == 1);
    for (auto& s : loaded->content.sections) CHECK(loaded->media_sizes.count(s.image) == 1);
}

TEST_CASE("a bundle file is a SQLite database with the documented identity", "[core][bundle]") {
    BuiltBundle b;
    SqliteDb db(b.path.string(), SqliteDb::Mode::read_only);
    CHECK(db.pragma_int("application_id") == kBundleApplicationId);
    CHECK(db.pragma_int("user_version") == kBundleSchema);
    auto st = db.prepare("SELECT value FROM meta WHERE key = 'format'");
    REQUIRE(st.step());
    CHECK(st.text(0) == "lianxin-bundle");
}

TEST_CASE("an unsigned bundle loads when no keys are trusted and is refused when some are", "[core][bundle]") {
    BuiltBundle signed_first;  // a stale .sig from an earlier signed build must not survive
    REQUIRE(fs::exists(signed_first.sig));
    REQUIRE(write_bundle(demo_sources(), signed_first.path, nullptr).ok());
    CHECK_FALSE(fs::exists(signed_first.sig));

    auto open = load_bundle(signed_first.path, {});
    INFO(detail_of(open));
    REQUIRE(open.ok());
    CHECK(open->info.signed_by.empty());

    auto refused = load_bundle(signed_first.path, {signed_first.key.pub});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::bad_signature);
    CHECK_THAT(refused.error().detail, Catch::Contains("has no signature file"));
}

TEST_CASE("a bundle signed by a key that is not trusted is refused", "[core][bundle]") {
    BuiltBundle b;
    auto other = generate_key();
    auto r = load_bundle(b.path, {other.pub});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::bad_signature);
    CHECK_THAT(r.error().detail,
               Catch::Contains("signed by key " + b.key.pub.id + ", which is not a trusted publisher key"));
    // Trusting both keys accepts it.
    CHECK(load_bundle(b.path, {other.pub, b.key.pub}).ok());
}

TEST_CASE("a trusted key id with the wrong key bytes does not verify", "[core][bundle]") {
    BuiltBundle b;
    PublicKey impostor = generate_key().pub;
    impostor.id = b.key.pub.id;  // same id, different key
    auto r = load_bundle(b.path, {impostor});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::bad_signature);
    CHECK_THAT(r.error().detail, Catch::Contains("does not match the data"));
}

TEST_CASE("a bundle whose signature file is missing or garbled is refused", "[core][bundle]") {
    BuiltBundle b;
    SECTION("missing") {
        fs::remove(b.sig);
        auto r = load_bundle(b.path, {b.key.pub});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::bad_signature);
        CHECK_THAT(r.error().detail, Catch::Contains("has no signature file"));
    }
    SECTION("garbled") {
        lianxin::test::write_text(b.sig, b.key.pub.id + " not-base64!!\n");
        auto r = load_bundle(b.path, {b.key.pub});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::bad_signature);
        CHECK_THAT(r.error().detail, Catch::Contains("signature is malformed"));
    }
    SECTION("empty") {
        lianxin::test::write_text(b.sig, "");
        auto r = load_bundle(b.path, {b.key.pub});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::bad_signature);
    }
}

TEST_CASE("one flipped byte in a signed bundle is refused", "[core][bundle]") {
    BuiltBundle b;
    auto bytes = b.bytes();
    for (std::size_t at : {std::size_t{200}, bytes.size() / 2, bytes.size() - 1}) {
        INFO("byte " << at);
        auto damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
        b.overwrite(damaged);
        auto r = load_bundle(b.path, {b.key.pub});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::bad_signature);
        CHECK_THAT(r.error().detail, Catch::Contains("does not match the data"));
    }
    b.overwrite(bytes);
    CHECK(load_bundle(b.path, {b.key.pub}).ok());
}

TEST_CASE("a truncated bundle is refused without a signature check, never a crash", "[core][bundle]") {
    BuiltBundle b(false);
    auto bytes = b.bytes();
    REQUIRE(bytes.size() > 3 * 8192);
    for (std::size_t keep : {std::size_t{0}, std::size_t{16}, std::size_t{99}, std::size_t{100}, std::size_t{4096},
                             std::size_t{8192}, bytes.size() / 2, bytes.size() - 8192, bytes.size() - 1}) {
        INFO("kept " << keep << " of " << bytes.size() << " bytes");
        b.overwrite(bytes.substr(0, keep));
        auto r = load_bundle(b.path, {});
        INFO(detail_of(r));
        REQUIRE_FALSE(r.ok());
        CHECK((r.error().code == ErrorCode::corrupt || r.error().code == ErrorCode::not_a_bundle));
        CHECK_THAT(r.error().detail, Catch::Contains(b.path.string()));
    }
}

TEST_CASE("a plain text file is not a bundle", "[core][bundle]") {
    TempDir tmp;
    auto path = tmp / "notes.lxb";
    lianxin::test::write_text(path, std::string(500, 'x') + "\nthis is a text file, not a content bundle\n");
    auto r = load_bundle(path, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::not_a_bundle);
    CHECK(r.error().detail == path.string() + " is not a content bundle (not a SQLite database)");
}

TEST_CASE("a missing bundle file is an io error", "[core][bundle]") {
    TempDir tmp;
    auto r = load_bundle(tmp / "none.lxb", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::io);
    CHECK_THAT(r.error().detail, Catch::StartsWith("content bundle "));
}

TEST_CASE("a SQLite database that is not a bundle is refused", "[core][bundle]") {
    TempDir tmp;
    auto path = tmp / "other.db";
    {
        SqliteDb db(path.string(), SqliteDb::Mode::read_write_create);
        db.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('format','lianxin-bundle');");
    }
    auto r = load_bundle(path, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::not_a_bundle);
    CHECK(r.error().detail == path.string() + " is a SQLite database but not a Lianxin content bundle");
}

TEST_CASE("a bundle of another schema version is refused", "[core][bundle]") {
    BuiltBundle b;
    {
        SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
        db.exec("PRAGMA user_version=" + std::to_string(kBundleSchema + 1));
    }
    auto r = load_bundle(b.path, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::bad_schema);
    CHECK(r.error().detail == b.path.string() + " has bundle schema " + std::to_string(kBundleSchema + 1) +
                                  "; this kiosk reads schema " + std::to_string(kBundleSchema));
}

TEST_CASE("a bundle with the right identity but wrong tables is refused as corrupt", "[core][bundle]") {
    BuiltBundle b;
    SECTION("meta.format changed") {
        {
            SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
            db.exec("UPDATE meta SET value = 'something-else' WHERE key = 'format'");
        }
        auto r = load_bundle(b.path, {});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("meta.format is not lianxin-bundle"));
    }
    SECTION("a table missing") {
        {
            SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
            db.exec("DROP TABLE exhibits");
        }
        auto r = load_bundle(b.path, {});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("exhibits"));
    }
    SECTION("no slides") {
        {
            SqliteDb db(b.path.string(), SqliteDb::Mode::read_write_create);
            db.exec("DELETE FROM slides");
        }
        auto r = load_bundle(b.path, {});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::corrupt);
        CHECK_THAT(r.error().detail, Catch::Contains("holds no slides or sections"));
    }
}

TEST_CASE("write_bundle refuses sources with problems and writes nothing", "[core][bundle]") {
    TempDir tmp;
    auto dir = tmp / "content";
    lianxin::test::copy_tree(lianxin::test::demo_content_dir(), dir);
    fs::remove(dir / "hall.toml");
    fs::remove(dir / "exhibits/futian.en.md");
    auto broken = load_content_sources(dir);
    REQUIRE(broken.problems.size() == 2);

    auto key = generate_key();
    auto out = tmp / "out.lxb";
    auto st = write_bundle(broken, out, &key);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::invalid_input);
    CHECK(st.error().detail == "the sources have 2 problems; run 'content check' and fix them first");
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(tmp / "out.lxb.sig"));
    CHECK_FALSE(fs::exists(tmp / "out.lxb.building"));
}

TEST_CASE("write_bundle into a folder that does not exist fails cleanly", "[core][bundle]") {
    TempDir tmp;
    auto out = tmp / "no-such-folder" / "out.lxb";
    auto st = write_bundle(demo_sources(), out, nullptr);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::database);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a failed rebuild leaves the previous bundle in place", "[core][bundle]") {
    BuiltBundle b;
    auto before = b.bytes();
    SourceLoad broken = demo_sources();
    broken.problems.push_back(Diagnostic{"hall.toml", 3, "name.en", "is empty"});
    REQUIRE_FALSE(write_bundle(broken, b.path, &b.key).ok());
    CHECK(b.bytes() == before);
    CHECK(load_bundle(b.path, {b.key.pub}).ok());
}
