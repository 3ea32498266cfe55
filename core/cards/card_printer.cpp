// Printing a card through CUPS: `lp` run directly with posix_spawnp (no shell, so a title or file
// name is never interpreted), its output collected through pipes, and its verdict turned into a
// message a member of staff can act on.
#include "core/cards/card_printer.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <vector>

extern char** environ;

namespace lianxin {

namespace {

constexpr const char* kAdvice =
    "check the printer name with `lpstat -p` and that CUPS is running (`systemctl status cups`)";

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && (s[b] == '\n' || s[b] == ' ')) ++b;
    return s.substr(b);
}

// Closes both ends of a pipe on every path out.
struct Pipe {
    int fd[2] = {-1, -1};
    bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
    void close_end(int i) {
        if (fd[i] >= 0) ::close(fd[i]);
        fd[i] = -1;
    }
    ~Pipe() { close_end(0); close_end(1); }
};

// lp only queues the job; if it (or cupsd behind it) hangs, the kiosk must not wait for ever.
constexpr auto kPrintTimeout = std::chrono::seconds(30);

// Reads both pipes until the child closes them, polling both so neither can fill up and stall
// it; false if `deadline` passes first.
bool drain(int out_fd, int err_fd, std::string& out, std::string& err,
           std::chrono::steady_clock::time_point deadline) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_count = 2;
    char buf[4096];
    while (open_count > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        int ready = ::poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0) {
            if (errno == EINTR) continue;
            return true;
        }
        if (ready == 0) return false;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;  // poll ignores negative descriptors
                --open_count;
            }
        }
    }
    return true;
}

}  // namespace

Result<std::string> print_card_file(const PrinterConfig& printer, const std::filesystem::path& png,
                                    const std::string& title) {
    if (!printer.configured()) return Error{ErrorCode::invalid_input, "no printer is configured"};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(png, ec))
        return Error{ErrorCode::io, png.string() + ": no such card file to print"};

    const std::string command = printer.command.empty() ? std::string("lp") : printer.command;
    std::vector<std::string> args = {command, "-d", printer.printer, "-t", title, "-o", "fit-to-page", png.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    Pipe out, err;
    if (!out.open() || !err.open()) return Error{ErrorCode::io, std::string("cannot create pipes: ") + std::strerror(errno)};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, command.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return Error{ErrorCode::io, "cannot run the print command '" + command + "': " + std::strerror(rc) +
                                        "; install the CUPS client (cups-client) or set the printer command"};
    out.close_end(1);
    err.close_end(1);

    std::string stdout_text, stderr_text;
    if (!drain(out.fd[0], err.fd[0], stdout_text, stderr_text, std::chrono::steady_clock::now() + kPrintTimeout)) {
        ::kill(pid, SIGKILL);
        int ignored = 0;
        while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {}
        return Error{ErrorCode::io, "printing to '" + printer.printer + "' failed: " + command + " did not finish within " +
                                        std::to_string(kPrintTimeout.count()) + " s; " + kAdvice};
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return Error{ErrorCode::io, std::string("waiting for lp: ") + std::strerror(errno)};
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return trimmed(stdout_text);

    std::string what = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                         : "was killed by signal " + std::to_string(WTERMSIG(status));
    std::string said = trimmed(stderr_text.empty() ? stdout_text : stderr_text);
    return Error{ErrorCode::io, "printing to '" + printer.printer + "' failed: " + command + " " + what +
                                    (said.empty() ? "" : ": " + said) + "; " + kAdvice};
}

}  // namespace lianxin
