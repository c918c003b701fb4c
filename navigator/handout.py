"""A handout: a lesson's teaching steps as a one-page, large-print cheat sheet to take home.

Qt-free: this module picks what goes on the sheet (the title, the objectives, and for every
teaching step its heading, its first picture and its text as safe HTML); ``ui.handout_pdf``
lays it out on one page and writes the PDF or prints it. Questions, practice and branch steps
are left out: a sheet is for reading again at home, not for answering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from navigator.content.manifest import LANGUAGE_PATTERN
from navigator.content.media import HTML_IMG, PICTURE, is_pack_media
from navigator.content.render import to_html
from navigator.core.model import Pack, Step, StepKind, localized, normalize_language
from navigator.i18n import N_, _, in_language, is_right_to_left

_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"br", "hr", "img"}
_ANY_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class HandoutStep:
    """One teaching step on the sheet: its heading, first picture, and text without pictures.

    ``picture`` is an absolute path inside the pack (``None`` when the step has none);
    ``html`` is sanitised HTML from the learners' Markdown renderer.
    """

    title: str
    picture: Path | None
    alt: str
    html: str

    @cached_property
    def blocks(self) -> list[str]:
        """The top-level blocks of ``html`` (paragraphs, lists, tables), in order."""
        return html_blocks(self.html)


@dataclass(frozen=True)
class Handout:
    """What a lesson's sheet says, in one language (``language``: the one actually used)."""

    pack_id: str
    lesson_id: str
    language: str
    title: str
    objectives: list[str]
    steps: list[HandoutStep]
    pack_title: str
    pack_version: str
    right_to_left: bool
    requested_language: str = ""
    footer: str = ""
    more: str = ""

    @property
    def fell_back(self) -> bool:
        """True when the lesson has no text in the language asked for (nor its base)."""
        wanted = self.requested_language or self.language
        return self.language not in (wanted, wanted.split("_")[0])


def build_handout(pack: Pack, lesson_id: str, language: str) -> Handout:
    """The handout of ``pack``'s lesson ``lesson_id`` in ``language``.

    The text follows the pack's fallback chain, as in the lesson player (``fr_CA`` -> ``fr``
    -> the pack's default language); ``Handout.language`` says which was used. Raises
    ``LookupError`` (with a message for people) for an unknown lesson or a malformed
    language code.
    """
    lesson = pack.lessons.get(lesson_id)
    if lesson is None:
        raise LookupError(_("The pack {pack} has no lesson {lesson}.").format(
            pack=pack.id, lesson=lesson_id))
    if not LANGUAGE_PATTERN.match(language.strip()):
        raise LookupError(_("'{lang}' is not a language code: use codes like en, fr, fr-CA, "
                            "ar, es").format(lang=language))
    wanted = normalize_language(language.strip())
    text = lesson.text_for(wanted)
    steps = [handout_step(pack.root, step) for step in text.steps if _teaches(step)]
    pack_title = localized(pack.titles, text.language, pack.default_language)
    footer = in_language(N_("{pack}, version {version} · Navigator"), text.language)
    return Handout(
        pack_id=pack.id, lesson_id=lesson.id, language=text.language, title=text.title,
        objectives=[o for o in text.objectives if o.strip()], steps=steps,
        pack_title=pack_title, pack_version=pack.version,
        right_to_left=is_right_to_left(text.language), requested_language=wanted,
        footer=footer.format(pack=pack_title, version=pack.version),
        more=in_language(N_("More in the lesson in Navigator"), text.language))


def _teaches(step: Step) -> bool:
    return step.question is None and step.kind is StepKind.TEXT and not step.branch


def handout_step(root: Path, step: Step) -> HandoutStep:
    """A step's heading, its first picture (checked to be inside the pack) and its text."""
    picture: Path | None = None
    alt = ""
    found = _first_picture(step.body)
    if found is not None:
        src, alt = found
        picture = _inside(root, src)
        if picture is None:
            alt = ""
    html = _IMG_TAG.sub("", to_html(step.body))
    html = _EMPTY_PARAGRAPH.sub("", html).strip()
    return HandoutStep(title=step.title, picture=picture, alt=alt.strip(), html=html)


