"""One ``.navpack`` file for a pack: what it holds, the limits on it, and how it is built.

A ``.navpack`` is a zip: ``navpack.json`` at the root (format number, pack id and version,
and the SHA-256 and size of every file) and the pack folder under ``PACK_ID/``. It is built
deterministically (sorted entries, fixed dates) so the same folder always gives the same
bytes and two agencies can compare files by checksum. Opening one, which never trusts the
file, is ``navpack_read.open_navpack``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.content.loader import check_pack
from navigator.content.manifest import ID_PATTERN, VERSION_PATTERN
from navigator.content.media import PICTURE_TYPES
from navigator.content.problems import PackError, Problem
from navigator.files import written_beside
from navigator.i18n import _

NAVPACK_FORMAT = 1
NAVPACK_SUFFIX = ".navpack"
MANIFEST = "navpack.json"
TEXT_TYPES = frozenset({".md", ".yaml", ".yml", ".txt"})
ALLOWED_TYPES = TEXT_TYPES | frozenset(PICTURE_TYPES)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 64 * 1024
MIB = 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Limits:
    """What an imported pack may hold; anything above is refused before it is written."""

    max_files: int = 2000
    max_file_bytes: int = 20 * MIB
    max_text_bytes: int = 1 * MIB  # .md .yaml .yml .txt and navpack.json
    max_total_bytes: int = 100 * MIB
    max_ratio: int = 100  # uncompressed bytes per compressed byte, counted while reading

    def max_bytes(self, name: str) -> int:
        """The size limit for a file of this name (text files are smaller)."""
        suffix = os.path.splitext(name)[1].lower()
        return self.max_text_bytes if suffix in TEXT_TYPES | {".json"} else self.max_file_bytes


class NavpackRefused(Exception):
    """A ``.navpack`` file is refused. ``reason`` is a stable code for tests and logs,
    ``message`` the translated sentence for the person importing, ``problems`` the pack's
    problems when the pack itself is invalid."""

    def __init__(self, reason: str, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.problems = problems or []


def refused(reason: str, detail: str, problems: list[Problem] | None = None) -> NavpackRefused:
    """A refusal whose message frames ``detail`` (a translated sentence naming the entry)."""
    return NavpackRefused(reason, _("This pack file is refused: {detail} Nothing was "
                                    "installed.").format(detail=detail), problems)


class NavpackCancelled(CancelledError):
    """Building or opening was cancelled; nothing was left behind."""


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class BuiltPack:
    """A ``.navpack`` that was written: ``files`` pack files, ``bytes`` the file's size."""

    pack_id: str
    version: str
    path: Path
    files: int
    bytes: int
    checksums: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class NavpackManifest:
    """What ``navpack.json`` says: the pack's id and version and each file's checksum."""

    pack_id: str
    version: str
    files: dict[str, tuple[str, int]]  # path in the pack -> (sha256, size)


def read_manifest_json(data: bytes) -> NavpackManifest:
    """Parse ``navpack.json``; anything unexpected refuses the file as not a navpack."""
    bad = refused("not-a-navpack", _("its navpack.json is not valid: the pack file was "
                                     "damaged or not made by Navigator."))
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # [[[[... nested too deep
        raise bad from None
    if not isinstance(doc, dict):
        raise bad
    found = doc.get("navpack")
    if isinstance(found, int) and not isinstance(found, bool) and found > NAVPACK_FORMAT:
        raise refused("not-a-navpack", _(
            "it was made by a newer Navigator (pack file format {found}): update Navigator "
            "to open it.").format(found=found))
    pack_id, version, files = doc.get("id"), doc.get("version"), doc.get("files")
    if found != NAVPACK_FORMAT or isinstance(found, bool) or not isinstance(pack_id, str) \
            or not ID_PATTERN.match(pack_id) or not isinstance(version, str) \
            or not VERSION_PATTERN.match(version) or not isinstance(files, dict) or not files:
        raise bad
    listed: dict[str, tuple[str, int]] = {}
    for path, entry in files.items():
        sha, size = (entry.get("sha256"), entry.get("size")) if isinstance(entry, dict) \
            else (None, None)
        if not isinstance(sha, str) or not SHA256.match(sha) or not isinstance(size, int) \
                or isinstance(size, bool) or size < 0:
            raise bad
        listed[path] = (sha, size)
    return NavpackManifest(pack_id, version, listed)


# Refusals the reader raises in several places; each message names the offending entry.

