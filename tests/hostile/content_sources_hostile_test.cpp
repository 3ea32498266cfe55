// Hostile content sources: image bombs, cut-short and damaged images, formats the kiosk does not
// use, characters its font cannot draw, and links out of the content folder. Each is refused by
// content check (the library and the real lianxin-admin), and the kiosk's decoder refuses the
// same images within bounded memory.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "core/content/bundle.h"
#include "core/image/image_decode.h"
#include "core/storage/sqlite_db.h"
#include "tests/support/content_copy.h"
#include "tests/support/crafted_images.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace lianxin;
using namespace lianxin::test;

namespace {

// Peak resident memory growth (KiB) of running `f` in a forked child: the child starts at the
// parent's current size, so its high-water mark minus its size at the start is what `f` cost.
long peak_rss_growth_kib(const std::function<void()>& f) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        f();
        getrusage(RUSAGE_SELF, &after);
        long growth = after.ru_maxrss - before.ru_maxrss;
        (void)!write(fds[1], &growth, sizeof growth);
        _exit(0);
    }
    close(fds[1]);
    long growth = -1;
    if (read(fds[0], &growth, sizeof growth) != static_cast<ssize_t>(sizeof growth)) growth = -1;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? growth : -1;
}

// A copy of the demo content whose first slide's image is replaced by `bytes`.
struct SlideImage : ContentCopy {
    explicit SlideImage(const std::string& bytes) { write_text(dir / "images/slide-welcome.png", bytes); }
    int line() const { return line_of("slides.toml", "images/slide-welcome.png"); }
    void expect_refused(const std::string& message_part) const {
        auto l = load();
        expect_problem(l, "slides.toml", "slide[1].image", line(), "image 'images/slide-welcome.png' is refused: ");
        expect_problem(l, "slides.toml", "slide[1].image", line(), message_part);
        CHECK(l.media.count("images/slide-welcome.png") == 0);
    }
};

}  // namespace

// ---------------------------------------------------------------- image bombs

TEST_CASE("an image bomb: a small PNG whose IHDR declares 30000x30000 is refused from its header", "[hostile][image]") {
    auto bomb = zero_png(30000, 30000, 8, 6, 0, 1u << 20);  // a megabyte of zeros as data
    REQUIRE(bomb.size() < 16 * 1024);
    SlideImage c(bomb);
    c.expect_refused("30000x30000 pixels, limit 4096 per side");
    auto r = decode_image(bomb, 800, 600);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::too_large);
}

TEST_CASE("an image bomb: a PNG whose data inflates far past its header is refused in bounded memory", "[hostile][image]") {
    // 1000 × 1000 RGBA declares 4 MB of rows; the data inflates to 512 MB from half a megabyte.
    auto bomb = zero_png(1000, 1000, 8, 6, 0, 512ull << 20);
    INFO("bomb file: " << bomb.size() << " bytes");
    REQUIRE(bomb.size() < 1024 * 1024);

    SlideImage c(bomb);
    c.expect_refused("its pixel data inflates past the 4001000 bytes its header declares");

    // The kiosk's decoder: refused, and without ever holding the inflated data.
    auto r = decode_image(bomb, 800, 600);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_image);
    long kiosk_growth = peak_rss_growth_kib([&] { (void)decode_image(bomb, 800, 600); });
    long check_growth = peak_rss_growth_kib([&] { (void)check_image(bomb); });
    WARN("peak RSS growth decoding a " << bomb.size() / 1024 << " KiB PNG bomb (512 MiB inflated): kiosk decode "
                                       << kiosk_growth << " KiB, content check " << check_growth << " KiB");
    CHECK(kiosk_growth >= 0);
    CHECK(kiosk_growth < 16 * 1024);
    CHECK(check_growth >= 0);
    CHECK(check_growth < 16 * 1024);
}

