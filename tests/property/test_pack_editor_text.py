"""What a trainer types in the pack editor is written to the pack and reads back as typed.

Titles of the pack, a module and a lesson, authors and the licence go into pack.yaml or a
lesson's front matter. Any text (quotes, colons, '#', NUL bytes, RTL marks, line
separators YAML and Python read differently, 100 KB) is kept, with outer spaces removed, or
refused with a reason; after every edit the pack still validates.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.content import packedit as pe
from navigator.content.loader import check_pack
from navigator.core.model import Pack
from tests.conftest import SAMPLE_PACK
from tests.property.strategies import hostile_text

# Characters the lesson parser splits lines at (str.splitlines) or YAML refuses to read.
BREAKERS = ["\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\x7f",
            "\x80", "\x9f", "\ufffe", "\uffff", "\x00"]
titles = st.one_of(hostile_text, st.builds("{}{}{}".format, st.text(max_size=5),
                                           st.sampled_from(BREAKERS), st.text(max_size=5)))


@pytest.fixture
def packs(tmp_path: Path) -> Callable[[], Path]:
    """A fresh copy of the sample pack for each example (an edit that broke the pack must
    not break the next example)."""
    def fresh() -> Path:
        return Path(shutil.copytree(SAMPLE_PACK, Path(tempfile.mkdtemp(dir=tmp_path)) / "s"))
    return fresh


def valid(root: Path) -> Pack:
    loaded, problems = check_pack(root)
    assert loaded is not None, [str(p) for p in problems if not p.warning]
    return loaded


def edit(action, *args: object) -> bool:  # type: ignore[no-untyped-def]
    """Run an edit; False when it was refused with a reason for the trainer."""
    try:
        action(*args)
    except pe.EditRefused as refused:
        assert refused.message.strip()
        return False
    return True


@settings(max_examples=30)
@given(title=titles)
@example(title="Wi-Fi: the basics # 1")
@example(title="a\u2028b")  # a line separator: one line for YAML, two for str.splitlines
@example(title="caf\x80e")  # a C1 control: YAML refuses to read it
def test_a_lesson_title_reads_back_as_typed(packs, title):
    """Renaming a lesson edits one line of its front matter: the lesson keeps that title."""
    pack = packs()
    before = (pack / "lessons" / "first-lesson.en.md").read_text(encoding="utf-8")
    if edit(pe.rename_lesson, pack, "first-lesson", title, "en"):
        lesson = valid(pack).lessons["first-lesson"]
        assert lesson.text_for("en").title == title.strip()
    else:
        assert not title.strip()
        assert (pack / "lessons" / "first-lesson.en.md").read_text(encoding="utf-8") == before


@settings(max_examples=30)
@given(title=titles, where=st.sampled_from(["pack", "module"]))
@example(title="a\u2028b", where="module")
@example(title="caf\x80e", where="pack")
def test_a_pack_or_module_title_reads_back_as_typed(packs, title, where):
    """The pack's and a module's titles are written to pack.yaml and read back as typed."""
    pack = packs()
    if where == "pack":
        done = edit(lambda: pe.set_pack_fields(pack, title=title))
    else:
        done = edit(pe.rename_module, pack, "basics", title, "en")
    if not done:
        assert not title.strip()
        return
    loaded = valid(pack)
    module = next(m for m in loaded.modules if m.id == "basics")
    shown = loaded.titles["en"] if where == "pack" else module.titles["en"]
    assert shown == title.strip()


@settings(max_examples=20)
@example(title="Yes", authors=["Amal"], licence="CC0")  # YAML reads yes as true
@example(title="007", authors=["Amal"], licence="CC0")  # and 007 as 7
@given(title=titles, authors=st.lists(hostile_text, min_size=1, max_size=3),
       licence=hostile_text)
def test_a_new_lesson_authors_and_licence_read_back_as_typed(packs, title, authors, licence):
    """A lesson added with any title, any authors and licence: kept as typed, or refused
    when empty; the pack still validates."""
    pack = packs()
    path = None
    try:
        path = pe.add_lesson(pack, "basics", title)
    except pe.EditRefused as refused:
        assert refused.message.strip() and not title.strip()
    if path is not None:
        lesson_id = path.name.split(".")[0]
        assert valid(pack).lessons[lesson_id].text_for("en").title == title.strip()
        pe.delete_lesson(pack, lesson_id)
    if edit(lambda: pe.set_pack_fields(pack, authors=authors, license=licence)):
        loaded = valid(pack)
        assert list(loaded.authors) == [a.strip() for a in authors if a.strip()]
        assert loaded.license == licence.strip()
    else:
        assert not licence.strip() or not any(a.strip() for a in authors)
