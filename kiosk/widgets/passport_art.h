// Drawn pictures of the passport theme, shared by the home tile, the passport desk, the booklet
// and the certificate: the passport cover, a round ink stamp, and a gold seal.
#pragma once

#include <string>

#include "kiosk/widgets/ui.h"

namespace lianxin::kiosk {

// A closed passport booklet, deep red with a gold emblem and rule, centred in `r`.
void draw_passport_cover(Ui& ui, ImRect r);
// A round ink stamp: a double ring in `color` with `word` inside and `date` below it.
void draw_stamp(Ui& ui, ImVec2 centre, float radius, const std::string& word, const std::string& date, ImU32 color);
// A gold seal with a ribbon, for certificates.
void draw_seal(Ui& ui, ImVec2 centre, float radius);

}  // namespace lianxin::kiosk
