"""What the command line writes: JSON through orjson, aligned tables, the one-line store
problems, exit codes. No output path ever receives a cookie value: the records carry none."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from cookiedesk.escape import printable_path
from cookiedesk.model import Cookie
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores.scan import ScanResult, StoreScan

if TYPE_CHECKING:
    from typing import Any, TextIO

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_BROWSER_RUNNING, EXIT_NO_WINDOW = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (interrupts.EXIT_INTERRUPTED)
EXIT_CODES_HELP = (
    "exit codes: 0 ok; 1 error (nothing could be read, or a store could not be changed); "
    "2 usage; 3 refused because a browser or another program holds a store; 4 the window "
    "could not open (Qt's display plugin cannot load, or no X display), so the text listing "
    "was shown instead; 130 interrupted (Ctrl-C or SIGTERM: the store in hand was finished)")


def write_json(data: Any, out: TextIO, indent: bool = False) -> None:
    """JSON through orjson: it writes the Cookie dataclasses and UTC datetimes ("…Z") itself,
    in C, where building dicts and ISO strings in Python took two thirds of `list --json`.
    Bytes go straight to the stream's buffer when it has one (no decode and re-encode)."""
    import orjson

    option = orjson.OPT_UTC_Z | orjson.OPT_APPEND_NEWLINE
    encoded = orjson.dumps(data, option=option | (orjson.OPT_INDENT_2 if indent else 0))
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        buffer.write(encoded)
        buffer.flush()
    else:
        out.write(encoded.decode())


def store_json(scanned: StoreScan) -> dict[str, Any]:
    store = scanned.store
    return {
        "id": store.id,
        "browser": store.browser,
        "variant": store.variant,
        "profile": store.profile,
        "path": printable_path(store.path),  # an undecodable folder name would break orjson
        "format": store.format.value,
        "kind": store.kind.value,
        "schema_version": store.schema_version,
        "cookies": len(scanned.cookies) if scanned.error is None else None,
        "running": store.running,
        "running_reason": scanned.running_reason,
        "error": scanned.error,
        "warnings": scanned.warnings,
    }


def report_problems(result: ScanResult, err: TextIO) -> None:
    for problem in result.problems:
        who = f"{problem.browser} — {problem.profile}" if problem.profile else problem.browser
        print(f"cookiedesk: {who}: {problem.reason} ({printable_path(problem.path)})", file=err)
    for scanned in result.stores:
        if scanned.error:
            print(f"cookiedesk: {scanned.store.label}: {scanned.error} "
                  f"({printable_path(scanned.store.path)})", file=err)
        for warning in scanned.warnings:
            print(f"cookiedesk: {scanned.store.label}: note: {warning}", file=err)


def exit_code(result: ScanResult) -> int:
    """1 only when stores were found and none of them could be read."""
    found_anything = bool(result.stores or result.problems)
    return EXIT_ERROR if found_anything and result.readable == 0 else EXIT_OK


def table(rows: Iterable[Sequence[str]], headers: Sequence[str], out: TextIO) -> None:
    rows = list(rows)
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write(line.format(*headers).rstrip() + "\n")
    out.writelines(line.format(*row).rstrip() + "\n" for row in rows)


def verdict_cells(cookie: Cookie) -> tuple[str, str, str]:
    verdict = cookie.verdict
    if verdict is None:
        return ("?", "-", "-")
    category = verdict.category + (" (kept)" if verdict.kept else "")
    return (category, verdict.company or "-", verdict.reason)


def iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "session"


def flags(cookie: Cookie) -> str:
    flags = [f for f, on in (("secure", cookie.secure), ("httponly", cookie.httponly),
                             ("session", cookie.session)) if on]
    return ",".join(flags) or "-"


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")


def no_browser(stream: TextIO) -> None:
    from cookiedesk.hints import no_browser_hint

    print(no_browser_hint(), file=stream)


def refusal_exit(refusal: object) -> int:
    from cookiedesk.safety.outcomes import Refusal

    return EXIT_BROWSER_RUNNING if refusal in (Refusal.BROWSER_RUNNING,
                                               Refusal.STORE_LOCKED) else EXIT_ERROR

