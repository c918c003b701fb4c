"""Policy tests: layering, no work at import time, lint."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import navigator
from tests.conftest import ROOT


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(navigator.__path__, "navigator."):
        if info.name.startswith("navigator.ui") or info.name == "navigator.app":
            continue
        names.append(info.name)
    return sorted(names)


def test_core_and_services_never_import_qt():
    """Every module outside navigator.ui and navigator.app imports without PySide6."""
    modules = non_ui_modules()
    assert "navigator.core.model" in modules and "navigator.storage.lane" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "    assert 'PySide6' not in sys.modules, name\n"
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


def test_importing_the_app_does_no_work():
    """Importing every module creates no QApplication, opens no file and translates nothing."""
    code = ("import pkgutil, importlib, navigator\n"
            "for i in pkgutil.walk_packages(navigator.__path__, 'navigator.'):\n"
            "    importlib.import_module(i.name)\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "assert QCoreApplication.instance() is None\n"
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, env={"NAVIGATOR_DATA_DIR": "/nonexistent/x",
                                                       "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "ok", result.stderr


def test_ruff_is_clean():
    """The code passes the project's ruff rules."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "."],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_fit_in_a_head():
    """No module grows past ~400 lines."""
    long = [(p.relative_to(ROOT), n) for p in (ROOT / "navigator").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420]
    assert long == []
