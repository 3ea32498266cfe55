// Hostile and unusual image files made in code for tests (and as fuzzing seeds): PNGs whose
// header and data disagree, cut-short or damaged files, JPEG frames with endless scans.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lianxin::test {

std::uint32_t png_crc(const std::string& type_and_data);
std::string png_chunk(const std::string& type, const std::string& data);
std::string png_ihdr(std::uint32_t w, std::uint32_t h, int depth, int colour, int interlace);
// zlib-compressed zero bytes, streamed (a gigabyte becomes about a megabyte).
std::string zlib_zeros(std::uint64_t n);
// The exact size a PNG's filtered rows inflate to (computed here independently of the decoder).
std::uint64_t png_raw_size(std::uint32_t w, std::uint32_t h, int depth, int colour, int interlace);

// A PNG (IHDR, IDAT holding `inflated` zero bytes, IEND); by default exactly the declared size,
// which is a valid black (or transparent) image. Palette images get a one-colour PLTE.
std::string zero_png(std::uint32_t w, std::uint32_t h, int depth = 8, int colour = 6, int interlace = 0,
                     std::uint64_t inflated = UINT64_MAX);

// A real PNG of w × h RGBA noise (stb_image_write), for cutting and damaging.
std::string noise_png(int w, int h);
std::string noise_jpeg(int w, int h);

// A JPEG frame header (SOF0 baseline, SOF2 progressive, …) followed by `scans` empty scans and EOI.
std::string jpeg_with_scans(int sof_marker, int w, int h, int scans);

}  // namespace lianxin::test
