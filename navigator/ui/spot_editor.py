"""Draw the spots of a "tap the spot" question on its picture, with the mouse or the keyboard.

Trainers find a spot by looking, not by measuring pixels: they drag a box over the place on
the picture. The region is kept in percent of the picture (whole numbers, inside 0–100), the
same numbers the Markdown holds, so the picture can be any size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from navigator.core.model import Spot
from navigator.i18n import _
from navigator.ui.spot_picture import PictureCanvas
from navigator.ui.theme import COLORS, palette_colour

MAX_WIDTH = 560
DRAG_MIN = 4  # pixels: a shorter drag is a click, which selects the spot under the pointer
NEW_SPOT: Spot = (40.0, 40.0, 20.0, 20.0)  # a spot made with the keyboard, then moved
MOVES = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
         Qt.Key.Key_Down: (0, 1)}


def clamp_spot(left: float, top: float, width: float, height: float) -> Spot:
    """Whole percent, at least 1 wide and high, and inside the picture."""
    width = min(max(round(width), 1), 100)
    height = min(max(round(height), 1), 100)
    left = min(max(round(left), 0), 100 - width)
    top = min(max(round(top), 0), 100 - height)
    return (float(left), float(top), float(width), float(height))


def spot_words(spot: Spot) -> str:
    """The four numbers in words, for the label under the picture and screen readers."""
    left, top, width, height = (f"{n:g}" for n in spot)
    return _("left {left}%, top {top}%, width {width}%, height {height}%").format(
        left=left, top=top, width=width, height=height)


class SpotEditor(PictureCanvas):
    """The picture with every option's spot, numbered; the selected one can be redrawn.

    ``selected_changed(index)`` when a click picks another option's spot;
    ``spot_changed(index)`` when the selected option's spot was drawn, moved or resized.
    """

    selected_changed = Signal(int)
    spot_changed = Signal(int)
    max_width = MAX_WIDTH
    fit_height = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("spot-editor")
        self.setCursor(Qt.CursorShape.CrossCursor)
        # Picture coordinates run left to right whatever the language of the lesson.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAccessibleName(_("Spots on the picture"))
        self.setAccessibleDescription(_(
            "Drag on the picture to draw the spot of the selected option. With the keyboard, "
            "the arrow keys move the spot and Shift with the arrow keys changes its size."))
        self.spots: list[Spot | None] = []
        self.right: list[bool] = []
        self.selected = -1
        self._press: QPointF | None = None
        self._drag: QRectF | None = None

    # --- what it shows --------------------------------------------------------------------

    def set_picture(self, root: Path | None, src: str) -> None:
        """Show the pack picture ``src`` (``media/NAME``), or a frame saying it is missing."""
        self.load(root, src)

    def set_spots(self, spots: list[Spot | None], right: list[bool]) -> None:
        """Every option's spot (``None``: not drawn yet) and whether it is the right one."""
        self.spots = list(spots)
        self.right = list(right) + [False] * (len(spots) - len(right))
        if self.selected >= len(self.spots):
            self.selected = len(self.spots) - 1
        self._describe()
        self.update()

    def select(self, index: int) -> None:
        """Make ``index`` the option whose spot the mouse and the keys change."""
        if index == self.selected or not -1 <= index < len(self.spots):
            return
        self.selected = index
        self._describe()
        self.update()

    def _describe(self) -> None:
        """The selected spot in words, so a screen reader can say where it is."""
        base = _("Spots on the picture")
        if 0 <= self.selected < len(self.spots):
            spot = self.spots[self.selected]
            where = spot_words(spot) if spot else _("no spot yet")
            base = _("Spot of option {number}: {where}").format(number=self.selected + 1,
                                                                where=where)
        self.setAccessibleName(base)

    # --- geometry -------------------------------------------------------------------------

    def spot_rect(self, spot: Spot) -> QRectF:
        return self.rect_of(spot)

    def _percent(self, point: QPointF) -> tuple[float, float]:
        area = self.picture_rect()
        x = (point.x() - area.x()) / area.width() * 100 if area.width() else 0.0
        y = (point.y() - area.y()) / area.height() * 100 if area.height() else 0.0
        return min(max(x, 0.0), 100.0), min(max(y, 0.0), 100.0)

    def spot_at(self, point: QPointF) -> int | None:
        """The smallest spot under ``point`` (a button inside a screen wins)."""
        hits = [i for i, s in enumerate(self.spots) if s and self.spot_rect(s).contains(point)]
        if not hits:
            return None
        return min(hits, key=lambda i: self.spots[i][2] * self.spots[i][3])  # type: ignore[index]

    # --- changes --------------------------------------------------------------------------

    def set_selected_spot(self, spot: Spot) -> None:
        if not 0 <= self.selected < len(self.spots):
            return
        spot = clamp_spot(*spot)
        if spot == self.spots[self.selected]:
            return
        self.spots[self.selected] = spot
        self._describe()
        self.update()
        self.spot_changed.emit(self.selected)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press = event.position()
        self._drag = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._press is None or not 0 <= self.selected < len(self.spots):
            return
        moved = event.position() - self._press
        if self._drag is None and moved.manhattanLength() < DRAG_MIN:
            return
        self._drag = QRectF(self._press, event.position()).normalized()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        start, end = self._press, event.position()
        dragged = self._drag is not None or (end - start).manhattanLength() >= DRAG_MIN
        self._press, self._drag = None, None
        if dragged and 0 <= self.selected < len(self.spots):
            (x1, y1), (x2, y2) = self._percent(start), self._percent(end)
            left, top = min(x1, x2), min(y1, y2)
            self.set_selected_spot((left, top, abs(x2 - x1), abs(y2 - y1)))
        elif not dragged:
            index = self.spot_at(end)
            if index is not None and index != self.selected:
                self.select(index)
                self.selected_changed.emit(index)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = Qt.Key(event.key())
        if key not in MOVES or not 0 <= self.selected < len(self.spots):
            super().keyPressEvent(event)
            return
        spot = self.spots[self.selected]
        if spot is None:  # the first key press puts a spot in the middle, to move from there
            self.set_selected_spot(NEW_SPOT)
            return
        dx, dy = MOVES[key]
        left, top, width, height = spot
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            width, height = max(width + dx, 1), max(height + dy, 1)
            width, height = min(width, 100 - left), min(height, 100 - top)
        else:
            left, top = left + dx, top + dy
        self.set_selected_spot((left, top, width, height))

    # --- drawing --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.paint_picture(painter, _("Choose a picture above."))
        for index, spot in enumerate(self.spots):
            if spot is not None and index != self.selected:
                self._outline(painter, index, self.spot_rect(spot), selected=False)
        if 0 <= self.selected < len(self.spots):
            spot = self.spots[self.selected]
            rect = self._drag or (self.spot_rect(spot) if spot else None)
            if rect is not None:
                self._outline(painter, self.selected, rect, selected=True)
        if self.hasFocus():
            painter.setPen(QPen(palette_colour("focus"), 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(area.adjusted(1, 1, -1, -1))
        painter.end()

    def _outline(self, painter: QPainter, index: int, rect: QRectF, *, selected: bool) -> None:
        """A box with the option's number in a badge; a tick for the right spot, so right
        does not depend on colour; the selected one thicker, solid and lightly filled. A
        white halo keeps every line visible on dark and light parts of the picture."""
        right = index < len(self.right) and self.right[index]
        # The picture is on white paper in every theme: its marks use the paper's colours.
        colour = QColor(COLORS["accent" if selected else "ok" if right else "text"])
        fill = QColor(colour)
        fill.setAlpha(50 if selected else 0)
        painter.setPen(QPen(QColor("white"), 6 if selected else 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setPen(QPen(colour, 3 if selected else 2,
                            Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine))
        painter.setBrush(fill)
        painter.drawRect(rect)
        mark = f"{index + 1}✓" if right else str(index + 1)
        metrics = painter.fontMetrics()
        width = max(metrics.horizontalAdvance(mark) + 10, metrics.height() + 4)
        badge = QRectF(rect.left(), rect.top() - metrics.height() - 4, width,
                       metrics.height() + 4)
        if badge.top() < 0:
            badge.moveTop(rect.top())
        painter.setPen(QPen(QColor("white"), 1))
        painter.setBrush(colour)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
