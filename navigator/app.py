"""Composition root: builds the services, the QApplication and the main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from navigator import __version__, paths
from navigator.i18n import _, set_language
from navigator.instance_lock import InstanceLock
from navigator.services import Services
from navigator.storage.backup import replace_with_backup
from navigator.storage.database import DatabaseUnavailable
from navigator.ui.main_window import MainWindow, default_language
from navigator.ui.startup_messages import (
    already_running_message,
    isolated,
    recovery_message,
)
from navigator.ui.theme import apply_theme


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("Navigator")
        app.setOrganizationName("Navigator")
        app.setDesktopFileName(paths.APP_ID)  # Wayland and docks match the .desktop file
        app.setApplicationVersion(__version__)
        app.setWindowIcon(QIcon(str(paths.app_icon_path())))
        apply_theme(app)
    return app


ALREADY_RUNNING = 3  # exit status of a second app on the same data folder


def run_gui(*, data_dir: Path | None = None, quit_after_start: bool = False,
            leave_at_once: bool = False) -> int:
    """Open the app; with ``quit_after_start``, quit as soon as the window is shown.

    With ``leave_at_once`` (the ``navigator`` command), the process ends as soon as the
    database is closed and the lock released: the interpreter does not take every Qt object
    and module apart one by one first (70 ms on a 2-core laptop, more on an old one)."""
    code = _run_gui(data_dir, quit_after_start)
    if leave_at_once:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run_gui(data_dir: Path | None, quit_after_start: bool) -> int:
    app = make_application()
    set_language(default_language())  # until someone signs in: the computer's language
    folder = data_dir or paths.data_dir()
    lock = InstanceLock(folder)
    try:
        locked = lock.acquire()
    except OSError as exc:
        locked = True  # no lock on this disk (rare): SQLite still keeps writes safe
        print(f"navigator: no instance lock in {folder}: {exc}", file=sys.stderr)
    if not locked:
        lock.ask_holder_to_come_forward()
        message = already_running_message(str(folder))
        print(message, file=sys.stderr)
        if not quit_after_start:
            QMessageBox.information(None, _("Navigator is already open"), message)
        return ALREADY_RUNNING
    try:
        return _run_window(app, folder, lock, quit_after_start)
    finally:
        lock.release()


def _run_window(app: QApplication, folder: Path, lock: InstanceLock,
                quit_after_start: bool) -> int:
    restored: tuple[Path, Path] | None = None  # (backup put back, database set aside)
    while True:
        try:
            services = Services.start(folder, recover=True)
        except DatabaseUnavailable as exc:
            print(exc.message, file=sys.stderr)
            if not quit_after_start:  # a smoke test has nobody to close the dialog
                QMessageBox.critical(None, _("Navigator cannot start"), exc.message)
            return 2
        window = MainWindow(services)
        code = _show(app, window, services, lock, quit_after_start, restored)
        if window.pending_restore is None:
            return code
        restored = restore_backup(folder, window.pending_restore)


def restore_backup(folder: Path, backup: Path) -> tuple[Path, Path]:
    """With the app's database closed: set it aside and put ``backup`` in its place."""
    return backup, replace_with_backup(paths.database_path(folder), backup)


def _show(app: QApplication, window: MainWindow, services: Services, lock: InstanceLock,
          quit_after_start: bool, restored: tuple[Path, Path] | None) -> int:
    window.show()
    watcher = come_forward_on_request(window, lock)  # noqa: F841 (kept alive)
    if services.recovery is not None:
        print(recovery_message(services.recovery), file=sys.stderr)
        if not quit_after_start:
            tell_recovery(window, services)
    if restored is not None:
        message = _("The backup {backup} is back in place. The data it replaced is kept as "
                    "{aside}.").format(backup=restored[0].name, aside=isolated(restored[1]))
        QTimer.singleShot(0, window, lambda: QMessageBox.information(
            window, _("Restore a backup"), message))
    sender = None
    later: list[QTimer] = []
    if quit_after_start:
        print(startup_report(window, services), flush=True)
        QTimer.singleShot(0, app.quit)
    else:  # learning records go to the LRS, when one is set up, every few minutes
        from navigator.xapi.lrs_config import load
        from navigator.xapi.sync import BackgroundSync

        sender = BackgroundSync(services.lane, load)
        later = [one_shot(10_000, sender.start),  # after start-up, not during it
                 one_shot(5_000, services.backup_if_due)]  # the day's backup, if due
    try:
        return app.exec()
    finally:
        for timer in later:
            timer.stop()
        if sender is not None:
            sender.stop()
        # Checked, then backed up; not when a backup is about to replace it.
        services.close(backup=not quit_after_start and window.pending_restore is None)


