"""Qt's own strings (dialog buttons, context menus) in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from navigator.core.model import normalize_language
from navigator.paths import translations_dir

_installed: list[QTranslator] = []


def qt_translation_folders() -> list[str]:
    """Where ``qtbase_*.qm`` files are: Qt's own folder, then ours (bundled apps)."""
    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(translations_dir() / "qt")]


def install_qt_translations(language: str) -> bool:
    """Replace Qt's translator with ``qtbase`` for ``language``; True when one was found.

    English needs none: Qt's strings are written in English.
    """
    app = QApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = normalize_language(language)
    if code.split("_")[0] == "en":
        return False
    for name in dict.fromkeys((code, code.split("_")[0])):
        for folder in qt_translation_folders():
            translator = QTranslator(app)
            if translator.load(f"qtbase_{name}", folder):
                app.installTranslator(translator)
                _installed.append(translator)
                return True
    return False


def loaded_files() -> list[str]:
    """The ``.qm`` files of Qt's own strings in use (none in English)."""
    return [translator.filePath() for translator in _installed]


def system_language() -> str:
    """The computer's language, like ``fr_CA``."""
    return normalize_language(QLocale.system().name())
