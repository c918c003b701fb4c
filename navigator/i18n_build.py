"""Compile the translation catalogs (``.po`` -> ``.mo``) with Babel.

Run by the quick-start script and by packaging: ``python -m navigator.i18n_build``.
A catalog is rebuilt only when its ``.po`` file is newer than its ``.mo`` file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.i18n import DOMAIN
from navigator.paths import translations_dir


def compile_catalogs(root: Path | None = None, *, force: bool = False) -> list[Path]:
    """Compile each ``<lang>/LC_MESSAGES/navigator.po`` under ``root``; return the ``.mo`` files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = root or translations_dir()
    written: list[Path] = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as f:
            write_mo(f, catalog)
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compile Navigator's translation catalogs.")
    parser.add_argument("--force", action="store_true", help="rebuild every catalog")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    for path in compile_catalogs(force=args.force):
        if not args.quiet:
            print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
