// `lianxin-admin verify TOKEN_OR_URL` (check a passport or certificate QR code offline) and
// `certificate issue` (sign a certificate with the hub's key before the hub exists).
// Exit status: 0 valid / issued, 1 refused, 2 usage errors (docs/tokens.md).
#include <fstream>
#include <iostream>
#include <set>

#include "admin-tool/cli_support.h"
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
        std::cerr << cli_text()("cli.verify.unreadable_revoked", {path}) << "\n";
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
            std::cerr << cli_text()("cli.verify.bad_serial", {path, std::to_string(line_no), line}) << "\n";
            return false;
        }
        out.insert(line);
    }
    return true;
}

void print_claims(const VerifiedToken& v) {
    auto& t = cli_text();
    std::cout << t("cli.verify.key_id", {v.key_id}) << "\n";
    if (v.passport) {
        auto& p = *v.passport;
        std::cout << t("cli.verify.kind_passport") << "\n"
                  << t("cli.verify.passport_id", {passport_id_text(p.id)}) << "\n"
                  << t("cli.verify.passport_ref", {hex_of(passport_ref_of(p.id))}) << "\n"
                  << t("cli.verify.short_code", {format_short_code(p.short_code)}) << "\n"
                  << t("cli.verify.issued", {p.issued.to_string()}) << "\n";
    }
    if (v.certificate) {
        auto& c = *v.certificate;
        std::cout << t("cli.verify.kind_certificate") << "\n"
                  << t("cli.verify.serial", {serial_text(c.serial)}) << "\n"
                  << t("cli.verify.passport_ref", {hex_of(c.passport)}) << "\n"
                  << t("cli.verify.consultation", {c.consultation_id}) << "\n"
                  << t(c.article == 0 ? "cli.verify.article_whole" : "cli.verify.article", {std::to_string(c.article)})
                  << "\n"
                  << t("cli.verify.adoption",
                       {t("cli.verify.adoption_word." + std::string(adoption_code(c.adoption)))})
                  << "\n"
                  << t("cli.verify.decided", {c.decided.to_string()}) << "\n";
    }
}

}  // namespace

void add_token_commands(CLI::App& app, int& exit_code) {
    auto& t = cli_text();
    auto* verify = app.add_subcommand("verify", t("cli.verify.about"));
    static std::string text, revoked_file;
    static std::vector<std::string> key_files;
    verify->add_option("TOKEN_OR_URL", text, t("cli.verify.token"))->required();
    verify->add_option("--key", key_files, t("cli.verify.key"))
        ->required()
        ->expected(1)
        ->take_all();
    verify->add_option("--revoked", revoked_file, t("cli.verify.revoked"));
    verify->callback([&exit_code] {
        auto& t = cli_text();
        std::vector<PublicKey> trusted;
        for (auto& f : key_files) {
            auto k = load_public_key(f);
            if (!k) {
                std::cerr << t("cli.verify.bad_key", {f, k.error().detail}) << "\n";
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
            std::cout << t("cli.verify.refused", {token_problem_name(v.error().problem), v.error().detail}) << "\n";
            exit_code = kRefused;
            return;
        }
        std::cout << t("cli.verify.valid") << "\n";
        print_claims(*v);
        exit_code = 0;
    });

    auto* certificate = app.add_subcommand("certificate", t("cli.certificate.about"));
    certificate->require_subcommand(1);
    auto* issue = certificate->add_subcommand("issue", t("cli.certificate.issue_about"));
    static std::string key_file, passport_hex, consultation, adoption_text, date_text, public_url;
    static int article = -1;
    issue->add_option("--key", key_file, t("cli.certificate.key"))->required();
    issue->add_option("--passport", passport_hex, t("cli.certificate.passport"))->required();
    issue->add_option("--consultation", consultation, t("cli.certificate.consultation"))->required();
    issue->add_option("--article", article, t("cli.certificate.article"))->required();
    issue->add_option("--adoption", adoption_text, t("cli.certificate.adoption"))->required();
    issue->add_option("--date", date_text, t("cli.certificate.date"))->required();
    issue->add_option("--public-url", public_url, t("cli.certificate.public_url"));
    issue->callback([&exit_code] {
        auto& t = cli_text();
        exit_code = kUsage;
        PassportId id{};
        if (!parse_passport_id(passport_hex, id)) {
            std::cerr << t("cli.certificate.bad_passport", {passport_hex}) << "\n";
            return;
        }
        CertificateClaims c;
        c.serial = new_certificate_serial();
        c.passport = passport_ref_of(id);
        c.consultation_id = consultation;
        c.article = article;
        if (!parse_adoption(adoption_text, c.adoption)) {
            std::cerr << t("cli.certificate.bad_adoption", {adoption_text}) << "\n";
            return;
        }
        if (!parse_local_date(date_text, c.decided)) {
            std::cerr << t("cli.certificate.bad_date", {date_text}) << "\n";
            return;
        }
        auto key = load_secret_key(key_file);
        if (!key) {
            std::cerr << t("cli.certificate.bad_key", {key.error().detail}) << "\n";
            return;
        }
        // With a public URL, the serial is drawn so the URL fits a version-10 QR code (11 if none can).
        auto token = public_url.empty() ? issue_certificate_token(c, *key)
                                        : issue_certificate_for_url(c, *key, public_url);
        if (!token) {
            std::cerr << t("cli.certificate.failed", {token.error().detail}) << "\n";
            return;
        }
        std::cout << (public_url.empty() ? *token : certificate_url(public_url, *token)) << "\n";
        std::cerr << t("cli.certificate.signed", {serial_text(c.serial), key->pub.id}) << "\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
