"""Where things live: the user's data folder and the app's own resources.

Nothing here touches the disk at import time; every function computes its answer when called.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Navigator"
# Reverse-DNS id: the desktop file, AppStream metainfo, icons and the macOS bundle share it.
APP_ID = "org.digitalnavigator.Navigator"
DATABASE_NAME = "navigator.db"


def data_dir() -> Path:
    """The folder for the database and backups.

    ``NAVIGATOR_DATA_DIR`` overrides it (tests, portable installs); otherwise the platform's
    user-data folder: ``%LOCALAPPDATA%\\Navigator`` on Windows, ``~/Library/Application
    Support/Navigator`` on macOS, ``$XDG_DATA_HOME/navigator`` (``~/.local/share``) elsewhere.
    """
    override = os.environ.get("NAVIGATOR_DATA_DIR")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        return Path(base) / APP_NAME if base else home / "AppData" / "Local" / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / APP_NAME.lower()


def config_dir() -> Path:
    """The folder for settings that must not travel with the learner data (the Learning
    Record Store's key and secret).

    ``NAVIGATOR_CONFIG_DIR`` overrides it; otherwise ``%APPDATA%\\Navigator`` on Windows,
    ``~/Library/Preferences/Navigator`` on macOS, ``$XDG_CONFIG_HOME/navigator``
    (``~/.config``) elsewhere.
    """
    override = os.environ.get("NAVIGATOR_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA")
        return Path(base) / APP_NAME if base else home / "AppData" / "Roaming" / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Preferences" / APP_NAME
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else home / ".config") / APP_NAME.lower()


def database_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / DATABASE_NAME


def backups_dir(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "backups"


def packs_dir(folder: Path | None = None) -> Path:
    """Where imported packs live, one folder per pack id."""
    return (folder or data_dir()) / "packs"


def authoring_dir(folder: Path | None = None) -> Path:
    """Where the pack editor keeps the packs a trainer writes (their working copies)."""
    return (folder or data_dir()) / "authoring"


def resource_root() -> Path:
    """The folder holding ``curriculum/``, ``assets/`` and ``translations/``.

    In a PyInstaller bundle that is the bundle's folder; from a checkout, the checkout.
    """
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled)
    return Path(__file__).resolve().parent.parent


def curriculum_dir() -> Path:
    return resource_root() / "curriculum"


def intake_guide_path() -> Path:
    """The built-in intake guide: the skills checklist and its recommendation rules."""
    return curriculum_dir() / "intake" / "intake.yaml"


def translations_dir() -> Path:
    return resource_root() / "translations"


def assets_dir() -> Path:
    return resource_root() / "assets"


def app_icon_path() -> Path:
    """The application icon (SVG): window, task bar and About box."""
    return assets_dir() / "icons" / "navigator.svg"
