"""Guard against a Qt binding that drops references to None, True or False.

PySide6 6.12.0 on Python 3.11 does (one reference lost per call of a void or bool method),
which aborts a window that runs long enough with "Fatal Python error: deallocating None".
pyproject.toml keeps such versions out; this test fails if one comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

CALLS = 2000


def test_qt_calls_keep_none_true_and_false_alive(qapp: QApplication) -> None:
    edit = QLineEdit()
    singletons = (None, True, False)
    before = [sys.getrefcount(x) for x in singletons]
    for _ in range(CALLS):
        edit.setText("x")  # void
        edit.isHidden()  # bool
        QApplication.processEvents()
    QTimer.singleShot(0, lambda: None)
    QApplication.processEvents()
    after = [sys.getrefcount(x) for x in singletons]
    # a leak shows as one lost reference per call; allow a little noise from other objects
    assert all(a - b > -CALLS // 10 for a, b in zip(after, before, strict=True)), (before, after)
