// A passport from an earlier visit, written straight into a kiosk's data folder with the demo
// keys: one opinion, partly adopted, with a reply and a certificate. Shared by the GUI tests that
// need a booklet and a certificate to show.
#pragma once

#include <memory>
#include <string>

#include "core/crypto/signing_keys.h"
#include "core/passports/passport_book.h"
#include "core/storage/kiosk_db.h"
#include "tests/support/temp_dir.h"

namespace lianxin::test {

SecretKey demo_key(const char* name);
std::unique_ptr<PassportBook> demo_book(KioskDb& db);

struct Seeded {
    Passport passport;
    OpinionId opinion;
    std::string certificate;
};
Seeded seed_passport(const TempDir& dir);

// The seeded certificate's serial as the booklet labels it ("certificate-<serial>").
std::string certificate_serial(const Seeded& seeded);
// The certificate with one character of its signature changed: still Base45, no longer genuine.
std::string tampered_certificate(const Seeded& seeded);
// The passport's code with one character mistyped (its check character then fails).
std::string mistyped_code(const Seeded& seeded);

}  // namespace lianxin::test
