"""The administrator's Learning Record Store dialog, driven like a person would, against the
real Ralph LRS: settings refused in words, saved outside the data folder with the secret
kept but never shown, "Test connection", "Send now" moving the counts, refused records
listed with their reason and put back in the queue on request."""

from __future__ import annotations

import copy
import json
import uuid

from PySide6.QtCore import Qt

from navigator.services import Services
from navigator.storage import xapi_queue as q
from navigator.ui.lrs_settings import KEEP, LrsSettings
from navigator.xapi import lrs_config
from tests.xapi.conftest import PASSWORD, USER, Lrs
from tests.xapi.test_lrs_sync import local_ids, take_lesson


def open_dialog(qtbot, services: Services) -> LrsSettings:
    dialog = LrsSettings(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Waiting:"), timeout=5000)
    return dialog


def type_settings(qtbot, dialog: LrsSettings, endpoint: str, key: str, secret: str) -> None:
    for field, text in ((dialog.endpoint, endpoint), (dialog.key, key),
                        (dialog.secret, secret)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_an_unencrypted_address_is_refused_in_words_and_nothing_is_saved(qtbot, services):
    """http:// to another computer is refused with the reason, and no settings file is
    written."""
    dialog = open_dialog(qtbot, services)
    type_settings(qtbot, dialog, "http://lrs.example.org/xAPI/", "key", "secret")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "only sent over https" in dialog.message.text()
    assert not lrs_config.config_path().exists()


def test_saved_settings_keep_the_secret_without_showing_it(qtbot, services, lrs: Lrs):
    """After saving, the secret box shows dots, not the secret; saving again with the box
    left as it is keeps the stored secret; the dialog reopens with the same settings."""
    dialog = open_dialog(qtbot, services)
    type_settings(qtbot, dialog, lrs.endpoint, USER, PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("Saved.")
    assert dialog.secret.text() == KEEP != PASSWORD
    again = open_dialog(qtbot, services)
    assert (again.endpoint.text(), again.key.text(), again.secret.text()) == (
        lrs.endpoint, USER, KEEP)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert json.loads(lrs_config.config_path().read_text())["secret"] == PASSWORD
    qtbot.mouseClick(again.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "accepted the key" in again.message.text(), timeout=10000)
    qtbot.mouseClick(again.forget, Qt.MouseButton.LeftButton)
    assert lrs_config.load() is None and again.secret.text() == ""


def test_send_now_moves_the_counts_and_lists_the_refused_reasons(qtbot, services, lrs: Lrs):
    """A learner's records wait; "Send now" delivers them to the LRS and the status says so;
    a record the LRS refuses is listed with its reason and can be put back in the queue."""
    account = take_lesson(services, "Hana")
    good = local_ids(services)
    bad = copy.deepcopy(services.lane.call(q.get_statement, statement_id=sorted(good)[0]))
    bad["id"], bad["actor"] = str(uuid.uuid4()), {"objectType": "Agent"}
    services.lane.call(q.enqueue, statement=bad, learner_id=None)
    dialog = open_dialog(qtbot, services)
    assert dialog.status.text().startswith(f"Waiting: {len(good) + 1} · Sent: 0")
    type_settings(qtbot, dialog, lrs.endpoint, USER, PASSWORD)
    qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith(
        f"Waiting: 0 · Sent: {len(good)} · Refused: 1"), timeout=20000)
    assert f"Sent: {len(good)}. Already there: 0. Still waiting: 0." in dialog.message.text()
    assert "Refused: actor" in dialog.status.text()  # the LRS's reason, not a code
    assert dialog.bar.isHidden() and dialog.send.isEnabled()
    assert {s["id"] for s in lrs.statements(account)} == good
    assert dialog.retry.isEnabled()
    qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith(
        f"Waiting: 1 · Sent: {len(good)} · Refused: 0"), timeout=5000)
    assert not dialog.retry.isEnabled()
