// lianxin-bench-hostile: the hub under hostile clients (docs/hub-connections.md), on SQLite and
// PostgreSQL, against a real lianxin-hub process on loopback: p50/p99 of /healthz, /C/<token> and
// a signed sync with 256 slow and idle connections held open (unloaded /healthz in the same run
// as the reference), the hub's RSS before, during and after 8 oversized (63 MB) unauthenticated
// bodies, and how many of 40 concurrent phone-form posts from one address get through a limit of
// 10. Medians over --runs. Usage: lianxin-bench-hostile [--runs N] [--seconds S]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto/signing_keys.h"
#include "core/net/http_client.h"
#include "core/sync/request_signing.h"
#include "core/sync/sync_messages.h"
#include "core/tokens/token.h"
#include "hub/store/hub_store.h"
#include "tests/hostile/loopback.h"
#include "tests/hostile/slow_clients.h"
#include "tests/support/postgres_server.h"
#include "tests/support/temp_dir.h"

using namespace lianxin;
using namespace lianxin::test;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench: %s\n", what.c_str());
    std::exit(1);
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

HttpResponse request(const std::string& base, const std::string& method, const std::string& target,
                     const std::string& body = "", const SecretKey* key = nullptr,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest q;
    q.method = method;
    q.url = base + target;
    q.body = body;
    q.total_timeout_ms = 10'000;
    if (key)
        for (auto& h : sign_request(*key, method, target, body, wall_ms()).list()) headers.push_back(h);
    bool typed = false;
    for (auto& h : headers) typed |= h.first == "Content-Type";
    if (method == "POST" && !typed) headers.emplace_back("Content-Type", "application/json");
    q.headers = std::move(headers);
    return http_request(q);
}

