// Image checking and decoding with stb_image / stb_image_resize (Debian's libstb) and zlib.
// stb_image trusts too much: it never reads a PNG's CRCs, grows its inflate buffer for as long as
// the compressed data goes on (a 1 MB file could take a gigabyte), pads a cut-short stream with
// zeros, and decodes a dozen formats. So every file is walked here first, cheaply and within the
// limits, and stb_image only ever sees a PNG or JPEG that is whole and the size it says.
//
// Sections: 1. Limits  2. PNG structure  3. JPEG structure  4. Entry points
#include "core/image/image_decode.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace lianxin {

namespace {

// ---------------------------------------------------------------- 1. Limits

enum class Format { png, jpeg };

// What a header declares, before any pixel data is read.
struct Header {
    Format format;
    std::uint64_t width = 0, height = 0;
    std::uint64_t bytes_per_pixel = 4;  // what the decoder holds a pixel, see ImageLimits
};

bool is_png(std::string_view b) { return b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }
bool is_jpeg(std::string_view b) { return b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF"; }

Error invalid(std::string why) { return Error{ErrorCode::invalid_image, std::move(why)}; }
Error unreadable_header(const std::string& why) { return invalid("unreadable image header: " + why); }

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

Status within_limits(const Header& h, const ImageLimits& limits) {
    if (h.width == 0 || h.height == 0)
        return invalid(std::to_string(h.width) + "x" + std::to_string(h.height) + " pixels: an image needs at least one");
    auto side = static_cast<std::uint64_t>(limits.max_side);
    if (h.width > side || h.height > side)
        return Error{ErrorCode::too_large, std::to_string(h.width) + "x" + std::to_string(h.height) + " pixels, limit " +
                                               std::to_string(limits.max_side) + " per side"};
    std::uint64_t need = h.width * h.height * h.bytes_per_pixel;
    if (need > limits.max_pixel_bytes)
        return Error{ErrorCode::too_large, std::to_string(h.width) + "x" + std::to_string(h.height) + " pixels need " +
                                               mib(need) + " to decode, limit " + mib(limits.max_pixel_bytes)};
    return ok_status();
}

std::uint32_t be32(std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(b[at + k]);
    return v;
}
std::uint32_t be16(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8 | static_cast<unsigned char>(b[at + 1]);
}

// ---------------------------------------------------------------- 2. PNG structure

struct PngHeader {
    std::uint32_t width = 0, height = 0;
    int depth = 0, colour = 0, interlace = 0;
    int channels() const { return colour == 0 || colour == 3 ? 1 : colour == 2 ? 3 : colour == 4 ? 2 : 4; }

    // The size of the filtered rows the compressed data must inflate to, exactly (PNG §7–8).
    std::uint64_t raw_size() const {
        auto bits = static_cast<std::uint64_t>(channels()) * static_cast<std::uint64_t>(depth);
        auto rows = [&](std::uint64_t w, std::uint64_t h) { return w == 0 || h == 0 ? 0 : h * (1 + (w * bits + 7) / 8); };
        if (interlace == 0) return rows(width, height);
        static const int pass[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                       {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        std::uint64_t total = 0;
        for (auto& p : pass) {
            auto span = [](std::uint64_t n, int first, int step) {
                return n > static_cast<std::uint64_t>(first) ? (n - first + step - 1) / step : 0;
            };
            total += rows(span(width, p[0], p[2]), span(height, p[1], p[3]));
        }
        return total;
    }
};

Result<PngHeader> read_ihdr(std::string_view b) {
    if (b.size() < 8 + 8 + 13 || be32(b, 8) != 13 || b.substr(12, 4) != "IHDR")
        return unreadable_header("a PNG must start with its 13-byte IHDR chunk");
    PngHeader h;
    h.width = be32(b, 16);
    h.height = be32(b, 20);
    h.depth = static_cast<unsigned char>(b[24]);
    h.colour = static_cast<unsigned char>(b[25]);
    h.interlace = static_cast<unsigned char>(b[28]);
    bool depth_ok = false;
    switch (h.colour) {
        case 0: depth_ok = h.depth == 1 || h.depth == 2 || h.depth == 4 || h.depth == 8 || h.depth == 16; break;
        case 3: depth_ok = h.depth == 1 || h.depth == 2 || h.depth == 4 || h.depth == 8; break;
        case 2: case 4: case 6: depth_ok = h.depth == 8 || h.depth == 16; break;
        default: return unreadable_header("PNG colour type " + std::to_string(h.colour) + " does not exist");
    }
    if (!depth_ok)
        return unreadable_header("PNG bit depth " + std::to_string(h.depth) + " is not allowed with colour type " +
                                 std::to_string(h.colour));
    if (b[26] != 0 || b[27] != 0 || h.interlace > 1)
        return unreadable_header("unknown PNG compression, filter or interlace method");
    return h;
}

Header png_header(const PngHeader& p) {
    // stb_image keeps a 16-bit PNG at 16 bits a sample until the very end.
    return Header{Format::png, p.width, p.height, p.depth == 16 ? 8u : 4u};
}

// Inflates the concatenated IDAT data into a small window, only counting: a stream that goes on
// past `expected` bytes is refused there, whatever it would have grown to.
Status check_png_data(const std::vector<std::string_view>& idat, std::uint64_t expected) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return invalid("cannot start zlib");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
    unsigned char window[1 << 16];
    std::uint64_t total = 0;
    int rc = Z_OK;
    for (auto part : idat) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(part.data()));
        z.avail_in = static_cast<uInt>(part.size());
        // Drain all output for this part, including what is still pending when its input is used up.
        while (rc != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0)) {
            z.next_out = window;
            z.avail_out = sizeof window;
            rc = inflate(&z, Z_NO_FLUSH);
            total += sizeof window - z.avail_out;
            if (total > expected)
                return invalid("its pixel data inflates past the " + std::to_string(expected) +
                               " bytes its header declares (a decompression bomb, or a damaged file)");
            if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR)
                return invalid(std::string("its pixel data is damaged (") + (z.msg ? z.msg : "zlib error") + ")");
            if (rc == Z_BUF_ERROR) break;  // no progress possible: needs the next part
        }
    }
    if (rc != Z_STREAM_END) return invalid("its pixel data is cut short (the compressed stream does not end)");
    if (total < expected)
        return invalid("its pixel data is cut short (" + std::to_string(total) + " of " + std::to_string(expected) + " bytes)");
    return ok_status();
}

