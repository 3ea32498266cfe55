// Every size limit on a field that crosses a boundary (kiosk ⇄ hub, admin tool → hub, phone form →
// hub, content sources → bundle, kiosk.toml → kiosk), defined once. Writers refuse past these and
// readers accept up to them, so a value one side takes is a value the other side takes.
// Units are part of each name: Chars = Unicode code points (what a visitor sees and counts),
// Bytes = bytes of UTF-8 (what storage, QR codes and protocol framing care about).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lianxin {

// --- what a visitor writes (kiosk opinion form and the phone form)

// An opinion's text, after trimming: about two screens of handwriting or pinyin, room for a
// considered point without inviting whole essays a reviewer cannot act on.
inline constexpr std::size_t kOpinionTextMaxChars = 1000;
// A contact name, after trimming: a Chinese name with a title ("张老师") or a romanised one.
inline constexpr std::size_t kContactNameMaxChars = 20;
// A mainland mobile number has 11 digits (landlines: area code + 7 or 8 digits, checked by form).
inline constexpr std::size_t kMobilePhoneDigits = 11;

// --- what a delegation writes in the guestbook, and a resident asking to meet a deputy

// The organisation a touring delegation comes from ("某某街道人大工委"): the longest unit names
// run to about 30 characters; twice that leaves room for a joint visit of two units.
inline constexpr std::size_t kGuestbookOrganisationMaxChars = 60;
// Where the delegation comes from ("四川省成都市武侯区"): a province, city and district in full.
inline constexpr std::size_t kGuestbookOriginMaxChars = 60;
// The delegation's message: a few sentences for the wall, not an essay (an opinion is the place
// for a considered point).
inline constexpr std::size_t kGuestbookMessageMaxChars = 500;
// People in one delegation, 1 to this: a county's whole congress touring together is about 300.
inline constexpr int kGuestbookPeopleMax = 500;
// What a resident wants to talk to a deputy about: a short description staff can route, so the
// deputy knows the matter before the meeting (the details are told in person).
inline constexpr std::size_t kMeetingTopicMaxChars = 300;

// --- what staff write (lianxin-admin → hub → kiosk, passport page)

// The reply to a visitor's opinion: shown on the kiosk's passport screen and the phone page, so
// it must fit a scrollable card; twice an opinion, since a reply often quotes and explains.
inline constexpr std::size_t kReplyMaxChars = 2000;

// --- identifiers

// A kiosk's display name (kiosk.toml `name`, `kiosk register NAME`), carried by every opinion and
// passport it pushes. Bytes, because it is framed into records and kiosk lists, not read as prose.
inline constexpr std::size_t kKioskNameMaxBytes = 100;
// A kiosk's registered id (its key id today; a UUID fits): letters, digits, '-' and '_'.
inline constexpr std::size_t kKioskIdMaxBytes = 64;
// Consultation ids travel inside certificates; at 20 bytes a certificate URL with a public URL of
// kMaxPublicUrlChars is what a certificate URL fits in QR version 10-Q, or 11-Q when its token is
// unlucky (docs/tokens.md, "QR parameters and sizes").
inline constexpr std::size_t kMaxConsultationIdBytes = 20;
// The hub's public URL is printed in every passport and certificate QR code (same budget).
inline constexpr std::size_t kMaxPublicUrlChars = 40;
// Article numbers: certificates encode them in 16 bits.
inline constexpr std::int64_t kArticleMax = 65535;
// The article numbers a consultation's source file may give (no law has more articles).
inline constexpr int kArticleNumberMax = 9999;
// A consultation's place in the kiosk's list (consultations/<id>.toml `order`), 0 to this.
inline constexpr int kConsultationOrderMax = 9999;
// A content id (section, exhibit, tour, …: lower-case letters, digits and '-'), and so a stamp's
// reference to a tour or meeting, which names one.
inline constexpr std::size_t kContentIdMaxBytes = 64;
inline constexpr std::size_t kStampRefMaxBytes = kContentIdMaxBytes;
// A passport id: 128 random bits as 32 lower-case hex digits.
inline constexpr std::size_t kPassportIdHexDigits = 32;
// A record id: a lowercase UUIDv7 with its hyphens.
inline constexpr std::size_t kRecordIdChars = 36;
// A certificate serial: 64 bits as 16 lower-case hex digits.
inline constexpr std::size_t kCertificateSerialHexDigits = 16;
// An app version in a heartbeat ("0.1.0+git…"): a label, never prose.
inline constexpr std::size_t kVersionMaxBytes = 100;
// A content version ("2027.01.05"): it names the bundle in download URLs and file names on the
// kiosk, so it is short and made of URL- and file-safe characters (is_content_version below).
inline constexpr std::size_t kContentVersionMaxBytes = 32;

// --- tokens

// A passport or certificate token (LXP1:/LXC1: …): ours are 145 and 170 characters (docs/tokens.md,
// sizes), so this leaves room to spare; a longer one did not come from our signer.
inline constexpr std::size_t kTokenMaxBytes = 512;

