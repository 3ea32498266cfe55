// The decoders behind core/image/image_decode: every PNG colour type, depth and interlace through
// libpng, progressive and CMYK JPEGs through libjpeg-turbo (written here with libjpeg itself, as
// stb_image_write makes neither), and a JPEG whose scan is cut short refused rather than shown
// half grey.
#include <catch2/catch.hpp>

#include <cstdio>
#include <jpeglib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/image/image_decode.h"
#include "tests/support/crafted_images.h"

using namespace lianxin;

namespace {

// A w × h JPEG, left half one colour and right half another, each given as 3 (RGB) or 4 (CMYK,
// stored inverted as Adobe's files are) samples, in one scan or several.
enum class Scans { one, progressive, one_per_component };
std::string write_jpeg(int w, int h, Scans scans, const std::vector<std::uint8_t>& left,
                       const std::vector<std::uint8_t>& right) {
    const int comps = static_cast<int>(left.size());
    jpeg_compress_struct cinfo;
    jpeg_error_mgr errors;
    cinfo.err = jpeg_std_error(&errors);
    jpeg_create_compress(&cinfo);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = static_cast<JDIMENSION>(w);
    cinfo.image_height = static_cast<JDIMENSION>(h);
    cinfo.input_components = comps;
    cinfo.in_color_space = comps == 4 ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 95, TRUE);
    if (scans == Scans::progressive) jpeg_simple_progression(&cinfo);
    // Baseline, but a scan for each component: the decoder keeps all coefficients, as for a
    // progressive file.
    static const jpeg_scan_info one_each[3] = {{1, {0}, 0, 63, 0, 0}, {1, {1}, 0, 63, 0, 0}, {1, {2}, 0, 63, 0, 0}};
    if (scans == Scans::one_per_component) {
        cinfo.scan_info = one_each;
        cinfo.num_scans = 3;
    }
    jpeg_start_compress(&cinfo, TRUE);
    std::vector<std::uint8_t> row(static_cast<std::size_t>(w * comps));
    for (int x = 0; x < w; ++x)
        for (int c = 0; c < comps; ++c) row[static_cast<std::size_t>(x * comps + c)] = (x < w / 2 ? left : right)[c];
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW p = row.data();
        jpeg_write_scanlines(&cinfo, &p, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    free(buffer);
    return out;
}

const std::uint8_t* pixel(const Pixels& px, int x, int y) { return &px.rgba[(static_cast<std::size_t>(y) * px.width + x) * 4]; }

}  // namespace

TEST_CASE("every PNG colour type, depth and interlace decodes to RGBA of its size", "[core][image]") {
    struct Kind {
        int depth, colour;
    };
    for (Kind k : {Kind{1, 0}, Kind{2, 0}, Kind{4, 0}, Kind{8, 0}, Kind{16, 0}, Kind{1, 3}, Kind{8, 3}, Kind{8, 2},
                   Kind{16, 2}, Kind{8, 4}, Kind{16, 4}, Kind{8, 6}, Kind{16, 6}})
        for (int interlace : {0, 1}) {
            INFO("depth " << k.depth << " colour " << k.colour << " interlace " << interlace);
            auto png = test::zero_png(37, 11, k.depth, k.colour, interlace);
            auto px = decode_image(png, 0, 0);
            REQUIRE(px.ok());
            CHECK(px->width == 37);
            CHECK(px->height == 11);
            REQUIRE(px->rgba.size() == 37u * 11u * 4u);
            // Zero samples: black (a palette image: its one colour, 20 40 60), and opaque unless
            // the type carries alpha.
            CHECK(pixel(*px, 36, 10)[0] == (k.colour == 3 ? 0x20 : 0));
            CHECK(pixel(*px, 36, 10)[2] == (k.colour == 3 ? 0x60 : 0));
            CHECK(pixel(*px, 36, 10)[3] == (k.colour == 4 || k.colour == 6 ? 0 : 255));
        }
}

