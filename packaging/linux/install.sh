#!/bin/sh
# Install Navigator from this folder (the unpacked navigator-VERSION-linux-ARCH.tar.xz).
#
#   ./install.sh                 for you only: ~/.local/opt/navigator, menu entry, icons
#   sudo ./install.sh            for everyone: /opt/navigator, /usr/local/bin/navigator
#   ./install.sh --uninstall     remove the program; learners' data stays
#                                (~/.local/share/navigator) unless you delete it yourself
#   PREFIX=/some/where ./install.sh    install under another prefix
#
# Speech uses eSpeak NG from the system: sudo apt install espeak-ng (Debian, Ubuntu).
set -eu

APP_ID=org.digitalnavigator.Navigator
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -eq 0 ]; then
  prefix=${PREFIX:-/usr/local}
  target=${TARGET:-/opt/navigator}
else
  prefix=${PREFIX:-$HOME/.local}
  target=${TARGET:-$prefix/opt/navigator}
fi
share=$prefix/share
bin=$prefix/bin

uninstall() {
  rm -f "$bin/navigator" "$share/applications/$APP_ID.desktop" "$share/metainfo/$APP_ID.metainfo.xml"
  find "$share/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
  rm -rf "$target"
  refresh
  echo "Navigator is removed. Learners' data was kept."
}

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi
if [ ! -x "$here/navigator" ]; then
  echo "install.sh: run it from the unpacked Navigator folder (no navigator program beside it)" >&2
  exit 1
fi

# Copy the program first into a new folder, then swap it in: a failed copy keeps the old one.
mkdir -p "$(dirname "$target")" "$bin" "$share/applications" "$share/metainfo"
if [ "$here" != "$target" ]; then
  rm -rf "$target.new"
  cp -R "$here" "$target.new"
  rm -rf "$target.old"
  [ -e "$target" ] && mv "$target" "$target.old"
  mv "$target.new" "$target"
  rm -rf "$target.old"
fi
ln -sf "$target/navigator" "$bin/navigator"
sed "s|^Exec=navigator|Exec=$target/navigator|" "$target/share/applications/$APP_ID.desktop" \
  > "$share/applications/$APP_ID.desktop"
cp "$target/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
(cd "$target/share/icons" && find hicolor -name "$APP_ID.*" | while read -r icon; do
  mkdir -p "$share/icons/$(dirname "$icon")"
  cp "$icon" "$share/icons/$icon"
done)
refresh

echo "Navigator is installed in $target."
echo "Open it from the applications menu, or run: $bin/navigator"
command -v espeak-ng >/dev/null 2>&1 || ldconfig -p 2>/dev/null | grep -q libespeak-ng || \
  echo "To hear lessons read aloud, install eSpeak NG: sudo apt install espeak-ng"
