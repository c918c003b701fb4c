"""A .navpack someone sends, damaged or made to harm: installed as sent, or refused in words.

``open_navpack`` promises one of two outcomes: an opened pack, or :class:`NavpackRefused`
(a reason and a sentence) with the packs folder exactly as it was. Here the file is any
bytes, a valid file with bytes changed, or a zip written by hand with any entries.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.content.navpack import NavpackRefused
from navigator.content.navpack_read import open_navpack
from tests.data.navpacks.make_corpus import (
    PACK_ID,
    Entry,
    entries,
    navpack_json,
    pack_files,
    valid,
    write_zip,
)
from tests.property.strategies import ODD, hostile_text

VALID_BYTES: bytes | None = None


def valid_bytes(tmp_path: Path) -> bytes:
    """The tiny pack as Navigator builds it (made once)."""
    global VALID_BYTES
    if VALID_BYTES is None:
        VALID_BYTES = valid(tmp_path / "valid.navpack").read_bytes()
    return VALID_BYTES


def open_or_refuse(file: Path, into: Path) -> bool:
    """Open ``file`` into ``into``; True when a pack came out. Refusals say why, and leave
    ``into`` as it was (empty here)."""
    into.mkdir(exist_ok=True)
    try:
        opened = open_navpack(file, into)
    except NavpackRefused as refused:
        assert refused.reason and refused.message.strip()
        assert refused.message.startswith("This pack file is refused")
        assert "Traceback" not in refused.message
        assert list(into.iterdir()) == [], "a refused file leaves nothing behind"
        return False
    try:
        assert opened.pack.id == opened.pack_id == PACK_ID
        assert opened.folder.is_dir() and opened.folder.parent.parent == into
    finally:
        opened.discard()
    assert list(into.iterdir()) == []
    return True


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "sent.navpack", tmp_path / "packs"


@given(data=st.binary(max_size=2000))
@example(data=b"PK\x05\x06" + bytes(18))
@example(data=b"")
def test_any_bytes_are_refused_as_not_a_pack_file(place, data):
    """Random bytes, an empty file, a bare end record: refused, nothing written."""
    file, into = place
    file.write_bytes(data)
    assert not open_or_refuse(file, into)


@given(changes=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1,
                        max_size=6),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_a_valid_pack_file_with_bytes_changed_is_opened_or_refused(place, tmp_path, changes,
                                                                  cut):
    """Bytes flipped anywhere (headers, compressed data, the directory) or the file cut
    short: a clear refusal, or the same valid pack when the change did not matter."""
    file, into = place
    data = bytearray(valid_bytes(tmp_path))
    for where, value in changes:
        data[where % len(data)] = value
    if cut is not None:
        del data[cut % len(data):]
    file.write_bytes(bytes(data))
    open_or_refuse(file, into)


names = st.one_of(
    st.builds(lambda rel: f"{PACK_ID}/{rel}", hostile_text.filter(lambda t: len(t) < 300)),
    st.builds("{}{}".format, st.sampled_from([f"{PACK_ID}/lessons/", f"{PACK_ID}/media/",
                                              f"{PACK_ID}/", "", "/", "../", "C:"]),
              st.builds("{}{}{}".format, st.sampled_from(ODD), st.text(max_size=10),
                        st.sampled_from([".md", ".svg", ".yaml", ".png", ".exe", "/", ""]))))
extra = st.builds(
    Entry, name=names, data=st.one_of(st.binary(max_size=200), hostile_text.map(
        lambda t: t.encode("utf-8", "surrogatepass"))),
    mode=st.sampled_from([stat.S_IFREG | 0o644, stat.S_IFLNK | 0o777, stat.S_IFDIR | 0o755,
                          stat.S_IFIFO | 0o644, 0]),
    method=st.sampled_from([0, 8, 12, 99]), flags=st.sampled_from([0, 1, 8, 0x800]),
    size=st.one_of(st.none(), st.integers(0, 2**32 - 1)),
    crc=st.one_of(st.none(), st.integers(0, 2**32 - 1)))


@settings(max_examples=80)
@example(added=[Entry(f"{PACK_ID}/media/{'a' * 300}.svg", b"<svg/>")], listed=True)
@example(added=[Entry(f"{PACK_ID}/media/" + "\u0634" * 150 + ".svg", b"<svg/>")], listed=True)
@given(added=st.lists(extra, max_size=3), listed=st.booleans())
def test_a_pack_file_with_any_extra_entries_is_opened_or_refused(place, added, listed):
    """Entries with any name (NUL, RTL marks, '..', 300 characters), kind, method, flags and
    lying sizes, listed in navpack.json or not: opened or refused, never a crash."""
    file, into = place
    files = pack_files()
    manifest = None
    if listed:
        listing = json.loads(navpack_json(files))
        for entry in added:
            rel = entry.name.removeprefix(PACK_ID + "/")
            listing["files"][rel] = json.loads(navpack_json({rel: entry.data}))["files"][rel]
        manifest = json.dumps(listing).encode()
    write_zip(file, [*entries(files, manifest), *added])
    open_or_refuse(file, into)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.text(max_size=8), children, max_size=3), max_leaves=10)


@given(key=st.sampled_from(["navpack", "id", "version", "files", "other"]), value=json_values)
@example(key="files", value={"pack.yaml": {"sha256": "0" * 64 + "\n", "size": 1}})
@example(key="id", value="tiny\n")
def test_any_value_in_navpack_json_is_refused_or_checked(place, key, value):
    """navpack.json with any value in any field: a refusal that names it, or the pack."""
    file, into = place
    files = pack_files()
    listing = json.loads(navpack_json(files))
    listing[key] = value
    write_zip(file, entries(files, json.dumps(listing).encode("utf-8", "surrogatepass")))
    if open_or_refuse(file, into):
        assert (key, value) == ("other", value) or listing[key] == json.loads(
            navpack_json(files))[key]


@example(raw=b"[" * 200_000)  # deeper than json's recursion limit
@example(raw=b'{"navpack": 1, "id": "tiny", "version": "1.0.0", "files": ' + b"[" * 50_000)
@given(raw=st.one_of(st.binary(max_size=300), hostile_text.map(str.encode)))
def test_any_bytes_as_navpack_json_are_refused(place, raw):
    """navpack.json that is not JSON, not UTF-8, or nested 200,000 deep: refused."""
    file, into = place
    items = entries(pack_files(), raw)
    items[0].method = 0  # stored: compressed, 200 KB of '[' would be refused as a zip bomb
    write_zip(file, items)
    assert not open_or_refuse(file, into)