TEST_CASE("a progressive JPEG decodes to its colours", "[core][image]") {
    auto jpg = write_jpeg(64, 48, Scans::progressive, {230, 20, 20}, {20, 20, 230});
    REQUIRE(static_cast<unsigned char>(jpg[2]) == 0xFF);
    REQUIRE(jpg.find("\xFF\xC2") != std::string::npos);  // SOF2: progressive
    auto px = decode_image(jpg, 0, 0);
    REQUIRE(px.ok());
    CHECK(px->width == 64);
    CHECK(px->height == 48);
    CHECK(pixel(*px, 8, 24)[0] > 200);
    CHECK(pixel(*px, 8, 24)[2] < 60);
    CHECK(pixel(*px, 56, 24)[2] > 200);
    CHECK(pixel(*px, 56, 24)[3] == 255);
}

TEST_CASE("an Adobe CMYK JPEG decodes to the colours its inks make", "[core][image]") {
    // Inverted CMYK: 255 is no ink. Left: no ink (white); right: full cyan only.
    auto jpg = write_jpeg(32, 16, Scans::one, {255, 255, 255, 255}, {0, 255, 255, 255});
    REQUIRE(jpg.find("Adobe") != std::string::npos);
    auto px = decode_image(jpg, 0, 0);
    REQUIRE(px.ok());
    CHECK(pixel(*px, 4, 8)[0] > 240);
    CHECK(pixel(*px, 4, 8)[1] > 240);
    CHECK(pixel(*px, 28, 8)[0] < 20);   // cyan: no red
    CHECK(pixel(*px, 28, 8)[1] > 240);  // full green and blue
    CHECK(pixel(*px, 28, 8)[2] > 240);
}

TEST_CASE("a JPEG whose scan data is cut short before its end marker is refused", "[core][image]") {
    auto jpg = test::noise_jpeg(128, 128);
    REQUIRE(check_image(jpg).ok());
    // Keep the headers and a third of the entropy-coded data, then close the file properly: the
    // structure is whole, the picture is not, and libjpeg would fill the rest with grey.
    auto sos = jpg.find("\xFF\xDA");
    REQUIRE(sos != std::string::npos);
    auto cut = jpg.substr(0, sos + (jpg.size() - sos) / 3);
    if (static_cast<unsigned char>(cut.back()) == 0xFF) cut.pop_back();
    cut += "\xFF\xD9";
    auto r = check_image(cut);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_image);
    CHECK_THAT(r.error().detail, Catch::StartsWith("cannot decode: "));
}

TEST_CASE("a baseline JPEG in several scans is charged for the coefficients its decoder keeps", "[core][image]") {
    auto one = write_jpeg(64, 64, Scans::one, {200, 30, 30}, {30, 30, 200});
    auto three = write_jpeg(64, 64, Scans::one_per_component, {200, 30, 30}, {30, 30, 200});
    REQUIRE(three.find("\xFF\xC0") != std::string::npos);  // SOF0: baseline
    // Within a limit the RGBA pixels (16,384 bytes) fit but the coefficients (24,576 more) do not.
    ImageLimits limits;
    limits.max_pixel_bytes = 20'000;
    CHECK(decode_image(one, 0, 0, limits).ok());
    auto refused = decode_image(three, 0, 0, limits);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::too_large);
    // With room for both (and libjpeg's own tables and buffers, some tens of kilobytes whatever
    // the size) it decodes, to the same colours.
    limits.max_pixel_bytes = 64 * 64 * (4 + 2 * 3) + (256 << 10);
    auto px = decode_image(three, 0, 0, limits);
    REQUIRE(px.ok());
    CHECK(pixel(*px, 8, 32)[0] > 170);
    CHECK(pixel(*px, 56, 32)[2] > 170);
}

TEST_CASE("a JPEG with a harmless warning (an unknown JFIF revision) still decodes", "[core][image]") {
    auto jpg = write_jpeg(32, 32, Scans::one, {90, 90, 90}, {90, 90, 90});
    // APP0 "JFIF\0" then the version: 1.01 becomes 2.01, which libjpeg only warns about.
    auto jfif = jpg.find(std::string("JFIF\0", 5));
    REQUIRE(jfif != std::string::npos);
    jpg[jfif + 5] = 2;
    auto px = decode_image(jpg, 0, 0);
    REQUIRE(px.ok());
    CHECK(px->width == 32);
}
