// kiosk.toml: where the content and data live, which publisher keys are trusted, idle times,
// the maintenance PIN hash, the kiosk's passport identity and printer. Command-line flags override it (kiosk/main.cpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/cards/card_printer.h"
#include "core/crypto/signing_keys.h"
#include "core/i18n/language.h"
#include "core/session/idle_machine.h"

namespace lianxin {

struct KioskConfig {
    std::string name = "kiosk";
    std::filesystem::path content;   // bundle file
    std::filesystem::path data_dir = "kiosk-data";
    std::filesystem::path assets_dir;  // UI strings; empty = built-in default
    std::filesystem::path rime_dir;    // deployed librime data (lianxin-rime-deploy); empty = DATA_DIR/rime
    std::string hub_url;               // empty = no sync (the kiosk runs offline)
    std::string kiosk_id;              // [kiosk] id: the id the hub registered this kiosk under
    Lang language = Lang::zh;
    std::vector<PublicKey> publisher_keys;
    IdleConfig idle;
    std::string maintenance_pin_hash;  // crypto_pwhash_str; empty = maintenance locked
    int slide_seconds = 8;
    // Passports and certificates (docs/tokens.md). Passports are offered only with a code and a key.
    std::string kiosk_code;                    // 3 characters, assigned at registration
    std::optional<SecretKey> kiosk_key;        // the kiosk's own Ed25519 key (mode 0600 file)
    std::string public_url;                    // the hub's public pages, for QR codes
    std::vector<PublicKey> passport_keys;      // other kiosks whose passports open here
    std::vector<PublicKey> certificate_keys;   // the hub's certificate keys
    PrinterConfig printer;                     // [print]; no printer = printing not offered
};

// Relative paths in the file are taken relative to the file's folder.
Result<KioskConfig> load_kiosk_config(const std::filesystem::path& path);

}  // namespace lianxin
