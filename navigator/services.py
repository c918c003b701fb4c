"""The services the app and the CLI share, built once by the composition root."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from navigator import paths
from navigator.library import PackFailure, PackLibrary, install_builtin_packs
from navigator.storage.lane import StorageLane
from navigator.storage.migrations import migrate


@dataclass
class Services:
    data_dir: Path
    lane: StorageLane
    library: PackLibrary
    pack_failures: list[PackFailure] = field(default_factory=list)
    migration_backup: Path | None = None
    # Slow work that is not a database write (reading a pack from disk) runs here, off the
    # UI thread; writes go through the storage lane.
    workers: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator"))

    @classmethod
    def start(cls, data_dir: Path | None = None, *, curriculum: Path | None = None) -> Services:
        """Open (and migrate) the database, then install new or changed built-in packs.

        Raises :class:`~navigator.storage.database.DatabaseUnavailable` when the database
        cannot be used; nothing is overwritten in that case.
        """
        folder = data_dir or paths.data_dir()
        lane = StorageLane(paths.database_path(folder), check=True)
        try:
            backup = lane.submit_unwrapped(
                migrate, backup_folder=paths.backups_dir(folder)).result()
            packs = paths.packs_dir(folder)
            if packs.is_dir() and any(p.name.startswith(".") for p in packs.iterdir()):
                from navigator.pack_import import remove_leftovers  # only then: start stays light

                remove_leftovers(packs)  # an import cut short by a crash
            failures = install_builtin_packs(lane, curriculum or paths.curriculum_dir())
        except BaseException:
            lane.close()
            raise
        return cls(folder, lane, PackLibrary(lane), failures, backup)

    def close(self) -> None:
        self.workers.shutdown(wait=True)
        self.lane.close()
