// The admin window's content editor driven by a script under Xvfb: a title typed in Chinese is in
// the kiosk's own screen (the preview) at once, saved to the source files, published to a real
// lianxin-hub on loopback, and a kiosk syncing with that hub swaps the new content in.
#include <catch2/catch.hpp>

#include "core/content/bundle.h"
#include "core/content/content_sources.h"
#include "tests/gui/hub_process.h"
#include "tests/gui/kiosk_run.h"
#include "tests/support/crafted_images.h"

using namespace lianxin;
using namespace lianxin::test;


TEST_CASE("admin window: a title typed in the editor is in the kiosk's screen at once, saved, published and shown by a kiosk",
          "[gui][admin][editor]") {
    TempDir dir;
    HubProcess hub(dir);
    register_demo_kiosk(hub, dir);
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    const std::string added = "：居民的直通车";

    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text 展项\ntap-text exhibit-futian\nwait 200\n";
    s += "tap-text title.zh\nkey End\ntype " + added + "\nwait 200\nshot editor-typed-zh\n";
    s += "tap-text 竖屏\nwait 100\nshot editor-portrait-zh\n";
    s += "tap-text 发布到一体机\ntap-text 发布\nsync-wait 30000\nwait 300\nshot editor-published-zh\n";
    auto run = run_scripted(dir, editor_command(hub, content, "zh"), s, "admin-editor-zh");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);

    // The preview: the kiosk's exhibit screen said the new title, a frame or so after the keys.
    auto previews = run.all("preview");
    REQUIRE_FALSE(previews.empty());
    std::string said;
    for (auto& t : previews.back()["landscape"]) said += t.get<std::string>();  // lines of one title joined
    auto loaded = load_content_sources(content);
    INFO(said);
    const Exhibit* futian = loaded.content.find_exhibit("futian");
    REQUIRE(futian);
    CHECK(futian->title.zh.size() > added.size());
    CHECK(futian->title.zh.substr(futian->title.zh.size() - added.size()) == added);
    CHECK(said.find(added.substr(3)) != std::string::npos);  // the title, wrapped or whole, holds it
    CHECK(previews.back()["faults"] == 0);
    for (auto& p : previews) CHECK(p["delay_ms"].get<double>() < 2000);  // measured in bench/, not judged here

    // Saved to the sources, which still pass every check; the version is today's first.
    INFO(([&] {
        std::string all;
        for (auto& p : loaded.problems) all += p.to_string() + "\n";
        return all;
    }()));
    CHECK(loaded.ok());
    std::string version = loaded.content.hall.version;
    CHECK(version.size() == 12);  // YYYY.MM.DD.1
    CHECK(version.substr(10) == ".1");

    // Published: the hub lists the version, and a kiosk syncing with it swaps the content in.
    auto history = hub.admin("content history");
    INFO(history.output);
    CHECK(history.output.find(version) != std::string::npos);
    auto kiosk = run_kiosk(dir, "sync-wait 30000\nwait 1000\nsync-wait 30000\nwait 1000\nshot attract\n", 1920, 1080,
                           kiosk_config_for(dir, hub), "editor-kiosk");
    INFO(kiosk.output);
    REQUIRE(kiosk.exit_code == 0);
    auto swapped = kiosk.all("content_swapped");
    REQUIRE(swapped.size() == 1);
    CHECK(swapped[0]["to"] == version);
    auto bundle = load_bundle(dir / "data" / "bundles" / (version + ".lxb"), {});
    REQUIRE(bundle.ok());
    REQUIRE(bundle->content.find_exhibit("futian"));
    CHECK(bundle->content.find_exhibit("futian")->title.zh == futian->title.zh);
}

