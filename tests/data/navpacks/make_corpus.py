"""The malicious-pack corpus: ``.navpack`` files made to harm, each written deterministically.

Every case starts from one tiny valid pack (written here: one lesson, one picture) and breaks
one thing. The zips are written by hand (``write_zip``), not with ``zipfile``, so a case can
say what a real attacker can: any name, any Unix mode, sizes and CRCs that lie.

``python tests/data/navpacks/make_corpus.py`` rewrites the committed files (``CASES``); the
two big cases (50,000 files, a 200 MB picture) are only written at test time (``BIG_CASES``).
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK_ID = "tiny"
LESSON = "lessons/first.en.md"
MIB = 1024 * 1024

PACK_YAML = """\
format_version: 1
id: tiny
version: 1.0.0
default_language: en
audience: staff
license: CC-BY-4.0
authors:
  - Navigator tests
title:
  en: Tiny pack
modules:
  - id: only
    title:
      en: Only module
    lessons:
      - first
"""

LESSON_TEXT = """\
---
id: first
title: The first lesson
minutes: 2
objectives:
  - Look at one picture.
---

## A dot

This step shows a dot.

![A black dot in the middle of a white square](media/dot.svg)
"""
BAD_LINE = 15  # the line each harmful addition to the lesson lands on

DOT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
           '<circle cx="5" cy="5" r="2"/></svg>\n')


def pack_files(lesson: str | bytes = LESSON_TEXT) -> dict[str, bytes]:
    """The tiny pack's files by path inside the pack; ``lesson`` replaces the lesson."""
    body = lesson.encode("utf-8") if isinstance(lesson, str) else lesson
    return {"pack.yaml": PACK_YAML.encode(), LESSON: body, "media/dot.svg": DOT_SVG.encode()}


def write_tiny_pack(folder: Path, lesson: str = LESSON_TEXT) -> Path:
    """Write the tiny valid pack as a folder (what a trainer would have)."""
    for rel, data in pack_files(lesson).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def with_line(text: str) -> str:
    """The lesson with ``text`` added as a paragraph on line ``BAD_LINE``."""
    return LESSON_TEXT + "\n" + text + "\n"


def navpack_json(files: dict[str, bytes], **changes: object) -> bytes:
    """The navpack.json the builder would write for ``files`` (``changes`` override keys)."""
    doc: dict[str, object] = {
        "navpack": 1, "id": PACK_ID, "version": "1.0.0",
        "files": {rel: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for rel, data in sorted(files.items())}}
    doc.update(changes)
    return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode()


@dataclass
class Entry:
    """One zip entry as written, lies included."""

    name: str
    data: bytes = b""
    mode: int = stat.S_IFREG | 0o644
    method: int = 8  # 8 deflated, 0 stored
    flags: int = 0
    size: int | None = None  # the declared size, when it lies
    crc: int | None = None
    payload: Callable[[], Iterable[bytes]] | None = None  # precomputed (compressed) bytes
    payload_size: int = 0


def entries(files: dict[str, bytes], manifest: bytes | None = None) -> list[Entry]:
    """navpack.json, then the pack's files under ``tiny/``, as the builder orders them."""
    listed = [Entry("navpack.json", navpack_json(files) if manifest is None else manifest)]
    return listed + [Entry(f"{PACK_ID}/{rel}", data) for rel, data in sorted(files.items())]


def write_zip(path: Path, items: list[Entry]) -> Path:
    """A zip with exactly these entries (dates 1980-01-01, Unix modes, UTF-8 names)."""
    directory = []
    with path.open("wb") as out:
        for item in items:
            offset = out.tell()
            name = item.name.encode("utf-8")
            flags = item.flags | (0x800 if not item.name.isascii() else 0)
            if item.payload is not None:
                parts: Iterable[bytes] = item.payload()
                compressed_size = item.payload_size
            elif item.method == 8:
                deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
                parts = [deflate.compress(item.data) + deflate.flush()]
                compressed_size = len(parts[0])
            else:
                parts, compressed_size = [item.data], len(item.data)
            crc = zlib.crc32(item.data) if item.crc is None else item.crc
            size = len(item.data) if item.size is None else item.size
            fields = (item.method, 0, 33, crc, compressed_size, size, len(name))
            out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, *fields, 0))
            out.write(name)
            for part in parts:
                out.write(part)
            directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0,
                                         flags, *fields, 0, 0, 0, 0, item.mode << 16, offset)
                             + name)
        start = out.tell()
        for record in directory:
            out.write(record)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(items), len(items),
                              out.tell() - start, start, 0))
    return path


