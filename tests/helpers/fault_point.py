"""Run one real `cookiedesk` command and stop it at a named point (safety/checkpoints.py).

Usage: python -m tests.helpers.fault_point POINT N ACTION [COMMAND ARGS...]
At the N-th time POINT is reached, the helper says so on stderr ("checkpoint POINT#N ACTION"),
then acts:
- kill: SIGKILL itself (nothing runs after: like a power cut for the process);
- int / term: send itself SIGINT / SIGTERM (like Ctrl-C, or a logout) and carry on;
- steps:K: SIGKILL itself after K more SQLite VM steps on that point's connection, i.e. in the
  middle of the statement that comes next (the DELETE or the INSERTs);
- fill:PATH: fill the file system that holds PATH to the last byte, then carry on (disk full);
- pause: wait until standard input is closed, then carry on (the test acts meanwhile).
The command's exit code is the helper's.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
from pathlib import Path

from cookiedesk import cli
from cookiedesk.safety import checkpoints


def fill(path: Path) -> None:
    with contextlib.suppress(OSError), (path / "filler").open("wb") as out:
        chunk = b"\0" * 65536
        while True:
            out.write(chunk)
            out.flush()
    with contextlib.suppress(OSError), (path / "filler-small").open("wb") as out:
        while True:  # the last partial chunk too, byte by byte near the end
            out.write(b"\0" * 512)
            out.flush()


def _kill_now() -> int:
    """A progress handler that kills the process between two SQLite steps."""
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def hook_for(point: str, occurrence: int, action: str) -> checkpoints.Hook:
    seen = {"count": 0}

    def hook(name: str, db: sqlite3.Connection | None) -> None:
        if name != point:
            return
        seen["count"] += 1
        if seen["count"] != occurrence:
            return
        print(f"checkpoint {point}#{occurrence} {action}", file=sys.stderr, flush=True)
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif action in ("int", "term"):
            os.kill(os.getpid(), signal.SIGINT if action == "int" else signal.SIGTERM)
        elif action.startswith("steps:"):
            assert db is not None, f"{point} has no connection to count steps on"
            db.set_progress_handler(_kill_now, int(action.removeprefix("steps:")))
        elif action == "pause":
            sys.stdin.read()
        elif action.startswith("fill:"):
            fill(Path(action.removeprefix("fill:")))
        else:
            raise SystemExit(f"unknown action {action}")

    return hook


def main() -> None:
    point, occurrence, action, *command = sys.argv[1:]
    checkpoints.install(hook_for(point, int(occurrence), action))
    sys.argv = ["cookiedesk", *command]
    cli.run()


if __name__ == "__main__":
    main()
