// Image probing and decoding (core/image/image_decode): real PNG/JPEG files decode and downscale; truncated,
// huge, oversized and non-image bytes are refused with the right error code before decoding.
#include <catch2/catch.hpp>

#include <stb/stb_image_write.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/image/image_decode.h"

using namespace lianxin;

namespace {

void append_to_string(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

// w × h RGBA pixels: left half red, right half blue, with alpha 255.
std::vector<std::uint8_t> two_colour_pixels(int w, int h) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
            bool left = x < w / 2;
            p[0] = left ? 255 : 0;
            p[1] = 0;
            p[2] = left ? 0 : 255;
            p[3] = 255;
        }
    return px;
}

std::vector<std::uint8_t> noise_pixels(int w, int h) {
    std::mt19937 rng(42);
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
    for (auto& b : px) b = static_cast<std::uint8_t>(rng());
    return px;
}

std::string encode_png(const std::vector<std::uint8_t>& px, int w, int h) {
    std::string out;
    REQUIRE(stbi_write_png_to_func(append_to_string, &out, w, h, 4, px.data(), w * 4) != 0);
    return out;
}

std::string encode_jpeg(const std::vector<std::uint8_t>& px, int w, int h) {
    std::string out;
    REQUIRE(stbi_write_jpg_to_func(append_to_string, &out, w, h, 4, px.data(), 95) != 0);
    return out;
}

std::uint32_t crc32(const std::string& data) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

void put32(std::string& s, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

std::string png_chunk(const std::string& type, const std::string& data) {
    std::string c;
    put32(c, static_cast<std::uint32_t>(data.size()));
    c += type + data;
    put32(c, crc32(type + data));
    return c;
}

// A PNG whose header declares w × h RGBA pixels, followed by a tiny (wrong) IDAT and IEND.
std::string png_declaring(std::uint32_t w, std::uint32_t h) {
    std::string ihdr;
    put32(ihdr, w);
    put32(ihdr, h);
    ihdr += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, deflate, no filter, no interlace
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + png_chunk("IEND", "");
}

}  // namespace

TEST_CASE("a valid PNG is probed and decoded to the same pixels", "[core][image]") {
    auto px = two_colour_pixels(64, 32);
    auto png = encode_png(px, 64, 32);

    auto info = probe_image(png);
    REQUIRE(info.ok());
    CHECK(info->width == 64);
    CHECK(info->height == 32);

    auto full = decode_image(png, 0, 0);  // no fit box: full size
    REQUIRE(full.ok());
    CHECK(full->width == 64);
    CHECK(full->height == 32);
    CHECK(full->rgba == px);

    auto roomy = decode_image(png, 1000, 1000);  // never upscaled
    REQUIRE(roomy.ok());
    CHECK(roomy->width == 64);
    CHECK(roomy->height == 32);
}

TEST_CASE("a PNG larger than the fit box is downscaled keeping its aspect ratio", "[core][image]") {
    auto px = two_colour_pixels(400, 200);
    auto png = encode_png(px, 400, 200);

    auto small = decode_image(png, 100, 100);
    REQUIRE(small.ok());
    CHECK(small->width == 100);
    CHECK(small->height == 50);
    REQUIRE(small->rgba.size() == 100u * 50u * 4u);
    // The left quarter is still red, the right quarter still blue.
    auto at = [&](int x, int y) { return &small->rgba[(static_cast<std::size_t>(y) * 100 + x) * 4]; };
    CHECK(at(10, 25)[0] > 240);
    CHECK(at(10, 25)[2] < 15);
    CHECK(at(90, 25)[0] < 15);
    CHECK(at(90, 25)[2] > 240);
    CHECK(at(50, 10)[3] == 255);

    auto by_height = decode_image(png, 0, 20);  // only a height given
    REQUIRE(by_height.ok());
    CHECK(by_height->width == 40);
    CHECK(by_height->height == 20);

    auto tiny = decode_image(png, 1, 1);  // never below one pixel a side
    REQUIRE(tiny.ok());
    CHECK(tiny->width == 1);
    CHECK(tiny->height == 1);
}

TEST_CASE("a valid JPEG decodes", "[core][image]") {
    auto jpg = encode_jpeg(two_colour_pixels(64, 64), 64, 64);
    auto info = probe_image(jpg);
    REQUIRE(info.ok());
    CHECK(info->width == 64);
    auto px = decode_image(jpg, 32, 32);
    REQUIRE(px.ok());
    CHECK(px->width == 32);
    CHECK(px->height == 32);
    CHECK(px->rgba[(16 * 32 + 4) * 4 + 0] > 200);  // red on the left
    CHECK(px->rgba[(16 * 32 + 28) * 4 + 2] > 200);  // blue on the right
}

