"""Administration: staff profiles (add, change a role, reset a PIN) and when the computer
locks itself. Only administrators see it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from navigator.i18n import _, ngettext
from navigator.storage import staff
from navigator.storage.staff import ROLES, StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.client_dialogs import SavingDialog
from navigator.ui.idle import IDLE_CHOICES
from navigator.ui.page import page_layout, warn_save_failed
from navigator.ui.pin_field import pin_edit, pin_problem
from navigator.ui.sign_in import role_name
from navigator.ui.widgets import INTERFACE_LANGUAGES, button, fit_tree_columns, label, language_name

if TYPE_CHECKING:
    from navigator.ui.main_window import MainWindow


def _role_combo(current: str = staff.LEARNER) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("staff-role")
    for role in ROLES:
        combo.addItem(role_name(role), role)
    combo.setCurrentIndex(ROLES.index(current))
    return combo


class StaffDialog(SavingDialog):
    """A new staff profile, or a new PIN for one (``member`` given, ``pin_only``), or a new
    role (``role_only``)."""

    def __init__(self, save: Callable[[dict[str, Any]], Future[Any]], *,
                 member: StaffMember | None = None, mode: str = "new",
                 parent: QWidget | None = None):
        super().__init__(save, parent)
        self.setObjectName("StaffDialog")
        self.mode = mode
        titles = {"new": _("New staff profile"), "pin": _("Reset the PIN of {name}"),
                  "role": _("Change the role of {name}")}
        self.setWindowTitle(titles[mode].format(name=member.name if member else ""))
        self.name = QLineEdit()
        self.name.setObjectName("staff-name")
        self.name.setMaxLength(80)
        self.language = QComboBox()
        self.language.setObjectName("staff-language")
        for code in INTERFACE_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.role = _role_combo(member.role if member else staff.LEARNER)
        self.pin = pin_edit("staff-pin")
        self.pin_again = pin_edit("staff-pin-again")
        rows: list[tuple[str, QWidget]] = []
        if mode == "new":
            rows += [(_("Name"), self.name), (_("Language"), self.language)]
        if mode in ("new", "role"):
            rows.append((_("Role"), self.role))
        if mode in ("new", "pin"):
            rows += [(_("PIN"), self.pin), (_("PIN again"), self.pin_again)]
        for text, widget in rows:
            widget.setAccessibleName(text)
            self.form.addRow(text, widget)
        if mode == "pin":
            self.layout_.insertWidget(0, label(_(
                "Give the new PIN to {name} in person. They can sign in with it at once."
            ).format(name=member.name if member else "")))
        self.finish_layout()

    def problem(self) -> str:
        if self.mode == "new" and not self.name.text().strip():
            return _("Please type a name.")
        if self.mode in ("new", "pin"):
            return pin_problem(self.pin.text(), self.pin_again.text())
        return ""

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.mode == "new":
            found |= {"name": self.name.text(), "language": self.language.currentData()}
        if self.mode in ("new", "role"):
            found["role"] = self.role.currentData()
        if self.mode in ("new", "pin"):
            found["pin"] = self.pin.text()
        return found


class StaffView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StaffView")
        layout = page_layout(self)
        self.title = label(role="title")
        self.intro = label(role="muted")
        self.tree = QTreeWidget()
        self.tree.setObjectName("staff-list")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        buttons = QHBoxLayout()
        self.add = button(role="primary", name="add-staff")
        self.change_role = button(name="change-role")
        self.reset_pin = button(name="reset-pin")
        for widget in (self.add, self.change_role, self.reset_pin):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        idle_row = QHBoxLayout()
        self.idle_label = label(wrap=False)
        self.idle = QComboBox()
        self.idle.setObjectName("idle-minutes")
        self.idle_label.setBuddy(self.idle)
        idle_row.addWidget(self.idle_label)
        idle_row.addWidget(self.idle)
        idle_row.addStretch(1)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(idle_row)
        self.members: list[StaffMember] = []

    def retranslate(self) -> None:
        self.title.setText(_("Staff"))
        self.intro.setText(_("Everyone who uses Navigator has a profile and a PIN. Navigators "
                             "coach clients, trainers write lesson packs, administrators do "
                             "everything and manage this list."))
        self.tree.setHeaderLabels([_("Name"), _("Role"), _("Language")])
        self.tree.setAccessibleName(_("Staff"))
        self.add.setText(_("Add a person…"))
        self.change_role.setText(_("Change the role…"))
        self.reset_pin.setText(_("Reset the PIN…"))
        self.idle_label.setText(_("Lock Navigator when nobody uses it for"))
        self.idle.setAccessibleName(_("Lock Navigator when nobody uses it for"))
        current = self.idle.currentData()
        self.idle.blockSignals(True)
        self.idle.clear()
        for minutes in IDLE_CHOICES:
            self.idle.addItem(ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes),
                              minutes)
        if current is not None:
            self.idle.setCurrentIndex(self.idle.findData(current))
        self.idle.blockSignals(False)
        self.show_staff(self.members)

    def show_staff(self, members: list[StaffMember], selected: int | None = None) -> None:
        self.members = members
        self.tree.clear()
        for member in members:
            item = QTreeWidgetItem([member.name, role_name(member.role),
                                    language_name(member.language)])
            item.setData(0, Qt.ItemDataRole.UserRole, member.id)
            self.tree.addTopLevelItem(item)
            if member.id == selected:
                self.tree.setCurrentItem(item)
        fit_tree_columns(self.tree)

    def selected(self) -> StaffMember | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((m for m in self.members if m.id == wanted), None)


class StaffAdmin(QObject):
    """The Staff toolbar action and screen, shown to administrators only."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.lane = window.services.lane
        self.admin: StaffMember | None = None
        self.bridge = FutureBridge(self)
        self._view: StaffView | None = None  # built when first shown
        self.action = QAction(window)
        self.action.setObjectName("show-staff")
        self.action.triggered.connect(lambda: self.show())

    @property
    def view(self) -> StaffView:
        if self._view is None:
            view = self._view = StaffView()
            self.window.stack.addWidget(view)
            view.add.clicked.connect(lambda: self.edit("new"))
            view.change_role.clicked.connect(lambda: self.edit("role"))
            view.reset_pin.clicked.connect(lambda: self.edit("pin"))
            view.idle.currentIndexChanged.connect(lambda _i: self.save_idle())
            view.retranslate()
        return self._view

    def retranslate(self) -> None:
        self.action.setText(_("Staff"))
        if self._view is not None:
            self._view.retranslate()

    def signed_in(self, member: StaffMember) -> None:
        self.admin = member if member.is_admin else None
        self.action.setVisible(member.is_admin)

    def clear(self) -> None:
        self.admin = None
        if self._view is not None:
            self._view.show_staff([])

    def show(self, selected: int | None = None) -> None:
        if self.admin is None:
            return
        self.view.show_staff(self.lane.call(staff.list_staff), selected)
        minutes = self.window.access.idle.minutes
        self.view.idle.blockSignals(True)
        self.view.idle.setCurrentIndex(max(0, self.view.idle.findData(minutes)))
        self.view.idle.blockSignals(False)
        self.window.stack.setCurrentWidget(self.view)

    def edit(self, mode: str) -> None:
        admin = self.admin
        member = self.view.selected()
        if admin is None or (mode != "new" and member is None):
            return

        def save(values: dict[str, Any]) -> Future[Any]:
            if mode == "new":
                return self.lane.submit(staff.create_staff, make_current=False, **values)
            assert member is not None
            if mode == "role":
                return self.lane.submit(staff.set_role, admin_id=admin.id,
                                        learner_id=member.id, **values)
            return self.lane.submit(staff.reset_pin, admin_id=admin.id, learner_id=member.id,
                                    **values)

        dialog = StaffDialog(save, member=member, mode=mode, parent=self.window)
        self.dialog = dialog  # tests reach the open dialog here
        if dialog.exec():
            created = dialog.result_value
            self.show(created.id if isinstance(created, StaffMember) else
                      member.id if member else None)

    def save_idle(self) -> None:
        minutes = self.view.idle.currentData()
        if self.admin is None or minutes is None:
            return
        self.window.access.idle.minutes = minutes
        self.bridge.watch(self.lane.submit(staff.set_idle_lock_minutes, minutes=minutes),
                          lambda _r: None, lambda error: warn_save_failed(self.window, error))
