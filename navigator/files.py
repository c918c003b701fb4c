"""Writing a file so that a failure or a cancel never leaves half of it behind."""

from __future__ import annotations

import contextlib
import errno
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


def write_text_atomically(target: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (``\n`` line ends) to ``TARGET.part``, flush it to the disk,
    check that all of it is there (a full disk can write less), then rename it over
    ``target``. On any failure ``target`` is as it was and the part is removed."""
    data = text.encode("utf-8")
    part = target.with_name(target.name + ".part")
    try:
        with open(part, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if part.stat().st_size != len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        os.replace(part, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
