"""Bugs into a log file, environment errors into plain sentences.

A bug (an exception CookieDesk has no sentence for) is written to a rotating log in the log
folder (up to four files of 1 MB, each 0600, the folder 0700: a traceback shows paths of the
user's profiles) and the user is told "CookieDesk hit a bug; the details are in <file>". An
environment error (a store locked, damaged or denied; a backup or a deletion refused; the OS
refusing a file) is the user's situation, not a bug: it stays a plain sentence and is never
logged.

Never a cookie value in the log. CookieDesk's records hold no values, but an exception's message
can quote data: Python's sqlite3 quotes the text it could not decode, `int("…")` quotes its
argument, a KeyError is its key. So the log holds only the traceback's frames (file, line,
function, source line: code, never data), no locals, and an exception's message only for the
types whose messages Python builds from code (names and types); every other message is
withheld. The redaction is a filter on the handler, so whatever reaches the handler passes it.

Qt-free: the window passes `install_excepthook` a function that shows the sentence; the command
line calls `guard.run_guarded`, which imports this module only when a bug arrives.
"""

from __future__ import annotations

import errno
import io
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from cookiedesk import __version__, dirs

LOG_NAME = "cookiedesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_LOGGER = "cookiedesk.bugs"

# The OS's answers that describe the computer, not CookieDesk: a plain sentence, not a bug.
ENVIRONMENT_ERRNOS = frozenset({
    errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EEXIST,
    errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EBUSY, errno.EAGAIN, errno.EIO,
    errno.EMFILE, errno.ENFILE, errno.ENAMETOOLONG, errno.ELOOP, errno.ETXTBSY,
})
# Exceptions whose messages Python builds from names and types, never from data.
_MESSAGE_SAFE = (AttributeError, NameError, TypeError, ImportError, NotImplementedError,
                 RecursionError, IndexError, ZeroDivisionError, MemoryError)
WITHHELD = "(message withheld: it may quote cookie data)"

Notify = Callable[[str], None]


def log_file() -> Path:
    return dirs.log_dir() / LOG_NAME


def bug_sentence(path: Path) -> str:
    return f"CookieDesk hit a bug; the details are in {path}"


# ------------------------------------------------------------------------ classification

def _environment_types() -> tuple[type[BaseException], ...]:
    # Imported when an exception is being classified, never at start-up: safety's modules
    # pull in sqlite3 and the backup code, which a `list` does not need.
    from cookiedesk.classify.userlists import ListError
    from cookiedesk.safe_read import UnsafeFile
    from cookiedesk.safety.backup import BackupError
    from cookiedesk.safety.delete import DeleteError
    from cookiedesk.safety.writer_lock import WriterBusy
    from cookiedesk.stores.errors import StoreError

    return (StoreError, DeleteError, BackupError, WriterBusy, UnsafeFile, ListError)


def is_environment_error(exc: BaseException) -> bool:
    """Whether `exc` is the computer's situation (locked, damaged, denied), not a bug."""
    if isinstance(exc, OSError):
        return exc.errno in ENVIRONMENT_ERRNOS
    return isinstance(exc, _environment_types())


def environment_sentence(exc: BaseException) -> str:
    """An environment error in the words CookieDesk uses for it."""
    if isinstance(exc, OSError) and not isinstance(exc, _environment_types()):
        about = f"{exc.filename}: " if exc.filename else ""
        return f"{about}{exc.strerror or os.strerror(exc.errno or 0)}"
    return str(exc)


# ---------------------------------------------------------------------------- redaction

def safe_message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, _MESSAGE_SAFE) else WITHHELD