// A scanned or typed code (a passport or certificate token, or its URL): longer than any we
// issue, so refusing anything past it early bounds the work a hostile scan can cause.
inline constexpr std::size_t kScannedTextMaxBytes = 1000;
static_assert(kScannedTextMaxBytes >= kTokenMaxBytes + kMaxPublicUrlChars + 16, "every code we issue must scan");

// --- content bundles

// A whole bundle file with its media: what `content build` may write, the hub takes at publish and
// kiosks download and load. The demo is about 3 MiB; 64 MiB leaves room for a hall's photographs
// while a kiosk can still hold the old and the new bundle side by side.
inline constexpr std::size_t kBundleMaxBytes = 64u << 20;

// --- the phone forms (POST /o/<consultation>, POST /m/)

// Its url-encoded body: text and name at their limits, every character percent-escaped (a BMP
// character is 3 bytes of UTF-8, 9 once escaped), plus the short fields and the form token.
inline constexpr std::size_t kPhoneFormMaxBytes = 16 * 1024;
static_assert(kPhoneFormMaxBytes >= 9 * (kOpinionTextMaxChars + kContactNameMaxChars) + 1024,
              "an opinion at its limits must fit the phone form's body");
static_assert(kPhoneFormMaxBytes >= 9 * (kMeetingTopicMaxChars + kContactNameMaxChars) + 1024,
              "a meeting request at its limits must fit the phone form's body");

// --- sync messages (docs/sync-protocol.md)

// Records of each kind in one push, and entries of each list in one reply: a push of 500 full
// opinions stays far below kSyncMaxBodyBytes and one transaction on the hub stays short.
inline constexpr std::size_t kSyncMaxBatch = 500;
// A push body larger than this is refused before it is parsed.
inline constexpr std::size_t kSyncMaxBodyBytes = 8u << 20;
// The adopted articles' text a sync reply carries with its status changes (each up to four
// strings of kFinalArticleMaxChars): past this the hub ends the reply early and says "more", so
// a reply stays a few MB however many opinions one regulation's text touches.
inline constexpr std::size_t kSyncReplyArticleBytes = 4u << 20;
// heartbeat.last_error and heartbeat.storage.fault: one line for the kiosk list, not a log.
inline constexpr std::size_t kSyncMaxErrorBytes = 500;
// heartbeat.storage.newest: the name of a kiosk.db set aside (kiosk-YYYYMMDD-HHMMSS-N.db).
inline constexpr std::size_t kSetAsideNameMaxBytes = 100;
// Why one record was refused or skipped (a field path and a rule), as reported to the other side.
inline constexpr std::size_t kSyncMaxReasonBytes = 300;
// The district's live figures a sync reply carries (`figures`): at most this many consultations
// with their opinion counts, as many bars as the kiosk's chart draws readably on a portrait screen.
inline constexpr std::size_t kLiveFiguresMaxConsultations = 8;
// Any one count of the figures: no district's halls will see a billion opinions, passports or
// delegations, so a larger number is a broken or hostile hub, not a fact to show.
inline constexpr std::int64_t kLiveFigureMax = 1'000'000'000;

// --- admin API

// Opinions in one page of `GET /api/v1/admin/opinions` (and so in one `opinions list`); the same
// for guestbook entries and meeting requests.
inline constexpr std::size_t kAdminListMax = 1000;
// An admin list's offset past this is a mistake, not a page anyone reads (a negative one used to
// wrap around to a huge one).
inline constexpr std::int64_t kMaxListOffset = 100'000'000;
// A time filter of an admin list (UTC milliseconds) is a moment between 1970 and 2100.
inline constexpr std::int64_t kMaxTimeMs = 4'102'444'800'000;
// Every admin request body but a bundle's: small JSON (a kiosk's name and key, a status with its
// reply of kReplyMaxChars), with room to spare.
inline constexpr std::size_t kAdminRequestMaxBytes = 64u << 10;
// PUT /api/v1/admin/consultations/<id>/final: a regulation's whole adopted text in both languages
// (core/sync/admin_trace.h). The longest local regulations run to a few hundred KB of text.
inline constexpr std::size_t kFinalTextMaxBytes = 4u << 20;
// At worst a character is escaped as a surrogate pair, "\uD83D\uDE00": 12 bytes.
static_assert(kAdminRequestMaxBytes > 12 * kReplyMaxChars + 1024, "a reply at its limit, every character escaped, fits");

// A content version as every side takes it (content check, the hub's publish and download routes,
// the sync reply, the kiosk's download): 1–kContentVersionMaxBytes of A-Z a-z 0-9 . _ + -,
// starting with a letter or digit.
constexpr bool is_content_version(std::string_view v) {
    if (v.empty() || v.size() > kContentVersionMaxBytes) return false;
    auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alnum(v[0])) return false;
    for (char c : v)
        if (!alnum(c) && c != '.' && c != '_' && c != '+' && c != '-') return false;
    return true;
}

}  // namespace lianxin
