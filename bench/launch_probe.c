// Measures a GUI program from OUTSIDE its process (bench/README.md): launch → its content on the X
// screen, its stderr timing lines, PSS over its process tree, and CPU + frames on a static screen.
//
// Sections: 1. Options  2. Screen sampling  3. Process tree (/proc)  4. Child and its stderr
//           5. Measurement  6. Stopping the tree
//
// Method, in order:
//  - sample the empty X screen (a few full-width rows, XGetImage), read CLOCK_MONOTONIC = t0,
//    then fork/exec the program in its own session with stdout+stderr on a pipe;
//  - every ~2 ms re-sample; "content" is the first sample where at least --min-changed percent
//    of the sampled pixels differ from the empty screen AND they hold at least --min-colours
//    distinct colours (1 for the floor's clear colour; more for a page, so that a blank window
//    is not counted as content). The last time the samples changed in the settle window is
//    reported too (stable_ms: e.g. when late images arrived);
//    window_ms is the first change of any kind (e.g. a blank window before the page paints);
//  - "lianxin-timing NAME MS" lines on stderr are reported as NAME_ms = MS − t0;
//  - after --settle-ms: PSS = Σ Pss of /proc/PID/smaps_rollup over every descendant (the probe
//    is a child subreaper, so daemonised helpers such as Chromium's stay in the tree), USS
//    = Σ Private_Clean + Private_Dirty, and anonymous PSS (the one that does not depend on what
//    else runs on the machine);
//  - then over --idle-ms: CPU = Δ(utime+stime) of the tree as % of one core (and the same from
//    schedstat nanoseconds, which is finer than clock ticks), frames presented (read from the
//    bench frame shim's counter file, if given), and whether the sampled screen changed;
//  - SIGTERM to the tree, SIGKILL after 3 s.
// Prints one line of key=value pairs ("-" = not measured) on stdout. Exit 0 if content showed.
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// ---------------------------------------------------------------- 1. Options

typedef struct {
    const char* label;
    int timeout_ms;      // give up waiting for content (and for --wait-line) after this
    int min_colours;     // distinct sampled colours that make "content"
    double min_changed;  // percent of samples that must differ from the empty screen
    const char* wait_line;
    int settle_ms;
    int idle_ms;
    const char* frames_file;
    const char* stderr_log;
    const char* trace;
    int tap_x, tap_y;  // -1: no tap
    int rows;
    int poll_us;
    const char* env[32];
    int n_env;
    char** argv;
} Options;

static void usage(void) {
    fprintf(stderr,
            "usage: launch_probe [options] -- PROGRAM [ARGS...]\n"
            "  --label NAME        name in the result line\n"
            "  --timeout-ms N      wait at most N ms for content / --wait-line (30000)\n"
            "  --min-colours N     distinct sampled colours that count as content (1)\n"
            "  --min-changed PCT   percent of sampled pixels that must differ from the empty screen (20)\n"
            "  --wait-line NAME    before settling, also wait for 'lianxin-timing NAME' on stderr\n"
            "  --settle-ms N       wait after content before measuring PSS (3000)\n"
            "  --idle-ms N         static-screen window for CPU and frames (10000)\n"
            "  --frames-file FILE  frame counter kept by bench/frame_shim (LIANXIN_BENCH_FRAMES)\n"
            "  --stderr-log FILE   keep the program's stdout+stderr here\n"
            "  --tap X,Y           after settling, click at X,Y (synthetic X events), settle again,\n"
            "                      and measure PSS and the static screen there too\n"
            "  --trace FILE        log every change of the sampled screen (ms, %% changed, colours)\n"
            "  --rows N            full-width screen rows sampled (5)\n"
            "  --poll-us N         sampling period while waiting for content (2000)\n"
            "  --env NAME=VALUE    set in the program's environment only (repeatable)\n");
}

