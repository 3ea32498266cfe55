#!/usr/bin/env bash
# bench/README.md "public verification page ≥ 3,000 requests/s": wrk against a running lianxin-hub's
# /c/<token> (a certificate issued with `lianxin-admin certificate issue` and the demo certificate
# key), and /healthz — the server's floor — in the same run, interleaved, medians over the runs.
#
# Usage: bench/public_page_bench.sh [--runs N] [--duration S] [--threads T] [--connections C]
#                                   [--hub-threads N] [--build DIR] [--out DIR]
#   defaults: 3 runs of 10 s each per URL, wrk -t2 -c32, the hub's default worker threads
# Needs: wrk (bash deploy/install-deps.sh --bench), the build (lianxin-hub, lianxin-admin) and the
# demo (build/demo: certificate key, publisher key, demo.lxb). The hub gets a temp SQLite store and
# the demo bundle published to it, so the page names the consultation as it would in production.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${BUILD:-$here/../build}"
runs=3 duration=10 wrk_threads=2 connections=32 hub_threads="" out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --threads) wrk_threads="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --hub-threads) hub_threads="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "public_page_bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
build="$(cd "$build" && pwd)"
hub="$build/hub/lianxin-hub" admin="$build/admin-tool/lianxin-admin" demo="$build/demo"
for f in "$hub" "$admin" "$demo/hub-certificate.key" "$demo/publisher.pub" "$demo/demo.lxb"; do
    [ -e "$f" ] || { echo "public_page_bench: missing $f — build first: cmake --build build -j2 --target lianxin-hub lianxin-admin demo-bundle" >&2; exit 2; }
done
command -v wrk > /dev/null || { echo "public_page_bench: wrk is not installed (bash deploy/install-deps.sh --bench)" >&2; exit 2; }
[ -n "$out" ] || out="$(mktemp -d /tmp/lianxin-page-bench.XXXXXX)"
mkdir -p "$out"

hub_pid=""
cleanup() { if [ -n "$hub_pid" ]; then kill "$hub_pid" 2> /dev/null || true; wait "$hub_pid" 2> /dev/null || true; fi; }
trap cleanup EXIT

# ---------------------------------------------------------------- the hub: temp store, demo keys
"$admin" keys new "$out/admin" > /dev/null
{
    echo '[hub]'
    echo 'listen = "127.0.0.1:0"'
    echo "store = \"sqlite:$out/hub.db\""
    echo 'public_url = "http://127.0.0.1:8470"'
    echo "certificate_key = \"$demo/hub-certificate.key\""
    echo "publisher_keys = [\"$demo/publisher.pub\"]"
    [ -n "$hub_threads" ] && echo "threads = $hub_threads"
} > "$out/hub.toml"
"$hub" --config "$out/hub.toml" enroll-admin "$out/admin.pub" > /dev/null
"$hub" --config "$out/hub.toml" > "$out/hub.log" 2>&1 &
hub_pid=$!
port=""
for _ in $(seq 100); do
    port="$(sed -n 's/^lianxin-hub listening on 127.0.0.1:\([0-9]*\),.*/\1/p' "$out/hub.log" | head -1)"
    [ -n "$port" ] && break
    kill -0 "$hub_pid" 2> /dev/null || { echo "public_page_bench: the hub did not start:" >&2; cat "$out/hub.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "public_page_bench: the hub did not say where it listens (see $out/hub.log)" >&2; exit 1; }
base="http://127.0.0.1:$port"
"$admin" --hub "$base" --admin-key "$out/admin.key" content publish "$demo/demo.lxb" > "$out/publish.log" 2>&1 ||
    { echo "public_page_bench: publishing the demo bundle failed:" >&2; cat "$out/publish.log" >&2; exit 1; }

# A certificate for a made-up passport (the page needs none: /c/ checks the signature and the
# revocation list, then shows the claims).
url="$("$admin" certificate issue --key "$demo/hub-certificate.key" --passport 0123456789abcdef0123456789abcdef \
    --consultation property-rules --article 3 --adoption adopted --date 2027-03-01 \
    --public-url "$base" 2> "$out/issue.log")"
# The URL is upper case (a QR code's alphanumeric mode): HTTP://127.0.0.1:PORT/C/LXC1:…, and a
# phone requests exactly that path.
path="/${url#*//*/}"
sleep 4  # the hub checks for a newly published bundle every 3 s: let the page name the draft
code="$(curl -s -H 'Accept-Language: en' -o "$out/page.html" -w '%{http_code}' "$base$path")"
if [ "$code" != 200 ] || ! grep -q 'Genuine certificate' "$out/page.html" || ! grep -q 'Property' "$out/page.html"; then
    echo "public_page_bench: $path answered $code, not a valid certificate naming its draft (see $out/page.html)" >&2
    exit 1
fi

# ---------------------------------------------------------------- wrk, interleaved
results="$out/results.txt"
: > "$results"
measure() {  # measure LABEL PATH RUN
    local label="$1" p="$2" r="$3" load rps non2xx lat
    load="$(cut -d' ' -f1 /proc/loadavg)"
    wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "$base$p" > "$out/wrk.$label.$r.txt" 2>&1
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out/wrk.$label.$r.txt")"
    non2xx="$(awk '/Non-2xx/ { print $NF }' "$out/wrk.$label.$r.txt")"
    lat="$(awk '$1 == "99%" { print $2 }' "$out/wrk.$label.$r.txt")"
    echo "run=$r label=$label load1=$load rps=${rps:-0} p99=${lat:--} non2xx=${non2xx:-0}" | tee -a "$results" >&2
}
echo "public_page_bench: hub on $base (pid $hub_pid), wrk -t$wrk_threads -c$connections -d${duration}s, $runs runs; results in $out" >&2
for ((r = 1; r <= runs; r++)); do
    # Alternate which goes first, so neither always follows the other.
    if ((r % 2)); then measure healthz /healthz "$r"; measure certificate "$path" "$r"
    else measure certificate "$path" "$r"; measure healthz /healthz "$r"; fi
done

awk -v runs="$runs" '
function median(k,   m, i, j, t, a) {
    m = n[k]; for (i = 1; i <= m; i++) a[i] = v[k, i]
    for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    k = f["label"]; n[k]++; v[k, n[k]] = f["rps"] + 0; bad[k] += f["non2xx"] + 0; p99[k] = p99[k] " " f["p99"]
    nl++; v["l", nl] = f["load1"] + 0; n["l"] = nl
}
END {
    c = median("certificate"); h = median("healthz"); l = median("l")
    printf "\npublic pages, requests/s, median of %d runs (load median %.2f):\n", runs, l
    printf "  /healthz (floor)    %8.0f/s   p99 latency per run:%s\n", h, p99["healthz"]
    printf "  /c/<token>          %8.0f/s   p99 latency per run:%s   (%.0f%% of the floor)\n", c, p99["certificate"], 100 * c / h
    printf "  non-2xx answers: /healthz %d, /c/ %d\n", bad["healthz"], bad["certificate"]
    printf "  budget /c/ ≥ 3,000/s: %s\n", (c >= 3000 && bad["certificate"] == 0) ? "PASS" : "FAIL"
}' "$results" | tee "$out/summary.txt"
