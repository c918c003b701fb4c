"""Opening a ``.navpack`` that may have been made to harm: every check before anything counts.

Order: (1) the zip's end record and central directory only: how many entries, their names,
kinds, declared sizes and ratios, and ``navpack.json`` (read in memory, capped); nothing is
written. (2) Each file is streamed into a hidden folder inside the packs folder, in chunks,
decompressed here with hard caps on the bytes really produced (declared sizes lie), its CRC,
SHA-256 and UTF-8 checked on the way. (3) ``check_pack`` on the result, and its identity
against ``navpack.json``. Any refusal or cancel removes the hidden folder first, so the packs
folder is exactly as before. Installing (moving the folder, the database) is the caller's.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import shutil
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from navigator.content.loader import check_pack
from navigator.content.manifest import peek_identity
from navigator.content.navpack import (
    ALLOWED_TYPES,
    CHUNK,
    DEFAULT_LIMITS,
    MANIFEST,
    TEXT_TYPES,
    Limits,
    NavpackCancelled,
    NavpackManifest,
    NavpackRefused,
    Progress,
    damaged,
    identity_differs,
    read_manifest_json,
    refused,
    shown_name,
    too_compressed,
    too_large,
    too_many,
    total_too_large,
)
from navigator.core.model import Pack
from navigator.i18n import _, ngettext

END_RECORD = struct.Struct("<4s4H2LH")
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
INCOMING_PREFIX = ".incoming-"  # the hidden folder a pack is checked in, inside the packs folder
BYTES_PER_ENTRY = 1024  # a central directory larger than this per allowed file is refused
UNSAFE_CHARS = re.compile(r"[<>:\"|?*]")  # and anything not printable (controls, RTL marks)
DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)
MAX_PART_BYTES = 255  # the longest file or folder name most file systems take


@dataclass
class OpenedPack:
    """A verified, valid pack extracted into a hidden folder inside the packs folder.

    ``folder`` is ``into/.incoming-XXXX/PACK_ID``: move it into place, then ``discard()``.
    """

    folder: Path
    pack: Pack
    pack_id: str
    version: str
    temp: Path

    def discard(self) -> None:
        """Remove the hidden folder and whatever is still in it (safe to call twice)."""
        shutil.rmtree(self.temp, ignore_errors=True)


def open_navpack(file: Path, into: Path, *, limits: Limits = DEFAULT_LIMITS,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> OpenedPack:
    """Check, extract and validate the ``.navpack`` at ``file`` inside the packs folder
    ``into``. Raises :class:`NavpackRefused` (a reason code and a message naming the
    offending entry) or :class:`NavpackCancelled`; then ``into`` is as it was.
    ``progress`` gets (bytes extracted, bytes in all) and ends at the total."""
    file, into = Path(file), Path(into)
    try:
        handle = file.open("rb")
    except OSError as exc:
        raise refused("not-a-navpack", _("'{name}' cannot be read ({problem}).").format(
            name=file.name, problem=exc.strerror or exc)) from None
    with handle:
        manifest_info, infos = _read_directory(handle, file.name, limits)
        _check_cancelled(cancelled)
        manifest = read_manifest_json(b"".join(_stream(handle, manifest_info, limits, cancelled)))
        infos = _check_layout(infos, manifest, limits)
        into.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=into))
        try:
            folder = temp / manifest.pack_id
            total = _extract(handle, infos, folder, manifest, limits, progress, cancelled)
            pack = _validate(folder, manifest)
            _check_cancelled(cancelled)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    if progress:
        progress(total, total)
    return OpenedPack(folder, pack, manifest.pack_id, manifest.version, temp)


def _read_directory(handle: BinaryIO, file_name: str, limits: Limits
                    ) -> tuple[zipfile.ZipInfo, list[zipfile.ZipInfo]]:
    """Stage 1: the end record's count first (50,000 entries are refused before they are
    parsed), then every entry's name and kind. Returns navpack.json's entry and the files."""
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(max(0, size - END_RECORD.size - 0xFFFF))
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < END_RECORD.size:
        raise refused("not-a-navpack", _("'{name}' is not a Navigator pack file (.navpack)."
                                         ).format(name=file_name))
    count, directory_size = END_RECORD.unpack_from(tail, at)[4:6]
    allowed = limits.max_files + 1  # navpack.json
    if count > allowed or directory_size > allowed * BYTES_PER_ENTRY:
        raise too_many(count, limits)
    try:
        infos = zipfile.ZipFile(handle).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise damaged(file_name) from None
    if len(infos) > allowed:
        raise too_many(len(infos), limits)
    seen: set[str] = set()
    manifest: zipfile.ZipInfo | None = None
    files = []
    for info in infos:
        name = info.orig_filename
        _check_name(name)
        if info.flag_bits & 0x1:
            raise refused("encrypted", _(
                "'{name}' is protected with a password; Navigator only opens pack files "
                "without one.").format(name=shown_name(name)))
        if _is_special(info):
            raise refused("link", _("'{name}' is a link or a special file; a pack holds only "
                                    "ordinary files.").format(name=shown_name(name)))
        key = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
        if key in seen:
            raise refused("duplicate", _(
                "'{name}' is in the pack file twice (names that differ only in capital "
                "letters count as the same).").format(name=shown_name(name)))
        seen.add(key)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged(name)
        if name == MANIFEST:
            manifest = info
        elif not name.endswith("/"):
            files.append(info)
    if manifest is None:
        raise refused("not-a-navpack", _(
            "'{name}' has no navpack.json: it was not made with Navigator's export."
        ).format(name=file_name))
    _check_overlaps(infos)
    return manifest, files


def _check_name(name: str) -> None:
    shown = shown_name(name)
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise refused("absolute-path", _(
            "'{name}' is a path on someone's computer; a pack only holds paths inside its "
            "own folder.").format(name=shown))
    parts = name.removesuffix("/").split("/")
    if ".." in parts:
        raise refused("path-traversal", _("'{name}' points outside the pack.")
                      .format(name=shown))
    if len(name.encode("utf-8", "replace")) > 400 or UNSAFE_CHARS.search(name) \
            or not name.replace(" ", "").isprintable() or any(
            not part or part.startswith(".") or part.endswith(" ") or DEVICE_NAMES.match(part)
            or len(part.encode("utf-8", "replace")) > MAX_PART_BYTES for part in parts):
        raise refused("bad-name", _("'{name}' has a name that is not safe to use on every "
                                    "computer.").format(name=shown))


def _is_special(info: zipfile.ZipInfo) -> bool:
    """A symlink, device, pipe... by its Unix mode, or a Windows reparse point."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if info.external_attr & 0x400:
        return True
    return kind not in (0, stat.S_IFDIR if info.orig_filename.endswith("/") else stat.S_IFREG)


