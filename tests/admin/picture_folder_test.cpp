// What the editor's "choose a picture" dialog lists of a folder and where it starts
// (admin-tool/ops/picture_folder.h), on real folders.
#include <catch2/catch.hpp>

#include "admin-tool/ops/picture_folder.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using namespace lianxin::admin;
using lianxin::test::TempDir;
using lianxin::test::write_text;
namespace fs = std::filesystem;

TEST_CASE("the picture dialog lists folders first, then PNG and JPEG files, and says why a folder cannot be opened",
          "[admin][editor]") {
    TempDir dir;
    fs::create_directories(dir / "b-folder");
    fs::create_directories(dir / "a-folder");
    fs::create_directories(dir / ".cache");
    fs::create_directories(dir / "looks-like.png");  // a folder, whatever its name says
    for (const char* name : {"z.PNG", "m.jpeg", "a.jpg", "doc.pdf", ".x.png", "noext"}) write_text(dir / name, "x");
    fs::create_symlink(dir / "a.jpg", dir / "link.jpg");  // a link to a picture is offered
    fs::create_symlink(dir / "gone.jpg", dir / "dangling.jpg");  // one to nothing is not
    std::string why;
    auto entries = list_picture_folder(dir.path(), why);
    REQUIRE(entries);
    std::vector<std::string> names;
    for (auto& e : *entries) names.push_back(e.name + (e.folder ? "/" : ""));
    CHECK(names == std::vector<std::string>{"a-folder/", "b-folder/", "looks-like.png/", "a.jpg", "link.jpg", "m.jpeg",
                                            "z.PNG"});
    CHECK_FALSE(list_picture_folder(dir / "none", why));
    CHECK_FALSE(why.empty());
    CHECK_FALSE(list_picture_folder(dir / "a.jpg", why));  // a file is not a folder
}

TEST_CASE("the picture dialog starts in the desktop's Pictures folder, else at home", "[admin][editor]") {
    TempDir home;
    CHECK(pictures_folder(home.path()) == home.path());
    fs::create_directories(home / "Pictures");
    CHECK(pictures_folder(home.path()) == home / "Pictures");
    fs::create_directories(home / "图片");
    CHECK(pictures_folder(home.path()) == home / "图片");
    // The desktop's own setting wins, written with $HOME or as a full path.
    fs::create_directories(home / "照片" / "2026");
    write_text(home / ".config" / "user-dirs.dirs", "# written by xdg-user-dirs-update\nXDG_PICTURES_DIR=\"$HOME/照片/2026\"\n");
    CHECK(pictures_folder(home.path()) == home / "照片" / "2026");
    write_text(home / ".config" / "user-dirs.dirs", "XDG_PICTURES_DIR=\"" + (home / "照片").string() + "\"\n");
    CHECK(pictures_folder(home.path()) == home / "照片");
    // One that names no folder here is passed over.
    write_text(home / ".config" / "user-dirs.dirs", "XDG_PICTURES_DIR=\"$HOME/nowhere\"\nXDG_PICTURES_DIR=\"\n");
    CHECK(pictures_folder(home.path()) == home / "图片");
}
