"""The trainers' side: the lesson packs screen, the pack editor, and sharing packs as files.

Like the coaching screens, these are built the first time they are needed. Only trainers
and administrators see them (``StaffMember.can_author``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from navigator import paths
from navigator.content.authoring import suggest_id
from navigator.content.manifest import MANIFEST_NAME
from navigator.i18n import _, current_language
from navigator.storage.pack_updates import InstalledPack, list_installed
from navigator.storage.staff import StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.page import warn_save_failed

if TYPE_CHECKING:
    from navigator.ui.main_window import MainWindow
    from navigator.ui.pack_editor import PackEditor
    from navigator.ui.pack_share import PackShare
    from navigator.ui.packs_view import PacksView


class Authoring(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.member: StaffMember | None = None
        self.bridge = FutureBridge(self)
        self.installed: list[InstalledPack] = []
        self.translations_dialog: Any = None
        self._screens: tuple[PacksView, PackEditor] | None = None
        self._share: PackShare | None = None
        self.ask_title: Callable[[], str | None] = self._ask_title
        self.choose_folder: Callable[[], Path | None] = self._choose_folder
        self.action = QAction(window)
        self.action.setObjectName("show-lesson-packs")
        self.action.triggered.connect(self.show_packs)

    @property
    def authoring_folder(self) -> Path:
        return paths.authoring_dir(self.services.data_dir)

    @property
    def built(self) -> bool:
        return self._screens is not None

    @property
    def packs_view(self) -> PacksView:
        return self._build()[0]

    @property
    def editor(self) -> PackEditor:
        return self._build()[1]

    @property
    def share(self) -> PackShare:
        """Import, export and build with progress and Cancel (made on first use)."""
        if self._share is None:
            from navigator.ui.pack_share import PackShare

            self._share = PackShare(self.services, self.window)
            self._share.installed.connect(self._installed)
        return self._share

    def _build(self) -> tuple[PacksView, PackEditor]:
        if self._screens is not None:
            return self._screens
        from navigator.ui.pack_editor import PackEditor
        from navigator.ui.packs_view import PacksView

        view, editor = PacksView(), PackEditor(self.services.workers)
        editor.preview.attach_reader(self.window.read_aloud)
        for screen in (view, editor):
            self.window.stack.addWidget(screen)
        self._screens = (view, editor)
        view.back_requested.connect(self.window.show_catalogue)
        view.new_requested.connect(self.new_pack)
        view.open_folder_requested.connect(self.open_folder)
        view.edit_requested.connect(self.edit)
        view.copy_requested.connect(self.edit_copy)
        view.import_requested.connect(lambda: self.share.import_file())
        view.export_requested.connect(self.export)
        editor.closed.connect(self.show_packs)
        editor.share_requested.connect(lambda root: self.share.build_folder(root))
        editor.try_requested.connect(self.try_pack)
        editor.translations_requested.connect(self.show_translations)
        return self._screens

    # --- the main window's calls ------------------------------------------------------------

    def toolbar_actions(self) -> list[QAction]:
        return [self.action]

    def retranslate(self) -> None:
        self.action.setText(_("Lesson packs"))
        if self.built:
            self.packs_view.retranslate()
            self.editor.retranslate()

    def signed_in(self, member: StaffMember) -> None:
        self.member = member
        self.action.setVisible(member.can_author)

    def lock(self) -> None:
        """Typing is saved; the editor and the lists are emptied."""
        self.member = None
        if self.translations_dialog is not None:
            self.translations_dialog.close()
        if self.built:
            self.editor.clear()
            self.packs_view.show_packs([], [])

    def may_close(self) -> bool:
        """Closing the window saves the typing; if it cannot, ask before losing it."""
        if not self.built or self.editor.save():
            return True
        answer = QMessageBox.question(
            self.window, _("Your last changes are not saved"),
            _("The lesson could not be saved (see the message at the top of the editor). "
              "Close Navigator anyway and lose the last changes?"))
        return answer == QMessageBox.StandardButton.Yes

    # --- screens ----------------------------------------------------------------------------

    def show_packs(self) -> None:
        if self.member is None or not self.member.can_author:
            return
        view = self.packs_view
        folder = self.authoring_folder

        def ready(installed: list[InstalledPack]) -> None:
            from navigator.ui.packs_view import drafts_in

            self.installed = installed
            view.show_packs(drafts_in(folder), installed)
            self.window.stack.setCurrentWidget(view)

        self.bridge.watch(self.services.lane.submit(list_installed), ready,
                          lambda error: warn_save_failed(self.window, error))

    def edit(self, folder: Path) -> None:
        if not (Path(folder) / MANIFEST_NAME).is_file():
            QMessageBox.warning(self.window, _("This is not a pack"), _(
                "“{folder}” has no {name} file, so it is not a lesson pack. Choose the folder "
                "that holds {name}.").format(folder=folder, name=MANIFEST_NAME))
            return
        self.editor.open_pack(Path(folder))
        self.window.stack.setCurrentWidget(self.editor)

    def _ask_title(self) -> str | None:
        title, ok = QInputDialog.getText(self.window, _("New pack"),
                                         _("The pack's title (you can change it later):"))
        return title.strip() if ok and title.strip() else None

    def _choose_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.window, _("Open a pack folder"),
                                                str(Path.home()))
        return Path(name) if name else None

    def new_pack(self) -> None:
        from navigator.content.scaffold import new_pack

        title = self.ask_title()
        if title is None:
            return
        folder = self.authoring_folder
        taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        taken |= {p.pack_id for p in self.installed}
        pack_id = suggest_id(title, taken, fallback="my-pack")
        author = self.member.name if self.member else ""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            root = new_pack(folder / pack_id, pack_id=pack_id, title=title,
                            language=current_language(), author=author)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self.window, _("The pack was not created"),
                                getattr(exc, "strerror", None) or str(exc))
            return
        self.edit(root)

    def open_folder(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            self.edit(folder)

    def edit_copy(self, pack_id: str) -> None:
        """Copy an installed pack into the authoring folder (once) and edit the copy."""
        pack = next((p for p in self.installed if p.pack_id == pack_id), None)
        if pack is None:
            return
        target = self.authoring_folder / pack_id
        if not target.exists():
            try:
                self.authoring_folder.mkdir(parents=True, exist_ok=True)
                shutil.copytree(pack.path, target, symlinks=False,
                                ignore=shutil.ignore_patterns(".*", "*.part"))
            except OSError as exc:
                shutil.rmtree(target, ignore_errors=True)
                QMessageBox.warning(self.window, _("The pack was not copied"),
                                    exc.strerror or str(exc))
                return
        self.edit(target)

    def export(self, pack_id: str) -> None:
        pack = next((p for p in self.installed if p.pack_id == pack_id), None)
        if pack is not None:
            self.share.export_pack(pack_id, f"{pack_id}-{pack.version}.navpack")

    def try_pack(self, root: Path) -> None:
        """Build the pack into a temporary file and import it here, so the trainer can take
        its lessons as a learner (the import shows what changes first)."""
        self.share.try_folder(root)

    def _installed(self, _pack_id: str) -> None:
        if self.window.stack.currentWidget() is self.packs_view:
            self.show_packs()

    def show_translations(self, root: Path) -> None:
        from navigator.ui.translations_view import TranslationsDialog

        if self.translations_dialog is not None:
            self.translations_dialog.close()
        self.editor.save()
        dialog = TranslationsDialog(root, parent=self.window)
        dialog.open_requested.connect(self._open_translation)
        self.translations_dialog = dialog
        dialog.show()

    def _open_translation(self, lesson_id: str, language: str) -> None:
        self.editor.documents.reload_changed()
        self.editor.open_lesson(lesson_id, language)
