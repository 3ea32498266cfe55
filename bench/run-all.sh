#!/usr/bin/env bash
# Runs bench/README.md's launch, memory, static-screen and per-frame measurements N times — the
# floor, the kiosk and Chromium interleaved in one run — and prints medians, ratios and verdicts.
#
# Usage: bench/run-all.sh [--runs N] [--build DIR] [--out DIR] [--settle-ms MS] [--idle-ms MS]
#                         [--no-chromium] [--no-ui] [--no-warmup] [--ui-cycles N] [--summarize DIR]
#                         [--hub | --hub-only]
#   --runs N      rounds of floor + kiosk + Chromium, and runs of the scroll (default 5)
#   --build DIR   the CMake build folder with LIANXIN_BENCH=ON (default: build/ beside bench/)
#   --out DIR     where results, logs and traces go (default: a new /tmp/lianxin-bench.XXXXXX)
#   --summarize DIR   only print the tables again from DIR/results.txt (and DIR/logs) of a past run
#   --hub         also run the hub's budgets afterwards (hub_bench below); --hub-only: only those
# Needs: Xvfb, the build (cmake --build build -j2), the demo (build/demo/kiosk.toml), and for the
# alternative `chromium` (Debian package). Starts and stops its own Xvfb (1920x1080x24, a free
# display number); uses no network. Every step has a timeout.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${BUILD:-$here/../build}"
runs=5
out=""
settle_ms=3000
idle_ms=10000
content_timeout_ms=30000
with_chromium=1
with_ui=1
warmup=1
ui_cycles=6
summarize_only=""
with_hub=0
hub_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --settle-ms) settle_ms="$2"; shift 2 ;;
        --idle-ms) idle_ms="$2"; shift 2 ;;
        --no-chromium) with_chromium=0; shift ;;
        --no-ui) with_ui=0; shift ;;
        --no-warmup) warmup=0; shift ;;
        --ui-cycles) ui_cycles="$2"; shift 2 ;;
        --summarize) summarize_only="$2"; shift 2 ;;
        --hub) with_hub=1; shift ;;
        --hub-only) with_hub=1; hub_only=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "run-all: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# ---------------------------------------------------------------- the table
