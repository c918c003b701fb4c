"""Portable mode: an installed copy that keeps its data beside the executable.

A USB stick or a shared folder can carry Navigator with its learners' records. When a file
named ``navigator-portable.txt`` sits beside the executable, the data folder is ``data/``
and the settings folder (the Learning Record Store's key) is ``settings/``, both beside
the executable, instead of the user's own folders. The bundle's runtime hook
(``packaging/pyi_rth_navigator.py``) calls :func:`apply_portable_mode` before anything
else runs; explicit ``NAVIGATOR_DATA_DIR`` / ``NAVIGATOR_CONFIG_DIR`` still win.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

MARKER = "navigator-portable.txt"
DATA_FOLDER = "data"
SETTINGS_FOLDER = "settings"


def executable_dir() -> Path:
    """The folder of the running executable (the bundle's folder when frozen).

    In a macOS ``.app`` that is ``Navigator.app/Contents/MacOS``; the marker may also sit
    beside the ``.app`` itself, see :func:`marker_folder`.
    """
    return Path(sys.executable).resolve().parent


def marker_folder(exe_dir: Path) -> Path | None:
    """The folder holding the portable marker, or None when this copy is not portable."""
    candidates = [exe_dir]
    if exe_dir.name == "MacOS" and exe_dir.parent.name == "Contents":
        candidates.append(exe_dir.parent.parent.parent)  # beside Navigator.app
    return next((folder for folder in candidates if (folder / MARKER).is_file()), None)


def apply_portable_mode(exe_dir: Path | None = None,
                        environ: MutableMapping[str, str] | None = None) -> Path | None:
    """Point the data and settings folders beside the executable when the marker is there.

    Returns the data folder chosen, or None when this copy is not portable (or when the
    folders were already chosen in the environment).
    """
    env = os.environ if environ is None else environ
    folder = marker_folder(exe_dir or executable_dir())
    if folder is None:
        return None
    data = folder / DATA_FOLDER
    chosen = None
    if not env.get("NAVIGATOR_DATA_DIR"):
        env["NAVIGATOR_DATA_DIR"] = str(data)
        chosen = data
    if not env.get("NAVIGATOR_CONFIG_DIR"):
        env["NAVIGATOR_CONFIG_DIR"] = str(folder / SETTINGS_FOLDER)
    return chosen
