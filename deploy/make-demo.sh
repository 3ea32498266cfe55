#!/usr/bin/env bash
# Builds the demo: a publisher key (once per build tree), the signed demo bundle, and a
# kiosk.toml that trusts the key. The demo maintenance PIN is 2468 (README says so).
# Usage: make-demo.sh ADMIN_BINARY CONTENT_DIR OUT_DIR ASSETS_DIR
set -euo pipefail
admin=$1 content=$2 out=$3 assets=$4
mkdir -p "$out"
[ -f "$out/publisher.key" ] || "$admin" keys new "$out/publisher" >/dev/null
"$admin" content build "$content" -o "$out/demo.lxb" --key "$out/publisher.key"
if [ ! -f "$out/pin.hash" ]; then
  echo 2468 | "$admin" pin hash > "$out/pin.hash"
fi
cat > "$out/kiosk.toml.tmp" <<TOML
# Demo kiosk configuration, written by deploy/make-demo.sh.
[kiosk]
name = "demo-kiosk"
content = "demo.lxb"
data_dir = "kiosk-data"
assets_dir = "$assets"
language = "zh"
publisher_keys = ["publisher.pub"]

[idle]
timeout_seconds = 90
countdown_seconds = 20

[attract]
slide_seconds = 8

[input]
# librime data deployed ahead of time by the build (lianxin-rime-deploy), never at run time
rime_dir = "rime"

[maintenance]
# PIN 2468; make your own with: echo 1234 | lianxin-admin pin hash
pin_hash = "$(cat "$out/pin.hash")"
TOML
mv "$out/kiosk.toml.tmp" "$out/kiosk.toml"
