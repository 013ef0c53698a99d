"""`scan`, `list` and `report`: reading the stores, classified and filtered."""

from __future__ import annotations

from cookiedesk.cli.context import Context
from cookiedesk.cli.output import (
    EXIT_OK,
    exit_code,
    flags,
    iso,
    no_browser,
    report_problems,
    store_json,
    table,
    verdict_cells,
    write_json,
)
from cookiedesk.escape import printable_path
from cookiedesk.model import Cookie
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult, scan

if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from cookiedesk.classify.classifier import Classifier
    from cookiedesk.operations.selection import Selection


def run_scan(ctx: Context) -> int:
    args, found, out, err = ctx.args, ctx.found, ctx.out, ctx.err
    result = scan(found, include_extension_stores=args.all_stores)
    nothing_found = not found.stores and not found.problems
    if args.json:
        write_json([store_json(s) for s in result.stores], out, indent=True)
    elif not result.stores:
        out.write("" if nothing_found else "No browser cookie store could be used.\n")
    else:
        table(
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
    report_problems(result, err)
    if nothing_found:  # on standard error under --json: the output stays one JSON document
        no_browser(err if args.json else out)
    return exit_code(result)


def selection(args: argparse.Namespace) -> Selection:
    from cookiedesk.operations.selection import Selection

    return Selection(args.browser, args.profile, args.host, tuple(args.site or ()),
                     bool(args.ads), bool(getattr(args, "trackers", False)),
                     bool(args.other))


def classifier(err: TextIO) -> Classifier:
    from cookiedesk.classify.classifier import Classifier

    classifier = Classifier.load()
    for problem in classifier.problems:
        print(f"cookiedesk: note: {problem}", file=err)
    return classifier


def chosen_cookies(args: argparse.Namespace, found: Discovery,
                    err: TextIO) -> tuple[ScanResult, list[Cookie]]:
    """Read the selected stores, classified, and keep the cookies the filters choose."""
    from cookiedesk.operations.selection import read

    return read(found, selection(args), classifier(err).verdict)


def run_list(ctx: Context) -> int:
    args, found, out, err = ctx.args, ctx.found, ctx.out, ctx.err
    result, cookies = chosen_cookies(args, found, err)
    if args.json:
        # Each Cookie as an object of its fields (dataclass fields: never a value).
        write_json(cookies, out)
    else:
        table(
            ((c.browser, c.profile, c.host, c.name, c.path, c.partition or "-",
              iso(c.expires), flags(c), *verdict_cells(c)) for c in cookies),
            ("BROWSER", "PROFILE", "HOST", "NAME", "PATH", "PARTITION", "EXPIRES", "FLAGS",
             "CATEGORY", "COMPANY", "REASON"),
            out,
        )
    report_problems(result, err)
    if not found.stores and not found.problems:
        no_browser(err)  # standard error: the listing (JSON, table) stays clean for pipes
    return exit_code(result)


def run_report(ctx: Context) -> int:
    from cookiedesk import dirs, report
    from cookiedesk.classify import userlists
    from cookiedesk.classify.sites import shown_name

    args, found, out, err = ctx.args, ctx.found, ctx.out, ctx.err
    sorter = classifier(err)
    result = scan(found, classify=sorter.verdict)
    data = report.build(result, dirs.data_dir(), len(userlists.keep_list(dirs.config_dir())),
                        shown_name(sorter.sites))
    if args.json:
        write_json(data, out, indent=True)
    else:
        out.write(report.as_text(data))
    return EXIT_OK

