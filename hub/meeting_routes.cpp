// The meeting request form for phones: GET /m/ (or /m/<deputy>, that deputy chosen) shows the
// station's deputies from the latest published bundle and sets the form's CSRF cookie; POST /m/
// takes a request, made by make_meeting_request exactly as at a kiosk, with the phone opinion
// form's rate limit, body limit and per-field problems. Plain HTML, no JavaScript.
#include <spdlog/spdlog.h>

#include "core/i18n/date_text.h"
#include "core/records/meeting_request.h"
#include "hub/page_support.h"
#include "hub/pages/opinion_form.h"
#include "hub/routes.h"

namespace lianxin::hub {

void Routes::add_meeting_form(HubServer& hub, httplib::Server& http) {
    auto form = [&hub](const httplib::Request& req, httplib::Response& res) {
        PageFrame f = frame_of_form(hub, req);
        auto content = hub.content();
        Moment now{hub.now(), local_date_of(hub.now())};
        MeetingFormPage page;
        page.action = "/m/";  // canonical: the form's cookie is for /m/
        page.max_topic_chars = kMeetingTopicMaxChars;
        page.max_name_chars = kContactNameMaxChars;
        if (content)
            for (const Deputy& d : content->content.deputies)
                page.deputies.push_back({d.id, d.name.shown_in(f.lang), d.reception.shown_in(f.lang)});
        // /m/<deputy>: a deputy's QR code at the kiosk opens the form with them chosen.
        if (req.method == "GET" && req.matches.size() > 1 && content && content->content.find_deputy(req.matches[1]))
            page.values.deputy = req.matches[1];
        std::string cookie = cookie_value(req, "lx_form");
        if (req.method == "POST" && !page.deputies.empty()) {
            if (!check_form_token(hub.form_secret_, cookie, kMeetingFormScope, req.get_param_value("form_token"))) {
                page.problems.push_back({FormField::none, hub.web_.get(f.lang, "form.expired")});
                cookie.clear();  // a fresh cookie and token below
            } else if (std::string client = rate_limit_client(req); form_flooded(hub, "meeting-form", client, now.utc_ms)) {
                page.problems.push_back({FormField::none, hub.web_.get(f.lang, "meeting.too_many")});
                res.status = 429;
            } else {
                page.values = meeting_form_values(form_fields(req));
                // Made as a kiosk makes its requests, and put in the same words.
                auto made = make_meeting_request(meeting_draft_from_form(page.values, f.lang), content->content,
                                                 "phone", now);
                if (!made) {
                    for (const MeetingProblem& p : made.error().problems)
                        page.problems.push_back(
                            {form_field_of(p.field), meeting_problem_text(p, f.lang, hub.kiosk_strings_)});
                } else {
                    SyncPush push;
                    push.meetings.push_back(*made);
                    switch (keep_form_push(hub, "meeting-form", client, now.utc_ms, push)) {
                        case FormKept::too_many:
                            page.problems.push_back({FormField::none, hub.web_.get(f.lang, "meeting.too_many")});
                            res.status = 429;
                            break;
                        case FormKept::not_stored:
                            page.problems.push_back(
                                {FormField::none, hub.kiosk_strings_.get(f.lang, "record.problem.not_stored")});
                            break;
                        case FormKept::kept: page.thanks = true; break;
                    }
                }
            }
        }
        if (cookie.size() != 32) {
            cookie = new_form_cookie();
            res.set_header("Set-Cookie", "lx_form=" + cookie + "; Path=/m/; HttpOnly; SameSite=Strict; Max-Age=86400");
        }
        page.form_token = form_token(hub.form_secret_, cookie, kMeetingFormScope);
        html(res, res.status == 429 ? 429 : 200, render_meeting_form(hub.web_, f, page));
    };
    http.Get(R"(/[mM]/?)", form);
    http.Get(R"(/[mM]/([a-z0-9_-]{1,64}))", form);
    http.Post(R"(/[mM]/?)", form_post(form));
}

}  // namespace lianxin::hub