TEST_CASE("an image bomb in a bundle is refused by the kiosk's decoder in bounded memory", "[hostile][image]") {
    // A bundle built before these checks (or by hand) can still carry one: put it in a real
    // bundle's media table and read it back the way the kiosk's image cache does.
    ContentCopy c;
    auto load = c.load();
    REQUIRE(load.ok());
    auto bundle = c.tmp / "old.lxb";
    REQUIRE(write_bundle(load, bundle, nullptr).ok());
    auto bomb = zero_png(1000, 1000, 8, 6, 0, 512ull << 20);
    {
        SqliteDb db(bundle.string(), SqliteDb::Mode::read_write_create);
        auto st = db.prepare("UPDATE media SET data = ? WHERE name = 'images/slide-welcome.png'");
        st.bind_blob(1, bomb);
        st.run();
    }
    auto media = BundleMedia::open(bundle);
    REQUIRE(media.ok());
    auto bytes = (*media)->bytes("images/slide-welcome.png");
    REQUIRE(bytes.ok());
    REQUIRE(*bytes == bomb);
    long growth = peak_rss_growth_kib([&] {
        auto r = decode_image(*bytes, 1920, 1080);
        if (r.ok()) _exit(3);  // must be refused
    });
    CHECK(growth >= 0);
    CHECK(growth < 16 * 1024);
}

TEST_CASE("a PNG whose pixel data is a byte short or a byte long is refused", "[hostile][image]") {
    auto raw = png_raw_size(64, 64, 8, 6, 0);
    SlideImage(zero_png(64, 64, 8, 6, 0, raw - 1)).expect_refused("its pixel data is cut short");
    SlideImage(zero_png(64, 64, 8, 6, 0, raw + 1)).expect_refused("its pixel data inflates past the");
    CHECK(check_image(zero_png(64, 64, 8, 6, 0, raw)).ok());
}

// ---------------------------------------------------------------- damaged and cut-short files

TEST_CASE("a truncated PNG is refused by content check wherever it is cut", "[hostile][image]") {
    auto png = noise_png(64, 64);
    REQUIRE(check_image(png).ok());
    for (std::size_t keep : {png.size() - 1, png.size() - 12, png.size() - 20, png.size() / 2, std::size_t{40}}) {
        INFO("kept " << keep << " of " << png.size() << " bytes");
        SlideImage c(png.substr(0, keep));
        auto l = c.load();
        auto* p = find_problem(l, "slides.toml", "slide[1].image");
        REQUIRE(p != nullptr);
        CHECK_THAT(p->message, Catch::Contains("is refused: "));
        auto r = decode_image(png.substr(0, keep), 64, 64);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_image);
    }
    // Only the IEND chunk missing: stb_image alone would decode this without a word.
    SlideImage(png.substr(0, png.size() - 12)).expect_refused("the file is cut short (it does not end with an IEND chunk)");
}

TEST_CASE("a PNG with a damaged byte (bad CRC) is refused", "[hostile][image]") {
    auto png = noise_png(64, 64);
    auto damaged = png;
    damaged[png.size() / 2] = static_cast<char>(damaged[png.size() / 2] ^ 0x40);
    SlideImage(damaged).expect_refused("the IDAT chunk is damaged (its CRC does not match)");
    auto in_header = png;
    in_header[23] = static_cast<char>(in_header[23] ^ 0x01);  // a height one different
    SlideImage(in_header).expect_refused("the IHDR chunk is damaged (its CRC does not match)");
}

TEST_CASE("bytes after the end of a PNG or JPEG (a polyglot file) are refused", "[hostile][image]") {
    SlideImage(noise_png(32, 32) + "PK\x03\x04 a zip file").expect_refused("bytes after the end of the image");
    auto jpg = noise_jpeg(32, 32);
    REQUIRE(check_image(jpg).ok());
    SlideImage(jpg + "trailing").expect_refused("bytes after the end of the image");
}

TEST_CASE("a truncated JPEG is refused by content check", "[hostile][image]") {
    auto jpg = noise_jpeg(64, 64);
    SlideImage(jpg.substr(0, jpg.size() - 2)).expect_refused("the file is cut short (it does not end with an EOI marker)");
    SlideImage(jpg.substr(0, jpg.size() * 9 / 10)).expect_refused("cut short");
}

