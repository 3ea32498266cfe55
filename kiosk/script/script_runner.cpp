// Scripted kiosk runs.
#include "kiosk/script/script_runner.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "kiosk/script/script_target.h"

namespace lianxin::kiosk {

namespace {

bool to_number(const std::string& s, double& out) {
    try {
        std::size_t used = 0;
        out = std::stod(s, &used);
        return used == s.size() && std::isfinite(out);
    } catch (...) {
        return false;
    }
}

const std::vector<std::pair<std::string, int>> kArity = {
    {"tap", 2}, {"drag", 5}, {"drag-in", 6}, {"key", 1}, {"wait", 1}, {"idle", 1}, {"expect-screen", 1}, {"sync-wait", 1},
    {"tap-text", -1}, {"type", -1}, {"scan", -1}, {"shot", -1},  // -1: the rest of the line
};

}  // namespace

bool parse_script(const std::string& text, std::vector<ScriptCommand>& out, std::string& error) {
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t b = line.find_first_not_of(" \t");
        if (b == std::string::npos || line[b] == '#') continue;
        std::istringstream words(line.substr(b));
        ScriptCommand c;
        c.line = n;
        words >> c.verb;
        auto spec = std::find_if(kArity.begin(), kArity.end(), [&](auto& p) { return p.first == c.verb; });
        if (spec == kArity.end()) {
            error = "line " + std::to_string(n) + ": unknown command '" + c.verb + "'";
            return false;
        }
        if (spec->second < 0) {
            std::string rest;
            std::getline(words, rest);
            std::size_t rb = rest.find_first_not_of(" \t");
            rest = rb == std::string::npos ? "" : rest.substr(rb);
            if (rest.empty() && c.verb != "type") {
                error = "line " + std::to_string(n) + ": '" + c.verb + "' needs an argument";
                return false;
            }
            c.args.push_back(rest);
        } else {
            for (std::string w; words >> w;) c.args.push_back(w);
            if (static_cast<int>(c.args.size()) != spec->second) {
                error = "line " + std::to_string(n) + ": '" + c.verb + "' takes " + std::to_string(spec->second) +
                        " arguments, got " + std::to_string(c.args.size());
                return false;
            }
            if (c.verb != "key" && c.verb != "expect-screen") {
                for (std::size_t ai = c.verb == "drag-in" ? 1 : 0; ai < c.args.size(); ++ai) {
                    auto& a = c.args[ai];
                    double v;
                    if (!to_number(a, v) || v < 0) {
                        error = "line " + std::to_string(n) + ": '" + a + "' is not a non-negative number";
                        return false;
                    }
                }
            }
        }
        out.push_back(std::move(c));
    }
    return true;
}