def zeros(size: int, *, method: int = 8) -> tuple[Callable[[], Iterable[bytes]], int, int,
                                                   str]:
    """``size`` zero bytes as a payload: (chunks, compressed size, CRC, SHA-256)."""
    block = bytes(MIB)
    crc, digest = 0, hashlib.sha256()
    for _ in range(size // MIB):
        crc = zlib.crc32(block, crc)
        digest.update(block)
    if method == 0:
        return (lambda: (block for _ in range(size // MIB))), size, crc, digest.hexdigest()
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = b"".join(deflate.compress(block) for _ in range(size // MIB)) + deflate.flush()
    return (lambda: [data]), len(data), crc, digest.hexdigest()


def big_entry(rel: str, size: int, *, method: int = 8, declared: int | None = None
              ) -> tuple[Entry, dict[str, dict[str, object]]]:
    """An entry of ``size`` zeros (declaring ``declared`` bytes) and its navpack.json line."""
    chunks, compressed, crc, sha = zeros(size, method=method)
    shown = size if declared is None else declared
    entry = Entry(f"{PACK_ID}/{rel}", method=method, size=shown, crc=crc, payload=chunks,
                  payload_size=compressed)
    return entry, {rel: {"sha256": sha, "size": shown}}


def with_big(path: Path, rel: str, size: int, **options: object) -> Path:
    """The tiny pack plus one big file of zeros, listed in navpack.json."""
    files = pack_files()
    entry, line = big_entry(rel, size, **options)  # type: ignore[arg-type]
    listing = json.loads(navpack_json(files))
    listing["files"].update(line)
    manifest = (json.dumps(listing, indent=2, sort_keys=True) + "\n").encode()
    return write_zip(path, [*entries(files, manifest), entry])


# --- the cases -------------------------------------------------------------------------------

def valid(path: Path) -> Path:
    """The tiny pack, built by Navigator itself."""
    from navigator.content.navpack import build_navpack

    with tempfile.TemporaryDirectory() as folder:
        build_navpack(write_tiny_pack(Path(folder) / PACK_ID), path)
    return path


def plus(*extra: Entry, files: dict[str, bytes] | None = None,
         manifest: bytes | None = None) -> Callable[[Path], Path]:
    """A case: the tiny pack's entries (``files``, ``manifest``) followed by ``extra``."""
    def write(path: Path) -> Path:
        chosen = pack_files() if files is None else files
        return write_zip(path, [*entries(chosen, manifest), *extra])
    return write


def lesson(text: str | bytes) -> Callable[[Path], Path]:
    """A case: the tiny pack with this lesson, navpack.json consistent with it."""
    return plus(files=pack_files(text))


def modified(change: Callable[[list[Entry]], None]) -> Callable[[Path], Path]:
    """A case: the tiny pack's entries, changed in place by ``change``."""
    def write(path: Path) -> Path:
        items = entries(pack_files())
        change(items)
        return write_zip(path, items)
    return write


def _set(index: int, **values: object) -> Callable[[list[Entry]], None]:
    def change(items: list[Entry]) -> None:
        for key, value in values.items():
            setattr(items[index], key, value)
    return change


_LESSON_AT = 1 + sorted(pack_files()).index(LESSON)  # after navpack.json
_OTHER = DOT_SVG.encode()
_LISTED_EXTRA = navpack_json({**pack_files(), "media/extra.svg": _OTHER})

CASES: dict[str, Callable[[Path], Path]] = {
    "valid": valid,
    "zip-slip": plus(Entry(f"{PACK_ID}/../../evil.md", b"# gotcha\n")),
    "absolute-path": plus(Entry("/tmp/evil.md", b"# gotcha\n")),
    "windows-drive": plus(Entry("C:evil.md", b"# gotcha\n")),
    "backslash": plus(Entry(f"{PACK_ID}\\..\\evil.md", b"# gotcha\n")),
    "symlink": plus(Entry(f"{PACK_ID}/media/extra.svg", b"/etc/passwd",
                          mode=stat.S_IFLNK | 0o777), manifest=_LISTED_EXTRA),
    "fifo": plus(Entry(f"{PACK_ID}/media/extra.svg", b"", mode=stat.S_IFIFO | 0o644),
                 manifest=_LISTED_EXTRA),
    "device-name": plus(Entry(f"{PACK_ID}/media/aux.svg", _OTHER)),
    "zip-bomb": lambda path: with_big(path, "media/zeros.png", 200 * MIB),
    "zip-bomb-lying": lambda path: with_big(path, "media/zeros.png", 10 * MIB, declared=1000),
    "invalid-utf8": lesson(with_line("Caf\xe9").encode("latin-1")),
    "script-tag": lesson(with_line("<script>alert('hi')</script>")),
    "javascript-link": lesson(with_line("[Your prize](jav&#x61;script:alert(1))")),
    "remote-image": lesson(with_line("![A tracking pixel](https://example.org/pixel.png)")),
    "checksum-mismatch": plus(files=pack_files(with_line("Changed after packing.")),
                              manifest=navpack_json(pack_files(with_line("Packed.")))),
    "unlisted-file": plus(Entry(f"{PACK_ID}/media/extra.svg", _OTHER)),
    "missing-file": plus(manifest=_LISTED_EXTRA),
    "duplicate": plus(Entry(f"{PACK_ID}/{LESSON}", LESSON_TEXT.encode())),
    "duplicate-case": plus(Entry(f"{PACK_ID}/Pack.yaml", PACK_YAML.encode())),
    "encrypted": modified(_set(_LESSON_AT, flags=0x1)),
    "damaged-crc": modified(_set(_LESSON_AT, crc=1234)),
    "outside-folder": plus(Entry("other/readme.txt", b"hello\n")),
    "file-type": plus(Entry(f"{PACK_ID}/media/run.exe", b"MZ"), manifest=navpack_json(
        {**pack_files(), "media/run.exe": b"MZ"})),
    "identity": plus(manifest=navpack_json(pack_files(), version="2.0.0")),
    "newer-format": plus(manifest=navpack_json(pack_files(), navpack=2)),
    "no-manifest": lambda path: write_zip(path, entries(pack_files())[1:]),
    "not-a-zip": lambda path: (path.write_text("Just some text, not a zip.\n"), path)[1],
}

BIG_CASES: dict[str, Callable[[Path], Path]] = {
    "many-files": lambda path: write_zip(path, [
        *entries(pack_files()),
        *(Entry(f"{PACK_ID}/media/f{i:05}.svg", method=0) for i in range(50_000))]),
    "huge-image": lambda path: with_big(path, "media/huge.png", 200 * MIB, method=0),
}


def write_all(folder: Path = HERE) -> list[Path]:
    """Rewrite every committed case into ``folder``."""
    return [write(folder / f"{name}.navpack") for name, write in CASES.items()]


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    for written in write_all():
        print(f"{written.stat().st_size:>9}  {written.name}")
