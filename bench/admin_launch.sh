#!/usr/bin/env bash
# The admin window's launch to its first usable frame (bench/README.md, "Admin window"): N rounds
# of the floor (an empty SDL window, the least any SDL + GL program takes here) and `lianxin-admin
# gui` on a local hub holding the demo content and 300 opinions, interleaved, each measured from
# outside by lianxin-bench-probe. Prints every line and the medians.
#
# Usage: bench/admin_launch.sh [--runs N] [--build DIR]
# Needs: Xvfb, the build (cmake --build build -j2) with its demo (build/demo). Starts and stops
# its own Xvfb and hub; uses no network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/../build"
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "admin_launch: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
build="$(cd "$build" && pwd)"
work="$(mktemp -d /tmp/lianxin-admin-bench.XXXXXX)"
cleanup() { [ -n "${hub_pid:-}" ] && kill "$hub_pid" 2>/dev/null; [ -n "${x_pid:-}" ] && kill "$x_pid" 2>/dev/null; true; }
trap cleanup EXIT

for n in $(seq 140 160); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }; done
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & x_pid=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"

demo="$build/demo"
cat > "$work/hub.toml" <<TOML
[hub]
listen = "127.0.0.1:0"
store = "sqlite:$work/hub.db"
public_url = "http://localhost:8470"
certificate_key = "$demo/hub-certificate.key"
publisher_keys = ["$demo/publisher.pub"]
assets_dir = "$here/../assets"
TOML
hub="$build/hub/lianxin-hub --config $work/hub.toml"
$hub enroll-admin "$demo/admin.pub" --name bench >/dev/null
$hub >"$work/hub.log" 2>&1 & hub_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/hub.log" && break; sleep 0.05; done
port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/hub.log" | head -1)
export LIANXIN_HUB="http://127.0.0.1:$port" LIANXIN_ADMIN_KEY="$demo/admin.key"
admin="$build/admin-tool/lianxin-admin"
$admin content publish "$demo/demo.lxb" >/dev/null
for i in $(seq 1 300); do
    $admin opinions record --channel paper --consultation property-rules --article $((i % 5 + 1)) \
        --stance suggest --text "基准测试意见 $i：建议公开物业维修基金的使用情况" >/dev/null
done

probe="$build/bench/lianxin-bench-probe"
for round in $(seq 1 "$runs"); do
    $probe --label floor --min-colours 1 --settle-ms 1000 --idle-ms 1000 -- "$build/bench/lianxin-bench-floor" --windowed 1600x1000
    $probe --label admin --min-colours 16 --settle-ms 3000 --idle-ms 1000 -- \
        "$admin" gui --windowed 1600x1000 --lang zh --content "$here/../content"
done | tee "$work/results.txt"
awk '
    { label = ""; for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "label") label = kv[2];
        if (kv[1] == "content_ms") c[label, ++n[label]] = kv[2] + 0; if (kv[1] == "stable_ms") s[label, n[label]] = kv[2] + 0 } }
    function median(arr, l, m,   i, j, t, a) { for (i = 1; i <= m; i++) a[i] = arr[l, i];
        for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
    END { for (l in n) printf "%s: launch → content on screen median %d ms, → last change (opinions in) median %d ms, over %d runs\n",
              l, median(c, l, n[l]), median(s, l, n[l]), n[l] }' "$work/results.txt"
