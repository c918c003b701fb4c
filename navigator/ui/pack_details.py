"""Pack details: the title, description and version a trainer changes before sharing a new
version (written to ``pack.yaml`` by :func:`navigator.content.packedit.set_pack_fields`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.content import packedit
from navigator.i18n import _
from navigator.ui.widgets import label


class PackDetailsDialog(QDialog):
    def __init__(self, root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.root = root
        data = packedit.read_manifest_data(root)
        language = packedit.default_language(data).replace("_", "-")
        self.language = language
        titles = data.get("title") if isinstance(data.get("title"), dict) else {}
        descriptions = (data.get("description")
                        if isinstance(data.get("description"), dict) else {})
        self.setWindowTitle(_("Pack details"))
        layout = QVBoxLayout(self)
        self.title = QLineEdit(str(titles.get(language, "")))
        self.title.setObjectName("pack-title")
        self.version = QLineEdit(str(data.get("version", "")))
        self.version.setObjectName("pack-version")
        self.description = QPlainTextEdit(str(descriptions.get(language, "")))
        self.description.setObjectName("pack-description")
        self.description.setTabChangesFocus(True)
        for caption, widget in ((_("Title"), self.title), (_("Version"), self.version),
                                (_("Description"), self.description)):
            text = label(caption)
            text.setBuddy(widget)
            widget.setAccessibleName(caption)
            layout.addWidget(text)
            layout.addWidget(widget)
        layout.addWidget(label(_(
            "Raise the version before you share a changed pack (1.0 → 1.1): agencies that "
            "import it see what changed, and their learners keep their progress."),
            role="muted"))
        self.problem = label(role="error")
        self.problem.setObjectName("pack-details-problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Write the fields; a refused value is explained and nothing is written."""
        try:
            packedit.set_pack_fields(self.root, title={self.language: self.title.text()},
                                     version=self.version.text().strip(),
                                     description={self.language:
                                                  self.description.toPlainText()})
        except (packedit.EditRefused, OSError) as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
