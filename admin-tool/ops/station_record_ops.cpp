// Guestbook and meeting requests at the hub (station_record_ops.h).
#include "admin-tool/ops/station_record_ops.h"

#include "admin-tool/ops/paged_fetch.h"
#include "admin-tool/ops/table_export.h"
#include "core/base/calendar.h"
#include "core/base/field_limits.h"

namespace lianxin::admin {

Result<std::vector<AdminGuestbookEntry>> fetch_guestbook(const HubConnection& hub, GuestbookQuery query,
                                                         const std::function<void(std::size_t)>& progress) {
    query.limit = kAdminListMax;
    return fetch_all_pages<AdminGuestbookEntry>(
        hub,
        [&](std::size_t offset) {
            query.offset = offset;
            return "/api/v1/admin/guestbook?" + to_query_string(query);
        },
        parse_admin_guestbook, [](const AdminGuestbookEntry& e) { return e.entry.id; }, progress);
}

Result<GuestbookCounts> fetch_guestbook_counts(const HubConnection& hub) {
    auto text = hub_call_text(hub, "GET", "/api/v1/admin/guestbook/count");
    if (!text) return text.error();
    return parse_guestbook_counts(*text);
}

std::vector<std::string> guestbook_export_header(const AdminText& t) {
    std::vector<std::string> h;
    for (const char* k : {"id", "organisation", "origin", "people", "message", "on_wall", "lang", "kiosk", "created"})
        h.push_back(t(std::string("guestbook.column.") + k));
    return h;
}

std::vector<std::string> guestbook_export_cells(const AdminGuestbookEntry& a, const AdminText& t) {
    const GuestbookEntry& g = a.entry;
    return {g.id,
            g.organisation,
            g.origin,
            std::to_string(g.people),
            g.message,
            t(g.on_wall ? "guestbook.on_wall" : "guestbook.not_on_wall"),
            lang_code(g.language),
            g.kiosk,
            local_time_text(g.created_at_ms)};
}

Status export_guestbook(const std::filesystem::path& file, const std::vector<AdminGuestbookEntry>& entries,
                        const AdminText& t, bool replace) {
    TableSheet sheet{t("guestbook.sheet"),
                     guestbook_export_header(t),
                     {38, 30, 20, 8, 60, 10, 6, 16, 17},
                     {4},
                     {3},
                     entries.size(),
                     [&](std::size_t i) { return guestbook_export_cells(entries[i], t); },
                     true};
    return export_table(file, sheet, replace);
}

Result<std::vector<AdminMeeting>> fetch_meetings(const HubConnection& hub, MeetingQuery query,
                                                 const std::function<void(std::size_t)>& progress) {
    query.page.limit = kAdminListMax;
    return fetch_all_pages<AdminMeeting>(
        hub,
        [&](std::size_t offset) {
            query.page.offset = offset;
            return "/api/v1/admin/meetings?" + to_query_string(query);
        },
        parse_admin_meetings, [](const AdminMeeting& m) { return m.request.id; }, progress);
}

Result<AdminMeeting> answer_meeting(const HubConnection& hub, const std::string& id, const MeetingAnswer& answer) {
    std::string body = to_json(answer);
    if (auto checked = parse_meeting_answer(body); !checked) return checked.error();
    auto r = hub_call_text(hub, "POST", "/api/v1/admin/meetings/" + id + "/answer", body);
    if (!r) return r.error();
    auto one = parse_admin_meetings("[" + *r + "]");
    if (!one) return one.error();
    if (one->size() != 1) return Error{ErrorCode::invalid_input, "the hub's answer is not one meeting request"};
    return std::move(one->front());
}

}  // namespace lianxin::admin
