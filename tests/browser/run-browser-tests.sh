#!/usr/bin/env bash
# CTest "browser/hub pages in Chromium": starts a real lianxin-hub on loopback with a temporary
# SQLite store, fills it through the real admin and sync APIs, then drives Debian's Chromium over
# the public pages with tests/browser/pages.test.mjs (playwright-core and axe-core, installed into
# the build tree).
# Usage: run-browser-tests.sh SOURCE_DIR BUILD_DIR LIANXIN_HUB LIANXIN_ADMIN SEED_PASSPORT
# Exit 77 (CTest skip) only when npm cannot install the tooling, i.e. the machine is offline.
set -euo pipefail
src=$1 build=$2 hub_bin=$3 admin=$4 seed=$5
demo=$build/demo
chromium=${LIANXIN_CHROMIUM:-/usr/bin/chromium}

fail() { keep=1; echo "browser test: $*" >&2; exit 1; }
command -v node >/dev/null || fail "node is missing: run deploy/install-deps.sh"
command -v npm >/dev/null || fail "npm is missing: run deploy/install-deps.sh"
[ -x "$chromium" ] || fail "$chromium is missing: run deploy/install-deps.sh (package chromium)"
for f in hub-certificate.key publisher.pub demo.lxb demo.lxb.sig; do
  [ -f "$demo/$f" ] || fail "$demo/$f is missing: build the demo-bundle target first"
done

# The tooling goes into the build tree, never the source tree; reinstalled only when the lock changes.
tools=$build/browser-tools
mkdir -p "$tools"
if ! cmp -s "$src/tests/browser/package-lock.json" "$tools/package-lock.json" || [ ! -d "$tools/node_modules/playwright-core" ] ||
   [ ! -f "$tools/node_modules/axe-core/axe.min.js" ]; then
  cp "$src/tests/browser/package.json" "$src/tests/browser/package-lock.json" "$tools/"
  if ! npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error; then
    rm -f "$tools/package-lock.json"  # so the next run tries again
    # Skipping is for a machine that cannot reach the registry; any other npm failure is a failure.
    if npm ping --prefix "$tools" >/dev/null 2>&1; then
      fail "npm ci failed although the npm registry answers (see npm's message above)"
    fi
    echo "browser test: SKIPPED: npm cannot reach its registry to install playwright-core and axe-core; the pages were NOT tested" >&2
    exit 77
  fi
fi

work=$(mktemp -d /tmp/lianxin-browser.XXXXXX)
hub_pid=""
cleanup() {
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  # Keep the screenshots and logs of a failed run for whoever reads the CTest output.
  if [ "${keep:-0}" = 1 ]; then echo "browser test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'keep=1' ERR

# An admin key enrolled directly in the store, as on the hub's own host.
"$admin" keys new "$work/admin" >/dev/null
"$hub_bin" --store "sqlite:$work/hub.db" enroll-admin "$work/admin.pub" >/dev/null

cat > "$work/hub.toml" <<TOML
# Written by run-browser-tests.sh for one run.
[hub]
listen = "127.0.0.1:0"
store = "sqlite:hub.db"
public_url = "http://localhost:8470"
certificate_key = "$demo/hub-certificate.key"
publisher_keys = ["$demo/publisher.pub"]
threads = 4
TOML
"$hub_bin" --config "$work/hub.toml" >"$work/hub.out" 2>"$work/hub.err" &
hub_pid=$!
port=""
for _ in $(seq 100); do
  line=$(head -n 1 "$work/hub.out" 2>/dev/null || true)
  if [[ $line =~ listening\ on\ 127\.0\.0\.1:([0-9]+) ]]; then port=${BASH_REMATCH[1]}; break; fi
  kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.err" >&2; fail "lianxin-hub exited at start"; }
  sleep 0.1
done
[ -n "$port" ] || { fail "lianxin-hub printed no 'listening on' line in 10 s"; }
origin="http://127.0.0.1:$port"
export LIANXIN_HUB=$origin LIANXIN_ADMIN_KEY=$work/admin.key

mkdir -p "$work/kiosk"
"$admin" kiosk register browser-kiosk -o "$work/kiosk/kiosk.toml" >/dev/null
code=$(sed -n 's/^code = "\(.*\)"$/\1/p' "$work/kiosk/kiosk.toml")
[ -n "$code" ] || fail "kiosk register wrote no code"
"$admin" content publish "$demo/demo.lxb" >/dev/null

# The visitor's opinion carries an injection attempt; the pages must show it as text.
injection='<script>alert(1)</script><img src=x onerror=alert(2)>'
mapfile -t seeded < <("$seed" "$origin" "$work/kiosk/kiosk-key.key" "$code" "电动车充电应当集中管理 $injection")
[ ${#seeded[@]} -eq 3 ] || fail "seed-passport did not print token, opinion id and short code"
passport_token=${seeded[0]} opinion_id=${seeded[1]} short_code=${seeded[2]}

reply='采纳了关于充电的部分 <b>bold?</b> & "quotes"'
adopted=$("$admin" adopt "$opinion_id" --partly --reply "$reply")
cert_url=$(sed -n 's/^certificate [0-9a-f]*: \(.*\)$/\1/p' <<<"$adopted")
[ -n "$cert_url" ] || fail "adopt issued no certificate: $adopted"
# The law as adopted, and the opinion traced into it: the pages below then show the trace block
# ("您的意见 → 第五条（通过稿）"), which axe checks with the rest.
printf '锦江区住宅小区物业管理若干规定\n第一条　为了规范物业管理，制定本规定。\n第五条　电动自行车应当在集中充电场所充电。\n' >"$work/law.zh.txt"
"$admin" consultation final property-rules --zh "$work/law.zh.txt" >/dev/null || fail "consultation final failed"
"$admin" opinions trace "$opinion_id" 5 >/dev/null || fail "opinions trace failed"

export HUB_ORIGIN=$origin LIANXIN_SOURCE_DIR=$src LIANXIN_BROWSER_TOOLS=$tools LIANXIN_CHROMIUM=$chromium
export PASSPORT_TOKEN=$passport_token CERT_PATH=/C/${cert_url#*/C/} SHORT_CODE=$short_code
export OPINION_INJECTION=$injection REPLY_TEXT=$reply SHOTS_DIR=$work/shots
node "$src/tests/browser/pages.test.mjs"

# The phone form's opinions reached the store intact (UTF-8 and the markup as typed).
listed=$("$admin" opinions list --consultation property-rules)
grep -qF '楼道里电动车乱停 <script>alert(3)</script>' <<<"$listed" || fail "the phone opinion is not in the store as typed"
echo "browser test: passed ($origin)"
