// libFuzzer target: the admin API's request bodies as the hub receives them (a kiosk to register,
// an opinion's status and reply, a paper or phone-call opinion, a hiding reason, the adopted text
// and a trace, an answer to a meeting request) and the guestbook's count as the admin tool reads it. A body that parses must survive its own JSON form, and what the reader takes must
// meet the rules every kiosk applies to the same fields.
#include <cstdlib>

#include "core/opinions/opinion_rules.h"
#include "core/sync/admin_messages.h"
#include "core/sync/admin_opinions.h"
#include "core/sync/admin_records.h"
#include "core/sync/admin_trace.h"
#include "core/sync/sync_messages.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianxin;
    auto text = fuzz::as_text(data, size);
    if (auto reg = parse_kiosk_registration(text); reg.ok()) {
        if (kiosk_name_problem(reg->name)) std::abort();
        std::string json = to_json(*reg);
        auto again = parse_kiosk_registration(json);
        if (!again.ok() || to_json(*again) != json) std::abort();
    }
    if (auto change = parse_status_decision(text); change.ok()) {
        if (reply_problem(change->reply)) std::abort();
        std::string json = to_json(*change);
        auto again = parse_status_decision(json);
        if (!again.ok() || to_json(*again) != json) std::abort();
    }
    // Each reader's answer, written again and read again, is the same answer.
    auto round_trip = [](auto parse, const auto& value) {
        std::string json = to_json(value);
        auto again = parse(json);
        if (!again.ok() || to_json(*again) != json) std::abort();
    };
    if (auto staff = parse_staff_opinion(text); staff.ok()) {
        Opinion o = opinion_from_draft(staff->draft);
        o.consultation_id = staff->consultation;
        if (!check_opinion_record(o).empty()) std::abort();
        round_trip(parse_staff_opinion, *staff);
    }
    if (auto hide = parse_hide_decision(text); hide.ok()) round_trip(parse_hide_decision, *hide);
    if (auto trace = parse_trace_decision(text); trace.ok()) round_trip(parse_trace_decision, *trace);
    if (auto final_text = parse_final_text(text); final_text.ok()) round_trip(parse_final_text, *final_text);
    if (auto answer = parse_meeting_answer(text); answer.ok()) {
        if (reply_problem(answer->reply)) std::abort();
        round_trip(parse_meeting_answer, *answer);
    }
    if (auto counts = parse_guestbook_counts(text); counts.ok()) round_trip(parse_guestbook_counts, *counts);
    return 0;
}
