"""One client: their learning path, intakes (and the change since the first), sessions, and
the navigator's actions: client mode, intake, session log, handout, export, delete."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.core.intake import IntakeGuide, Recommendation, SkillChange
from navigator.core.model import localized
from navigator.formatting import format_date, format_list, format_percentage
from navigator.i18n import _, current_locale
from navigator.storage.clients import Client
from navigator.storage.coaching import CoachingSession, Intake
from navigator.storage.repository import LessonRow
from navigator.ui.client_widgets import (
    access_names,
    badge,
    channel_names,
    languages_text,
    level_names,
    session_summary,
)
from navigator.ui.page import page_layout, reading_column
from navigator.ui.widgets import BusyRow, button, card, fit_tree_columns, label


@dataclass
class ClientOverview:
    client: Client
    intakes: list[Intake] = field(default_factory=list)
    sessions: list[CoachingSession] = field(default_factory=list)
    lessons: list[LessonRow] = field(default_factory=list)  # client lessons, with progress
    path: list[Recommendation] = field(default_factory=list)
    changes: list[SkillChange] = field(default_factory=list)  # first intake -> latest
    guide: IntakeGuide | None = None

    def lesson(self, pack_id: str, lesson_id: str) -> LessonRow | None:
        return next((r for r in self.lessons
                     if (r.pack_id, r.lesson_id) == (pack_id, lesson_id)), None)


def status_text(row: LessonRow | None) -> str:
    if row is None or row.status == "new":
        return _("Not started")
    if row.status == "completed":
        score = (f" ({format_percentage(row.best_score)})" if row.best_score is not None
                 else "")
        return _("✓ Done") + score
    return _("Started")


def _tree(name: str, columns: int) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setColumnCount(columns)
    tree.setRootIsDecorated(False)
    tree.setMinimumHeight(140)
    return tree


class ClientPage(QWidget):
    back_requested = Signal()
    client_mode_requested = Signal()
    intake_requested = Signal()
    session_requested = Signal()  # log a session by hand
    session_opened = Signal(int)
    handout_requested = Signal()
    edit_requested = Signal()
    export_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ClientPage")
        self.overview: ClientOverview | None = None
        layout = page_layout(self)
        head = QHBoxLayout()
        self.back = button(name="back-to-clients")
        self.picture = label(wrap=False)
        self.title = label(role="title")
        self.title.setObjectName("client-nickname-title")
        head.addWidget(self.back)
        head.addWidget(self.picture)
        head.addWidget(self.title, 1)
        layout.addLayout(head)
        self.details = label(role="muted")
        layout.addWidget(self.details)
        self.actions = QGridLayout()
        self.client_mode = button(role="primary", name="start-client-mode")
        self.intake = button(name="new-intake")
        self.log_session = button(name="log-session")
        self.handout = button(name="handout")
        self.edit = button(name="edit-client")
        self.export = button(name="export-client")
        self.delete = button(name="delete-client")
        self.action_buttons = (self.client_mode, self.intake, self.log_session, self.handout,
                               self.edit, self.export, self.delete)
        self._columns = 0
        self.busy = BusyRow("client-work")
        layout.addWidget(self.busy)

        self.reading = reading_column()
        column = self.reading.layout
        column.addLayout(self.actions)  # scrolls with the page; as many columns as fit
        self.path_title, self.path_empty = label(role="heading"), label(role="muted")
        self.path = _tree("client-path", 3)
        self.intakes_title, self.intake_summary = label(role="heading"), label()
        self.intake_summary.setObjectName("intake-summary")
        self.skills = _tree("client-skills", 4)
        self.sessions_title, self.sessions_empty = label(role="heading"), label(role="muted")
        self.sessions = _tree("client-sessions", 3)
        for title, widgets in ((self.path_title, (self.path_empty, self.path)),
                               (self.intakes_title, (self.intake_summary, self.skills)),
                               (self.sessions_title, (self.sessions_empty, self.sessions))):
            box = card()
            inner = QVBoxLayout(box)
            inner.addWidget(title)
            for widget in widgets:
                inner.addWidget(widget)
            column.addWidget(box)
        column.addStretch(1)
        layout.addWidget(self.reading.scroll, 1)

        self.back.clicked.connect(self.back_requested)
        for widget, signal in ((self.client_mode, self.client_mode_requested),
                               (self.intake, self.intake_requested),
                               (self.log_session, self.session_requested),
                               (self.handout, self.handout_requested),
                               (self.edit, self.edit_requested),
                               (self.export, self.export_requested),
                               (self.delete, self.delete_requested)):
            widget.clicked.connect(signal)
        self.sessions.itemActivated.connect(lambda item, _col: self.session_opened.emit(
            item.data(0, Qt.ItemDataRole.UserRole)))
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._lay_out_actions()

    def _lay_out_actions(self) -> None:
        """Put the action buttons in as many columns as their widest text allows."""
        space = self.reading.scroll.viewport().width() - 48
        widest = max(b.sizeHint().width() for b in self.action_buttons) + 12
        columns = max(1, min(4, space // max(1, widest)))
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self.action_buttons:
            self.actions.removeWidget(widget)
        for n, widget in enumerate(self.action_buttons):
            self.actions.addWidget(widget, n // columns, n % columns)

    def retranslate(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.back.setText(_("{arrow} Clients").format(arrow="→" if rtl else "←"))
        self.back.setAccessibleName(_("Back to the list of clients"))
        self.client_mode.setText(_("Start a session in client mode"))
        self.intake.setText(_("New intake…"))
        self.log_session.setText(_("Log a session…"))
        self.handout.setText(_("Print a handout…"))
        self.edit.setText(_("Edit profile…"))
        self.export.setText(_("Export for the client…"))
        self.delete.setText(_("Delete for good…"))
        self.path_title.setText(_("Learning path"))
        self.path.setHeaderLabels([_("Lesson"), _("Progress"), _("For the skill")])
        self.intakes_title.setText(_("Intakes"))
        self.skills.setHeaderLabels([_("Skill"), _("First intake"), _("Latest intake"),
                                     _("Change")])
        self.sessions_title.setText(_("Coaching sessions"))
        self.sessions.setHeaderLabels([_("Session"), _("Navigator"), _("Covered")])
        for tree, name in ((self.path, _("Learning path")), (self.skills, _("Skills")),
                           (self.sessions, _("Coaching sessions"))):
            tree.setAccessibleName(name)
        if self.overview is not None:
            self.show_overview(self.overview)
        self._columns = 0
        self._lay_out_actions()

    def clear(self) -> None:
        """Nothing of this client stays on the page (End session, idle lock)."""
        self.overview = None
        for widget in (self.title, self.details, self.intake_summary, self.picture):
            widget.clear()
        for tree in (self.path, self.skills, self.sessions):
            tree.clear()

    def show_overview(self, overview: ClientOverview) -> None:
        self.overview = overview
        client, locale = overview.client, current_locale()
        self.title.setText(client.nickname)
        self.picture.setPixmap(badge(client.colour, client.picture, 40))
        details = [_("Languages: {languages}").format(
            languages=languages_text(client.languages))]
        if client.arrival_year:
            details.append(_("Arrived in {year}").format(year=client.arrival_year))
        self.details.setText(" · ".join(details))
        self._show_path(overview, locale)
        self._show_intakes(overview, locale)
        self._show_sessions(overview, locale)

    def _title(self, row: LessonRow | None, pack_id: str, lesson_id: str) -> str:
        if row is None:
            return f"{pack_id}/{lesson_id}"
        return localized(row.titles, current_locale(), "en")  # the navigator reads this page

    def _show_path(self, overview: ClientOverview, locale: str) -> None:
        self.path.clear()
        guide = overview.guide
        for rec in overview.path:
            row = overview.lesson(rec.pack_id, rec.lesson_id)
            skills = [guide.skill(s) for s in rec.because] if guide else []
            why = format_list([s.text(locale, guide.default_language) for s in skills if s],
                              locale=locale) if guide else ""
            item = QTreeWidgetItem([self._title(row, *rec.ref), status_text(row), why])
            self.path.addTopLevelItem(item)
        if not overview.intakes:
            self.path_empty.setText(_("No intake yet. Do an intake with the client to get a "
                                      "learning path."))
        elif not overview.path:
            self.path_empty.setText(_("The latest intake recommends no lesson: the client can "
                                      "do every skill that has a lesson."))
        self.path_empty.setVisible(not overview.path)
        self.path.setVisible(bool(overview.path))
        fit_tree_columns(self.path)

    def _show_intakes(self, overview: ClientOverview, locale: str) -> None:
        self.skills.clear()
        intakes, guide = overview.intakes, overview.guide
        if not intakes:
            self.intake_summary.setText(_("No intake yet."))
            self.skills.hide()
            return
        latest = intakes[-1]
        names = access_names()
        device = [names[key].get(getattr(latest, key), "") for key in names
                  if getattr(latest, key)]
        channels = [channel_names().get(c, c) for c in latest.channels]
        if latest.other_channel:
            channels.append(latest.other_channel)
        lines = [_("Latest intake: {date} ({count} in all)").format(
            date=format_date(latest.taken_at.astimezone(), locale=locale, length="long"),
            count=len(intakes))]
        if device:
            lines.append(_("Devices: {answers}").format(answers=" · ".join(device)))
        if channels:
            lines.append(_("Best ways to reach them: {channels}").format(
                channels=format_list(channels, locale=locale)))
        self.intake_summary.setText("\n".join(lines))
        levels = level_names()
        arrows = {"better": _("↑ better"), "worse": _("↓ less sure"), "same": _("= same"),
                  "new": _("new")}
        first = intakes[0].answers
        for skill in guide.skills if guide else ():
            if skill.id not in latest.answers:
                continue
            change = next((c for c in overview.changes if c.skill_id == skill.id), None)
            self.skills.addTopLevelItem(QTreeWidgetItem([
                skill.text(locale, guide.default_language) if guide else skill.id,
                levels.get(first.get(skill.id, ""), "–") if len(intakes) > 1 else "–",
                levels.get(latest.answers[skill.id], ""),
                arrows.get(change.change, "") if change and len(intakes) > 1 else ""]))
        self.skills.show()
        fit_tree_columns(self.skills)

    def _show_sessions(self, overview: ClientOverview, locale: str) -> None:
        self.sessions.clear()
        for session in overview.sessions:
            covered = [self._title(overview.lesson(*ref), *ref) for ref in session.lessons]
            if session.topics:
                covered.append(session.topics)
            item = QTreeWidgetItem([session_summary(session), session.navigator_name,
                                    format_list(covered, locale=locale) if covered else "–"])
            item.setData(0, Qt.ItemDataRole.UserRole, session.id)
            if session.note:
                item.setToolTip(2, session.note)
            self.sessions.addTopLevelItem(item)
        self.sessions_empty.setText(_("No sessions yet."))
        self.sessions_empty.setVisible(not overview.sessions)
        self.sessions.setVisible(bool(overview.sessions))
        fit_tree_columns(self.sessions)
