// The per-frame UI context (see ui.h).
#include "kiosk/widgets/ui.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace lianxin::kiosk {

void Ui::begin_frame(ImDrawList* base, ImDrawList* overlay, ImVec2 size, Millis now, PointerTracker& pointer,
                     Lang lang, bool bilingual) {
    base_ = base;
    overlay_ = overlay;
    dl_ = base;
    size_ = size;
    now_ = now;
    pointer_ = &pointer;
    lang_ = lang;
    bilingual_ = bilingual;
    // Joined strings are kept while they are being used; content swaps leave old ones behind.
    if (joined_.size() > 20000) joined_.clear();
    input_enabled_ = true;
    tap_consumed_ = false;
    wants_animation_ = false;
    wake_at_ = -1;
    clips_.clear();
    clips_.push_back({ImRect(ImVec2(0, 0), size), Overflow::none});
    targets_.clear();
    if (audit_) audit_->begin_frame(fonts_.scale(), size);
}

bool Ui::visible(ImVec2 p) const { return clips_.back().rect.Contains(p); }

void Ui::push_clip(ImRect r, Overflow overflow) {
    r.ClipWith(clips_.back().rect);
    clips_.push_back({r, overflow});
    dl_->PushClipRect(r.Min, r.Max, false);
}

void Ui::pop_clip() {
    if (clips_.size() > 1) clips_.pop_back();
    dl_->PopClipRect();
}

bool Ui::tapped(ImRect r) {
    if (!input_enabled_ || tap_consumed_ || !pointer_->tapped()) return false;
    ImVec2 p = pointer_->tap_pos();
    if (!r.Contains(p) || !visible(p)) return false;
    tap_consumed_ = true;
    return true;
}

bool Ui::held(ImRect r) const {
    return input_enabled_ && pointer_->is_down() && !pointer_->dragging() && r.Contains(pointer_->press_pos()) &&
           r.Contains(pointer_->pos()) && visible(pointer_->press_pos());
}

void Ui::register_target(const std::string& label, ImRect r) {
    ImRect v = r;
    v.ClipWith(clips_.back().rect);
    if (input_enabled_ && v.GetWidth() > 4 && v.GetHeight() > 4) {
        targets_.push_back(TapTarget{target_name(label), v});
        if (audit_) audit_->target(target_name(label), r, clips_.back(), on_overlay());
    }
}

void Ui::register_script_label(const std::string& label, ImRect r) {
    ImRect v = r;
    v.ClipWith(clips_.back().rect);
    if (input_enabled_ && v.GetWidth() > 4 && v.GetHeight() > 4) targets_.push_back(TapTarget{target_name(label), v});
}

void Ui::audit_text(const std::string& s, ImRect ink, ImU32 color, float font_px, bool truncated, bool chosen,
                    std::string missing) {
    if (audit_ && !s.empty())
        audit_->text(s, ink, clips_.back(), on_overlay(), color, font_px, truncated, chosen, std::move(missing));
}

std::string Ui::missing_in(const std::string& s, FontRole role) const {
    std::string out;
    for (char32_t c : missing_glyphs(fonts_.font(role), s)) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%sU+%04X", out.empty() ? "" : " ", static_cast<unsigned>(c));
        out += buf;
    }
    return out;
}

