"""The command line's last line of defence, without its cost: `logging` and the bug log are
imported only when an exception actually arrives (importing them costs ~15 ms, a tenth of a
`cookiedesk list`)."""

from __future__ import annotations

from collections.abc import Callable


def run_guarded(main: Callable[[], int]) -> int:
    """`main()`'s exit code; for an exception it did not handle, 1 and one sentence on stderr:
    an environment error's own, or "CookieDesk hit a bug; the details are in <file>"."""
    try:
        return main()
    except (KeyboardInterrupt, SystemExit):
        raise  # Ctrl+C (exit 130) and explicit exits are the command line's own
    except Exception as exc:  # everything else: the last place to turn it into a sentence
        from cookiedesk import buglog

        return buglog.tell(exc)
