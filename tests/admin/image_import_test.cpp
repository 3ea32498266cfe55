// Images added from the desktop (admin-tool/ops/image_import.h): kept when the kiosk can take
// them, made smaller when they are photos too large, refused with nothing written when they are
// not images, are damaged, or would cost too much to open.
#include "admin-tool/ops/image_import.h"

#include <catch2/catch.hpp>

#include "core/image/image_decode.h"
#include "tests/support/crafted_images.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using namespace lianxin::admin;
using namespace lianxin::test;

namespace {

std::size_t files_in(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("an image the kiosk can take is copied as it is, under a plain name of its own", "[admin][image]") {
    TempDir tmp;
    auto content = tmp / "content";
    auto src = tmp / "社区 Photo (1).PNG";
    std::string png = noise_png(640, 480);
    write_text(src, png);
    auto first = import_image(content, src);
    REQUIRE(first.ok());
    CHECK(first->media_name == "images/photo-1.png");
    CHECK_FALSE(first->resized);
    CHECK(first->item.width == 640);
    CHECK(read_text(content / first->media_name) == png);
    // The same file again: a second name, the first untouched.
    auto second = import_image(content, src);
    REQUIRE(second.ok());
    CHECK(second->media_name == "images/photo-1-2.png");
    CHECK(files_in(content / "images") == 2);
}

TEST_CASE("a photo larger than a kiosk needs is made smaller and stays a JPEG", "[admin][image]") {
    TempDir tmp;
    auto src = tmp / "hall.jpg";
    write_text(src, noise_jpeg(5000, 1250));
    auto r = import_image(tmp / "content", src);
    REQUIRE(r.ok());
    CHECK(r->resized);
    CHECK(r->source_width == 5000);
    CHECK(r->item.width == kImportedImageMaxSide);
    CHECK(r->item.height == 512);
    CHECK(r->media_name == "images/hall.jpg");
    auto bytes = read_text(tmp / "content" / r->media_name);
    CHECK(static_cast<unsigned char>(bytes[0]) == 0xFF);
    CHECK(check_image(bytes).ok());  // by the kiosk's own limits
}

TEST_CASE("a file that is not an image, a damaged one or a bomb is refused and nothing is written", "[admin][image]") {
    TempDir tmp;
    auto content = tmp / "content";
    auto refused = [&](const std::string& name, const std::string& bytes, ErrorCode code) {
        write_text(tmp / name, bytes);
        auto r = import_image(content, tmp / name);
        INFO(name);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == code);
        CHECK(files_in(content / "images") == 0);
    };
    refused("notes.png", "these are notes, not a picture", ErrorCode::invalid_image);
    std::string png = noise_png(300, 200);
    refused("cut.png", png.substr(0, png.size() / 2), ErrorCode::invalid_image);
    // 20,000 pixels a side declared in a tiny file: refused from its header, never decoded.
    refused("bomb.png", zero_png(20000, 20000, 8, 6, 0, 0), ErrorCode::too_large);
    auto missing = import_image(content, tmp / "nowhere.png");
    REQUIRE_FALSE(missing.ok());
    CHECK(files_in(content / "images") == 0);
}
