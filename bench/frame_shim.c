// LD_PRELOAD shim for bench/: counts the frames a program presents (SDL_GL_SwapWindow) and times
// the UI build of each kiosk frame from inside the process, without changing kiosk/ sources.
//
// Environment (each optional):
//   LIANXIN_BENCH_FRAMES=FILE    FILE always holds "<frames presented> <CLOCK_MONOTONIC ms of the
//                                last one>", rewritten at every swap (bench/launch_probe reads it).
//   LIANXIN_BENCH_STARTUP=FILE   start-up milestones, "NAME <CLOCK_MONOTONIC ms>" a line: loaded
//                                (shim constructor: libraries linked, before main), sdl_init_start,
//                                sdl_init_done, window, gl_context, first_swap (SDL_GL_SwapWindow
//                                returned).
//   LIANXIN_BENCH_UI_STATS=FILE  one TSV line per frame: frame, t_ms (-1: unknown), screen ("-"),
//                                ui_cpu_us, ui_wall_us — the same columns as the proposed
//                                LIANXIN_FRAME_STATS hook (bench/README.md). A "#mark" line is
//                                written whenever the program reads pixels back (a script `shot`).
//
// How the UI build is bracketed: the kiosk's loop drains its events (SDL_PollEvent /
// SDL_WaitEvent[Timeout]), then draw_frame() builds the UI (fonts/images pump, NewFrame, the
// screens, Render) and then calls glViewport directly from libGL before RenderDrawData and the
// swap. So "last event call returned → glViewport" on the same thread is the frame's UI work,
// excluding GPU raster and swap (an upper bound of NewFrame→Render: it also holds the image
// upload pump and the layout cache trim that precede NewFrame).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct SDL_Window SDL_Window;
typedef union SDL_Event SDL_Event;
typedef int GLint;
typedef int GLsizei;
typedef unsigned int GLenum;

static int frames_fd = -2;  // -2: not opened yet, -1: disabled
static int stats_fd = -2;
static unsigned long long frames_presented;
static unsigned long long frames_timed;

// The last time this thread came back from an event call: the start of the next frame's work.
static __thread int mark_valid;
static __thread struct timespec mark_cpu, mark_wall;

static int open_env_file(const char* var) {
    const char* path = getenv(var);
    if (!path || !*path) return -1;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fprintf(stderr, "frame_shim: cannot open %s=%s\n", var, path);
    return fd;
}

static double mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static long long diff_us(const struct timespec* a, const struct timespec* b) {
    return ((long long)b->tv_sec - a->tv_sec) * 1000000LL + (b->tv_nsec - a->tv_nsec) / 1000;
}

static void write_all(int fd, const char* buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n <= 0) return;
        buf += n;
        len -= (size_t)n;
    }
}

static void* real_symbol(const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) {
        fprintf(stderr, "frame_shim: %s not found: %s\n", name, dlerror());
        abort();
    }
    return p;
}

static int startup_fd = -2;

static void startup_mark(const char* name) {
    double t = mono_ms();
    if (startup_fd == -2) {
        const char* path = getenv("LIANXIN_BENCH_STARTUP");
        startup_fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    }
    if (startup_fd < 0) return;
    char line[96];
    int n = snprintf(line, sizeof line, "%s %.3f\n", name, t);
    if (n > 0) write_all(startup_fd, line, (size_t)n);
}

__attribute__((constructor)) static void shim_loaded(void) { startup_mark("loaded"); }

typedef unsigned int Uint32;

int SDL_Init(Uint32 flags) {
    static int (*real)(Uint32);
    if (!real) real = (int (*)(Uint32))real_symbol("SDL_Init");
    startup_mark("sdl_init_start");
    int r = real(flags);
    startup_mark("sdl_init_done");
    return r;
}

SDL_Window* SDL_CreateWindow(const char* title, int x, int y, int w, int h, Uint32 flags) {
    static SDL_Window* (*real)(const char*, int, int, int, int, Uint32);
    if (!real) real = (SDL_Window * (*)(const char*, int, int, int, int, Uint32)) real_symbol("SDL_CreateWindow");
    SDL_Window* win = real(title, x, y, w, h, flags);
    startup_mark("window");
    return win;
}

