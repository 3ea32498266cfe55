// The exhibition as the kiosk shows it: hall, slides, timeline, sections, exhibits, figures.
// Filled from sources by content_sources, stored in and loaded from bundles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/i18n/language.h"

namespace lianxin {

struct Hall {
    std::string id;
    std::string version;  // the content version, e.g. "2026.11.1"
    LocalizedText name, welcome, district;
};

struct Slide {
    std::string image;  // media name, e.g. "images/slide-1.png"
    LocalizedText title, caption;
};

struct TimelineEvent {
    int year = 0;
    LocalizedText year_label;  // optional, e.g. "late 1990s"; empty → the year
    LocalizedText title, text, place;
    std::string image;    // optional media name
    std::string exhibit;  // optional exhibit id it links to
};

struct Section {
    std::string id;
    LocalizedText title, intro;
    std::string image;
};

struct Exhibit {
    std::string id, section;
    int order = 0;
    LocalizedText title, subtitle, place;
    int year = 0;  // 0 = none
    std::string image;
    LocalizedText body;  // Markdown
};

struct Figure {
    std::string value;  // as shown, e.g. "500+"
    LocalizedText unit, label;
    std::string exhibit;  // optional
};

struct MediaItem {
    std::string bytes;  // PNG or JPEG as authored
    int width = 0, height = 0;
};

struct ContentSet {
    Hall hall;
    std::vector<Slide> slides;
    std::vector<TimelineEvent> timeline;
    std::vector<Section> sections;
    std::vector<Exhibit> exhibits;  // sorted by section order, then `order`
    std::vector<Figure> figures;

    const Exhibit* find_exhibit(const std::string& id) const;
    const Section* find_section(const std::string& id) const;
    std::vector<const Exhibit*> exhibits_in(const std::string& section_id) const;
    // Every visible string in both languages, for font coverage.
    std::string all_text() const;
};

}  // namespace lianxin
