// QR codes with libqrencode at level Q, capped at a version phones read reliably from a card,
// and their rasters: whole pixels a module (never scaled, so never blurred) and a white quiet zone.
#include "core/tokens/qr_code.h"

#include <qrencode.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include <stb/stb_image_write.h>

#include "core/base/files.h"

namespace lianxin {

namespace {

// Capacity at level Q of the versions we allow (ISO/IEC 18004 table 7): alphanumeric characters
// and bytes. Only for the message; libqrencode decides whether a text fits.
struct QCapacity { int alphanumeric, bytes; };
constexpr QCapacity kCapacityQ[] = {
    {0, 0},     {16, 11},   {29, 20},   {47, 32},   {67, 46},   {87, 60},
    {108, 74},  {125, 86},  {157, 108}, {189, 130}, {221, 151}, {259, 177},
};

std::string limit_text(int max_version) {
    std::string v = "version " + std::to_string(max_version) + " at level Q";
    if (max_version >= 1 && max_version <= 11) {
        const auto& c = kCapacityQ[max_version];
        v += " (" + std::to_string(c.alphanumeric) + " characters of A–Z 0–9 $%*+-./: and space, or " +
             std::to_string(c.bytes) + " bytes of other text)";
    }
    return v;
}

}  // namespace

Result<QrCode> encode_qr(std::string_view text, int max_version) {
    assert(max_version >= 1 && max_version <= 40);
    if (text.empty()) return Error{ErrorCode::invalid_input, "a QR code needs some text"};
    if (text.find('\0') != std::string_view::npos)
        return Error{ErrorCode::invalid_input, "QR text must not contain a NUL byte"};
    const std::string s(text);
    // Case-sensitive, or libqrencode upper-cases the whole text; the 8-bit hint still lets it
    // put runs of digits and upper-case letters in the denser numeric and alphanumeric modes.
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_Q, QR_MODE_8, 1), &QRcode_free);
    auto too_large = [&](const std::string& needs) {
        return Error{ErrorCode::too_large, "QR text of " + std::to_string(text.size()) + " characters " + needs +
                                               "; the limit is " + limit_text(max_version) +
                                               ": shorten the text (e.g. a shorter public URL)"};
    };
    if (!code) {
        if (errno == ERANGE) return too_large("does not fit any QR version");
        return Error{ErrorCode::invalid_input, std::string("QR encoding failed: ") + std::strerror(errno)};
    }
    if (code->version > max_version) return too_large("needs QR version " + std::to_string(code->version));
    QrCode qr;
    qr.version = code->version;
    qr.size = code->width;
    const auto n = static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size);
    qr.modules.resize(n);
    // libqrencode packs flags in each byte; bit 0 is the module's colour.
    for (std::size_t i = 0; i < n; ++i) qr.modules[i] = code->data[i] & 1;
    return qr;
}

GrayImage render_qr(const QrCode& qr, int module_px, int quiet_modules) {
    assert(module_px >= 1 && quiet_modules >= 0 && qr.size > 0);
    GrayImage img;
    img.width = img.height = (qr.size + 2 * quiet_modules) * module_px;
    img.pixels.assign(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height), 255);
    const int origin = quiet_modules * module_px;
    for (int my = 0; my < qr.size; ++my) {
        for (int mx = 0; mx < qr.size; ++mx) {
            if (!qr.dark(mx, my)) continue;
            for (int py = 0; py < module_px; ++py) {
                auto* row = &img.pixels[static_cast<std::size_t>(origin + my * module_px + py) * img.width];
                std::memset(row + origin + mx * module_px, 0, static_cast<std::size_t>(module_px));
            }
        }
    }
    return img;
}

Status write_gray_png(const std::filesystem::path& path, const GrayImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
        return Error{ErrorCode::invalid_input, path.string() + ": empty or inconsistent image"};
    // Encoded in memory first so the file on disk is replaced whole or not at all.
    std::string png;
    auto append = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &png, image.width, image.height, 1, image.pixels.data(), image.width))
        return Error{ErrorCode::io, path.string() + ": PNG encoding failed"};
    return write_file_atomic(path, png);
}

}  // namespace lianxin
