#!/usr/bin/env bash
# Builds the demo: keys (once per build tree: the publisher's, the demo kiosk's own, and the
# hub's certificate key), the signed demo bundle, and a kiosk.toml that uses them. The demo
# maintenance PIN is 2468 (README says so).
# Usage: make-demo.sh ADMIN_BINARY CONTENT_DIR OUT_DIR ASSETS_DIR
set -euo pipefail
admin=$1 content=$2 out=$3 assets=$4
mkdir -p "$out"
[ -f "$out/publisher.key" ] || "$admin" keys new "$out/publisher" >/dev/null
[ -f "$out/kiosk.key" ] || "$admin" keys new "$out/kiosk" >/dev/null
[ -f "$out/hub-certificate.key" ] || "$admin" keys new "$out/hub-certificate" >/dev/null
[ -f "$out/admin.key" ] || "$admin" keys new "$out/admin" >/dev/null
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
# Passports: this kiosk's code (unique per kiosk; registration assigns it) and its own key.
code = "JJ1"
key = "kiosk.key"
# The hub's public pages, which the QR codes on passports and certificates open.
public_url = "http://localhost:8470"

[certificates]
# The hub's certificate key: certificates signed by it verify here, offline.
keys = ["hub-certificate.pub"]

# [print]
# printer = "receipt"      # a CUPS queue (lpstat -p); printing is offered only when set
# format = "receipt"       # "a6" card printer or "receipt" (80 mm)

[idle]
timeout_seconds = 90
countdown_seconds = 20
# While a guided tour is on screen (a guide talking, nobody touching): 60-3600 s, never shorter
# than timeout_seconds.
tour_timeout_seconds = 600

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

# The same kiosk with the local hub of deploy/run-demo.sh: registered there under its key's id.
kiosk_id=$(cut -d' ' -f3 "$out/kiosk.pub")
sed -e "s|^code = \"JJ1\"|code = \"JJ1\"\nid = \"$kiosk_id\"\nhub_url = \"http://127.0.0.1:8470\"|" \
    -e "s|^# Demo kiosk configuration, written by deploy/make-demo.sh.|# Demo kiosk with the local hub (deploy/run-demo.sh), written by deploy/make-demo.sh.|" \
    "$out/kiosk.toml" > "$out/kiosk-hub.toml.tmp"
mv "$out/kiosk-hub.toml.tmp" "$out/kiosk-hub.toml"

mkdir -p "$out/hub"
cat > "$out/hub.toml.tmp" <<TOML
# The demo's local hub (deploy/run-demo.sh), written by deploy/make-demo.sh.
[hub]
listen = "127.0.0.1:8470"
store = "sqlite:hub/hub.db"
public_url = "http://localhost:8470"
certificate_key = "hub-certificate.key"
publisher_keys = ["publisher.pub"]
assets_dir = "$assets"
TOML
mv "$out/hub.toml.tmp" "$out/hub.toml"
