// The private PostgreSQL server of a test process (postgres_server.h). Works as root (CI) and as a
// normal user, with no PostgreSQL service running; two test processes at once each get their own
// folder and port.
#include "tests/support/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;

namespace lianxin::test {

namespace {

std::mutex g_mu;

std::string pg_bin() {
    if (const char* env = std::getenv("LIANXIN_PG_BIN")) return env;
    if (fs::exists("/usr/lib/postgresql/15/bin/initdb")) return "/usr/lib/postgresql/15/bin";
    // Another major version (a newer Debian): the highest installed.
    std::string best;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec))
        if (fs::exists(e.path() / "bin/initdb") && e.path().string() > best)
            best = e.path().string();
    if (best.empty())
        throw std::runtime_error(
            "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: "
            "run `bash deploy/install-deps.sh` (package postgresql)");
    return best + "/bin";
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// A port the kernel just considered free. Another process may take it before the server binds it;
// start() then tries again with a new one.
int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        throw std::runtime_error("cannot find a free TCP port on 127.0.0.1");
    ::close(fd);
    return ntohs(a.sin_port);
}

// As root: initdb and postgres refuse to run as root, so the server runs as `nobody`, or as a
// dedicated system user where a system has no `nobody`.
std::string unprivileged_user() {
    if (::geteuid() != 0) return "";
    if (::getpwnam("nobody")) return "nobody";
    if (!::getpwnam("lianxin-test")) {
        auto r =
            run_command("useradd --system --no-create-home --shell /usr/sbin/nologin lianxin-test");
        if (r.exit_code != 0)
            throw std::runtime_error("cannot create the user lianxin-test: " + r.output);
    }
    return "lianxin-test";
}

std::unique_ptr<PostgresServer>& slot() {
    static std::unique_ptr<PostgresServer> server;
    return server;
}

struct Conn {
    PGconn* c;
    ~Conn() { PQfinish(c); }
};

}  // namespace

PostgresServer& PostgresServer::instance() {
    std::lock_guard lock(g_mu);
    auto& s = slot();
    if (!s) {
        s.reset(new PostgresServer());
        try {
            s->start();
        } catch (...) {
            s.reset();
            throw;
        }
    }
    return *s;
}

