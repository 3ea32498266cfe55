// The CLI's shared state: the operator's strings and the hub flags (cli_support.h).
#include "admin-tool/cli_support.h"

#include <optional>

namespace lianxin::admin {

namespace {
std::optional<AdminText>& text_slot() {
    static std::optional<AdminText> t;
    return t;
}
}  // namespace

const AdminText& cli_text() { return *text_slot(); }
void set_cli_text(AdminText text) { text_slot() = std::move(text); }

HubFlags& hub_flags() {
    static HubFlags f;
    return f;
}

}  // namespace lianxin::admin
