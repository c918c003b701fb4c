"""Importing a ``.navpack`` file into the packs folder and the catalogue, and exporting one.

Import is two steps, so the GUI can show what an upgrade changes before anything changes:

1. :func:`prepare_import` opens the file with every safety check
   (:mod:`navigator.content.navpack`) into a hidden folder inside the packs folder and
   compares it with the installed version. Nothing in the catalogue changes.
2. :func:`commit_import` puts the new folder in place and installs it in one transaction;
   if anything fails, the previous folder and catalogue are put back.

:func:`discard` (or a refusal, or a cancel) removes the hidden folder.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from navigator.content.changes import PackChanges, compare_packs
from navigator.content.loader import check_pack, load_pack
from navigator.content.navpack import BuiltPack, build_navpack
from navigator.content.navpack_read import INCOMING_PREFIX, OpenedPack, open_navpack
from navigator.i18n import _, ngettext
from navigator.library import PackLibrary
from navigator.storage.backup import backup_before
from navigator.storage.lane import StorageLane
from navigator.storage.pack_updates import install_pack_version, installed_pack_info

Progress = Callable[[int, int], None]
ASIDE_PREFIX = ".old-"  # the previous version, while the new one is put in place


class ImportRefused(Exception):
    """The file is fine but installing it is refused (a downgrade); ``message`` says why."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.message, self.reason = message, reason


@dataclass
class PreparedImport:
    """A checked pack waiting in the packs folder, and what installing it would change."""

    opened: OpenedPack
    changes: PackChanges
    replaces_builtin: bool = False

    def discard(self) -> None:
        self.opened.discard()


def prepare_import(lane: StorageLane, packs_folder: Path, file: Path, *, language: str,
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> PreparedImport:
    """Open and check ``file``; raises ``NavpackRefused`` (nothing left behind) on any problem."""
    packs_folder.mkdir(parents=True, exist_ok=True)
    opened = open_navpack(file, packs_folder, progress=progress, cancelled=cancelled)
    try:
        info = lane.call(installed_pack_info, pack_id=opened.pack_id)
        old = check_pack(Path(info[1]))[0] if info else None
        changes = compare_packs(old, opened.pack, language)
        if info and old is None:  # the installed folder is gone or broken: compare by version
            changes = dataclasses.replace(changes, old_version=info[0])
    except BaseException:
        opened.discard()
        raise
    return PreparedImport(opened, changes, bool(info and info[2]))


def commit_import(lane: StorageLane, library: PackLibrary, packs_folder: Path,
                  prepared: PreparedImport, *, allow_downgrade: bool = False) -> PackChanges:
    """Install the prepared pack; a downgrade is refused unless ``allow_downgrade``."""
    changes = prepared.changes
    if changes.is_downgrade and not allow_downgrade:
        prepared.discard()
        raise ImportRefused(_(
            "This file holds version {new} of “{title}”, which is older than the installed "
            "version {old}. Nothing was installed. To go back to the older version anyway, "
            "import it again and choose to replace the newer one.").format(
                new=changes.new_version, title=changes.title, old=changes.old_version),
            "downgrade")
    target = packs_folder / changes.pack_id
    if changes.old_version:  # an installed pack is replaced: its learners' records too
        backup_before(lane, "before-pack-upgrade")
    aside = None
    if target.exists():
        aside = packs_folder / f"{ASIDE_PREFIX}{changes.pack_id}-{secrets.token_hex(4)}"
        os.replace(target, aside)
    try:
        os.replace(prepared.opened.folder, target)
        pack = load_pack(target)
        lane.call(install_pack_version, pack=pack, builtin=False, changes=changes)
    except BaseException:
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        if aside is not None:
            os.replace(aside, target)
        prepared.discard()
        raise
    prepared.discard()
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    library.forget(changes.pack_id)
    return changes


def remove_leftovers(packs_folder: Path) -> list[Path]:
    """Remove hidden folders an interrupted import left behind; put back a pack that an
    interrupted upgrade had moved aside. Returns what was removed."""
    removed: list[Path] = []
    if not packs_folder.is_dir():
        return removed
    for entry in sorted(packs_folder.iterdir()):
        if entry.name.startswith(ASIDE_PREFIX) and entry.is_dir():
            pack_id = entry.name[len(ASIDE_PREFIX):].rsplit("-", 1)[0]
            if not (packs_folder / pack_id).exists():
                os.replace(entry, packs_folder / pack_id)
                continue
        if entry.name.startswith((INCOMING_PREFIX, ASIDE_PREFIX)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def export_pack(lane: StorageLane, pack_id: str, out: Path, *,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> BuiltPack:
    """Write the installed pack ``pack_id`` as one ``.navpack`` file."""
    info = lane.call(installed_pack_info, pack_id=pack_id)
    if info is None:
        raise LookupError(_("No pack with the id “{id}” is installed.").format(id=pack_id))
    return build_navpack(Path(info[1]), out, progress=progress, cancelled=cancelled)


def changes_summary(changes: PackChanges, *, replaces_builtin: bool = False) -> list[str]:
    """Plain sentences about an import, for the confirmation dialog and the terminal."""
    if changes.is_new:
        return [ngettext("New pack “{title}” {version}: {count} lesson.",
                         "New pack “{title}” {version}: {count} lessons.",
                         len(changes.added)).format(title=changes.title,
                                                    version=changes.new_version,
                                                    count=len(changes.added))]
    if changes.is_downgrade:
        head = _("“{title}”: version {new} is OLDER than the installed {old}.")
    elif changes.same_version:
        head = _("“{title}”: version {new} is already installed.")
    else:
        head = _("“{title}”: from version {old} to {new}.")
    lines = [head.format(title=changes.title, new=changes.new_version, old=changes.old_version)]
    for items, text in (
            (changes.added, ngettext("{count} lesson added:", "{count} lessons added:",
                                     len(changes.added))),
            (changes.changed, ngettext("{count} lesson changed:", "{count} lessons changed:",
                                       len(changes.changed))),
            (changes.removed, ngettext("{count} lesson removed:", "{count} lessons removed:",
                                       len(changes.removed)))):
        if items:
            lines.append(text.format(count=len(items)) + " "
                         + ", ".join(item.title for item in items))
    if not changes.has_changes:
        lines.append(_("No lesson changes."))
    if changes.removed:
        lines.append(_("Learners keep their records of removed lessons; they no longer "
                       "appear in the list."))
    lines.append(_("Every learner keeps their progress on the lessons that remain."))
    if replaces_builtin:
        lines.append(_("This pack comes with Navigator: your version replaces it until a "
                       "Navigator update brings a newer one."))
    return lines
