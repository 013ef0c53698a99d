from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def browser_env(isolated_home: Path) -> Iterator[dict[str, str]]:
    """The isolated environment, but with a short TMPDIR of the browsers' own: Chromium puts its
    singleton socket there, and a Unix socket path may not exceed ~107 bytes."""
    short = tempfile.mkdtemp(prefix="cd-e2e-", dir="/tmp")
    env = dict(os.environ) | {"TMPDIR": short}
    yield env
    shutil.rmtree(short, ignore_errors=True)
