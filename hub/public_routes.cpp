// Public routes for phones: /p/<token> a passport, /c/<token> a certificate (verified and checked
// against revocation), /o/<consultation> the opinion form with its draft, and the page for any
// other address a phone opens (the meeting request form, /m/, is meeting_routes.cpp). Plain HTML, no JavaScript, in the
// phone's language with a toggle; /P/ and /C/ too, since QR codes carry them upper-case.
#include <spdlog/spdlog.h>

#include "core/base/uuid.h"
#include "core/i18n/date_text.h"
#include "core/opinions/opinion_problem_text.h"
#include "core/opinions/opinion_rules.h"
#include "core/tokens/short_code.h"
#include "hub/page_support.h"
#include "hub/routes.h"

namespace lianxin::hub {

namespace {

std::string form_url(const std::string& consultation_id, Lang lang) {
    return "/o/" + consultation_id + "?lang=" + lang_code(lang);
}

// The consultations a resident can still send an opinion on today, as links to their forms.
std::vector<PageLink> open_drafts(const LoadedBundle* content, Lang lang, const LocalDate& today,
                                  const std::string& except_id = "") {
    std::vector<PageLink> out;
    if (!content) return out;
    for (auto& c : content->content.consultations)
        if (c.id != except_id && c.is_collecting() && today <= c.deadline)
            out.push_back({c.title.in(lang), form_url(c.id, lang)});
    return out;
}

std::string provision(const Consultation* c, std::optional<int> article, Lang lang, const StringTable& t) {
    if (!article || *article == 0) return t.get(lang, "passport.whole_draft");
    if (c)
        if (auto* a = c->find_article(*article)) return a->title.in(lang);
    return format_text(t.get(lang, "passport.article"), {std::to_string(*article)});
}

}  // namespace

void Routes::public_not_found(HubServer& hub, const httplib::Request& req, httplib::Response& res) {
    PageFrame f = frame_for(hub, req);
    auto content = hub.content();
    html(res, 404, render_not_found(hub.web_, f, "notfound.page", open_drafts(content.get(), f.lang, local_date_of(hub.now()))));
}

void Routes::add_public(HubServer& hub, httplib::Server& http) {
    auto passport = [&hub](const httplib::Request& req, httplib::Response& res) {
        PageFrame f = frame_for(hub, req);
        std::vector<PublicKey> kiosk_keys;
        if (auto list = hub.store_->list_kiosks())
            for (auto& k : *list) kiosk_keys.push_back(k.key);  // a revoked kiosk's earlier passports stay good
        auto v = verify_token(req.matches[1].str(), kiosk_keys);
        if (!v || !v->passport) return html(res, 400, render_passport_problem(hub.web_, f, "passport.invalid"));
        auto view = hub.store_->find_passport(passport_id_text(v->passport->id));
        if (!view) {
            if (view.error().code != ErrorCode::not_found) spdlog::error("store: {}", view.error().detail);
            return html(res, 404, render_passport_problem(hub.web_, f, "passport.not_found"));
        }
        auto content = hub.content();
        PassportPage page;
        page.short_code = format_short_code(view->short_code);
        page.issued = view->issued_on;
        for (auto& s : view->stamps) {
            PassportPageStamp ps;
            ps.kind = s.kind;
            ps.date = local_date_of(s.created_at_ms);
            if (s.opinion) {
                const Consultation* c = content ? content->content.find_consultation(s.opinion->consultation_id) : nullptr;
                ps.draft = c ? c->title.in(f.lang) : s.opinion->consultation_id;
                ps.provision = provision(c, s.opinion->article, f.lang, hub.web_);
                ps.text = s.opinion->text;
                ps.hidden = s.opinion->hidden;
                if (auto& fa = s.opinion->final_article) {
                    ps.final_title = fa->title.shown_in(f.lang);
                    ps.final_text = fa->text.shown_in(f.lang);
                }
                ps.status = s.opinion->status;
                ps.reply = s.opinion->reply;
            }
            page.stamps.push_back(std::move(ps));
        }
        for (auto& c : view->certificates) {
            if (c.revoked) continue;
            auto cv = verify_token(c.token, hub.cfg_.certificate_key ? std::vector<PublicKey>{hub.cfg_.certificate_key->pub}
                                                                     : std::vector<PublicKey>{});
            if (!cv || !cv->certificate) continue;
            auto& cl = *cv->certificate;
            const Consultation* k = content ? content->content.find_consultation(cl.consultation_id) : nullptr;
            std::optional<int> art;
            if (cl.article) art = cl.article;
            page.certificates.push_back(
                {provision(k, art, f.lang, hub.web_) + " · " + hub.web_.get(f.lang, std::string("status.") + adoption_code(cl.adoption)) +
                     " · " + date_text(cl.decided, f.lang),
                 certificate_url("", c.token)});  // "/C/" and the token with ' ' and '%' escaped
        }
        html(res, 200, render_passport_page(hub.web_, f, page));
    };
    http.Get(R"(/[pP]/(.+))", passport);

    auto certificate = [&hub](const httplib::Request& req, httplib::Response& res) {
        PageFrame f = frame_for(hub, req);
        std::vector<PublicKey> keys;
        if (hub.cfg_.certificate_key) keys.push_back(hub.cfg_.certificate_key->pub);
        CertificatePage page;
        auto v = verify_token(req.matches[1].str(), keys);
        if (v && v->certificate) {
            auto revoked = hub.store_->is_revoked(serial_text(v->certificate->serial));
            if (!revoked) {
                spdlog::error("store: {}", revoked.error().detail);
                return html(res, 503, render_certificate_page(hub.web_, f, CertificatePage{TokenProblem::malformed, {}, {}, {}, {}, {}}));
            }
            if (*revoked) v = TokenRefusal{TokenProblem::revoked, "revoked"};
        }
        if (!v || !v->certificate) {
            page.problem = v ? TokenProblem::wrong_prefix : v.error().problem;
            return html(res, 200, render_certificate_page(hub.web_, f, page));
        }
        auto& c = *v->certificate;
        auto content = hub.content();
        const Consultation* k = content ? content->content.find_consultation(c.consultation_id) : nullptr;
        std::optional<int> art;
        if (c.article) art = c.article;
        page.draft = k ? k->title.in(f.lang) : c.consultation_id;
        page.provision = provision(k, art, f.lang, hub.web_);
        page.outcome = hub.web_.get(f.lang, std::string("certificate.") + adoption_code(c.adoption));
        page.date = date_text(c.decided, f.lang);
        page.serial = format_serial(c.serial);
        // The adopted article the opinion changed, when staff traced it.
        if (auto rec = hub.store_->find_certificate(serial_text(c.serial)); rec) {
            if (auto fa = hub.store_->final_article_of(rec->opinion_id); fa && *fa) {
                page.final_title = (*fa)->title.shown_in(f.lang);
                page.final_text = (*fa)->text.shown_in(f.lang);
            }
        }
        html(res, 200, render_certificate_page(hub.web_, f, page));
    };
    http.Get(R"(/[cC]/(.+))", certificate);

    // The phone form: GET shows it (and sets the CSRF cookie), POST takes an opinion.
    auto form = [&hub](const httplib::Request& req, httplib::Response& res) {
        PageFrame f = frame_of_form(hub, req);
        std::string id = req.matches[1];
        auto content = hub.content();
        Moment now{hub.now(), local_date_of(hub.now())};
        const Consultation* c = content ? content->content.find_consultation(id) : nullptr;
        if (!c)
            return html(res, 404, render_not_found(hub.web_, f, "form.not_found", open_drafts(content.get(), f.lang, now.local_date)));
        OpinionFormPage page;
        // Canonical, lower case: the form's cookie is for /o/, and a post to /O/ would go without it.
        page.action = "/o/" + id;
        page.draft_url = form_url(id, f.lang);
        page.title = c->title.in(f.lang);
        page.summary = c->summary.in(f.lang);
        page.deadline = c->deadline;
        page.open = c->is_collecting() && now.local_date <= c->deadline;
        page.max_chars = kOpinionTextMaxChars;
        page.max_name_chars = kContactNameMaxChars;
        for (auto& a : c->articles) {
            FormArticle fa{a.number, a.title.in(f.lang), a.text.in(f.lang), a.plain.in(f.lang), {}};
            for (auto& q : a.questions) fa.questions.push_back(q.in(f.lang));
            page.articles.push_back(std::move(fa));
        }
        // "Comment on this article" and the thank-you's next article link here with ?article=N:
        // that article is chosen in the form and shown open. Anything else is ignored.
        if (req.method == "GET" && req.has_param("article")) {
            const std::string& wanted = req.get_param_value("article");
            for (auto& a : c->articles)
                if (std::to_string(a.number) == wanted) {
                    page.values.article = wanted;
                    page.open_article = a.number;
                }
        }
        std::string cookie = cookie_value(req, "lx_form");
        if (req.method == "POST") {
            if (!check_form_token(hub.form_secret_, cookie, id, req.get_param_value("form_token"))) {
                page.problems.push_back({FormField::none, hub.web_.get(f.lang, "form.expired")});
                cookie.clear();  // a fresh cookie and token below
            } else {
                std::string client = rate_limit_client(req);
                if (form_flooded(hub, "opinion-form", client, now.utc_ms)) {
                    page.problems.push_back({FormField::none, hub.web_.get(f.lang, "form.too_many")});
                    res.status = 429;
                } else {
                    page.values = form_values(form_fields(req));
                    FormField unreadable = FormField::none;
                    auto draft = draft_from_form(page.values, f.lang, &unreadable);
                    std::optional<Result<Opinion, OpinionRejection>> made;
                    if (!draft) {
                        // A choice the form never offers (a forged or damaged post): said at its
                        // field, and the form comes back with a fresh token, so the resident can
                        // choose again.
                        page.problems.push_back({unreadable, hub.web_.get(f.lang, "form.unreadable")});
                        if (unreadable == FormField::article) page.values.article.clear();
                        if (unreadable == FormField::stance) page.values.stance.clear();
                        res.status = 400;
                    } else {
                        // Made as a kiosk makes its opinions, and put in the same words.
                        made = make_opinion(*draft, *c, now, "phone");
                        if (!*made)
                            for (auto p : made->error().problems)
                                page.problems.push_back(
                                    {form_field_of(p), opinion_problem_text(hub.kiosk_strings_, f.lang, p, *draft)});
                    }
                    if (made && *made) {
                        SyncPush push;
                        push.opinions.push_back(**made);
                        switch (keep_form_push(hub, "opinion-form", client, now.utc_ms, push)) {
                            case FormKept::too_many:
                                page.problems.push_back({FormField::none, hub.web_.get(f.lang, "form.too_many")});
                                res.status = 429;
                                break;
                            case FormKept::not_stored:
                                page.problems.push_back(
                                    {FormField::none, hub.kiosk_strings_.get(f.lang, "opinion.problem.not_stored")});
                                break;
                            case FormKept::kept:
                                page.thanks = true;
                                page.other_drafts = open_drafts(content.get(), f.lang, now.local_date, id);
                                break;
                        }
                    }
                }
            }
        }
        if (cookie.size() != 32) {
            cookie = new_form_cookie();
            res.set_header("Set-Cookie", "lx_form=" + cookie + "; Path=/o/; HttpOnly; SameSite=Strict; Max-Age=86400");
        }
        page.form_token = form_token(hub.form_secret_, cookie, id);
        html(res, res.status == 429 || res.status == 400 ? res.status : 200, render_opinion_form(hub.web_, f, page));
    };
    http.Get(R"(/[oO]/([a-z0-9_-]{1,64}))", form);
    http.Post(R"(/[oO]/([a-z0-9_-]{1,64}))", form_post(form));
}

}  // namespace lianxin::hub
