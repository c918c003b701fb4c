"""The installers' files: desktop entry, AppStream metainfo, icons, portable mode, the
Windows installer script and version file. Fast; the bundle itself is built by
test_bundle.py (slow, opt-in)."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from navigator import __version__
from navigator.paths import APP_ID
from navigator.portable import MARKER, apply_portable_mode

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
LANGUAGES = ("fr", "es", "ar")
sys.path.insert(0, str(PACKAGING))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name[fr]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_navigator_with_its_icon_in_every_language():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "navigator"
    assert entry["Icon"] == APP_ID  # the name install.sh gives the icons
    assert entry["Terminal"] == "false"
    assert "Education" in entry["Categories"].split(";")
    assert entry["StartupWMClass"] == "Navigator"  # Qt's WM_CLASS class is the app name
    for key in ("GenericName", "Comment", "Keywords"):
        for language in LANGUAGES:
            assert entry.get(f"{key}[{language}]"), f"{key}[{language}] missing"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (bash quickstart.sh test "
                           "installs desktop-file-utils)")
def test_desktop_file_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (bash quickstart.sh test installs "
                           "appstream)")
def test_metainfo_validates():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout, result.stdout


def test_metainfo_matches_the_app_and_this_version():
    """A release forgotten in the metainfo would show the wrong version in software
    centres: the newest release there must be this version."""
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "navigator"
    assert root.find("releases/release").get("version") == __version__
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    summaries = {s.get(lang) for s in root.findall("summary")}
    assert summaries == {None, *LANGUAGES}
    assert {p.get(lang) for p in root.findall("description/p")} == {None, *LANGUAGES}


@pytest.fixture(scope="module")
def icons(tmp_path_factory):
    from make_icons import make_icons

    out = tmp_path_factory.mktemp("icons")
    make_icons(out)
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_linux_icons_have_their_sizes(icons):
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        path = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(path.read_bytes()) == (size, size)
    scalable = icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_icon_is_drawn_not_blank(icons):
    """The rendered icon has the tile's colour in the middle area, not a transparent square."""
    from PySide6.QtGui import QImage

    image = QImage(str(icons / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"))
    corner, edge = image.pixelColor(0, 0), image.pixelColor(24, 4)
    assert corner.alpha() == 0  # rounded corner
    assert edge.alpha() == 255 and edge.blue() > edge.red()  # the teal tile


def test_windows_ico_holds_a_png_per_size(icons):
    data = (icons / "navigator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count == 8
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        side = png_size(data[offset:offset + length])[0]
        assert side == (width or 256) and bits == 32
        sizes.append(side)
    assert 16 in sizes and 256 in sizes


def test_macos_icns_holds_its_png_types(icons):
    data = (icons / "navigator.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, position = {}, 8
    while position < len(data):
        kind, length = data[position:position + 4], struct.unpack(
            ">I", data[position + 4:position + 8])[0]
        found[kind] = png_size(data[position + 8:position + length])[0]
        position += length
    assert found[b"ic10"] == 1024 and found[b"ic07"] == 128 and found[b"icp4"] == 16


def test_portable_marker_keeps_data_and_settings_beside_the_executable(tmp_path):
    env: dict[str, str] = {}
    assert apply_portable_mode(tmp_path, env) is None and env == {}
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    assert apply_portable_mode(tmp_path, env) == tmp_path / "data"
    assert env == {"NAVIGATOR_DATA_DIR": str(tmp_path / "data"),
                   "NAVIGATOR_CONFIG_DIR": str(tmp_path / "settings")}


def test_portable_marker_does_not_override_folders_chosen_by_hand(tmp_path):
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    env = {"NAVIGATOR_DATA_DIR": "/chosen"}
    assert apply_portable_mode(tmp_path, env) is None
    assert env["NAVIGATOR_DATA_DIR"] == "/chosen"
    assert env["NAVIGATOR_CONFIG_DIR"] == str(tmp_path / "settings")


def test_portable_marker_beside_a_macos_app(tmp_path):
    exe_dir = tmp_path / "Navigator.app" / "Contents" / "MacOS"
    exe_dir.mkdir(parents=True)
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    env: dict[str, str] = {}
    assert apply_portable_mode(exe_dir, env) == tmp_path / "data"


def test_windows_version_file_carries_this_version(tmp_path):
    from build import version_info

    out = tmp_path / "version_info.txt"
    version_info(out)
    text = out.read_text(encoding="utf-8")
    numbers = tuple(int(n) for n in __version__.split("."))
    assert f"filevers={(*numbers, 0)}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text


def test_windows_uninstaller_asks_before_deleting_data_in_each_language():
    """The uninstaller keeps learners' data unless asked; No is the default button and a
    silent uninstall never deletes; every installer language has every message."""
    script = (PACKAGING / "windows" / "navigator.iss").read_text(encoding="utf-8")
    languages = [line.split('"')[1] for line in script.splitlines()
                 if line.startswith("Name: ") and "MessagesFile" in line]
    assert languages == ["en", "fr", "es"]
    for message in ("DesktopIcon", "LaunchNow", "DeleteData"):
        for language in languages:
            assert f"\n{language}.{message}=" in script, f"{language}.{message}"
    assert "MB_DEFBUTTON2" in script and "if UninstallSilent" in script
    assert "{localappdata}\\Navigator" in script  # navigator/paths.py's data folder
