"""The window's remembered choices (geometry, column layout, chip, policy pane), as JSON in the
config folder. Plain values only, written atomically; a damaged file is ignored, never fatal."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from cookiedesk.atomic import write_atomically

FILE = "window.json"


def load(config_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((config_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(config_dir: Path, values: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # remembering is a courtesy, not a duty
        write_atomically(config_dir / FILE,
                         json.dumps(values, indent=1, sort_keys=True).encode("utf-8"))