// Walks every chunk: lengths within the file, CRCs right, IHDR first, PLTE before the data when
// the colours need it, the IDAT chunks together, IEND last and nothing after it.
Result<Header> check_png(std::string_view b, const ImageLimits& limits) {
    auto ihdr = read_ihdr(b);
    if (!ihdr) return ihdr.error();
    auto header = png_header(*ihdr);
    if (auto st = within_limits(header, limits); !st) return st.error();
    std::vector<std::string_view> idat;
    bool palette = false, idat_done = false;
    std::size_t at = 8;
    for (bool first = true;; first = false) {
        if (b.size() - at < 12) return invalid("the file is cut short (it does not end with an IEND chunk)");
        std::uint32_t len = be32(b, at);
        if (len > 0x7FFFFFFFu || len > b.size() - at - 12) return invalid("the file is cut short inside a chunk");
        auto type = b.substr(at + 4, 4);
        auto data = b.substr(at + 8, len);
        for (char c : type)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return invalid("a PNG chunk has a malformed type");
        auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(b.data() + at + 4), len + 4));
        if (crc != be32(b, at + 8 + len)) return invalid("the " + std::string(type) + " chunk is damaged (its CRC does not match)");
        at += 12 + len;
        if (first != (type == "IHDR")) return invalid("IHDR must be the first chunk, and only once");
        if (type == "IEND") {
            if (at != b.size()) return invalid("there are " + std::to_string(b.size() - at) + " bytes after the end of the image");
            break;
        }
        if (type == "IDAT") {
            if (idat_done) return invalid("its IDAT chunks are not together");
            idat.push_back(data);
        } else if (!idat.empty()) {
            idat_done = true;
        }
        if (type == "PLTE") palette = true;
        // An unknown critical chunk (upper-case first letter) changes how the image must be read.
        bool critical = type[0] >= 'A' && type[0] <= 'Z';
        if (critical && type != "IHDR" && type != "PLTE" && type != "IDAT")
            return invalid("it has a critical chunk '" + std::string(type) + "' a PNG decoder does not know");
    }
    if (idat.empty()) return invalid("it has no pixel data (no IDAT chunk)");
    if (ihdr->colour == 3 && !palette) return invalid("it has palette colours but no palette (PLTE chunk)");
    if (auto st = check_png_data(idat, ihdr->raw_size()); !st) return st.error();
    return header;
}

