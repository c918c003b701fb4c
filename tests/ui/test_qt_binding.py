"""The installed Qt binding does not corrupt Python's reference counts."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    with_value = Signal(object)
    bare = Signal()


def test_emitting_signals_keeps_the_reference_count_of_true(qtbot):
    """PySide6 6.12.0 dropped a reference to True per emit(), crashing the app at exit."""
    emitter = _Emitter()
    emitter.with_value.connect(lambda _value: None)
    emitter.bare.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.with_value.emit(1)
        emitter.bare.emit()
    assert sys.getrefcount(True) - before >= 0
