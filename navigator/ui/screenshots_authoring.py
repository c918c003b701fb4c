"""The trainers' screens for ``navigator screenshots``: lesson packs, the pack editor, the
question form (one answer, and a spot drawn on the picture), a translation beside its
original, the translation status, and what an upgrade changes."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from navigator import paths
from navigator.content import packedit
from navigator.content.authoring import OptionDraft, QuestionDraft
from navigator.content.changes import compare_packs
from navigator.content.loader import check_pack
from navigator.core.model import QuestionType
from navigator.i18n import _
from navigator.ui.main_window import MainWindow

Save = Callable[[QWidget, Path, str, list[Path]], None]


def _wait(widget_busy: Callable[[], bool], rounds: int = 200) -> None:
    for _round in range(rounds):
        QApplication.processEvents()
        if not widget_busy():
            return
        time.sleep(0.01)


def capture_authoring(window: MainWindow, language: str, outdir: Path, written: list[Path],
                      save: Save, settle: Callable[[MainWindow], None]) -> None:
    """A pack being written (a copy of the staff course, so there are translations)."""
    authoring = window.authoring
    if window.member is None or not window.member.can_author:
        return
    authoring.show_packs()
    settle(window)
    _wait(lambda: authoring.bridge.busy)
    authoring.edit_copy("staff-course")
    editor = authoring.editor
    root = paths.authoring_dir(window.services.data_dir) / "staff-course"
    authoring.show_packs()
    _wait(lambda: authoring.bridge.busy)
    save(window, outdir, "25-lesson-packs", written)

    authoring.edit(root)
    lesson = "power-and-lock"
    editor.open_lesson(lesson)
    text = editor.editor.toPlainText().split("\n")
    question = next((i for i, line in enumerate(text) if line.startswith("## ")
                     and "check" in line), 0)
    editor.editor.go_to_line(question + 1)
    editor.preview.refresh_now()
    _wait(lambda: editor.preview.bridge.busy or editor.bridge.busy)
    editor.preview.set_cursor_line(question)
    save(window, outdir, "26-pack-editor", written)

    _capture_forms(window, editor, root, language, outdir, written, save)

    base = language.split("_")[0]
    translation = "fr" if base == "en" else base
    if (root / "lessons" / f"{lesson}.{translation}.md").is_file():
        editor.open_lesson(lesson, translation)
        editor.preview.refresh_now()
        _wait(lambda: editor.preview.bridge.busy)
        save(window, outdir, "29-translation-side-by-side", written)

    from navigator.ui.translations_view import TranslationsDialog

    dialog = TranslationsDialog(root, parent=window)
    dialog.resize(900, 560)
    dialog.show()
    QApplication.processEvents()
    save(dialog, outdir, "30-translation-status", written)
    dialog.close()
    _capture_changes(window, root, language, outdir, written, save)
    editor.clear()


def _capture_forms(window: MainWindow, editor: QWidget, root: Path, language: str,
                   outdir: Path, written: list[Path], save: Save) -> None:
    from navigator.ui.question_form import QuestionFormDialog

    single = QuestionDraft(
        kind=QuestionType.SINGLE, title=_("Which button turns the phone on?"),
        step_id="which-button",
        prompt=_("Your client's phone is off. Which button do you press?"),
        options=[OptionDraft(_("The power button, held for three seconds"), True,
                             _("Yes. A short press only wakes the screen.")),
                 OptionDraft(_("The volume button"), False,
                             _("No. It only changes how loud the phone is."))])
    spot = QuestionDraft(
        kind=QuestionType.SPOT, title=_("Where is the power button?"), step_id="find-power",
        prompt=_("Tap the power button on this Android phone."),
        picture="media/power-button.svg", picture_alt=_("An Android phone seen from the front"),
        options=[OptionDraft(_("The short button on the right edge"), True, _("Yes."),
                             (43, 42, 6, 13)),
                 OptionDraft(_("The long button on the right edge"), False,
                             _("No. That is the volume button."), (43, 22, 6, 18))])
    for draft, name in ((single, "27-question-form"), (spot, "28-spot-question-form")):
        dialog = QuestionFormDialog(draft, root=root, language=language,
                                    taken_ids=set(), branch_ids=[], parent=window)
        dialog.resize(900, 1000)
        dialog.show()
        if draft.kind is QuestionType.SPOT:
            dialog.rows.select(0)
            QApplication.processEvents()
            scroll = dialog.findChild(QScrollArea)
            if scroll is not None:
                scroll.ensureWidgetVisible(dialog.spots, 0, 0)
        _wait(lambda d=dialog: d.timer.isActive())
        save(dialog, outdir, name, written)
        dialog.close()


def _capture_changes(window: MainWindow, root: Path, language: str, outdir: Path,
                     written: list[Path], save: Save) -> None:
    """What importing a newer version of the staff course would change."""
    from navigator.ui.pack_share import ChangesDialog

    installed = window.services.library.get("staff-course")
    with tempfile.TemporaryDirectory(prefix="navigator-shot-") as tmp:
        newer = Path(tmp) / "staff-course"
        shutil.copytree(root, newer)
        lessons = [lesson.id for m in packedit.read_outline(newer).modules
                   for lesson in m.lessons]
        path = newer / "lessons" / f"{lessons[0]}.en.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        packedit.delete_lesson(newer, lessons[1])
        packedit.add_lesson(newer, packedit.read_outline(newer).modules[0].id,
                            _("Reading a bus schedule"))
        packedit.set_pack_fields(newer, version="0.2.0")
        pack, _problems = check_pack(newer)
        if pack is None:
            return
        changes = compare_packs(installed, pack, language)
        dialog = ChangesDialog(changes, parent=window)
        dialog.resize(760, 520)
        dialog.show()
        QApplication.processEvents()
        save(dialog, outdir, "31-import-changes", written)
        dialog.close()
