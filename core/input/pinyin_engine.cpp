// Pinyin input over librime: the process-wide librime lifetime (setup once, initialize/finalize
// per engine), key translation to X11 keysyms, and the install-time deployment.
//
// Sections: process-wide librime state · deployment check · PinyinEngine · deploy_pinyin_data
#include "core/input/pinyin_engine.h"

#include <rime_api.h>

#include <mutex>
#include <system_error>

#include "core/base/files.h"

namespace lianxin {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Process-wide librime state
// ---------------------------------------------------------------------------------------------
namespace {

// librime keeps one Service, one Deployer and glog's flags per process: RimeSetup may run only
// once (glog aborts on a second InitGoogleLogging), and two engines would share one Service.
struct RimeProcess {
    std::mutex mutex;
    bool set_up = false;
    bool engine_open = false;
};

RimeProcess& rime_process() {
    static RimeProcess p;
    return p;
}

RimeApi* rime() {
    static RimeApi* api = rime_get_api();
    return api;
}

// Keysyms librime expects (X11 keysymdef.h); the keyboard never needs modifiers.
constexpr int kXkBackSpace = 0xff08;
constexpr int kXkReturn = 0xff0d;
constexpr int kXkEscape = 0xff1b;
constexpr int kXkPageUp = 0xff55;
constexpr int kXkPageDown = 0xff56;
constexpr int kXkSpace = 0x20;

// Keeps the strings RimeTraits points into alive for the duration of a librime call.
struct Traits {
    std::string shared;
    std::string user;
    RimeTraits traits{};

