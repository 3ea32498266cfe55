// What the damaged-file attacks share: a kiosk.db seeded with real opinions through the outbox,
// the pages that hold a table's rows (SQLite's dbstat), and ways to break a file on disk.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/opinions/opinion_outbox.h"
#include "core/storage/kiosk_db.h"
#include "core/storage/sqlite_db.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_consultation.h"

namespace lianxin::test {

// The i-th moment of a test's kiosk (unix ms from a fixed start, one local day) and an opinion on
// article 2 with `text`: what the kiosk.db fault tests submit.
inline Moment test_moment(int i) { return Moment{1'790'000'000'000 + i, {2026, 12, 1}}; }

inline OpinionDraft article_draft(const std::string& text) {
    OpinionDraft d;
    d.article = 2;
    d.text = text;
    return d;
}

// `n` opinions (texts of a few hundred bytes, so they fill many pages) committed to
// DATA_DIR/kiosk.db; returns their ids, oldest first. The file is closed (checkpointed) after.
inline std::vector<std::string> seed_opinions(const std::filesystem::path& data_dir, int n) {
    std::vector<std::string> ids;
    auto db = KioskDb::open(data_dir);
    REQUIRE(db.ok());
    OpinionOutbox outbox(**db, "hostile");
    auto c = draft_under_consultation();
    for (int i = 0; i < n; ++i) {
        OpinionDraft d;
        d.article = 1 + i % 7;
        d.text = "第" + std::to_string(i) + "条意见：楼道照明应当由物业负责维修，费用公开。" + std::string(120, 'x');
        Moment m;
        m.utc_ms = 1'790'000'000'000 + i;
        m.local_date = {2026, 12, 1};
        auto id = outbox.submit(d, c, m);
        REQUIRE(id.ok());
        ids.push_back(*id);
    }
    return ids;
}

struct PageInfo {
    int page;
    int cells;
};

// The leaf pages of `table` in `file`, with how many rows each holds.
inline std::vector<PageInfo> leaf_pages(const std::filesystem::path& file, const std::string& table) {
    SqliteDb db(file.string(), SqliteDb::Mode::read_only);
    std::vector<PageInfo> out;
    auto st = db.prepare("SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno");
    st.bind(1, table);
    while (st.step()) out.push_back({static_cast<int>(st.integer(0)), static_cast<int>(st.integer(1))});
    return out;
}

// Overwrites `length` bytes at `offset` with bytes from a fixed-seed generator (or zeros).
inline void scribble(const std::filesystem::path& file, std::int64_t offset, std::size_t length, bool zeros = false) {
    std::string junk(length, '\0');
    std::mt19937 gen(14);
    if (!zeros)
        for (auto& ch : junk) ch = static_cast<char>(gen() & 0xff);
    int fd = ::open(file.c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    REQUIRE(::pwrite(fd, junk.data(), junk.size(), offset) == static_cast<ssize_t>(junk.size()));
    ::close(fd);
}

// Turns opinion row `rowid` into a row of NULLs, as only damage can (the table forbids it): the
// schema's rules are lifted for the write and put back, the way a bad sector would leave it. Only
// SQLite's integrity check, not the quick open, finds it.
inline void null_out_opinion(const std::filesystem::path& file, std::int64_t rowid) {
    SqliteDb raw(file.string(), SqliteDb::Mode::read_write_create);
    raw.exec("PRAGMA writable_schema=ON");
    auto st = raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'opinions'");
    REQUIRE(st.step());
    std::string sql = st.text(0);
    raw.exec("UPDATE sqlite_schema SET sql = 'CREATE TABLE opinions(id PRIMARY KEY, consultation, article, stance, text, passport, "
             "contact_name, contact_phone, contact_consent, lang, kiosk, created_at, sent_at, contact_erased)' "
             "WHERE name = 'opinions'");
    raw.exec("PRAGMA writable_schema=RESET");
    auto null_row = raw.prepare("UPDATE opinions SET id = NULL, consultation = NULL, article = NULL, stance = NULL, text = NULL, "
                                "contact_consent = NULL, lang = NULL, kiosk = NULL, created_at = NULL, contact_erased = NULL "
                                "WHERE rowid = ?");
    null_row.bind(1, rowid);
    null_row.run();
    raw.exec("PRAGMA writable_schema=ON");
    auto put = raw.prepare("UPDATE sqlite_schema SET sql = ? WHERE name = 'opinions'");
    put.bind(1, sql);
    put.run();
    raw.exec("PRAGMA writable_schema=RESET");
}

inline std::vector<std::filesystem::path> damaged_files(const std::filesystem::path& data_dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(data_dir / "damaged", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".db") out.push_back(it->path());
    return out;
}

// Ids of the opinions in DATA_DIR/kiosk.db that are not sent yet.
inline std::vector<std::string> unsent_ids(const std::filesystem::path& data_dir) {
    SqliteDb db((data_dir / "kiosk.db").string(), SqliteDb::Mode::read_only);
    std::vector<std::string> out;
    for (auto st = db.prepare("SELECT id FROM opinions WHERE sent_at IS NULL ORDER BY created_at"); st.step();)
        out.push_back(st.text(0));
    return out;
}

}  // namespace lianxin::test