static int parse_options(int argc, char** argv, Options* o) {
    *o = (Options){.timeout_ms = 30000, .min_colours = 1, .min_changed = 20, .settle_ms = 3000,
                   .idle_ms = 10000, .tap_x = -1, .tap_y = -1, .rows = 5, .poll_us = 2000};
    int i = 1;
    for (; i < argc; ++i) {
        const char* a = argv[i];
        if (strcmp(a, "--") == 0) { ++i; break; }
        if (i + 1 >= argc) { usage(); return -1; }
        const char* v = argv[++i];
        if (strcmp(a, "--label") == 0) o->label = v;
        else if (strcmp(a, "--timeout-ms") == 0) o->timeout_ms = atoi(v);
        else if (strcmp(a, "--min-colours") == 0) o->min_colours = atoi(v);
        else if (strcmp(a, "--min-changed") == 0) o->min_changed = atof(v);
        else if (strcmp(a, "--wait-line") == 0) o->wait_line = v;
        else if (strcmp(a, "--settle-ms") == 0) o->settle_ms = atoi(v);
        else if (strcmp(a, "--idle-ms") == 0) o->idle_ms = atoi(v);
        else if (strcmp(a, "--frames-file") == 0) o->frames_file = v;
        else if (strcmp(a, "--stderr-log") == 0) o->stderr_log = v;
        else if (strcmp(a, "--trace") == 0) o->trace = v;
        else if (strcmp(a, "--tap") == 0 && sscanf(v, "%d,%d", &o->tap_x, &o->tap_y) == 2) {}
        else if (strcmp(a, "--rows") == 0) o->rows = atoi(v);
        else if (strcmp(a, "--poll-us") == 0) o->poll_us = atoi(v);
        else if (strcmp(a, "--env") == 0 && o->n_env < 32 && strchr(v, '=')) o->env[o->n_env++] = v;
        else { usage(); return -1; }
    }
    if (i >= argc || o->rows < 1 || o->rows > 64 || o->min_colours < 1 || o->timeout_ms <= 0 ||
        o->settle_ms < 0 || o->idle_ms < 0 || o->poll_us < 100) {
        usage();
        return -1;
    }
    o->argv = argv + i;
    if (!o->label) {
        const char* s = strrchr(o->argv[0], '/');
        o->label = s ? s + 1 : o->argv[0];
    }
    return 0;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

// ---------------------------------------------------------------- 2. Screen sampling

typedef struct {
    Display* dpy;
    Window root;
    int width, height, rows;
    size_t n;  // pixels per sample
} ScreenSampler;

static int screen_open(ScreenSampler* s, int rows) {
    s->dpy = XOpenDisplay(NULL);
    if (!s->dpy) return -1;
    s->root = DefaultRootWindow(s->dpy);
    s->width = DisplayWidth(s->dpy, DefaultScreen(s->dpy));
    s->height = DisplayHeight(s->dpy, DefaultScreen(s->dpy));
    s->rows = rows;
    s->n = (size_t)s->width * (size_t)rows;
    return 0;
}

// Full-width rows spread evenly down the screen; 0xRRGGBB per pixel.
static int screen_sample(ScreenSampler* s, uint32_t* out) {
    for (int r = 0; r < s->rows; ++r) {
        int y = (int)(((double)r + 0.5) * s->height / s->rows);
        XImage* img = XGetImage(s->dpy, s->root, 0, y, (unsigned)s->width, 1, AllPlanes, ZPixmap);
        if (!img) return -1;
        uint32_t* row = out + (size_t)r * (size_t)s->width;
        if (img->bits_per_pixel == 32 && img->byte_order == LSBFirst) {
            const unsigned char* p = (const unsigned char*)img->data;
            for (int x = 0; x < s->width; ++x)
                row[x] = (uint32_t)p[4 * x] | (uint32_t)p[4 * x + 1] << 8 | (uint32_t)p[4 * x + 2] << 16;
        } else {
            for (int x = 0; x < s->width; ++x) row[x] = (uint32_t)XGetPixel(img, x, 0) & 0xFFFFFFu;
        }
        XDestroyImage(img);
    }
    return 0;
}

static size_t count_changed(const uint32_t* a, const uint32_t* b, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; ++i) c += a[i] != b[i];
    return c;
}

// Distinct colours among the samples, counting stops at `enough`.
static int count_colours(const uint32_t* px, size_t n, int enough) {
    enum { SLOTS = 4096 };
    static uint32_t table[SLOTS];
    static unsigned char used[SLOTS];
    memset(used, 0, sizeof used);
    int distinct = 0;
    for (size_t i = 0; i < n && distinct < enough; ++i) {
        uint32_t c = px[i], h = (c * 2654435761u) >> 20;
        while (used[h] && table[h] != c) h = (h + 1) & (SLOTS - 1);
        if (!used[h]) {
            used[h] = 1;
            table[h] = c;
            if (++distinct >= SLOTS / 2) break;
        }
    }
    return distinct;
}