// ---------------------------------------------------------------- 3. JPEG structure

struct JpegWalk {
    Header header{Format::jpeg};
    bool frame = false;
    int scans = 0;
};

// Reads marker segments up to the frame header (`whole` false), or the whole file up to EOI,
// skipping each scan's entropy-coded data.
Result<JpegWalk> walk_jpeg(std::string_view b, const ImageLimits& limits, bool whole) {
    JpegWalk w;
    std::size_t at = 2;
    // Before the frame header a problem is the header's; in a full walk, the file's.
    auto fail = [&](const std::string& why) { return whole ? invalid(why) : unreadable_header(why); };
    auto cut = [&] { return whole ? invalid("the file is cut short (it does not end with an EOI marker)")
                                  : unreadable_header("the JPEG header is cut short"); };
    for (;;) {
        if (at >= b.size()) return cut();
        if (static_cast<unsigned char>(b[at]) != 0xFF) return fail("a JPEG marker is missing");
        while (at < b.size() && static_cast<unsigned char>(b[at]) == 0xFF) ++at;  // fill bytes
        if (at >= b.size()) return cut();
        unsigned m = static_cast<unsigned char>(b[at++]);
        if (m == 0xD9) {
            if (at != b.size()) return invalid("there are " + std::to_string(b.size() - at) + " bytes after the end of the image");
            if (!w.frame || w.scans == 0) return fail("it ends before any image data");
            return w;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue;  // no length
        if (m == 0xD8 || m == 0x00) return fail("a JPEG marker is out of place");
        if (b.size() - at < 2) return cut();
        std::uint32_t len = be16(b, at);
        if (len < 2 || len > b.size() - at) return cut();
        auto seg = b.substr(at + 2, len - 2);
        at += len;
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (w.frame) return fail("it has two frame headers");
            if (m > 0xC2) return fail("it uses a JPEG coding (lossless, hierarchical or arithmetic) the kiosk cannot decode");
            if (seg.size() < 6) return fail("the JPEG frame header is too short");
            if (static_cast<unsigned char>(seg[0]) != 8) return fail("only 8-bit JPEG samples can be decoded");
            int comps = static_cast<unsigned char>(seg[5]);
            if (comps != 1 && comps != 3 && comps != 4) return fail("a JPEG of " + std::to_string(comps) + " colour components");
            w.frame = true;
            w.header.height = be16(seg, 1);
            w.header.width = be16(seg, 3);
            w.header.bytes_per_pixel = m == 0xC2 ? 4u + 2u * static_cast<unsigned>(comps) : 4u;
            if (auto st = within_limits(w.header, limits); !st) return st.error();
            if (!whole) return w;
        }
        if (m == 0xDA) {
            if (!w.frame) return fail("its image data comes before its frame header");
            if (++w.scans > limits.max_jpeg_scans)
                return invalid("it has more than " + std::to_string(limits.max_jpeg_scans) +
                               " scans (each one costs a pass over the whole image)");
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
            while (at + 1 < b.size() && !(static_cast<unsigned char>(b[at]) == 0xFF &&
                                          static_cast<unsigned char>(b[at + 1]) != 0x00 &&
                                          !(static_cast<unsigned char>(b[at + 1]) >= 0xD0 && static_cast<unsigned char>(b[at + 1]) <= 0xD7)))
                ++at;
            if (at + 1 >= b.size()) return cut();
        }
    }
}