int run_script(ScriptTarget& app, const std::string& path, const std::string& shots_dir) {
    std::ifstream in(path);
    if (!in) {
        spdlog::error("cannot read script {}", path);
        return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<ScriptCommand> cmds;
    std::string error;
    if (!parse_script(ss.str(), cmds, error)) {
        spdlog::error("{}: {}", path, error);
        app.log().write(app.now(), "script_error", {{"message", error}});
        return 2;
    }
    auto fail = [&](const ScriptCommand& c, const std::string& msg, int code) {
        std::string m = "line " + std::to_string(c.line) + ": " + msg;
        spdlog::error("{}: {}", path, m);
        app.log().write(app.now(), code == 3 ? "expect_failed" : "script_error", {{"message", m}});
        return code;
    };
    // Runs start from a settled kiosk (all fonts, first images) so they never race the workers.
    app.advance(50);
    app.settle(15000);
    for (auto& c : cmds) {
        auto num = [&](std::size_t i) { return static_cast<float>(std::stod(c.args[i])); };
        if (c.verb == "tap" || c.verb == "tap-text") {
            float x, y;
            if (c.verb == "tap") {
                x = num(0);
                y = num(1);
            } else {
                const TapTarget* found = nullptr;
                for (auto& t : app.tap_targets())
                    if (t.label == c.args[0]) { found = &t; break; }
                if (!found) {
                    std::string seen;
                    for (auto& t : app.tap_targets()) seen += (seen.empty() ? "" : ", ") + ("'" + t.label + "'");
                    return fail(c, "no tappable '" + c.args[0] + "' on screen '" + app.current_screen() +
                                       "' (there are: " + seen + ")", 2);
                }
                x = found->rect.GetCenter().x;
                y = found->rect.GetCenter().y;
            }
            app.log().write(app.now(), "tap", {{"x", x}, {"y", y}, {"label", c.verb == "tap-text" ? c.args[0] : ""}});
            app.inject({InputEvent::Kind::pointer_down, x, y});
            app.advance(80);
            app.inject({InputEvent::Kind::pointer_up, x, y});
            app.advance(100);
        } else if (c.verb == "drag" || c.verb == "drag-in") {
            float x0, y0, x1, y1, ms;
            if (c.verb == "drag") {
                x0 = num(0), y0 = num(1), x1 = num(2), y1 = num(3), ms = std::max(16.0f, num(4));
            } else {
                const TapTarget* t = nullptr;
                for (auto& tt : app.tap_targets())
                    if (tt.label == c.args[0]) { t = &tt; break; }
                if (!t) return fail(c, "no target '" + c.args[0] + "' on screen '" + app.current_screen() + "'", 2);
                auto at = [&](float fx, float fy) {
                    return ImVec2(t->rect.Min.x + fx * t->rect.GetWidth(), t->rect.Min.y + fy * t->rect.GetHeight());
                };
                ImVec2 a = at(num(1), num(2)), b = at(num(3), num(4));
                x0 = a.x, y0 = a.y, x1 = b.x, y1 = b.y, ms = std::max(16.0f, num(5));
            }
            app.inject({InputEvent::Kind::pointer_down, x0, y0});
            int steps = std::max(2, static_cast<int>(ms / 16));
            for (int i = 1; i <= steps; ++i) {
                float t = static_cast<float>(i) / steps;
                app.advance(16);
                app.inject({InputEvent::Kind::pointer_move, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t});
            }
            app.inject({InputEvent::Kind::pointer_up, x1, y1});
            app.advance(16);
            app.log().write(app.now(), "drag", {{"from", {x0, y0}}, {"to", {x1, y1}}});
        } else if (c.verb == "key") {
            InputEvent e{InputEvent::Kind::key};
            e.key = c.args[0];
            app.inject(e);
            app.advance(50);
        } else if (c.verb == "type") {
            InputEvent e{InputEvent::Kind::text};
            e.text = c.args[0];
            app.inject(e);
            app.advance(50);
        } else if (c.verb == "scan") {
            // A 2D scanner: the code's characters a few ms apart, then Return, as a keyboard would.
            for (char ch : c.args[0]) {
                InputEvent e{InputEvent::Kind::text};
                e.text = std::string(1, ch);
                app.inject(e);
                app.advance(4);
            }
            InputEvent ret{InputEvent::Kind::key};
            ret.key = "Return";
            app.inject(ret);
            app.advance(100);
        } else if (c.verb == "sync-wait") {
            // Real time, not virtual: the hub is a real process on the other side.
            if (!app.await_sync(static_cast<int>(num(0))))
                return fail(c, "the kiosk did not sync with its hub within " + c.args[0] + " ms", 3);
            app.advance(50);
            app.log().write(app.now(), "synced");
        } else if (c.verb == "wait" || c.verb == "idle") {
            long long before = app.frames_drawn();
            app.advance(static_cast<Millis>(num(0)));
            // How many frames the pause cost: a static screen must cost none.
            app.log().write(app.now(), c.verb, {{"ms", num(0)}, {"frames", app.frames_drawn() - before}});
        } else if (c.verb == "shot") {
            if (!app.settle(15000)) spdlog::warn("shot {}: images or fonts still loading after 15 s", c.args[0]);
            std::string file = shots_dir + "/" + c.args[0] + ".png";
            if (!app.screenshot(file, c.args[0])) return fail(c, "cannot write " + file, 2);
            app.log().write(app.now(), "shot", {{"name", c.args[0]}, {"file", file}, {"screen", app.current_screen()}});
        } else if (c.verb == "expect-screen") {
            std::string cur = app.current_screen();
            if (cur != c.args[0]) return fail(c, "expected screen '" + c.args[0] + "', on '" + cur + "'", 3);
            app.log().write(app.now(), "expect", {{"screen", cur}});
        }
    }
    app.log().write(app.now(), "script_done");
    return 0;
}

}  // namespace lianxin::kiosk
