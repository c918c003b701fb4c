"""Tap the right spot on a picture: mouse, touch or keyboard (arrows between spots, Enter)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from navigator.content.media import is_pack_media
from navigator.core.model import Spot
from navigator.i18n import _
from navigator.ui.theme import is_high_contrast, palette_colour

MAX_WIDTH = 480  # 360 px high for a 4:3 picture: the question stays in view
ARROWS = (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up)


def load_picture(root: Path | None, src: str) -> QImage | QSvgRenderer | None:
    """The pack picture ``src`` (only from its ``media/`` folder), or ``None``."""
    if root is None or not is_pack_media(src):
        return None
    path = (root / src).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        return renderer if renderer.isValid() else None
    image = QImage(str(path))
    return None if image.isNull() else image


class PictureCanvas(QWidget):
    """A pack picture drawn at most ``max_width`` wide, keeping its proportions, with spots
    mapped from percent of the picture to the widget. The learner's spot picture and the
    trainer's spot editor both draw on one."""

    max_width = MAX_WIDTH
    fit_height = False  # also shrink to the height the layout gives

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._picture: QImage | QSvgRenderer | None = None
        self._aspect = 0.75

    def load(self, root: Path | None, src: str) -> None:
        """Show the pack picture ``src`` (nothing when it is missing or unreadable)."""
        self._picture = load_picture(root, src) if src else None
        size = QSize(320, 240)
        if isinstance(self._picture, QSvgRenderer):
            size = self._picture.defaultSize()
        elif isinstance(self._picture, QImage):
            size = self._picture.size()
        self._aspect = size.height() / size.width() if size.width() > 0 else 0.75
        self.updateGeometry()
        self.update()

    @property
    def has_picture(self) -> bool:
        return self._picture is not None

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return round(min(width, self.max_width) * self._aspect)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.max_width, self.heightForWidth(self.max_width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.heightForWidth(200))

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: as wide as allowed, centred."""
        width = min(self.width(), self.max_width)
        if self.fit_height:
            width = min(width, self.height() / self._aspect)
        return QRectF((self.width() - width) / 2, 0, width, width * self._aspect)

    def rect_of(self, spot: Spot) -> QRectF:
        """A spot (percent of the picture) in the widget's coordinates."""
        area = self.picture_rect()
        left, top, width, height = spot
        return QRectF(area.x() + area.width() * left / 100, area.y() + area.height() * top / 100,
                      area.width() * width / 100, area.height() * height / 100)

    def paint_picture(self, painter: QPainter, missing: str) -> QRectF:
        """Draw the picture (on white paper in high contrast), or a dashed frame saying
        ``missing`` where it would be; returns where."""
        area = self.picture_rect()
        if is_high_contrast():  # black line drawings need their white paper
            painter.fillRect(area, QColor("white"))
        if isinstance(self._picture, QSvgRenderer):
            self._picture.render(painter, area)
        elif isinstance(self._picture, QImage):
            painter.drawImage(area, self._picture)
        else:
            painter.setPen(QPen(palette_colour("border"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(area.adjusted(1, 1, -1, -1))
            painter.setPen(palette_colour("text"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             missing)
        return area


class SpotPicture(PictureCanvas):
    """Draws a picture; ``picked(index)`` when a spot is tapped, ``missed`` outside spots.

    With the keyboard, the arrow keys move a visible focus ring from spot to spot and Enter
    or Space picks it. Once answered, the right spot and the learner's spot are outlined.
    """

    picked = Signal(int)
    missed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("spot-picture")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._spots: list[Spot] = []
        self._names: list[str] = []
        self.selected: int | None = None
        self.focused = 0
        self._keyboard = False
        self.answer: tuple[int | None, int | None] | None = None  # (chosen, right)

    def set_picture(self, root: Path | None, src: str, alt: str, spots: list[Spot],
                    names: list[str]) -> None:
        self._spots, self._names = spots, names
        self.load(root, src)
        self.selected, self.focused, self.answer = None, 0, None
        self.setAccessibleName(alt or _("Picture"))
        self.setAccessibleDescription(_(
            "Tap the right spot on the picture. With the keyboard, use the arrow keys to go "
            "from spot to spot and press Enter to choose."))
        self.updateGeometry()
        self.update()

    def spot_rect(self, index: int) -> QRectF:
        return self.rect_of(self._spots[index])

    def spot_at(self, point: QPointF) -> int | None:
        """The smallest spot under ``point`` (so a button inside a screen wins)."""
        hits = [i for i in range(len(self._spots)) if self.spot_rect(i).contains(point)]
        if not hits:
            return None
        return min(hits, key=lambda i: self._spots[i][2] * self._spots[i][3])

    # --- input ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.answer is not None or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._keyboard = False
        index = self.spot_at(event.position())
        if index is None:
            if self.picture_rect().contains(event.position()):
                self.missed.emit()
            return None
        self.pick(index)
        return None

    def pick(self, index: int) -> None:
        if self.answer is not None or not 0 <= index < len(self._spots):
            return
        self.selected = index
        self.focused = index
        self.update()
        self.picked.emit(index)

    def event(self, event: QEvent) -> bool:
        """Keep the arrow keys, Space and (on a spot not yet picked) Enter from the lesson
        player's shortcuts while the learner is choosing."""
        if (event.type() == QEvent.Type.ShortcutOverride and self.answer is None
                and self._spots and isinstance(event, QKeyEvent)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if key in ARROWS or key == Qt.Key.Key_Space or (
                    enter and self.selected != self.focused):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        count = len(self._spots)
        if self.answer is None and count and key in (
                Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft and key in (
                    Qt.Key.Key_Left, Qt.Key.Key_Right):
                step = -step
            self._keyboard = True
            self.focused = (self.focused + step) % count
            self.setAccessibleName(self._names[self.focused])
            self.update()
            return
        if self.answer is None and count and key in (
                Qt.Key.Key_Space, Qt.Key.Key_Select, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.pick(self.focused)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self._keyboard = True
        super().focusInEvent(event)

    # --- drawing --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_picture(painter, _("The picture is missing."))
        if self.answer is not None:
            chosen, right = self.answer
            if right is not None:
                self._outline(painter, right, palette_colour("ok"), Qt.PenStyle.SolidLine, "✓")
            if chosen is not None and chosen != right:
                self._outline(painter, chosen, palette_colour("bad"), Qt.PenStyle.DashLine,
                              "✗")
        else:
            if self.selected is not None:
                self._outline(painter, self.selected, palette_colour("accent"),
                              Qt.PenStyle.SolidLine)
            if self.hasFocus() and self._keyboard and self._spots:
                self._outline(painter, self.focused, palette_colour("focus"),
                              Qt.PenStyle.DotLine)
        painter.end()

    def _outline(self, painter: QPainter, index: int, colour: QColor,
                 style: Qt.PenStyle, mark: str = "") -> None:
        """A ring around a spot; ``mark`` (✓ or ✗) in a badge says right or wrong without
        relying on colour."""
        rect = self.spot_rect(index).adjusted(-3, -3, 3, 3)
        halo = QPen(QColor("white"), 7)
        painter.setPen(halo)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QPen(colour, 4, style))
        painter.drawRoundedRect(rect, 6, 6)
        if mark:
            size = 26
            badge = QRectF(rect.right() - size / 2, rect.top() - size / 2, size, size)
            painter.setPen(QPen(QColor("white"), 2))
            painter.setBrush(colour)
            painter.drawEllipse(badge)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
