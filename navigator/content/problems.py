"""Problems found in a pack: each names a file and a line and says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PackError(Exception):
    """A pack cannot be used; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    """``file:line: message``. ``line`` is 1-based; 0 means the whole file."""

    file: Path
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        tag = "warning: " if self.warning else ""
        return f"{where}: {tag}{self.message}"


class Problems:
    """Collects problems while a pack is read, relative to the pack's folder."""

    def __init__(self, root: Path, display_root: Path | None = None):
        self.root = root
        self.display_root = display_root if display_root is not None else root
        self.items: list[Problem] = []

    def _display(self, path: Path) -> Path:
        try:
            return self.display_root / path.relative_to(self.root)
        except ValueError:
            return path

    def error(self, path: Path, line: int, message: str) -> None:
        self.items.append(Problem(self._display(path), line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.items.append(Problem(self._display(path), line, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]
