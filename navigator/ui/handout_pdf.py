"""A handout on one page: laid out with ``QTextDocument``, written as PDF or printed.

The sheet is laid out once on a 300-dpi reference device (so the layout is the same on every
computer and screen), then painted, scaled, on a PDF writer or a printer. It must fit one
page: when it does not, the fonts and pictures shrink step by step down to a floor (body
text 12 pt); after that, the last paragraphs of the longest steps go, then whole late steps,
and the sheet ends with "More in the lesson in Navigator".

Safe to call on a worker thread (nothing here touches a widget). The PDF is written beside
its target and renamed into place at the end, as certificates are.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from navigator import __version__
from navigator.files import written_beside
from navigator.formatting import format_number
from navigator.handout import Cut, Handout, HandoutStep
from navigator.i18n import _
from navigator.ui.certificate_pdf import FONTS

RESOLUTION = 300  # dots per inch of the reference layout (and of the PDF)
MARGIN_MM = 12
# body text sizes in points, largest first; the last is the floor
BODY_SIZES = (16.0, 15.0, 14.0, 13.0, 12.0)
FOOTER_PT = 10.0
PICTURE_PIXELS = 720  # width of a rendered picture: sharp at 300 dpi up to 60 mm
_escape = partial(html.escape, quote=False)


def units(mm: float) -> float:
    """Millimetres in the reference layout's units (dots at ``RESOLUTION``)."""
    return mm / 25.4 * RESOLUTION


A4_CONTENT = QSizeF(units(210 - 2 * MARGIN_MM), units(297 - 2 * MARGIN_MM))


class Style(NamedTuple):
    """The sizes of one attempt at fitting the page: points, and millimetres for pictures."""

    body_pt: float
    title_pt: float
    heading_pt: float
    digit_pt: float
    picture_mm: float

    @classmethod
    def for_body(cls, body: float) -> Style:
        """With 16 pt text: a 28 pt title, 19 pt headings, 36 pt numbers, 52 mm pictures."""
        return cls(body, round(body * 1.75, 1), body + 3, round(body * 2.25, 1),
                   52 - (BODY_SIZES[0] - body) * 3)


@dataclass
class HandoutLayout:
    """A laid-out sheet: the document (in reference units) and the sizes it ended with."""

    document: QTextDocument
    style: Style
    trimmed: bool
    page: QSizeF

    @property
    def body_pt(self) -> float:
        return self.style.body_pt

    @property
    def height(self) -> float:
        return self.document.size().height()

    @property
    def fits(self) -> bool:
        return self.height <= self.page.height() + 1


