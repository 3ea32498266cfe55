// Image checking and decoding with libpng and libjpeg-turbo, downscaling with stb_image_resize.
// Every file is first walked here, cheaply and within the limits: a PNG's chunks and CRCs up to
// IEND and its compressed data inflated, only counting, to exactly the size its header declares
// (a 1 MB file could otherwise inflate to a gigabyte); a JPEG's markers up to EOI. Only a PNG or
// JPEG that is whole and the size it says reaches a decoder. The decoders are libpng and
// libjpeg-turbo, which are built for hostile input and fuzzed continuously upstream; stb_image,
// which its own documentation says is not, read a fuzzed JPEG past its buffers (SEGV) and is no
// longer used to decode.
//
// Sections: 1. Limits  2. PNG structure  3. JPEG structure  4. Decoders  5. Entry points
#include "core/image/image_decode.h"

#include <png.h>
#include <stb/stb_image_resize.h>
#include <zlib.h>

#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE declared first
#include <jpeglib.h>
#include <jerror.h>  // the message codes, after jpeglib.h

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
    // The output is RGBA at 8 bits a sample; a 16-bit PNG is charged twice that, the bound any
    // decoder that converts at the end needs.
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
    int components = 0;
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
            w.components = comps;
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
            // A baseline file may also come in several scans (one a component, say): then, as for
            // a progressive one, the decoder keeps every coefficient until the last scan.
            if (w.scans == 2 && w.header.bytes_per_pixel == 4) {
                w.header.bytes_per_pixel = 4u + 2u * static_cast<unsigned>(w.components);
                if (auto st = within_limits(w.header, limits); !st) return st.error();
            }
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
            while (at + 1 < b.size() && !(static_cast<unsigned char>(b[at]) == 0xFF &&
                                          static_cast<unsigned char>(b[at + 1]) != 0x00 &&
                                          !(static_cast<unsigned char>(b[at + 1]) >= 0xD0 && static_cast<unsigned char>(b[at + 1]) <= 0xD7)))
                ++at;
            if (at + 1 >= b.size()) return cut();
        }
    }
}

// ---------------------------------------------------------------- 4. Decoders

// libpng's simplified API: it sets up and tears down its own error handling, checks the CRCs
// again, and converts every colour type and depth to 8-bit RGBA.
Status decode_png(std::string_view bytes, const Header& h, std::vector<std::uint8_t>& rgba) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    std::unique_ptr<png_image, void (*)(png_imagep)> guard(&image, png_image_free);
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        return invalid(std::string("cannot decode: ") + image.message);
    if (image.width != h.width || image.height != h.height)
        return unreadable_header("the decoder reads another size than the header states");
    image.format = PNG_FORMAT_RGBA;
    rgba.resize(PNG_IMAGE_SIZE(image));
    // A warning is left alone: the walk above has already refused damaged chunks and data, and
    // what libpng still warns of (an sRGB profile it knows to be slightly off) is common and harmless.
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr))
        return invalid(std::string("cannot decode: ") + image.message);
    return ok_status();
}

// libjpeg reports an error by calling error_exit, which must not return: it jumps back to
// decode_jpeg_rows. Between setjmp and that jump only plain C data lives, so nothing is skipped
// that has a destructor. A warning of corrupt data (which libjpeg would paper over with grey) is
// an error here too: a damaged photo is refused, not shown half grey.
struct JpegErrors {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

extern "C" void jpeg_error_jump(j_common_ptr cinfo) {
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, errors->message);
    std::longjmp(errors->jump, 1);
}

extern "C" void jpeg_warning_jump(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages
    // Warnings that mean the picture itself is damaged; the others (an unknown JFIF revision, an
    // odd colour-transform code, bytes between markers) leave it whole and are let pass.
    switch (cinfo->err->msg_code) {
        case JWRN_HIT_MARKER: case JWRN_HUFF_BAD_CODE: case JWRN_JPEG_EOF: case JWRN_MUST_RESYNC:
        case JWRN_NOT_SEQUENTIAL: case JWRN_BOGUS_PROGRESSION: case JWRN_ARITH_BAD_CODE:
            jpeg_error_jump(cinfo);
            break;
        default: break;
    }
}

// Decodes into `rgba` (width × height × 4, sized by the caller) with `row` (width × 4) as the
// scratch row a CMYK file needs, libjpeg's own memory held to `max_memory`. Returns false with
// `message` and libjpeg's `code` set on an error or a warning of damage.
bool decode_jpeg_rows(const unsigned char* data, std::size_t size, std::uint32_t width, std::uint32_t height,
                      std::uint8_t* rgba, std::uint8_t* row, std::uint64_t max_memory, char* message, int* code) {
    jpeg_decompress_struct cinfo;
    JpegErrors errors;
    cinfo.err = jpeg_std_error(&errors.mgr);
    errors.mgr.error_exit = jpeg_error_jump;
    errors.mgr.emit_message = jpeg_warning_jump;
    errors.message[0] = '\0';
    if (setjmp(errors.jump)) {
        std::snprintf(message, JMSG_LENGTH_MAX, "%s", errors.message);
        *code = errors.mgr.msg_code;
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = static_cast<long>(max_memory);
    jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
    jpeg_read_header(&cinfo, TRUE);
    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_width != width || cinfo.output_height != height || cinfo.output_components != 4) {
        std::snprintf(message, JMSG_LENGTH_MAX, "the decoder reads another size than the header states");
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    while (cinfo.output_scanline < height) {
        std::uint8_t* out = rgba + static_cast<std::size_t>(cinfo.output_scanline) * width * 4;
        JSAMPROW target = cmyk ? row : out;
        jpeg_read_scanlines(&cinfo, &target, 1);
        if (!cmyk) continue;
        // Adobe's files store CMYK inverted (0 is full ink), the rare others plainly.
        bool inverted = cinfo.saw_Adobe_marker;
        for (std::uint32_t x = 0; x < width; ++x) {
            const std::uint8_t* p = row + x * 4;
            unsigned k = inverted ? p[3] : 255u - p[3];
            for (int c = 0; c < 3; ++c) out[x * 4 + c] = static_cast<std::uint8_t>((inverted ? p[c] : 255u - p[c]) * k / 255u);
            out[x * 4 + 3] = 255;
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return true;
}

Status decode_jpeg(std::string_view bytes, const Header& h, const ImageLimits& limits, std::vector<std::uint8_t>& rgba) {
    auto w = static_cast<std::uint32_t>(h.width), hh = static_cast<std::uint32_t>(h.height);
    rgba.resize(static_cast<std::size_t>(w) * hh * 4);
    std::vector<std::uint8_t> row(static_cast<std::size_t>(w) * 4);
    char message[JMSG_LENGTH_MAX] = {};
    int code = 0;
    // The limit covers the RGBA pixels and what libjpeg holds beside them (a multi-scan file's
    // coefficients): libjpeg gets what the pixels leave, and never 0, which it reads as no limit.
    std::uint64_t pixels = static_cast<std::uint64_t>(w) * hh * 4;
    std::uint64_t left = limits.max_pixel_bytes > pixels ? limits.max_pixel_bytes - pixels : 1;
    if (!decode_jpeg_rows(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), w, hh, rgba.data(),
                          row.data(), std::max<std::uint64_t>(1, left), message, &code)) {
        if (code == JERR_NO_BACKING_STORE)
            return Error{ErrorCode::too_large, std::to_string(w) + "x" + std::to_string(hh) +
                                                   " pixels need more memory to decode than the limit of " +
                                                   mib(limits.max_pixel_bytes)};
        return invalid(std::string("cannot decode: ") + message);
    }
    return ok_status();
}

// ---------------------------------------------------------------- 5. Entry points

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
        // GIF, BMP, WebP, TIFF…: the content format does not allow them.
        return invalid("not a PNG or JPEG file");
    }
    return h;
}

// The structure walk, then the decode to RGBA at the size the header declares.
Status checked_decode(std::string_view bytes, const ImageLimits& limits, Pixels& out) {
    auto header = probe_header(bytes, limits);
    if (!header) return header.error();
    out.width = static_cast<int>(header->width);
    out.height = static_cast<int>(header->height);
    if (header->format == Format::png) {
        if (auto whole = check_png(bytes, limits); !whole) return whole.error();
        return decode_png(bytes, *header, out.rgba);
    }
    if (auto whole = walk_jpeg(bytes, limits, true); !whole) return whole.error();
    return decode_jpeg(bytes, *header, limits, out.rgba);
}

}  // namespace

Result<ImageInfo> probe_image(std::string_view bytes, const ImageLimits& limits) {
    auto h = probe_header(bytes, limits);
    if (!h) return h.error();
    return ImageInfo{static_cast<int>(h->width), static_cast<int>(h->height)};
}

Result<ImageInfo> check_image(std::string_view bytes, const ImageLimits& limits) {
    Pixels decoded;
    if (auto st = checked_decode(bytes, limits, decoded); !st) return st.error();
    return ImageInfo{decoded.width, decoded.height};
}

Result<Pixels> decode_image(std::string_view bytes, int fit_w, int fit_h, const ImageLimits& limits) {
    Pixels full;
    if (auto st = checked_decode(bytes, limits, full); !st) return st.error();
    const int w = full.width, h = full.height;
    double scale = std::min({1.0, fit_w > 0 ? double(fit_w) / w : 1.0, fit_h > 0 ? double(fit_h) / h : 1.0});
    Pixels out;
    out.width = std::max(1, static_cast<int>(std::lround(w * scale)));
    out.height = std::max(1, static_cast<int>(std::lround(h * scale)));
    if (out.width == w && out.height == h) return full;
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    if (!stbir_resize_uint8_srgb(full.rgba.data(), w, h, 0, out.rgba.data(), out.width, out.height, 0, 4, 3, 0))
        return invalid("cannot downscale");
    return out;
}

}  // namespace lianxin
