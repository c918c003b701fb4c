"""Save a lesson's audio as a WAV file (for a client to take home, or a trainer to check the
pronunciation), on the speech engine's thread, with a progress bar and Cancel."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QWidget

from navigator.core.model import LessonText
from navigator.formatting import format_number
from navigator.i18n import _
from navigator.speech import SpeechEngine, SpeechUnavailable, Synthesis
from navigator.speech.text import lesson_script
from navigator.ui.bridge import FutureBridge
from navigator.ui.widgets import BusyRow, button


class AudioExport(QWidget):
    """"Save the audio…", then a busy bar with Cancel while the file is made. The file is
    written beside its target and renamed at the end: a cancelled export leaves nothing."""

    def __init__(self, engine: Callable[[], SpeechEngine], parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.rate = 1.0
        self.choose_file: Callable[[str], str] = self._ask_for_file
        self.bridge = FutureBridge(self)
        self._future: Future[Synthesis] | None = None
        self._part: Path | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.save = button(name="save-audio")
        self.busy_row = BusyRow("audio")
        self.bar, self.cancel_button = self.busy_row.bar, self.busy_row.cancel
        layout.addWidget(self.save)
        layout.addWidget(self.busy_row, 1)
        self.cancel_button.clicked.connect(self.cancel)
        self._show_busy(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.save.setText(_("Save the audio…"))
        self.save.setAccessibleName(_("Save this lesson's audio as a sound file"))
        self.busy_row.set_text(_("Making the sound file…"), _("Cancel"))

    @property
    def busy(self) -> bool:
        return self._future is not None

    def export(self, text: LessonText, suggested_name: str) -> None:
        """Ask where to save, then read the whole lesson into that file."""
        if self.busy:
            return
        chosen = self.choose_file(suggested_name)
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".wav":
            target = target.with_name(target.name + ".wav")
        part = target.with_name(target.name + ".part")
        try:
            future = self.engine().synthesize(lesson_script(text), text.language, self.rate,
                                              path=part)
        except ValueError:
            return
        self._future, self._part = future, part
        self._show_busy(True)
        self.bridge.watch(future, lambda result: self._done(result, target),
                          lambda error: self._failed(error, target))

    def cancel(self) -> None:
        future = self._future
        if future is not None:
            future.cancel()
            self._finish()

    # --- inside -----------------------------------------------------------------------------

    def _ask_for_file(self, suggested_name: str) -> str:
        music = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MusicLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the lesson's audio"), str(Path(music) / suggested_name),
            _("Sound files (*.wav)"))
        return chosen

    def _show_busy(self, busy: bool) -> None:
        self.save.setVisible(not busy)
        self.busy_row.setVisible(busy)
        (self.cancel_button if busy else self.save).setFocus()

    def _finish(self) -> None:
        part, self._part, self._future = self._part, None, None
        if part is not None:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
        self._show_busy(False)

    def _done(self, result: Synthesis, target: Path) -> None:
        if self._part is None or self._part != result.path:
            return  # cancelled meanwhile
        try:
            os.replace(result.path, target)
        except OSError as exc:
            self._failed(exc, target)
            return
        self._finish()
        QMessageBox.information(self, _("Sound file saved"), _(
            "The lesson's audio ({seconds} seconds) is saved here:\n{path}").format(
                seconds=format_number(round(result.duration_ms / 1000, 1)), path=target))

    def _failed(self, error: BaseException, target: Path) -> None:
        if self._future is None or isinstance(error, CancelledError):
            return
        self._finish()
        if isinstance(error, SpeechUnavailable):
            message = error.message
        else:
            message = _("Navigator could not write the sound file {path} ({error}). Choose "
                        "another folder, or free some space, and try again.").format(
                            path=target, error=error)
        QMessageBox.warning(self, _("The sound file could not be made"), message)