// A lianxin-hub process over `spec`, with hub.toml in `dir`; the store is filled through it.
struct HubProcess {
    pid_t pid = -1;
    int port = 0;
    std::string base;
    HubProcess(const std::string& spec, const std::filesystem::path& dir, const SecretKey& cert_key) {
        std::filesystem::path demo = std::filesystem::path(LIANXIN_BINARY_DIR) / "demo";
        if (!save_key_pair(cert_key, dir / "certificate")) die("cannot write the certificate key");
        std::ofstream(dir / "hub.toml") << "[hub]\nlisten = \"127.0.0.1:0\"\nstore = \"" << spec
                                        << "\"\npublic_url = \"http://127.0.0.1:8470\"\ncertificate_key = \""
                                        << (dir / "certificate.key").string() << "\"\npublisher_keys = [\""
                                        << (demo / "publisher.pub").string() << "\"]\n";
        int out[2];
        if (pipe(out) != 0) die("pipe");
        pid = fork();
        if (pid == 0) {
            dup2(out[1], 1);
            ::close(out[0]);
            std::string config = (dir / "hub.toml").string();
            execl(LIANXIN_HUB_BIN, LIANXIN_HUB_BIN, "--config", config.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        ::close(out[1]);
        FILE* f = fdopen(out[0], "r");
        char line[512];
        if (!f || !std::fgets(line, sizeof line, f)) die("the hub did not start (" LIANXIN_HUB_BIN ")");
        const char* at = std::strstr(line, "127.0.0.1:");
        if (!at) die(std::string("the hub said: ") + line);
        port = std::atoi(at + 10);
        base = "http://127.0.0.1:" + std::to_string(port);
        std::thread([f] {  // keep its output drained
            char b[512];
            while (std::fgets(b, sizeof b, f)) {
            }
            std::fclose(f);
        }).detach();
    }
    ~HubProcess() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
    long rss_kib() const {
        std::ifstream in("/proc/" + std::to_string(pid) + "/status");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
        return -1;
    }
};

struct Figures {
    std::map<std::string, std::vector<double>> v;  // name → one value per run
};

void timed(std::vector<double>& out, const std::function<HttpResponse()>& f, int& failures) {
    auto t0 = Clock::now();
    if (f().status != 200) ++failures;
    out.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
}

std::string form_body(const std::string& token, int i) {
    return "lang=en&article=3&stance=suggest&text=Concurrent+opinion+" + std::to_string(i) + "&form_token=" + token;
}

void run_once(const std::string& backend, int seconds, Figures& fig) {
    TempDir tmp;
    std::string spec = backend == "sqlite" ? "sqlite:" + (tmp / "hub.db").string() : PostgresServer::instance().new_database();
    SecretKey cert_key = generate_key(), admin = generate_key(), kiosk = generate_key();
    {
        auto store = hub::open_store(spec);
        if (!store) die(store.error().detail);
        if (!(*store)->add_admin_key(admin.pub, wall_ms())) die("enroll admin");
    }
    HubProcess hub(spec, tmp.path(), cert_key);
    {
        auto store = hub::open_store(spec);
        auto code = (*store)->next_kiosk_code();
        if (!code || !(*store)->add_kiosk(kiosk.pub.id, "bench", *code, kiosk.pub, wall_ms())) die("register kiosk");
    }
    std::filesystem::path demo = std::filesystem::path(LIANXIN_BINARY_DIR) / "demo";
    std::string sig = read_file(demo / "demo.lxb.sig");
    auto pub = request(hub.base, "POST", "/api/v1/admin/bundles", read_file(demo / "demo.lxb"), &admin,
                       {{"Content-Type", "application/octet-stream"},
                        {"X-Lianxin-Bundle-Signature", to_base64(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}});
    if (pub.status != 201) die("publish: " + pub.body);
    CertificateClaims c;
    c.passport = passport_ref_of(new_passport_id());
    c.consultation_id = "property-rules";
    c.article = 3;
    c.decided = LocalDate{2027, 1, 9};
    auto token = issue_certificate_for_url(c, cert_key, "http://127.0.0.1:8470");
    std::string url = certificate_url("http://127.0.0.1:8470", *token);
    const std::string cert = url.substr(url.find('/', url.find("://") + 3));
    SyncPush push;
    push.kiosk = kiosk.pub.id;
    const std::string push_body = to_json(push);
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));  // the hub picks up the bundle

    // Unloaded reference, then the same under 256 slow connections.
    int failures = 0;
    std::vector<double> ref, healthz, page, sync;
    for (auto end = Clock::now() + std::chrono::seconds(3); Clock::now() < end;)
        timed(ref, [&] { return request(hub.base, "GET", "/healthz"); }, failures);
    {
        SlowClients crowd(hub.port, 256);
        for (auto end = Clock::now() + std::chrono::seconds(10); crowd.open() < 256 && Clock::now() < end;)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::this_thread::sleep_for(std::chrono::seconds(1));
        for (auto end = Clock::now() + std::chrono::seconds(seconds); Clock::now() < end;) {
            timed(healthz, [&] { return request(hub.base, "GET", "/healthz"); }, failures);
            timed(page, [&] { return request(hub.base, "GET", cert); }, failures);
            timed(sync, [&] { return request(hub.base, "POST", "/api/v1/sync", push_body, &kiosk); }, failures);
        }
        fig.v["crowd lowest open"].push_back(crowd.lowest_open());
    }
    fig.v["failures"].push_back(failures);
    for (auto& [name, v] : std::map<std::string, std::vector<double>*>{
             {"healthz unloaded", &ref}, {"healthz", &healthz}, {"/C/", &page}, {"sync", &sync}}) {
        fig.v[name + " p50"].push_back(percentile(*v, 0.5));
        fig.v[name + " p99"].push_back(percentile(*v, 0.99));
    }

    // Memory: 8 unauthenticated 63 MB bodies at once, half to sync, half to bundle publishing.
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const std::string body(63u << 20, 'x');
    long before = hub.rss_kib(), peak = before;
    std::atomic<bool> sending{true};
    std::thread sampler([&] {
        while (sending) {
            peak = std::max(peak, hub.rss_kib());
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::vector<std::thread> senders;
    for (int i = 0; i < 8; ++i)
        senders.emplace_back([&, i] {
            int fd = connect_loopback(hub.port);
            std::string head = std::string("POST ") + (i % 2 ? "/api/v1/sync" : "/api/v1/admin/bundles") +
                               " HTTP/1.1\r\nHost: hub\r\nX-Lianxin-Key: 0123456789abcdef\r\nX-Lianxin-Time: " +
                               std::to_string(wall_ms()) + "\r\nX-Lianxin-Nonce: " + std::string(32, 'a') +
                               "\r\nX-Lianxin-Signature: " + std::string(86, 'A') +
                               "==\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
            timeval tv{10, 0};
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            send_all(fd, head);
            send_all(fd, body);
            ::close(fd);
        });
    for (auto& t : senders) t.join();
    sending = false;
    sampler.join();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    fig.v["rss before MiB"].push_back(static_cast<double>(before) / 1024);
    fig.v["rss peak MiB"].push_back(static_cast<double>(peak) / 1024);
    fig.v["rss after MiB"].push_back(static_cast<double>(hub.rss_kib()) / 1024);

    // 40 phone-form posts at once from one address, limit 10.
    auto form = request(hub.base, "GET", "/o/property-rules");
    std::string cookie = header_value(form, "Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    const std::string marker = "name=\"form_token\" value=\"";
    auto at = form.body.find(marker) + marker.size();
    std::string form_token = form.body.substr(at, form.body.find('"', at) - at);
    std::atomic<int> thanked{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> posts;
    for (int i = 0; i < 40; ++i)
        posts.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            auto r = request(hub.base, "POST", "/o/property-rules", form_body(form_token, i), nullptr,
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
            if (r.status == 200 && r.body.find("Thank you!") != std::string::npos) ++thanked;
        });
    go = true;
    for (auto& t : posts) t.join();
    fig.v["form posts through (of 40, limit 10)"].push_back(thanked);
}

double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

}  // namespace

int main(int argc, char** argv) {
    int runs = 3, seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs") runs = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--seconds") seconds = std::atoi(argv[i + 1]);
    }
    raise_fd_limit();
    signal(SIGPIPE, SIG_IGN);
    for (std::string backend : {"sqlite", "postgresql"}) {
        Figures fig;
        for (int r = 0; r < runs; ++r) {
            std::fprintf(stderr, "bench: %s run %d of %d\n", backend.c_str(), r + 1, runs);
            run_once(backend, seconds, fig);
        }
        std::printf("\n%s, medians of %d runs (%d s under 256 slow connections each):\n", backend.c_str(), runs, seconds);
        for (auto& [name, v] : fig.v) {
            std::printf("  %-40s %10.1f   (runs:", name.c_str(), median(v));
            for (double x : v) std::printf(" %.1f", x);
            std::printf(")\n");
        }
    }
    return 0;
}
