// The admin tool's subcommand table: each entry registers a CLI11 subcommand whose callback calls
// an operation of admin-tool/ops/, as the GUI does. Help and messages come from cli_text().
#pragma once

#include <CLI/CLI.hpp>

namespace lianxin::admin {

// Adds `content check|build`.
void add_content_commands(CLI::App& app, int& exit_code);
// Adds `keys new` and `pin hash`.
void add_key_commands(CLI::App& app, int& exit_code);
// Adds `card render`.
void add_card_commands(CLI::App& app, int& exit_code);
// Adds `verify TOKEN_OR_URL` and `certificate issue` (docs/tokens.md).
void add_token_commands(CLI::App& app, int& exit_code);
// Adds --hub and --admin-key, `kiosk register|list|revoke` and `content publish` (after
// add_content_commands, whose group it joins).
void add_hub_commands(CLI::App& app, int& exit_code);
// Adds `opinions list|export|status|record|hide|unhide|trace`, `adopt ID…` and `stats` (after
// add_hub_commands, whose flags they use).
void add_opinion_commands(CLI::App& app, int& exit_code);
// Adds `guestbook list|export|count` and `meetings list|answer` (after add_hub_commands).
void add_station_commands(CLI::App& app, int& exit_code);
// Adds `audit list|export` and `content history|rollback` (after add_hub_commands).
void add_history_commands(CLI::App& app, int& exit_code);
// Adds `consultation import|list|stage|open|close`.
void add_consultation_commands(CLI::App& app, int& exit_code);
// Adds `gui`: the admin window (after add_hub_commands, whose flags it uses).
void add_gui_command(CLI::App& app, int& exit_code);
// Adds `kiosk salvage FILE [--out DIR]` (after add_hub_commands, whose `kiosk` group it joins).
void add_salvage_command(CLI::App& app, int& exit_code);

}  // namespace lianxin::admin