// A click at (x, y) on the top-level window there, as synthetic core events (press, release):
// enough to take the kiosk from its attract screen to a visit without the XTest extension.
static int send_tap(ScreenSampler* s, int x, int y) {
    Window root_ret, parent_ret, *children = NULL, target = 0;
    unsigned n = 0;
    if (!XQueryTree(s->dpy, s->root, &root_ret, &parent_ret, &children, &n)) return -1;
    for (unsigned i = n; i-- > 0 && !target;) {  // top-most first
        XWindowAttributes wa;
        if (XGetWindowAttributes(s->dpy, children[i], &wa) && wa.map_state == IsViewable &&
            x >= wa.x && y >= wa.y && x < wa.x + wa.width && y < wa.y + wa.height)
            target = children[i];
    }
    if (children) XFree(children);
    if (!target) return -1;
    int wx = 0, wy = 0;
    Window child;
    XTranslateCoordinates(s->dpy, s->root, target, x, y, &wx, &wy, &child);
    XEvent e;
    memset(&e, 0, sizeof e);
    e.xmotion = (XMotionEvent){.type = MotionNotify, .display = s->dpy, .window = target, .root = s->root,
                               .x = wx, .y = wy, .x_root = x, .y_root = y, .same_screen = True};
    XSendEvent(s->dpy, target, True, PointerMotionMask, &e);
    memset(&e, 0, sizeof e);
    e.xbutton = (XButtonEvent){.type = ButtonPress, .display = s->dpy, .window = target, .root = s->root,
                               .x = wx, .y = wy, .x_root = x, .y_root = y, .button = Button1,
                               .same_screen = True, .time = CurrentTime};
    XSendEvent(s->dpy, target, True, ButtonPressMask, &e);
    XFlush(s->dpy);
    struct timespec ts = {0, 80 * 1000 * 1000};  // a finger rests a little
    nanosleep(&ts, NULL);
    e.xbutton.type = ButtonRelease;
    e.xbutton.state = Button1Mask;
    XSendEvent(s->dpy, target, True, ButtonReleaseMask, &e);
    XFlush(s->dpy);
    return 0;
}

// ---------------------------------------------------------------- 3. Process tree (/proc)

#define MAX_PROCS 512

typedef struct {
    int pid;
    unsigned long long ticks;  // utime + stime
    unsigned long long run_ns; // Σ schedstat of its live threads
} ProcCpu;

static int read_file(const char* path, char* buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n <= 0) break;
        len += (size_t)n;
        if (len >= cap - 1) break;
    }
    close(fd);
    buf[len] = 0;
    return (int)len;
}

// Fields after "(comm)" of /proc/PID/stat; field 3 (state) is rest[0].
static const char* stat_rest(int pid, char* buf, size_t cap) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_file(path, buf, cap) <= 0) return NULL;
    char* p = strrchr(buf, ')');
    return p && p[1] == ' ' ? p + 2 : NULL;
}

// Every live descendant of `root` (not `root` itself); returns how many.
static int descendants(int root, int* out, int cap) {
    static int pids[8192], ppids[8192];
    int n = 0;
    DIR* d = opendir("/proc");
    if (!d) return 0;
    struct dirent* e;
    char buf[1024];
    while ((e = readdir(d)) && n < 8192) {
        if (!isdigit((unsigned char)e->d_name[0])) continue;
        int pid = atoi(e->d_name);
        const char* rest = stat_rest(pid, buf, sizeof buf);
        int ppid;
        char state;
        if (!rest || sscanf(rest, "%c %d", &state, &ppid) != 2 || state == 'Z') continue;
        pids[n] = pid;
        ppids[n] = ppid;
        ++n;
    }
    closedir(d);
    int count = 0;
    int frontier[MAX_PROCS + 1];
    int nf = 0;
    frontier[nf++] = root;
    while (nf > 0) {
        int parent = frontier[--nf];
        for (int i = 0; i < n; ++i) {
            if (ppids[i] != parent || count >= cap) continue;
            out[count++] = pids[i];
            if (nf < MAX_PROCS) frontier[nf++] = pids[i];
        }
    }
    return count;
}

