#!/usr/bin/env bash
# The editor's live preview behind a keystroke (bench/README.md, "Admin window"): `lianxin-admin
# gui --view edit` in its scripted mode types N characters, one at a time, into an exhibit's
# Chinese title (and N into a timeline event's text); for each the window logs how long after the
# edit was applied the kiosk's screens, redrawn from the edited content in both orientations
# (layout check included), were done. Prints each run's median and 90th percentile and the median
# of the runs. No hub is needed; the content is a copy of content/.
#
# Usage: bench/admin_preview.sh [--runs N] [--keys N] [--build DIR]
# Needs: Xvfb and the build (cmake --build build -j2). Starts and stops its own Xvfb.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/../build"
runs=5
keys=20
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --keys) keys="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "admin_preview: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
build="$(cd "$build" && pwd)"
work="$(mktemp -d /tmp/lianxin-preview-bench.XXXXXX)"
cleanup() { [ -n "${x_pid:-}" ] && kill "$x_pid" 2>/dev/null; rm -rf "$work"; true; }
trap cleanup EXIT
for n in $(seq 160 180); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }; done
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & x_pid=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"

chars=(立 法 联 系 点 居 民 意 见 代 表 社 区 协 商 议 事 会 公 开)
{
    echo "expect-screen edit"
    echo "sync-wait 20000"
    # Each item's group first (the long ones start folded), then the item and its field.
    for field in "展项 exhibit-futian title.zh" "履职历程 event-1 text.zh"; do
        set -- $field
        echo "tap-text $1"
        shift
        echo "tap-text $1"
        echo "wait 300"
        echo "tap-text $2"
        echo "key End"
        for i in $(seq 1 "$keys"); do
            echo "type ${chars[$(( (i - 1) % ${#chars[@]} ))]}"
            echo "wait 100"
        done
    done
} > "$work/script.txt"

percentile() {  # percentile P < numbers
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } r = int(p * NR / 100); if (r < p * NR / 100) r++; if (r < 1) r = 1; print v[r] }'
}
medians=()
for run in $(seq 1 "$runs"); do
    rm -rf "$work/content" "$work/shots"
    cp -r "$here/../content" "$work/content"
    "$build/admin-tool/lianxin-admin" gui --windowed 1600x1000 --lang zh --view edit --content "$work/content" \
        --script "$work/script.txt" --shots "$work/shots" > "$work/run.log" 2>&1 || {
        echo "run $run: the window failed (see $work/run.log)"; cat "$work/run.log"; exit 1; }
    grep '"type":"preview"' "$work/shots/log.jsonl" | sed 's/.*"delay_ms":\([0-9.]*\).*/\1/' > "$work/delays.txt"
    n=$(wc -l < "$work/delays.txt")
    p50=$(percentile 50 < "$work/delays.txt")
    p90=$(percentile 90 < "$work/delays.txt")
    echo "run=$run keystrokes=$n preview_delay_p50_ms=$p50 p90_ms=$p90 load=$(cut -d' ' -f1 /proc/loadavg)"
    medians+=("$p50")
done
printf '%s\n' "${medians[@]}" | percentile 50 | sed 's/^/median of run medians (ms): /'