def render_picture(path: Path) -> QImage:
    """The picture at ``path`` on white, about ``PICTURE_PIXELS`` wide; null if unreadable.

    SVG is drawn at that width (sharp at 300 dpi up to 60 mm); photos are scaled down to it;
    transparent parts become white, as on paper.
    """
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        size = renderer.defaultSize()
        if not renderer.isValid() or size.isEmpty():
            return QImage()
        width, height = PICTURE_PIXELS, round(PICTURE_PIXELS * size.height() / size.width())
        draw: Callable[[QPainter, QRectF], None] = renderer.render
    else:
        source = QImage(str(path))
        if source.isNull():
            return source
        if source.width() > PICTURE_PIXELS:
            source = source.scaledToWidth(PICTURE_PIXELS,
                                          Qt.TransformationMode.SmoothTransformation)
        width, height = source.width(), source.height()
        draw = lambda painter, rect: painter.drawImage(rect, source)  # noqa: E731
    image = QImage(width, max(height, 1), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    draw(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


class _Sheet:
    """One handout being laid out: its pictures, drawn once, and the reference device."""

    def __init__(self, handout: Handout, page: QSizeF, cancelled: Callable[[], bool]):
        self.handout = handout
        self.page = page
        self.cancelled = cancelled
        self.device = QImage(1, 1, QImage.Format.Format_RGB32)  # lays out at RESOLUTION dpi
        self.device.setDotsPerMeterX(round(RESOLUTION / 0.0254))
        self.device.setDotsPerMeterY(round(RESOLUTION / 0.0254))
        self.mm = units(1) / _px_scale(self.device)  # HTML lengths: CSS px per millimetre
        self.pictures: dict[int, QImage] = {}
        for index, step in enumerate(handout.steps):
            if cancelled():
                raise CancelledError
            if step.picture is not None:
                image = render_picture(step.picture)
                if not image.isNull():
                    self.pictures[index] = image

    def layout(self, style: Style, cut: Cut | None = None, spacer: float = 0
               ) -> HandoutLayout:
        if self.cancelled():
            raise CancelledError
        cut = cut or Cut.nothing(self.handout)
        document = self.document(self.html(style, cut, spacer), style)
        return HandoutLayout(document, style, cut.trims(self.handout), self.page)

    def html(self, style: Style, cut: Cut, spacer: float) -> str:
        """The sheet's HTML at ``style``, leaving out what ``cut`` says; ``spacer`` (in
        reference units) pushes the footer down to the bottom of the page."""
        handout, mm = self.handout, self.mm
        parts = [f"<p style='font-size:{style.title_pt}pt; font-weight:bold; margin:0'>"
                 f"{_escape(handout.title)}</p>"]
        if handout.objectives:
            items = "".join(f"<li>{_escape(o)}</li>" for o in handout.objectives)
            parts.append(f"<ul style='margin-top:{2 * mm:.1f}px'>{items}</ul>")
        for index, step in enumerate(handout.steps[:cut.steps]):
            kept = cut.kept(index, step)
            if index:
                parts.append("<hr>")
            parts.append(self.step_html(index, step, style, kept))
        if cut.trims(handout):
            more = handout.more or _("More in the lesson in Navigator")
            parts.append(f"<p style='margin-top:{4 * mm:.1f}px; font-weight:bold'>"
                         f"{_escape(more)}</p>")
        footer = handout.footer or _("{pack}, version {version} · Navigator").format(
            pack=handout.pack_title, version=handout.pack_version)
        top = 4 * mm + spacer * mm / units(1)
        parts.append(f"<p style='font-size:{FOOTER_PT}pt; margin:{top:.1f}px 0 0 0'>"
                     f"{_escape(footer)}</p>")
        direction = "rtl" if handout.right_to_left else "ltr"
        align = "right" if handout.right_to_left else "left"
        return (f"<div dir='{direction}' align='{align}' style=\"font-family: {FONTS};"
                f" font-size:{style.body_pt}pt; color:#000\">{''.join(parts)}</div>")

    def step_html(self, index: int, step: HandoutStep, style: Style, blocks: list[str]
                  ) -> str:
        mm = self.mm
        digit = format_number(index + 1, locale=self.handout.language)
        cells = [f"<td width='{13 * mm:.0f}' valign='top'><p style='font-size:"
                 f"{style.digit_pt}pt; font-weight:bold; margin:0'>{digit}</p></td>"]
        image = self.pictures.get(index)
        if image is not None:
            box = style.picture_mm * mm
            scale = min(box / image.width(), box / image.height())
            cells.append(f"<td width='{box + 6 * mm:.0f}' valign='top'>"
                         f"<img src='handout:picture-{index}' width='{image.width() * scale:.0f}'"
                         f" height='{image.height() * scale:.0f}'></td>")
        cells.append(f"<td valign='top'><p style='font-size:{style.heading_pt}pt;"
                     f" font-weight:bold; margin: 0 0 {1.5 * mm:.1f}px 0'>{_escape(step.title)}"
                     f"</p>{''.join(_bordered(b) for b in blocks)}</td>")
        if self.handout.right_to_left:
            cells.reverse()  # Qt does not mirror tables: the number goes on the right
        return (f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:"
                f"{3 * mm:.1f}px; margin-bottom:{2 * mm:.1f}px'><tr>{''.join(cells)}</tr></table>")

    def document(self, markup: str, style: Style) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.device)
        document._device = self.device  # type: ignore[attr-defined]  # keep it alive
        document.setDocumentMargin(0)
        font = QFont()
        font.setFamilies(["Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans"])
        font.setPointSizeF(style.body_pt)
        document.setDefaultFont(font)
        rtl = self.handout.right_to_left
        option = QTextOption(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        point = self.mm * 25.4 / 72  # CSS px per point
        document.setDefaultStyleSheet(
            STYLESHEET.format(paragraph=0.2 * style.body_pt * point,
                              item=0.1 * style.body_pt * point)
            + (RTL_STYLESHEET if rtl else ""))
        document.setIndentWidth(units(7))
        for index, image in self.pictures.items():
            document.addResource(QTextDocument.ResourceType.ImageResource,
                                 QUrl(f"handout:picture-{index}"), image)
        document.setHtml(markup)
        document.setTextWidth(self.page.width())
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle,
                                    self.handout.title)
        return document


def _px_scale(device: QImage) -> float:
    """How many reference units one CSS pixel of HTML takes: Qt scales pixel lengths by the
    device's dots per inch over the screen's (96 on most screens, 72 on macOS)."""
    probe = QTextDocument()
    probe.documentLayout().setPaintDevice(device)
    probe.setDocumentMargin(0)
    probe.addResource(QTextDocument.ResourceType.ImageResource, QUrl("probe"),
                      QImage(4, 4, QImage.Format.Format_RGB32))
    probe.setHtml("<img src='probe' width='100' height='100'>")
    probe.setTextWidth(10_000)
    height = probe.documentLayout().blockBoundingRect(probe.begin()).height()
    return height / 100 if height > 0 else RESOLUTION / 96


def _bordered(block: str) -> str:
    """Lesson tables print with black ruled cells."""
    return block.replace("<table>", "<table border='1' cellspacing='0' cellpadding='6' "
                                    "style='border-color:#000; border-style:solid;"
                                    " border-collapse:collapse'>")


# spaces in px of the body size (never em: Qt takes em from the application's font)
STYLESHEET = ("p {{ margin-top: 0; margin-bottom: {paragraph:.1f}px; }}"
              " li {{ margin-bottom: {item:.1f}px; }}"
              " a {{ color: #000; text-decoration: underline; }} hr {{ color: #000; }}")
# Arabic fonts are tall (Noto Sans Arabic: 2.1 em from top to bottom): tighter lines
RTL_STYLESHEET = " p, li { line-height: 75%; }"


def layout_handout(handout: Handout, page: QSizeF = A4_CONTENT, *,
                   cancelled: Callable[[], bool] = lambda: False) -> HandoutLayout:
    """Lay the sheet out to fit ``page`` (reference units): shrink, then cut, as needed."""
    sheet = _Sheet(handout, page, cancelled)
    cut: Cut | None = None
    layout = sheet.layout(Style.for_body(BODY_SIZES[0]))
    too_big = layout.body_pt
    for body in BODY_SIZES[1:]:
        if layout.fits:
            break
        too_big = layout.body_pt
        # text takes room as about the square of its size: skip sizes that cannot fit
        shrunk = layout.height * (body / layout.body_pt) ** 3
        if body != BODY_SIZES[-1] and shrunk > page.height() * 1.15:
            continue
        layout = sheet.layout(Style.for_body(body))
    for _attempt in range(3):  # the largest size that fits, to an eighth of a point
        middle = round((layout.body_pt + too_big) / 2, 2)
        if not layout.fits or middle - layout.body_pt < 0.1:
            break
        trial = sheet.layout(Style.for_body(middle))
        layout, too_big = (trial, too_big) if trial.fits else (layout, middle)
    if not layout.fits:
        cut = Cut.nothing(handout)
        while not layout.fits and cut.more(handout):
            layout = sheet.layout(layout.style, cut)
        layout = _refill(sheet, layout, cut)
    room = page.height() - layout.height
    if room >= 10:  # again with the footer at the bottom (a little slack: Qt rounds lengths)
        pinned = sheet.layout(layout.style, cut, spacer=room - 10)
        if pinned.fits:
            return pinned
    return layout


def _refill(sheet: _Sheet, layout: HandoutLayout, cut: Cut) -> HandoutLayout:
    """Put back paragraphs, earliest steps first, while the page still fits: dropping a
    whole step may have made room for some that were cut before it."""
    if not layout.fits:
        return layout
    for index in sorted(cut.blocks):
        while cut.blocks[index] > 0:
            cut.blocks[index] -= 1
            bigger = sheet.layout(layout.style, cut)
            if not bigger.fits:
                cut.blocks[index] += 1
                break
            layout = bigger
    return layout


def handout_document(handout: Handout) -> QTextDocument:
    """The sheet, laid out to fit one A4 page (in 300-dpi reference units)."""
    return layout_handout(handout).document


def _paint(layout: HandoutLayout, painter: QPainter, device_dpi: float) -> None:
    fit = min(1.0, layout.page.height() / max(layout.height, 1))  # never clipped
    painter.save()
    painter.scale(device_dpi / RESOLUTION * fit, device_dpi / RESOLUTION * fit)
    layout.document.drawContents(painter, QRectF(0, 0, layout.page.width() / fit,
                                                 layout.page.height() / fit))
    painter.restore()


def _page_size(device: QPagedPaintDevice) -> QSizeF:
    """The printable area of ``device`` in reference units."""
    ratio = RESOLUTION / device.logicalDpiX()
    return QSizeF(device.width() * ratio, device.height() * ratio)


def _portrait(device: QPagedPaintDevice, page_size: QPageSize) -> None:
    device.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))