    Traits(const fs::path& shared_dir, const fs::path& user_dir)
        : shared(shared_dir.string()), user(user_dir.string()) {
        RIME_STRUCT_INIT(RimeTraits, traits);
        traits.shared_data_dir = shared.c_str();
        traits.user_data_dir = user.c_str();
        traits.distribution_name = "Lianxin";
        traits.distribution_code_name = "lianxin";
        traits.distribution_version = "1";
        traits.app_name = "rime.lianxin";  // "rime." prefix: librime's log cleanup knows it
        // Only errors: INFO/WARNING lines (one per component, per missing *.custom.yaml) would
        // bury the kiosk's own log. Errors also go to files in the user dir.
        traits.min_log_level = 2;
        traits.log_dir = user.c_str();
    }
};

// Caller holds rime_process().mutex. The first call's user dir receives glog's files for the
// rest of the process: glog reads its flags once.
void setup_once(Traits& t) {
    auto& p = rime_process();
    if (p.set_up) return;
    rime()->setup(&t.traits);
    p.set_up = true;
}

bool file_exists(const fs::path& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Deployment check: cheap file tests, so an undeployed kiosk fails at once instead of librime
// quietly starting a multi-second deployment (RimeStartMaintenance(False) still deploys when it
// sees changes, so the engine never calls it).
// ---------------------------------------------------------------------------------------------
Status check_pinyin_deployment(const fs::path& shared_data_dir, const fs::path& user_data_dir) {
    std::string schema_file = std::string(kPinyinSchema) + ".schema.yaml";
    if (!file_exists(shared_data_dir / schema_file))
        return Error{ErrorCode::not_found, "rime shared data has no " + schema_file + " in " +
                                               shared_data_dir.string() +
                                               " (install rime-data-luna-pinyin)"};
    std::string fix = "; run `lianxin-rime-deploy " + user_data_dir.string() + "` first";
    if (user_data_dir.empty() || !fs::is_directory(user_data_dir))
        return Error{ErrorCode::not_found,
                     "pinyin data is not deployed: no folder " + user_data_dir.string() + fix};
    const fs::path build = user_data_dir / "build";
    for (const std::string& name :
         {std::string(kRimeDeployedStamp), schema_file, std::string("default.yaml")}) {
        if (!file_exists(build / name))
            return Error{ErrorCode::not_found, "pinyin data is not deployed in " +
                                                   user_data_dir.string() + " (missing build/" +
                                                   name + ")" + fix};
    }
    return ok_status();
}

// ---------------------------------------------------------------------------------------------
// PinyinEngine
// ---------------------------------------------------------------------------------------------
Result<std::unique_ptr<PinyinEngine>> PinyinEngine::open(const Options& options) {
    if (auto st = check_pinyin_deployment(options.shared_data_dir, options.user_data_dir); !st)
        return st.error();

    auto& p = rime_process();
    std::lock_guard lock(p.mutex);
    if (p.engine_open)
        return Error{ErrorCode::invalid_input,
                     "a pinyin engine is already open in this process (librime is process-wide)"};

    Traits t(options.shared_data_dir, options.user_data_dir);
    setup_once(t);
    // initialize() only loads modules and starts the service; no maintenance is started, so
    // nothing is compiled here whatever the state of the files.
    rime()->initialize(&t.traits);
    RimeSessionId session = rime()->create_session();
    if (session == 0) {
        rime()->finalize();
        return Error{ErrorCode::io,
                     "librime did not start a session for " + options.user_data_dir.string()};
    }
    rime()->select_schema(session, kPinyinSchema);
    char current[64] = {};
    if (!rime()->get_current_schema(session, current, sizeof current) ||
        std::string(current) != kPinyinSchema) {
        rime()->destroy_session(session);
        rime()->finalize();
        return Error{ErrorCode::io, std::string("librime could not load schema ") + kPinyinSchema +
                                        " from " + options.user_data_dir.string() +
                                        "; run `lianxin-rime-deploy " +
                                        options.user_data_dir.string() + "` again"};
    }
    p.engine_open = true;
    return std::unique_ptr<PinyinEngine>(new PinyinEngine(session));
}

PinyinEngine::PinyinEngine(std::uintptr_t session) : session_(session) {}

PinyinEngine::~PinyinEngine() {
    auto& p = rime_process();
    std::lock_guard lock(p.mutex);
    rime()->destroy_session(session_);
    rime()->finalize();
    p.engine_open = false;
}

bool PinyinEngine::type(char letter) {
    if (letter >= 'a' && letter <= 'z') return process(letter);
    // An apostrophe separates syllables ("xi'an"); with nothing composed librime's punctuator
    // would commit a curly quote, which no visitor meant.
    if (letter == '\'' && state_.composing()) return process(letter);
    return false;
}

bool PinyinEngine::key(Key k) {
    // With nothing composed these keys belong to the text field (delete, submit, a space).
    if (!state_.composing()) return false;
    switch (k) {
        case Key::backspace:
            return process(kXkBackSpace);
        case Key::enter:
            return process(kXkReturn);
        case Key::space:
            return process(kXkSpace);
        case Key::escape:
            return process(kXkEscape);
        case Key::page_up:
            return process(kXkPageUp);
        case Key::page_down:
            return process(kXkPageDown);
    }
    return false;
}

bool PinyinEngine::select(int index_on_page) {
    if (index_on_page < 0 || index_on_page >= static_cast<int>(state_.candidates.size()))
        return false;
    bool ok =
        rime()->select_candidate_on_current_page(session_, static_cast<size_t>(index_on_page));
    process(0);
    return ok;
}

std::string PinyinEngine::take_commit() {
    std::string out;
    out.swap(pending_commit_);
    return out;
}

void PinyinEngine::clear() {
    rime()->clear_composition(session_);
    refresh();
    pending_commit_.clear();
}

// keysym 0 sends nothing: it only collects what the previous librime call produced.
bool PinyinEngine::process(int keysym) {
    bool handled = keysym != 0 && rime()->process_key(session_, keysym, 0);
    RimeCommit commit{};
    RIME_STRUCT_INIT(RimeCommit, commit);
    if (rime()->get_commit(session_, &commit)) {
        if (commit.text) pending_commit_ += commit.text;
        rime()->free_commit(&commit);
    }
    refresh();
    return handled;
}

void PinyinEngine::refresh() {
    state_ = PinyinState{};
    RimeContext ctx{};
    RIME_STRUCT_INIT(RimeContext, ctx);
    if (!rime()->get_context(session_, &ctx)) return;
    if (ctx.composition.preedit) state_.preedit = ctx.composition.preedit;
    for (int i = 0; i < ctx.menu.num_candidates; ++i) {
        const RimeCandidate& c = ctx.menu.candidates[i];
        state_.candidates.push_back({c.text ? c.text : "", c.comment ? c.comment : ""});
    }
    if (ctx.menu.num_candidates > 0) {
        state_.page = ctx.menu.page_no;
        state_.last_page = ctx.menu.is_last_page != 0;
        state_.highlighted = ctx.menu.highlighted_candidate_index;
    }
    rime()->free_context(&ctx);
}

// ---------------------------------------------------------------------------------------------
// deploy_pinyin_data: the install-time step (lianxin-rime-deploy; CMake runs it for the demo).
// ---------------------------------------------------------------------------------------------
namespace {

// One schema and five candidates a page: the kiosk's keyboard shows exactly one row.
constexpr const char* kDefaultCustom =
    "# Written by lianxin-rime-deploy: the kiosk offers one schema, five candidates a page.\n"
    "patch:\n"
    "  schema_list:\n"
    "    - schema: luna_pinyin_simp\n"
    "  menu/page_size: 5\n";

// A public kiosk must not learn from visitors: what one typed would surface as the next one's
// first candidate, and the candidate order would drift away from what tests and guides expect.
constexpr const char* kSchemaCustom =
    "# Written by lianxin-rime-deploy: a shared public kiosk does not learn from its visitors.\n"
    "patch:\n"
    "  translator/enable_user_dict: false\n";

struct SharedFile {
    const char* name;
    const char* package;
};
// What the deployment reads from the shared dir. rime-prelude's default.yaml holds the schema
// list and key bindings the schema imports; rime-essay's vocabulary ranks the words.
constexpr SharedFile kSharedFiles[] = {
    {"luna_pinyin_simp.schema.yaml", "rime-data-luna-pinyin"},
    {"luna_pinyin.schema.yaml", "rime-data-luna-pinyin"},
    {"luna_pinyin.dict.yaml", "rime-data-luna-pinyin"},
    {"default.yaml", "rime-prelude"},
    {"essay.txt", "rime-essay"},
};

// The dictionary files a session needs: the deployment writes them into USER_DIR/build, or
// leaves librime to use the identical prebuilt ones in SHARED_DIR/build.
bool built(const fs::path& shared_dir, const fs::path& user_dir, const std::string& name) {
    return file_exists(user_dir / "build" / name) || file_exists(shared_dir / "build" / name);
}

}  // namespace

Status deploy_pinyin_data(const fs::path& shared_data_dir, const fs::path& user_data_dir) {
    for (const auto& f : kSharedFiles) {
        if (!file_exists(shared_data_dir / f.name))
            return Error{ErrorCode::not_found, "rime shared data has no " + std::string(f.name) +
                                                   " in " + shared_data_dir.string() +
                                                   " (install " + f.package + ")"};
    }
    if (user_data_dir.empty()) return Error{ErrorCode::invalid_input, "no rime user folder given"};
    std::error_code ec;
    fs::create_directories(user_data_dir / "build", ec);
    if (ec) return Error{ErrorCode::io, user_data_dir.string() + ": " + ec.message()};

    auto& p = rime_process();
    std::lock_guard lock(p.mutex);
    if (p.engine_open)
        return Error{ErrorCode::invalid_input,
                     "cannot deploy pinyin data while a pinyin engine is open in this process"};

    // Undeployed until the very end, so an interrupted deployment is never opened.
    const fs::path stamp = user_data_dir / "build" / kRimeDeployedStamp;
    fs::remove(stamp, ec);
    if (ec) return Error{ErrorCode::io, stamp.string() + ": " + ec.message()};
    if (auto st = write_file_atomic(user_data_dir / "default.custom.yaml", kDefaultCustom); !st)
        return st;
    if (auto st = write_file_atomic(user_data_dir / (std::string(kPinyinSchema) + ".custom.yaml"),
                                    kSchemaCustom);
        !st)
        return st;

    Traits t(shared_data_dir, user_data_dir);
    setup_once(t);
    rime()->deployer_initialize(&t.traits);
    bool ok = rime()->deploy();  // synchronous: installation + workspace update
    rime()->finalize();          // unloads the deployer modules; open() starts clean
    if (!ok)
        return Error{ErrorCode::io, "librime failed to deploy " + std::string(kPinyinSchema) +
                                        " into " + user_data_dir.string() + " (see its " +
                                        "rime.lianxin.*.ERROR log there)"};

    const std::string schema = kPinyinSchema;
    for (const std::string& name : {schema + ".schema.yaml", std::string("default.yaml")}) {
        if (!file_exists(user_data_dir / "build" / name))
            return Error{ErrorCode::io, "librime's deployment wrote no build/" + name + " in " +
                                            user_data_dir.string()};
    }
    for (const std::string& name : {schema + ".prism.bin", std::string("luna_pinyin.table.bin")}) {
        if (!built(shared_data_dir, user_data_dir, name))
            return Error{ErrorCode::io, "librime's deployment produced no " + name + " for " +
                                            user_data_dir.string()};
    }
    std::string note =
        "# Written by lianxin-rime-deploy after a complete deployment.\nschema: " + schema +
        "\nlibrime: " + rime()->get_version() + "\n";
    return write_file_atomic(stamp, note);
}

}  // namespace lianxin
