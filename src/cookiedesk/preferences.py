"""The window's remembered choices (geometry, column layout, chip, policy pane), as JSON in the
config folder. Plain values only, written atomically; a damaged file is ignored, never fatal."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

FILE = "window.json"


def load(config_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((config_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(config_dir: Path, values: dict[str, Any]) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{FILE}.", dir=config_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(values, out, indent=1, sort_keys=True)
        Path(temporary).replace(config_dir / FILE)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # remembering is a courtesy, not a duty