// kB of one smaps_rollup field ("Pss", "Private_Clean", …), -1 if absent.
static long rollup_field(const char* buf, const char* field) {
    char key[40];
    snprintf(key, sizeof key, "\n%s:", field);
    const char* p = strstr(buf, key);
    return p ? atol(p + strlen(key)) : -1;
}

// PSS of the tree; its USS (pages no other process maps right now) in *uss; its anonymous PSS
// (heap, stacks, its own buffers) in *anon. PSS and USS both move with the neighbours: a library
// page (libLLVM: ~31 MB) is split among every process on the machine that maps it, and counts
// as private while no one else does. Anonymous memory does not move with them.
static long tree_pss(int root, int* nprocs, long* uss, long* anon) {
    int pids[MAX_PROCS];
    *nprocs = descendants(root, pids, MAX_PROCS);
    long total = 0;
    *uss = 0;
    *anon = 0;
    for (int i = 0; i < *nprocs; ++i) {
        char path[64], buf[4096];
        snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pids[i]);
        if (read_file(path, buf, sizeof buf) <= 0) continue;
        long pss = rollup_field(buf, "Pss"), pc = rollup_field(buf, "Private_Clean"),
             pd = rollup_field(buf, "Private_Dirty");
        long pa = rollup_field(buf, "Pss_Anon");
        if (pss > 0) total += pss;
        if (pa > 0) *anon += pa;
        if (pc > 0) *uss += pc;
        if (pd > 0) *uss += pd;
    }
    return total;
}

static int proc_cpu(int pid, ProcCpu* pc) {
    char buf[2048];
    const char* rest = stat_rest(pid, buf, sizeof buf);
    if (!rest) return -1;
    // rest starts at field 3; utime and stime are fields 14 and 15.
    unsigned long long ut = 0, st = 0;
    const char* p = rest;
    for (int field = 3; field < 14 && p; ++field) {
        p = strchr(p, ' ');
        if (p) ++p;
    }
    if (!p || sscanf(p, "%llu %llu", &ut, &st) != 2) return -1;
    pc->pid = pid;
    pc->ticks = ut + st;
    pc->run_ns = 0;
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%d/task", pid);
    DIR* d = opendir(dir);
    if (d) {
        struct dirent* e;
        while ((e = readdir(d))) {
            if (!isdigit((unsigned char)e->d_name[0])) continue;
            char path[320], sb[128];
            snprintf(path, sizeof path, "/proc/%d/task/%s/schedstat", pid, e->d_name);
            unsigned long long ns = 0;
            if (read_file(path, sb, sizeof sb) > 0 && sscanf(sb, "%llu", &ns) == 1) pc->run_ns += ns;
        }
        closedir(d);
    }
    return 0;
}

static int tree_cpu(int root, ProcCpu* out) {
    int pids[MAX_PROCS];
    int n = descendants(root, pids, MAX_PROCS), k = 0;
    for (int i = 0; i < n; ++i)
        if (proc_cpu(pids[i], &out[k]) == 0) ++k;
    return k;
}

// ---------------------------------------------------------------- 4. Child and its stderr

typedef struct {
    int fd;           // read end of the child's stdout+stderr, -1 once closed
    FILE* log;
    char buf[8192];
    size_t len;
    char names[16][32];
    double values[16];  // CLOCK_MONOTONIC ms printed by the program
    int n;
} Stderr;

static void stderr_line(Stderr* s, char* line) {
    char name[32];
    double ms;
    if (sscanf(line, "lianxin-timing %31s %lf", name, &ms) != 2) return;
    for (int i = 0; i < s->n; ++i)
        if (strcmp(s->names[i], name) == 0) return;  // first occurrence wins
    if (s->n >= 16) return;
    snprintf(s->names[s->n], sizeof s->names[0], "%s", name);
    s->values[s->n++] = ms;
}

