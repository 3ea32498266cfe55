#!/usr/bin/env bash
# Renders the exhibition art (SVG, authored for this project) to the PNGs the manifests name.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin). Only needed to re-render art:
# the PNGs in ../images are committed, and building the bundle does not run this script.
# Usage: content/art/render.sh            (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../images
mkdir -p "$out"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert not found: apt-get install -y librsvg2-bin" >&2; exit 1; }

# render SVG PNG WIDTH HEIGHT
render() {
  rsvg-convert -w "$3" -h "$4" -b '#F7F1E6' "$here/$1.svg" -o "$out/$2.png"
  echo "images/$2.png  ${3}x${4}  $(stat -c %s "$out/$2.png") bytes"
}

# Attract-loop slides, 1920x1080 (the last three reuse exhibit art at slide size)
render slide-welcome      slide-welcome      1920 1080
render four-cities        slide-journey      1920 1080
render rumination         slide-voices       1920 1080
render five-ones          slide-plan         1920 1080

# Exhibit, section and timeline images, 1600x900
for name in four-cities futian-network xiangzhou-levels practice-bases livestream \
            three-meetings rumination passport civic-centre home-station-point digital \
            bus-shelters lessons five-ones plaque; do
  render "$name" "$name" 1600 900
done
