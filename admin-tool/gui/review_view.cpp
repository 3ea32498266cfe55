// The review queue (see review_view.h).
#include "admin-tool/gui/review_view.h"

#include <SDL.h>

#include <algorithm>
#include <cstring>

#include "admin-tool/ops/opinion_export.h"
#include "admin-tool/ops/opinion_ops.h"
#include "core/base/calendar.h"

namespace lianxin::admin {

namespace {

constexpr OpinionStatus kStatuses[] = {OpinionStatus::received, OpinionStatus::included, OpinionStatus::adopted,
                                       OpinionStatus::partly_adopted, OpinionStatus::not_adopted};
constexpr Stance kStances[] = {Stance::support, Stance::oppose, Stance::suggest};

std::string status_label(const AdminText& t, OpinionStatus s) { return t(std::string("status.") + opinion_status_code(s)); }
std::string stance_label(const AdminText& t, Stance s) { return t(std::string("stance.") + stance_code(s)); }


// The first line of an opinion, short enough for a table cell.
std::string first_line(const std::string& text, std::size_t max_bytes = 160) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() <= max_bytes) return line;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return line.substr(0, cut) + "…";
}

}  // namespace

OpinionQuery ReviewView::query() const {
    OpinionQuery q;
    if (!consultation_.empty()) q.consultation = consultation_;
    if (status_ == -1) q.status = OpinionStatus::received;
    if (status_ >= 0) q.status = kStatuses[status_];
    if (stance_ >= 0) q.stance = kStances[stance_];
    if (search_[0]) q.text = std::string(search_);
    return q;
}

void ReviewView::refresh(AdminSession& s) {
    loaded_once_ = true;
    if (!s.hub() || loading_) return;
    loading_ = true;
    auto hub = *s.hub();
    auto q = query();
    s.jobs().run<Result<std::vector<AdminOpinion>>>(
        s.t()("gui.loading"), [hub, q] { return fetch_opinions(hub, q); },
        [this, &s](Result<std::vector<AdminOpinion>>& r) {
            loading_ = false;
            if (!r) {
                load_error_ = s.t()("gui.hub_error", {r.error().detail});
                return;
            }
            load_error_.clear();
            // Keep the opinion being read selected when it is still in the list.
            std::string keep = selected_ >= 0 && selected_ < static_cast<int>(opinions_.size()) ? opinions_[selected_].id : "";
            opinions_ = std::move(*r);
            selected_ = -1;
            for (int i = 0; i < static_cast<int>(opinions_.size()); ++i)
                if (opinions_[i].id == keep) selected_ = i;
            if (selected_ < 0 && !opinions_.empty()) select(0);
            std::set<std::string> still;
            for (auto& o : opinions_)
                if (ticked_.count(o.id)) still.insert(o.id);
            ticked_ = std::move(still);
        });
}

void ReviewView::select(int row) {
    if (row < 0 || row >= static_cast<int>(opinions_.size())) return;
    selected_ = row;
    choice_ = opinions_[row].status;
    std::snprintf(reply_, sizeof reply_, "%s", opinions_[row].reply.c_str());
}

std::string ReviewView::shown_text() const {
    std::string all(search_);
    all += reply_;
    for (auto& o : opinions_) all += o.text + o.reply + o.contact_name + o.kiosk;
    return all;
}

void ReviewView::draw(const GuiFrame& f, AdminSession& s) {
    if (!loaded_once_) refresh(s);
    draw_filters(f, s);
    if (!load_error_.empty()) {
        f.paragraph(load_error_, FontRole::body, kAccent);
        if (f.button(s.t()("gui.retry"))) refresh(s);
    }
    float avail_w = ImGui::GetContentRegionAvail().x, avail_h = ImGui::GetContentRegionAvail().y;
    float list_w = std::floor(avail_w * 0.52f);
    ImGui::BeginChild("list", ImVec2(list_w, avail_h), true);
    draw_list(f, s);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("detail", ImVec2(0, avail_h), true);
    draw_detail(f, s);
    ImGui::EndChild();
    handle_keys(s);
    export_dialog_.draw(f, export_count_ ? s.t()("gui.review.export_progress", {std::to_string(export_count_->load())}) : "",
                        [&](const std::string& path, bool replace) { start_export(s, path, replace); });
}