static void stderr_drain(Stderr* s) {
    while (s->fd >= 0) {
        ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - 1 - s->len);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            close(s->fd);
            s->fd = -1;
            break;
        }
        if (n < 0) break;
        if (s->log) fwrite(s->buf + s->len, 1, (size_t)n, s->log);
        s->len += (size_t)n;
        s->buf[s->len] = 0;
        char* start = s->buf;
        char* nl;
        while ((nl = strchr(start, '\n'))) {
            *nl = 0;
            stderr_line(s, start);
            start = nl + 1;
        }
        size_t left = s->len - (size_t)(start - s->buf);
        if (left >= sizeof s->buf - 1) left = 0;  // an absurdly long line: drop it
        memmove(s->buf, start, left);
        s->len = left;
    }
}

static const double* stderr_value(const Stderr* s, const char* name) {
    for (int i = 0; i < s->n; ++i)
        if (strcmp(s->names[i], name) == 0) return &s->values[i];
    return NULL;
}

// Waits up to `ms`, draining the child's output meanwhile.
static void wait_draining(Stderr* s, double ms) {
    double end = now_ms() + ms;
    for (;;) {
        double left = end - now_ms();
        if (left <= 0) break;
        if (s->fd < 0) {
            long long ns = (long long)(left * 1e6);
            struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};
            nanosleep(&ts, NULL);
            continue;
        }
        struct pollfd p = {.fd = s->fd, .events = POLLIN};
        int t = left < 1 ? 1 : (int)left;
        if (poll(&p, 1, t) > 0) stderr_drain(s);
    }
}

static pid_t spawn(const Options* o, int out_fd_w, int out_fd_r) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    setsid();  // its own process group: the whole tree can be signalled at once
    close(out_fd_r);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    dup2(out_fd_w, 1);
    dup2(out_fd_w, 2);
    if (out_fd_w > 2) close(out_fd_w);
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a killed probe
    for (int i = 0; i < o->n_env; ++i) putenv((char*)o->env[i]);
    execvp(o->argv[0], o->argv);
    fprintf(stderr, "launch_probe: cannot run %s: %s\n", o->argv[0], strerror(errno));
    _exit(127);
}

// ---------------------------------------------------------------- 5. Measurement

static int read_frames(const char* path, long long* frames) {
    char buf[128];
    if (!path || read_file(path, buf, sizeof buf) <= 0) return -1;
    return sscanf(buf, "%lld", frames) == 1 ? 0 : -1;
}

static void out_num(const char* key, double v, int ok, int decimals) {
    if (ok) printf(" %s=%.*f", key, decimals, v);
    else printf(" %s=-", key);
}

static void stop_tree(pid_t child);

