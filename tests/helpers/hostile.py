"""Hostile files for tests: a named pipe that reports whether anything opened it.

A pipe nobody writes to blocks whoever opens it for reading, forever: that is the bug. To test
without hanging (and without sleeping), a thread keeps the write end waiting in a blocking
open(): it returns the moment someone opens the pipe to read, counts that, and closes again,
so the reader sees end-of-file and goes on. At the end the test opens the pipe itself
(non-blocking) to release the thread.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PipeWatch:
    path: Path
    opened: int = 0  # times something under test opened the pipe


@contextlib.contextmanager
def watched_pipe(path: Path) -> Iterator[PipeWatch]:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    watch = PipeWatch(path)
    done = threading.Event()

    def writer() -> None:
        while True:
            fd = os.open(path, os.O_WRONLY)  # returns when a reader opens the pipe
            try:
                if done.is_set():
                    return
                watch.opened += 1
            finally:
                os.close(fd)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        done.set()
        release = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        thread.join()
        os.close(release)


def sparse_file(path: Path, size: int, head: bytes = b"") -> Path:
    """A regular file of `size` bytes that takes no disk space (all but `head` is a hole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(head)
        out.truncate(size)
    return path


def nested_json(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth
