// Admin routes, each signed with an enrolled admin key: the kiosk registry, opinions and their
// statuses (issuing the certificate an adopted opinion with a passport earns), the guestbook and
// meeting requests with staff's answers, certificate revocation and content publishing.
// lianxin-admin is their client.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/base/ascii.h"
#include "core/base/calendar.h"
#include "core/base/files.h"
#include "core/base/uuid.h"
#include "core/i18n/date_text.h"
#include "core/sync/admin_messages.h"
#include "core/sync/admin_records.h"
#include "core/tokens/token.h"
#include "hub/routes.h"

namespace lianxin::hub {

namespace {

using nlohmann::json;

json kiosk_json(const KioskRecord& k) {
    json j{{"id", k.id}, {"name", k.name}, {"code", k.code}, {"registered_at", k.registered_at_ms},
           {"revoked", k.revoked()}};
    if (k.last_heartbeat) {
        auto& h = *k.last_heartbeat;
        j["last_contact"] = h.at_ms;
        j["app_version"] = h.heartbeat.app_version;
        j["content_version"] = h.heartbeat.content_version;
        j["outbox_depth"] = h.heartbeat.outbox_depth;
        j["last_error"] = h.heartbeat.last_error;
        const StorageReport& st = h.heartbeat.storage;
        if (st != StorageReport{})
            j["storage"] = {{"set_aside", st.set_aside}, {"newest", st.newest}, {"newest_at", st.newest_at_ms},
                            {"salvaged", st.salvaged}, {"left_out", st.left_out}, {"fault", st.fault}};
    }
    return j;
}

AdminOpinion admin_view(const StoredOpinion& s) {
    const Opinion& o = s.opinion;
    AdminOpinion a{o.id, o.consultation_id, o.article, o.stance, o.text, lang_code(o.lang), o.kiosk,
                   s.channel, o.created_at_ms, s.received_at_ms, s.status, s.reply, {}, {}, s.hidden_reason,
                   s.final_article};
    if (o.contact_consent) {
        a.contact_name = o.contact_name;
        a.contact_phone = o.contact_phone;
    }
    return a;
}

// A meeting request as staff see it: contact details only with the resident's consent; the
// passport only as "there is one" (its id opens it).
AdminMeeting admin_view(const StoredMeetingRequest& s) {
    AdminMeeting a{s.request, s.request.passport.has_value(), s.received_at_ms};
    a.request.passport.reset();
    if (!a.request.consent) {
        a.request.name.clear();
        a.request.phone.clear();
    }
    return a;
}

std::string sha256_of(const std::string& bytes) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(std::span<const std::uint8_t>(h, sizeof h));
}


}  // namespace

