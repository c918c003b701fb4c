"""A rich-text view of lesson HTML that grows to fit its text and shows pack pictures."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from navigator.content.media import is_pack_media
from navigator.content.render import to_html
from navigator.core.model import LessonText as LessonText_
from navigator.i18n import _
from navigator.ui.theme import is_high_contrast, lesson_css, on_paper

SAFE_LINK_SCHEMES = {"http", "https", "mailto"}


def step_html(text: LessonText_, index: int) -> str:
    """The HTML of step ``index`` as learners see it: its title, the objectives on the first
    step, then its Markdown. The lesson player and the editor's preview both use this."""
    step = text.steps[index]
    html = f"<h2>{escape(step.title)}</h2>"
    if index == 0 and text.objectives:
        items = "".join(f"<li>{escape(o)}</li>" for o in text.objectives)
        intro = escape(_("In this lesson you will learn to:"))
        html += f"<p><b>{intro}</b></p><ul>{items}</ul>"
    return html + to_html(step.body)


class LessonText(QTextBrowser):
    """Shows sanitised lesson HTML. Pictures come only from the pack's media folder and
    are scaled down to the width of the view; links open in the browser when clicked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._root: Path | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.document().setDefaultStyleSheet(lesson_css())
        self.document().setDocumentMargin(4)
        self.anchorClicked.connect(self._open_link)
        self.document().contentsChanged.connect(self._fit)

    def show_html(self, html: str, root: Path | None) -> None:
        self._root = root
        self.document().setDefaultStyleSheet(lesson_css())
        self.setHtml(f"<body>{html}</body>")
        self._fit()

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 (Qt's name)
        if QTextDocument.ResourceType(kind) == QTextDocument.ResourceType.ImageResource:
            return self._picture(url.toString())
        return None

    def _picture(self, src: str) -> QImage:
        if self._root is None or not is_pack_media(src):
            return QImage()
        path = (self._root / src).resolve()
        if not path.is_relative_to(self._root.resolve()):
            return QImage()
        image = QImage(str(path))
        limit = max(200, min(640, self.viewport().width() - 24))
        if image.width() > limit:
            image = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
        return on_paper(image) if is_high_contrast() else image

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 8
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, int(self.document().size().height()) + 8)