TEST_CASE("admin window: an image given by its path becomes the exhibit's, smaller, and a broken one is refused at once",
          "[gui][admin][editor]") {
    TempDir dir;
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    auto photo = dir / "Big Photo.jpg";
    write_text(photo, noise_jpeg(4000, 3000));
    write_text(dir / "broken.png", "not an image at all");

    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text 展项\ntap-text exhibit-futian\nwait 200\n";
    s += "tap-text image-path\ntype " + (dir / "broken.png").string() + "\nkey Return\nwait 100\nshot editor-image-refused\n";
    s += "tap-text image-path\nkey End\n";
    for (int i = 0; i < 40; ++i) s += "key BackSpace\n";
    s += "type " + photo.string() + "\ntap-text 换成这张图片\nwait 300\nshot editor-image-added\n";
    s += "tap-text 保存修改\nwait 100\n";
    // No hub: the editor works on the folder alone.
    auto run = run_scripted(dir, std::string(LIANXIN_ADMIN) + " gui --windowed 1600x1000 --lang zh --view edit --content " +
                                     content.string(), s, "admin-editor-image");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto loaded = load_content_sources(content);
    REQUIRE(loaded.ok());
    const Exhibit* futian = loaded.content.find_exhibit("futian");
    REQUIRE(futian);
    CHECK(futian->image == "images/big-photo.jpg");
    REQUIRE(loaded.media.count("images/big-photo.jpg"));
    CHECK(loaded.media.at("images/big-photo.jpg").width == 2048);
    CHECK(loaded.media.at("images/big-photo.jpg").height == 1536);
    CHECK_FALSE(std::filesystem::exists(content / "images" / "broken.png"));
}

TEST_CASE("admin window: a picture chosen in the dialog, from the Pictures folder down a subfolder, becomes the exhibit's",
          "[gui][admin][editor]") {
    TempDir dir;
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    // The operator's home: a Chinese desktop's 图片 folder, a subfolder, a photo, and what the
    // dialog leaves out (a text file, a hidden picture).
    auto pictures = dir / "home" / "图片";
    std::filesystem::create_directories(pictures / "街道活动");
    write_text(pictures / "街道活动" / "Liaison Day.jpg", noise_jpeg(1200, 800));
    write_text(pictures / "街道活动" / "notes.txt", "not a picture");
    write_text(pictures / "街道活动" / ".hidden.jpg", noise_jpeg(10, 10));

    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text 展项\ntap-text exhibit-futian\nwait 200\n";
    s += "tap-text choose-image\nwait 200\nshot chooser-home\ntap-text 街道活动\nwait 200\nshot chooser-folder\n";
    s += "tap-text Liaison Day.jpg\nwait 300\nshot chooser-picked\ntap-text 保存修改\nwait 100\n";
    auto run = run_scripted(dir, "env HOME=" + (dir / "home").string() + " " + LIANXIN_ADMIN +
                                     " gui --windowed 1600x1000 --lang zh --view edit --content " + content.string(),
                            s, "admin-editor-chooser");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto loaded = load_content_sources(content);
    REQUIRE(loaded.ok());
    const Exhibit* futian = loaded.content.find_exhibit("futian");
    REQUIRE(futian);
    CHECK(futian->image == "images/liaison-day.jpg");
    REQUIRE(loaded.media.count("images/liaison-day.jpg"));
    CHECK(loaded.media.at("images/liaison-day.jpg").width == 1200);
    // Nothing but the picture was taken.
    CHECK_FALSE(std::filesystem::exists(content / "images" / "notes.txt"));
}

TEST_CASE("admin window: a new exhibit is written from empty fields that ask to be filled, and deleted after a question",
          "[gui][admin][editor]") {
    TempDir dir;
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    auto before = load_content_sources(content);
    REQUIRE(before.ok());
    std::string id = "exhibit-" + std::to_string(before.content.exhibits.size() + 1);

    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text 展项\ntap-text ＋ 新增展项\nwait 200\nshot editor-new-exhibit\n";
    for (auto [field, text] : {std::pair{"title.zh", "社区议事厅"}, std::pair{"title.en", "The neighbourhood council room"},
                               std::pair{"subtitle.zh", "大家的事大家商量"}, std::pair{"subtitle.en", "Where neighbours decide together"},
                               std::pair{"body.zh", "每月第一个周六，居民在这里商量小区的事。"},
                               std::pair{"body.en", "On the first Saturday of each month, residents meet here."}})
        s += std::string("tap-text ") + field + "\ntype " + text + "\n";
    s += "wait 200\nshot editor-new-exhibit-filled\ntap-text 保存修改\nwait 100\n";
    // Then taken out again: asked first, then gone with its files.
    s += "tap-text 删除这一项\nwait 100\nshot editor-remove-question\ntap-text 删除\ntap-text 保存修改\nwait 100\n";
    auto run = run_scripted(dir, std::string(LIANXIN_ADMIN) + " gui --windowed 1600x1000 --lang zh --view edit --content " +
                                     content.string(), s, "admin-editor-new");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto saves = run.all("saved");
    REQUIRE(saves.size() == 2);
    CHECK(saves[0]["problems"] == 0);  // every field it asked for was filled: a clean folder
    bool wrote = false;
    for (auto& f : saves[0]["files"]) wrote = wrote || f == "exhibits/" + id + ".toml";
    CHECK(wrote);
    CHECK_FALSE(std::filesystem::exists(content / "exhibits" / (id + ".toml")));
    auto after = load_content_sources(content);
    CHECK(after.ok());
    CHECK(after.content.exhibits.size() == before.content.exhibits.size());
}

