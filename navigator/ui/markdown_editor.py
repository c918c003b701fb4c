"""The lesson text editor: plain Markdown with the parts of the pack format coloured (found
with the lesson parser's own patterns, so what is coloured is what the parser reads).

Colours come from the current theme (``accent``, ``ok``, ``bad``, ``muted``) so they keep
their contrast in the high-contrast theme; headings and right answers are also bold, so
nothing depends on colour alone.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from navigator.content.lessonfile import MARKERS, STEP_HEADING
from navigator.content.media import pictures
from navigator.content.questions import FEEDBACK, OPTION, ORDER_ITEM, SUFFIX
from navigator.ui.theme import palette_colour

# No bracket inside the brackets, no parenthesis inside the parentheses: each try stops at
# the next one, so a line of 100 KB of "[" is coloured at once, not in minutes.
LINK = re.compile(r"(?<!!)\[[^\[\]]*\]\([^()]*\)")
STRONG = re.compile(r"\*\*[^*]+\*\*")
EMPHASIS = re.compile(r"(?<!\*)\*[^*\s][^*]*\*(?!\*)")
FRONT_KEY = re.compile(r"^[A-Za-z_]+:")

IN_FRONT_MATTER, AFTER_FRONT_MATTER = 1, 2


def _format(colour: str = "", *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if colour:
        fmt.setForeground(palette_colour(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Front matter, step headings and their markers, options (right ones bold), feedback,
    pictures, links, bold and italics."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.refresh_colours()

    def refresh_colours(self) -> None:
        """Take the theme's colours again (after switching to or from high contrast)."""
        self.formats = {
            "front": _format("muted"), "key": _format("accent", bold=True),
            "heading": _format("accent", bold=True), "marker": _format("muted", bold=True),
            "right": _format("ok", bold=True), "wrong": _format("bad", bold=True),
            "feedback": _format("muted", italic=True), "picture": _format("accent"),
            "link": _format("accent"), "strong": _format(bold=True),
            "emphasis": _format(italic=True),
        }
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        state = self._front_matter_state(text)
        self.setCurrentBlockState(state)
        if state == IN_FRONT_MATTER or (text.strip() == "---" and self._previous_in_front()):
            self.setFormat(0, len(text), self.formats["front"])
            key = FRONT_KEY.match(text)
            if key:
                self.setFormat(0, key.end(), self.formats["key"])
            return
        if STEP_HEADING.match(text):
            self.setFormat(0, len(text), self.formats["heading"])
            found = MARKERS.search(text)
            if found:
                self.setFormat(found.start(), found.end() - found.start(),
                               self.formats["marker"])
            return
        option = OPTION.match(text)
        if option:
            right = option.group("mark") in "xX"
            self.setFormat(0, option.end("mark") + 1, self.formats["right" if right else "wrong"])
        elif ORDER_ITEM.match(text):
            self.setFormat(0, text.find(" "), self.formats["marker"])
        if FEEDBACK.match(text):
            self.setFormat(0, len(text), self.formats["feedback"])
        for matches, name in ((STRONG.finditer(text), "strong"),
                              (EMPHASIS.finditer(text), "emphasis"), (LINK.finditer(text), "link"),
                              (pictures(text), "picture"), (SUFFIX.finditer(text), "marker")):
            for found in matches:
                self.setFormat(found.start(), found.end() - found.start(), self.formats[name])

    def _previous_in_front(self) -> bool:
        return self.previousBlockState() == IN_FRONT_MATTER

    def _front_matter_state(self, text: str) -> int:
        block: QTextBlock = self.currentBlock()
        previous = self.previousBlockState()
        if block.blockNumber() == 0:
            return IN_FRONT_MATTER if text.strip() == "---" else AFTER_FRONT_MATTER
        if previous == IN_FRONT_MATTER:
            return AFTER_FRONT_MATTER if text.strip() == "---" else IN_FRONT_MATTER
        return AFTER_FRONT_MATTER


class MarkdownEdit(QPlainTextEdit):
    """A plain-text editor for one lesson file at a time: a fixed-width font, no wrapping
    surprises, and helpers to go to a line and to know the cursor's line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson-source")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)  # Tab leaves the editor: keyboard users are not trapped
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.highlighter: MarkdownHighlighter | None = None

    def set_document(self, document: QTextDocument) -> None:
        """Show ``document`` (each open file keeps its own, with its own undo history)."""
        self.setDocument(document)
        if self.highlighter is not None:
            self.highlighter.setDocument(None)  # type: ignore[arg-type]
        self.highlighter = MarkdownHighlighter(document)

    def text(self) -> str:
        """The text exactly as typed (non-breaking spaces kept)."""
        return self.document().toRawText().replace("\u2029", "\n")

    def current_line(self) -> int:
        """The cursor's line, 0-based."""
        return self.textCursor().blockNumber()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (1-based, as in problems) and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def insert_block(self, text: str) -> None:
        """Insert ``text`` as its own paragraph at the cursor (one undo step)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.positionInBlock() > 0:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText("\n")
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