void Routes::add_admin(HubServer& hub, httplib::Server& http) {
    // Register a kiosk: the admin tool made its key pair and sends the public key; the hub gives
    // it a unique code. Answers what the kiosk's configuration needs from the hub.
    http.Post("/api/v1/admin/kiosks", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::operator_);
        if (!by) return;
        auto reg = parse_kiosk_registration(req.body);
        if (!reg) return json_error(res, 400, reg.error().detail);
        const std::string& name = reg->name;
        auto key = parse_public_key(reg->public_key);
        if (!key) return json_error(res, 400, key.error().detail);
        // A code may be asked for (a kiosk whose passports already carry it); else the next free one.
        Result<std::string> code = reg->code ? Result<std::string>(*reg->code) : hub.store_->next_kiosk_code();
        if (!code) return store_error(res, code.error());
        if (auto st = hub.store_->add_kiosk(key->id, name, *code, *key, hub.now(), &*by); !st) return store_error(res, st.error());
        json out{{"id", key->id}, {"name", name}, {"code", *code}};
        // Only a URL the hub was given: its default would point every passport at localhost.
        if (hub.cfg_.public_url_given) out["public_url"] = hub.cfg_.public_url;
        if (hub.cfg_.certificate_key) out["certificate_key"] = hub.cfg_.certificate_key->pub.to_text();
        json publishers = json::array();
        for (auto& k : hub.cfg_.publisher_keys) publishers.push_back(k.to_text());
        out["publisher_keys"] = publishers;
        spdlog::info("kiosk {} registered as {} with code {}", name, key->id, *code);
        json_reply(res, out, 201);
    });

    http.Get("/api/v1/admin/kiosks", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, AdminRole::operator_)) return;
        auto list = hub.store_->list_kiosks();
        if (!list) return store_error(res, list.error());
        json out = json::array();
        for (auto& k : *list)
            if (k.id != kPhoneKioskId) out.push_back(kiosk_json(k));
        json_reply(res, out);
    });

    http.Post(R"(/api/v1/admin/kiosks/([0-9a-f]{16})/revoke)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::operator_);
        if (!by) return;
        if (auto st = hub.store_->revoke_kiosk(req.matches[1], hub.now(), &*by); !st) return store_error(res, st.error());
        spdlog::warn("kiosk {} revoked", std::string(req.matches[1]));
        json_reply(res, {{"revoked", std::string(req.matches[1])}});
    });

    http.Get("/api/v1/admin/opinions", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, AdminRole::reviewer)) return;
        auto f = parse_opinion_query(req.params);
        if (!f) return json_error(res, 400, f.error().detail);
        auto list = hub.store_->list_opinions(*f);
        if (!list) return store_error(res, list.error());
        std::vector<AdminOpinion> out;
        out.reserve(list->size());
        for (auto& o : *list) out.push_back(admin_view(o));
        res.status = 200;
        res.set_content(to_json_array(out), "application/json");
    });

    // Record an opinion that reached staff on a paper card or by phone, stamped into the visitor's
    // passport when its short code is given. Judged by the kiosks' rules and, when the hub serves
    // content, against the consultation's articles; a card that came after the deadline counts.
    http.Post("/api/v1/admin/opinions", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        auto staff = parse_staff_opinion(req.body);
        if (!staff) return json_error(res, 400, staff.error().detail);
        if (auto content = hub.content()) {
            const Consultation* c = content->content.find_consultation(staff->consultation);
            if (!c) return json_error(res, 400, "consultation '" + staff->consultation + "' is not in the published content");
            if (staff->draft.article && !c->find_article(*staff->draft.article))
                return json_error(res, 400, "consultation '" + staff->consultation + "' has no article " +
                                                std::to_string(*staff->draft.article));
        }
        std::int64_t now = hub.now();
        // The day the card or call came, at noon: its UUIDv7 and time sort it among that day's opinions.
        std::int64_t at = staff->received_on ? local_midnight_ms(*staff->received_on) + 12 * 3'600'000 : now;
        Opinion o = opinion_from_draft(staff->draft);
        o.id = new_uuid_v7(at);
        o.consultation_id = staff->consultation;
        o.kiosk = channel_code(staff->channel);
        o.created_at_ms = at;
        auto outcome = hub.store_->add_staff_opinion(o, staff->channel, staff->passport_code, now, &*by);
        if (!outcome) return store_error(res, outcome.error());
        json_reply(res, {{"id", o.id}, {"passport", outcome->passport_id}}, 201);
    });

    // Hide an opinion's text from public pages (abuse, personal details written into it), with the
    // reason kept in the audit log; never deleted. {"reason": null} shows it again.
    http.Post(R"(/api/v1/admin/opinions/([0-9a-f-]{36})/hide)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        auto h = parse_hide_decision(req.body);
        if (!h) return json_error(res, 400, h.error().detail);
        if (auto st = hub.store_->hide_opinion(req.matches[1], h->reason, hub.now(), &*by); !st)
            return store_error(res, st.error());
        json_reply(res, {{"id", std::string(req.matches[1])}, {"hidden", h->reason.has_value()}});
    });

    // The law as adopted: its text per article (replacing any entered before), then each adopted
    // opinion linked to the article it changed. Phones and certificates show the trace.
    http.Put(R"(/api/v1/admin/consultations/([A-Za-z0-9_-]{1,20})/final)",
             [&hub](const httplib::Request& req, httplib::Response& res) {
                 auto by = hub.verify_admin(req, res, AdminRole::reviewer);
                 if (!by) return;
                 auto articles = parse_final_text(req.body);
                 if (!articles) return json_error(res, 400, articles.error().detail);
                 if (auto st = hub.store_->set_final_text(req.matches[1], *articles, hub.now(), &*by); !st)
                     return store_error(res, st.error());
                 json_reply(res, {{"consultation", std::string(req.matches[1])}, {"articles", articles->size()}});
             });
    http.Get(R"(/api/v1/admin/consultations/([A-Za-z0-9_-]{1,20})/final)",
             [&hub](const httplib::Request& req, httplib::Response& res) {
                 if (!hub.verify_admin(req, res, std::nullopt)) return;
                 auto articles = hub.store_->final_text(req.matches[1]);
                 if (!articles) return store_error(res, articles.error());
                 res.status = 200;
                 res.set_content(to_json(*articles), "application/json");
             });
    http.Post(R"(/api/v1/admin/opinions/([0-9a-f-]{36})/trace)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        auto t = parse_trace_decision(req.body);
        if (!t) return json_error(res, 400, t.error().detail);
        if (auto st = hub.store_->trace_opinion(req.matches[1], t->final_article, hub.now(), &*by); !st)
            return store_error(res, st.error());
        json_reply(res, {{"id", std::string(req.matches[1])},
                         {"final_article", t->final_article ? json(*t->final_article) : json(nullptr)}});
    });

    // Set an opinion's status and reply. An adopted or partly adopted opinion that belongs to a
    // passport earns a certificate, signed with the hub's certificate key and fed to the kiosks.
    http.Post(R"(/api/v1/admin/opinions/([0-9a-f-]{36})/status)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        auto change = parse_status_decision(req.body);
        if (!change) return json_error(res, 400, change.error().detail);
        const OpinionStatus status = change->status;
        const std::string& reply = change->reply;
        std::int64_t now = hub.now();
        auto outcome = hub.store_->set_status(req.matches[1], status, reply, now, &*by);
        if (!outcome) return store_error(res, outcome.error());
        // The opinion as it is now, in the list's own form (one writer of it).
        json out = json::parse(to_json_array({admin_view(outcome->opinion)}))[0];
        const bool earns = status == OpinionStatus::adopted || status == OpinionStatus::partly_adopted;
        const Adoption adoption = status == OpinionStatus::adopted ? Adoption::adopted : Adoption::partly_adopted;
        const std::string& opinion_id = outcome->opinion.opinion.id;
        // The certificate the opinion already has: kept when the status is set again (a corrected
        // reply must not print a second one), revoked when the adoption changes or is withdrawn.
        auto live = hub.store_->live_certificate_of(opinion_id);
        if (!live) return store_error(res, live.error());
        auto describe = [&](const std::string& serial, const std::string& token) {
            return json{{"serial", serial}, {"token", token}, {"url", certificate_url(hub.cfg_.public_url, token)}};
        };
        if (earns && !outcome->passport_id.empty()) {
            if (!hub.cfg_.certificate_key)
                return json_error(res, 409, "status saved, but no certificate: the hub has no certificate_key in hub.toml");
            // A certificate is fitted to the URL its QR code carries; without one given, no phone
            // could open it, and kiosks draw it on URLs of their own it was not fitted to.
            if (!hub.cfg_.public_url_given)
                return json_error(res, 409,
                                  "status saved, but no certificate: the hub has no public_url (hub.toml [hub] public_url "
                                  "or --public-url); set it and send the status again");
            if (*live) {
                auto v = verify_token((*live)->token, {hub.cfg_.certificate_key->pub});
                if (v && v->certificate && v->certificate->adoption == adoption) {
                    out["certificate"] = describe((*live)->serial, (*live)->token);
                    return json_reply(res, out);
                }
            }
            PassportId pid{};
            if (!parse_passport_id(outcome->passport_id, pid)) return json_error(res, 500, "the opinion's passport id is malformed");
            CertificateClaims c;
            c.serial = new_certificate_serial();
            c.passport = passport_ref_of(pid);
            c.consultation_id = outcome->opinion.opinion.consultation_id;
            c.article = outcome->opinion.opinion.article.value_or(0);
            c.adoption = adoption;
            c.decided = local_date_of(now);
            auto token = issue_certificate_for_url(c, *hub.cfg_.certificate_key, hub.cfg_.public_url);
            if (!token)
                return json_error(res, 500, "status saved, but the certificate was not issued (" + token.error().detail +
                                                "); send the status again to issue it");
            if (auto st = hub.store_->add_certificate(serial_text(c.serial), outcome->passport_id, opinion_id, *token, now, &*by); !st)
                return store_error(res, st.error());
            out["certificate"] = describe(serial_text(c.serial), *token);
        }
        if (*live) {
            // Replaced by the certificate above, or no longer earned: withdrawn on every kiosk.
            if (auto st = hub.store_->revoke_certificate((*live)->serial, now, &*by); !st) return store_error(res, st.error());
            out["revoked"] = (*live)->serial;
        }
        json_reply(res, out);
    });

    // Every certificate issued, newest first, with its opinion, passport and whether it is revoked.
    http.Get("/api/v1/admin/certificates", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, AdminRole::reviewer)) return;
        std::int64_t limit = static_cast<std::int64_t>(kAdminListMax), offset = 0;
        for (auto& [k, v] : req.params) {
            bool ok = (k == "limit" && parse_whole_number(v, static_cast<std::int64_t>(kAdminListMax), limit)) ||
                      (k == "offset" && parse_whole_number(v, kMaxListOffset, offset));
            if (!ok) return json_error(res, 400, "the certificate list takes limit (0 to 1000) and offset, each a whole number");
        }
        auto list = hub.store_->list_certificates(static_cast<std::size_t>(limit), static_cast<std::size_t>(offset));
        if (!list) return store_error(res, list.error());
        json out = json::array();
        for (auto& c : *list)
            out.push_back({{"serial", c.serial},
                           {"opinion", c.opinion_id},
                           {"passport", c.passport_id},
                           {"issued_at", c.issued_at_ms},
                           {"revoked_at", c.revoked_at_ms ? json(*c.revoked_at_ms) : json(nullptr)},
                           {"url", certificate_url(hub.cfg_.public_url, c.token)}});
        json_reply(res, out);
    });

    // The guestbook, newest first: any staff role may read it (it holds no contact details).
    http.Get("/api/v1/admin/guestbook", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, std::nullopt)) return;
        auto q = parse_guestbook_query(req.params);
        if (!q) return json_error(res, 400, q.error().detail);
        auto list = hub.store_->list_guestbook(*q);
        if (!list) return store_error(res, list.error());
        std::vector<AdminGuestbookEntry> out;
        out.reserve(list->size());
        for (auto& g : *list) out.push_back({g.entry, g.received_at_ms});
        res.status = 200;
        res.set_content(to_json_array(out), "application/json");
    });

    // The delegations received, per kiosk and in total (the statistics and the kiosks' figures).
    http.Get("/api/v1/admin/guestbook/count", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, std::nullopt)) return;
        auto c = hub.store_->guestbook_counts();
        if (!c) return store_error(res, c.error());
        res.status = 200;
        res.set_content(to_json(*c), "application/json");
    });

    // Meeting requests, oldest first, with contact details: reviewers, who see opinions' too.
    http.Get("/api/v1/admin/meetings", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, AdminRole::reviewer)) return;
        auto q = parse_meeting_query(req.params);
        if (!q) return json_error(res, 400, q.error().detail);
        auto list = hub.store_->list_meetings(*q);
        if (!list) return store_error(res, list.error());
        std::vector<AdminMeeting> out;
        out.reserve(list->size());
        for (auto& m : *list) out.push_back(admin_view(m));
        res.status = 200;
        res.set_content(to_json_array(out), "application/json");
    });

    // Answer a meeting request: status and reply, audited with the change and fed to its kiosk,
    // whose passport screen shows the answer.
    http.Post(R"(/api/v1/admin/meetings/([0-9a-f-]{36})/answer)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        auto answer = parse_meeting_answer(req.body);
        if (!answer) return json_error(res, 400, answer.error().detail);
        auto outcome = hub.store_->answer_meeting(req.matches[1], *answer, hub.now(), &*by);
        if (!outcome) return store_error(res, outcome.error());
        res.status = 200;
        res.set_content(json::parse(to_json_array({admin_view(*outcome)}))[0].dump(), "application/json");
    });

    http.Get("/api/v1/admin/passports/count", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, AdminRole::reviewer)) return;
        auto c = hub.store_->passport_counts();
        if (!c) return store_error(res, c.error());
        json_reply(res, json{{"passports", c->passports}, {"with_opinion", c->with_opinion}});
    });

    http.Post(R"(/api/v1/admin/certificates/([0-9a-f]{16})/revoke)", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::reviewer);
        if (!by) return;
        if (auto st = hub.store_->revoke_certificate(req.matches[1], hub.now(), &*by); !st) return store_error(res, st.error());
        json_reply(res, {{"revoked", std::string(req.matches[1])}});
    });

    // Publish a bundle: the body is the bundle file, X-Lianxin-Bundle-Signature its detached
    // signature (base64 of the .sig file). It must load and verify against the publisher keys in
    // hub.toml before any kiosk is told about it.
    http.Post("/api/v1/admin/bundles", [&hub](const httplib::Request& req, httplib::Response& res) {
        auto by = hub.verify_admin(req, res, AdminRole::editor);
        if (!by) return;
        std::string sig_b64 = req.get_header_value("X-Lianxin-Bundle-Signature");
        std::string sig(sig_b64.size(), '\0');
        std::size_t sig_len = 0;
        if (sig_b64.empty() || sodium_base642bin(reinterpret_cast<unsigned char*>(sig.data()), sig.size(), sig_b64.data(),
                                                 sig_b64.size(), nullptr, &sig_len, nullptr,
                                                 sodium_base64_VARIANT_ORIGINAL) != 0)
            return json_error(res, 400, "X-Lianxin-Bundle-Signature must carry the bundle's .sig file in base64");
        sig.resize(sig_len);
        if (hub.cfg_.publisher_keys.empty())
            return json_error(res, 409, "the hub trusts no publisher key: add publisher_keys to hub.toml");
        auto dir = std::filesystem::temp_directory_path() / ("lianxin-publish-" + std::to_string(::getpid()) + "-" +
                                                             std::to_string(hub.now()));
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        auto path = dir / "bundle.lxb";
        auto cleanup = [&] { std::filesystem::remove_all(dir, ec); };
        if (!write_file_atomic(path, req.body) || !write_file_atomic(dir / "bundle.lxb.sig", sig)) {
            cleanup();
            return json_error(res, 500, "cannot stage the bundle on the hub's disk");
        }
        auto loaded = load_bundle(path, hub.cfg_.publisher_keys);
        cleanup();
        if (!loaded) return json_error(res, 400, "bundle refused: " + loaded.error().detail);
        // Its version is named in every sync reply and download URL: kiosks must be able to take it.
        if (!is_content_version(loaded->info.content_version))
            return json_error(res, 400, "bundle refused: its version '" + loaded->info.content_version.substr(0, 40) +
                                            "' is not a content version (at most " +
                                            std::to_string(kContentVersionMaxBytes) + " letters, digits, '.', '_', '+' or '-')");
        BundleRecord meta{loaded->info.content_version, sha256_of(req.body), static_cast<std::int64_t>(req.body.size()), sig,
                          hub.now()};
        if (auto st = hub.store_->add_bundle(meta, req.body, &*by); !st) return store_error(res, st.error());
        spdlog::info("content {} published ({} bytes)", meta.version, meta.size);
        json_reply(res, {{"version", meta.version}, {"sha256", meta.sha256}, {"size", meta.size}}, 201);
    });

    // The publication history, newest first: what kiosks were told to run, when and by whom.
    http.Get("/api/v1/admin/bundles", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, std::nullopt)) return;
        auto list = hub.store_->publications(kAdminListMax);
        if (!list) return store_error(res, list.error());
        json out = json::array();
        for (auto& p : *list)
            out.push_back({{"version", p.version}, {"at", p.at_ms}, {"admin_key", p.admin_key}, {"admin_name", p.admin_name}});
        json_reply(res, out);
    });

    // Roll back (or forward): kiosks are told to run a version the hub holds, at their next sync.
    http.Post(R"(/api/v1/admin/bundles/([A-Za-z0-9._+-]{1,32})/publish)",
              [&hub](const httplib::Request& req, httplib::Response& res) {
                  auto by = hub.verify_admin(req, res, AdminRole::editor);
                  if (!by) return;
                  const std::string version = req.matches[1];
                  if (auto st = hub.store_->publish_bundle(version, hub.now(), &*by); !st)
                      return store_error(res, st.error());
                  spdlog::info("content {} published again", version);
                  json_reply(res, {{"version", version}});
              });

    // The audit log, oldest first: every change made through these routes.
    http.Get("/api/v1/admin/audit", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_admin(req, res, std::nullopt)) return;
        auto q = parse_audit_query(req.params);
        if (!q) return json_error(res, 400, q.error().detail);
        auto list = hub.store_->list_audit(*q);
        if (!list) return store_error(res, list.error());
        res.status = 200;
        res.set_content(to_json_array(*list), "application/json");
    });
}

}  // namespace lianxin::hub
