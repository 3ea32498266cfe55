// Salvage of a damaged kiosk.db. Debian 12's sqlite3 shell is built without the sqlite_dbpage
// table that its .recover needs (it answers "no such table: sqlite_dbpage"), and its library has
// no recovery extension, so this reads with SQLite itself: one point lookup per rowid, so a
// damaged leaf page costs only its own rows, and every row is checked by inserting it into a
// table that carries kiosk.db's NOT NULL and CHECK rules.
#include "core/storage/kiosk_salvage.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "core/base/files.h"

namespace fs = std::filesystem;

namespace lianxin {

namespace {

struct TableSpec {
    const char* name;
    const char* columns;
    int count;
    int since = 1;  // the schema (user_version) that made the table: a file of an older one never had it
};

// Passports before stamps and opinions: they refer to passports.
constexpr TableSpec kTables[] = {
    {"passports", "id, short_code, ref, token, issued_on, kiosk, created_at, sent_at", 8},
    {"opinions",
     "id, consultation, article, stance, text, passport, contact_name, contact_phone, contact_consent, lang, kiosk, "
     "created_at, sent_at, contact_erased",
     14},
    {"stamps", "id, passport, kind, ref, created_at, sent_at", 6},
    {"opinion_statuses", "opinion, status, reply, updated_at", 4},
    {"opinion_traces", "opinion, number, title_zh, title_en, text_zh, text_en, updated_at", 7, 6},
    {"certificates", "serial, passport, token, received_at", 4},
    {"revoked_certificates", "serial, revoked_at", 2},
    {"guestbook", "id, organisation, origin, people, message, on_wall, lang, kiosk, created_at, sent_at", 10, 7},
    {"meeting_requests",
     "id, deputy, topic, passport, contact_name, contact_phone, contact_consent, lang, kiosk, created_at, sent_at, "
     "contact_erased",
     12, 7},
    {"meeting_statuses", "request, status, reply, updated_at", 4, 7},
};

constexpr std::size_t kNotesPerTable = 10;
// Without max(rowid) (the rightmost pages damaged) the scan stops after this many rowids in a
// row that give nothing.
constexpr std::int64_t kProbeGap = 2000;

const char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

void put_be(std::string& b, std::size_t at, std::uint64_t v, int n) {
    for (int k = n - 1; k >= 0; --k, v >>= 8) b[at + static_cast<std::size_t>(k)] = static_cast<char>(v & 0xff);
}

// A header whose first bytes were lost (zeroed, overwritten) is written again with what a kiosk.db
// always has: SQLite's default 4096-byte pages (or the size that divides the file), UTF-8, schema
// format 4. The schema and rows after byte 100 are read as they are.
bool repair_header(std::string& b, bool has_wal) {
    if (b.size() < 512 || b.compare(0, 16, std::string(kMagic, 16)) == 0) return false;
    std::uint64_t page = 4096;
    if (b.size() % page != 0)
        for (std::uint64_t p = 512; p <= 65536; p *= 2)
            if (b.size() % p == 0) page = p;
    std::fill(b.begin(), b.begin() + 100, '\0');
    b.replace(0, 16, kMagic, 16);
    put_be(b, 16, page == 65536 ? 1 : page, 2);
    b[18] = b[19] = has_wal ? 2 : 1;
    b[21] = 64;
    b[22] = 32;
    b[23] = 32;
    put_be(b, 24, 1, 4);                // change counter
    put_be(b, 28, b.size() / page, 4);  // pages
    put_be(b, 40, 1, 4);                // schema cookie
    put_be(b, 44, 4, 4);                // schema format
    put_be(b, 56, 1, 4);                // UTF-8
    put_be(b, 92, 1, 4);                // version-valid-for = change counter
    put_be(b, 96, SQLITE_VERSION_NUMBER, 4);
    return true;
}

struct TempCopy {
    fs::path dir;
    ~TempCopy() {
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
    }
};

}  // namespace

std::size_t SalvageReport::total_kept() const {
    std::size_t n = 0;
    for (auto& t : tables) n += t.kept;
    return n;
}

std::size_t SalvageReport::total_left_out() const {
    std::size_t n = 0;
    for (auto& t : tables) n += t.invalid + t.unreadable;
    return n;
}

Result<SalvageReport> salvage_kiosk_db(const fs::path& damaged, SqliteDb& into) {
    auto bytes = read_file(damaged, std::size_t{1} << 34);
    if (!bytes) return Error{ErrorCode::io, "cannot read " + damaged.string() + ": " + bytes.error().detail};
    SalvageReport report;
    if (bytes->size() < 512) {
        report.notes.push_back(damaged.string() + " holds " + std::to_string(bytes->size()) +
                               " bytes: nothing to salvage");
        for (auto& t : kTables) report.tables.push_back({t.name});
        return report;
    }

    // Work on a copy: the damaged file and its log stay exactly as they were found.
    TempCopy tmp;
    std::string pattern = (fs::temp_directory_path() / "lianxin-salvage-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return Error{ErrorCode::io, "cannot make a folder for the salvage copy"};
    tmp.dir = pattern;
    fs::path copy = tmp.dir / "kiosk.db";
    std::error_code ec;
    bool has_wal = fs::exists(damaged.string() + "-wal", ec) && fs::file_size(damaged.string() + "-wal", ec) > 32;
    if (repair_header(*bytes, has_wal))
        report.notes.push_back("the file's header was damaged; it was rebuilt on the copy before reading");
    if (auto st = write_file_atomic(copy, *bytes); !st) return st.error();
    if (has_wal) fs::copy_file(damaged.string() + "-wal", copy.string() + "-wal", ec);

    std::unique_ptr<SqliteDb> from;
    try {
        from = std::make_unique<SqliteDb>(copy.string(), SqliteDb::Mode::read_write_create);
        from->exec("PRAGMA cell_size_check=ON");
        // A file cut short (fewer pages than its header says) is otherwise refused outright;
        // with this SQLite reads the pages that are there (the copy is never written).
        from->exec("PRAGMA writable_schema=ON");
    } catch (const SqliteError& e) {
        return Error{ErrorCode::corrupt, damaged.string() + " cannot be opened at all: " + e.what()};
    }

    int file_schema = 0;  // 0 when unknown (a header rebuilt, a page unreadable)
    try {
        file_schema = from->pragma_int("user_version");
    } catch (const SqliteError&) {
    }

    Transaction tx(into);
    for (const TableSpec& spec : kTables) {
        SalvageTableCount count{spec.name};
        std::size_t notes = 0;
        auto note = [&](std::int64_t rowid, const std::string& why) {
            if (notes++ < kNotesPerTable)
                report.notes.push_back(std::string(spec.name) + " row " + std::to_string(rowid) + " left out: " + why);
        };
        std::unique_ptr<Statement> get;
        std::int64_t last = -1;
        try {
            get = std::make_unique<Statement>(
                from->handle(), std::string("SELECT ") + spec.columns + " FROM " + spec.name + " WHERE rowid = ?");
            auto mx = from->prepare(std::string("SELECT max(rowid) FROM ") + spec.name);
            if (mx.step() && !mx.is_null(0)) last = mx.integer(0);
            else last = 0;
        } catch (const SqliteError& e) {
            if (!get && file_schema > 0 && file_schema < spec.since) {
                // Set aside by a kiosk of an older version: nothing of it was lost.
                report.notes.push_back(std::string(spec.name) + ": none in this file (schema " +
                                       std::to_string(file_schema) + " predates the table)");
                report.tables.push_back(count);
                continue;
            }
            if (!get) {
                report.notes.push_back(std::string(spec.name) + ": table unreadable: " + e.what());
                count.table_unreadable = true;
                report.tables.push_back(count);
                continue;
            }
            last = -1;  // the rightmost pages are damaged: probe instead
        }
        std::string placeholders;
        for (int i = 0; i < spec.count; ++i) placeholders += i ? ", ?" : "?";
        auto put = into.prepare(std::string("INSERT INTO ") + spec.name + "(" + spec.columns + ") VALUES(" +
                                placeholders + ") ON CONFLICT DO NOTHING");
        std::int64_t gap = 0, pending_errors = 0, last_row = 0;
        for (std::int64_t rowid = 1; last < 0 ? gap < kProbeGap : rowid <= last; ++rowid) {
            get->reset();
            bool row = false;
            try {
                get->bind(1, rowid);
                row = get->step();
            } catch (const SqliteError& e) {
                ++gap;
                if (last < 0) ++pending_errors;
                else {
                    ++count.unreadable;
                    note(rowid, std::string("unreadable: ") + e.what());
                }
                continue;
            }
            if (!row) {
                ++gap;
                continue;
            }
            gap = 0;
            last_row = rowid;
            count.unreadable += static_cast<std::size_t>(pending_errors);  // errors between rows that exist
            pending_errors = 0;
            ++count.read;
            put.reset();
            bool all_null = true;
            for (int c = 0; c < spec.count; ++c) {
                if (get->is_null(c)) {
                    put.bind_null(c + 1);
                } else {
                    all_null = false;
                    switch (get->type(c)) {
                        case SQLITE_INTEGER: put.bind(c + 1, get->integer(c)); break;
                        case SQLITE_BLOB: put.bind_blob(c + 1, get->blob(c)); break;
                        default: put.bind(c + 1, get->text(c)); break;
                    }
                }
            }
            if (all_null) {
                ++count.invalid;
                note(rowid, "every column came back NULL");
                continue;
            }
            try {
                put.run();
                if (sqlite3_changes(into.handle()) > 0) ++count.kept;
                else ++count.already;
            } catch (const SqliteError& e) {
                if (classify_storage_fault(e.code) != StorageFault::none) throw;  // the good file failed
                ++count.invalid;
                note(rowid, std::string("breaks kiosk.db's rules: ") + e.what());
            }
        }
        if (last < 0 && pending_errors > 0)
            report.notes.push_back(std::string(spec.name) + ": nothing after rowid " + std::to_string(last_row) +
                                   " could be reached (" + std::to_string(pending_errors) + " rowids unreadable)");
        report.tables.push_back(count);
    }
    tx.commit();
    from->no_checkpoint_on_close();
    return report;
}

}  // namespace lianxin
