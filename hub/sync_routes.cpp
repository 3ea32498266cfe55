// Kiosk routes: POST /api/v1/sync (push records, pull changes) and the content bundle downloads.
// Every request is signed by a registered, unrevoked kiosk (docs/sync-protocol.md).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/opinions/opinion_rules.h"
#include "core/sync/sync_messages.h"
#include "hub/routes.h"

namespace lianxin::hub {

namespace {

// Takes out of the push the opinions on a consultation or article the published content does not
// have, and the meeting requests for a deputy it does not have, each with its reason: the record is
// refused, the rest of the push goes on. Without any published content the hub cannot judge, and
// takes them.
void refuse_unknown_references(const LoadedBundle* content, SyncPush& push) {
    if (!content) return;
    std::vector<Opinion> kept;
    for (Opinion& o : push.opinions) {
        const Consultation* c = content->content.find_consultation(o.consultation_id);
        std::string why;
        if (!c)
            why = "consultation: '" + o.consultation_id + "' is not in the published content " +
                  content->info.content_version;
        else if (o.article && !c->find_article(*o.article))
            why = "article: " + std::to_string(*o.article) + " is not an article of '" + o.consultation_id + "'";
        if (why.empty())
            kept.push_back(std::move(o));
        else
            push.refused.push_back(RecordProblem{"opinion", o.id, why});
    }
    push.opinions = std::move(kept);
    // A meeting request asks for a deputy of the station: one the published content lacks is
    // refused like an opinion on an unknown draft (the kiosk keeps it, marked refused).
    std::vector<MeetingRequest> meetings;
    for (MeetingRequest& m : push.meetings) {
        if (content->content.find_deputy(m.deputy))
            meetings.push_back(std::move(m));
        else
            push.refused.push_back(RecordProblem{"meeting", m.id,
                                                 "deputy: '" + m.deputy + "' is not in the published content " +
                                                     content->info.content_version});
    }
    push.meetings = std::move(meetings);
}

// The consultations the figures count: those of the published content open for opinions, in the
// kiosk's order; nullopt without content (the store then takes those with the most opinions).
std::optional<std::vector<std::string>> open_consultations(const LoadedBundle* content) {
    if (!content) return std::nullopt;
    std::vector<const Consultation*> open;
    for (const Consultation& c : content->content.consultations)
        if (c.is_collecting()) open.push_back(&c);
    std::stable_sort(open.begin(), open.end(), [](auto* a, auto* b) { return a->order < b->order; });
    std::vector<std::string> ids;
    for (const Consultation* c : open)
        if (ids.size() < kLiveFiguresMaxConsultations) ids.push_back(c->id);
    return ids;
}

}  // namespace

void Routes::add_sync(HubServer& hub, httplib::Server& http) {
    http.Post("/api/v1/sync", [&hub](const httplib::Request& req, httplib::Response& res) {
        // Checklist step 1 (docs/sync-protocol.md). The connection front (hub/http_front.h) has
        // refused a larger Content-Length already; this holds for any other way a body arrives.
        if (req.body.size() > kSyncMaxBodyBytes)
            return json_error(res, 413, "a push is at most " + std::to_string(kSyncMaxBodyBytes) + " bytes");
        auto kiosk = hub.verify_kiosk(req, res);
        if (!kiosk) return;
        auto push = parse_sync_push(req.body);
        if (!push) return json_error(res, push.error().code == ErrorCode::too_large ? 413 : 400, push.error().detail);
        // Checklist step 4: records are filed under the signing key's kiosk, so a push naming
        // another kiosk is a misconfigured (or copied) kiosk.toml; refuse it rather than let the
        // kiosk believe records are filed under the id it sent.
        if (push->kiosk != *kiosk)
            return json_error(res, 403, "push.kiosk '" + push->kiosk + "' does not belong to key " + *kiosk +
                                            " (kiosk.toml [kiosk] id must be the id the hub registered)");
        auto content = hub.content();
        refuse_unknown_references(content.get(), *push);
        for (const RecordProblem& p : push->refused)
            spdlog::warn("kiosk {}: {} {} refused: {}", *kiosk, p.kind, p.id, p.reason);
        // The kiosk's report of changes it could not take: the hub's log is where staff look.
        for (const RecordProblem& p : push->skipped)
            spdlog::warn("kiosk {} skipped {} {}: {}", *kiosk, p.kind, p.id, p.reason);
        auto held = hub.store_->ingest(*kiosk, *push, hub.now());
        if (!held) return store_error(res, held.error());
        auto reply = hub.store_->changes_since(*kiosk, push->cursor, kSyncMaxBatch);
        if (!reply) return store_error(res, reply.error());
        reply->held_opinions = std::move(held->held_opinions);
        reply->held_passports = std::move(held->held_passports);
        reply->held_stamps = std::move(held->held_stamps);
        reply->held_guestbook = std::move(held->held_guestbook);
        reply->held_meetings = std::move(held->held_meetings);
        reply->refused = std::move(push->refused);
        // "" when the hub was given none: a kiosk then forgets one an earlier reply gave it.
        reply->public_url = hub.cfg_.public_url_given ? hub.cfg_.public_url : std::string();
        if (held->new_opinions + held->new_passports + held->new_stamps + held->new_guestbook + held->new_meetings > 0)
            spdlog::info("kiosk {}: {} opinions, {} passports, {} stamps, {} guestbook entries, {} meeting requests new",
                         *kiosk, held->new_opinions, held->new_passports, held->new_stamps, held->new_guestbook,
                         held->new_meetings);
        // The district's live figures ride on every reply; a store that cannot count them leaves the
        // block out (the kiosk keeps showing its last, dated), never the reply.
        if (auto figures = hub.store_->district_figures(open_consultations(content.get())))
            reply->figures = std::move(*figures);
        else
            spdlog::warn("kiosk {}: live figures not counted: {}", *kiosk, figures.error().detail);
        res.set_content(to_json(*reply), "application/json");
    });

    http.Get("/api/v1/bundles/current", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_kiosk(req, res)) return;
        auto b = hub.store_->current_bundle();
        if (!b) return store_error(res, b.error());
        if (!*b) return json_error(res, 404, "no content bundle has been published");
        json_reply(res, {{"version", (*b)->version}, {"sha256", (*b)->sha256}, {"size", (*b)->size}});
    });

    http.Get(R"(/api/v1/bundles/([0-9A-Za-z._+-]+))", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_kiosk(req, res)) return;
        auto bytes = hub.store_->bundle_bytes(req.matches[1]);
        if (!bytes) return store_error(res, bytes.error());
        res.set_content(*bytes, "application/octet-stream");
    });

    http.Get(R"(/api/v1/bundles/([0-9A-Za-z._+-]+)/signature)", [&hub](const httplib::Request& req, httplib::Response& res) {
        if (!hub.verify_kiosk(req, res)) return;
        auto meta = hub.store_->find_bundle(req.matches[1]);
        if (!meta) return store_error(res, meta.error());
        res.set_content(meta->signature, "text/plain");
    });
}

}  // namespace lianxin::hub