def _header(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(exc, OSError):
        # The errno and the file say what happened; strerror is the OS's fixed text.
        detail = f"[Errno {exc.errno}] {exc.strerror}" if exc.errno is not None else WITHHELD
        return f"{name}: {detail}" + (f": {exc.filename!s}" if exc.filename else "")
    return f"{name}: {safe_message(exc)}"


def safe_traceback(exc: BaseException, seen: set[int] | None = None) -> str:
    """The traceback of `exc` and of the exceptions it was raised from, as Python prints it,
    but frames and exception types only: no locals, no data-bearing messages, no notes."""
    seen = set() if seen is None else seen
    seen.add(id(exc))
    parts: list[str] = []
    if exc.__cause__ is not None and id(exc.__cause__) not in seen:
        parts += [safe_traceback(exc.__cause__, seen),
                  "\nThe above exception was the direct cause of the following exception:\n\n"]
    elif (exc.__context__ is not None and not exc.__suppress_context__
          and id(exc.__context__) not in seen):
        parts += [safe_traceback(exc.__context__, seen),
                  "\nDuring handling of the above exception, another exception occurred:\n\n"]
    if exc.__traceback__ is not None:
        parts.append("Traceback (most recent call last):\n")
        # format_list of extracted frames: file, line, function and the source line, nothing
        # of the frame's variables (capture_locals is off by default and stays off)
        parts += traceback.format_list(traceback.extract_tb(exc.__traceback__))
    parts.append(_header(exc) + "\n")
    return "".join(parts)


class Redact(logging.Filter):
    """Turn a record with an exception into its safe traceback, and drop everything else a
    record could carry from the caller: arguments, the stack, the raw exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text = f"{text}\n{safe_traceback(record.exc_info[1])}"
        record.msg, record.args = text, ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


# ------------------------------------------------------------------------------ the log

class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600 (the umask would make it 0644)."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a file left by an older version may be 0644
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: PTH123  # a descriptor, not a path


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if (folder.stat().st_mode & 0o077) and sys.platform != "win32":
        folder.chmod(0o700)


def log_bug(exc: BaseException, where: str = "") -> Path:
    """Write `exc`'s safe traceback to the bug log; the log file's path. Raises OSError when
    the log cannot be written.

    A handler per bug, closed at once: bugs are rare, and the log folder may have changed
    since the last (the demo moves CookieDesk's folders into its own home)."""
    path = log_file()
    _private_folder(path.parent)
    handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                          encoding="utf-8", delay=True)
    handler.addFilter(Redact())
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logger = logging.getLogger(_LOGGER)
    logger.propagate = False  # to this file only, never to a handler someone else installed
    logger.setLevel(logging.ERROR)
    logger.addHandler(handler)
    try:
        logger.error(
            "bug in CookieDesk %s (Python %s, %s, thread %s)%s", __version__,
            sys.version.split()[0], sys.platform, threading.current_thread().name,
            f", {where}" if where else "", exc_info=(type(exc), exc, exc.__traceback__))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path


def report(exc: BaseException, where: str = "") -> str:
    """The sentence for the user: an environment error's own, or a bug's (logged first)."""
    if is_environment_error(exc):
        return environment_sentence(exc)
    try:
        return bug_sentence(log_bug(exc, where))
    except OSError as failure:
        return (f"CookieDesk hit a bug, and its log could not be written to {log_file()} "
                f"({failure.strerror or type(failure).__name__})")


# ------------------------------------------------------------------------- entry points

def install_excepthook(notify: Notify) -> Callable[[], None]:
    """Report every uncaught exception, of the main thread and of any other, through
    `notify(sentence)`; the function returned puts the previous hooks back.

    `notify` may be called from any thread. Ctrl+C keeps Python's own handling."""
    previous, previous_thread = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException,
             trace: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            previous(kind, exc, trace)
            return
        notify(report(exc, "uncaught"))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, KeyboardInterrupt):
            previous_thread(args)
            return
        name = args.thread.name if args.thread is not None else "?"
        notify(report(args.exc_value, f"uncaught in thread {name}"))

    sys.excepthook, threading.excepthook = hook, thread_hook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = previous, previous_thread

    return uninstall


def tell(exc: Exception) -> int:
    """Print what the command line says of an exception it did not handle; its exit code."""
    sentence = report(exc, "command line")
    print(sentence if not is_environment_error(exc) else f"cookiedesk: {sentence}",
          file=sys.stderr, flush=True)
    return 1

