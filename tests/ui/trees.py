"""What a QTreeWidget of the delete preview or the guide shows, as text."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def tops(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item for item in found if item is not None]


def children(item: QTreeWidgetItem, column: int = 0) -> list[str]:
    found = [item.child(j) for j in range(item.childCount())]
    return [child.text(column) for child in found if child is not None]


def tree_lines(tree: QTreeWidget) -> dict[str, list[str]]:
    """Each group's row text → its cookies' lines, in the order shown."""
    return {top.text(0): children(top) for top in tops(tree)}
