"""The list of cookies a deletion will remove, shown the same way in the delete preview and
the guide's step 3: one row per browser and profile with its count, under it the cookies
sorted by site, host and name (operations.listing builds the lines; this only shows them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from cookiedesk.model import Cookie
from cookiedesk.operations.listing import groups

HEADERS = ["Browser and profile, then each cookie (host — name)", "Belongs to"]


def cookie_tree(accessible_name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(HEADERS)
    tree.setAccessibleName(accessible_name)
    tree.setUniformRowHeights(True)
    tree.setRootIsDecorated(True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def fill(tree: QTreeWidget, cookies: Iterable[Cookie],
         labels: Mapping[str, str] | None = None) -> None:
    """`labels`: store id → the store's label, as the plan names it."""
    tree.clear()
    for group in groups(cookies, labels):
        top = QTreeWidgetItem([group.label, ""])
        top.addChildren([QTreeWidgetItem([
            line.text + (f"  ({line.times} identical)" if line.times > 1 else ""), line.company])
            for line in group.lines])
        tree.addTopLevelItem(top)
        top.setFirstColumnSpanned(True)  # the store's row: its label and count, no company
    tree.expandAll()
