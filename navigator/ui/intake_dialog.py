"""The intake, done by the client with the navigator: one skill per page (a picture, the
sentence in the client's language, read aloud, three big answers), then devices, then the
best ways to reach them. Nothing is stored until Save on the last page."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from navigator.core.intake import CHANNELS, IntakeGuide, Skill
from navigator.i18n import N_, _, in_language, is_right_to_left
from navigator.storage.clients import Client
from navigator.ui.client_dialogs import SavingDialog
from navigator.ui.client_widgets import access_names, access_questions, channel_names
from navigator.ui.read_aloud import LabelTarget, Part, ReadAloud
from navigator.ui.theme import point_size
from navigator.ui.widgets import button, label, listen_button

LEVEL_SYMBOLS = {"can": "✓", "with-help": "½", "not-yet": "✗"}


def skill_picture(guide: IntakeGuide, skill: Skill, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.white)
    path = guide.picture_path(skill)
    if path is not None and path.is_file():
        painter = QPainter(pixmap)
        QSvgRenderer(str(path)).render(painter)
        painter.end()
    return pixmap


class IntakeDialog(SavingDialog):
    """``save(values)`` gets ``answers`` (skill id -> level id), the four device answers,
    ``channels`` and ``other_channel``."""

    def __init__(self, save: Callable[[dict[str, Any]], Future[Any]], *, guide: IntakeGuide,
                 client: Client, reader: ReadAloud | None = None,
                 parent: QWidget | None = None):
        super().__init__(save, parent)
        self.setObjectName("IntakeDialog")
        self.setWindowTitle(_("Intake with {client}").format(client=client.nickname))
        self.resize(760, 640)
        self.guide, self.client, self.reader = guide, client, reader
        self.language = client.language
        self.answers: dict[str, str] = {}
        self.pages = QStackedWidget()
        self.layout_.addWidget(self.pages, 1)
        self.counter = label(role="muted", wrap=False)
        self.counter.setObjectName("intake-counter")
        self.read_each = QCheckBox()
        self.read_each.setObjectName("intake-read-aloud")
        self.read_each.setChecked(reader is not None)
        self.read_each.setEnabled(reader is not None)
        top = QHBoxLayout()
        top.addWidget(self.counter, 1)
        top.addWidget(self.read_each)
        self.layout_.insertLayout(0, top)
        self.skill_pages = [self._skill_page(skill) for skill in guide.skills]
        self.device_page, self.device_groups = self._device_page()
        self.channel_page, self.channel_boxes, self.other = self._channel_page()
        self.back = button(name="intake-back")
        self.next = button(role="primary", name="intake-next")
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        self.finish_layout()
        buttons = self.layout_.itemAt(self.layout_.count() - 1).layout()
        buttons.insertWidget(0, self.back)
        buttons.insertWidget(buttons.count(), self.next)
        self.ok.hide()
        self.retranslate()
        self.pages.currentChanged.connect(lambda _i: self._page_changed())
        self._page_changed()

    # --- pages ---------------------------------------------------------------------------

    def _skill_page(self, skill: Skill) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(16)
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(skill_picture(self.guide, skill, 200))
        picture.setAccessibleName(_("Picture"))
        text = label(skill.text(self.language, self.guide.default_language))
        text.setObjectName(f"intake-skill-{skill.id}")
        text.setStyleSheet(f"font-size: {round(point_size() * 1.6)}pt;")  # read by clients
        text.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_right_to_left(
            self.language) else Qt.LayoutDirection.LeftToRight)
        listen = listen_button(f"intake-listen-{skill.id}")
        listen.setAccessibleName(_("Listen"))
        listen.clicked.connect(lambda _c=False, s=skill: self.read_skill(s))
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(listen)
        answers = QHBoxLayout()
        page.setProperty("skill", skill.id)
        for level in ("can", "with-help", "not-yet"):
            choice = QPushButton()
            choice.setObjectName(f"intake-{skill.id}-{level}")
            choice.setCheckable(True)
            choice.setMinimumSize(QSize(160, 72))
            choice.setProperty("level", level)
            choice.clicked.connect(lambda _c=False, s=skill.id, v=level: self.answer(s, v))
            answers.addWidget(choice)
        layout.addWidget(picture)
        layout.addLayout(row)
        layout.addLayout(answers)
        layout.addStretch(1)
        self.pages.addWidget(page)
        return page

    def _device_page(self) -> tuple[QWidget, dict[str, QButtonGroup]]:
        page = QWidget()
        grid = QGridLayout(page)
        groups: dict[str, QButtonGroup] = {}
        questions, names = access_questions(), access_names()
        for row, (key, question) in enumerate(questions.items()):
            grid.addWidget(label(question), row * 2, 0, 1, 4)
            group = QButtonGroup(page)
            for column, (value, text) in enumerate(names[key].items()):
                radio = QRadioButton(text)
                radio.setObjectName(f"intake-{key}-{value}")
                radio.setProperty("value", value)
                group.addButton(radio)
                grid.addWidget(radio, row * 2 + 1, column)
            groups[key] = group
        grid.setRowStretch(len(questions) * 2, 1)
        self.pages.addWidget(page)
        return page, groups

    def _channel_page(self) -> tuple[QWidget, dict[str, QCheckBox], QLineEdit]:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.channel_question = label()
        layout.addWidget(self.channel_question)
        boxes: dict[str, QCheckBox] = {}
        for channel in CHANNELS:
            box = QCheckBox(channel_names()[channel])
            box.setObjectName(f"intake-channel-{channel}")
            boxes[channel] = box
            layout.addWidget(box)
        other = QLineEdit()
        other.setObjectName("intake-other-channel")
        other.setMaxLength(60)
        other.setEnabled(False)
        boxes["other"].toggled.connect(other.setEnabled)
        layout.addWidget(other)
        layout.addStretch(1)
        self.pages.addWidget(page)
        return page, boxes, other

    def retranslate(self) -> None:
        self.read_each.setText(_("Read each sentence aloud"))
        self.back.setText(_("Back"))
        self.channel_question.setText(_("How do you like to be contacted? Choose all that "
                                        "work for you."))
        self.other.setPlaceholderText(_("Other: for example Telegram"))
        self.other.setAccessibleName(_("Other way to be contacted"))
        source = {"can": N_("I can"), "with-help": N_("With help"), "not-yet": N_("Not yet")}
        for page in self.skill_pages:
            for choice in page.findChildren(QPushButton):
                level = choice.property("level")
                if not level:
                    continue
                mine, theirs = _(source[level]), in_language(source[level], self.language)
                both = mine if theirs == mine else f"{mine}\n{theirs}"  # the client reads too
                choice.setText(f"{LEVEL_SYMBOLS[level]}  {both}")
                choice.setAccessibleName(mine)

    # --- moving ----------------------------------------------------------------------------

    def _page_changed(self) -> None:
        index, count = self.pages.currentIndex(), len(self.guide.skills)
        if index < count:
            self.counter.setText(_("Skill {number} of {count}").format(number=index + 1,
                                                                       count=count))
        elif self.pages.currentWidget() is self.device_page:
            self.counter.setText(_("Phone, internet and computer"))
        else:
            self.counter.setText(_("Ways to be contacted"))
        last = self.pages.currentWidget() is self.channel_page
        self.back.setEnabled(index > 0)
        self.next.setText(_("Save the intake") if last else _("Next"))
        if index < count and self.read_each.isChecked():
            QTimer.singleShot(0, lambda s=self.guide.skills[index]: self.read_skill(s))

    def answer(self, skill_id: str, level: str) -> None:
        """A big answer button: mark it, and go on to the next page."""
        self.answers[skill_id] = level
        page = self.skill_pages[self.guide.skill_ids.index(skill_id)]
        for choice in page.findChildren(QPushButton):
            if choice.property("level"):
                choice.setChecked(choice.property("level") == level)
        self.go_next()

    def go_next(self) -> None:
        if self.pages.currentWidget() is self.channel_page:
            self.submit()
            return
        self.pages.setCurrentIndex(self.pages.currentIndex() + 1)

    def go_back(self) -> None:
        self.pages.setCurrentIndex(max(0, self.pages.currentIndex() - 1))

    def read_skill(self, skill: Skill) -> None:
        if self.reader is None:
            return
        text = self.findChild(QLabel, f"intake-skill-{skill.id}")
        self.reader.read([Part(text.text(), self.language, LabelTarget(text))])

    def done(self, result: int) -> None:
        if self.reader is not None:
            self.reader.stop()
        super().done(result)

    # --- saving ----------------------------------------------------------------------------

    def problem(self) -> str:
        missing = [s for s in self.guide.skills if s.id not in self.answers]
        if len(missing) == len(self.guide.skills):
            return _("No skill has an answer yet. Go back and answer at least one.")
        return ""

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, group in self.device_groups.items():
            checked = group.checkedButton()
            found[key] = checked.property("value") if checked is not None else ""
        channels = [c for c, box in self.channel_boxes.items() if box.isChecked()]
        return {"answers": dict(self.answers), "channels": channels,
                "other_channel": self.other.text() if "other" in channels else "", **found}
