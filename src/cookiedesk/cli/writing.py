"""`delete`, `restore` and `backups`: the writing commands, over the operations layer.

Ctrl-C and SIGTERM during a write are deferred (interrupts.Deferred): the store in hand is
finished, then the command prints what happened to each store and exits 130.
"""

from __future__ import annotations

import sys

from cookiedesk.cli.context import Context
from cookiedesk.cli.output import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    refusal_exit,
    report_problems,
    table,
    verdict_cells,
    write_json,
    write_lines,
)
from cookiedesk.cli.reading import chosen_cookies, selection
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.wording import plural

if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from cookiedesk.safety.outcomes import DeleteResult, RestoreResult


def confirm(question: str, args: argparse.Namespace, stdin: TextIO, out: TextIO,
             err: TextIO) -> bool | None:
    """--yes, or a y/N answer on a terminal; None (a usage error) when nobody can answer."""
    if args.yes:
        return True
    if not stdin.isatty():
        print("cookiedesk: standard input is not a terminal, so nobody can confirm: "
              "add --yes to go ahead without asking", file=err)
        return None
    out.write(f"{question} [y/N] ")
    out.flush()
    return stdin.readline().strip().lower() in ("y", "yes")


def run_delete(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.interrupts import Deferred
    from cookiedesk.operations import deleting

    args, found, out, err = ctx.args, ctx.found, ctx.out, ctx.err
    if not selection(args).names_anything:
        print("cookiedesk: say what to delete: --site DOMAIN, --ads, --trackers, --other or "
              "--host TEXT (with --browser and --profile to narrow it)", file=err)
        return EXIT_USAGE
    result, cookies = chosen_cookies(args, found, err)
    report_problems(result, err)
    prepared = deleting.prepare(cookies, [s.store for s in result.stores if s.error is None],
                                dirs.data_dir())
    deletion = prepared.plan
    if not deletion.stores:
        kept = f" ({deletion.kept} kept by your keep-list)"
        out.write("Nothing to delete" + (kept if deletion.kept else "") + ".\n")
        if deletion.session_only:
            out.write(deleting.session_file_note(deletion.session_only) + "\n")
        return EXIT_OK
    if args.dry_run:
        from cookiedesk.fates import Fate, session_store_ids
        from cookiedesk.operations.counting import split

        out.write("Would delete (dry run, nothing changed):\n")
        # only what the deletion removes: not the keep-list's, not Firefox's session cookies
        session_stores = session_store_ids(s.store for s in result.stores)
        for cookie in split(cookies, session_stores)[Fate.DELETED]:
            partition = f" [{cookie.partition}]" if cookie.partition else ""
            out.write(f"  {cookie.browser} — {cookie.profile}: {cookie.host} {cookie.name} "
                      f"{cookie.path}{partition}  ({verdict_cells(cookie)[0]})\n")
        write_lines(prepared.lines(), out)
        return EXIT_OK
    if prepared.refused:
        for refusal in prepared.refused:
            print(f"cookiedesk: refused, nothing changed: {refusal}", file=err)
        return refusal_exit(prepared.refusal)
    write_lines(prepared.lines(), out)
    answer = confirm(f"Delete {plural(deletion.total, 'cookie')}? A backup is kept; "
                      "`cookiedesk restore` undoes it.", args, sys.stdin, out, err)
    if answer is None:
        return EXIT_USAGE
    if not answer:
        out.write("Nothing deleted.\n")
        return EXIT_OK
    with Deferred() as interrupt:
        try:
            summary = deleting.delete(prepared, dirs.data_dir(), dirs.config_dir(),
                                      should_stop=interrupt.requested)
        except deleting.DeleteError as exc:
            print(f"cookiedesk: {exc}", file=err)
            return EXIT_ERROR
        return finish(summary.result, summary.lines(), interrupt.requested(), out, err)


def finish(result: DeleteResult | RestoreResult, lines: list[str], interrupted: bool,
           out: TextIO, err: TextIO) -> int:
    """How a deletion or a restore ends on the command line: a refusal on standard error, or
    the summary's lines; the exit code from the refusal's kind, the interruption, the outcome."""
    if result.refused:
        for refusal in result.refused:
            print(f"cookiedesk: refused, nothing changed: {refusal}", file=err)
        return refusal_exit(result.refusal)
    write_lines(lines, out)
    out.flush()
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_OK if result.ok else EXIT_ERROR


def run_restore(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.interrupts import Deferred
    from cookiedesk.operations import restoring

    args, found, out, err = ctx.args, ctx.found, ctx.out, ctx.err
    try:
        chosen = restoring.choose(dirs.data_dir(), args.id)
    except restoring.NothingToRestore as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    answer = confirm(restoring.question(chosen), args, sys.stdin, out, err)
    if answer is None:
        return EXIT_USAGE
    if not answer:
        out.write("Nothing restored.\n")
        return EXIT_OK
    with Deferred() as interrupt:
        summary = restoring.restore(chosen, found.stores, dirs.data_dir(), dirs.config_dir(),
                                    should_stop=interrupt.requested)
        return finish(summary.result, summary.lines(), interrupt.requested(), out, err)


def run_backups(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.operations.history import history
    from cookiedesk.safety import backup as backups

    args, out, err = ctx.args, ctx.out, ctx.err
    if args.json:
        found, problems = backups.list_backups(dirs.data_dir())
        for problem in problems:
            print(f"cookiedesk: note: {problem}", file=err)
        write_json([{
            "id": b.id, "created": b.created, "state": b.shown_state, "restored": b.restored,
            "deleted": b.deleted, "code": b.code,
            "stores": [{"browser": s.browser, "profile": s.profile, "path": s.path,
                        "deleted": s.deleted, "already_gone": s.already_gone,
                        "failed": s.failed, "restored": s.restored,
                        "restore": s.restore_state or None} for s in b.stores],
        } for b in found], out, indent=True)
        return EXIT_OK
    rows = history(dirs.data_dir())  # the window's deletion history: the same rows and words
    for row in rows:
        if row.problem:
            print(f"cookiedesk: note: {row.problem}", file=err)
    if not rows:
        out.write("No backups: nothing has been deleted yet.\n")
    table(((r.id, r.created, r.code, r.shown_state, str(r.deleted), str(r.restored),
            ", ".join(r.stores)) for r in rows),
          ("ID", "CREATED", "CODE", "STATE", "DELETED", "RESTORED", "STORES"), out)
    return EXIT_OK
