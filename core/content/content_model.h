// The exhibition as the kiosk shows it: hall, slides, timeline, sections, exhibits, figures,
// and consultations (drafts open for opinions). Filled from sources by content_sources, stored in
// and loaded from bundles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/calendar.h"
#include "core/content/station_model.h"
#include "core/i18n/language.h"

namespace lianxin {

struct Hall {
    std::string id;
    std::string version;  // the content version, e.g. "2026.11.1"
    LocalizedText name, welcome, district;
};

// `translation = "pending"` on an item (english_pending below): a Chinese change published before
// its translation. Its English may be empty; kiosks then show the Chinese in English mode, with a
// small note. A consultation's flag covers its articles.

struct Slide {
    std::string image;  // media name, e.g. "images/slide-1.png"
    LocalizedText title, caption;
    bool english_pending = false;
};

struct TimelineEvent {
    int year = 0;
    LocalizedText year_label;  // optional, e.g. "late 1990s"; empty → the year
    LocalizedText title, text, place;
    std::string image;    // optional media name
    std::string exhibit;  // optional exhibit id it links to
    bool english_pending = false;
};

struct Section {
    std::string id;
    LocalizedText title, intro;
    std::string image;
    bool english_pending = false;
};

struct Exhibit {
    std::string id, section;
    int order = 0;
    LocalizedText title, subtitle, place;
    int year = 0;  // 0 = none
    std::string image;
    LocalizedText body;  // Markdown
    bool english_pending = false;
};

struct Figure {
    std::string id;     // optional; a tour's stop names a figure by it
    std::string value;  // as shown, e.g. "500+"
    LocalizedText unit, label;
    std::string exhibit;  // optional
    bool english_pending = false;
};

// One step in a consultation's life, e.g. "collecting" (征集意见 / Collecting opinions).
struct ConsultationStage {
    std::string id;
    LocalizedText name;
};

// The stage in which a consultation takes opinions (docs/content-format.md).
inline constexpr const char* kCollectingStage = "collecting";

// The eight stages a consultation has when its source names none, in order.
const std::vector<ConsultationStage>& default_consultation_stages();

struct Article {
    int number = 0;  // unique and increasing within a consultation
    LocalizedText title;
    LocalizedText text;   // the legal text as drafted
    LocalizedText plain;  // the same article in plain words
    std::vector<LocalizedText> questions;  // optional guiding questions, each in both languages
};

// A draft under public consultation.
struct Consultation {
    std::string id;
    int order = 0;  // position in the list of consultations
    LocalizedText title, summary;
    LocalDate deadline;  // the last local day opinions are accepted
    std::string stage_id;  // id of the current stage, one of `stages`
    std::vector<ConsultationStage> stages;  // never empty: the default eight when the source gives none
    std::vector<Article> articles;          // by number
    bool english_pending = false;           // for the consultation and all its articles

    const Article* find_article(int number) const;
    const ConsultationStage* current_stage() const;  // nullptr only for a malformed consultation
    // In the collecting stage; whether the deadline has passed is a separate question (opinion_rules).
    bool is_collecting() const { return stage_id == kCollectingStage; }
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
    std::vector<Consultation> consultations;  // sorted by `order`, then id; may be empty
    // The station (station_model.h); each may be empty.
    std::vector<Deputy> deputies;        // in the order written; the kiosk sorts by pinyin
    std::vector<ScheduleItem> schedule;  // sorted by date and time
    std::vector<Tour> tours;

    const Exhibit* find_exhibit(const std::string& id) const;
    const Section* find_section(const std::string& id) const;
    std::vector<const Exhibit*> exhibits_in(const std::string& section_id) const;
    const Consultation* find_consultation(const std::string& id) const;
    const Figure* find_figure(const std::string& id) const;  // by its optional id; never one without
    const Deputy* find_deputy(const std::string& id) const;
    const Tour* find_tour(const std::string& id) const;
    // Every visible string in both languages, for font coverage.
    std::string all_text() const;
};

}  // namespace lianxin