TEST_CASE("a progressive JPEG with endless scans is refused before decoding", "[hostile][image]") {
    SlideImage(jpeg_with_scans(0xC2, 4096, 4096, 5000)).expect_refused("pixels need");  // 4 + 2 bytes a pixel
    SlideImage(jpeg_with_scans(0xC2, 2000, 2000, 5000)).expect_refused("it has more than 100 scans");
}

TEST_CASE("JPEG codings the decoder cannot read and zero-sized JPEGs are refused", "[hostile][image]") {
    SlideImage(jpeg_with_scans(0xC3, 64, 64, 1)).expect_refused("lossless, hierarchical or arithmetic");
    SlideImage(jpeg_with_scans(0xC9, 64, 64, 1)).expect_refused("lossless, hierarchical or arithmetic");
    SlideImage(jpeg_with_scans(0xC0, 64, 0, 1)).expect_refused("64x0 pixels: an image needs at least one");
}

TEST_CASE("formats stb_image reads but the kiosk does not use are refused even named .png", "[hostile][image]") {
    const std::string others[] = {
        std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", 35),
        std::string("BM") + std::string(60, '\0'),
        std::string("8BPS\x00\x01", 6) + std::string(40, '\0'),
        "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n\x01\x01\x01\x80",
        "P5\n1 1\n255\n\x7f",
        std::string("\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x01\x00\x18\x00\x10\x20\x30", 21),  // TGA
    };
    for (auto& bytes : others) {
        SlideImage(bytes).expect_refused("not a PNG or JPEG file");
        CHECK_FALSE(decode_image(bytes, 10, 10).ok());
    }
}

TEST_CASE("unusual but valid PNGs decode: 16-bit, interlaced, palette, grey", "[hostile][image]") {
    for (auto [depth, colour, interlace] : {std::tuple{16, 6, 0}, std::tuple{16, 2, 1}, std::tuple{8, 6, 1},
                                            std::tuple{1, 3, 0}, std::tuple{4, 3, 1}, std::tuple{2, 0, 1},
                                            std::tuple{16, 0, 0}, std::tuple{8, 4, 1}}) {
        INFO("depth " << depth << " colour " << colour << " interlace " << interlace);
        auto png = zero_png(37, 23, depth, colour, interlace);
        auto info = check_image(png);
        INFO((info.ok() ? std::string() : info.error().detail));
        REQUIRE(info.ok());
        CHECK(info->width == 37);
        auto px = decode_image(png, 10, 10);
        REQUIRE(px.ok());
        CHECK(px->width == 10);
    }
}

TEST_CASE("a 16-bit PNG counts double against the decode limit", "[hostile][image]") {
    // 3000 × 3000 is fine at 8 bits (34 MiB) and over the 64 MiB limit at 16 (69 MiB): checked from
    // the header, so the test needs no real pixels.
    std::string header8 = std::string("\x89PNG\r\n\x1a\n", 8) + png_ihdr(3000, 3000, 8, 6, 0);
    std::string header16 = std::string("\x89PNG\r\n\x1a\n", 8) + png_ihdr(3000, 3000, 16, 6, 0);
    auto p8 = probe_image(header8 + png_chunk("IEND", ""));
    auto p16 = probe_image(header16 + png_chunk("IEND", ""));
    CHECK(p8.ok());
    REQUIRE_FALSE(p16.ok());
    CHECK(p16.error().code == ErrorCode::too_large);
    CHECK(p16.error().detail == "3000x3000 pixels need 69 MiB to decode, limit 64 MiB");
}