void ReviewView::draw_filters(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    bool changed = false;
    auto combo = [&](const char* id, const std::string& label, const std::string& preview, float width, auto&& items) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label.c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        if (ImGui::BeginCombo(id, preview.c_str())) {
            items();
            ImGui::EndCombo();
        }
        f.target(label);
        ImGui::SameLine(0, f.px(24));
    };
    auto item = [&](const std::string& label, bool selected, auto&& on_pick) {
        if (ImGui::Selectable(label.c_str(), selected)) {
            on_pick();
            changed = true;
        }
        f.target(label);
    };
    std::string draft_preview = consultation_.empty() ? t("gui.all") : s.consultation_title(consultation_);
    combo("##draft", t("gui.review.filter_consultation"), draft_preview, f.px(300), [&] {
        item(t("gui.all"), consultation_.empty(), [&] { consultation_.clear(); });
        for (auto& c : s.content().consultations)
            item(c.title.in(t.lang()) + "##" + c.id, consultation_ == c.id, [&, id = c.id] { consultation_ = id; });
    });
    std::string status_preview = status_ == -1 ? t("gui.review.pending") : status_ == -2 ? t("gui.all") : status_label(t, kStatuses[status_]);
    combo("##status", t("gui.review.filter_status"), status_preview, f.px(150), [&] {
        item(t("gui.review.pending"), status_ == -1, [&] { status_ = -1; });
        item(t("gui.all"), status_ == -2, [&] { status_ = -2; });
        for (int i = 0; i < 5; ++i) item(status_label(t, kStatuses[i]), status_ == i, [&, i] { status_ = i; });
    });
    std::string stance_preview = stance_ < 0 ? t("gui.all") : stance_label(t, kStances[stance_]);
    combo("##stance", t("gui.review.filter_stance"), stance_preview, f.px(120), [&] {
        item(t("gui.all"), stance_ < 0, [&] { stance_ = -1; });
        for (int i = 0; i < 3; ++i) item(stance_label(t, kStances[i]), stance_ == i, [&, i] { stance_ = i; });
    });
    ImGui::SetNextItemWidth(f.px(220));
    if (ImGui::InputTextWithHint("##search", t("gui.review.search").c_str(), search_, sizeof search_,
                                 ImGuiInputTextFlags_EnterReturnsTrue))
        changed = true;
    f.target(t("gui.review.search"));
    ImGui::SameLine();
    if (f.button(t("gui.refresh"))) changed = true;
    ImGui::SameLine();
    if (f.button(t("gui.review.export")) && s.hub()) {
        export_dialog_.open(t("gui.review.export_title"), "lianxin-opinions-" + Moment::now().local_date.to_string(),
                            {{t("gui.review.export_xlsx"), ".xlsx"}, {t("gui.review.export_csv"), ".csv"}});
    }
    if (changed) refresh(s);
    ImGui::Spacing();
}