def _check_overlaps(infos: list[zipfile.ZipInfo]) -> None:
    """Entries sharing compressed data are the trick of overlapping zip bombs."""
    end = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < end:
            raise damaged(info.orig_filename)
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        name_length = len(info.orig_filename.encode(encoding, "replace"))
        end = info.header_offset + LOCAL_HEADER.size + name_length + info.compress_size


def _check_layout(infos: list[zipfile.ZipInfo], manifest: NavpackManifest, limits: Limits
                  ) -> list[zipfile.ZipInfo]:
    """Still from the directory: every file under ``PACK_ID/``, of a known type, listed,
    within the declared size and ratio limits; nothing listed is missing."""
    prefix = manifest.pack_id + "/"
    if len(infos) > limits.max_files:
        raise too_many(len(infos), limits)
    total = 0
    for info in infos:
        name = info.orig_filename
        if not name.startswith(prefix):
            raise refused("outside-folder", _(
                "'{name}' is not inside the pack's folder '{folder}'.").format(
                    name=name, folder=prefix))
        if Path(name).suffix.lower() not in ALLOWED_TYPES:
            raise refused("file-type", _(
                "'{name}' is a kind of file packs do not use (they hold lessons, pack.yaml, "
                "text files and pictures).").format(name=name))
        if info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise too_compressed(name, limits)
        if info.file_size > limits.max_bytes(name):
            raise too_large(name, limits.max_bytes(name))
        total += info.file_size
        if total > limits.max_total_bytes:
            raise total_too_large(name, limits)
        if name[len(prefix):] not in manifest.files:
            raise refused("unlisted-file", _(
                "'{name}' is not in the pack's list of files (navpack.json): it was added "
                "after the pack file was made.").format(name=name))
    folders = {"/".join(parts[:k]).casefold() for parts in
               (i.orig_filename.split("/") for i in infos) for k in range(1, len(parts))}
    for info in infos:
        if info.orig_filename.casefold() in folders:
            raise refused("duplicate", _(
                "'{name}' is both a file and a folder in the pack file.").format(
                    name=info.orig_filename))
    missing = sorted(set(manifest.files) - {i.orig_filename[len(prefix):] for i in infos})
    if missing:
        raise refused("missing-file", _(
            "'{name}' is in the pack's list of files (navpack.json) but not in the pack file."
        ).format(name=prefix + missing[0]))
    return sorted(infos, key=lambda i: i.orig_filename)


