"""Processes for the running-browser and stale-folder tests."""

from __future__ import annotations

import subprocess
import sys


def dead_pid() -> int:
    """A pid that names no process now: a child that exited and was reaped."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid
