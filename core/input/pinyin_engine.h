// Pinyin input for the on-screen keyboard: a thin RAII wrapper over librime (schema
// luna_pinyin_simp) that turns letters and a few keys into a preedit, a candidate page and commits.
//
// Sections: PinyinState (what the keyboard draws) · PinyinEngine (one per process) ·
// deploy_pinyin_data (install-time step, never run by the kiosk).
//
// Threading: librime is process-global and not thread-safe for our use. Every call on a
// PinyinEngine, and deploy_pinyin_data, must come from one thread (the kiosk's UI thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace lianxin {

// The schema every Lianxin kiosk uses: pinyin giving Simplified characters.
inline constexpr const char* kPinyinSchema = "luna_pinyin_simp";
// Where Debian's rime-data-* packages put the schemas and prebuilt dictionaries.
inline constexpr const char* kRimeSharedDataDir = "/usr/share/rime-data";
// Written into USER_DIR/build by deploy_pinyin_data as its last step; its absence means the
// user dir was never deployed, or a deployment did not finish.
inline constexpr const char* kRimeDeployedStamp = "lianxin-deployed.stamp";
// Candidates on one page (default.custom.yaml sets it; the keyboard lays out this many).
inline constexpr int kPinyinPageSize = 5;

struct PinyinCandidate {
    std::string text;     // UTF-8, e.g. "立法"
    std::string comment;  // librime's hint (often empty; e.g. a spelling for a corrected entry)
};

// What the keyboard shows. Refreshed after every call that changes it.
struct PinyinState {
    std::string preedit;  // as librime shows it: "li fa", or "立fa" mid-selection
    std::vector<PinyinCandidate> candidates;  // the current page, at most kPinyinPageSize
    int page = 0;                             // 0-based page number
    bool last_page = true;                    // no further page for PageDown
    int highlighted = 0;                      // index on the page that space would commit

    bool composing() const { return !preedit.empty(); }
};

class PinyinEngine {
public:
    enum class Key {
        backspace,  // deletes the last letter (or undoes the last partial selection)
        enter,      // commits the raw letters typed ("lifa"), not a candidate
        space,      // commits the highlighted (first) candidate
        escape,     // drops the composition
        page_up,
        page_down,
    };

    struct Options {
        std::filesystem::path shared_data_dir = kRimeSharedDataDir;
        // Writable folder deployed ahead of time by `lianxin-rime-deploy USER_DIR`; also
        // receives librime's (error-only) log files.
        std::filesystem::path user_data_dir;
    };

    // Opens the one engine of this process. Never deploys: an undeployed user dir gives
    // ErrorCode::not_found at once, naming the deploy step. A second engine while one is open
    // gives ErrorCode::invalid_input; librime failing to start a session gives ErrorCode::io.
    static Result<std::unique_ptr<PinyinEngine>> open(const Options& options);
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Feeds a letter a–z, or an apostrophe (syllable separator, only inside a composition).
    // Anything else is ignored. Returns whether the engine used it.
    bool type(char letter);
    // Returns false when there is no composition to act on (the caller then treats the key as
    // its own: backspace edits the text field, enter submits it).
    bool key(Key k);
    // Picks candidate `index_on_page` of the current page; false if there is no such candidate.
    bool select(int index_on_page);
    // Text committed since the last call (UTF-8), then forgets it.
    std::string take_commit();
    // Drops the composition and any commit not yet taken (the visitor session was reset).
    void clear();

    const PinyinState& state() const { return state_; }

private:
    explicit PinyinEngine(std::uintptr_t session);
    bool process(int keysym);  // sends one key, then collects the commit and refreshes state_
    void refresh();

    std::uintptr_t session_;
    PinyinState state_;
    std::string pending_commit_;
};

// The install-time deployment: writes default.custom.yaml (schema_list: luna_pinyin_simp,
// page size 5) and luna_pinyin_simp.custom.yaml (no learning from visitors) into
// `user_data_dir`, compiles the schema and dictionaries into `user_data_dir`/build, and writes
// kRimeDeployedStamp. Synchronous; refuses while a PinyinEngine is open (invalid_input).
// Missing shared data gives not_found naming the Debian package; a failed build gives io.
Status deploy_pinyin_data(const std::filesystem::path& shared_data_dir,
                          const std::filesystem::path& user_data_dir);

// Why `user_data_dir` cannot be opened (not_found, naming the deploy step), or ok.
Status check_pinyin_deployment(const std::filesystem::path& shared_data_dir,
                               const std::filesystem::path& user_data_dir);

}  // namespace lianxin