TEST_CASE("zero-sized PNGs and impossible PNG headers are refused", "[hostile][image]") {
    SlideImage(zero_png(0, 10)).expect_refused("0x10 pixels: an image needs at least one");
    SlideImage(zero_png(10, 10, 3, 2)).expect_refused("PNG bit depth 3 is not allowed with colour type 2");
    SlideImage(zero_png(10, 10, 8, 5)).expect_refused("PNG colour type 5 does not exist");
    // A palette image without its palette.
    auto png = zero_png(10, 10, 8, 3);
    auto plte = png.find("PLTE");
    REQUIRE(plte != std::string::npos);
    png.erase(plte - 4, 12 + 3);
    SlideImage(png).expect_refused("palette colours but no palette");
}

// ---------------------------------------------------------------- links out of the folder

TEST_CASE("a symlinked image pointing outside the content folder is refused, naming the link", "[hostile][links]") {
    ContentCopy c;
    auto outside = c.tmp / "outside.png";
    write_text(outside, noise_png(16, 16));
    fs::remove(c.dir / "images/slide-welcome.png");
    fs::create_symlink(outside, c.dir / "images/slide-welcome.png");
    auto load = c.load();
    expect_problem(load, "images/slide-welcome.png", "", 0, "is a link to '" + outside.string() + "', outside the content folder");
    expect_problem(load, "slides.toml", "slide[1].image", c.line_of("slides.toml", "slide-welcome.png"),
                   "'images/slide-welcome.png' leads outside the content folder through a link");
    CHECK(load.media.count("images/slide-welcome.png") == 0);

    // The real tool builds nothing from it.
    auto out = c.tmp / "out.lxb";
    auto r = run_command(shell_quoted(LIANXIN_ADMIN) + " content build " + shell_quoted(c.dir.string()) + " -o " +
                         shell_quoted(out.string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("images/slide-welcome.png: is a link to '" + outside.string()));
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a symlinked folder or Markdown body leading outside is refused", "[hostile][links]") {
    ContentCopy c;
    auto elsewhere = c.tmp / "elsewhere";
    fs::rename(c.dir / "images", elsewhere);
    fs::create_directory_symlink(elsewhere, c.dir / "images");
    auto outside_md = c.tmp / "secret.md";
    write_text(outside_md, "# A file from elsewhere on this machine\n");
    fs::remove(c.dir / "exhibits/futian.en.md");
    fs::create_symlink(outside_md, c.dir / "exhibits/futian.en.md");
    auto load = c.load();
    expect_problem(load, "images", "", 0, "outside the content folder");
    expect_problem(load, "exhibits/futian.en.md", "", 0, "outside the content folder");
    expect_problem(load, "exhibits/futian.toml", "body.en", c.line_of("exhibits/futian.toml", "body.en"),
                   "'futian.en.md' leads outside the content folder through a link");
    CHECK(load.media.empty());
}

TEST_CASE("a symlink to /etc/passwd or a dangling one is refused, '..' paths too", "[hostile][links]") {
    ContentCopy c;
    fs::create_symlink("/etc/passwd", c.dir / "images/passwd.png");
    fs::create_symlink("../../nowhere", c.dir / "images/dangling.png");
    c.replace("exhibits/futian.toml", "image = \"../images/futian-network.png\"", "image = \"../../etc/passwd\"");
    auto load = c.load();
    expect_problem(load, "images/passwd.png", "", 0, "is a link to '/etc/passwd', outside the content folder");
    expect_problem(load, "images/dangling.png", "", 0, "outside the content folder");
    expect_problem(load, "exhibits/futian.toml", "image", c.line_of("exhibits/futian.toml", "etc/passwd"),
                   "'../../etc/passwd' points outside the content folder");
}

TEST_CASE("a symlink that stays inside the content folder is allowed", "[hostile][links]") {
    ContentCopy c;
    fs::create_directory(c.dir / "shared");
    fs::rename(c.dir / "images/slide-welcome.png", c.dir / "shared/welcome.png");
    fs::create_symlink("../shared/welcome.png", c.dir / "images/slide-welcome.png");
    auto load = c.load();
    INFO(all_problems(load));
    CHECK(load.ok());
    CHECK(load.media.count("images/slide-welcome.png") == 1);
}