def tell_recovery(window: MainWindow, services: Services) -> None:
    """Once the window is up: what was repaired, and what may be missing."""
    if services.recovery is not None:
        message = recovery_message(services.recovery)
        QTimer.singleShot(0, window, lambda: QMessageBox.warning(
            window, _("Navigator repaired its data"), message))


def one_shot(msec: int, action: Callable[[], object]) -> QTimer:
    """A timer that runs ``action`` once; stop it to cancel."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(action)
    timer.start(msec)
    return timer


def come_forward_on_request(window: MainWindow, lock: InstanceLock) -> QFileSystemWatcher:
    """Bring ``window`` forward when a second app leaves its request in the data folder."""
    watcher = QFileSystemWatcher([str(lock.folder)], window)

    def changed(_path: str) -> None:
        if lock.take_raise_request():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.show()
            window.raise_()
            window.activateWindow()

    watcher.directoryChanged.connect(changed)
    return watcher


def startup_report(window: MainWindow, services: Services) -> str:
    """What ``--quit-after-start`` prints: enough to tell that an installed copy found its
    data folder, its built-in packs, its catalogs and its icon."""
    from navigator.i18n import catalog_file, current_language
    from navigator.storage.repository import installed_versions
    from navigator.ui.qt_translations import loaded_files

    packs = services.lane.call(installed_versions)
    builtin = sorted(f"{pack_id} {version}" for pack_id, (version, *_rest) in packs.items())
    screen = window.stack.currentWidget()
    heading = next((label.text() for label in screen.findChildren(QLabel)
                    if label.property("role") == "title" and label.text()), "")
    app = QApplication.instance()
    icon = isinstance(app, QApplication) and not app.windowIcon().isNull()
    lines = [
        f"Navigator {__version__}",
        f"data folder: {services.data_dir}",
        "database check: " + ("quick_check passed" if services.checked
                              else "skipped, unchanged since it last passed quick_check"),
        f"packs installed: {len(packs)} ({', '.join(builtin)})",
        *(f"pack not installed: {failure.folder} ({len(failure.problems)} problems)"
          for failure in services.pack_failures),
        f"interface language: {current_language()}",
        f"catalog: {catalog_file() or 'none (English)'}",
        f"Qt translations: {', '.join(loaded_files()) or 'none'}",
        f"screen: {screen.objectName() or type(screen).__name__}: {heading}",
        f"window icon: {'yes' if icon else 'no'}",
    ]
    return "\n".join(lines)


def take_screenshots(outdir: Path, *, language: str = "en", scale: float = 1.0) -> int:
    """Render every main screen on sample data in a temporary data folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    make_application()
    from navigator.ui.screenshots import capture_all

    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="navigator-shots-") as tmp:
        services = Services.start(Path(tmp))
        try:
            written = capture_all(services, outdir, language=language)
        finally:
            services.close()
            set_language("en")
    for path in written:
        print(path)
    return 0


def write_handout_file(ref: str, language: str, out: Path) -> Path:
    """Write the handout of the built-in lesson ``ref`` (``PACK_ID/LESSON_ID``) in
    ``language`` as a one-page PDF at ``out`` (``navigator handout``); return ``out``.

    Raises ``LookupError`` for an unknown lesson and ``OSError`` when the file cannot be
    written. Works without a display (offscreen) for scripts and servers.
    """
    if sys.platform not in ("win32", "darwin") and not (os.environ.get("DISPLAY")
                                                        or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    from navigator.handout import build_handout, find_builtin_lesson
    from navigator.ui.handout_pdf import write_handout_pdf

    pack, lesson_id = find_builtin_lesson(ref)
    return write_handout_pdf(build_handout(pack, lesson_id, language), out)
