#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, starts a local hub (SQLite, on
# 127.0.0.1:8470) with the demo content published and the demo kiosk registered, then the kiosk
# on the demo exhibition, syncing with that hub (fullscreen on the current display; pass e.g.
# --windowed 1920x1080 to try it in a window). Staff maintenance: tap the logo five times, PIN
# 2468. The hub stops when the kiosk exits. Admin commands for the demo hub:
#   export LIANXIN_HUB=http://127.0.0.1:8470 LIANXIN_ADMIN_KEY=build/demo/admin.key
#   build/admin-tool/lianxin-admin opinions list; build/admin-tool/lianxin-admin adopt ID --reply "…"
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display. Start it from a desktop session (or set DISPLAY), e.g.:" >&2
  echo "  DISPLAY=:0 bash deploy/run-demo.sh --windowed 1920x1080" >&2
  exit 1
fi

demo=build/demo
admin=build/admin-tool/lianxin-admin
export LIANXIN_HUB=http://127.0.0.1:8470 LIANXIN_ADMIN_KEY=$demo/admin.key

build/hub/lianxin-hub --config $demo/hub.toml enroll-admin $demo/admin.pub >/dev/null
build/hub/lianxin-hub --config $demo/hub.toml > $demo/hub/hub.log 2>&1 &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf $LIANXIN_HUB/healthz >/dev/null 2>&1 && break
  if ! kill -0 $hub_pid 2>/dev/null; then
    echo "run-demo: the hub did not start (is port 8470 taken?):" >&2; cat $demo/hub/hub.log >&2; exit 1
  fi
  sleep 0.1
done
# Register the demo kiosk under its own key and code (already registered on a later run: fine).
$admin kiosk register demo-kiosk --key $demo/kiosk.key --code JJ1 -o $demo/hub/registration.toml >/dev/null 2>&1 || true
rm -f $demo/hub/registration.toml
$admin content publish $demo/demo.lxb
echo "run-demo: hub on $LIANXIN_HUB (log: $demo/hub/hub.log); starting the kiosk"
build/kiosk/lianxin-kiosk --config $demo/kiosk-hub.toml "$@"
