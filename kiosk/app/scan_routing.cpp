// Routing a scanned code (see scan_routing.h): the scanner's text is a passport or a certificate
// token, or its URL; what it opens depends on what the visitor is doing.
#include "kiosk/app/scan_routing.h"

#include "core/base/ascii.h"
#include "core/passports/passport_book.h"
#include "core/tokens/token.h"

namespace lianxin::kiosk {

void open_scanned_code(AppContext& ctx, const std::string& raw) {
    // A scanner with Caps Lock on sends lower case. Our codes have no lower-case letters (Base45,
    // upper-case URL), and scheme and host are case-blind, so upper case is always right.
    // Out of service there is no exhibition to open anything in: the screen stays for staff.
    if (ctx.shell->status().out_of_service) {
        ctx.services->log("scan", "ignored: out of service");
        return;
    }
    std::string scanned = raw;
    for (char& c : scanned) c = ascii_upper(c);
    Screen* here = ctx.nav->current();
    bool writing = here && here->holds_unsaved_input();
    auto cert = ctx.services->passports().check_certificate(scanned);
    bool is_certificate = (cert && cert->kind == VerifiedToken::Kind::certificate) ||
                          (!cert && scanned.find(kCertificatePrefix) != std::string::npos);
    if (is_certificate) {
        ctx.services->log("scan", "certificate");
        if (!writing) go_home(ctx);  // else on top of the unfinished opinion, which "back" returns to
        ctx.nav->push(make_certificate_screen(ctx, scanned));
        return;
    }
    auto p = ctx.services->passports().open_by_scan(scanned, ctx.services->moment());
    if (p && writing) {
        // Mid-opinion: open the passport without leaving, so the opinion is stamped into it.
        ctx.visit->open_passport(p->id);
        ctx.services->log("passport_opened", "scan " + passport_log_ref(p->id));
        here->passport_opened_here();
        return;
    }
    if (p) {
        show_open_passport(ctx, *p, "scan");
        return;
    }
    ctx.services->log("passport_refused", p.error().detail);
    if (writing) return;  // a bad scan must not cost the visitor what they are writing
    go_home(ctx);
    ctx.nav->push(make_passport_desk_screen(ctx, passport_failure_key(p.error())));
}

}  // namespace lianxin::kiosk
