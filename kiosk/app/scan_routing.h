// Where a scanned QR code leads, from any screen: a passport opens in this visit, a certificate is
// verified and shown. A visitor mid-opinion keeps what they are writing, whatever was scanned.
#pragma once

#include <string>

#include "kiosk/screens/screen.h"

namespace lianxin::kiosk {

void open_scanned_code(AppContext& ctx, const std::string& scanned);

}  // namespace lianxin::kiosk