void ReviewView::draw_list(const GuiFrame& f, const AdminSession& s) {
    const auto& t = f.t;
    if (loading_ && opinions_.empty()) {
        ImGui::TextDisabled("%s", t("gui.loading").c_str());
        return;
    }
    if (opinions_.empty()) {
        ImGui::TextDisabled("%s", t("gui.review.empty").c_str());
        return;
    }
    // The bulk bar: how many are ticked, and ticking all at once.
    bool all = ticked_.size() == opinions_.size();
    if (ImGui::Checkbox(t("gui.review.select_all").c_str(), &all)) {
        ticked_.clear();
        if (all)
            for (auto& o : opinions_) ticked_.insert(o.id);
    }
    f.target(t("gui.review.select_all"));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", (t("gui.count", {std::to_string(opinions_.size())}) +
                               (ticked_.empty() ? "" : "  ·  " + t("gui.review.selected", {std::to_string(ticked_.size())})))
                                  .c_str());
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("opinions", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, f.px(28));
    ImGui::TableSetupColumn(t("gui.review.column_where").c_str());
    ImGui::TableSetupColumn(t("gui.review.column_stance").c_str());
    ImGui::TableSetupColumn(t("gui.review.column_status").c_str());
    ImGui::TableSetupColumn(t("gui.review.column_text").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(opinions_.size()));
    while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            auto& o = opinions_[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool ticked = ticked_.count(o.id) > 0;
            if (ImGui::Checkbox("##tick", &ticked)) {
                if (ticked) ticked_.insert(o.id); else ticked_.erase(o.id);
            }
            f.target("tick:" + first_line(o.text));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();  // text on the chips' middle line
            if (ImGui::Selectable(s.article_label(o.article.value_or(0)).c_str(), selected_ == i, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                select(i);
            f.target(first_line(o.text));
            if (selected_ == i && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ImGui::TableNextColumn();
            auto [sf, si] = stance_colours(o.stance);
            f.chip(stance_label(t, o.stance), sf, si);
            ImGui::TableNextColumn();
            auto [tf, ti] = status_colours(o.status);
            f.chip(status_label(t, o.status), tf, ti);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(first_line(o.text).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void ReviewView::draw_detail(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    if (selected_ < 0 || selected_ >= static_cast<int>(opinions_.size())) {
        ImGui::TextDisabled("%s", t("gui.review.pick").c_str());
        return;
    }
    auto& o = opinions_[static_cast<std::size_t>(selected_)];
    ImGui::BeginChild("reading", ImVec2(0, -f.px(250)), false);
    // The article it is about, as drafted and in plain words.
    auto* c = s.consultation(o.consultation);
    ImGui::PushFont(f.shell.font(FontRole::lead));
    f.paragraph(s.consultation_title(o.consultation) + " · " + s.article_label(o.article.value_or(0)), FontRole::lead);
    ImGui::PopFont();
    if (c && o.article) {
        if (auto* a = c->find_article(*o.article)) {
            ImGui::TextDisabled("%s", t("gui.review.article_text").c_str());
            f.paragraph(a->text.in(t.lang()));
            if (!a->plain.empty()) {
                ImGui::TextDisabled("%s", t("gui.review.plain").c_str());
                f.paragraph(a->plain.in(t.lang()), FontRole::body, kMuted);
            }
        }
    } else if (c) {
        f.paragraph(c->summary.in(t.lang()), FontRole::body, kMuted);
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", t("gui.review.opinion").c_str());
    auto [sf, si] = stance_colours(o.stance);
    f.chip(stance_label(t, o.stance), sf, si);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    // Time, channel and, for a kiosk's opinion, which kiosk (a card or a call has no other source).
    std::string from = local_time_text(o.created_at_ms) + " · " + t(std::string("channel.") + channel_code(o.channel));
    if (o.channel == OpinionChannel::kiosk) from += " · " + o.kiosk;
    ImGui::TextDisabled("%s", from.c_str());
    f.paragraph(o.text, FontRole::lead);
    if (!o.contact_name.empty() || !o.contact_phone.empty())
        ImGui::TextDisabled("%s", t("gui.review.contact", {o.contact_name, o.contact_phone}).c_str());
    if (o.hidden_reason) f.paragraph(t("gui.review.hidden", {*o.hidden_reason}), FontRole::caption, kAccent);
    ImGui::EndChild();
    ImGui::Separator();
    draw_decision(f, s);
}

void ReviewView::draw_decision(const GuiFrame& f, AdminSession& s) {
    const auto& t = s.t();
    std::size_t targets = ticked_.empty() ? 1 : ticked_.size();
    ImGui::TextUnformatted((ticked_.empty() ? t("gui.review.set_status") : t("gui.review.bulk_hint")).c_str());
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine();
        if (f.button(status_label(t, kStatuses[i]), choice_ == kStatuses[i] ? ButtonStyle::selected : ButtonStyle::normal))
            choice_ = kStatuses[i];
    }
    ImGui::TextUnformatted(t("gui.review.reply").c_str());
    ImGui::InputTextMultiline("##reply", reply_, sizeof reply_, ImVec2(-1, f.px(80)));
    f.target(t("gui.review.reply"));
    if (!reply_[0] && !ImGui::IsItemActive()) {
        // The hint, as a multi-line field has none of its own.
        ImVec2 at = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + f.px(10), at.y + f.px(6)), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                                            t("gui.review.reply_hint").c_str());
    }
    std::string label = targets > 1 ? t("gui.review.save_n", {std::to_string(targets)}) : t("gui.review.save");
    ImGui::BeginDisabled(saving_);
    if (f.button(label, ButtonStyle::primary)) save(s);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", t("gui.review.shortcuts").c_str());
}

void ReviewView::handle_keys(AdminSession& s) {
    auto& io = ImGui::GetIO();
    if (export_dialog_.is_open()) return;
    if (io.KeyCtrl && (ImGui::IsKeyPressed(SDL_SCANCODE_RETURN) || ImGui::IsKeyPressed(SDL_SCANCODE_KP_ENTER))) {
        save(s);
        return;
    }
    if (io.WantTextInput) return;  // typing a reply or a search: digits are words
    if (ImGui::IsKeyPressed(SDL_SCANCODE_DOWN)) select(std::min(selected_ + 1, static_cast<int>(opinions_.size()) - 1));
    if (ImGui::IsKeyPressed(SDL_SCANCODE_UP)) select(std::max(selected_ - 1, 0));
    for (int i = 0; i < 5; ++i)
        if (ImGui::IsKeyPressed(SDL_SCANCODE_1 + i, false)) choice_ = kStatuses[i];
}

void ReviewView::save(AdminSession& s) {
    if (saving_ || !s.hub() || selected_ < 0 || selected_ >= static_cast<int>(opinions_.size())) return;
    std::vector<std::string> ids(ticked_.begin(), ticked_.end());
    if (ids.empty()) {
        auto& o = opinions_[static_cast<std::size_t>(selected_)];
        if (o.status == choice_ && o.reply == reply_) {
            s.notify(s.t()("gui.review.unchanged"));
            return;
        }
        ids.push_back(o.id);
    }
    StatusDecision decision{choice_, reply_};
    saving_ = true;
    auto hub = *s.hub();
    s.jobs().run<Result<std::vector<DecisionResult>>>(
        s.t()("gui.review.save"), [hub, ids, decision] { return set_statuses(hub, ids, decision); },
        [this, &s](Result<std::vector<DecisionResult>>& r) {
            saving_ = false;
            const auto& t = s.t();
            if (!r) {
                s.notify(t("gui.hub_error", {r.error().detail}), true);
                return;
            }
            std::size_t ok = 0;
            for (auto& d : *r) {
                if (d.error) {
                    s.notify(t("gui.review.partly_failed", {"1", d.error->detail}), true);
                    continue;
                }
                ++ok;
                if (!d.certificate_serial.empty()) s.notify(t("gui.review.certificate", {d.certificate_serial}));
            }
            if (ok == 1 && r->size() == 1) s.notify(t("gui.review.saved", {status_label(t, choice_)}));
            else if (ok > 0) s.notify(t("gui.review.saved_n", {std::to_string(ok)}));
            ticked_.clear();
            refresh(s);
        });
}

void ReviewView::start_export(AdminSession& s, const std::string& path, bool replace) {
    auto hub = *s.hub();
    auto q = query();
    auto t = s.t();
    export_count_ = std::make_shared<std::atomic<std::size_t>>(0);
    auto count = export_count_;
    s.jobs().run<Result<std::size_t>>(
        s.t()("gui.review.export_title"),
        [hub, q, t, path, replace, count]() -> Result<std::size_t> {
            auto all = fetch_opinions(hub, q, [count](std::size_t n) { count->store(n); });
            if (!all) return all.error();
            if (auto st = export_opinions(path, *all, t, replace); !st) return st.error();
            return all->size();
        },
        [this, &s, path](Result<std::size_t>& r) {
            export_dialog_.close();
            export_count_.reset();
            if (!r) s.notify(s.t()("gui.failed", {r.error().detail}), true);
            else s.notify(s.t()("gui.review.export_done", {std::to_string(*r), path}));
        });
}

}  // namespace lianxin::admin