def _first_picture(markdown: str) -> tuple[str, str] | None:
    matches = [(m.start(), m.group("src"), m.group("alt")) for m in PICTURE.finditer(markdown)]
    matches += [(m.start(), m.group("src"), "") for m in HTML_IMG.finditer(markdown)]
    if not matches:
        return None
    _start, src, alt = min(matches)
    return src, alt


def _inside(root: Path, src: str) -> Path | None:
    """The picture's absolute path, or ``None`` if it is not a file in the pack's media."""
    if not is_pack_media(src):
        return None
    base = root.resolve()
    path = (base / Path(*PurePosixPath(src).parts)).resolve()
    return path if path.is_relative_to(base) and path.is_file() else None


def html_blocks(html: str) -> list[str]:
    """Split well-formed HTML (the sanitiser's output) into its top-level elements."""
    blocks: list[str] = []
    depth = 0
    start = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if depth == 0 and not closing:
            text_before = html[start:match.start()].strip()
            if text_before:
                blocks.append(text_before)
            start = match.start()
        if name in _VOID or self_closing:
            if depth == 0:
                blocks.append(html[start:match.end()])
                start = match.end()
            continue
        depth += -1 if closing else 1
        if depth == 0:
            blocks.append(html[start:match.end()].strip())
            start = match.end()
        depth = max(depth, 0)
    rest = html[start:].strip()
    if rest:
        blocks.append(rest)
    return [b for b in blocks if b]


@dataclass
class Cut:
    """What a sheet leaves out to fit one page: trailing blocks of steps, and late steps.

    The layout tries again after each :meth:`more`; titles are never cut, and one step is
    always kept.
    """

    blocks: dict[int, int]  # step index -> how many of its last blocks are left out
    steps: int  # how many steps are kept

    @classmethod
    def nothing(cls, handout: Handout) -> Cut:
        return cls({}, len(handout.steps))

    def trims(self, handout: Handout) -> bool:
        """True when anything is left out (the sheet then says there is more)."""
        return any(self.blocks.values()) or self.steps < len(handout.steps)

    def kept(self, index: int, step: HandoutStep) -> list[str]:
        """The step's blocks that stay, without a lead-in left dangling ("To turn off an
        iPhone:" when the list after it is cut)."""
        blocks = step.blocks
        drop = self.blocks.get(index, 0)
        if not drop:
            return list(blocks)
        kept = blocks[:max(len(blocks) - drop, 0)]
        while len(kept) > 1 and _ANY_TAG.sub("", kept[-1]).rstrip().endswith((":", "：")):
            kept.pop()
        return kept

    def more(self, handout: Handout) -> bool:
        """Leave out one more thing: the last block of the longest step that has more than
        one, else the last step. ``False`` when nothing more can go."""
        lengths = {}
        for index, step in enumerate(handout.steps[:self.steps]):
            blocks = step.blocks[:len(step.blocks) - self.blocks.get(index, 0)]
            if len(blocks) > 1:
                lengths[index] = sum(len(_ANY_TAG.sub("", b)) for b in blocks)
        if lengths:
            longest = max(lengths, key=lambda i: (lengths[i], i))
            self.blocks[longest] = self.blocks.get(longest, 0) + 1
            return True
        if self.steps > 1:
            self.steps -= 1
            return True
        return False


def find_builtin_lesson(ref: str) -> tuple[Pack, str]:
    """The built-in pack and lesson id for ``PACK_ID/LESSON_ID``.

    Raises ``LookupError`` with a message for people when there is no such lesson (or the
    built-in pack does not validate).
    """
    from navigator.content.loader import load_pack
    from navigator.content.manifest import peek_identity
    from navigator.content.problems import PackError
    from navigator.library import builtin_pack_folders
    from navigator.paths import curriculum_dir

    pack_id, _slash, lesson_id = ref.strip().partition("/")
    missing = LookupError(_("There is no built-in lesson {lesson}: give PACK_ID/LESSON_ID, "
                            "e.g. client-lessons/charge-the-phone.").format(lesson=ref))
    folder = next((f for f in builtin_pack_folders(curriculum_dir())
                   if (peek_identity(f) or ("",))[0] == pack_id), None)
    if folder is None or not lesson_id:
        raise missing
    try:
        pack = load_pack(folder)
    except PackError as exc:
        raise LookupError("\n".join(str(p) for p in exc.problems)) from exc
    if lesson_id not in pack.lessons:
        raise missing
    return pack, lesson_id
