"""Pictures in lessons: only files inside the pack's ``media/`` folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from navigator.content.problems import Problems
from navigator.i18n import _

MEDIA_DIR = "media"
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMG = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)
# For pictures() and html_pictures(): where a picture's source starts, where a tag starts.
_SOURCE = re.compile(r"\]\(\s*<?[^)\s>]+")
_IMG_TAG = re.compile(r"<img\b", re.IGNORECASE)
PICTURE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_pack_media(src: str) -> bool:
    """True for a relative path like ``media/x.svg`` that stays inside ``media/``."""
    if SCHEME.match(src) or src.startswith(("/", "\\")) or "\\" in src:
        return False
    parts = PurePosixPath(src).parts
    return len(parts) >= 2 and parts[0] == MEDIA_DIR and ".." not in parts


def pictures(text: str) -> list[re.Match[str]]:
    """``PICTURE.finditer(text)``, in time linear in the length of ``text``.

    ``finditer`` tries every ``![``: on a line of 100 KB of ``![`` or ``![a](`` each try reads
    to the end, which took minutes. A picture's description ends at the first ``]``, so every
    ``![`` before that ``]`` succeeds or fails together; and when a source runs on without
    closing, every picture whose source lies inside that run fails too.
    """
    found: list[re.Match[str]] = []
    pos = dead = 0
    while (start := text.find("![", pos)) >= 0:
        close = text.find("]", start + 2)
        if close < 0:
            break
        pos = close + 1
        if close + 2 < dead:
            continue  # its source lies inside one already known not to close
        source = _SOURCE.match(text, close)
        if source is None:
            continue
        match = PICTURE.match(text, start)
        if match is None:
            dead = source.end()
            continue
        found.append(match)
        pos = match.end()
    return found


def html_pictures(text: str) -> list[re.Match[str]]:
    """``HTML_IMG.finditer(text)``, in time linear in the length of ``text``: every ``<img``
    before the same ``>`` finds the same (last) ``src``, so each tag is read once."""
    found: list[re.Match[str]] = []
    pos = 0
    while (tag := _IMG_TAG.search(text, pos)) is not None:
        match = HTML_IMG.match(text, tag.start())
        if match is not None:
            found.append(match)
        end = text.find(">", tag.start())
        if end < 0:
            break
        pos = end + 1
    return found


def check_pictures(body: list[tuple[int, str]], path: Path, root: Path,
                   problems: Problems) -> None:
    """Every picture has a description, lives in ``media/`` and exists."""
    for number, line in body:
        sources = [(m.group("src"), m.group("alt")) for m in pictures(line)]
        sources += [(m.group("src"), None) for m in html_pictures(line)]
        for src, alt in sources:
            if not is_pack_media(src):
                problems.error(path, number, _(
                    "the picture '{src}' is outside the pack: copy it into the pack's media "
                    "folder and write media/NAME").format(src=src))
                continue
            if alt is not None and not alt.strip():
                problems.error(path, number, _(
                    "the picture '{src}' has no description: write what it shows between "
                    "the square brackets, ![like this](media/NAME)").format(src=src))
            target = root / Path(*PurePosixPath(src).parts)
            if target.suffix.lower() not in PICTURE_TYPES:
                problems.error(path, number, _(
                    "'{src}' is not a picture Navigator can show: use PNG, JPEG, GIF, WebP "
                    "or SVG").format(src=src))
            elif not target.is_file():
                problems.error(path, number, _("the picture '{src}' is not in the pack")
                               .format(src=src))
            elif target.is_symlink():
                problems.error(path, number, _(
                    "the picture '{src}' is a link: copy the picture itself into media/"
                ).format(src=src))