def shown_name(name: str) -> str:
    """The name with invisible characters written as codes, so a message can show it."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)


def too_many(count: int, limits: Limits) -> NavpackRefused:
    return refused("too-many-files", _(
        "it holds {count} entries; a pack may hold at most {limit} files.").format(
            count=count, limit=limits.max_files))


def damaged(name: str) -> NavpackRefused:
    return refused("damaged", _("'{name}' is damaged (its data does not check out). Ask for "
                                "a new copy of the pack file.").format(name=shown_name(name)))


def too_compressed(name: str, limits: Limits) -> NavpackRefused:
    return refused("ratio", _(
        "'{name}' grows more than {ratio} times when unpacked, the trick of 'zip bombs' "
        "that fill a disk.").format(name=name, ratio=limits.max_ratio))


def too_large(name: str, limit: int) -> NavpackRefused:
    return refused("file-too-large", _(
        "'{name}' is larger than {limit} MB, the most a file of its kind may be in a pack."
    ).format(name=name, limit=megabytes(limit)))


def total_too_large(name: str, limits: Limits) -> NavpackRefused:
    return refused("total-too-large", _(
        "its files add up to more than {limit} MB (reached at '{name}').").format(
            name=name, limit=megabytes(limits.max_total_bytes)))


def identity_differs(manifest: NavpackManifest, found: tuple[str, str]) -> NavpackRefused:
    return refused("identity", _(
        "navpack.json says it holds '{id}' version {version}, but its pack.yaml says "
        "'{found_id}' version {found_version}.").format(
            id=manifest.pack_id, version=manifest.version, found_id=found[0],
            found_version=found[1]))


def build_navpack(folder: Path, out: Path, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] = lambda: False,
                  limits: Limits = DEFAULT_LIMITS) -> BuiltPack:
    """Write the pack at ``folder`` to the single file ``out`` (replaced only on success).

    Refuses, with :class:`PackError`, a pack with errors, links, files of a type the format
    does not use, and a pack above ``limits`` (no Navigator could import it). ``progress``
    gets (bytes done, bytes in all); ``cancelled()`` turning true stops it and leaves no
    file (``CancelledError``).
    """
    folder = Path(folder)
    pack, problems = check_pack(folder)
    if pack is None:
        raise PackError([p for p in problems if not p.warning])
    files = pack_files(folder, limits)
    total = sum(size for _rel, _path, size in files)
    checksums = {rel: _sha256(path, cancelled) for rel, path, _size in files}
    manifest = {
        "navpack": NAVPACK_FORMAT, "id": pack.id, "version": pack.version,
        "files": {rel: {"sha256": checksums[rel], "size": size} for rel, _path, size in files},
    }
    done = 0
    if progress:
        progress(0, total)
    with written_beside(out, cancelled=cancelled, empty_message=_(
            "The pack file could not be written: the disk may be full. Free some space and "
            "try again.")) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        data = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        zf.writestr(_entry(MANIFEST, len(data.encode("utf-8"))), data.encode("utf-8"))
        for rel, path, size in files:
            digest = hashlib.sha256()
            with path.open("rb") as source, zf.open(_entry(f"{pack.id}/{rel}", size),
                                                   "w") as target:
                while chunk := source.read(CHUNK):
                    if cancelled():
                        raise NavpackCancelled
                    digest.update(chunk)
                    target.write(chunk)
            if digest.hexdigest() != checksums[rel]:
                raise OSError(_("'{name}' changed while the pack file was being written: "
                                "try again").format(name=rel))
            done += size
            if progress:
                progress(done, total)
    return BuiltPack(pack.id, pack.version, Path(out), len(files), Path(out).stat().st_size,
                     checksums)


def pack_files(folder: Path, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, Path, int]]:
    """The files a ``.navpack`` of ``folder`` holds, sorted: (POSIX path, path, size).

    Hidden names (``.git``, ``.DS_Store``) and ``*.part`` leftovers are skipped; links,
    special files and types the format does not use raise :class:`PackError`.
    """
    found: list[tuple[str, Path, int]] = []
    problems: list[Problem] = []
    for directory, dirs, names in os.walk(folder, followlinks=False):
        here = Path(directory)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                problems.append(Problem(here / name, 0, _(
                    "is a link to a folder: put the files themselves in the pack")))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or name.endswith(".part"):
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                problems.append(Problem(path, 0, _(
                    "is a link: put the file itself in the pack")))
            elif not stat.S_ISREG(info.st_mode):
                problems.append(Problem(path, 0, _("is not an ordinary file: remove it")))
            elif path.suffix.lower() not in ALLOWED_TYPES:
                problems.append(Problem(path, 0, _(
                    "is a kind of file packs do not use: keep only lessons (.md), pack.yaml, "
                    "text files (.txt) and pictures (PNG, JPEG, GIF, WebP, SVG)")))
            elif info.st_size > limits.max_bytes(name):
                problems.append(Problem(path, 0, _(
                    "is too large for a pack ({size} MB, at most {limit} MB): make it "
                    "smaller").format(size=megabytes(info.st_size),
                                      limit=megabytes(limits.max_bytes(name)))))
            else:
                rel = path.relative_to(folder).as_posix()
                found.append((rel, path, info.st_size))
    found.sort(key=lambda item: item[0])
    if len(found) > limits.max_files:
        problems.append(Problem(folder, 0, _(
            "has {count} files; a pack holds at most {limit}").format(
                count=len(found), limit=limits.max_files)))
    if sum(size for _r, _p, size in found) > limits.max_total_bytes:
        problems.append(Problem(folder, 0, _(
            "is too large: its files add up to more than {limit} MB").format(
                limit=megabytes(limits.max_total_bytes))))
    if problems:
        raise PackError(problems)
    return found


def _entry(name: str, size: int) -> zipfile.ZipInfo:
    """A zip entry with everything fixed but its name, so the bytes never vary."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.file_size = size
    return info


def _sha256(path: Path, cancelled: Callable[[], bool]) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            if cancelled():
                raise NavpackCancelled
            digest.update(chunk)
    return digest.hexdigest()


def megabytes(size: int) -> str:
    """A size in MB for messages: 20, 1.5."""
    return f"{size / MIB:.1f}".removesuffix(".0")
