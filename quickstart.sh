#!/usr/bin/env bash
# Navigator quick start: sets everything up, then launches the app or runs the tests.
#
#   bash quickstart.sh            set up, then launch the app (built-in curriculum, local database)
#   bash quickstart.sh test       set up, then run the whole test suite headless
#                                 (NAVIGATOR_PACKAGING_TESTS=1 adds building and running the
#                                 installed bundle: a few minutes more)
#   bash quickstart.sh build      set up, then build the bundle and archive for this computer
#                                 into dist/ (packaging/README.md)
#
# Set-up is idempotent and quick when already done: Debian packages are installed only when
# missing (and only when run as root), Python packages only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-run}"
[ $# -gt 0 ] && shift

# Qt's xcb platform plugin, speech (eSpeak NG played through aplay), a virtual screen, fonts
# that cover Latin and Arabic, and venv for Debian's own Python.
DEB_PACKAGES=(
  libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0
  espeak-ng libespeak-ng1 alsa-utils
  xvfb xauth
  fonts-noto-core fonts-dejavu-core
)
# The tests also validate the desktop file and the AppStream metainfo.
TEST_DEB_PACKAGES=(desktop-file-utils appstream)
# Building the bundle: PyInstaller reads and strips libraries with binutils.
BUILD_DEB_PACKAGES=(binutils)

log() { printf '\033[1mquickstart:\033[0m %s\n' "$*" >&2; }

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing system packages: ${missing[*]}"
    log "run this script as root once, or: sudo apt-get install ${missing[*]}"
    return 0
  fi
  log "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local extras=$1
  local stamp=.venv/.navigator-setup-${extras//,/-}
  local want
  want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)-$(python3 --version 2>&1)"
  if [ ! -x .venv/bin/python ]; then
    log "creating the virtual environment in .venv"
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
    echo "$want" > "$stamp"
  fi
}

install_test_lrs() {
  # The tests send learning records to a real Learning Record Store: Ralph, in its own
  # environment so that its pinned dependencies never meet ours.
  local stamp=.venv-lrs/.navigator-setup
  local want="ralph-malph[cli,lrs]==4.2.0 requests $(python3 --version 2>&1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing the test Learning Record Store (Ralph) in .venv-lrs"
    python3 -m venv .venv-lrs
    .venv-lrs/bin/python -m pip install --quiet --upgrade pip
    .venv-lrs/bin/python -m pip install --quiet "ralph-malph[cli,lrs]==4.2.0" requests
    echo "$want" > "$stamp"
  fi
}

compile_translations() {
  # Compiled catalogs (.mo) are built here, never committed.
  .venv/bin/python -m navigator.i18n_build --quiet
}

packaging_wanted=false
if [ "$mode" = build ] || { [ "$mode" = test ] && [ "${NAVIGATOR_PACKAGING_TESTS:-}" = 1 ]; }; then
  packaging_wanted=true
fi
debs=("${DEB_PACKAGES[@]}")
extras=test
[ "$mode" = test ] && debs+=("${TEST_DEB_PACKAGES[@]}")
if $packaging_wanted; then
  debs+=("${BUILD_DEB_PACKAGES[@]}")
  extras=test,packaging
fi
install_debian_packages "${debs[@]}"
install_python_packages "$extras"
compile_translations

case "$mode" in
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ] \
       && command -v xvfb-run >/dev/null 2>&1; then
      log "no screen found: starting on a virtual screen (Xvfb)"
      exec xvfb-run -a .venv/bin/navigator "$@"
    fi
    exec .venv/bin/navigator "$@"
    ;;
  test)
    install_test_lrs
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
  build)
    exec .venv/bin/python packaging/build.py "$@"
    ;;
  *)
    echo "usage: bash quickstart.sh [run|test|build] [arguments...]" >&2
    exit 2
    ;;
esac
