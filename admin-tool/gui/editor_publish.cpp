// The content editor's publication: the version of the day, a question, then check, build, sign
// and upload on the worker with a progress bar (admin-tool/ops/publish_ops.h).
#include "admin-tool/gui/editor_view.h"
#include "admin-tool/gui/editor_style.h"

#include <algorithm>

#include "admin-tool/ops/publish_ops.h"
#include "core/crypto/signing_keys.h"

namespace lianxin::admin {

void EditorView::draw_publish(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    if (publishing_) {
        static const char* kStep[] = {"gui.editor.step_checking", "gui.editor.step_building", "gui.editor.step_uploading",
                                      "gui.editor.step_done"};
        int step = std::clamp(publish_step_->load(), 0, 3);
        ImGui::ProgressBar((step + 0.5f) / 4.0f, ImVec2(f.px(260), 0), t(kStep[step]).c_str());
        f.shell.animate();
        return;
    }
    if (confirm_publish_.empty()) {
        ImGui::BeginDisabled(!s.hub());
        if (f.button(t("gui.editor.publish"), ButtonStyle::primary)) {
            confirm_publish_ = next_content_version(work_.hall.version, Moment::now().local_date);
            confirm_revert_ = false;
        }
        ImGui::EndDisabled();
        if (!s.hub()) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kMuted), "%s", t("gui.editor.publish_needs_hub").c_str());
        }
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(t(dirty() ? "gui.editor.publish_confirm_save" : "gui.editor.publish_confirm", {confirm_publish_}).c_str());
    ImGui::SameLine();
    if (f.button(t("gui.editor.publish_yes"), ButtonStyle::primary)) publish(f, s);
    ImGui::SameLine();
    if (f.button(t("gui.editor.publish_no"))) confirm_publish_.clear();
}

void EditorView::publish(const GuiFrame& f, AdminSession& s) {
    const auto& t = f.t;
    std::string version = confirm_publish_;
    confirm_publish_.clear();
    if (publisher_key_.empty()) {
        s.notify(t("gui.editor.publish_no_key"), true);
        return;
    }
    auto key = load_secret_key(publisher_key_);
    if (!key) {
        s.notify(t("gui.editor.publish_failed", {key.error().detail}), true);
        return;
    }
    // The version goes into hall.toml with whatever else was edited: what is published is saved.
    std::string was = work_.hall.version;
    work_.hall.version = version;
    if (!save(f, s)) {
        work_.hall.version = was;
        return;
    }
    publishing_ = true;
    publish_step_->store(0);
    f.shell.log().write(f.now, "publish", {{"version", version}});
    s.jobs().run<Result<PublishedBundle>>(
        t("gui.editor.publishing", {version}),
        [hub = *s.hub(), dir = dir_, key = *key, step = publish_step_] {
            return publish_content(hub, dir, key, [step](PublishStep p) { step->store(static_cast<int>(p)); });
        },
        [this, &s](Result<PublishedBundle>& r) {
            publishing_ = false;
            const auto& t = s.t();
            if (r) s.notify(t("gui.editor.published", {r->version}));
            else s.notify(t("gui.editor.publish_failed", {r.error().detail}), true);
        });
}

}  // namespace lianxin::admin
