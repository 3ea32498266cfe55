#!/usr/bin/env bash
# The README's second command (and CI's, via .ci/run): installs what is missing, builds, starts
# the services the tests need (an Xvfb X server with Mesa for the kiosk), runs every test with
# CTest, and stops the services again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

# A private X server for the GUI tests: the first free display number from :90.
display=""
for n in $(seq 90 120); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "run-tests: no free X display number in :90-:120" >&2; exit 1; }
Xvfb "$display" -screen 0 1920x1920x24 -nolisten tcp >/tmp/lianxin-xvfb.log 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done
export DISPLAY="$display"

cd build
ctest --output-on-failure --timeout 900 -j2 "$@"
