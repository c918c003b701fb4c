"""Packs on disk and in the catalogue: installing the built-in curriculum, loading packs.

The operations here are what both the GUI and the CLI call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from navigator.content.loader import check_pack
from navigator.content.manifest import MANIFEST_NAME, peek_identity
from navigator.content.problems import PackError, Problem
from navigator.core.model import Pack
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
    """Install built-in packs that are new or whose version (or place) changed, and all of
    them once when this Navigator writes the catalogue differently (``CATALOGUE_FORMAT``).

    Unchanged packs cost one small file read each. A pack that fails validation is not
    installed (an older installed version stays) and its problems are returned.
    """
    current = lane.call(get_state, key="catalogue_format") == CATALOGUE_FORMAT
    installed = lane.call(installed_versions) if current else {}
    failures: list[PackFailure] = []
    for folder in builtin_pack_folders(curriculum):
        identity = peek_identity(folder)
        if identity and installed.get(identity[0]) == (identity[1], str(folder)):
            continue
        pack, found = check_pack(folder)
        if pack is None:
            failures.append(PackFailure(folder, tuple(p for p in found if not p.warning)))
            continue
        lane.call(install_pack, pack=pack, builtin=True)
    if not current:
        lane.call(set_state, key="catalogue_format", value=CATALOGUE_FORMAT)
    return failures


class PackLibrary:
    """Loads installed packs from disk on first use and keeps them."""

    def __init__(self, lane: StorageLane):
        self._lane = lane
        self._packs: dict[str, Pack] = {}

    def get(self, pack_id: str) -> Pack:
        """The pack; raises :class:`PackError` if its files no longer validate."""
        if pack_id not in self._packs:
            path = self._lane.call(pack_path, pack_id=pack_id)
            if path is None:
                raise KeyError(pack_id)
            pack, problems = check_pack(Path(path))
            if pack is None:
                raise PackError([p for p in problems if not p.warning])
            self._packs[pack_id] = pack
        return self._packs[pack_id]