int main(int argc, char** argv) {
    Options o;
    if (parse_options(argc, argv, &o) != 0) return 2;
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_CHILD_SUBREAPER, 1);  // orphaned grandchildren (daemonised helpers) stay ours

    ScreenSampler scr;
    if (screen_open(&scr, o.rows) != 0) {
        fprintf(stderr, "launch_probe: cannot open the X display (DISPLAY=%s)\n",
                getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 2;
    }
    uint32_t* empty = calloc(scr.n, 4);
    uint32_t* cur = calloc(scr.n, 4);
    uint32_t* prev = calloc(scr.n, 4);
    if (!empty || !cur || !prev || screen_sample(&scr, empty) != 0) {
        fprintf(stderr, "launch_probe: cannot read the screen\n");
        return 2;
    }
    memcpy(prev, empty, scr.n * 4);

    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) return 2;
    Stderr err = {.fd = pipefd[0]};
    if (o.stderr_log) err.log = fopen(o.stderr_log, "w");
    if (o.frames_file) unlink(o.frames_file);
    FILE* trace = o.trace ? fopen(o.trace, "w") : NULL;

    double t0 = now_ms();
    pid_t child = spawn(&o, pipefd[1], pipefd[0]);
    close(pipefd[1]);
    if (child < 0) return 2;
    fcntl(err.fd, F_SETFL, O_NONBLOCK);

    // Until content shows: sample every poll_us.
    const char* status = "ok";
    double content_ms = -1, first_change_ms = -1, last_change_ms = -1, deadline = t0 + o.timeout_ms;
    size_t need_changed = (size_t)((double)scr.n * o.min_changed / 100.0);
    if (need_changed < 1) need_changed = 1;
    int child_done = 0, child_status = 0;
    while (content_ms < 0) {
        stderr_drain(&err);
        if (waitpid(child, &child_status, WNOHANG) == child) { child_done = 1; status = "exited"; break; }
        if (screen_sample(&scr, cur) != 0) { status = "x-error"; break; }
        double t = now_ms();
        if (count_changed(cur, prev, scr.n) > 0) {
            last_change_ms = t - t0;
            if (first_change_ms < 0) first_change_ms = t - t0;
            memcpy(prev, cur, scr.n * 4);
            size_t changed = count_changed(cur, empty, scr.n);
            int colours = count_colours(cur, scr.n, o.min_colours);
            if (trace)
                fprintf(trace, "%.1f changed=%.1f%% colours=%d%s\n", t - t0, 100.0 * (double)changed / (double)scr.n,
                        colours, colours >= o.min_colours ? "+" : "");
            if (changed >= need_changed && colours >= o.min_colours) content_ms = t - t0;
        }
        if (content_ms >= 0) break;
        if (t > deadline) { status = "no-content"; break; }
        struct timespec ts = {0, (long)o.poll_us * 1000L};
        nanosleep(&ts, NULL);
    }

    // The wait line (e.g. fonts-ready), then the settle window; keep watching the screen, slower.
    if (content_ms >= 0 && o.wait_line) {
        while (!stderr_value(&err, o.wait_line) && now_ms() < deadline && err.fd >= 0) {
            wait_draining(&err, 20);
            if (screen_sample(&scr, cur) == 0 && count_changed(cur, prev, scr.n) > 0) {
                last_change_ms = now_ms() - t0;
                memcpy(prev, cur, scr.n * 4);
                if (trace) fprintf(trace, "%.1f changed (after content)\n", last_change_ms);
            }
        }
        if (!stderr_value(&err, o.wait_line)) status = "no-wait-line";
    }
    long total_pss = -1, tap_pss = -1, total_uss = -1, tap_uss = -1, total_anon = -1, tap_anon = -1;
    double tap_changed_ms = -1;
    int nprocs = 0;
    double cpu_pct = -1, cpu_ticks_pct = -1;
    long long frames_start = -1, frames_end = -1;
    int idle_changed = -1;
    if (content_ms >= 0) {
        double settle_end = now_ms() + o.settle_ms;
        while (now_ms() < settle_end) {
            wait_draining(&err, 20);
            if (screen_sample(&scr, cur) == 0 && count_changed(cur, prev, scr.n) > 0) {
                last_change_ms = now_ms() - t0;
                memcpy(prev, cur, scr.n * 4);
                if (trace) fprintf(trace, "%.1f changed (after content)\n", last_change_ms);
            }
        }
        // Memory after settling.
        total_pss = tree_pss(getpid(), &nprocs, &total_uss, &total_anon);
        if (o.tap_x >= 0) {
            if (send_tap(&scr, o.tap_x, o.tap_y) != 0) status = "tap-failed";
            double tap_at = now_ms();
            settle_end = tap_at + o.settle_ms;
            while (now_ms() < settle_end) {
                wait_draining(&err, 20);
                if (screen_sample(&scr, cur) == 0 && count_changed(cur, prev, scr.n) > 0) {
                    if (tap_changed_ms < 0) tap_changed_ms = now_ms() - tap_at;
                    memcpy(prev, cur, scr.n * 4);
                    if (trace) fprintf(trace, "%.1f changed (after tap)\n", now_ms() - t0);
                }
            }
            tap_pss = tree_pss(getpid(), &nprocs, &tap_uss, &tap_anon);
        }
        if (waitpid(child, &child_status, WNOHANG) == child) { child_done = 1; status = "exited"; }
        // The static screen: CPU of the tree and frames presented; no screen polling meanwhile.
        static ProcCpu before[MAX_PROCS], after[MAX_PROCS];
        screen_sample(&scr, prev);
        read_frames(o.frames_file, &frames_start);
        int nb = tree_cpu(getpid(), before);
        double w0 = now_ms();
        wait_draining(&err, o.idle_ms);
        int na = tree_cpu(getpid(), after);
        double w1 = now_ms();
        read_frames(o.frames_file, &frames_end);
        if (screen_sample(&scr, cur) == 0) idle_changed = count_changed(cur, prev, scr.n) > 0;
        if (!child_done && waitpid(child, &child_status, WNOHANG) == child) { child_done = 1; status = "exited"; }
        unsigned long long dticks = 0, dns = 0;
        for (int i = 0; i < na; ++i) {
            const ProcCpu* b = NULL;
            for (int j = 0; j < nb && !b; ++j)
                if (before[j].pid == after[i].pid) b = &before[j];
            dticks += after[i].ticks - (b ? b->ticks : 0);
            if (after[i].run_ns >= (b ? b->run_ns : 0)) dns += after[i].run_ns - (b ? b->run_ns : 0);
        }
        double idle_window = w1 - w0;
        long hz = sysconf(_SC_CLK_TCK);
        if (idle_window > 0 && hz > 0) {
            cpu_ticks_pct = (double)dticks * 1000.0 / (double)hz / idle_window * 100.0;
            cpu_pct = (double)dns / 1e6 / idle_window * 100.0;
        }
    }

    // Read the timing lines that were printed by now, then stop everything.
    stderr_drain(&err);
    if (!child_done) stop_tree(child);
    stderr_drain(&err);
    if (err.log) fclose(err.log);
    if (trace) fclose(trace);

    printf("label=%s status=%s launch_at_ms=%.3f", o.label, status, t0);
    out_num("window_ms", first_change_ms, first_change_ms >= 0, 1);
    out_num("content_ms", content_ms, content_ms >= 0, 1);
    out_num("stable_ms", last_change_ms, last_change_ms >= 0 && content_ms >= 0, 1);
    for (int i = 0; i < err.n; ++i) {
        char key[48];
        snprintf(key, sizeof key, "%s_ms", err.names[i]);
        for (char* k = key; *k; ++k)
            if (*k == '-') *k = '_';
        out_num(key, err.values[i] - t0, 1, 1);
    }
    out_num("pss_kb", (double)total_pss, total_pss >= 0, 0);
    out_num("uss_kb", (double)total_uss, total_uss >= 0, 0);
    out_num("anon_kb", (double)total_anon, total_anon >= 0, 0);
    if (o.tap_x >= 0) {
        out_num("tap_screen_ms", tap_changed_ms, tap_changed_ms >= 0, 1);
        out_num("tap_pss_kb", (double)tap_pss, tap_pss >= 0, 0);
        out_num("tap_uss_kb", (double)tap_uss, tap_uss >= 0, 0);
        out_num("tap_anon_kb", (double)tap_anon, tap_anon >= 0, 0);
    }
    out_num("procs", nprocs, total_pss >= 0, 0);
    out_num("idle_cpu_pct", cpu_pct, cpu_pct >= 0, 3);
    out_num("idle_cpu_ticks_pct", cpu_ticks_pct, cpu_ticks_pct >= 0, 3);
    out_num("idle_frames", (double)(frames_end - frames_start), frames_start >= 0 && frames_end >= 0, 0);
    out_num("frames", (double)frames_end, frames_end >= 0, 0);
    out_num("idle_screen_changed", idle_changed, idle_changed >= 0, 0);
    if (child_done) printf(" exit=%d", WIFEXITED(child_status) ? WEXITSTATUS(child_status) : 128 + WTERMSIG(child_status));
    printf("\n");
    fflush(stdout);
    return content_ms >= 0 ? 0 : 1;
}

// ---------------------------------------------------------------- 6. Stopping the tree

static void signal_tree(pid_t child, int sig) {
    kill(-child, sig);
    int pids[MAX_PROCS];
    int n = descendants(getpid(), pids, MAX_PROCS);
    for (int i = 0; i < n; ++i) kill(pids[i], sig);
}

static void reap_all(void) {
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
}

static void stop_tree(pid_t child) {
    signal_tree(child, SIGTERM);
    double end = now_ms() + 3000;
    int pids[MAX_PROCS];
    while (now_ms() < end) {
        reap_all();
        if (descendants(getpid(), pids, MAX_PROCS) == 0) {
            // Zombies re-parented to us (we are the subreaper) may still arrive for a moment.
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
            reap_all();
            return;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    signal_tree(child, SIGKILL);
    end = now_ms() + 2000;
    while (now_ms() < end) {
        reap_all();
        if (descendants(getpid(), pids, MAX_PROCS) == 0) return;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}
