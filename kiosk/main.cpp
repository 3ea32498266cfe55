// lianxin-kiosk: loads the configuration and the content bundle (or the last verified one, or
// none: out of service), then runs the kiosk (fullscreen, or windowed / scripted for tests and
// screenshots).
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <regex>

#include "core/config/kiosk_config.h"
#include "core/content/bundle.h"
#include "core/i18n/string_table.h"
#include "kiosk/app/kiosk_app.h"
#include "kiosk/script/script_runner.h"

using namespace lianxin;

int main(int argc, char** argv) {
    // Large buffers (decoded images, atlas building) go straight to mmap and back to the system
    // when freed; without this glibc raises the threshold after the first free and keeps tens of
    // MB per worker thread's arena resident (measured: 267 MB PSS instead of under 100).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_ARENA_MAX, 2);
    CLI::App cli{"lianxin-kiosk: the exhibition and consultation kiosk"};
    std::string config_path, content, data, hub, windowed, lang, script, shots, layout_report;
    cli.add_option("--config", config_path, "kiosk.toml");
    cli.add_option("--content", content, "content bundle (.lxb) to show");
    cli.add_option("--data", data, "folder for kiosk.db and state");
    cli.add_option("--hub", hub, "hub URL");
    cli.add_option("--windowed", windowed, "run in a window of WxH pixels, e.g. 1920x1080");
    cli.add_option("--lang", lang, "start language: zh or en");
    cli.add_option("--script", script, "run a test script (see kiosk/script/script_runner.h)");
    cli.add_option("--shots", shots, "folder for the script's screenshots and log.jsonl");
    cli.add_option("--layout-report", layout_report,
                   "with --script: write the layout check's faults at every shot to this file (JSON lines)");
    bool raster_every_frame = false;
    cli.add_flag("--raster-every-frame", raster_every_frame,
                 "with --script: draw every frame on screen, not only those a shot captures (frame timing)");
    CLI11_PARSE(cli, argc, argv);

    KioskConfig cfg;
    if (!config_path.empty()) {
        auto loaded = load_kiosk_config(config_path);
        if (!loaded) {
            std::fprintf(stderr, "lianxin-kiosk: %s\n", loaded.error().detail.c_str());
            return 2;
        }
        cfg = *loaded;
    }
    if (!content.empty()) cfg.content = content;
    if (!data.empty()) cfg.data_dir = data;
    if (!hub.empty()) cfg.hub_url = hub;
    if (!lang.empty() && !parse_lang(lang, cfg.language)) {
        std::fprintf(stderr, "lianxin-kiosk: --lang must be zh or en\n");
        return 2;
    }
    kiosk::LaunchOptions opts;
    if (!windowed.empty()) {
        std::smatch m;
        if (!std::regex_match(windowed, m, std::regex("([0-9]{3,5})x([0-9]{3,5})"))) {
            std::fprintf(stderr, "lianxin-kiosk: --windowed takes WIDTHxHEIGHT, e.g. 1920x1080\n");
            return 2;
        }
        opts.window_w = std::stoi(m[1]);
        opts.window_h = std::stoi(m[2]);
    }
    if (!script.empty() && shots.empty()) {
        std::fprintf(stderr, "lianxin-kiosk: --script needs --shots DIR for its screenshots and log\n");
        return 2;
    }
    if (!layout_report.empty() && script.empty()) {
        std::fprintf(stderr, "lianxin-kiosk: --layout-report works with --script: the check runs at each shot\n");
        return 2;
    }
    opts.script = script;
    opts.layout_report = layout_report;
    opts.raster_every_frame = raster_every_frame;
    opts.shots_dir = shots;

    auto assets = cfg.assets_dir.empty() ? std::filesystem::path(LIANXIN_ASSETS_DIR) : cfg.assets_dir;
    auto strings = StringTable::load(assets / "strings");
    if (!strings) {
        std::fprintf(stderr, "lianxin-kiosk: %s\n", strings.error().detail.c_str());
        return 2;
    }
    if (cfg.publisher_keys.empty())
        spdlog::warn("no publisher key configured: the content bundle's signature is not checked");
    // A kiosk never leaves its screen to the desktop for want of content: the configured bundle,
    // else the newest verified one the sync agent kept, else the out-of-service screen (staff
    // maintenance stays reachable, and content from the hub puts it back in service).
    LoadedBundle shown;
    auto bundle = cfg.content.empty()
                      ? Result<LoadedBundle>(Error{ErrorCode::not_found, "no content bundle configured (--content FILE.lxb "
                                                                         "or kiosk.content in kiosk.toml)"})
                      : load_bundle(cfg.content, cfg.publisher_keys);
    if (bundle) {
        shown = std::move(*bundle);
    } else {
        opts.content_problem = bundle.error().detail;
        spdlog::error("refusing the content: {}", bundle.error().detail);
        auto kept = load_newest_bundle(cfg.data_dir / "bundles", cfg.publisher_keys, cfg.content);
        if (kept) {
            spdlog::warn("showing the last verified content instead: {} {} ({})", kept->info.content_version,
                         kept->path.string(), kept->info.built_at);
            shown = std::move(*kept);
        } else {
            spdlog::error("no content to show, out of service until new content arrives: {}", kept.error().detail);
        }
    }

    kiosk::KioskApp app(cfg, std::move(shown), std::move(*strings), opts);
    std::string error;
    if (!app.init(error)) {
        std::fprintf(stderr, "lianxin-kiosk: %s\n", error.c_str());
        return 4;
    }
    if (!script.empty()) return kiosk::run_script(app, script, shots);
    return app.run();
}