summarize() {
    awk '
    function add(l, k, v) { if (v == "-" || v == "") return; n[l, k]++; val[l, k, n[l, k]] = v + 0 }
    function median(l, k,   m, i, j, t, a) {
        m = n[l, k]; if (m == 0) return "";
        for (i = 1; i <= m; i++) a[i] = val[l, k, i];
        for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    function maxof(l, k,   i, x) { if (n[l, k] == 0) return ""; x = val[l, k, 1]; for (i = 2; i <= n[l, k]; i++) if (val[l, k, i] > x) x = val[l, k, i]; return x }
    function f(x, d) { return x == "" ? "–" : sprintf("%." d "f", x) }
    function vs(x, base, d) {  # difference and ratio against the floor
        if (x == "" || base == "" || base == 0) return "–";
        return sprintf("%+." d "f (×%.2f)", x - base, x / base)
    }
    function verdict(ok) { return ok ? "PASS" : "FAIL" }
    {
        round = ""; label = ""; status = ""
        for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "round") round = kv[2]; if (kv[1] == "label") label = kv[2]; if (kv[1] == "status") status = kv[2] }
        if (round == "0") next
        counted[label]++
        if (status != "ok" && status != "no-wait-line") { bad[label]++; next }
        for (i = 1; i <= NF; i++) {
            split($i, kv, "="); add(label, kv[1], kv[2]); if (label == "ui" && kv[1] == "source") src[kv[2]]++
            # Launch figures: kiosk and kiosk-home launch the same way, so both count ("kiosk*"),
            # and each is paired with the floor of its own round (measured within a minute of it).
            if (label ~ /^kiosk/ && kv[2] != "-") { add("kiosk*", kv[1], kv[2]); kround[++nk] = round; kkey[nk] = kv[1]; kval[nk] = kv[2] + 0 }
            if (label == "floor" && kv[2] != "-") floorv[round, kv[1]] = kv[2] + 0
            if (kv[1] == "load1") add("all", "load1", kv[2])
        }
    }
    END {
        for (i = 1; i <= nk; i++)  # paired: kiosk* minus the floor of the same round
            if ((kround[i], "content_ms") in floorv) {
                if (kkey[i] == "content_ms") add("pair", "content", kval[i] - floorv[kround[i], "content_ms"])
                if (kkey[i] == "fonts_ready_ms") add("pair", "fonts", kval[i] - floorv[kround[i], "content_ms"])
            }
        fl = median("floor", "content_ms"); kc = median("kiosk*", "content_ms"); cc = median("chromium", "content_ms")
        ff = median("floor", "first_frame_ms"); kf = median("kiosk*", "first_frame_ms")
        kfr = median("kiosk*", "fonts_ready_ms")
        pc = median("pair", "content"); pf = median("pair", "fonts")
        fs = median("floor", "stable_ms"); ks = median("kiosk*", "stable_ms"); cs = median("chromium", "stable_ms")
        fw = median("floor", "window_ms"); kw = median("kiosk*", "window_ms"); cw = median("chromium", "window_ms")
        fp = median("floor", "pss_kb"); kp = median("kiosk", "pss_kb"); cp = median("chromium", "pss_kb")
        if (fp != "") fp /= 1024; if (kp != "") kp /= 1024; if (cp != "") cp /= 1024
        fn = median("floor", "procs"); kn = median("kiosk", "procs"); cn = median("chromium", "procs")
        fct = median("floor", "idle_cpu_ticks_pct"); kct = median("kiosk", "idle_cpu_ticks_pct"); cct = median("chromium", "idle_cpu_ticks_pct")
        fcs = median("floor", "idle_cpu_pct"); kcs = median("kiosk", "idle_cpu_pct"); ccs = median("chromium", "idle_cpu_pct")
        kcsmax = maxof("kiosk", "idle_cpu_pct")
        ffr = maxof("floor", "idle_frames"); kfrm = maxof("kiosk", "idle_frames")
        kchg = maxof("kiosk", "idle_screen_changed")
        hp = median("kiosk-home", "tap_pss_kb"); if (hp != "") hp /= 1024
        fu = median("floor", "uss_kb"); ku = median("kiosk", "uss_kb"); hu = median("kiosk-home", "tap_uss_kb"); cu = median("chromium", "uss_kb")
        if (fu != "") fu /= 1024; if (ku != "") ku /= 1024; if (hu != "") hu /= 1024; if (cu != "") cu /= 1024
        fa = median("floor", "anon_kb"); ka = median("kiosk", "anon_kb"); ha = median("kiosk-home", "tap_anon_kb"); ca = median("chromium", "anon_kb")
        if (fa != "") fa /= 1024; if (ka != "") ka /= 1024; if (ha != "") ha /= 1024; if (ca != "") ca /= 1024
        hct = median("kiosk-home", "idle_cpu_ticks_pct"); hcs = median("kiosk-home", "idle_cpu_pct"); hcsmax = maxof("kiosk-home", "idle_cpu_pct")
        hfr = maxof("kiosk-home", "idle_frames"); hchg = maxof("kiosk-home", "idle_screen_changed")
        ht = median("kiosk-home", "tap_screen_ms")
        u50 = median("ui", "ui_p50_us"); u99 = median("ui", "ui_p99_us"); umax = maxof("ui", "ui_max_us"); uw99 = median("ui", "ui_wall_p99_us")
        h50 = median("ui", "hook_p50_us"); h99 = median("ui", "hook_p99_us"); hmax = maxof("ui", "hook_max_us")
        ld = median("all", "load1"); ldmax = maxof("all", "load1")
        print "| measure (median of runs) | floor | kiosk | Chromium | kiosk vs floor | Chromium vs floor | budget | verdict |"
        print "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
        printf "| launch → content on screen, ms (outside; kiosk: %d launches) | %s | %s | %s | %s | %s | ≤ floor + 150 | %s |\n", n["kiosk*", "content_ms"], f(fl, 0), f(kc, 0), f(cc, 0), vs(kc, fl, 0), vs(cc, fl, 0), (kc == "" || fl == "") ? "–" : verdict(kc <= fl + 150)
        printf "| … the same, paired: median of (kiosk − floor of the same round), ms | | | | %s | | ≤ +150 | %s |\n", pc == "" ? "–" : sprintf("%+.0f", pc), pc == "" ? "–" : verdict(pc <= 150)
        printf "| launch → first window change, ms | %s | %s | %s | %s | %s | (info) | |\n", f(fw, 0), f(kw, 0), f(cw, 0), vs(kw, fw, 0), vs(cw, fw, 0)
        printf "| launch → last change in settle window, ms | %s | %s | %s | %s | %s | (info: images in) | |\n", f(fs, 0), f(ks, 0), f(cs, 0), vs(ks, fs, 0), vs(cs, fs, 0)
        printf "| launch → `first-frame` line, ms (in-process) | %s | %s | – | %s | – | (cross-check) | |\n", f(ff, 0), f(kf, 0), vs(kf, ff, 0)
        printf "| launch → fonts ready, ms | – | %s | – | %s | – | ≤ floor + 800 | %s |\n", f(kfr, 0), (kfr == "" || fl == "") ? "–" : sprintf("%+.0f", kfr - fl), (kfr == "" || fl == "") ? "–" : verdict(kfr <= fl + 800)
        printf "| … the same, paired: median of (fonts ready − floor content of the same round), ms | | | | %s | | ≤ +800 | %s |\n", pf == "" ? "–" : sprintf("%+.0f", pf), pf == "" ? "–" : verdict(pf <= 800)
        printf "| PSS after settling, MiB (Σ over processes); kiosk: attract screen | %s | %s | %s | %s | %s | ≤ 100 | %s |\n", f(fp, 1), f(kp, 1), f(cp, 1), vs(kp, fp, 1), vs(cp, fp, 1), kp == "" ? "–" : verdict(kp <= 100)
        printf "| PSS, MiB; kiosk: home screen after a tap (Chromium: its home page) | %s | %s | %s | %s | %s | ≤ 100 | %s |\n", f(fp, 1), f(hp, 1), f(cp, 1), vs(hp, fp, 1), vs(cp, fp, 1), hp == "" ? "–" : verdict(hp <= 100)
        printf "| USS (pages no other process maps), MiB; kiosk: attract / home | %s | %s / %s | %s | %s | %s | (info) | |\n", f(fu, 1), f(ku, 1), f(hu, 1), f(cu, 1), vs(ku, fu, 1), vs(cu, fu, 1)
        if (ka != "") printf "| anonymous PSS (heap, own buffers), MiB; kiosk: attract / home | %s | %s / %s | %s | %s | %s | (info: does not move with neighbours) | |\n", f(fa, 1), f(ka, 1), f(ha, 1), f(ca, 1), vs(ka, fa, 1), vs(ca, fa, 1)
        printf "| processes | %s | %s | %s | | | | |\n", f(fn, 0), f(kn, 0), f(cn, 0)
        printf "| static screen CPU, %% of a core (utime+stime); kiosk: attract | %s | %s | %s | %s | %s | ≤ 0.3 | %s |\n", f(fct, 3), f(kct, 3), f(cct, 3), (kct == "" || fct == "") ? "–" : sprintf("%+.3f", kct - fct), (cct == "" || fct == "") ? "–" : sprintf("%+.3f", cct - fct), kct == "" ? "–" : verdict(kct <= 0.3)
        printf "| static screen CPU, %% (utime+stime); kiosk: home | %s | %s | %s | %s | %s | ≤ 0.3 | %s |\n", f(fct, 3), f(hct, 3), f(cct, 3), (hct == "" || fct == "") ? "–" : sprintf("%+.3f", hct - fct), (cct == "" || fct == "") ? "–" : sprintf("%+.3f", cct - fct), hct == "" ? "–" : verdict(hct <= 0.3)
        printf "| static screen CPU, %% (schedstat ns); kiosk attract / home, max %s / %s | %s | %s / %s | %s | | | (finer clock) | |\n", f(kcsmax, 3), f(hcsmax, 3), f(fcs, 3), f(kcs, 3), f(hcs, 3), f(ccs, 3)
        printf "| static screen frames presented, max of runs; kiosk attract / home | %s | %s / %s | n/a | | | 0 | %s |\n", f(ffr, 0), f(kfrm, 0), f(hfr, 0), (kfrm == "" || hfr == "") ? "–" : verdict(kfrm == 0 && hfr == 0 && (kchg == "" || kchg == 0) && (hchg == "" || hchg == 0))
        printf "| tap on attract → home on screen, ms (outside, synthetic X click) | – | %s | – | | | (info) | |\n", f(ht, 0)
        us = ""; for (k in src) us = us (us == "" ? "" : "+") k
        printf "| UI work per frame scrolling an exhibit, p99 ms — shim, main-thread CPU (p50 %s, wall p99 %s, max %s) | – | %s | – | | | ≤ 4 | %s |\n", u50 == "" ? "–" : f(u50 / 1000, 3), uw99 == "" ? "–" : f(uw99 / 1000, 3), umax == "" ? "–" : f(umax / 1000, 2), u99 == "" ? "–" : f(u99 / 1000, 3), u99 == "" ? "–" : verdict(u99 / 1000 <= 4)
        printf "| … the same from the kiosk'"'"'s LIANXIN_FRAME_STATS (%s; wall; p50 %s, max %s) | – | %s | – | | | ≤ 4 | %s |\n", us == "" ? "no data" : us, h50 == "" ? "–" : f(h50 / 1000, 3), hmax == "" ? "–" : f(hmax / 1000, 2), h99 == "" ? "–" : f(h99 / 1000, 3), h99 == "" ? "–" : verdict(h99 / 1000 <= 4)
        printf "\nload average (1 min) at the launches: median %s, max %s (2 cores).", ld, ldmax
        printf "\nruns counted: floor %d, kiosk %d, kiosk-home %d, Chromium %d, UI %d", counted["floor"], counted["kiosk"], counted["kiosk-home"], counted["chromium"], counted["ui"]
        printf "; failed: floor %d, kiosk %d, kiosk-home %d, Chromium %d, UI %d\n", bad["floor"], bad["kiosk"], bad["kiosk-home"], bad["chromium"], bad["ui"]
    }' "$results"
}

