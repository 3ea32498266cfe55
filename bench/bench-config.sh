#!/usr/bin/env bash
# Writes the kiosk configuration the benchmarks use: the demo's kiosk.toml with absolute paths,
# its own data folder, and the attract slides held 120 s so the attract screen is a static screen.
#
# Usage: bench/bench-config.sh DEMO_KIOSK_TOML OUT_DIR   → writes OUT_DIR/kiosk.toml (and prints
# its path); the kiosk's data (kiosk.db) goes to OUT_DIR/kiosk-data, never the demo's folder.
# 120 s is the longest slide_seconds the configuration accepts; the first frame is the same as
# with the demo's 8 s slides.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DEMO_KIOSK_TOML OUT_DIR" >&2; exit 2; }
demo_config="$1"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
[ -f "$demo_config" ] || { echo "bench-config: no $demo_config (build the demo: cmake --build build -j2)" >&2; exit 2; }
demo_dir="$(cd "$(dirname "$demo_config")" && pwd)"
config="$out/kiosk.toml"
mkdir -p "$out/kiosk-data"
sed -e "s#^\(content\|assets_dir\|key\|rime_dir\) = \"\([^/\"][^\"]*\)\"#\1 = \"$demo_dir/\2\"#" \
    -e "/^keys/s#\"\([^/\"][^\"]*\)\"#\"$demo_dir/\1\"#g" \
    -e "s#^data_dir = .*#data_dir = \"$out/kiosk-data\"#" \
    -e "/^publisher_keys/s#\"\([^/\"][^\"]*\)\"#\"$demo_dir/\1\"#g" \
    -e "s#^slide_seconds = .*#slide_seconds = 120#" "$demo_config" > "$config"
if ! grep -q '^slide_seconds = 120' "$config"; then
    if grep -q '^\[attract\]' "$config"; then
        sed -i 's#^\[attract\]#[attract]\nslide_seconds = 120#' "$config"
    else
        printf '\n[attract]\nslide_seconds = 120\n' >> "$config"
    fi
fi
echo "$config"