// ---------------------------------------------------------------- 4. Entry points

Result<Header> probe_header(std::string_view bytes, const ImageLimits& limits) {
    if (bytes.size() > limits.max_bytes)
        return Error{ErrorCode::too_large, std::to_string(bytes.size()) + " bytes, limit " + std::to_string(limits.max_bytes)};
    Header h{Format::png};
    if (is_png(bytes)) {
        auto ihdr = read_ihdr(bytes);
        if (!ihdr) return ihdr.error();
        h = png_header(*ihdr);
        if (auto st = within_limits(h, limits); !st) return st.error();
    } else if (is_jpeg(bytes)) {
        auto walk = walk_jpeg(bytes, limits, false);
        if (!walk) return walk.error();
        h = walk->header;
    } else {
        // GIF, BMP, PSD, HDR, PNM, TGA…: stb_image reads them, the content format does not allow them.
        return invalid("not a PNG or JPEG file");
    }
    return h;
}

// stb_image must read the same size as the header walk did, or it would decode something else.
Status stb_agrees(std::string_view bytes, const Header& h) {
    int w = 0, hh = 0, comp = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &hh, &comp))
        return unreadable_header(stbi_failure_reason());
    if (static_cast<std::uint64_t>(w) != h.width || static_cast<std::uint64_t>(hh) != h.height)
        return unreadable_header("the decoder reads another size than the header states");
    return ok_status();
}

// The structure walk, then stb_image's own decode to RGBA.
using StbPixels = std::unique_ptr<stbi_uc, void (*)(void*)>;
Result<StbPixels> checked_decode(std::string_view bytes, const ImageLimits& limits, int& w, int& h) {
    auto header = probe_header(bytes, limits);
    if (!header) return header.error();
    if (header->format == Format::png) {
        if (auto whole = check_png(bytes, limits); !whole) return whole.error();
    } else if (auto whole = walk_jpeg(bytes, limits, true); !whole) {
        return whole.error();
    }
    if (auto st = stb_agrees(bytes, *header); !st) return st.error();
    int comp = 0;
    StbPixels data(stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()),
                                         &w, &h, &comp, 4),
                   stbi_image_free);
    if (!data) return invalid(std::string("cannot decode: ") + stbi_failure_reason());
    return data;
}

}  // namespace

Result<ImageInfo> probe_image(std::string_view bytes, const ImageLimits& limits) {
    auto h = probe_header(bytes, limits);
    if (!h) return h.error();
    if (auto st = stb_agrees(bytes, *h); !st) return st.error();
    return ImageInfo{static_cast<int>(h->width), static_cast<int>(h->height)};
}

Result<ImageInfo> check_image(std::string_view bytes, const ImageLimits& limits) {
    int w = 0, h = 0;
    auto data = checked_decode(bytes, limits, w, h);
    if (!data) return data.error();
    return ImageInfo{w, h};
}

Result<Pixels> decode_image(std::string_view bytes, int fit_w, int fit_h, const ImageLimits& limits) {
    int w = 0, h = 0;
    auto decoded = checked_decode(bytes, limits, w, h);
    if (!decoded) return decoded.error();
    auto& data = *decoded;

    double scale = std::min({1.0, fit_w > 0 ? double(fit_w) / w : 1.0, fit_h > 0 ? double(fit_h) / h : 1.0});
    Pixels out;
    out.width = std::max(1, static_cast<int>(std::lround(w * scale)));
    out.height = std::max(1, static_cast<int>(std::lround(h * scale)));
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    if (out.width == w && out.height == h) {
        std::copy_n(data.get(), out.rgba.size(), out.rgba.data());
    } else if (!stbir_resize_uint8_srgb(data.get(), w, h, 0, out.rgba.data(), out.width, out.height, 0, 4, 3, 0)) {
        return invalid("cannot downscale");
    }
    return out;
}

}  // namespace lianxin
