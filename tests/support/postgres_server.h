// A private PostgreSQL server for one test process (tests use a real server: docs/architecture.md):
// initdb into a temporary folder, listen on a free port of 127.0.0.1 and a socket in that folder,
// a fresh database per test, and everything stopped and removed when the process ends — also when
// it crashes or is killed, through a watchdog process that waits for this process to go away.
#pragma once

#include <string>

namespace lianxin::test {

class PostgresServer {
  public:
    // Starts the server on first use (about a second). Throws std::runtime_error with the server's
    // log when it cannot. As root, the server runs as the unprivileged user `nobody` (initdb and
    // postgres refuse root); otherwise as the current user.
    static PostgresServer& instance();

    // Creates an empty database and returns its libpq URI
    // ("postgresql://lianxin@127.0.0.1:PORT/NAME").
    std::string new_database();
    // Runs SQL in database `name` (tests that prepare a foreign database); throws on failure.
    void exec(const std::string& database, const std::string& sql);
    int port() const { return port_; }

    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

  private:
    PostgresServer();
    void start();

    std::string dir_;     // the temporary folder: data/, server.log, the socket
    std::string run_as_;  // "" or the user the server runs as
    int port_ = 0;
    int watchdog_pid_ = -1;
    int watchdog_fd_ = -1;  // its stdin; closing it (or dying) tells it to clean up
    int databases_ = 0;
};

}  // namespace lianxin::test
