"""Lesson packs (trainers and administrators): the packs being written on this computer, and
the installed packs, with import, export, a new pack and "edit a copy"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from navigator.content.manifest import MANIFEST_NAME, peek_identity
from navigator.core.model import localized
from navigator.i18n import _, current_locale
from navigator.storage.pack_updates import InstalledPack
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.page import scrolling_page
from navigator.ui.widgets import button, label

ROLE = Qt.ItemDataRole.UserRole


def drafts_in(folder: Path) -> list[tuple[Path, str, str]]:
    """(folder, id, version) of every pack in the authoring folder."""
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        if (child / MANIFEST_NAME).is_file():
            identity = peek_identity(child) or (child.name, "")
            found.append((child, identity[0], identity[1]))
    return found


class PacksView(QWidget):
    """Signals carry what the controller needs; the view itself changes nothing on disk."""

    back_requested = Signal()
    edit_requested = Signal(object)  # Path of a pack folder
    new_requested = Signal()
    open_folder_requested = Signal()
    copy_requested = Signal(str)  # installed pack id
    import_requested = Signal()
    export_requested = Signal(str)  # installed pack id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PacksView")
        layout = scrolling_page(self)
        header = QHBoxLayout()
        self.back = button(name="back-home")
        self.title = label(role="title")
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        layout.addLayout(header)

        self.drafts_heading = label(role="section")
        self.drafts_help = label(role="muted")
        layout.addWidget(self.drafts_heading)
        layout.addWidget(self.drafts_help)
        self.drafts = QTreeWidget()
        self.drafts.setObjectName("draft-packs")
        self.drafts.setRootIsDecorated(False)
        self.drafts.setColumnCount(3)
        layout.addWidget(self.drafts, 1)
        drafts_row_box = QWidget()
        drafts_row = FlowLayout(drafts_row_box)
        self.new_pack = button(role="primary", name="new-pack")
        self.edit = button(name="edit-pack")
        self.open_folder = button(name="open-pack-folder")
        for widget in (self.new_pack, self.edit, self.open_folder):
            drafts_row.add(widget)
        layout.addWidget(drafts_row_box)

        self.installed_heading = label(role="section")
        layout.addWidget(self.installed_heading)
        self.installed = QTreeWidget()
        self.installed.setObjectName("installed-packs")
        self.installed.setRootIsDecorated(False)
        self.installed.setColumnCount(4)
        layout.addWidget(self.installed, 1)
        installed_row_box = QWidget()
        installed_row = FlowLayout(installed_row_box)
        self.import_pack = button(role="primary", name="import-pack")
        self.export = button(name="export-pack")
        self.copy = button(name="copy-pack")
        for widget in (self.import_pack, self.export, self.copy):
            installed_row.add(widget)
        layout.addWidget(installed_row_box)
        for tree in (self.drafts, self.installed):
            tree.setMinimumHeight(160)
            tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            tree.header().setStretchLastSection(False)
            tree.currentItemChanged.connect(lambda *_a: self._update_buttons())

        self.back.clicked.connect(self.back_requested)
        self.new_pack.clicked.connect(self.new_requested)
        self.open_folder.clicked.connect(self.open_folder_requested)
        self.edit.clicked.connect(self._edit)
        self.drafts.itemActivated.connect(lambda *_a: self._edit())
        self.import_pack.clicked.connect(self.import_requested)
        self.export.clicked.connect(lambda: self._installed(self.export_requested))
        self.copy.clicked.connect(lambda: self._installed(self.copy_requested))
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setText(_("Home"))
        self.title.setText(_("Lesson packs"))
        self.drafts_heading.setText(_("Packs you are writing"))
        self.drafts_help.setText(_(
            "Your changes are saved as you type. When a pack is ready, save it as a pack file "
            "to share it with other agencies, or try it here."))
        self.drafts.setHeaderLabels([_("Pack"), _("Version"), _("Folder")])
        self.drafts.setAccessibleName(_("Packs you are writing"))
        self.installed_heading.setText(_("Installed packs"))
        self.installed.setHeaderLabels([_("Pack"), _("Version"), _("Lessons"), _("From")])
        self.installed.setAccessibleName(_("Installed packs"))
        for widget, text in ((self.new_pack, _("New pack…")), (self.edit, _("Edit")),
                             (self.open_folder, _("Open a pack folder…")),
                             (self.import_pack, _("Import a pack file…")),
                             (self.export, _("Save as a pack file…")),
                             (self.copy, _("Edit a copy"))):
            widget.setText(text)
        self.copy.setToolTip(_("Copy this pack into your packs, to change it and share it "
                               "as a new version"))

    def show_packs(self, drafts: list[tuple[Path, str, str]],
                   installed: list[InstalledPack]) -> None:
        self.drafts.clear()
        for folder, pack_id, version in drafts:
            item = QTreeWidgetItem([pack_id, version, str(folder)])
            item.setData(0, ROLE, str(folder))
            self.drafts.addTopLevelItem(item)
        self.installed.clear()
        language = current_locale()
        for pack in installed:
            source = _("Built in") if pack.builtin else _("Imported")
            title = localized(pack.titles, language, pack.default_language)
            item = QTreeWidgetItem([title, pack.version, str(pack.lessons), source])
            item.setData(0, ROLE, pack.pack_id)
            item.setToolTip(0, pack.pack_id)
            self.installed.addTopLevelItem(item)
        for tree in (self.drafts, self.installed):
            if tree.topLevelItemCount():
                tree.setCurrentItem(tree.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit.setEnabled(self.drafts.currentItem() is not None)
        for widget in (self.export, self.copy):
            widget.setEnabled(self.installed.currentItem() is not None)

    def _edit(self) -> None:
        item = self.drafts.currentItem()
        if item is not None:
            self.edit_requested.emit(Path(item.data(0, ROLE)))

    def _installed(self, signal: Signal) -> None:
        item = self.installed.currentItem()
        if item is not None:
            signal.emit(item.data(0, ROLE))  # type: ignore[attr-defined]