TEST_CASE("a truncated PNG is refused as an invalid image", "[core][image]") {
    auto png = encode_png(noise_pixels(64, 64), 64, 64);
    REQUIRE(png.size() > 4000);

    SECTION("cut inside the pixel data") {
        auto cut = png.substr(0, png.size() / 2);
        auto r = decode_image(cut, 64, 64);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_image);
        CHECK(r.error().detail == "the file is cut short inside a chunk");
    }
    SECTION("cut inside the header") {
        auto cut = png.substr(0, 20);
        auto probe = probe_image(cut);
        REQUIRE_FALSE(probe.ok());
        CHECK(probe.error().code == ErrorCode::invalid_image);
        CHECK_THAT(probe.error().detail, Catch::StartsWith("unreadable image header: "));
        auto r = decode_image(cut, 64, 64);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_image);
    }
    SECTION("only the signature") {
        auto r = decode_image(png.substr(0, 8), 64, 64);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_image);
    }
}

TEST_CASE("a PNG declaring huge dimensions is refused as too large without decoding", "[core][image]") {
    auto start = std::chrono::steady_clock::now();
    for (auto [w, h] : {std::pair{100000u, 100000u}, std::pair{5000u, 10u}, std::pair{10u, 4097u},
                        std::pair{16777216u, 1u}}) {
        INFO(w << "x" << h);
        auto png = png_declaring(w, h);
        auto probe = probe_image(png);
        REQUIRE_FALSE(probe.ok());
        CHECK(probe.error().code == ErrorCode::too_large);
        CHECK(probe.error().detail == std::to_string(w) + "x" + std::to_string(h) + " pixels, limit 4096 per side");
        auto r = decode_image(png, 100, 100);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::too_large);
    }
    // Refused from the header alone: no 40 GB buffer, no waiting.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));

    // A real image over a configured side limit is refused the same way.
    auto png = encode_png(two_colour_pixels(64, 32), 64, 32);
    auto r = probe_image(png, ImageLimits{8u << 20, 32});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::too_large);
    CHECK(r.error().detail == "64x32 pixels, limit 32 per side");
}

TEST_CASE("a PNG declaring zero pixels is refused", "[core][image]") {
    auto r = probe_image(png_declaring(0, 10));
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().code == ErrorCode::invalid_image || r.error().code == ErrorCode::too_large));
}

TEST_CASE("random bytes are not an image", "[core][image]") {
    std::mt19937 rng(7);
    std::string junk(4096, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    junk[0] = 'J';  // whatever the seed, not a PNG or JPEG signature
    auto r = decode_image(junk, 100, 100);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_image);
    CHECK(r.error().detail == "not a PNG or JPEG file");

    auto empty = probe_image("");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == ErrorCode::invalid_image);

    // Formats stb_image could read but the content format does not allow (GIF, BMP).
    for (std::string other : {std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13), std::string("BM") + std::string(60, '\0')}) {
        auto g = probe_image(other);
        REQUIRE_FALSE(g.ok());
        CHECK(g.error().detail == "not a PNG or JPEG file");
    }
}

TEST_CASE("bytes over max_bytes are refused before looking at them", "[core][image]") {
    auto png = encode_png(two_colour_pixels(64, 32), 64, 32);
    ImageLimits limits;
    limits.max_bytes = 100;
    REQUIRE(png.size() > 100);
    auto r = decode_image(png, 64, 64, limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::too_large);
    CHECK(r.error().detail == std::to_string(png.size()) + " bytes, limit 100");

    limits.max_bytes = png.size();  // exactly at the limit is allowed
    CHECK(decode_image(png, 64, 64, limits).ok());
}

TEST_CASE("a JPEG signature followed by garbage is refused", "[core][image]") {
    std::mt19937 rng(3);
    std::string bytes = "\xFF\xD8\xFF";
    for (int i = 0; i < 2000; ++i) bytes += static_cast<char>(rng());
    auto probe = probe_image(bytes);
    REQUIRE_FALSE(probe.ok());
    CHECK(probe.error().code == ErrorCode::invalid_image);
    CHECK_THAT(probe.error().detail, Catch::StartsWith("unreadable image header: "));
    auto r = decode_image(bytes, 10, 10);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_image);

    // A real JPEG cut short after its header.
    auto jpg = encode_jpeg(noise_pixels(64, 64), 64, 64);
    auto cut = decode_image(jpg.substr(0, jpg.size() / 3), 64, 64);
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().code == ErrorCode::invalid_image);
}