PostgresServer::PostgresServer() {
    run_as_ = unprivileged_user();
    // As root, /tmp: TMPDIR may point somewhere `nobody` cannot reach.
    fs::path base = run_as_.empty() ? fs::temp_directory_path() : fs::path("/tmp");
    std::string tmpl = (base / "lianxin-pg-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
    dir_ = tmpl;
    if (!run_as_.empty()) {
        const passwd* pw = ::getpwnam(run_as_.c_str());
        if (!pw || ::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
            throw std::runtime_error("cannot hand " + dir_ + " to " + run_as_);
    }

    // The watchdog: a shell in its own session (a Ctrl-C or a killed test leaves it running) that
    // waits for end of file on its stdin — this process exiting, however it exits — then stops the
    // server and removes the folder. It is exec'd straight after fork, so forking from a
    // multi-threaded test is safe.
    std::string as = run_as_.empty() ? "" : "runuser -u " + run_as_ + " -- ";
    std::string script = "cat >/dev/null; " + as + quote(pg_bin() + "/pg_ctl") + " -D " +
                         quote(dir_ + "/data") + " -m immediate -w stop >/dev/null 2>&1; rm -rf " +
                         quote(dir_);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = ::fork();
    if (pid == 0) {
        ::setsid();
        ::dup2(fds[0], 0);  // dup2 clears close-on-exec on the copy
        int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[0]);
    if (pid < 0) {
        ::close(fds[1]);
        throw std::runtime_error("fork failed");
    }
    watchdog_pid_ = pid;
    watchdog_fd_ = fds[1];
}

PostgresServer::~PostgresServer() {
    // Tell the watchdog and wait for it, so the server is gone when the process exits.
    if (watchdog_fd_ >= 0) ::close(watchdog_fd_);
    if (watchdog_pid_ > 0) {
        int status = 0;
        ::waitpid(watchdog_pid_, &status, 0);
    }
}

void PostgresServer::start() {
    std::string bin = pg_bin();
    std::string as = run_as_.empty() ? "" : "runuser -u " + run_as_ + " -- ";
    std::string data = dir_ + "/data";
    // initdb takes seconds on a busy machine and CTest runs every case in a process of its own,
    // so the first process keeps a pristine copy of its cluster in the build folder and later ones
    // copy that (per major version; replaced by renaming, so racing processes never see half a
    // copy).
    fs::path tmpl = fs::path(LIANXIN_BINARY_DIR) /
                    ("pg-template-" + fs::path(bin).parent_path().filename().string());
    std::error_code ec;
    bool from_template = fs::exists(tmpl / "PG_VERSION", ec);
    RunResult r{0, ""};
    if (from_template) {
        r = run_command("cp -a " + quote(tmpl.string()) + " " + quote(data) +
                        (run_as_.empty() ? "" : " && chown -R " + run_as_ + " " + quote(data)));
        if (r.exit_code != 0) {  // e.g. another user's build folder: make our own
            from_template = false;
            fs::remove_all(data, ec);
        }
    }
    if (!from_template) {
        r = run_command(as + quote(bin + "/initdb") + " -D " + quote(data) +
                        " -U lianxin --auth=trust -E UTF8 --no-locale --no-sync");
        if (r.exit_code != 0) throw std::runtime_error("initdb failed:\n" + r.output);
        std::string staging = tmpl.string() + ".tmp" + std::to_string(::getpid());
        if (run_command("cp -a " + quote(data) + " " + quote(staging)).exit_code == 0) {
            fs::rename(staging, tmpl, ec);  // fails when another process got there first: fine
            if (ec) fs::remove_all(staging, ec);
        }
    }
    // Test settings: no durability work (the data is thrown away), little memory, socket in our
    // folder (not /var/run/postgresql, which may not exist), shared memory in files.
    std::string conf =
        "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + dir_ +
        "'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        "shared_buffers = 32MB\nmax_connections = 200\ndynamic_shared_memory_type = mmap\n";
    r = run_command("printf '%s' " + quote(conf) + " | " + as + "tee -a " +
                    quote(data + "/postgresql.conf") + " >/dev/null");
    if (r.exit_code != 0) throw std::runtime_error("cannot write postgresql.conf: " + r.output);

    std::string log = dir_ + "/server.log";
    for (int attempt = 0; attempt < 5; ++attempt) {
        int port = free_port();
        r = run_command(as + quote(bin + "/pg_ctl") + " -D " + quote(data) + " -l " + quote(log) +
                        " -w -t 60 -o " + quote("-p " + std::to_string(port)) + " start");
        if (r.exit_code == 0) {
            port_ = port;
            return;
        }
    }
    if (from_template)
        fs::remove_all(tmpl, ec);  // in case the copy is what is wrong: the next run redoes it
    throw std::runtime_error("PostgreSQL did not start:\n" + r.output + "\n" + read_text(log));
}

std::string PostgresServer::new_database() {
    std::string name;
    {
        std::lock_guard lock(g_mu);
        name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++databases_);
    }
    exec("postgres", "CREATE DATABASE " + name);
    return "postgresql://lianxin@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

void PostgresServer::exec(const std::string& database, const std::string& sql) {
    std::string uri = "postgresql://lianxin@127.0.0.1:" + std::to_string(port_) + "/" + database;
    Conn conn{PQconnectdb(uri.c_str())};
    if (PQstatus(conn.c) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to the test server: " +
                                 std::string(PQerrorMessage(conn.c)));
    PQsetNoticeProcessor(
        conn.c, [](void*, const char*) {}, nullptr);
    PGresult* res = PQexec(conn.c, sql.c_str());
    auto st = PQresultStatus(res);
    std::string msg = PQresultErrorMessage(res);
    PQclear(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + msg);
}

}  // namespace lianxin::test
