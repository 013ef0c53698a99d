"""scripts/screenshots.py makes the README's pictures under X, outside the test run: a window
command it calls that no longer exists ended it with an AttributeError after the first shot
(`delete_site_and_ads`, gone when the policy links were split). Every attribute it takes from
the window must be one the main window has or sets."""

from __future__ import annotations

import ast
from pathlib import Path

from cookiedesk.ui import main_window
from cookiedesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
WINDOW_NAMES = {"window", "shown"}


def _window_attributes_used(script: Path) -> set[str]:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id in WINDOW_NAMES}


def _attributes_the_window_sets() -> set[str]:
    tree = ast.parse(Path(main_window.__file__).read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
            and node.value.id == "self"}


def test_the_screenshot_script_calls_only_what_the_window_has() -> None:
    used = _window_attributes_used(ROOT / "scripts/screenshots.py")
    assert {"delete_site", "deletions", "guided_cleanup"} <= used  # it was read
    missing = used - set(dir(MainWindow)) - _attributes_the_window_sets()
    assert not missing
