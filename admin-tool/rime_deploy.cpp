// lianxin-rime-deploy USER_DIR: the install-time step that compiles librime's pinyin data
// (luna_pinyin_simp) into a kiosk's rime folder, so the kiosk never deploys at run time.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "core/input/pinyin_engine.h"

using namespace lianxin;

namespace {

// Proves the deployment is usable, not merely present: without rime-essay's vocabulary librime
// still "succeeds" but ranks rare characters first, which only a real lookup shows.
Status smoke_check(const std::filesystem::path& shared, const std::filesystem::path& user) {
    auto engine = PinyinEngine::open({shared, user});
    if (!engine) return engine.error();
    for (char c : std::string("zhongguo")) (*engine)->type(c);
    const auto& cands = (*engine)->state().candidates;
    std::string first = cands.empty() ? "(nothing)" : cands.front().text;
    if (first != "中国")
        return Error{ErrorCode::corrupt, "the deployed data offers " + first +
                                             " for \"zhongguo\" instead of 中国 " +
                                             "(is rime-essay installed?)"};
    return ok_status();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"lianxin-rime-deploy: compile the pinyin input data (librime, " +
                 std::string(kPinyinSchema) + ") into a kiosk's rime folder"};
    std::string user_dir;
    std::string shared_dir = kRimeSharedDataDir;
    app.add_option("USER_DIR", user_dir, "the kiosk's writable rime folder, e.g. DATA_DIR/rime")
        ->required();
    app.add_option("--shared", shared_dir, "librime's shared data")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    auto start = std::chrono::steady_clock::now();
    if (auto st = deploy_pinyin_data(shared_dir, user_dir); !st) {
        std::cerr << "lianxin-rime-deploy: " << error_code_name(st.error().code) << ": "
                  << st.error().detail << "\n";
        return 1;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (auto st = smoke_check(shared_dir, user_dir); !st) {
        // Un-deploy, so neither the kiosk nor an incremental build trusts this folder.
        std::error_code ec;
        std::filesystem::remove(std::filesystem::path(user_dir) / "build" / kRimeDeployedStamp, ec);
        std::cerr << "lianxin-rime-deploy: " << error_code_name(st.error().code) << ": "
                  << st.error().detail << "\n";
        return 1;
    }
    std::printf("lianxin-rime-deploy: %s deployed into %s in %.2f s\n", kPinyinSchema,
                user_dir.c_str(), seconds);
    return 0;
}
