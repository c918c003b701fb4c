"""Pictures in lessons: only files inside the pack's ``media/`` folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from navigator.content.problems import Problems
from navigator.i18n import _

MEDIA_DIR = "media"
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMG = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.IGNORECASE)
PICTURE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_pack_media(src: str) -> bool:
    """True for a relative path like ``media/x.svg`` that stays inside ``media/``."""
    if SCHEME.match(src) or src.startswith(("/", "\\")) or "\\" in src:
        return False
    parts = PurePosixPath(src).parts
    return len(parts) >= 2 and parts[0] == MEDIA_DIR and ".." not in parts


def check_pictures(body: list[tuple[int, str]], path: Path, root: Path,
                   problems: Problems) -> None:
    """Every picture has a description, lives in ``media/`` and exists."""
    for number, line in body:
        sources = [(m.group("src"), m.group("alt")) for m in PICTURE.finditer(line)]
        sources += [(m.group("src"), None) for m in HTML_IMG.finditer(line)]
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