def _extract(handle: BinaryIO, infos: list[zipfile.ZipInfo], folder: Path,
             manifest: NavpackManifest, limits: Limits, progress: Progress | None,
             cancelled: Callable[[], bool]) -> int:
    """Stage 2: stream every file into ``folder``; returns the declared total."""
    total = sum(info.file_size for info in infos)
    done = 0
    if progress:
        progress(0, total)
    for info in infos:
        name = info.orig_filename
        rel = name[len(manifest.pack_id) + 1:]
        target = folder.joinpath(*rel.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        text = Path(rel).suffix.lower() in TEXT_TYPES
        size = 0
        with target.open("xb") as out:
            for chunk in _stream(handle, info, limits, cancelled, done):
                size += len(chunk)
                digest.update(chunk)
                if text:
                    _decode(decoder, chunk, name, final=False)
                out.write(chunk)
        if text:
            _decode(decoder, b"", name, final=True)
        if (digest.hexdigest(), size) != manifest.files[rel]:
            raise refused("checksum", _(
                "'{name}' is not the file that was packed (its checksum differs): the pack "
                "file was changed or damaged. Ask for a new copy.").format(name=name))
        done += size
        if progress:
            progress(min(done, total), total)
    return total


def _decode(decoder: codecs.IncrementalDecoder, chunk: bytes, name: str, *,
            final: bool) -> None:
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError:
        raise refused("not-utf8", _(
            "'{name}' is not UTF-8 text: its author should save it as UTF-8 and make the "
            "pack file again.").format(name=name)) from None


def _stream(handle: BinaryIO, info: zipfile.ZipInfo, limits: Limits,
            cancelled: Callable[[], bool], total_before: int = 0) -> Iterator[bytes]:
    """The entry's bytes in chunks, decompressed here rather than by ``zipfile`` (which
    stops at the declared size), refused at once past the size, total or ratio cap."""
    name = info.orig_filename
    handle.seek(info.header_offset)
    header = handle.read(LOCAL_HEADER.size)
    if len(header) != LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise damaged(name)
    fields = LOCAL_HEADER.unpack(header)
    flags, method, name_length, extra_length = fields[3], fields[4], fields[10], fields[11]
    local_name = handle.read(name_length).decode("utf-8" if flags & 0x800 else "cp437",
                                                 "replace")
    if local_name != name or method != info.compress_type or flags & 0x1:
        raise damaged(name)
    handle.seek(extra_length, 1)
    limit, ratio_cap = limits.max_bytes(name), limits.max_ratio * max(info.compress_size, 1)
    inflater = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
    left, size, crc, pending = info.compress_size, 0, 0, b""
    while left > 0 or pending:
        if cancelled():
            raise NavpackCancelled
        if not pending:
            pending = handle.read(min(CHUNK, left))
            if not pending:
                raise damaged(name)
            left -= len(pending)
        if inflater is None:
            chunk, pending = pending, b""
        else:
            try:
                chunk = inflater.decompress(pending, CHUNK)
            except zlib.error:  # the compressed bytes were changed or cut
                raise damaged(name) from None
            pending = inflater.unconsumed_tail
            if inflater.eof:
                pending, left = b"", 0
        size += len(chunk)
        if size > ratio_cap:
            raise too_compressed(name, limits)
        if size > limit:
            raise too_large(name, limit)
        if total_before + size > limits.max_total_bytes:
            raise total_too_large(name, limits)
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if (inflater is not None and not inflater.eof) or size != info.file_size \
            or crc != info.CRC:
        raise damaged(name)


def _validate(folder: Path, manifest: NavpackManifest) -> Pack:
    """Stage 3: the extracted folder is the pack navpack.json names, and a valid one."""
    identity = peek_identity(folder)
    if identity is not None and identity != (manifest.pack_id, manifest.version):
        raise identity_differs(manifest, identity)
    pack, problems = check_pack(folder, display_root=Path(manifest.pack_id))
    if pack is None:
        errors = [p for p in problems if not p.warning]
        raise NavpackRefused("invalid-pack", ngettext(
            "This pack file is refused: the pack has {count} problem its author must fix "
            "first. Nothing was installed.\n{problems}",
            "This pack file is refused: the pack has {count} problems its author must fix "
            "first. Nothing was installed.\n{problems}",
            len(errors)).format(count=len(errors),
                                problems="\n".join(str(p) for p in errors[:3])), problems)
    if (pack.id, pack.version) != (manifest.pack_id, manifest.version):
        raise identity_differs(manifest, (pack.id, pack.version))
    return pack


def _check_cancelled(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise NavpackCancelled