# Where the launch time goes (ms after launch, medians): the frame shim's SDL milestones, the
# program's own `lianxin-timing` lines, and the probe's "on screen", in time order. Floor and kiosk
# do the same SDL/GL steps, so the rows show which step the kiosk adds time to.
startup_breakdown() {
    for label in floor kiosk; do
        grep -E " label=$label( |-home )" "$results" | grep -v '^round=0 ' | while read -r line; do
            round=$(echo "$line" | sed 's/^round=\([0-9]*\).*/\1/')
            t0=$(echo "$line" | grep -o 'launch_at_ms=[0-9.]*' | cut -d= -f2)
            f="$out/logs/$(echo "$line" | grep -o ' label=[^ ]*' | cut -d= -f2).$round.startup"
            [ -n "$t0" ] || continue
            [ -s "$f" ] && awk -v l="$label" -v t0="$t0" '{ printf "%s shim:%s %.1f\n", l, $1, $2 - t0 }' "$f"
            echo "$line" | tr ' ' '\n' | grep '_ms=' | grep -v '^launch_at_ms=\|^window_ms=\|^stable_ms=\|^tap_screen_ms=' |
                sed 's/_ms=/ /' | while read -r name value; do
                    if [ "$name" = content ]; then echo "$label probe:on_screen $value"; else echo "$label line:$name $value"; fi
                done
        done
    done | awk '
    function median(k,   m, i, j, t, a) {
        m = n[k]; if (m == 0) return "";
        for (i = 1; i <= m; i++) a[i] = v[k, i];
        for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    function ms(x, sign) { if (x == "") return "–"; x = int(x + (x < 0 ? -0.5 : 0.5)); return sprintf("%" sign "d", x) }
    { n[$1 SUBSEP $2]++; v[$1 SUBSEP $2, n[$1 SUBSEP $2]] = $3; if (!($2 in seen)) { seen[$2] = 1; names[++nn] = $2 } }
    END {
        what["shim:loaded"] = "libraries linked (shim constructor, before main)"
        what["shim:sdl_init_start"] = "SDL_Init called (kiosk: after config, strings, bundle)"
        what["shim:sdl_init_done"] = "SDL_Init returned"
        what["shim:window"] = "SDL_CreateWindow returned"
        what["shim:gl_context"] = "SDL_GL_CreateContext returned"
        what["shim:first_swap"] = "first SDL_GL_SwapWindow returned"
        what["probe:on_screen"] = "**content seen on the X screen (probe)**"
        for (i = 1; i <= nn; i++) {
            k = names[i]; q = median("kiosk" SUBSEP k); f = median("floor" SUBSEP k)
            key[i] = (q != "") ? q : f
        }
        for (i = 2; i <= nn; i++) { t = names[i]; tk = key[i]; for (j = i - 1; j >= 1 && key[j] > tk; j--) { names[j + 1] = names[j]; key[j + 1] = key[j] } names[j + 1] = t; key[j + 1] = tk }
        print "| start-up milestone, ms after launch (median) | floor | kiosk | kiosk − floor | kiosk step |"
        print "| --- | ---: | ---: | ---: | ---: |"
        pk = 0
        for (i = 1; i <= nn; i++) {
            k = names[i]; f = median("floor" SUBSEP k); q = median("kiosk" SUBSEP k)
            label = (k in what) ? what[k] : "`lianxin-timing " substr(k, 6) "` line"
            gsub("_", "-", label)
            if (k in what) label = what[k]
            printf "| %s | %s | %s | %s | %s |\n", label, ms(f, ""), ms(q, ""), (f == "" || q == "") ? "–" : ms(q - f, "+"), q == "" ? "–" : ms(q - pk, "+")
            if (q != "") pk = q
        }
    }'
}


if [ -n "$summarize_only" ]; then
    out="$(cd "$summarize_only" && pwd)"
    results="$out/results.txt"
    [ -s "$results" ] || { echo "run-all: no $results" >&2; exit 2; }
    echo "Lianxin bench, re-summarized from $out ($(grep -c . "$results") measurements)"
    echo
    summarize
    echo
    startup_breakdown
    exit 0
fi

build="$(cd "$build" && pwd)"

# ---------------------------------------------------------------- the hub's budgets (no X needed)
# Sync of 10,000 records, ingest from 8 kiosks (each over SQLite and PostgreSQL), and the public
# verification page under wrk; each program prints its own medians, references and verdicts.
hub_bench() {  # hub_bench OUT
    local o="$1"
    mkdir -p "$o"
    echo "run-all: hub budgets, $runs runs each; results in $o" >&2
    timeout 900 "$build/bench/lianxin-bench-sync" --runs "$runs" 2>&1 | tee "$o/hub-sync.txt" >&2
    timeout 900 "$build/bench/lianxin-bench-ingest" --runs "$runs" 2>&1 | tee "$o/hub-ingest.txt" >&2
    timeout 300 "$here/public_page_bench.sh" --build "$build" --runs 3 --out "$o/page" 2>&1 | tee "$o/hub-page.txt" >&2
    { echo; echo "Hub budgets:"; sed -n '/^sync of/,$p' "$o/hub-sync.txt"; sed -n '/^hub ingest/,$p' "$o/hub-ingest.txt"
      sed -n '/^public pages/,$p' "$o/hub-page.txt"; } > "$o/hub-summary.md"
}
if [ "$hub_only" = 1 ]; then
    [ -n "$out" ] || out="$(mktemp -d /tmp/lianxin-bench.XXXXXX)"
    hub_bench "$out"
    cat "$out/hub-summary.md"
    exit 0
fi
probe="$build/bench/lianxin-bench-probe"
floor="$build/bench/lianxin-bench-floor"
shim="$build/bench/lianxin-bench-shim.so"
kiosk="$build/kiosk/lianxin-kiosk"
demo_config="$build/demo/kiosk.toml"
for f in "$probe" "$floor" "$shim" "$kiosk" "$demo_config"; do
    [ -e "$f" ] || { echo "run-all: missing $f — build first: cmake --build build -j2 (LIANXIN_BENCH=ON)" >&2; exit 2; }
done
command -v Xvfb > /dev/null || { echo "run-all: Xvfb is not installed (package xvfb)" >&2; exit 2; }
if [ "$with_chromium" = 1 ] && ! command -v chromium > /dev/null; then
    echo "run-all: chromium is not installed (apt-get install -y chromium), or pass --no-chromium" >&2
    exit 2
fi
[ -n "$out" ] || out="$(mktemp -d /tmp/lianxin-bench.XXXXXX)"
mkdir -p "$out"
results="$out/results.txt"
: > "$results"

# What is measured: the commit, and a fingerprint of the working tree's kiosk sources when the
# run starts (other work may be uncommitted), so that two tables can be told apart.
repo="$(cd "$here/.." && pwd)"
head_commit="$(git -C "$repo" rev-parse --short HEAD 2> /dev/null || echo none)"
tree_print="$(cd "$repo" && find core kiosk assets content -type f 2> /dev/null | LC_ALL=C sort | xargs cat 2> /dev/null | sha1sum | cut -c1-10)"

# ---------------------------------------------------------------- our own X server
xvfb_pid=""
cleanup() { if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2> /dev/null || true; wait "$xvfb_pid" 2> /dev/null || true; fi; }
trap cleanup EXIT
rm -f "$out/xvfb.display"
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3> "$out/xvfb.display" 2> "$out/xvfb.log" &
xvfb_pid=$!
display_no=""
for _ in $(seq 100); do
    display_no="$(head -1 "$out/xvfb.display" 2> /dev/null || true)"
    [[ "$display_no" =~ ^[0-9]+$ ]] && break
    sleep 0.1
done
[[ "$display_no" =~ ^[0-9]+$ ]] || { echo "run-all: Xvfb did not start (see $out/xvfb.log)" >&2; exit 1; }
export DISPLAY=":$display_no"

# ---------------------------------------------------------------- the kiosk's bench configuration
# The demo's, with its own data folder and the attract slides held 120 s (bench-config.sh).
bench_config="$("$here/bench-config.sh" "$demo_config" "$out")"

# ---------------------------------------------------------------- one measurement of each program
probe_timeout_s=$(( (content_timeout_ms + settle_ms + idle_ms) / 1000 + 30 ))
common=(--settle-ms "$settle_ms" --idle-ms "$idle_ms" --timeout-ms "$content_timeout_ms")

measure() {  # measure LABEL ROUND
    local label="$1" round="$2" line rc=0
    local logs="$out/logs/$label.$round" load1
    load1="$(cut -d' ' -f1 /proc/loadavg)"  # the machine is shared: how busy it was
    mkdir -p "$out/logs"
    rm -f "$logs".*
    case "$label" in
        floor)
            line=$(timeout "$probe_timeout_s" "$probe" --label floor "${common[@]}" --min-colours 1 \
                --frames-file "$logs.frames" --stderr-log "$logs.stderr" --trace "$logs.trace" \
                --env LD_PRELOAD="$shim" --env LIANXIN_BENCH_FRAMES="$logs.frames" --env LIANXIN_TIMING=1 \
                --env LIANXIN_BENCH_STARTUP="$logs.startup" \
                -- "$floor" --windowed 1920x1080) || rc=$? ;;
        kiosk|kiosk-home)
            # kiosk: its static attract screen; kiosk-home: a tap starts a visit, then the home
            # screen (hall, welcome, tiles: the screen the Chromium page copies) is the static one.
            local tap=()
            [ "$label" = kiosk-home ] && tap=(--tap 960,540)
            line=$(timeout "$(( probe_timeout_s + settle_ms / 1000 + 2 ))" "$probe" --label "$label" \
                "${common[@]}" --min-colours 16 --wait-line fonts-ready "${tap[@]}" \
                --frames-file "$logs.frames" --stderr-log "$logs.stderr" --trace "$logs.trace" \
                --env LD_PRELOAD="$shim" --env LIANXIN_BENCH_FRAMES="$logs.frames" --env LIANXIN_TIMING=1 \
                --env LIANXIN_BENCH_STARTUP="$logs.startup" \
                -- "$kiosk" --config "$bench_config" --windowed 1920x1080) || rc=$? ;;
        chromium)
            # A fresh profile each launch; translation off, or Chromium offers to translate the
            # Chinese page with a bubble over it.
            local profile
            profile="$(mktemp -d "$out/chromium-profile.XXXXXX")"
            mkdir -p "$profile/Default"
            echo '{"translate":{"enabled":false}}' > "$profile/Default/Preferences"
            line=$(timeout "$probe_timeout_s" "$probe" --label chromium "${common[@]}" --min-colours 16 \
                --stderr-log "$logs.stderr" --trace "$logs.trace" \
                --env DBUS_SESSION_BUS_ADDRESS=disabled: \
                -- chromium --kiosk --no-sandbox --disable-gpu --no-first-run \
                --disable-background-networking --disable-component-update --disable-sync \
                --user-data-dir="$profile" --window-position=0,0 --window-size=1920,1080 \
                "file://$here/alt-page/index.html") || rc=$?
            rm -rf "$profile" ;;
    esac
    [ -n "${line:-}" ] || line="label=$label status=probe-exit-$rc"
    echo "round=$round load1=$load1 $line" | tee -a "$results" >&2
    sleep 1  # let the X server and the page cache calm down between programs
}

