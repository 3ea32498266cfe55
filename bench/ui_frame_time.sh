#!/usr/bin/env bash
# bench/README.md "UI work per frame (excluding GPU raster)": scrolls a long exhibit (or another
# screen) in the kiosk's scripted mode and reports per-frame UI build time p50/p99/max per run.
#
# Per frame, two sources, the same TSV columns (frame, t_ms, screen, ui_cpu_us, ui_wall_us):
#  - hook: LIANXIN_FRAME_STATS=FILE, written by the kiosk itself (NewFrame → Render, proposed in
#    bench/README.md); frames kept: those of the --screen between the script's shots scroll-start and
#    scroll-end (their t from log.jsonl);
#  - shim: bench/frame_shim.c preloaded (LIANXIN_BENCH_UI_STATS=FILE): last event call → the
#    frame's glViewport (an upper bound: it also holds the image-upload pump); frames kept:
#    between the two "#mark" lines the shots leave.
# Both are reported when both exist. The shim's figures are the main thread's CPU time
# (CLOCK_THREAD_CPUTIME_ID), which a busy shared machine inflates far less than wall time: a
# preempted frame shows as a 20+ ms wall outlier with 0.2 ms of CPU.
#
# Usage: bench/ui_frame_time.sh [--build DIR] [--runs N] [--cycles N] [--out DIR]
#          [--open 'LABEL/LABEL…'] [--screen NAME] [--axis y|x] [--lang zh|en] [--display :N]
#   --open    tap targets to tap, in order, from the home screen (default: the section 四地实践,
#             then its longest exhibit, 长宁：从古北市民中心出发); --screen the screen they lead
#             to (default exhibit); --axis x swipes sideways instead (e.g. --open 履职历程
#             --screen timeline --axis x).
# Prints one line per run: label=ui run=I screen=… source=shim|hook|hook-all frames=N ui_p50_us=…
#   ui_p99_us=… ui_max_us=… ui_wall_p99_us=… (shim, CPU; wall p99) hook_frames=N hook_p50_us=…
#   hook_p99_us=… hook_max_us=… (the kiosk's file)   (DISPLAY must be an X server with a 1920x1080 screen unless
#   --display is given; bench/run-all.sh starts its own Xvfb.)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${BUILD:-$here/../build}"
runs=5
cycles=6
out=""
open_path="四地实践/长宁：从古北市民中心出发"
screen="exhibit"
axis="y"
lang="zh"
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --cycles) cycles="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --open) open_path="$2"; shift 2 ;;
        --screen) screen="$2"; shift 2 ;;
        --axis) axis="$2"; shift 2 ;;
        --lang) lang="$2"; shift 2 ;;
        --display) export DISPLAY="$2"; shift 2 ;;
        *) echo "usage: $0 [--build DIR] [--runs N] [--cycles N] [--out DIR] [--open 'A/B'] [--screen NAME] [--axis y|x] [--lang zh|en] [--display :N]" >&2; exit 2 ;;
    esac
done
build="$(cd "$build" && pwd)"
kiosk="$build/kiosk/lianxin-kiosk"
shim="$build/bench/lianxin-bench-shim.so"
config="${BENCH_KIOSK_CONFIG:-$build/demo/kiosk.toml}"
for f in "$kiosk" "$shim" "$config"; do
    [ -e "$f" ] || { echo "ui_frame_time: missing $f (build with: cmake --build build -j2)" >&2; exit 2; }
done
[ -n "${DISPLAY:-}" ] || { echo "ui_frame_time: no DISPLAY (give --display or run bench/run-all.sh)" >&2; exit 2; }
if [ -z "$out" ]; then out="$(mktemp -d /tmp/lianxin-ui-frames.XXXXXX)"; fi
mkdir -p "$out"

# The scroll: open the screen, settle (fonts, images), then drag the page one way and back —
# slow drags with the finger down (tracking) and quick flings (inertial coasting).
drag() {  # drag FROM TO MS along the axis, through the middle of the screen
    if [ "$axis" = x ]; then echo "drag $1 600 $2 600 $3"; else echo "drag 960 $1 960 $2 $3"; fi
}
if [ "$axis" = x ]; then far=1600; near=300; mid=700; else far=900; near=350; mid=500; fi
script="$out/scroll.script"
{
    echo "# written by bench/ui_frame_time.sh"
    echo "wait 500"
    echo "tap 960 540"
    echo "expect-screen home"
    [ "$lang" = "en" ] && echo "tap-text EN"
    IFS=/ read -r -a labels <<< "$open_path"
    for label in "${labels[@]}"; do echo "tap-text $label"; done
    echo "expect-screen $screen"
    echo "shot scroll-start"
    for ((c = 0; c < cycles; c++)); do
        drag $far $near 400
        echo "wait 300"
        drag $far $mid 120
        echo "wait 1200"
        drag $near $far 400
        echo "wait 300"
        drag $mid $far 120
        echo "wait 1200"
    done
    echo "expect-screen $screen"
    echo "shot scroll-end"
} > "$script"

