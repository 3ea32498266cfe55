// What every view of the admin window shares: the hub connection, the content the articles'
// texts come from, the worker that talks to the hub, the words in the chosen language, and the
// notices shown at the bottom of the window ("已保存 3 条意见").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "admin-tool/gui/hub_jobs.h"
#include "admin-tool/hub_client.h"
#include "admin-tool/ops/admin_text.h"
#include "core/base/millis.h"
#include "core/content/content_model.h"

namespace lianxin::admin {

struct Notice {
    std::string text;
    bool error = false;
    Millis until = 0;  // shown until then on the shell's clock
};

class AdminSession {
public:
    AdminSession(AdminText text, std::optional<HubConnection> hub, std::string hub_problem, ContentSet content,
                 std::function<void()> wake)
        : text_(std::move(text)), hub_(std::move(hub)), hub_problem_(std::move(hub_problem)),
          content_(std::move(content)), content_text_(consultation_text(content_)), jobs_(std::move(wake)) {}

    const AdminText& t() const { return text_; }
    void set_lang(Lang lang) { text_ = AdminText(text_.table(), lang); }
    const HubConnection* hub() const { return hub_ ? &*hub_ : nullptr; }
    const std::string& hub_problem() const { return hub_problem_; }
    const ContentSet& content() const { return content_; }
    // Every text of the consultations the views show beside opinions (for the fonts).
    const std::string& content_text() const { return content_text_; }
    // The content, once read (on the worker, after the window's first frame).
    void set_content(ContentSet content) {
        content_ = std::move(content);
        content_text_ = consultation_text(content_);
    }
    const Consultation* consultation(const std::string& id) const;
    // A draft's title in the chosen language, or its id while the content is not read (or lacks it).
    std::string consultation_title(const std::string& id) const;
    // "第3条" / "Article 3", or "全文" / "Whole draft" for 0.
    std::string article_label(int number) const;
    HubJobs& jobs() { return jobs_; }
    const HubJobs& jobs() const { return jobs_; }

    // A notice for the operator, shown for a few seconds (errors longer).
    void notify(std::string text, bool error = false);
    const std::vector<Notice>& notices() const { return notices_; }
    void expire_notices(Millis now);
    Millis now = 0;  // the shell's clock, set at each frame

private:
    AdminText text_;
    std::optional<HubConnection> hub_;
    std::string hub_problem_;
    static std::string consultation_text(const ContentSet& content);
    ContentSet content_;
    std::string content_text_;
    HubJobs jobs_;
    std::vector<Notice> notices_;
};

}  // namespace lianxin::admin
