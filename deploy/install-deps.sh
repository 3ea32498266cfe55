#!/usr/bin/env bash
# Installs every Debian 12 package that Lianxin's build, demo and tests need.
# Idempotent: installs only what is missing, so the README commands stay fast on a second run.
# Usage: install-deps.sh   (the older --bench flag is accepted and changes nothing: Chromium is always listed)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git ccache
  # fuzzing (fuzz/): clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer for readable stacks
  clang-14 libclang-rt-14-dev llvm-14
  # kiosk UI: window, GL, Dear ImGui 1.86, fonts, images
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libgl-dev fonts-noto-cjk
  # core: storage, crypto, JSON, config, Markdown, text
  libsqlite3-dev sqlite3 libsodium-dev nlohmann-json3-dev libtomlplusplus-dev libmd4c-dev libicu-dev
  # images: zlib checks PNG data, libpng and libjpeg-turbo decode (stb writes PNGs and downscales)
  zlib1g-dev libpng-dev libjpeg62-turbo-dev
  # QR codes and reading them back in tests
  libqrencode-dev zbar-tools
  # input methods (rime-prelude: librime's default.yaml; rime-essay: the pinyin vocabulary)
  librime-dev librime-bin rime-data-luna-pinyin rime-prelude rime-essay libzinnia-dev tegaki-zinnia-simplified-chinese
  # words offered after a handwritten character: rime-essay made simplified by OpenCC
  libopencc-dev libopencc-data
  # CLI, logging, HTTP
  libcli11-dev libspdlog-dev libcpp-httplib-dev libcurl4-openssl-dev curl
  # opinion exports for experts: XLSX written with libxlsxwriter, read back in tests with openpyxl
  libxlsxwriter-dev python3-openpyxl
  # hub store at scale: libpq (the store's PostgreSQL driver, hub/store/postgres_session.cpp) and
  # the server, which the tests start privately themselves (tests/support/postgres_server.cpp)
  libpq-dev postgresql
  # tests: Catch2, a headless X server with Mesa, screenshot tools; gdb prints the stacks of a
  # kiosk that hangs in a GUI test (tests/support/run-with-watchdog.sh); strace shows what programs
  # the kiosk starts (tests/gui/platform_test.cpp)
  catch2 xvfb xauth libgl1-mesa-dri x11-utils gdb strace
  # bench/: the outside-the-process launch probe reads the X screen
  libx11-dev
  # browser tests of the hub's public pages (tests/browser/; bench/ also uses it for its kiosk-mode
  # comparison): Debian's Chromium, driven by playwright-core, which npm installs into the build tree
  chromium
)

# Node.js and npm for the browser tests' tooling. A machine that already has both (e.g. from
# NodeSource, whose nodejs carries its own npm and conflicts with Debian's npm) keeps them;
# otherwise Debian 12's own packages are enough.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
# bench/ loads the hub's public pages with wrk (bench/public_page_bench.sh): installed only on
# request, `bash deploy/install-deps.sh --bench` (Chromium, which bench/ also uses, is always in).
if [ "${1:-}" = "--bench" ]; then
  packages+=(wrk)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deploy/install-deps.sh: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "deploy/install-deps.sh: ${#missing[@]} packages missing (${missing[*]}); run as root or with sudo" >&2
  exit 1
fi

echo "deploy/install-deps.sh: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
