// The station's visitor records at a hub: every guestbook entry a query matches (page by page),
// the delegations received per kiosk and in total, the guestbook exported as CSV or XLSX, every
// meeting request a query matches, and staff's answer to one. The CLI and the GUI call these; so
// do the tests.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "admin-tool/hub_client.h"
#include "admin-tool/ops/admin_text.h"
#include "core/sync/admin_records.h"

namespace lianxin::admin {

// Newest first, whatever the query's limit and offset say.
Result<std::vector<AdminGuestbookEntry>> fetch_guestbook(const HubConnection& hub, GuestbookQuery query,
                                                         const std::function<void(std::size_t)>& progress = {});
Result<GuestbookCounts> fetch_guestbook_counts(const HubConnection& hub);

// The guestbook export's columns, and one entry's cells, in the operator's language.
std::vector<std::string> guestbook_export_header(const AdminText& t);
std::vector<std::string> guestbook_export_cells(const AdminGuestbookEntry& e, const AdminText& t);
// Writes `entries` to `file` (.csv or .xlsx by its name), whole or not at all; an existing file is
// replaced only when `replace`.
Status export_guestbook(const std::filesystem::path& file, const std::vector<AdminGuestbookEntry>& entries,
                        const AdminText& t, bool replace);

// Oldest first, whatever the query's limit and offset say.
Result<std::vector<AdminMeeting>> fetch_meetings(const HubConnection& hub, MeetingQuery query,
                                                 const std::function<void(std::size_t)>& progress = {});
// Sets a meeting request's status and reply. The reply is judged by the kiosks' rule before the
// call (invalid_input, nothing sent); answers the request as it is now.
Result<AdminMeeting> answer_meeting(const HubConnection& hub, const std::string& id, const MeetingAnswer& answer);

}  // namespace lianxin::admin
