// The content editor attacked through its window (Xvfb, scripted): an edit saved while a publication
// is on its way must not slip into the version the operator confirmed, and a slide's one-line
// caption must not take a line break that the folder's check then refuses.
#include <catch2/catch.hpp>

#include "core/content/bundle.h"
#include "core/content/content_sources.h"
#include "core/storage/sqlite_db.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"

using namespace lianxin;
using namespace lianxin::test;

namespace {

// The bundle the hub holds as `version`, loaded from its store.
Result<LoadedBundle> published(const TempDir& dir, const std::string& version) {
    SqliteDb db((dir / "hub.db").string(), SqliteDb::Mode::read_only);
    auto st = db.prepare("SELECT bytes FROM bundles WHERE version = ?");
    st.bind(1, version);
    if (!st.step()) return Error{ErrorCode::not_found, "the hub holds no " + version};
    auto path = dir / "published.lxb";
    write_text(path, st.blob(0));
    return load_bundle(path, {});
}

}  // namespace

TEST_CASE("admin window: an edit saved while a publication runs is not in the version confirmed before it",
          "[gui][admin][editor]") {
    TempDir dir;
    HubProcess hub(dir);
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    const std::string later = "（稍后改的）";

    // Publish confirmed, then at once a title edited and saved while the worker reads the folder.
    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text Exhibits\ntap-text exhibit-futian\nwait 100\n";
    s += "tap-text Publish to kiosks\ntap-text Publish\n";
    s += "tap-text title.zh\nkey End\ntype " + later + "\ntap-text Save changes\n";
    // A shot settles (frames drawn until the preview has the new characters' glyphs): sync-wait alone
    // polls without drawing, so a preview whose fonts are rebuilding keeps it waiting for ever.
    s += "wait 3000\nshot saved-while-publishing\nsync-wait 30000\nshot after-publish\n";
    auto run = run_scripted(dir, editor_command(hub, content, "en"), s, "admin-editor-publish-race");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto publishes = run.all("publish");
    REQUIRE(publishes.size() == 1);
    std::string version = publishes[0]["version"];

    auto bundle = published(dir, version);
    REQUIRE(bundle.ok());
    const Exhibit* futian = bundle->content.find_exhibit("futian");
    REQUIRE(futian);
    INFO(futian->title.zh);
    // The version the operator confirmed is the folder as it was then; the later edit waits for
    // the next publication.
    CHECK(futian->title.zh.find(later) == std::string::npos);
}

TEST_CASE("admin window: a slide's caption takes no line break the folder's check refuses",
          "[gui][admin][editor]") {
    TempDir dir;
    HubProcess hub(dir);
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    // A caption is one line in slides.toml (the check refuses U+000A there), so its box must not
    // take a Return the operator presses in it as a line break that only the save then refuses.
    std::string s = "expect-screen edit\nsync-wait 20000\n";
    s += "tap-text slide-1\nwait 100\ntap-text caption.zh\nkey End\nkey Return\ntype 第二行\nwait 200\n";
    s += "tap-text Save changes\nwait 300\nshot caption\n";
    auto run = run_scripted(dir, editor_command(hub, content, "en"), s, "admin-editor-caption");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto loaded = load_content_sources(content);
    std::string problems;
    for (auto& p : loaded.problems) problems += p.to_string() + "\n";
    INFO(problems);
    CHECK(loaded.ok());
}
