"""`cookiedesk SUBCOMMAND`: the command line over the core, as text or JSON.

Imports nothing heavy at start (no Qt): `scan` and `list` must stay close to the speed of a bare
SQLite read. No output path ever receives a cookie value: the records carry none.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cookiedesk import __version__
from cookiedesk.escape import printable_path
from cookiedesk.model import Cookie, Verdict
from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.stores.scan import ScanResult, StoreScan, scan

if TYPE_CHECKING:
    from cookiedesk.classify.classifier import Classifier
    from cookiedesk.demo import DemoProfile
    from cookiedesk.operations.selection import Selection

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_BROWSER_RUNNING, EXIT_NO_WINDOW = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (interrupts.EXIT_INTERRUPTED)
EXIT_CODES_HELP = (
    "exit codes: 0 ok; 1 error (nothing could be read, or a store could not be changed); "
    "2 usage; 3 refused because a browser or another program holds a store; 4 the window "
    "could not open (Qt's display plugin cannot load, or no X display), so the text listing "
    "was shown instead; 130 interrupted (Ctrl-C or SIGTERM: the store in hand was finished)")


def _write_json(data: Any, out: TextIO, indent: bool = False) -> None:
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


# ------------------------------------------------------------------------------ helpers

def _report_problems(result: ScanResult, err: TextIO) -> None:
    for problem in result.problems:
        who = f"{problem.browser} — {problem.profile}" if problem.profile else problem.browser
        print(f"cookiedesk: {who}: {problem.reason} ({printable_path(problem.path)})", file=err)
    for scanned in result.stores:
        if scanned.error:
            print(f"cookiedesk: {scanned.store.label}: {scanned.error} "
                  f"({printable_path(scanned.store.path)})", file=err)
        for warning in scanned.warnings:
            print(f"cookiedesk: {scanned.store.label}: note: {warning}", file=err)


def _exit_code(result: ScanResult) -> int:
    """1 only when stores were found and none of them could be read."""
    found_anything = bool(result.stores or result.problems)
    return EXIT_ERROR if found_anything and result.readable == 0 else EXIT_OK


def _table(rows: Iterable[Sequence[str]], headers: Sequence[str], out: TextIO) -> None:
    rows = list(rows)
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write(line.format(*headers).rstrip() + "\n")
    out.writelines(line.format(*row).rstrip() + "\n" for row in rows)


# ----------------------------------------------------------------------------- commands

def _run_scan(args: argparse.Namespace, found: Discovery, out: TextIO, err: TextIO) -> int:
    result = scan(found, include_extension_stores=args.all_stores)
    nothing_found = not found.stores and not found.problems
    if args.json:
        _write_json([store_json(s) for s in result.stores], out, indent=True)
    elif not result.stores:
        out.write("" if nothing_found else "No browser cookie store could be used.\n")
    else:
        _table(
            (
                (s.store.browser + (f" ({s.store.variant})" if s.store.variant else ""),
                 s.store.profile, s.store.format.value,
                 "?" if s.store.schema_version is None else str(s.store.schema_version),
                 "error" if s.error else str(len(s.cookies)),
                 "yes" if s.store.running else "no", printable_path(s.store.path))
                for s in result.stores
            ),
            ("BROWSER", "PROFILE", "FORMAT", "SCHEMA", "COOKIES", "RUNNING", "PATH"),
            out,
        )
    _report_problems(result, err)
    if nothing_found:  # on standard error under --json: the output stays one JSON document
        _no_browser(err if args.json else out)
    return _exit_code(result)


def _no_browser(stream: TextIO) -> None:
    from cookiedesk.hints import no_browser_hint

    print(no_browser_hint(), file=stream)


def _selection(args: argparse.Namespace) -> Selection:
    from cookiedesk.operations.selection import Selection

    return Selection(args.browser, args.profile, args.host, tuple(args.site or ()),
                     bool(args.ads), bool(getattr(args, "trackers", False)),
                     bool(args.other))


def _verdict_cells(cookie: Cookie) -> tuple[str, str, str]:
    verdict = cookie.verdict
    if verdict is None:
        return ("?", "-", "-")
    category = verdict.category + (" (kept)" if verdict.kept else "")
    return (category, verdict.company or "-", verdict.reason)


def _iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "session"


def _flags(cookie: Cookie) -> str:
    flags = [f for f, on in (("secure", cookie.secure), ("httponly", cookie.httponly),
                             ("session", cookie.session)) if on]
    return ",".join(flags) or "-"


def _classifier(err: TextIO) -> Classifier:
    from cookiedesk.classify.classifier import Classifier

    classifier = Classifier.load()
    for problem in classifier.problems:
        print(f"cookiedesk: note: {problem}", file=err)
    return classifier


def _chosen_cookies(args: argparse.Namespace, found: Discovery,
                    err: TextIO) -> tuple[ScanResult, list[Cookie]]:
    """Read the selected stores, classified, and keep the cookies the filters choose."""
    from cookiedesk.operations.selection import read

    return read(found, _selection(args), _classifier(err).verdict)


def _run_list(args: argparse.Namespace, found: Discovery, out: TextIO, err: TextIO) -> int:
    result, cookies = _chosen_cookies(args, found, err)
    if args.json:
        # Each Cookie as an object of its fields (dataclass fields: never a value).
        _write_json(cookies, out)
    else:
        _table(
            ((c.browser, c.profile, c.host, c.name, c.path, c.partition or "-",
              _iso(c.expires), _flags(c), *_verdict_cells(c)) for c in cookies),
            ("BROWSER", "PROFILE", "HOST", "NAME", "PATH", "PARTITION", "EXPIRES", "FLAGS",
             "CATEGORY", "COMPANY", "REASON"),
            out,
        )
    _report_problems(result, err)
    if not found.stores and not found.problems:
        _no_browser(err)  # standard error: the listing (JSON, table) stays clean for pipes
    return _exit_code(result)


def _confirm(question: str, args: argparse.Namespace, stdin: TextIO, out: TextIO,
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


def _write_lines(lines: Iterable[str], out: TextIO) -> None:
    for line in lines:
        out.write(line + "\n")


def _run_delete(args: argparse.Namespace, found: Discovery, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.interrupts import Deferred
    from cookiedesk.operations import deleting

    if not _selection(args).names_anything:
        print("cookiedesk: say what to delete: --site DOMAIN, --ads, --trackers, --other or "
              "--host TEXT (with --browser and --profile to narrow it)", file=err)
        return EXIT_USAGE
    result, cookies = _chosen_cookies(args, found, err)
    _report_problems(result, err)
    prepared = deleting.prepare(cookies, [s.store for s in result.stores if s.error is None],
                                dirs.data_dir())
    deletion = prepared.plan
    if not deletion.stores:
        out.write("Nothing to delete" + (f" ({deletion.kept} kept by your keep-list)"
                                         if deletion.kept else "") + ".\n")
        if deletion.session_only:
            out.write(deleting.session_file_note(deletion.session_only) + "\n")
        return EXIT_OK
    if args.dry_run:
        out.write("Would delete (dry run, nothing changed):\n")
        for cookie in cookies:
            if cookie.verdict is None or not cookie.verdict.kept:
                partition = f" [{cookie.partition}]" if cookie.partition else ""
                out.write(f"  {cookie.browser} — {cookie.profile}: {cookie.host} {cookie.name} "
                          f"{cookie.path}{partition}  ({_verdict_cells(cookie)[0]})\n")
        _write_lines(prepared.lines(), out)
        return EXIT_OK
    if prepared.refused:
        for refusal in prepared.refused:
            print(f"cookiedesk: refused, nothing changed: {refusal}", file=err)
        return _refusal_exit(prepared.refusal)
    _write_lines(prepared.lines(), out)
    answer = _confirm(f"Delete {deletion.total} cookies? A backup is kept; "
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
        if summary.result.refused:
            for refusal in summary.result.refused:
                print(f"cookiedesk: refused, nothing changed: {refusal}", file=err)
            return _refusal_exit(summary.result.refusal)
        _write_lines(summary.lines(), out)
        out.flush()
        if interrupt.requested():
            return EXIT_INTERRUPTED
        return EXIT_OK if summary.result.ok else EXIT_ERROR


def _refusal_exit(refusal: object) -> int:
    from cookiedesk.safety.outcomes import Refusal

    return EXIT_BROWSER_RUNNING if refusal in (Refusal.BROWSER_RUNNING,
                                               Refusal.STORE_LOCKED) else EXIT_ERROR


def _run_guide(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    if not _display_available():
        print("cookiedesk: the guided cleanup needs a display; on the command line use "
              "`cookiedesk delete --site komp3.net --ads`", file=err)
        return EXIT_ERROR
    from cookiedesk.display_check import window_problem

    problem = window_problem()
    if problem:
        print(f"cookiedesk: the guided cleanup cannot open its window: {problem}", file=err)
        return EXIT_NO_WINDOW
    from cookiedesk.ui.app import run_guide

    return run_guide(demo=args.demo)


def _run_report(args: argparse.Namespace, found: Discovery, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs, report
    from cookiedesk.classify import userlists

    result = scan(found, classify=_classifier(err).verdict)
    data = report.build(result, dirs.data_dir(), len(userlists.keep_list(dirs.config_dir())))
    if args.json:
        _write_json(data, out, indent=True)
    else:
        out.write(report.as_text(data))
    return EXIT_OK


def _run_backups(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.safety import backup as backups

    found, problems = backups.list_backups(dirs.data_dir())
    for problem in problems:
        print(f"cookiedesk: note: {problem}", file=err)
    if args.json:
        _write_json([{
            "id": b.id, "created": b.created, "state": b.shown_state, "restored": b.restored,
            "deleted": b.deleted, "code": b.code,
            "stores": [{"browser": s.browser, "profile": s.profile, "path": s.path,
                        "deleted": s.deleted, "already_gone": s.already_gone,
                        "failed": s.failed, "restored": s.restored,
                        "restore": s.restore_state or None} for s in b.stores],
        } for b in found], out, indent=True)
        return EXIT_OK
    if not found:
        out.write("No backups: nothing has been deleted yet.\n")
    _table(((b.id, b.created, b.shown_state, str(b.deleted),
             ", ".join(f"{s.browser} — {s.profile}" for s in b.stores if s.deleted))
            for b in found), ("ID", "CREATED", "STATE", "DELETED", "STORES"), out)
    return EXIT_OK


def _run_restore(args: argparse.Namespace, found: Discovery, out: TextIO,
                 err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.interrupts import Deferred
    from cookiedesk.operations import restoring

    try:
        chosen = restoring.choose(dirs.data_dir(), args.id)
    except restoring.NothingToRestore as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    answer = _confirm(restoring.question(chosen), args, sys.stdin, out, err)
    if answer is None:
        return EXIT_USAGE
    if not answer:
        out.write("Nothing restored.\n")
        return EXIT_OK
    with Deferred() as interrupt:
        summary = restoring.restore(chosen, found.stores, dirs.data_dir(), dirs.config_dir(),
                                    should_stop=interrupt.requested)
        if summary.result.refused:
            for refusal in summary.result.refused:
                print(f"cookiedesk: refused, nothing changed: {refusal}", file=err)
            return _refusal_exit(summary.result.refusal)
        _write_lines(summary.lines(), out)
        out.flush()
        if interrupt.requested():
            return EXIT_INTERRUPTED
    return EXIT_OK if summary.result.ok else EXIT_ERROR


def verdict_json(host: str, name: str, verdict: Verdict) -> dict[str, Any]:
    return {"host": host, "name": name, "category": verdict.category,
            "company": verdict.company, "reason": verdict.reason, "kept": verdict.kept,
            "source": verdict.source}


def _run_classify(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    import json

    classifier = _classifier(err)
    bad = 0
    for number, line in enumerate(stdin, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        host, _, name = line.partition("\t")
        if not host.strip():
            print(f"cookiedesk: line {number}: expected HOST<TAB>NAME", file=err)
            bad += 1
            continue
        verdict = classifier(host.strip(), name.strip())
        out.write(json.dumps(verdict_json(host.strip(), name.strip(), verdict),
                             ensure_ascii=False) + "\n")
    return EXIT_USAGE if bad else EXIT_OK


def _run_policy(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    classifier = _classifier(err)
    wanted = (args.site or "KOmp3.net").casefold()
    site = next((s for s in classifier.sites if s["name"].casefold() == wanted), None)
    if site is None:
        known = ", ".join(s["name"] for s in classifier.sites) or "none"
        print(f"cookiedesk: no site profile called '{args.site}' (known: {known})", file=err)
        return EXIT_USAGE
    if not site["policy"]:
        print(f"cookiedesk: the {site['name']} profile names no policy text", file=err)
        return EXIT_ERROR
    try:
        out.write(Path(site["policy"]).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"cookiedesk: the policy text cannot be read ({exc.strerror or exc}): "
              f"{site['policy']}", file=err)
        return EXIT_ERROR
    return EXIT_OK


def _run_lists_show(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    classifier = _classifier(err)
    config = dirs.config_dir()
    lists, _ = userlists.imported_lists(config)
    counts = classifier.counts
    keep = userlists.keep_list(config)
    if args.json:
        _write_json({
            "catalogue": {"entries": counts["catalogue_companies"],
                          "domains": counts["catalogue_domains"],
                          "first_party_cookie_rules": counts["first_party_names"]},
            "sites": [{"name": s["name"], "domains": s["domains"]} for s in classifier.sites],
            "keep_list": keep,
            "extra_ad_domains_file": str(config / userlists.AD_DOMAINS_FILE),
            "imported": [{"name": x.name, "format": x.format, "imported": x.imported,
                          "domains": len(x.entries)} for x in lists],
            "ignored_user_domains": counts["user_domains_ignored"],
        }, out, indent=True)
        return EXIT_OK
    out.write(f"Built-in catalogue: {counts['catalogue_companies']} entries, "
              f"{counts['catalogue_domains']} domains, {counts['first_party_names']} "
              "first-party cookie rules\n")
    for site in classifier.sites:
        out.write(f"Site profile: {site['name']} ({', '.join(site['domains'])})\n")
    out.write(f"Keep-list: {len(keep)} {'entry' if len(keep) == 1 else 'entries'}"
              + (f": {', '.join(keep)}" if keep else "") + "\n")
    out.write(f"Extra ad domains: {config / userlists.AD_DOMAINS_FILE}\n")
    for item in lists:
        out.write(f"Imported list '{item.name}': {item.format}, {len(item.entries)} "
                  f"domains, imported {item.imported}\n")
    if not lists:
        out.write("Imported lists: none (cookiedesk lists import FILE)\n")
    if counts["user_domains_ignored"]:
        out.write(f"{counts['user_domains_ignored']} domains of your lists are already "
                  "classified by the catalogue or a site profile and were not used\n")
    return EXIT_OK


def _run_lists_import(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    try:
        imported = userlists.import_list(dirs.config_dir(), args.file, args.name)
    except userlists.ListError as exc:
        print(f"cookiedesk: nothing imported: {exc}", file=err)
        return EXIT_ERROR
    out.write(f"Imported '{imported.name}' ({imported.format}): {len(imported.entries)} "
              "advertising domains\n")
    return EXIT_OK


def _run_lists_remove(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    try:
        userlists.remove_list(dirs.config_dir(), args.name)
    except userlists.ListError as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    out.write(f"Removed the list '{args.name}'\n")
    return EXIT_OK


def _run_keep(args: argparse.Namespace, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    config = dirs.config_dir()
    try:
        if args.verb == "add":
            out.write(f"Added {userlists.keep_add(config, args.domain)} to the keep-list\n")
        elif args.verb == "remove":
            domain = userlists.keep_remove(config, args.domain)
            out.write(f"Removed {domain} from the keep-list\n")
        else:
            out.writelines(f"{domain}\n" for domain in userlists.keep_list(config))
    except userlists.ListError as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    return EXIT_OK


def _add_cookie_filters(command: argparse.ArgumentParser) -> None:
    """The filters `list` and `delete` share: the same words select the same cookies."""
    command.add_argument("--browser", metavar="NAME", help="only this browser (e.g. firefox)")
    command.add_argument("--profile", metavar="NAME", help="only this profile")
    command.add_argument("--host", metavar="TEXT", help="only hosts containing TEXT")
    command.add_argument("--site", metavar="DOMAIN", action="append", default=[],
                         help="cookies of DOMAIN and its subdomains (repeatable)")
    command.add_argument("--ads", action="store_true", help="advertising companies' cookies")
    command.add_argument("--trackers", action="store_true",
                         help="trackers' cookies (analytics, measurement, marketing automation)")
    command.add_argument("--other", action="store_true", help="cookies that are none of these")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cookiedesk",
        description="See and safely delete the cookies of every browser on this computer.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"CookieDesk {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="use the built-in demo profile instead of this computer's browsers")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan_cmd = commands.add_parser("scan", help="list the cookie stores found")
    scan_cmd.add_argument("--json", action="store_true", help="write a JSON array")
    scan_cmd.add_argument("--all-stores", action="store_true",
                          help="include Chromium's `Extension Cookies` stores")

    list_cmd = commands.add_parser("list", help="list cookies (never their values)")
    list_cmd.add_argument("--json", action="store_true", help="write a JSON array")
    _add_cookie_filters(list_cmd)

    delete_cmd = commands.add_parser(
        "delete", help="delete cookies safely (backed up, undoable with `restore`)")
    _add_cookie_filters(delete_cmd)
    delete_cmd.add_argument("--dry-run", action="store_true",
                            help="print exactly what would go; change nothing")
    delete_cmd.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    guide_cmd = commands.add_parser("guide", help="open the guided cleanup (needs a display)")
    guide_cmd.set_defaults(handler=_run_guide)

    report_cmd = commands.add_parser(
        "report", help="diagnostics for a support ticket (no cookie values)")
    report_cmd.add_argument("--json", action="store_true", help="write JSON")

    backups_cmd = commands.add_parser("backups", help="list the backups of past deletions")
    backups_cmd.add_argument("--json", action="store_true", help="write JSON")
    backups_cmd.set_defaults(handler=_run_backups)

    restore_cmd = commands.add_parser("restore", help="undo a deletion (the latest by default)")
    restore_cmd.add_argument("id", nargs="?", metavar="ID", help="a backup id from `backups`")
    restore_cmd.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore_cmd.set_defaults(handler=_run_restore)

    classify_cmd = commands.add_parser(
        "classify", help="read HOST<TAB>NAME lines, write one JSON verdict per line")
    classify_cmd.set_defaults(handler=_run_classify)

    policy_cmd = commands.add_parser("policy", help="print a site's privacy policy")
    policy_cmd.add_argument("--site", metavar="NAME", help="the site profile (default KOmp3.net)")
    policy_cmd.set_defaults(handler=_run_policy)

    lists_cmd = commands.add_parser("lists", help="your ad-domain lists: import, show, remove")
    lists_verbs = lists_cmd.add_subparsers(dest="verb", metavar="VERB", required=True)
    show = lists_verbs.add_parser("show", help="what classification uses, with counts")
    show.add_argument("--json", action="store_true", help="write JSON")
    show.set_defaults(handler=_run_lists_show)
    imp = lists_verbs.add_parser(
        "import", help="import a list you downloaded (domain list, hosts file, Disconnect "
        "services.json, DuckDuckGo tds.json)")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--name", help="what to call it (default: the file's name)")
    imp.set_defaults(handler=_run_lists_import)
    remove = lists_verbs.add_parser("remove", help="forget an imported list")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_run_lists_remove)

    keep_cmd = commands.add_parser("keep", help="the keep-list: cookies never deleted")
    keep_verbs = keep_cmd.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, text in (("add", "never delete cookies of DOMAIN"),
                       ("remove", "take DOMAIN off the keep-list")):
        keep_verb = keep_verbs.add_parser(verb, help=text)
        keep_verb.add_argument("domain", metavar="DOMAIN")
        keep_verb.set_defaults(handler=_run_keep)
    keep_show = keep_verbs.add_parser("show", help="print the keep-list")
    keep_show.set_defaults(handler=_run_keep)
    return parser


def _display_available() -> bool:
    """Can a window open here? (Tests and the CI set QT_QPA_PLATFORM=offscreen.)"""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _demo_profile() -> DemoProfile:
    from cookiedesk import dirs
    from cookiedesk.demo import DemoProfile  # only when asked for: it builds stores on disk

    profile = DemoProfile()
    # The demo's backups, lists and settings live in its own temporary home, never the user's.
    dirs.use_private_folders(profile.home / ".cookiedesk")
    return profile


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    window_failed = False
    if args.command is None and _display_available():
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
    demo = _demo_profile() if getattr(args, "demo", False) else None
    try:
        if args.command not in (None, "scan", "list", "delete", "report", "restore"):
            handled: int = args.handler(args, sys.stdin, sys.stdout, sys.stderr)
            return handled
        found = demo.discover() if demo else discover()
        if args.command is None:
            print("No display is available, so here is the text listing "
                  "(`cookiedesk --help` lists the commands).")
        if (args.command is None or window_failed) and demo is None and not found.stores:
            # The quick start promises something to look at on a computer with no browser.
            print("No browser was found on this computer; showing the built-in demo profile.")
            demo = _demo_profile()
            found = demo.discover()
        if args.command == "list":
            code = _run_list(args, found, sys.stdout, sys.stderr)
            return EXIT_NO_WINDOW if window_failed else code
        if args.command == "delete":
            return _run_delete(args, found, sys.stdout, sys.stderr)
        if args.command == "report":
            return _run_report(args, found, sys.stdout, sys.stderr)
        if args.command == "restore":
            return _run_restore(args, found, sys.stdout, sys.stderr)
        if args.command is None:
            args.json, args.all_stores = False, False
        return _run_scan(args, found, sys.stdout, sys.stderr)
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
    try:
        code = main(argv)
    except KeyboardInterrupt:  # Ctrl-C outside a write: nothing changed, no traceback
        print("cookiedesk: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    if _FAST_EXIT_COMMANDS.intersection(argv[:3]):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                code = code or EXIT_ERROR
        os._exit(code)
    sys.exit(code)
