// The admin tool's subcommand table: each entry registers a CLI11 subcommand and the function
// it runs. The GUI (a later step) calls the same functions.
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
// Adds --hub and --admin-key, `kiosk register|list|revoke`, `opinions list|status`, `adopt` and
// `content publish` (after add_content_commands, whose group it joins).
void add_hub_commands(CLI::App& app, int& exit_code);
// Adds `kiosk salvage FILE [--out DIR]` (after add_hub_commands, whose `kiosk` group it joins).
void add_salvage_command(CLI::App& app, int& exit_code);

}  // namespace lianxin::admin
