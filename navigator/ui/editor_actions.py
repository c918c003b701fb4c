"""What the pack editor does to the text: add a picture (copied into the pack's media), add
or edit a question with the form, each as one step the trainer can undo."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from navigator.content.authoring import (
    QuestionDraft,
    read_question_step,
    split_steps,
    step_at,
)
from navigator.content.media import MEDIA_DIR, PICTURE_TYPES
from navigator.content.navpack import Limits
from navigator.files import written_beside
from navigator.i18n import _
from navigator.ui.markdown_editor import MarkdownEdit

MAX_PICTURE_BYTES = Limits().max_file_bytes  # what a .navpack may hold per file


def choose_picture_dialog(parent: QWidget) -> Path | None:
    patterns = " ".join(f"*{suffix}" for suffix in sorted(PICTURE_TYPES))
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Add a picture"), str(Path.home()),
        _("Pictures ({patterns})").format(patterns=patterns))
    return Path(name) if name else None


def media_name(source: Path, media: Path) -> str:
    """A file name for ``source`` in ``media``: lowercase letters, digits and hyphens, and
    a number when the name is taken by a different picture."""
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "picture"
    suffix = source.suffix.lower()
    name, n = f"{stem}{suffix}", 2
    while (media / name).exists() and (media / name).read_bytes() != source.read_bytes():
        name, n = f"{stem}-{n}{suffix}", n + 1
    return name


def copy_picture(source: Path, root: Path) -> str:
    """Copy a picture into the pack's ``media/``; returns ``media/NAME``. Raises ``ValueError``
    with a plain reason for a file Navigator cannot use."""
    if source.suffix.lower() not in PICTURE_TYPES:
        raise ValueError(_("“{name}” is not a picture Navigator can show: use PNG, JPEG, GIF, "
                           "WebP or SVG.").format(name=source.name))
    if source.stat().st_size > MAX_PICTURE_BYTES:
        raise ValueError(_("“{name}” is larger than 20 MB: make it smaller (a picture in a "
                           "lesson rarely needs more than 1 MB).").format(name=source.name))
    media = root / MEDIA_DIR
    media.mkdir(exist_ok=True)
    name = media_name(source, media)
    if not (media / name).exists():
        with written_beside(media / name, empty_message=_(
                "“{name}” is empty or the disk is full.").format(name=source.name)) as part:
            shutil.copyfile(source, part)
    return f"{MEDIA_DIR}/{name}"


def insert_picture(editor: MarkdownEdit, root: Path, parent: QWidget,
                   choose: Callable[[], Path | None],
                   describe: Callable[[str], str | None]) -> str | None:
    """Ask for a picture and its description, copy it, and write ``![description](media/x)``
    at the cursor. Returns what was inserted."""
    source = choose()
    if source is None:
        return None
    try:
        src = copy_picture(source, root)
    except (ValueError, OSError) as exc:
        reason = exc.args[0] if isinstance(exc, ValueError) else (exc.strerror or str(exc))
        QMessageBox.warning(parent, _("The picture was not added"), reason)
        return None
    description = describe(src)
    if not description:
        description = _("Describe this picture")
    markdown = f"![{description}]({src})\n"
    editor.insert_block(markdown)
    return markdown


def step_ids(text: str) -> tuple[set[str], list[str]]:
    """Every step id in the text, and the ids of branch steps (for scenario choices)."""
    blocks = split_steps(text)
    taken = {b.step_id for b in blocks if b.step_id}
    branches = [b.step_id for b in blocks if b.step_id and "branch" in b.markers]
    return taken, branches


def question_under_cursor(editor: MarkdownEdit) -> tuple[object, QuestionDraft] | None:
    """The step block at the cursor and its question, when it is one."""
    text = editor.text()
    block = step_at(text, editor.current_line())
    if block is None:
        return None
    lines = text.split("\n")[block.start:block.end]
    draft = read_question_step("\n".join(lines))
    return (block, draft) if draft is not None else None


def replace_lines(editor: MarkdownEdit, start: int, end: int, markdown: str) -> None:
    """Replace lines ``start``..``end`` (0-based, end excluded) with ``markdown`` as one
    undoable edit, keeping a blank line before the next step."""
    document = editor.document()
    cursor = QTextCursor(document.findBlockByNumber(start))
    cursor.beginEditBlock()
    if end >= document.blockCount():
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        replacement = markdown.rstrip("\n") + "\n"
    else:
        cursor.setPosition(document.findBlockByNumber(end).position(),
                           QTextCursor.MoveMode.KeepAnchor)
        replacement = markdown.rstrip("\n") + "\n\n"
    cursor.insertText(replacement)
    cursor.endEditBlock()
    editor.setTextCursor(QTextCursor(document.findBlockByNumber(start)))


def insert_after_current_step(editor: MarkdownEdit, markdown: str) -> None:
    """Add a new step after the one at the cursor (or at the end)."""
    text = editor.text()
    block = step_at(text, editor.current_line())
    line = block.end if block is not None else editor.document().blockCount()
    if line >= editor.document().blockCount():
        cursor = QTextCursor(editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        cursor.insertText(("\n" if not text.endswith("\n\n") else "") + markdown.rstrip("\n")
                          + "\n")
        cursor.endEditBlock()
        start = editor.document().blockCount() - markdown.rstrip("\n").count("\n") - 2
    else:
        cursor = QTextCursor(editor.document().findBlockByNumber(line))
        cursor.beginEditBlock()
        cursor.insertText(markdown.rstrip("\n") + "\n\n")
        cursor.endEditBlock()
        start = line
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(max(0, start))))


def run_question_form(editor: MarkdownEdit, root: Path, language: str, parent: QWidget,
                      *, edit: bool, show: Callable[[QDialog], int] | None = None
                      ) -> QDialog | None:
    """Open the question form for a new question (after the current step) or for the one at
    the cursor; on Save write it back as Markdown. Returns the dialog (tests look at it)."""
    from navigator.ui.question_form import QuestionFormDialog

    found = question_under_cursor(editor) if edit else None
    if edit and found is None:
        QMessageBox.information(parent, _("Edit a question"), _(
            "Put the cursor in a question step (a step with options) to edit it with the "
            "form, or use “Add a question”."))
        return None
    taken, branches = step_ids(editor.text())
    draft = found[1] if found else None
    if draft is not None and draft.step_id:
        taken.discard(draft.step_id)
    dialog = QuestionFormDialog(draft, root=root, language=language, taken_ids=taken,
                                branch_ids=branches, parent=parent)
    result = (show or (lambda d: d.exec()))(dialog)
    if result != QDialog.DialogCode.Accepted:
        return dialog
    markdown = dialog.markdown()
    if found is not None:
        block = found[0]
        replace_lines(editor, block.start, block.end, markdown)  # type: ignore[attr-defined]
    else:
        insert_after_current_step(editor, markdown)
    return dialog
