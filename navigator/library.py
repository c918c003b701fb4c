"""Packs on disk and in the catalogue: installing the built-in curriculum, loading packs.

The operations here are what both the GUI and the CLI call.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from navigator.content.changes import version_key
from navigator.content.loader import check_pack
from navigator.content.manifest import MANIFEST_NAME, peek_identity
from navigator.content.problems import PackError, Problem
from navigator.core.model import Pack
from navigator.storage.backup import backup_before
from navigator.storage.lane import StorageLane
from navigator.storage.repository import (
    CATALOGUE_FORMAT,
    get_state,
    install_pack,
    installed_versions,
    pack_path,
    set_state,
)


@dataclass(frozen=True)
class PackFailure:
    """A pack that was refused, and why."""

    folder: Path
    problems: tuple[Problem, ...]


def builtin_pack_folders(curriculum: Path) -> list[Path]:
    """Every direct subfolder of ``curriculum/`` that holds a manifest."""
    if not curriculum.is_dir():
        return []
    return sorted(p for p in curriculum.iterdir() if (p / MANIFEST_NAME).is_file())


def install_builtin_packs(lane: StorageLane, curriculum: Path) -> list[PackFailure]:
    """Install built-in packs that are new or whose version (or place) changed, and all
    installed packs once when this Navigator writes the catalogue differently
    (``CATALOGUE_FORMAT``).

    A pack an agency imported with the same id as a built-in one stays as long as its
    version is the same or newer: a built-in pack replaces it only when this Navigator
    brings a newer version. Unchanged packs cost one small file read each. A pack that fails
    validation is not installed (an older installed version stays) and its problems are
    returned.
    """
    current = lane.call(get_state, key="catalogue_format") == CATALOGUE_FORMAT
    installed = lane.call(installed_versions)
    failures: list[PackFailure] = []
    backed_up = False
    for folder in builtin_pack_folders(curriculum):
        identity = peek_identity(folder)
        known = installed.get(identity[0]) if identity else None
        if identity and known and current and known[:2] == (identity[1], str(folder)):
            continue
        if (identity and known and not known[2]
                and version_key(known[0]) >= version_key(identity[1])):
            continue  # an imported version of this pack, as new or newer: it stays
        if identity and known and known[0] != identity[1] and not backed_up:
            backup_before(lane, "before-pack-upgrade")  # once, before the first upgrade
            backed_up = True
        failure = _install(lane, folder, builtin=True)
        if failure:
            failures.append(failure)
    if not current:
        for _version, path, builtin in installed.values():
            if not builtin and Path(path).is_dir():
                failure = _install(lane, Path(path), builtin=False)
                if failure:
                    failures.append(failure)
        lane.call(set_state, key="catalogue_format", value=CATALOGUE_FORMAT)
    return failures


def _install(lane: StorageLane, folder: Path, *, builtin: bool) -> PackFailure | None:
    pack, found = check_pack(folder)
    if pack is None:
        return PackFailure(folder, tuple(p for p in found if not p.warning))
    lane.call(install_pack, pack=pack, builtin=builtin)
    return None


class PackLibrary:
    """Loads installed packs from disk on first use and keeps them.

    Used from the UI thread and from workers, so the cache is guarded by a lock.
    """

    def __init__(self, lane: StorageLane):
        self._lane = lane
        self._packs: dict[str, Pack] = {}
        self._lock = threading.Lock()

    def get(self, pack_id: str) -> Pack:
        """The pack; raises :class:`PackError` if its files no longer validate."""
        with self._lock:
            if pack_id in self._packs:
                return self._packs[pack_id]
        path = self._lane.call(pack_path, pack_id=pack_id)
        if path is None:
            raise KeyError(pack_id)
        pack, problems = check_pack(Path(path))
        if pack is None:
            raise PackError([p for p in problems if not p.warning])
        with self._lock:
            return self._packs.setdefault(pack_id, pack)

    def forget(self, pack_id: str) -> None:
        """Read ``pack_id`` from disk again on next use (after an import or upgrade)."""
        with self._lock:
            self._packs.pop(pack_id, None)
