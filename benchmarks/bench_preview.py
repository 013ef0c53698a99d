"""The delete preview at 6,000 cookies (issue 13 budget: ≤ 100 ms), offscreen.

Old and new side by side in one run: the old build (a list membership test per cookie, kept
here verbatim as the baseline) and the dialog as it is now (each store's keys in a set). The
cookies come from a real-schema Chromium store, scanned and classified as the window does.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import (  # noqa: TID251 (it measures a dialog: Qt is its point)
    QApplication,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from tests.helpers.stores import TestCookie, chromium_profile

from cookiedesk.model import Cookie, Store
from cookiedesk.operations.deleting import Prepared
from cookiedesk.safety import delete as safe_delete
from cookiedesk.safety.outcomes import Plan
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui.delete_dialog import DeletePreview

COOKIES = 6_000
BUDGET_S = 0.100


def old_build(deletion: Plan, cookies: list[Cookie]) -> QTreeWidget:
    """The preview's tree as it was built before (HEAD~ of this change), for the baseline."""
    tree = QTreeWidget()
    tree.setHeaderLabels(["What", "Cookies"])
    by_store: dict[str, list[Cookie]] = {}
    for cookie in cookies:
        by_store.setdefault(cookie.store_id, []).append(cookie)
    for store_plan in deletion.stores:
        chosen = [c for c in by_store.get(store_plan.store.id, [])
                  if any(c.key == k for k in store_plan.keys)]
        top = QTreeWidgetItem([store_plan.store.label, str(len(store_plan.keys))])
        for cookie in chosen:
            partition = f"  [{cookie.partition}]" if cookie.partition else ""
            company = cookie.verdict.company if cookie.verdict and cookie.verdict.company \
                else ""
            top.addChild(QTreeWidgetItem([f"{cookie.host} — {cookie.name}{partition}",
                                          company]))
        tree.addTopLevelItem(top)
    tree.expandAll()
    tree.resizeColumnToContents(0)
    return tree


def scanned(home: Path) -> tuple[list[Cookie], list[Store]]:
    chromium_profile(home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(f".site{i % 1500}.example", f"c{i}") for i in range(COOKIES)])
    result = scan(discover("linux", home, {}))
    return list(result.cookies()), [s.store for s in result.stores]


def timed(build: Callable[[], QWidget], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        built = build()
        seconds.append(time.perf_counter() - started)
        built.deleteLater()
        QApplication.processEvents()
    return seconds


def main() -> int:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    app = QApplication(sys.argv[:1])
    cookies, stores = scanned(Path(tempfile.mkdtemp(prefix="cookiedesk-bench-preview-")))
    deletion = safe_delete.plan(cookies, stores)
    assert len(cookies) == deletion.total == COOKIES
    prepared = Prepared(deletion)
    new = timed(lambda: DeletePreview(prepared, cookies), runs)
    # the old build is seconds a run: three runs give its median
    old = timed(lambda: old_build(deletion, cookies), min(runs, 3))
    built = DeletePreview(prepared, cookies)
    top = built.tree.topLevelItem(0)
    assert top is not None and top.childCount() == COOKIES  # the same rows as the old build
    del app
    old_ms, new_ms = statistics.median(old) * 1000, statistics.median(new) * 1000
    print(f"delete preview, {COOKIES:,} cookies: old (list membership) median {old_ms:.0f} ms, "
          f"new (sets) median {new_ms:.0f} ms, slowest {max(new) * 1000:.0f} ms "
          f"(budget {BUDGET_S * 1000:.0f} ms); {old_ms / new_ms:.0f}x faster")
    within = statistics.median(new) <= BUDGET_S
    print(f"budget: {'met' if within else 'MISSED'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