void Ui::draw(const TextLayout& l, ImVec2 pos, float alpha) {
    if (audit_ && !l.lines.empty() && !l.runs.empty()) {
        // The ink box: each line from its first piece over its measured width, between the
        // line spacing above the first line and below the last.
        float x0 = FLT_MAX, x1 = -FLT_MAX;
        for (auto& line : l.lines) {
            float lx = line.pieces.empty() ? 0 : line.pieces.front().x;
            x0 = std::min(x0, lx);
            x1 = std::max(x1, lx + line.width);
        }
        ImRect ink(ImVec2(pos.x + x0, pos.y + l.ascent_pad), ImVec2(pos.x + x1, pos.y + l.height - l.ascent_pad));
        // The colour and size a reader meets: the first run's (runs share a line's baseline).
        ImU32 col = l.runs.front().color;
        if (alpha < 1.0f) {
            unsigned a = static_cast<unsigned>(((col >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f));
            col = (col & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
        }
        float size = 0;
        std::string missing;
        for (std::size_t i = 0; i < l.runs.size(); ++i) {
            size = std::max(size, fonts_.size(l.runs[i].role));
            std::size_t end = i + 1 < l.run_start.size() ? l.run_start[i + 1] : l.text.size();
            std::string m = missing_in(l.text.substr(l.run_start[i], end - l.run_start[i]), l.runs[i].role);
            if (!m.empty()) missing += (missing.empty() ? "" : " ") + m;
        }
        audit_text(l.text, ink, col, size, l.truncated, l.ellipsis_chosen, std::move(missing));
    }
    if (!text_hidden_) draw_text(dl_, fonts_, l, pos, alpha);
}

float Ui::paragraph(const std::string& s, FontRole role, ImU32 color, ImVec2 pos, float width,
                    const TextLayoutOptions& opt) {
    auto& l = text_.layout(s, role, color, width, opt);
    draw(l, pos);
    return l.height;
}

float Ui::translation_note(bool pending, ImVec2 pos, float width, const char* key) {
    if (!pending || lang() != Lang::en) return 0;
    return paragraph(t(key), FontRole::body, theme::gold_text, pos, width) + s(16);
}

void Ui::label(const std::string& s, FontRole role, ImU32 color, ImVec2 pos) {
    if (s.find('\n') != std::string::npos) {  // both languages, a line each
        paragraph(s, role, color, pos, FLT_MAX, {1.25f, 0, false});
        return;
    }
    ImFont* f = fonts_.font(role);
    if (audit_)
        audit_text(s, ImRect(pos, ImVec2(pos.x + text_.measure(s, role), pos.y + f->FontSize)), color, f->FontSize, false,
                   false, missing_in(s, role));
    if (!text_hidden_) dl_->AddText(f, f->FontSize, pos, color, s.data(), s.data() + s.size());
}

void Ui::label_centered(const std::string& s, FontRole role, ImU32 color, ImRect box) {
    ImFont* f = fonts_.font(role);
    float w = text_.measure(s, role);
    if (w > box.GetWidth() || s.find('\n') != std::string::npos) {
        // Too long for one line: wrap and centre the block.
        TextLayoutOptions opt;
        opt.center = true;
        opt.line_spacing = 1.25f;
        auto& l = text_.layout(s, role, color, box.GetWidth(), opt);
        draw(l, ImVec2(box.Min.x, std::round(box.GetCenter().y - l.height / 2)));
        return;
    }
    ImVec2 pos(std::round(box.GetCenter().x - w / 2), std::round(box.GetCenter().y - f->FontSize * 0.56f));
    if (audit_) audit_text(s, ImRect(pos, ImVec2(pos.x + w, pos.y + f->FontSize)), color, f->FontSize, false, false, missing_in(s, role));
    if (!text_hidden_) dl_->AddText(f, f->FontSize, pos, color, s.data(), s.data() + s.size());
}

void Ui::card(ImRect r, ImU32 fill, float rounding) {
    float rr = rounding < 0 ? s(theme::radius) : rounding;
    dl_->AddRectFilled(ImVec2(r.Min.x, r.Min.y + s(6)), ImVec2(r.Max.x, r.Max.y + s(6)), theme::shadow, rr);
    dl_->AddRectFilled(r.Min, r.Max, fill, rr);
    if (audit_) audit_->box("", r, clips_.back(), on_overlay());
}

ImRect Ui::pressable_card(ImRect r, bool enabled) {
    bool down = enabled && held(r);
    ImRect shown = r;
    if (down) shown.Expand(-s(4));
    card(shown, down ? theme::surface_pressed : theme::surface);
    return shown;
}

void Ui::chevron(ImVec2 c, float k, bool right, ImU32 color, float thickness) {
    float d = right ? 1.0f : -1.0f;
    dl_->AddLine(ImVec2(c.x - d * k * 0.5f, c.y - k), ImVec2(c.x + d * k * 0.5f, c.y), color, thickness);
    dl_->AddLine(ImVec2(c.x + d * k * 0.5f, c.y), ImVec2(c.x - d * k * 0.5f, c.y + k), color, thickness);
}

void Ui::image_cover(const std::string& name, ImRect r, float rounding, ImDrawFlags corners, ImU32 tint) {
    auto [sw, sh] = images_.source_size(name);
    if (sw <= 0 || sh <= 0 || r.GetWidth() < 1 || r.GetHeight() < 1) {
        dl_->AddRectFilled(r.Min, r.Max, theme::line, rounding, corners);
        return;
    }
    // The decode size that covers r, never above the source.
    float k = std::max(r.GetWidth() / sw, r.GetHeight() / sh);
    const Texture* tex = images_.get(name, static_cast<int>(std::min<float>(sw, sw * k)),
                                     static_cast<int>(std::min<float>(sh, sh * k)));
    if (!tex) {
        dl_->AddRectFilled(r.Min, r.Max, theme::line, rounding, corners);
        return;
    }
    // Crop the texture's centre to r's aspect ratio.
    float ta = static_cast<float>(tex->width) / tex->height, ra = r.GetWidth() / r.GetHeight();
    ImVec2 uv0(0, 0), uv1(1, 1);
    if (ta > ra) {
        float u = ra / ta;
        uv0.x = (1 - u) / 2;
        uv1.x = 1 - uv0.x;
    } else {
        float v = ta / ra;
        uv0.y = (1 - v) / 2;
        uv1.y = 1 - uv0.y;
    }
    ImTextureID id = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex->id));
    if (rounding > 0)
        dl_->AddImageRounded(id, r.Min, r.Max, uv0, uv1, tint, rounding, corners);
    else
        dl_->AddImage(id, r.Min, r.Max, uv0, uv1, tint);
}

