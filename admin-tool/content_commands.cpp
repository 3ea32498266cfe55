// `lianxin-admin content check DIR` and `content build DIR -o FILE [--key KEY]`.
#include <iostream>

#include "admin-tool/commands.h"
#include "core/content/bundle.h"
#include "core/content/content_sources.h"

namespace lianxin::admin {

namespace {

// Prints every problem; returns true when there are none.
bool report(const SourceLoad& load, const std::string& dir) {
    for (auto& p : load.problems) std::cerr << p.to_string() << "\n";
    if (!load.ok()) {
        std::cerr << dir << ": " << load.problems.size() << (load.problems.size() == 1 ? " problem" : " problems")
                  << "; nothing was built\n";
        return false;
    }
    auto& c = load.content;
    std::cout << dir << ": ok — " << c.slides.size() << " slides, " << c.timeline.size() << " timeline events, "
              << c.sections.size() << " sections, " << c.exhibits.size() << " exhibits, " << c.figures.size()
              << " figures, " << c.consultations.size() << " consultations, " << load.media.size() << " images\n";
    return true;
}

}  // namespace

void add_content_commands(CLI::App& app, int& exit_code) {
    auto* content = app.add_subcommand("content", "Check and build the exhibition content");
    content->require_subcommand(1);

    auto* check = content->add_subcommand("check", "Validate content sources; lists every problem with file, field and line");
    static std::string check_dir;
    check->add_option("DIR", check_dir, "content sources folder")->required();
    check->callback([&exit_code] { exit_code = report(load_content_sources(check_dir), check_dir) ? 0 : 1; });

    auto* build = content->add_subcommand("build", "Build a signed content bundle from checked sources");
    static std::string build_dir, out_file, key_file;
    build->add_option("DIR", build_dir, "content sources folder")->required();
    build->add_option("-o,--output", out_file, "bundle file to write")->required();
    build->add_option("--key", key_file, "publisher secret key (lianxin-admin keys new); omit for an unsigned bundle");
    build->callback([&exit_code] {
        auto load = load_content_sources(build_dir);
        if (!report(load, build_dir)) { exit_code = 1; return; }
        std::optional<SecretKey> key;
        if (!key_file.empty()) {
            auto k = load_secret_key(key_file);
            if (!k) { std::cerr << "cannot use the publisher key: " << k.error().detail << "\n"; exit_code = 1; return; }
            key = *k;
        }
        auto st = write_bundle(load, out_file, key ? &*key : nullptr);
        if (!st) { std::cerr << "build failed: " << st.error().detail << "\n"; exit_code = 1; return; }
        std::cout << "wrote " << out_file << " (content " << load.content.hall.id << " " << load.content.hall.version
                  << (key ? ", signed by key " + key->pub.id : ", unsigned") << ")\n";
        exit_code = 0;
    });
}

}  // namespace lianxin::admin