programs=(floor kiosk kiosk-home)
[ "$with_chromium" = 1 ] && programs+=(chromium)
np=${#programs[@]}
echo "run-all: DISPLAY=$DISPLAY, $runs rounds of: ${programs[*]}; results in $out" >&2
echo "run-all: load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ "$warmup" = 1 ]; then
    for p in "${programs[@]}"; do measure "$p" 0; done   # round 0: warms caches, not counted
fi
for ((r = 1; r <= runs; r++)); do
    # Rotate the order every round, so that no program always runs right after the same one.
    for ((k = 0; k < np; k++)); do measure "${programs[$(( (k + r - 1) % np ))]}" "$r"; done
done

if [ "$with_ui" = 1 ]; then
    BENCH_KIOSK_CONFIG="$bench_config" "$here/ui_frame_time.sh" --build "$build" --runs "$runs" \
        --cycles "$ui_cycles" --out "$out/ui" | sed 's/^/round=- /' | tee -a "$results" >&2 || true
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "run-all: load after: $load_after" >&2

{
    echo "Lianxin bench, $(date -u '+%Y-%m-%d %H:%M UTC'): $runs runs, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"
    echo "Xvfb 1920x1080x24, Mesa llvmpipe; settle ${settle_ms} ms, static window ${idle_ms} ms; load $load_after; results in $out"
    echo "commit $head_commit, kiosk sources (core kiosk assets content) fingerprint $tree_print; kiosk binary $(date -u -r "$kiosk" '+%H:%M UTC')"
    echo
    summarize
    echo
    startup_breakdown
} | tee "$out/summary.md"

if [ "$with_hub" = 1 ]; then
    hub_bench "$out"
    tee -a "$out/summary.md" < "$out/hub-summary.md"
fi
