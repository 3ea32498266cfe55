// Durability of the opinion outbox at the file level: a child submits opinions in a loop, reporting
// each id after submit() returned, and is SIGKILLed over and over at times drawn around the
// acknowledgement times seen in this run. Every reported id must be in kiosk.db, intact, whole.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "core/base/uuid.h"
#include "core/opinions/opinion_outbox.h"
#include "core/passports/passport_book.h"
#include "tests/support/kill_timing.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

namespace fs = std::filesystem;
using namespace lianxin;
using lianxin::test::TempDir;
using lianxin::test::draft_under_consultation;

namespace {

// Passports issued before the children start (a fork copies this list into each child); every
// fifth opinion is stamped into one of them.
std::vector<std::string> g_passports;

// Everything about opinion `seq` of child `child` follows from those two numbers, so the checker
// can rebuild what each row must hold. The text is long enough to span several database pages'
// worth of writes over a run, with a checksum-like tail that a torn write would break.
OpinionDraft draft_for(int child, int seq) {
    OpinionDraft d;
    d.article = seq % 4 == 0 ? std::nullopt : std::optional<int>(1 + seq % 7);
    d.stance = static_cast<Stance>(seq % 3);
    std::ostringstream text;
    text << "child " << child << " opinion " << seq << ": ";
    for (int k = 0; k < 20 + seq % 60; ++k) text << "充电桩" << (seq * 31 + k) % 97 << ' ';
    text << "end " << child * 100000 + seq;
    d.text = text.str();
    if (seq % 2 == 1) {
        d.contact_name = "居民" + std::to_string(seq % 100);
        d.contact_phone = "139" + std::to_string(10000000 + (child * 7919 + seq) % 90000000);
        d.contact_consent = true;
    }
    d.passport_id = seq % 5 == 0 ? g_passports[static_cast<std::size_t>(child + seq) % g_passports.size()] : "";
    d.lang = seq % 2 == 0 ? Lang::zh : Lang::en;
    return d;
}

Moment moment_for(int seq) {
    return Moment{1799544600000 + seq, {2027, 1, 10}};
}

// The child: opens kiosk.db, submits until killed, writes "id child seq\n" to `out` after each
// submit returns. Never returns into the test framework.
[[noreturn]] void run_child(const fs::path& data, int child, int out) {
    auto db = KioskDb::open(data);
    if (!db) _exit(3);
    OpinionOutbox outbox(**db, "kiosk-" + std::to_string(child));
    auto consultation = draft_under_consultation();
    for (int seq = 0; seq < 1000000; ++seq) {
        auto r = outbox.submit(draft_for(child, seq), consultation, moment_for(seq));
        if (!r) _exit(4);
        std::string line = *r + " " + std::to_string(child) + " " + std::to_string(seq) + "\n";
        // One write of < PIPE_BUF bytes is atomic: the parent sees whole lines or nothing.
        if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
    }
    _exit(0);
}

struct Acknowledged {
    OpinionId id;
    int child, seq;
};

// One child's run: started, killed `kill_after` ms later (or, with `acks_wanted`, once that many
// acknowledgements arrived or `kill_after` passed), what it acknowledged and when.
struct ChildRun {
    std::vector<Acknowledged> acked;
    std::optional<double> first_ack_ms, gap_ms;
    double killed_at_ms = 0;
};

ChildRun run_and_kill(const fs::path& data, int child, double kill_after_ms, std::size_t acks_wanted = 0) {
    ChildRun run;
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        run_child(data, child, fds[1]);
    }
    ::close(fds[1]);
    auto since_start = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    // Read acknowledgements as they come, noting when, until the kill time.
    std::string out;
    char buf[4096];
    auto take = [&](bool note_time) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) return n;
        if (note_time) {
            std::size_t before = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
            out.append(buf, static_cast<std::size_t>(n));
            std::size_t after = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
            if (before == 0 && after >= 1) run.first_ack_ms = since_start();
            if (before == 1 && after >= 2) run.gap_ms = since_start() - *run.first_ack_ms;
        } else {
            out.append(buf, static_cast<std::size_t>(n));
        }
        return n;
    };
    bool open = true;
    for (;;) {
        double left = kill_after_ms - since_start();
        std::size_t lines = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
        if (left <= 0 || (acks_wanted && lines >= acks_wanted) || !open) break;
        pollfd p{fds[0], POLLIN, 0};
        int r = ::poll(&p, 1, std::max(1, static_cast<int>(left)));
        if (r > 0 && take(true) == 0) open = false;
    }
    run.killed_at_ms = since_start();
    REQUIRE(::kill(pid, SIGKILL) == 0);
    for (ssize_t n; (n = take(false)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        REQUIRE(n > 0);
    }
    ::close(fds[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    INFO("child " << child << " status " << status);
    // Killed, not failed: exit codes 3–5 would mean the child met an error before the kill.
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    std::istringstream lines(out);
    Acknowledged a;
    while (lines >> a.id >> a.child >> a.seq) run.acked.push_back(a);
    return run;
}

}  // namespace

TEST_CASE("every opinion acknowledged before kill -9 is in kiosk.db, intact",
          "[core][opinions][durability]") {
    TempDir tmp;
    auto data = tmp.path() / "data";
    lianxin::test::KillTiming timing(std::random_device{}());
    std::vector<Acknowledged> acked;
    const int kills_wanted = 60;
    int kills = 0, kills_after_ack = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    {
        auto db = KioskDb::open(data);
        REQUIRE(db.ok());
        PassportBook book(**db, PassportSettings{"kiosk", "JJ1", generate_key(), {}, {}, ""});
        g_passports.clear();
        for (int i = 0; i < 4; ++i) {
            auto p = book.issue(moment_for(0));
            REQUIRE(p.ok());
            g_passports.push_back(p->id);
        }
    }

    // The first run measures this machine, now: it is killed once two opinions were acknowledged.
    // The kills after it are drawn around the acknowledgement times the runs keep showing.
    for (int child = 0; child < kills_wanted && std::chrono::steady_clock::now() < give_up;
         ++child) {
        ChildRun run = timing.calibrated() ? run_and_kill(data, child, timing.next())
                                           : run_and_kill(data, child, 30000, 2);
        if (!timing.calibrated()) {
            INFO("the first run acknowledged nothing in 30 s");
            REQUIRE(run.first_ack_ms.has_value());
        }
        timing.observe(run.first_ack_ms, run.gap_ms, run.killed_at_ms);
        ++kills;
        if (!run.acked.empty()) ++kills_after_ack;
        acked.insert(acked.end(), run.acked.begin(), run.acked.end());
    }
    INFO(kills << " kills, " << kills_after_ack << " after an acknowledgement, " << acked.size()
               << " acknowledged opinions; first acknowledgement after ~" << timing.typical_first() << " ms");
    REQUIRE(kills >= 50);
    // Kills that found nothing acknowledged test only start-up: a good share must come after some
    // (the start-up times of a loaded machine scatter, so not all of them can).
    REQUIRE(kills_after_ack >= kills / 3);
    REQUIRE(acked.size() > 0);
    WARN(kills << " SIGKILLs (" << kills_after_ack << " after an acknowledgement), " << acked.size()
               << " opinions acknowledged; first acknowledgement after ~" << timing.typical_first() << " ms");

    auto db = KioskDb::open(data);
    REQUIRE(db.ok());
    auto check = (*db)->locked([](SqliteDb& s) {
        auto st = s.prepare("PRAGMA integrity_check");
        REQUIRE(st.step());
        return st.text(0);
    });
    CHECK(check == "ok");

    OpinionOutbox outbox(**db, "checker");
    auto consultation = draft_under_consultation();
    auto expect_intact = [&](const Opinion& op, int child, int seq) {
        INFO("opinion " << op.id << " of child " << child << " #" << seq);
        auto d = normalize_opinion(draft_for(child, seq));
        CHECK(op.consultation_id == consultation.id);
        CHECK(op.article == d.article);
        CHECK(op.stance == d.stance);
        CHECK(op.text == d.text);
        CHECK(op.passport_id == d.passport_id);
        // Its passport stamp committed with it, or there is none.
        auto stamps = (*db)->locked([&](SqliteDb& s) {
            auto st = s.prepare("SELECT count(*) FROM stamps WHERE ref = ?");
            st.bind(1, op.id);
            st.step();
            return st.integer(0);
        });
        CHECK(stamps == (d.passport_id.empty() ? 0 : 1));
        CHECK(op.contact_name == d.contact_name);
        CHECK(op.contact_phone == d.contact_phone);
        CHECK(op.contact_consent == d.contact_consent);
        CHECK(op.lang == d.lang);
        CHECK(op.kiosk == "kiosk-" + std::to_string(child));
        CHECK(op.created_at_ms == moment_for(seq).utc_ms);
        CHECK_FALSE(op.sent_at_ms.has_value());
    };
    // Every acknowledged opinion is there, exactly as submitted.
    for (auto& a : acked) {
        auto op = outbox.find(a.id);
        INFO("acknowledged " << a.id);
        REQUIRE(op.ok());
        expect_intact(*op, a.child, a.seq);
    }
    // Every row in the file (acknowledged or committed just before a kill) is whole.
    auto all = outbox.pending(1000000);
    REQUIRE(all.ok());
    CHECK(all->size() >= acked.size());
    std::set<std::string> ids;
    for (auto& op : *all) {
        ids.insert(op.id);
        int child = -1, seq = -1;
        REQUIRE(std::sscanf(op.text.c_str(), "child %d opinion %d:", &child, &seq) == 2);
        REQUIRE(child >= 0);
        REQUIRE(seq >= 0);
        expect_intact(op, child, seq);
    }
    CHECK(ids.size() == all->size());
}
