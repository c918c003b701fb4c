"""Shared fixtures: a temporary data folder, services on the sample curriculum."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_CURRICULUM = DATA / "curriculum"
SAMPLE_PACK = SAMPLE_CURRICULUM / "sample"
BROKEN = DATA / "broken"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; no test touches the user's real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(folder))
    monkeypatch.setenv("NAVIGATOR_CONFIG_DIR", str(tmp_path / "config"))
    return folder


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A writable copy of the sample curriculum (tests may break or upgrade it)."""
    target = tmp_path / "curriculum"
    shutil.copytree(SAMPLE_CURRICULUM, target)
    return target


@pytest.fixture
def services(data_dir: Path, curriculum: Path) -> Iterator[object]:
    from navigator.services import Services

    started = Services.start(data_dir, curriculum=curriculum)
    yield started
    started.close()


@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    yield
    from navigator.i18n import set_language

    set_language("en")
