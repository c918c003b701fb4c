"""The View menu: text size (100% to 200%), high contrast and reading speed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from navigator.formatting import format_number, format_percentage
from navigator.i18n import _
from navigator.storage.settings import Settings
from navigator.ui.theme import TEXT_SCALES

SPEECH_RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class ViewMenu(QObject):
    """Emits ``changed(Settings)`` when the learner picks a size, contrast or speed."""

    changed = Signal(object)

    def __init__(self, menu_bar: QMenuBar):
        super().__init__(menu_bar)
        self.settings = Settings()
        self.menu = menu_bar.addMenu("")
        self.menu.setObjectName("view-menu")

        self.bigger = QAction(self)
        self.bigger.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.bigger.triggered.connect(lambda: self._step_size(+1))
        self.smaller = QAction(self)
        self.smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.smaller.triggered.connect(lambda: self._step_size(-1))
        self.menu.addAction(self.bigger)
        self.menu.addAction(self.smaller)

        self.size_menu, self.size_actions = self._choices(
            TEXT_SCALES, lambda s: self._set(text_scale=s))
        self.menu.addMenu(self.size_menu)

        self.contrast = QAction(self)
        self.contrast.setObjectName("high-contrast")
        self.contrast.setCheckable(True)
        self.contrast.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.contrast.triggered.connect(lambda on: self._set(high_contrast=bool(on)))
        self.menu.addSeparator()
        self.menu.addAction(self.contrast)

        self.speed_menu, self.speed_actions = self._choices(
            SPEECH_RATES, lambda r: self._set(speech_rate=r))
        self.menu.addSeparator()
        self.menu.addMenu(self.speed_menu)
        self.retranslate()

    def _choices(self, values: tuple[float, ...],
                 pick: Callable[[float], None]) -> tuple[QMenu, dict[float, QAction]]:
        """A submenu of exclusive, checkable values (their texts are set by retranslate)."""
        menu = QMenu(self.menu)
        group = QActionGroup(self)
        actions: dict[float, QAction] = {}
        for value in values:
            action = QAction(self)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, v=value: pick(v))
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        return menu, actions

    def show_settings(self, settings: Settings) -> None:
        """Tick what ``settings`` says (without emitting ``changed``)."""
        self.settings = settings
        nearest = min(TEXT_SCALES, key=lambda s: abs(s - settings.text_scale))
        self.size_actions[nearest].setChecked(True)
        rate = min(SPEECH_RATES, key=lambda r: abs(r - settings.speech_rate))
        self.speed_actions[rate].setChecked(True)
        self.contrast.setChecked(settings.high_contrast)
        self.bigger.setEnabled(settings.text_scale < TEXT_SCALES[-1])
        self.smaller.setEnabled(settings.text_scale > TEXT_SCALES[0])

    def retranslate(self) -> None:
        self.menu.setTitle(_("&View"))
        self.bigger.setText(_("&Bigger text"))
        self.smaller.setText(_("&Smaller text"))
        self.size_menu.setTitle(_("&Text size"))
        for scale, action in self.size_actions.items():
            action.setText(format_percentage(scale * 100))
        self.contrast.setText(_("&High contrast"))
        self.speed_menu.setTitle(_("&Reading speed"))
        for rate, action in self.speed_actions.items():
            action.setText(_("{rate}× (normal)").format(rate=format_number(rate)) if rate == 1
                           else _("{rate}×").format(rate=format_number(rate)))

    def _step_size(self, direction: int) -> None:
        current = min(range(len(TEXT_SCALES)),
                      key=lambda i: abs(TEXT_SCALES[i] - self.settings.text_scale))
        target = min(max(current + direction, 0), len(TEXT_SCALES) - 1)
        self._set(text_scale=TEXT_SCALES[target])

    def _set(self, **changes: object) -> None:
        settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if settings != self.settings:
            self.show_settings(settings)
            self.changed.emit(settings)