void* SDL_GL_CreateContext(SDL_Window* window) {
    static void* (*real)(SDL_Window*);
    if (!real) real = (void* (*)(SDL_Window*))real_symbol("SDL_GL_CreateContext");
    void* ctx = real(window);
    startup_mark("gl_context");
    return ctx;
}

static void mark_frame_start(void) {
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mark_cpu);
    clock_gettime(CLOCK_MONOTONIC, &mark_wall);
    mark_valid = 1;
}

void SDL_GL_SwapWindow(SDL_Window* window) {
    static void (*real)(SDL_Window*);
    if (!real) real = (void (*)(SDL_Window*))real_symbol("SDL_GL_SwapWindow");
    real(window);
    if (++frames_presented == 1) startup_mark("first_swap");
    if (frames_fd == -2) frames_fd = open_env_file("LIANXIN_BENCH_FRAMES");
    if (frames_fd >= 0) {
        // Fixed width, rewritten in place, so a reader never sees a torn number of another length.
        char line[64];
        int n = snprintf(line, sizeof line, "%20llu %20.3f\n", frames_presented, mono_ms());
        if (n > 0 && pwrite(frames_fd, line, (size_t)n, 0) < 0) frames_fd = -1;
    }
}

int SDL_PollEvent(SDL_Event* event) {
    static int (*real)(SDL_Event*);
    if (!real) real = (int (*)(SDL_Event*))real_symbol("SDL_PollEvent");
    int r = real(event);
    mark_frame_start();
    return r;
}

int SDL_WaitEvent(SDL_Event* event) {
    static int (*real)(SDL_Event*);
    if (!real) real = (int (*)(SDL_Event*))real_symbol("SDL_WaitEvent");
    int r = real(event);
    mark_frame_start();
    return r;
}

int SDL_WaitEventTimeout(SDL_Event* event, int timeout) {
    static int (*real)(SDL_Event*, int);
    if (!real) real = (int (*)(SDL_Event*, int))real_symbol("SDL_WaitEventTimeout");
    int r = real(event, timeout);
    mark_frame_start();
    return r;
}

void glViewport(GLint x, GLint y, GLsizei w, GLsizei h) {
    static void (*real)(GLint, GLint, GLsizei, GLsizei);
    if (!real) real = (void (*)(GLint, GLint, GLsizei, GLsizei))real_symbol("glViewport");
    // A glViewport with no event call before it on this thread (the kiosk's GL warm-up before
    // its first frame, or a screenshot frame drawn straight after another) is not timed.
    if (mark_valid) {
        struct timespec cpu, wall;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        clock_gettime(CLOCK_MONOTONIC, &wall);
        mark_valid = 0;
        if (stats_fd == -2) {
            stats_fd = open_env_file("LIANXIN_BENCH_UI_STATS");
            if (stats_fd >= 0) {
                static const char header[] = "frame\tt_ms\tscreen\tui_cpu_us\tui_wall_us\n";
                write_all(stats_fd, header, sizeof header - 1);
            }
        }
        if (stats_fd >= 0) {
            char line[128];
            int n = snprintf(line, sizeof line, "%llu\t-1\t-\t%lld\t%lld\n", ++frames_timed,
                             diff_us(&mark_cpu, &cpu), diff_us(&mark_wall, &wall));
            if (n > 0) write_all(stats_fd, line, (size_t)n);
        }
    }
    real(x, y, w, h);
}

void glReadPixels(GLint x, GLint y, GLsizei w, GLsizei h, GLenum format, GLenum type, void* data) {
    static void (*real)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void*);
    if (!real)
        real = (void (*)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void*))real_symbol(
            "glReadPixels");
    if (stats_fd >= 0) write_all(stats_fd, "#mark\n", 6);
    real(x, y, w, h, format, type, data);
}
