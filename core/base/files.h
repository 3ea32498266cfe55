// Whole-file reads and crash-safe writes (write to a temp file, fsync, rename).
#pragma once

#include <filesystem>
#include <string>

#include "core/base/result.h"

namespace lianxin {

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes = 256u << 20);
// Replaces `path` atomically; `mode` is applied before the data is written (0600 for secrets).
Status write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode = 0644);

}  // namespace lianxin
