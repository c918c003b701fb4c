"""Writing a file so that a failure or a cancel never leaves half of it behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path


@contextlib.contextmanager
def written_beside(target: Path, *, empty_message: str,
                   cancelled: Callable[[], bool] = lambda: False) -> Iterator[Path]:
    """Yield ``TARGET.part`` to write; when the block ends, it replaces ``target``.

    It does not when the block raises, when ``cancelled()`` is true (``CancelledError``), or
    when the part is missing or empty (``OSError(empty_message)``, e.g. a full disk): then the
    part is removed and an existing ``target`` is kept as it was.
    """
    part = target.with_name(target.name + ".part")
    try:
        yield part
        if cancelled():
            raise CancelledError
        if not part.is_file() or part.stat().st_size == 0:
            raise OSError(empty_message)
        os.replace(part, target)
    finally:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            part.unlink()
