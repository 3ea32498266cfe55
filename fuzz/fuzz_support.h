// Shared pieces of the libFuzzer targets: the fixed test key the token and request harnesses sign
// with, and a private scratch folder for the parsers that read files (configs, bundles, content).
// Nothing here decides what a parser accepts; it only gets fuzz bytes to the parser.
#pragma once

#include <sodium.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "core/crypto/signing_keys.h"

namespace lianxin::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Always the same key (seed 0x01 0x02 …), so a crash found with a signed input replays exactly.
inline const SecretKey& test_key() {
    static const SecretKey key = [] {
        if (!crypto_ready()) std::abort();
        unsigned char seed[crypto_sign_SEEDBYTES];
        for (std::size_t i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(i + 1);
        SecretKey k;
        crypto_sign_seed_keypair(k.pub.bytes.data(), k.bytes.data(), seed);
        k.pub.id = key_id_of(k.pub.bytes);
        return k;
    }();
    return key;
}

// A folder of its own in /dev/shm (or the system temp folder), removed when the fuzzer exits normally
// (libFuzzer calls exit(), which runs static destructors). One per process: -fork and -jobs
// workers are separate processes.
class Scratch {
  public:
    Scratch() {
        // Memory-backed when the machine has /dev/shm: ext4 flushes a file rewritten with O_TRUNC
        // when it is closed, so a scratch file on disk cost every input a block write (a config
        // target ran at a third of its speed).
        std::error_code ec;
        auto base = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                  : std::filesystem::temp_directory_path();
        path_ = base / ("lianxin-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline const std::filesystem::path& scratch_dir() {
    static Scratch scratch;
    return scratch.path();
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace lianxin::fuzz
