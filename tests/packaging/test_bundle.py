"""The installed application, built for real: PyInstaller bundle, archive, install.sh.

Slow (about two minutes: building the bundle and its archive), so it runs only when asked:

    NAVIGATOR_PACKAGING_TESTS=1 bash quickstart.sh test tests/packaging

(``bash quickstart.sh test`` with the variable set runs it with everything else.)
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import wave
from array import array
from pathlib import Path

import pytest

from navigator import __version__
from navigator.library import builtin_pack_folders
from navigator.paths import APP_ID

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("NAVIGATOR_PACKAGING_TESTS") != "1",
                       reason="builds the installed bundle (minutes): set "
                              "NAVIGATOR_PACKAGING_TESTS=1"),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """Build the bundle and its archive once, with packaging/build.py, as a user would."""
    out = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist"),
         "--work", str(out / "work")], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "build time:" in result.stdout and "archive:" in result.stdout
    return out / "dist"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("NAVIGATOR_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"),
               XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def start(executable: Path, env: dict[str, str], *args: str) -> dict[str, str]:
    """Run ``--quit-after-start`` (or ``args``); return the report's lines."""
    result = subprocess.run([str(executable), *(args or ("--quit-after-start",))],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def builtin_pack_ids() -> set[str]:
    return {folder.name for folder in builtin_pack_folders(ROOT / "curriculum")}


def installed_pack_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM packs WHERE builtin = 1")}


def test_bundle_first_start_installs_packs_and_speaks_the_computers_language(dist, tmp_path):
    bundle = dist / "navigator"
    data = tmp_path / "fresh" / "data"
    for locale, heading in (("fr_CA.UTF-8", "Bienvenue dans Navigator"),
                            ("ar_EG.UTF-8", "مرحبًا بك في Navigator")):
        lines = start(bundle / "navigator",
                      clean_env(tmp_path / "home", NAVIGATOR_DATA_DIR=str(data),
                                LC_ALL=locale, LANG=locale))
        assert lines["data folder"] == str(data)
        language = locale[:2]
        assert lines["catalog"] == str(
            bundle / "_internal" / "translations" / language / "LC_MESSAGES" / "navigator.mo")
        assert lines["Qt translations"] == str(
            bundle / "_internal" / "translations" / "qt" / f"qtbase_{language}.qm")
        assert lines["screen"] == f"FirstRunView: {heading}"
        assert lines["window icon"] == "yes"
    assert installed_pack_ids(data / "navigator.db") == builtin_pack_ids()
    assert not (tmp_path / "home" / "share" / "navigator").exists()


def test_bundle_is_lean(dist):
    """Only the Qt modules the app uses; Qt's own catalogs only for our languages."""
    internal = dist / "navigator" / "_internal"
    names = {path.name for path in internal.rglob("*")}
    for unused in ("libQt6Network.so.6", "QtNetwork.abi3.so", "libQt6Qml.so.6",
                   "libQt6Quick.so.6", "libQt6WebEngineCore.so.6", "libQt6Pdf.so.6",
                   "libqgtk3.so", "libgtk-3.so.0", "libcairo.so.2"):
        assert unused not in names, unused
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    qt_catalogs = {path.name for path in (internal / "translations" / "qt").iterdir()}
    assert qt_catalogs == {"qtbase_fr.qm", "qtbase_es.qm", "qtbase_ar.qm"}


def test_bundle_reads_aloud_and_runs_terminal_commands(dist, tmp_path):
    executable = dist / "navigator" / "navigator"
    env = clean_env(tmp_path / "home", NAVIGATOR_DATA_DIR=str(tmp_path / "data"))
    wav = tmp_path / "bonjour.wav"
    start(executable, env, "speak", "--lang", "fr", "--out", str(wav),
          "Bonjour, bienvenue dans Navigator")
    with wave.open(str(wav)) as sound:
        assert sound.getnframes() / sound.getframerate() > 1.0
        samples = array("h", sound.readframes(sound.getnframes()))
    assert max(abs(s) for s in samples) > 1000  # a voice, not silence
    result = subprocess.run([str(executable), "pack", "validate", "--quiet",
                             str(ROOT / "curriculum" / "client-lessons")],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_archive_installs_starts_and_uninstalls_keeping_the_data(dist, tmp_path):
    archive = dist / f"navigator-{__version__}-linux-{os.uname().machine.lower()}.tar.xz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / f"navigator-{__version__}"
    prefix, home = tmp_path / "prefix", tmp_path / "home"
    env = clean_env(home, PREFIX=str(prefix), TARGET=str(prefix / "opt" / "navigator"))
    result = subprocess.run(["sh", str(unpacked / "install.sh")], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    target = prefix / "opt" / "navigator"
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={target / 'navigator'}\n" in desktop.read_text(encoding="utf-8")
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps"
            / f"{APP_ID}.png").is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout

    # The first run of the installed program, from the menu's command, on no data at all.
    lines = start(prefix / "bin" / "navigator", env)
    data = home / "share" / "navigator"
    assert lines["data folder"] == str(data)
    assert installed_pack_ids(data / "navigator.db") == builtin_pack_ids()

    result = subprocess.run(["sh", str(target / "install.sh"), "--uninstall"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data was kept" in result.stdout
    assert not target.exists() and not desktop.exists()
    assert not (prefix / "bin" / "navigator").exists()
    assert (data / "navigator.db").is_file()


def test_portable_copy_keeps_its_data_beside_the_program(dist, tmp_path):
    stick = tmp_path / "usb" / "navigator"
    shutil.copytree(dist / "navigator", stick, symlinks=True)
    (stick / "navigator-portable.txt").write_text("Keep the data here.\n", encoding="utf-8")
    home = tmp_path / "home"
    lines = start(stick / "navigator", clean_env(home))
    assert lines["data folder"] == str(stick / "data")
    assert installed_pack_ids(stick / "data" / "navigator.db") == builtin_pack_ids()
    assert not (home / "share" / "navigator").exists()
