"""`cookiedesk [COMMAND]`: parse, pick the stores (this computer's or the demo's), dispatch.

Imports nothing heavy at start (no Qt): `scan` and `list` must stay close to the speed of a bare
SQLite read.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from cookiedesk.cli.context import Context
from cookiedesk.cli.output import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NO_WINDOW,
    EXIT_OK,
)
from cookiedesk.cli.parser import build_parser, command_in
from cookiedesk.cli.reading import run_scan
from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from cookiedesk.demo import DemoProfile


def display_available() -> bool:
    """Can a window open here? (Tests and the CI set QT_QPA_PLATFORM=offscreen.)"""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_profile() -> DemoProfile:
    from cookiedesk import dirs
    from cookiedesk.demo import DemoProfile  # only when asked for: it builds stores on disk

    profile = DemoProfile()
    # The demo's backups, lists and settings live in its own temporary home, never the user's.
    dirs.use_private_folders(profile.home / ".cookiedesk")
    return profile


def run_guide(ctx: Context) -> int:
    args, err = ctx.args, ctx.err
    if not display_available():
        from cookiedesk.classify.classifier import Classifier
        from cookiedesk.classify.sites import first

        site = first(Classifier.load().sites)
        instead = f": `{site.delete_command}`" if site else ": `cookiedesk delete --ads`"
        print("cookiedesk: the guided cleanup needs a display; on the command line use"
              + instead, file=err)
        return EXIT_ERROR
    from cookiedesk.display_check import window_problem

    problem = window_problem()
    if problem:
        print(f"cookiedesk: the guided cleanup cannot open its window: {problem}", file=err)
        return EXIT_NO_WINDOW
    from cookiedesk.ui.app import run_guide

    return run_guide(demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(run_guide, command_in(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    window_failed = False
    if args.command is None and display_available():
        from cookiedesk.display_check import window_problem

        problem = window_problem()  # Qt would abort (SIGABRT) where Python cannot catch it
        if problem is None:
            from cookiedesk.ui.app import run as run_window

            return run_window(demo=args.demo)
        print(f"CookieDesk cannot open its window: {problem} — showing the text listing "
              "instead.", file=sys.stderr)
        window_failed = True
        args = parser.parse_args([*(["--demo"] if args.demo else []), "list"])
    from cookiedesk.interrupts import terminate_like_ctrl_c

    terminate_like_ctrl_c()
    demo = demo_profile() if getattr(args, "demo", False) else None
    context = Context(args, sys.stdin, sys.stdout, sys.stderr, demo)
    try:
        if args.command is None:
            print("No display is available, so here is the text listing "
                  "(`cookiedesk --help` lists the commands).")
            args.json, args.all_stores = False, False
            args.handler = run_scan
        if (args.command is None or window_failed) and demo is None \
                and not context.found.stores:
            # The quick start promises something to look at on a computer with no browser.
            print("No browser was found on this computer; showing the built-in demo profile.")
            demo = demo_profile()
            context = Context(args, sys.stdin, sys.stdout, sys.stderr, demo)
        code: int = args.handler(context)
        return EXIT_NO_WINDOW if window_failed else code
    except BrokenPipeError:  # `cookiedesk list | head` is fine
        return EXIT_OK
    finally:
        if demo:
            demo.close()
            from cookiedesk import dirs

            dirs.use_private_folders(None)


# Commands after which nothing is left to clean up: their process may end without Python's
# teardown, which frees every record one by one (8 ms of a 6,600-cookie `list`, measured).
_FAST_EXIT_COMMANDS = frozenset({"scan", "list"})


def run() -> None:
    """The `cookiedesk` console command and `python -m cookiedesk`."""
    argv = sys.argv[1:]
    fast_exit = bool(_FAST_EXIT_COMMANDS.intersection(argv[:3]))
    if fast_exit:
        # Reading makes a few objects per cookie, which keeps starting the cycle collector
        # over a growing heap: ~10% of a 6,600-cookie `list` (measured). The records hold no
        # cycles, and the process ends when the listing is written.
        gc.disable()
    from cookiedesk.guard import run_guarded  # a bug: one sentence and the log, exit 1

    try:
        code = run_guarded(lambda: main(argv))
    except KeyboardInterrupt:  # Ctrl-C outside a write: nothing changed, no traceback
        print("cookiedesk: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    if fast_exit:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                code = code or EXIT_ERROR
        os._exit(code)
    sys.exit(code)