namespace {

// The editor in English on `content` running `script`, which ends by saving once: what the
// kiosk preview showed last (one text a line), its layout faults, and the problems of the save.
struct EditedInEnglish {
    std::string said;
    int faults = -1, problems = -1;
};

EditedInEnglish edit_in_english(const TempDir& dir, const std::filesystem::path& content, const std::string& script,
                                const std::string& keep_as) {
    auto run = run_scripted(dir, std::string(LIANXIN_ADMIN) + " gui --windowed 1600x1000 --lang en --view edit --content " +
                                     content.string(), script, keep_as);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    auto previews = run.all("preview");
    REQUIRE_FALSE(previews.empty());
    EditedInEnglish out;
    for (auto& t : previews.back()["landscape"]) out.said += t.get<std::string>() + "\n";
    out.faults = previews.back()["faults"].get<int>();
    auto saves = run.all("saved");
    REQUIRE(saves.size() == 1);
    out.problems = saves[0]["problems"].get<int>();
    return out;
}

}  // namespace

TEST_CASE("admin window: an exhibit marked English-to-follow shows its Chinese with a note on the English kiosk",
          "[gui][admin][editor][translation]") {
    TempDir dir;
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    // In English: the preview follows the window's language.
    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text Exhibits\ntap-text exhibit-futian\nwait 200\n";
    s += "tap-text english-pending\ntap-text title.en\nkey ctrl+a\nkey BackSpace\nwait 300\nshot editor-pending-en\n";
    s += "tap-text Save changes\nwait 100\n";
    auto edited = edit_in_english(dir, content, s, "admin-editor-pending");
    INFO(edited.said);
    CHECK(edited.said.find("福田：立法征询送到家门口") != std::string::npos);  // the Chinese title, not a blank
    CHECK(edited.said.find("The English translation is on its way") != std::string::npos);
    CHECK(edited.faults == 0);
    CHECK(edited.problems == 0);  // publishable as it is
    auto loaded = load_content_sources(content);
    REQUIRE(loaded.ok());
    CHECK(loaded.content.find_exhibit("futian")->english_pending);
    CHECK(loaded.content.find_exhibit("futian")->title.en.empty());
}

TEST_CASE("admin window: a draft's article marked English-to-follow shows its Chinese with a note on the English kiosk",
          "[gui][admin][editor][translation]") {
    TempDir dir;
    auto content = dir / "content";
    copy_tree(demo_content_dir(), content);
    auto before = load_content_sources(content);
    REQUIRE(before.ok());
    REQUIRE(!before.content.consultations.empty());
    const Consultation& c = before.content.consultations.front();
    REQUIRE(c.articles.size() > 1);
    const Article& a = c.articles[1];
    std::string s = "expect-screen edit\nsync-wait 20000\ntap-text consultation-" + c.id + "\ntap-text article-" +
                    std::to_string(a.number) + "\nwait 200\n";
    s += "tap-text english-pending\ntap-text text.en\nkey ctrl+a\nkey BackSpace\nwait 300\nshot article-pending-en\n";
    s += "tap-text Save changes\nwait 100\n";
    auto edited = edit_in_english(dir, content, s, "admin-editor-article-pending");
    INFO(edited.said);
    CHECK(edited.said.find("The English translation is on its way: shown in Chinese for now.") != std::string::npos);
    CHECK(edited.said.find(a.text.zh.substr(0, 12)) != std::string::npos);  // the Chinese text, not a blank
    CHECK(edited.faults == 0);
    CHECK(edited.problems == 0);
    auto loaded = load_content_sources(content);
    REQUIRE(loaded.ok());
    const Consultation* back = loaded.content.find_consultation(c.id);
    REQUIRE(back);
    CHECK(back->english_pending);
    CHECK(back->articles[1].text.en.empty());
    CHECK(back->articles[0].text.en == c.articles[0].text.en);
}
