"""The row above a lesson step: Listen, Stop, why there is no sound, and Save the audio."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from navigator.i18n import _
from navigator.ui.audio_export import AudioExport
from navigator.ui.read_aloud import Part, ReadAloud
from navigator.ui.widgets import button, label


class ListenBar(QWidget):
    """Drives a :class:`ReadAloud` (set with :meth:`attach`): reads parts, shows Stop while
    speaking and the reason when nothing can be heard."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.reader: ReadAloud | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.listen = button(name="listen-step")
        self.stop_reading = button(name="stop-reading")
        self.stop_reading.hide()
        self.message = label(role="muted")
        self.message.setObjectName("speech-message")
        self.message.hide()
        self.audio_export = AudioExport(lambda: self._reader().engine)
        row.addWidget(self.listen)
        row.addWidget(self.stop_reading)
        row.addWidget(self.message, 1)
        row.addStretch(1)
        row.addWidget(self.audio_export)
        self.stop_reading.clicked.connect(self.stop)
        self.retranslate()

    def attach(self, reader: ReadAloud) -> None:
        self.reader = reader
        reader.speaking_changed.connect(self._speaking_changed)
        reader.failed.connect(self._failed)

    def retranslate(self) -> None:
        self.listen.setText("🔊 " + _("Listen"))
        self.listen.setAccessibleName(_("Listen to this step"))
        if not self.message.isVisible():
            self.listen.setToolTip(_("Listen to this step (Ctrl+L)"))
        self.stop_reading.setText("■ " + _("Stop"))
        self.stop_reading.setAccessibleName(_("Stop reading aloud"))
        self.audio_export.retranslate()

    @property
    def speaking(self) -> bool:
        return self.reader is not None and self.reader.speaking

    def read(self, parts: list[Part]) -> None:
        if self.reader is not None:
            self.message.hide()
            self.reader.read(parts)

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()

    def _reader(self) -> ReadAloud:
        assert self.reader is not None
        return self.reader

    def _speaking_changed(self, speaking: bool) -> None:
        refocus = self.stop_reading.hasFocus() or self.listen.hasFocus()
        self.stop_reading.setVisible(speaking)
        if refocus:
            (self.stop_reading if speaking else self.listen).setFocus()

    def _failed(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.listen.setAccessibleDescription(message)
        self.listen.setToolTip(message)
