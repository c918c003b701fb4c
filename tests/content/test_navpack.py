"""One .navpack file per pack: built the same way every time, and opened without trusting it.

Every file of the malicious corpus (tests/data/navpacks, written by make_corpus.py) is refused
with its reason and a message naming the bad entry, and the packs folder is left exactly as
it was.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from navigator import paths
from navigator.content.navpack import Limits, NavpackRefused, build_navpack
from navigator.content.navpack_read import open_navpack
from navigator.content.problems import PackError
from tests.conftest import BROKEN
from tests.data.navpacks import make_corpus
from tests.data.navpacks.make_corpus import BAD_LINE, PACK_ID, Entry, write_tiny_pack

CORPUS = Path(make_corpus.__file__).parent
LESSON_LINE = f"{PACK_ID}/lessons/first.en.md:{BAD_LINE}"

# case -> (reason, what the message must name)
REFUSED = {
    "zip-slip": ("path-traversal", "tiny/../../evil.md"),
    "absolute-path": ("absolute-path", "/tmp/evil.md"),
    "windows-drive": ("absolute-path", "C:evil.md"),
    "backslash": ("absolute-path", "tiny\\..\\evil.md"),
    "symlink": ("link", "tiny/media/extra.svg"),
    "fifo": ("link", "tiny/media/extra.svg"),
    "device-name": ("bad-name", "tiny/media/aux.svg"),
    "zip-bomb": ("ratio", "tiny/media/zeros.png"),
    "zip-bomb-lying": ("ratio", "tiny/media/zeros.png"),
    "invalid-utf8": ("not-utf8", "tiny/lessons/first.en.md"),
    "script-tag": ("invalid-pack", LESSON_LINE),
    "javascript-link": ("invalid-pack", LESSON_LINE),
    "remote-image": ("invalid-pack", LESSON_LINE),
    "checksum-mismatch": ("checksum", "tiny/lessons/first.en.md"),
    "unlisted-file": ("unlisted-file", "tiny/media/extra.svg"),
    "missing-file": ("missing-file", "tiny/media/extra.svg"),
    "duplicate": ("duplicate", "tiny/lessons/first.en.md"),
    "duplicate-case": ("duplicate", "tiny/Pack.yaml"),
    "encrypted": ("encrypted", "tiny/lessons/first.en.md"),
    "damaged-crc": ("damaged", "tiny/lessons/first.en.md"),
    "outside-folder": ("outside-folder", "other/readme.txt"),
    "file-type": ("file-type", "tiny/media/run.exe"),
    "identity": ("identity", "2.0.0"),
    "newer-format": ("not-a-navpack", "format 2"),
    "no-manifest": ("not-a-navpack", "no-manifest.navpack"),
    "not-a-zip": ("not-a-navpack", "not-a-zip.navpack"),
    "many-files": ("too-many-files", "50004"),
    "huge-image": ("file-too-large", "tiny/media/huge.png"),
}


def listing(folder: Path) -> list[tuple[str, bytes | None]]:
    """Everything under ``folder``, hidden entries included, with the files' contents."""
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes() if p.is_file() else None)
                  for p in folder.rglob("*"))


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A packs folder that already holds an installed pack and a loose file."""
    folder = tmp_path / "packs"
    write_tiny_pack(folder / "installed")
    (folder / "notes.txt").write_text("keep me\n")
    return folder


def corpus_file(name: str, tmp_path: Path) -> Path:
    if name in make_corpus.BIG_CASES:
        return make_corpus.BIG_CASES[name](tmp_path / f"{name}.navpack")
    return CORPUS / f"{name}.navpack"


def refusal(file: Path, into: Path, **options) -> NavpackRefused:
    before = listing(into)
    with pytest.raises(NavpackRefused) as caught:
        open_navpack(file, into, **options)
    assert listing(into) == before, "the packs folder changed"
    return caught.value


@pytest.mark.parametrize("name", REFUSED)
def test_every_harmful_pack_file_is_refused_and_nothing_is_written(name: str, packs: Path,
                                                                   tmp_path: Path):
    """The reason code, a message naming the bad entry, and an untouched packs folder."""
    reason, named = REFUSED[name]
    error = refusal(corpus_file(name, tmp_path), packs)
    assert error.reason == reason
    assert named in error.message
    assert "Nothing was installed" in error.message
    assert bool(error.problems) == (reason == "invalid-pack")


def test_the_corpus_on_disk_is_the_one_the_script_writes_and_stays_small():
    """Every committed case has an expected refusal, and the corpus stays under 400 KB."""
    committed = {p.stem for p in CORPUS.glob("*.navpack")}
    assert committed == set(make_corpus.CASES)
    assert committed - {"valid"} <= set(REFUSED)
    assert set(REFUSED) - committed == set(make_corpus.BIG_CASES)
    assert sum(p.stat().st_size for p in CORPUS.glob("*.navpack")) < 400 * 1024


@pytest.mark.parametrize("name", ["\\\\server\\share\\x.md", "tiny/./x.md", "tiny//x.md",
                                  "tiny/x.md\x00.svg", "tiny/.hidden.md", "tiny/x:y.md",
                                  "tiny/media/\u202egvs.exe", "tiny/media/dot.svg "])
def test_names_no_computer_can_use_safely_are_refused(name: str, packs: Path,
                                                      tmp_path: Path):
    """UNC paths, empty and '.' parts, control characters, hidden names and colons."""
    file = make_corpus.plus(Entry(name, b"x"))(tmp_path / "bad.navpack")
    assert refusal(file, packs).reason in {"absolute-path", "bad-name"}


def test_a_name_that_is_both_a_file_and_a_folder_is_refused(packs: Path, tmp_path: Path):
    """'a.md' as a file and as the folder of 'a.md/b/c.md' cannot both be written."""
    files = {**make_corpus.pack_files(), "media/a.svg": b"<svg/>", "media/a.svg/b/c.svg": b"x"}
    file = make_corpus.plus(files=files)(tmp_path / "both.navpack")
    error = refusal(file, packs)
    assert (error.reason, "tiny/media/a.svg'" in error.message) == ("duplicate", True)


def test_the_valid_pack_file_opens_into_a_hidden_folder(packs: Path):
    """The pack is extracted, verified and valid, inside into/.incoming-*, until discarded."""
    before = listing(packs)
    opened = open_navpack(CORPUS / "valid.navpack", packs)
    assert (opened.pack_id, opened.version, opened.pack.id) == ("tiny", "1.0.0", "tiny")
    assert opened.folder.name == "tiny"
    assert opened.folder.parent.parent == packs
    assert opened.folder.parent.name.startswith(".incoming-")
    assert (opened.folder / "lessons" / "first.en.md").read_bytes() \
        == make_corpus.pack_files()["lessons/first.en.md"]
    opened.discard()
    assert listing(packs) == before


@pytest.mark.parametrize("limits, reason", [
    (Limits(max_files=2), "too-many-files"),
    (Limits(max_total_bytes=500), "total-too-large"),
    (Limits(max_text_bytes=300), "file-too-large"),
])
def test_limits_refuse_from_the_declared_sizes(limits: Limits, reason: str, packs: Path):
    """Counts and declared sizes are refused from the central directory."""
    assert refusal(CORPUS / "valid.navpack", packs, limits=limits).reason == reason


@pytest.mark.parametrize("limits, reason", [
    (Limits(max_ratio=10**9, max_file_bytes=100_000), "file-too-large"),
    (Limits(max_ratio=10**9, max_total_bytes=100_000), "total-too-large"),
    (Limits(max_ratio=10**9), "damaged"),
])
def test_declared_sizes_that_lie_are_caught_while_streaming(limits: Limits, reason: str,
                                                           packs: Path):
    """The lying bomb declares 1,000 bytes: the bytes really produced are counted."""
    assert refusal(CORPUS / "zip-bomb-lying.navpack", packs, limits=limits).reason == reason


def test_a_damaged_central_directory_is_refused(packs: Path, tmp_path: Path):
    """A zip whose directory does not parse is 'damaged'."""
    data = bytearray((CORPUS / "valid.navpack").read_bytes())
    start = data.index(b"PK\x01\x02")
    data[start:start + 4] = b"XXXX"
    (tmp_path / "broken.navpack").write_bytes(bytes(data))
    assert refusal(tmp_path / "broken.navpack", packs).reason == "damaged"


def test_an_unexpected_failure_while_validating_leaves_nothing(packs: Path, monkeypatch):
    """Whatever goes wrong after extraction starts, the hidden folder is removed."""
    import navigator.content.navpack_read as reader

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "check_pack", explode)
    before = listing(packs)
    with pytest.raises(RuntimeError):
        open_navpack(CORPUS / "valid.navpack", packs)
    assert listing(packs) == before


@pytest.mark.parametrize("name", ["staff-course", "client-lessons"])
def test_built_in_packs_survive_a_round_trip_byte_for_byte(name: str, tmp_path: Path):
    """build -> open gives the same files; building twice gives the same bytes."""
    source = paths.curriculum_dir() / name
    first = build_navpack(source, tmp_path / "a.navpack")
    second = build_navpack(source, tmp_path / "b.navpack")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.bytes == first.path.stat().st_size
    opened = open_navpack(first.path, tmp_path / "packs")
    assert listing(opened.folder) == listing(source)
    assert (opened.pack_id, opened.version) == (first.pack_id, first.version)
    assert first.files == sum(1 for p in source.rglob("*") if p.is_file())


def test_the_file_holds_a_checksum_manifest_and_fixed_dates(tmp_path: Path):
    """navpack.json lists every file with its SHA-256 and size; entries are dated 1980."""
    folder = write_tiny_pack(tmp_path / "tiny")
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "media" / "half.svg.part").write_bytes(b"junk")
    built = build_navpack(folder, tmp_path / "tiny.navpack")
    with zipfile.ZipFile(built.path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("navpack.json"))
        dates = {info.date_time for info in archive.infolist()}
    files = make_corpus.pack_files()
    assert names == ["navpack.json", *(f"tiny/{rel}" for rel in sorted(files))]
    assert manifest == {"navpack": 1, "id": "tiny", "version": "1.0.0", "files": {
        rel: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for rel, data in files.items()}}
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_building_refuses_invalid_packs_links_and_unknown_file_types(tmp_path: Path):
    """An invalid pack raises PackError with its problems; so do links and .exe files."""
    with pytest.raises(PackError):
        build_navpack(BROKEN / "no-correct-option", tmp_path / "x.navpack")
    folder = write_tiny_pack(tmp_path / "tiny")
    (folder / "media" / "tool.exe").write_bytes(b"MZ")
    (folder / "media" / "elsewhere.svg").symlink_to(folder / "media" / "dot.svg")
    with pytest.raises(PackError) as caught:
        build_navpack(folder, tmp_path / "x.navpack")
    named = sorted(p.file.name for p in caught.value.problems)
    assert named == ["elsewhere.svg", "tool.exe"]
    assert "link" in str(caught.value)
    assert not list(tmp_path.glob("x.navpack*"))


class CancelAfter:
    """A cancelled() that turns true after ``calls`` questions, and counts them."""

    def __init__(self, calls: int):
        self.calls = calls
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked > self.calls


@pytest.mark.parametrize("calls", [0, 2, 5])
def test_cancelling_a_build_leaves_no_file(calls: int, tmp_path: Path):
    """cancelled() turning true mid-way raises CancelledError and leaves no file or part."""
    source = paths.curriculum_dir() / "client-lessons"
    with pytest.raises(CancelledError):
        build_navpack(source, tmp_path / "c.navpack", cancelled=CancelAfter(calls))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["first", "second", "middle", "last"])
def test_cancelling_an_open_leaves_the_packs_folder_as_it_was(where: str, tmp_path: Path):
    """Cancelled before, during and after extraction: nothing stays in the packs folder."""
    file = build_navpack(paths.curriculum_dir() / "client-lessons", tmp_path / "c.navpack")
    into = tmp_path / "packs"
    write_tiny_pack(into / "installed")
    before = listing(into)
    counter = CancelAfter(10**9)
    open_navpack(file.path, tmp_path / "count", cancelled=counter).discard()
    total = counter.asked  # how many times a full open asks
    calls = {"first": 0, "second": 1, "middle": total // 2, "last": total - 1}[where]
    with pytest.raises(CancelledError):
        open_navpack(file.path, into, cancelled=CancelAfter(calls))
    assert listing(into) == before


def test_progress_is_reported_and_ends_at_the_total(tmp_path: Path):
    """Both directions report (done, total) that never goes back and ends at the total."""
    source = paths.curriculum_dir() / "client-lessons"
    size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())
    built_calls: list[tuple[int, int]] = []
    opened_calls: list[tuple[int, int]] = []
    built = build_navpack(source, tmp_path / "c.navpack",
                          progress=lambda done, total: built_calls.append((done, total)))
    open_navpack(built.path, tmp_path / "packs",
                 progress=lambda done, total: opened_calls.append((done, total)))
    for calls in (built_calls, opened_calls):
        assert len(calls) > 10
        assert calls[-1] == (size, size)
        assert [d for d, _t in calls] == sorted(d for d, _t in calls)
        assert {t for _d, t in calls} == {size}
