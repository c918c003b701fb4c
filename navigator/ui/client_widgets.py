"""Small pieces the coaching screens share: a client's badge (their colour and picture) and
the words for modes, levels, device access and channels."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from navigator.formatting import format_date, format_list, format_minutes
from navigator.i18n import _, current_locale
from navigator.paths import assets_dir
from navigator.storage.clients import Client
from navigator.storage.coaching import CoachingSession
from navigator.ui.widgets import language_name


def picture_names() -> dict[str, str]:
    return {"sun": _("Sun"), "moon": _("Moon"), "star": _("Star"), "tree": _("Tree"),
            "flower": _("Flower"), "fish": _("Fish"), "bird": _("Bird"), "house": _("House"),
            "heart": _("Heart"), "leaf": _("Leaf")}


def colour_names() -> dict[str, str]:
    return dict(zip(("#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                     "#ff7f0e", "#17becf"),
                    (_("Blue"), _("Green"), _("Red"), _("Purple"), _("Brown"), _("Pink"),
                     _("Orange"), _("Turquoise")), strict=True))


def badge(colour: str, picture: str, size: int = 48) -> QPixmap:
    """A round badge: the client's colour as a ring, their picture in black on white."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour or "#9e9e9e"))
    painter.drawEllipse(QRectF(0, 0, size, size))
    painter.setBrush(QColor("#ffffff"))
    inset = size * 0.12
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    path = assets_dir() / "pictures" / f"{picture}.svg"
    if picture and path.is_file():
        margin = size * 0.26
        QSvgRenderer(str(path)).render(painter, QRectF(margin, margin, size - 2 * margin,
                                                       size - 2 * margin))
    painter.end()
    return pixmap


def client_icon(client: Client, size: int = 48) -> QIcon:
    return QIcon(badge(client.colour, client.picture, size))


def languages_text(codes: tuple[str, ...] | list[str]) -> str:
    return format_list([language_name(c) for c in codes], locale=current_locale())


def mode_names() -> dict[str, str]:
    return {"in-person": _("In person"), "phone": _("Phone"), "video": _("Video")}


def level_names() -> dict[str, str]:
    return {"can": _("I can"), "with-help": _("With help"), "not-yet": _("Not yet")}


def access_names() -> dict[str, dict[str, str]]:
    """Answers about devices, by question id."""
    yes_no = {"yes": _("Yes"), "no": _("No"), "not-sure": _("Not sure")}
    return {
        "phone_access": {"own": _("My own phone"), "shared": _("A shared phone"),
                         "borrowed": _("A borrowed phone"), "none": _("No phone")},
        "data_plan": yes_no,
        "home_internet": yes_no,
        "computer_access": {"home": _("At home"), "public": _("At a library or an agency"),
                            "none": _("No computer")},
    }


def access_questions() -> dict[str, str]:
    return {"phone_access": _("Which phone do you use?"),
            "data_plan": _("Does the phone have a data plan?"),
            "home_internet": _("Do you have internet at home?"),
            "computer_access": _("Where can you use a computer?")}


def channel_names() -> dict[str, str]:
    return {"phone-call": _("Phone call"), "sms": _("Text message (SMS)"),
            "whatsapp": _("WhatsApp"), "email": _("Email"), "in-person": _("In person"),
            "other": _("Other")}


def session_summary(session: CoachingSession) -> str:
    """One line: date, length, mode."""
    locale = current_locale()
    when = format_date(session.started_at.astimezone(), locale=locale, length="medium")
    mode = mode_names().get(session.mode, session.mode)
    if session.ended_at is None:
        return _("{date} · {mode} · not ended").format(date=when, mode=mode)
    return _("{date} · {length} · {mode}").format(
        date=when, length=format_minutes(session.minutes, locale=locale), mode=mode)
