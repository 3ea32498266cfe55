// Widgets for entering text on a touchscreen: the candidate bar (pinyin or handwriting results,
// large and paged), the handwriting pad (strokes drawn with a finger), the text box that shows
// what has been written with the pinyin still being composed, the stage tracker of a
// consultation, numbered steps along a form, and a tick box.
#pragma once

#include <string>
#include <vector>

#include "core/content/content_model.h"
#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

struct CandidateBarResult {
    int picked = -1;  // index into the candidates, or -1
    bool page_up = false, page_down = false;
};
// Draws `preedit` (the letters typed so far) and the candidates as large buttons.
CandidateBarResult draw_candidate_bar(Ui& ui, ImRect r, const std::string& preedit,
                                      const std::vector<std::string>& candidates, bool can_page_up,
                                      bool can_page_down);

class HandwritingPad {
public:
    using Stroke = std::vector<ImVec2>;  // points in pad coordinates (0..size)
    // Draws the pad and collects strokes; returns true when a stroke was just finished.
    bool draw(Ui& ui, ImRect r);
    const std::vector<Stroke>& strokes() const { return strokes_; }
    float size() const { return size_; }
    void clear() { strokes_.clear(); current_.clear(); }
    void undo() { if (!strokes_.empty()) strokes_.pop_back(); }

private:
    std::vector<Stroke> strokes_;
    Stroke current_;
    bool drawing_ = false;
    float size_ = 1;
};

// The text written so far, wrapped, with `composing` (unconverted pinyin) after it, a caret,
// and the placeholder when both are empty. Scrolls to keep the end in view.
void draw_text_box(Ui& ui, ImRect r, const std::string& text, const std::string& composing,
                   const std::string& placeholder, bool focused);
// A one-line code with the byte at `marked` (an ASCII character) in the refusal colour and
// underlined, so the visitor sees which character to check.
void draw_code_box(Ui& ui, ImRect r, const std::string& text, std::size_t marked, const std::string& placeholder);

// A refusal or notice under a form: the message in a tinted box with a bar on its left (nothing
// for an empty message), and the height it takes at width `w`.
void draw_message_box(Ui& ui, const std::string& message, ImVec2 pos, float w);
float message_box_height(Ui& ui, const std::string& message, float w);

// Whether `character` (one UTF-8 character) is one the kiosk's faces cannot draw: an emoji, a
// control character (a line break is allowed in `running_text`), a right-to-left letter.
bool kiosk_cannot_show(const std::string& character, bool running_text);

// Numbered steps along a row (1 · 2 · 3 …), those done and the current one filled, each with
// its name from `keys` (wrapped, never cut); returns the height taken.
float draw_step_progress(Ui& ui, ImVec2 pos, float w, const std::vector<const char*>& keys, int current);
// A box holding a tick and its text, as one deliberate tap (a consent); returns true when tapped.
// `target` names it for scripts and the layout check.
bool draw_tick_box(Ui& ui, ImRect box, bool ticked, const std::string& text, const std::string& target);

// A teal disc with a white tick centred on `c`: what the visitor wrote is safely stored.
void draw_stored_mark(Ui& ui, ImVec2 c);

// A consultation's stages as a row of steps, the current one highlighted.
void draw_stage_tracker(Ui& ui, ImRect r, const Consultation& c, bool compact);
// The height draw_stage_tracker needs at `width`: dots and every stage's name, whole.
float stage_tracker_height(Ui& ui, const Consultation& c, float width, bool compact);

}  // namespace lianxin::kiosk
