"""A certificate as a one-page PDF, drawn with Qt's PDF writer.

Safe to call on a worker thread (Qt paints on a PDF writer outside the GUI thread). The file
is written beside its target and renamed into place at the end, so a cancelled or failed
certificate never leaves a half-written PDF behind.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from navigator import __version__
from navigator.core.model import localized
from navigator.files import written_beside
from navigator.formatting import format_date, format_hours_minutes, format_list
from navigator.i18n import _, is_right_to_left
from navigator.storage.certificates import Certificate

FONTS = "'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif"
RESOLUTION = 300  # dots per inch of the PDF's drawing surface


def certificate_title(cert: Certificate, language: str) -> str:
    """What the certificate is for: the module's title, or the pack's for a whole course."""
    if cert.is_course:
        return localized(cert.pack_titles, language, cert.default_language)
    return localized(cert.modules[0], language, cert.default_language) if cert.modules else ""


def certificate_html(cert: Certificate, language: str) -> str:
    """The certificate's words as HTML for a ``QTextDocument`` (also used in tests)."""
    pack = localized(cert.pack_titles, language, cert.default_language)
    if cert.is_course:
        done = _("has completed the course")
        modules = [localized(m, language, cert.default_language) for m in cert.modules]
        covered = _("Modules: {modules}").format(modules=format_list(modules, locale=language))
    else:
        done = _("has completed the module")
        covered = _("Part of: {pack}").format(pack=pack)
    date = format_date(cert.issued_at.astimezone(), locale=language, length="long")
    lines = [  # (point size, bold, text)
        (30, True, _("Certificate of completion")),
        (14, False, _("This certifies that")),
        (26, True, cert.learner_name),
        (14, False, done),
        (20, True, certificate_title(cert, language)),
        (13, False, covered),
        (13, False, _("Training time: {time}").format(
            time=format_hours_minutes(cert.minutes * 60, locale=language))),
        (13, False, _("Date: {date}").format(date=date)),
        (10, False, _("Lesson pack: {pack}, version {version}").format(
            pack=pack, version=cert.pack_version)),
        (10, False, _("Certificate no. {number} · Navigator {version}").format(
            number=cert.id, version=__version__)),
    ]
    direction = "rtl" if is_right_to_left(language) else "ltr"
    body = "".join(
        f"<p style='font-size:{size}pt;{' font-weight:bold;' if bold else ''}'>"
        f"{html.escape(text, quote=False)}</p>" for size, bold, text in lines)
    return (f"<div dir='{direction}' align='center' "
            f"style=\"font-family: {FONTS}; color:#000\">{body}</div>")


def write_certificate_pdf(cert: Certificate, target: Path, *, language: str,
                          cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Write ``cert`` as a one-page A4 landscape PDF at ``target``; return ``target``.

    Raises ``CancelledError`` (and leaves nothing behind) when ``cancelled()`` turns true, and
    ``OSError`` when the file cannot be written (the old file, if any, is kept).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with written_beside(target, cancelled=cancelled, empty_message=_(
            "The certificate could not be written (is the disk full?).")) as part:
        _draw(cert, part, language)
    return target


def _draw(cert: Certificate, path: Path, language: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(_("Certificate of completion") + " — " + certificate_title(cert, language))
    writer.setCreator(f"Navigator {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(_("The certificate could not be written to {path}.").format(path=path))
    try:
        page = QRectF(0, 0, writer.width(), writer.height())
        dots_per_mm = RESOLUTION / 25.4
        # a double frame, black only, so it prints well in black and white
        painter.setPen(QPen(QColor("black"), 1.2 * dots_per_mm))
        painter.drawRect(page.adjusted(dots_per_mm, dots_per_mm, -dots_per_mm, -dots_per_mm))
        painter.setPen(QPen(QColor("black"), 0.4 * dots_per_mm))
        inner = 4 * dots_per_mm
        painter.drawRect(page.adjusted(inner, inner, -inner, -inner))

        document = QTextDocument()
        document.setDocumentMargin(0)
        font = QFont()
        font.setFamilies(["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"])
        font.setPointSizeF(12)
        document.setDefaultFont(font)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if is_right_to_left(language)
                                else Qt.LayoutDirection.LeftToRight)
        document.setDefaultTextOption(option)
        document.setHtml(certificate_html(cert, language))
        # the document is laid out in points; scale it onto the writer's dots
        scale = RESOLUTION / 72
        width = (page.width() - 24 * dots_per_mm) / scale
        document.setPageSize(QSizeF(width, 10_000))
        document.setTextWidth(width)
        height = document.size().height()
        room = (page.height() - 24 * dots_per_mm) / scale
        fit = min(1.0, room / height) if height > 0 else 1.0  # long titles still fit one page
        painter.translate(page.center().x() - width * scale * fit / 2,
                          page.center().y() - height * scale * fit / 2)
        painter.scale(scale * fit, scale * fit)
        document.drawContents(painter)
    finally:
        painter.end()