void Ui::image_contain(const std::string& name, ImRect r, float rounding, ImDrawFlags corners, ImU32 fill) {
    dl_->AddRectFilled(r.Min, r.Max, fill, rounding, corners);
    auto [sw, sh] = images_.source_size(name);
    if (sw <= 0 || sh <= 0 || r.GetWidth() < 1 || r.GetHeight() < 1) return;
    float k = std::min(r.GetWidth() / sw, r.GetHeight() / sh);
    float w = std::round(sw * k), h = std::round(sh * k);
    ImVec2 p0(std::round(r.GetCenter().x - w / 2), std::round(r.GetCenter().y - h / 2));
    ImRect inner(p0, ImVec2(p0.x + w, p0.y + h));
    // Round only the corners that touch the outer rectangle's rounded corners.
    bool full = w >= r.GetWidth() - 1 && h >= r.GetHeight() - 1;
    image_cover(name, inner, full ? rounding : 0, corners);
}

float Ui::image_fit_width(const std::string& name, ImVec2 pos, float width, float max_height, float rounding) {
    auto [sw, sh] = images_.source_size(name);
    if (sw <= 0 || sh <= 0) return 0;
    float h = std::min(max_height, width * sh / sw);
    float w = h * sw / sh;
    ImVec2 p0(std::round(pos.x + (width - w) / 2), pos.y);
    image_cover(name, ImRect(p0, ImVec2(p0.x + w, p0.y + h)), rounding);
    return h;
}

bool Ui::button(const std::string& text, ImRect r, ButtonKind kind, FontRole role) {
    bool down = held(r);
    ImU32 fill = theme::surface, fg = theme::ink, border = 0;
    switch (kind) {
        case ButtonKind::primary: fill = down ? theme::primary_pressed : theme::primary; fg = theme::white; break;
        case ButtonKind::secondary: fill = down ? theme::surface_pressed : theme::surface; fg = theme::primary; border = theme::primary; break;
        case ButtonKind::quiet: fill = down ? theme::surface_pressed : theme::rgb(0xFFFFFF, 0); fg = theme::ink; break;
        case ButtonKind::chip: fill = down ? theme::surface_pressed : theme::surface; fg = theme::ink; border = theme::line; break;
        case ButtonKind::chip_selected: fill = down ? theme::primary_pressed : theme::primary; fg = theme::white; break;
    }
    float rounding = std::min(r.GetHeight() / 2, s(theme::radius) * 1.6f);
    ImRect shown = r;
    if (down) shown.Expand(-s(3));  // the button "gives" under the finger
    dl_->AddRectFilled(shown.Min, shown.Max, fill, rounding);
    if (border) dl_->AddRect(shown.Min, shown.Max, border, rounding, 0, s(2.5f));
    if (audit_) audit_->box(text, shown, clips_.back(), on_overlay());
    label_centered(text, role, fg, shown);
    register_target(text, r);
    return tapped(r);
}

}  // namespace lianxin::kiosk
