"""The delete preview lists exactly the planned cookies, store by store, at thousands of
cookies (built with sets: the list membership test it replaced was quadratic)."""

from __future__ import annotations

from pathlib import Path

from cookiedesk.operations.deleting import Prepared
from cookiedesk.safety import delete as safe_delete
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui.delete_dialog import DeletePreview, preview_rows
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

COOKIES = 3_000


def test_the_preview_lists_exactly_the_planned_cookies_per_store(  # type: ignore[no-untyped-def]
    qtbot, isolated_home: Path
) -> None:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(f".site{i % 700}.example", f"c{i}") for i in range(COOKIES)])
    firefox_profile(isolated_home / ".mozilla/firefox", "x.default", "default", 17, [
        TestCookie(f".other{i % 300}.example", f"f{i}") for i in range(COOKIES // 2)])
    result = scan(discover("linux", isolated_home, {}))
    every = list(result.cookies())
    chosen = [c for c in every if int(c.name[1:]) % 3 == 0]  # a third of each store
    deletion = safe_delete.plan(chosen, [s.store for s in result.stores])
    # the cookies the preview is handed may be more than the plan: only planned ones show
    preview = DeletePreview(Prepared(deletion), every)
    qtbot.addWidget(preview)

    chosen_keys = {c.key for c in chosen}
    rows = preview_rows(deletion, every)
    by_label = {label: (count, listed) for label, count, listed in rows}
    for store_plan in deletion.stores:
        count, listed = by_label[store_plan.store.label]
        assert count == len(store_plan.keys)
        assert [c.key for c in listed] == [c.key for c in every
                                           if c.store_id == store_plan.store.id
                                           and c.key in chosen_keys]
    assert sum(len(listed) for _, _, listed in rows) == len(chosen) == deletion.total
    tops = [preview.tree.topLevelItem(i) for i in range(preview.tree.topLevelItemCount())]
    tree_rows = {item.text(0): item.childCount() for item in tops if item is not None}
    assert len(tree_rows) == len(tops)
    assert tree_rows == {f"{label}: {len(listed)} cookies": len(listed)
                         for label, _, listed in rows}
    assert preview.delete_button.text() == f"Delete {len(chosen)} cookies"
    assert preview.delete_button.isEnabled() and preview.running.isHidden()
