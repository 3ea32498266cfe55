// Whole-file reads and crash-safe writes.
#include "core/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace lianxin {

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return Error{ErrorCode::io, path.string() + ": " + ec.message()};
    if (size > max_bytes)
        return Error{ErrorCode::too_large, path.string() + ": " + std::to_string(size) +
                                               " bytes, limit " + std::to_string(max_bytes)};
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{ErrorCode::io, path.string() + ": cannot open for reading"};
    std::string data(size, '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size)
        return Error{ErrorCode::io, path.string() + ": short read"};
    return data;
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode) {
    auto tmp = path;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return Error{ErrorCode::io, tmp.string() + ": " + std::strerror(errno)};
    ::fchmod(fd, mode);
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return Error{ErrorCode::io, tmp.string() + ": " + why};
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return Error{ErrorCode::io, tmp.string() + ": cannot flush to disk"};
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return Error{ErrorCode::io, path.string() + ": " + why};
    }
    return ok_status();
}

}  // namespace lianxin
