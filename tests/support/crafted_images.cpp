// Hostile and unusual image files made in code for tests.
#include "tests/support/crafted_images.h"

#include <stb/stb_image_write.h>
#include <zlib.h>

#include <random>
#include <stdexcept>

namespace lianxin::test {

namespace {
void put32(std::string& s, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}
void put16(std::string& s, unsigned v) {
    s += static_cast<char>((v >> 8) & 0xFF);
    s += static_cast<char>(v & 0xFF);
}
void append_to_string(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}
std::vector<std::uint8_t> noise(int w, int h) {
    std::mt19937 rng(42);
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
    for (auto& b : px) b = static_cast<std::uint8_t>(rng());
    return px;
}
}  // namespace

std::uint32_t png_crc(const std::string& type_and_data) {
    return static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(type_and_data.data()), static_cast<uInt>(type_and_data.size())));
}

std::string png_chunk(const std::string& type, const std::string& data) {
    std::string c;
    put32(c, static_cast<std::uint32_t>(data.size()));
    c += type + data;
    put32(c, png_crc(type + data));
    return c;
}

std::string png_ihdr(std::uint32_t w, std::uint32_t h, int depth, int colour, int interlace) {
    std::string d;
    put32(d, w);
    put32(d, h);
    d += static_cast<char>(depth);
    d += static_cast<char>(colour);
    d += '\0';
    d += '\0';
    d += static_cast<char>(interlace);
    return png_chunk("IHDR", d);
}

std::string zlib_zeros(std::uint64_t n) {
    z_stream z{};
    if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
    static const std::vector<unsigned char> zeros(1 << 20, 0);
    std::string out;
    unsigned char buf[1 << 16];
    std::uint64_t left = n;
    int rc = Z_OK;
    do {
        auto take = static_cast<uInt>(std::min<std::uint64_t>(left, zeros.size()));
        z.next_in = const_cast<Bytef*>(zeros.data());
        z.avail_in = take;
        left -= take;
        int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            rc = deflate(&z, flush);
            out.append(reinterpret_cast<char*>(buf), sizeof buf - z.avail_out);
        } while (z.avail_out == 0);
    } while (left > 0 || rc != Z_STREAM_END);
    deflateEnd(&z);
    return out;
}

std::uint64_t png_raw_size(std::uint32_t w, std::uint32_t h, int depth, int colour, int interlace) {
    int channels = colour == 2 ? 3 : colour == 4 ? 2 : colour == 6 ? 4 : 1;
    std::uint64_t bits = static_cast<std::uint64_t>(channels * depth);
    auto rows = [&](std::uint64_t pw, std::uint64_t ph) { return pw && ph ? ph * (1 + (pw * bits + 7) / 8) : 0; };
    if (!interlace) return rows(w, h);
    // Adam7: pass p covers columns x0, x0+dx, … and rows y0, y0+dy, …
    const int x0[] = {0, 4, 0, 2, 0, 1, 0}, y0[] = {0, 0, 4, 0, 2, 0, 1};
    const int dx[] = {8, 8, 4, 4, 2, 2, 1}, dy[] = {8, 8, 8, 4, 4, 2, 2};
    std::uint64_t total = 0;
    for (int p = 0; p < 7; ++p) {
        std::uint64_t pw = w > static_cast<std::uint32_t>(x0[p]) ? (w - x0[p] + dx[p] - 1) / dx[p] : 0;
        std::uint64_t ph = h > static_cast<std::uint32_t>(y0[p]) ? (h - y0[p] + dy[p] - 1) / dy[p] : 0;
        total += rows(pw, ph);
    }
    return total;
}

std::string zero_png(std::uint32_t w, std::uint32_t h, int depth, int colour, int interlace, std::uint64_t inflated) {
    if (inflated == UINT64_MAX) inflated = png_raw_size(w, h, depth, colour, interlace);
    std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + png_ihdr(w, h, depth, colour, interlace);
    if (colour == 3) png += png_chunk("PLTE", std::string("\x20\x40\x60", 3));
    return png + png_chunk("IDAT", zlib_zeros(inflated)) + png_chunk("IEND", "");
}

std::string noise_png(int w, int h) {
    std::string out;
    auto px = noise(w, h);
    stbi_write_png_to_func(append_to_string, &out, w, h, 4, px.data(), w * 4);
    return out;
}

std::string noise_jpeg(int w, int h) {
    std::string out;
    auto px = noise(w, h);
    stbi_write_jpg_to_func(append_to_string, &out, w, h, 4, px.data(), 90);
    return out;
}

std::string jpeg_with_scans(int sof_marker, int w, int h, int scans) {
    std::string j = "\xFF\xD8";
    // One 8-bit grey component, 1×1 sampling, quantisation table 0.
    j += "\xFF";
    j += static_cast<char>(0xDB);
    put16(j, 67);
    j += '\0';
    j += std::string(64, '\x01');
    j += "\xFF";
    j += static_cast<char>(sof_marker);
    put16(j, 11);
    j += '\x08';
    put16(j, static_cast<unsigned>(h));
    put16(j, static_cast<unsigned>(w));
    j += std::string("\x01\x01\x11\x00", 4);
    for (int s = 0; s < scans; ++s) {
        j += "\xFF\xDA";
        put16(j, 8);
        j += std::string("\x01\x01\x00\x00\x00\x00", 6);  // component 1, tables 0, spectral 0–0, approx 0
        j += std::string("\x00", 1);                      // a byte of entropy-coded data
    }
    return j + "\xFF\xD9";
}

}  // namespace lianxin::test
