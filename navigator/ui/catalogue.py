"""Home: Continue, reviews due, time learned, search, and packs -> modules -> lessons."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.core.model import localized
from navigator.formatting import (
    format_hours_minutes,
    format_minutes,
    format_number,
    format_percentage,
)
from navigator.i18n import _, is_right_to_left, ngettext
from navigator.library import PackFailure
from navigator.storage.certificates import Certificate
from navigator.storage.repository import LessonRow, PackRow
from navigator.storage.search import SearchHit
from navigator.ui.progress_view import certificate_line
from navigator.ui.widgets import button, card, fit_tree_columns, label

LESSON_ROLE = Qt.ItemDataRole.UserRole


def lesson_status_text(row: LessonRow) -> str:
    """The lesson's progress, and whether the pack's last update added or changed it."""
    if row.status == "completed":
        if row.best_score is not None:
            text = _("✓ Done ({score})").format(score=format_percentage(row.best_score))
        else:
            text = _("✓ Done")
    elif row.status == "started":
        text = _("… Step {step} of {count}").format(step=format_number(row.step_index + 1),
                                                     count=format_number(row.steps))
    else:
        text = _("Not started")
    if row.update == "changed":
        return _("{status} · updated").format(status=text)
    if row.update == "added":
        return _("{status} · new").format(status=text)
    return text


class LessonTree(QTreeWidget):
    """Enter opens the selected lesson (Qt's default only expands)."""

    lesson_activated = Signal(str, str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            data = item.data(0, LESSON_ROLE)
            if data:
                self.lesson_activated.emit(*data)
                return
        super().keyPressEvent(event)


class CatalogueView(QWidget):
    """Lists every lesson; emits ``lesson_opened(pack_id, lesson_id)``."""

    lesson_opened = Signal(str, str)
    review_requested = Signal()
    search_changed = Signal(str)
    notes_requested = Signal()
    progress_requested = Signal()
    result_opened = Signal(str, str, str)  # pack, lesson, step

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CatalogueView")
        self._packs: list[PackRow] = []
        self._language = "en"
        self._learner = ""
        self._continue: tuple[str, str] | None = None
        self._failures: list[PackFailure] = []
        self._due = 0
        self._seconds = 0
        self._certificates: list[Certificate] = []

        # the page scrolls when large text makes it taller than the window (nothing is cut)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        self.scroll.setWidget(page)
        outer.addWidget(self.scroll)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        top = QHBoxLayout()
        self.greeting = label(role="title")
        self.time_learned = label(role="muted", wrap=False)
        self.time_learned.setObjectName("time-learned")
        self.notes_button = button(name="my-notes")
        self.progress_button = button(name="my-progress")
        top.addWidget(self.greeting, 1)
        top.addWidget(self.time_learned)
        top.addWidget(self.progress_button)
        top.addWidget(self.notes_button)
        layout.addLayout(top)

        self.certificates_card = card()
        certificates_row = QHBoxLayout(self.certificates_card)
        certificates_row.setContentsMargins(16, 12, 16, 12)
        self.certificates_text = label()
        self.certificates_text.setObjectName("recent-certificates")
        self.certificates_button = button(name="see-certificates")
        certificates_row.addWidget(self.certificates_text, 1)
        certificates_row.addWidget(self.certificates_button)
        layout.addWidget(self.certificates_card)

        self.review_card = card()
        review_row = QHBoxLayout(self.review_card)
        review_row.setContentsMargins(16, 12, 16, 12)
        self.review_text = label()
        self.review_text.setObjectName("reviews-due")
        self.review_button = button(name="start-review")
        review_row.addWidget(self.review_text, 1)
        review_row.addWidget(self.review_button)
        layout.addWidget(self.review_card)

        self.continue_card = card()
        row = QHBoxLayout(self.continue_card)
        row.setContentsMargins(16, 12, 16, 12)
        self.continue_text = label()
        self.continue_button = button(role="primary", name="continue-lesson")
        row.addWidget(self.continue_text, 1)
        row.addWidget(self.continue_button)
        layout.addWidget(self.continue_card)

        self.notice = card("notice")
        self.notice.setObjectName("pack-problems")
        notice_layout = QVBoxLayout(self.notice)
        self.notice_text = label()
        self.notice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice_layout.addWidget(self.notice_text)
        layout.addWidget(self.notice)

        self.search = QLineEdit()
        self.search.setObjectName("lesson-search")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # results as you type, without a query per key
        self._search_timer.timeout.connect(
            lambda: self.search_changed.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.results = QListWidget()
        self.results.setObjectName("search-results")
        self.results.setWordWrap(True)
        self.results.hide()
        self.results.itemActivated.connect(self._open_result)
        layout.addWidget(self.results, 1)
        self.no_results = label(role="muted")
        self.no_results.hide()
        layout.addWidget(self.no_results)

        self.tree = LessonTree()
        self.tree.setObjectName("lesson-tree")
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)  # long titles wrap rather than end in "…"
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumHeight(120)  # a few lessons stay in view at any text size
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = button(role="primary", name="open-lesson")
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)

        self.tree.itemActivated.connect(self._activate)
        self.tree.lesson_activated.connect(self.lesson_opened)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_open_button())
        self.open_button.clicked.connect(lambda: self._activate(self.tree.currentItem(), 0))
        self.continue_button.clicked.connect(self._continue_clicked)
        self.review_button.clicked.connect(self.review_requested)
        self.notes_button.clicked.connect(self.notes_requested)
        self.progress_button.clicked.connect(self.progress_requested)
        self.certificates_button.clicked.connect(self.progress_requested)
        self.retranslate()

    # --- data -----------------------------------------------------------------------------

    def show_catalogue(self, *, learner: str, language: str, packs: list[PackRow],
                       continue_with: tuple[str, str] | None,
                       failures: list[PackFailure], due_reviews: int = 0,
                       seconds_learned: int = 0,
                       certificates: list[Certificate] | None = None) -> None:
        self._learner, self._language, self._packs = learner, language, packs
        self._continue, self._failures = continue_with, failures
        self._due, self._seconds = due_reviews, seconds_learned
        self._certificates = certificates or []
        self.retranslate()

    def lesson_row(self, pack_id: str, lesson_id: str) -> LessonRow | None:
        for pack in self._packs:
            for module in pack.modules:
                for lesson in module.lessons:
                    if (lesson.pack_id, lesson.lesson_id) == (pack_id, lesson_id):
                        return lesson
        return None

    def lesson_title(self, row: LessonRow) -> str:
        pack = next(p for p in self._packs if p.pack_id == row.pack_id)
        return localized(row.titles, self._language, pack.default_language)

    # --- display --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        fit_tree_columns(self.tree)

    def retranslate(self) -> None:
        self.greeting.setText(_("Hello, {name}").format(name=self._learner) if self._learner
                              else _("Lessons"))
        self.tree.setHeaderLabels([_("Lesson"), _("Time"), _("Progress")])
        self.tree.setAccessibleName(_("Modules and lessons"))
        self.open_button.setText(_("Open lesson"))
        self.search.setPlaceholderText(_("Search the lessons"))
        self.search.setAccessibleName(_("Search the lessons"))
        self.results.setAccessibleName(_("Search results"))
        self.continue_button.setText(_("Continue"))
        self.review_button.setText(_("Review now"))
        self.notes_button.setText(_("My notes"))
        self.progress_button.setText(_("My progress"))
        self.certificates_button.setText(_("See certificates"))
        self.certificates_card.setVisible(bool(self._certificates))
        recent = [certificate_line(c, self._language) for c in self._certificates[:3]]
        self.certificates_text.setText(
            _("Recent certificates:") + "\n" + "\n".join(f"🎓 {line}" for line in recent))
        self.certificates_button.setAccessibleName(self.certificates_text.text())
        self.time_learned.setText(_("Time learned: {time}").format(
            time=format_hours_minutes(self._seconds)))
        self.review_card.setVisible(bool(self._packs))
        if self._due:
            self.review_text.setText(ngettext(
                "Reviews due today: {count} question from lessons you have done.",
                "Reviews due today: {count} questions from lessons you have done.",
                self._due).format(count=format_number(self._due)))
        else:
            self.review_text.setText(_("No reviews due today. Questions you answer in "
                                       "lessons come back here to help you remember."))
        self.review_button.setVisible(self._due > 0)
        self.review_button.setAccessibleName(self.review_text.text())
        self._fill_continue()
        self._fill_notice()
        self._fill_tree()
        self._update_open_button()

    def _fill_continue(self) -> None:
        row = self.lesson_row(*self._continue) if self._continue else None
        self.continue_card.setVisible(row is not None)
        if row is not None:
            if row.status == "completed":
                text = _("Last lesson: {title} (done)").format(title=self.lesson_title(row))
            else:
                text = _("Continue where you stopped: {title}, step {step} of {count}").format(
                    title=self.lesson_title(row), step=row.step_index + 1, count=row.steps)
            self.continue_text.setText(text)
            self.continue_button.setAccessibleName(text)

    def _fill_notice(self) -> None:
        self.notice.setVisible(bool(self._failures))
        if not self._failures:
            return
        names = ", ".join(f.folder.name for f in self._failures)
        head = ngettext(
            "A lesson pack could not be loaded and is not shown ({packs}). Its author must "
            "fix these problems:",
            "{count} lesson packs could not be loaded and are not shown ({packs}). Their "
            "authors must fix these problems:", len(self._failures)).format(
                count=len(self._failures), packs=names)
        problems = [p for f in self._failures for p in f.problems]
        details = "\n".join(f"• {p}" for p in problems[:8])
        if len(problems) > 8:
            details += "\n" + _("… and {count} more").format(count=len(problems) - 8)
        self.notice_text.setText(head + "\n" + details)

    def _fill_tree(self) -> None:
        current = self.tree.currentItem()
        selected = current.data(0, LESSON_ROLE) if current is not None else None
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for pack in self._packs:
            top = QTreeWidgetItem([localized(pack.titles, self._language,
                                             pack.default_language), "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for module in pack.modules:
                done = module.completed
                total = len(module.lessons)
                minutes = sum(lesson.minutes for lesson in module.lessons)
                status = (_("✓ Module complete") if module.is_complete
                          else _("{done} of {total} done").format(done=done, total=total))
                item = QTreeWidgetItem([
                    localized(module.titles, self._language, pack.default_language),
                    format_hours_minutes(minutes * 60), status])
                top.addChild(item)
                for lesson in module.lessons:
                    title = self.lesson_title(lesson)
                    if lesson.lesson_id == module.assessment:
                        title = _("Assessment: {title}").format(title=title)
                    child = QTreeWidgetItem([title,
                                             format_minutes(lesson.minutes),
                                             lesson_status_text(lesson)])
                    child.setData(0, LESSON_ROLE, (lesson.pack_id, lesson.lesson_id))
                    child.setToolTip(0, title)
                    item.addChild(child)
                    if selected and (lesson.pack_id, lesson.lesson_id) == tuple(selected):
                        select = child
        self.tree.expandAll()
        QTimer.singleShot(0, lambda: fit_tree_columns(self.tree))  # once laid out
        if select is None:
            select = self._first_lesson_item()
        if select is not None:
            self.tree.setCurrentItem(select)

    def show_results(self, text: str, hits: list[SearchHit]) -> None:
        """Show search results for ``text`` (the lesson list when the search is empty)."""
        if text != self.search.text().strip():
            return  # the learner has typed on since
        searching = bool(text)
        self.tree.setVisible(not searching)
        self.open_button.setVisible(not searching)
        self.results.setVisible(searching and bool(hits))
        self.no_results.setVisible(searching and not hits)
        self.no_results.setText(_("No lesson mentions “{text}”.").format(text=text))
        self.results.clear()
        for hit in hits:
            snippet = hit.snippet.replace("[", "").replace("]", "")
            rtl = is_right_to_left(hit.language)
            # each line isolated in the lesson's own direction, so English results read
            # well in an Arabic window and the other way round
            start, end = ("\u2067" if rtl else "\u2066"), "\u2069"
            item = QListWidgetItem(f"{start}{hit.lesson_title} › {hit.step_title}{end}\n"
                                   f"{start}{snippet}{end}")
            item.setTextAlignment((Qt.AlignmentFlag.AlignRight if rtl
                                   else Qt.AlignmentFlag.AlignLeft)
                                  | Qt.AlignmentFlag.AlignAbsolute
                                  | Qt.AlignmentFlag.AlignVCenter)
            item.setData(Qt.ItemDataRole.UserRole, (hit.pack_id, hit.lesson_id, hit.step_id))
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)

    def _open_result(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.result_opened.emit(*data)

    def _first_lesson_item(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            pack = self.tree.topLevelItem(i)
            for j in range(pack.childCount()):
                if pack.child(j).childCount():
                    return pack.child(j).child(0)
        return None

    def _update_open_button(self) -> None:
        item = self.tree.currentItem()
        self.open_button.setEnabled(bool(item and item.data(0, LESSON_ROLE)))

    def _activate(self, item: QTreeWidgetItem | None, _column: int) -> None:
        data = item.data(0, LESSON_ROLE) if item is not None else None
        if data:
            self.lesson_opened.emit(*data)

    def _continue_clicked(self) -> None:
        if self._continue:
            self.lesson_opened.emit(*self._continue)

    def focus_default(self) -> None:
        if self.continue_card.isVisible():
            self.continue_button.setFocus()
        else:
            self.tree.setFocus()
