// `lianxin-admin verify TOKEN_OR_URL` (check a passport or certificate QR code offline) and
// `certificate issue` (sign a certificate with the hub's key before the hub exists).
// Exit status: 0 valid / issued, 1 refused, 2 usage errors (docs/tokens.md).
#include <fstream>
#include <iostream>
#include <set>

#include "admin-tool/commands.h"
#include "core/tokens/short_code.h"
#include "core/base/ascii.h"
#include "core/tokens/token.h"

namespace lianxin::admin {

namespace {

constexpr int kRefused = 1;
constexpr int kUsage = 2;

std::string hex_of(std::span<const std::uint8_t> bytes) { return to_hex(bytes); }

// The revocation list as the hub hands it out: one serial (16 hex digits) a line, '#' comments.
bool load_revoked(const std::string& path, std::set<std::string>& out) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << path << ": cannot read the revocation list\n";
        return false;
    }
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        for (auto& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (line.size() != 16 || line.find_first_not_of("0123456789abcdef") != std::string::npos) {
            std::cerr << path << ":" << line_no << ": '" << line
                      << "' is not a certificate serial (16 hex digits)\n";
            return false;
        }
        out.insert(line);
    }
    return true;
}

void print_claims(const VerifiedToken& v) {
    std::cout << "key id: " << v.key_id << "\n";
    if (v.passport) {
        auto& p = *v.passport;
        std::cout << "kind: passport\n"
                  << "passport id: " << passport_id_text(p.id) << "\n"
                  << "passport ref: " << hex_of(passport_ref_of(p.id)) << "\n"
                  << "short code: " << format_short_code(p.short_code) << "\n"
                  << "issued: " << p.issued.to_string() << "\n";
    }
    if (v.certificate) {
        auto& c = *v.certificate;
        std::cout << "kind: certificate\n"
                  << "serial: " << serial_text(c.serial) << "\n"
                  << "passport ref: " << hex_of(c.passport) << "\n"
                  << "consultation: " << c.consultation_id << "\n"
                  << "article: " << c.article << (c.article == 0 ? " (the draft as a whole)" : "")
                  << "\n"
                  << "adoption: " << adoption_code(c.adoption) << "\n"
                  << "decided: " << c.decided.to_string() << "\n";
    }
}

}  // namespace

void add_token_commands(CLI::App& app, int& exit_code) {
    auto* verify = app.add_subcommand(
        "verify", "Check a passport or certificate token (or the URL in its QR code) offline");
    static std::string text, revoked_file;
    static std::vector<std::string> key_files;
    verify
        ->add_option("TOKEN_OR_URL", text, "the token (LXP1:… / LXC1:…) or the URL a QR code holds")
        ->required();
    verify->add_option("--key", key_files, "a trusted public key file (.pub); repeat for several")
        ->required()
        ->expected(1)
        ->take_all();
    verify->add_option("--revoked", revoked_file,
                       "revocation list: one certificate serial (hex) a line, '#' comments");
    verify->callback([&exit_code] {
        std::vector<PublicKey> trusted;
        for (auto& f : key_files) {
            auto k = load_public_key(f);
            if (!k) {
                std::cerr << "cannot use key " << f << ": " << k.error().detail << "\n";
                exit_code = kUsage;
                return;
            }
            trusted.push_back(*k);
        }
        std::set<std::string> revoked;
        if (!revoked_file.empty() && !load_revoked(revoked_file, revoked)) {
            exit_code = kUsage;
            return;
        }
        auto v = verify_token(text, trusted, revoked);
        if (!v) {
            std::cout << "refused: " << token_problem_name(v.error().problem) << ": "
                      << v.error().detail << "\n";
            exit_code = kRefused;
            return;
        }
        std::cout << "valid\n";
        print_claims(*v);
        exit_code = 0;
    });

    auto* certificate = app.add_subcommand("certificate", "Adoption certificates");
    certificate->require_subcommand(1);
    auto* issue = certificate->add_subcommand(
        "issue", "Sign a certificate with the hub's certificate key; print its token or URL");
    static std::string key_file, passport_hex, consultation, adoption_text, date_text, public_url;
    static int article = -1;
    issue->add_option("--key", key_file, "the hub's certificate secret key (.key)")->required();
    issue
        ->add_option("--passport", passport_hex,
                     "the passport id (32 hex digits); the certificate carries only its ref")
        ->required();
    issue->add_option("--consultation", consultation, "the consultation (draft) content id")
        ->required();
    issue->add_option("--article", article, "the article number, 0 for the draft as a whole")
        ->required();
    issue->add_option("--adoption", adoption_text, "adopted or partly_adopted")->required();
    issue->add_option("--date", date_text, "the day it was adopted, YYYY-MM-DD")->required();
    issue->add_option("--public-url", public_url,
                      "print the QR code's URL on this public site instead of the bare token");
    issue->callback([&exit_code] {
        exit_code = kUsage;
        PassportId id{};
        if (!parse_passport_id(passport_hex, id)) {
            std::cerr << "--passport: '" << passport_hex << "' is not 32 hex digits\n";
            return;
        }
        CertificateClaims c;
        c.serial = new_certificate_serial();
        c.passport = passport_ref_of(id);
        c.consultation_id = consultation;
        c.article = article;
        if (!parse_adoption(adoption_text, c.adoption)) {
            std::cerr << "--adoption: '" << adoption_text
                      << "' is neither adopted nor partly_adopted\n";
            return;
        }
        if (!parse_local_date(date_text, c.decided)) {
            std::cerr << "--date: '" << date_text << "' is not a day written YYYY-MM-DD\n";
            return;
        }
        auto key = load_secret_key(key_file);
        if (!key) {
            std::cerr << "cannot use the certificate key: " << key.error().detail << "\n";
            return;
        }
        // With a public URL, the serial is drawn so the URL fits a version-10 QR code (11 if none can).
        auto token = public_url.empty() ? issue_certificate_token(c, *key)
                                        : issue_certificate_for_url(c, *key, public_url);
        if (!token) {
            std::cerr << "cannot issue: " << token.error().detail << "\n";
            return;
        }
        std::cout << (public_url.empty() ? *token : certificate_url(public_url, *token)) << "\n";
        std::cerr << "certificate " << serial_text(c.serial) << " signed by key " << key->pub.id
                  << "\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
