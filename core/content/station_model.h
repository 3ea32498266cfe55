// The liaison station's side of the content: the deputies who work from it, what is on at the
// station (reception days, the monthly livestream, the "three meetings"), and the guided tours
// delegations follow. Read from deputies.toml, schedule.toml and tours.toml
// (docs/content-format.md), carried in the bundle like the rest of ContentSet.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/calendar.h"
#include "core/i18n/language.h"

namespace lianxin {

// The five levels of people's congress, from the top; a station hosts deputies of all of them.
enum class DeputyLevel { national, provincial, city, district, town };
inline constexpr DeputyLevel kDeputyLevels[] = {DeputyLevel::national, DeputyLevel::provincial, DeputyLevel::city,
                                                DeputyLevel::district, DeputyLevel::town};
const char* deputy_level_code(DeputyLevel l);  // "national", …
std::optional<DeputyLevel> parse_deputy_level(std::string_view code);

struct Deputy {
    std::string id;
    LocalizedText name;
    DeputyLevel level = DeputyLevel::district;
    std::string portrait;  // optional media name; without one the kiosk draws the initials
    LocalizedText reception;  // when residents can meet them here, in words
    std::vector<LocalizedText> topics;  // what they work on, paired by position
    bool english_pending = false;
};

// What is on at the station: a reception day, the monthly deputies' livestream, or one of the
// "three meetings" — a hearing before a decision, a coordination meeting when people disagree,
// an evaluation meeting once the work is done.
enum class ScheduleKind { reception, livestream, hearing, coordination, evaluation };
inline constexpr ScheduleKind kScheduleKinds[] = {ScheduleKind::reception, ScheduleKind::livestream, ScheduleKind::hearing,
                                                  ScheduleKind::coordination, ScheduleKind::evaluation};
const char* schedule_kind_code(ScheduleKind k);  // "reception", …
std::optional<ScheduleKind> parse_schedule_kind(std::string_view code);

// A schedule item's link (the livestream's address): short enough for a QR code a phone reads
// from a step away.
inline constexpr std::size_t kScheduleLinkMaxBytes = 200;

struct ScheduleItem {
    std::string id;
    ScheduleKind kind = ScheduleKind::reception;
    LocalDate date;
    std::string time;  // "HH:MM" (24 h, local), or empty: the day only
    LocalizedText title, place;
    std::vector<std::string> deputies;  // ids of the deputies taking part
    std::string link;                   // an http(s) address shown as a QR code (the livestream's)
    LocalizedText outcome;              // once held: what came of it (may be empty)
    bool english_pending = false;
};

// One stop of a guided tour: an exhibit or a key figure (by their ids), and what the guide says.
struct TourStop {
    std::string exhibit;  // exactly one of exhibit and figure is set
    std::string figure;
    std::vector<LocalizedText> points;  // talking points for the guide, paired by position
};

struct Tour {
    std::string id;
    LocalizedText title, intro;
    std::vector<TourStop> stops;  // in the order walked; never empty
    bool english_pending = false;
};

}  // namespace lianxin