# Nearest-rank percentiles of one column of numbers on stdin: "n p50 p99 max".
percentiles() {
    sort -n | awk '{ v[NR] = $1 }
        function rank(p,   r) { r = int(p * NR / 100); if (r < p * NR / 100) r++; if (r < 1) r = 1; return v[r] }
        END { if (NR == 0) { print "0 - - -"; exit } print NR, rank(50), rank(99), v[NR] }'
}

for ((i = 1; i <= runs; i++)); do
    dir="$out/run$i"
    rm -rf "$dir"
    mkdir -p "$dir"
    rc=0
    LD_PRELOAD="$shim" LIANXIN_BENCH_UI_STATS="$dir/shim.tsv" LIANXIN_FRAME_STATS="$dir/hook.tsv" \
        timeout 600 "$kiosk" --config "$config" --windowed 1920x1080 --script "$script" --shots "$dir" --raster-every-frame \
        > "$dir/kiosk.log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "label=ui run=$i status=kiosk-exit-$rc (see $dir/kiosk.log, $dir/log.jsonl)"
        continue
    fi
    # The shim's frames between its two marks: main-thread CPU (column 4) and wall (column 5).
    shim_frames() { awk -F'\t' -v col="$1" '/^#mark/ { m++; next } NR > 1 && m == 1 { print $col }' "$dir/shim.tsv"; }
    read -r sn s50 s99 smax < <(shim_frames 4 | percentiles)
    read -r _ _ sw99 _ < <(shim_frames 5 | percentiles)
    # The kiosk's own file, in either of two layouts:
    #  - "frame<TAB>t_ms<TAB>screen<TAB>ui_cpu_us<TAB>ui_wall_us" with a header (the proposal):
    #    frames of the screen whose t lies between the two shots (their t from log.jsonl);
    #  - "frame us screen" (what kiosk_app.cpp writes now: wall µs, draw_frame start → Render):
    #    it has a line for every draw_frame, the shim has one for every frame but the two shot
    #    frames, so the shim's frame count before its first mark locates the scroll frames. If
    #    the counts do not agree, every frame of the screen is taken (source=hook-all).
    hook_frames=""
    source=shim
    if [ -s "$dir/hook.tsv" ]; then
        if head -1 "$dir/hook.tsv" | grep -q "^frame"$'\t'; then
            source=hook
            t_start=$(grep '"scroll-start"' "$dir/log.jsonl" | grep -o '"t":[0-9]*' | head -1 | cut -d: -f2)
            t_end=$(grep '"scroll-end"' "$dir/log.jsonl" | grep -o '"t":[0-9]*' | head -1 | cut -d: -f2)
            hook_frames=$(awk -F'\t' -v a="$t_start" -v b="$t_end" -v s="$screen" \
                'NR > 1 && $3 == s && $2 + 0 >= a + 0 && $2 + 0 <= b + 0 { print $5 }' "$dir/hook.tsv")
        else
            before=$(awk '/^#mark/ { print n + 0; exit } NR > 1 { n++ }' "$dir/shim.tsv")
            marks=$(grep -c '^#mark' "$dir/shim.tsv" || true)
            shim_total=$(awk '!/^#mark/ && NR > 1 { n++ } END { print n + 0 }' "$dir/shim.tsv")
            hook_total=$(grep -c . "$dir/hook.tsv")
            if [ "$marks" = 2 ] && [ "$hook_total" = $((shim_total + 2)) ]; then
                source=hook
                hook_frames=$(awk -v a="$((before + 2))" -v b="$((before + 1 + sn))" -v s="$screen" \
                    'NR >= a && NR <= b && $3 == s { print $2 }' "$dir/hook.tsv")
            else
                source=hook-all
                hook_frames=$(awk -v s="$screen" '$3 == s { print $2 }' "$dir/hook.tsv")
            fi
        fi
    fi
    if [ -n "$hook_frames" ]; then
        read -r hn h50 h99 hmax < <(echo "$hook_frames" | percentiles)
    else
        hn=0; h50=-; h99=-; hmax=-
    fi
    echo "label=ui run=$i status=ok screen=$screen source=$source frames=$sn ui_p50_us=$s50 ui_p99_us=$s99" \
        "ui_max_us=$smax ui_wall_p99_us=$sw99 hook_frames=$hn hook_p50_us=$h50 hook_p99_us=$h99 hook_max_us=$hmax"
done