def write_handout_pdf(handout: Handout, path: Path, *,
                      progress: Callable[[int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> Path:
    """Write ``handout`` as a one-page A4 portrait PDF at ``path``; return ``path``.

    ``progress`` gets percentages (0 to 100). Raises ``CancelledError`` (and leaves nothing
    behind) when ``cancelled()`` turns true, and ``OSError`` when the file cannot be written
    (an existing file at ``path`` is kept).
    """
    report = progress or (lambda _percent: None)
    stop = cancelled or (lambda: False)
    report(0)
    with written_beside(path, cancelled=stop, empty_message=_(
            "The handout could not be written (is the disk full?).")) as part:
        part.open("wb").close()  # a missing folder or no permission: a precise OSError
        writer = QPdfWriter(str(part))
        writer.setResolution(RESOLUTION)
        writer.setTitle(handout.title)
        writer.setCreator(f"Navigator {__version__}")
        _portrait(writer, QPageSize(QPageSize.PageSizeId.A4))
        layout = layout_handout(handout, _page_size(writer), cancelled=stop)
        report(70)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(_("The handout could not be written to {path}.").format(path=path))
        try:
            _paint(layout, painter, writer.logicalDpiX())
        finally:
            painter.end()
        report(90)
    report(100)
    return path


def print_handout(handout: Handout, printer: QPrinter) -> None:
    """Print the sheet on ``printer`` (its paper, portrait), laid out as in the PDF."""
    _portrait(printer, printer.pageLayout().pageSize())
    layout = layout_handout(handout, _page_size(printer))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The handout could not be printed."))
    try:
        _paint(layout, painter, printer.logicalDpiX())
    finally:
        painter.end()
