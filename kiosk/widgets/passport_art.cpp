// Passport pictures drawn with the draw list, so they are sharp at every scale and need no files.
#include "kiosk/widgets/passport_art.h"

#include <algorithm>
#include <cmath>

namespace lianxin::kiosk {

namespace {

// The emblem: a ring of five small stars round a circle (not any official emblem).
void draw_emblem(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
    dl->AddCircle(c, r, color, 48, std::max(2.0f, r * 0.08f));
    for (int i = 0; i < 5; ++i) {
        float a = -1.5708f + i * 1.2566f;
        ImVec2 p(c.x + std::cos(a) * r * 0.55f, c.y + std::sin(a) * r * 0.55f);
        float k = r * 0.16f;
        ImVec2 pts[10];
        for (int j = 0; j < 10; ++j) {
            float b = -1.5708f + j * 0.6283f;
            float rr = j % 2 ? k * 0.45f : k;
            pts[j] = ImVec2(p.x + std::cos(b) * rr, p.y + std::sin(b) * rr);
        }
        // A star is not convex: fill it as a fan of triangles round its centre.
        for (int j = 0; j < 10; ++j) dl->AddTriangleFilled(p, pts[j], pts[(j + 1) % 10], color);
    }
}

}  // namespace

void draw_passport_cover(Ui& ui, ImRect r) {
    auto* dl = ui.dl();
    float h = std::min(r.GetHeight(), r.GetWidth() * 1.4f), w = h / 1.4f;
    ImVec2 c = r.GetCenter();
    ImRect b(ImVec2(c.x - w / 2, c.y - h / 2), ImVec2(c.x + w / 2, c.y + h / 2));
    float rr = w * 0.06f;
    dl->AddRectFilled(ImVec2(b.Min.x + w * 0.04f, b.Min.y + w * 0.04f), ImVec2(b.Max.x + w * 0.04f, b.Max.y + w * 0.04f),
                      theme::shadow, rr);
    dl->AddRectFilled(b.Min, b.Max, theme::primary_dark, rr);
    dl->AddRectFilled(b.Min, ImVec2(b.Min.x + w * 0.08f, b.Max.y), theme::rgb(0x6E1713), rr, ImDrawFlags_RoundCornersLeft);
    draw_emblem(dl, ImVec2(c.x + w * 0.04f, b.Min.y + h * 0.36f), w * 0.24f, theme::gold);
    float ly = b.Min.y + h * 0.66f;
    dl->AddRectFilled(ImVec2(c.x - w * 0.26f, ly), ImVec2(c.x + w * 0.34f, ly + h * 0.025f), theme::gold, h * 0.012f);
    dl->AddRectFilled(ImVec2(c.x - w * 0.16f, ly + h * 0.07f), ImVec2(c.x + w * 0.24f, ly + h * 0.09f), theme::gold, h * 0.01f);
}

void draw_stamp(Ui& ui, ImVec2 c, float r, const std::string& word, const std::string& date, ImU32 color) {
    auto* dl = ui.dl();
    dl->AddCircleFilled(c, r, theme::rgb(0xFFFFFF, 120), 64);
    dl->AddCircle(c, r, color, 64, std::max(2.0f, r * 0.07f));
    dl->AddCircle(c, r * 0.84f, color, 64, std::max(1.0f, r * 0.025f));
    // The largest size at which the word fits inside the inner ring ("Opinion" is wider than 意见).
    FontRole role = FontRole::heading;
    for (FontRole f : {FontRole::heading, FontRole::lead, FontRole::body, FontRole::caption}) {
        role = f;
        if (ui.text().measure(word, f) <= r * 1.45f) break;
    }
    ui.label_centered(word, role, color, ImRect(ImVec2(c.x - r, c.y - r * 0.62f), ImVec2(c.x + r, c.y + r * 0.12f)));
    ui.label_centered(date, FontRole::caption, color, ImRect(ImVec2(c.x - r, c.y + r * 0.12f), ImVec2(c.x + r, c.y + r * 0.56f)));
}

void draw_seal(Ui& ui, ImVec2 c, float r) {
    auto* dl = ui.dl();
    ImVec2 l0(c.x - r * 0.5f, c.y + r * 0.5f), r0(c.x + r * 0.5f, c.y + r * 0.5f);
    dl->AddTriangleFilled(l0, ImVec2(l0.x - r * 0.25f, c.y + r * 1.5f), ImVec2(l0.x + r * 0.35f, c.y + r * 1.3f), theme::primary);
    dl->AddTriangleFilled(r0, ImVec2(r0.x - r * 0.35f, c.y + r * 1.3f), ImVec2(r0.x + r * 0.25f, c.y + r * 1.5f), theme::primary);
    dl->AddCircleFilled(c, r, theme::gold, 48);
    dl->AddCircle(c, r * 0.8f, theme::white, 48, std::max(1.5f, r * 0.05f));
    draw_emblem(dl, c, r * 0.55f, theme::white);
}

}  // namespace lianxin::kiosk
