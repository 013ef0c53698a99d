"""The command line's words: every command, its options and its handler."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cookiedesk import __version__
from cookiedesk.cli.context import Context
from cookiedesk.cli.output import EXIT_CODES_HELP
from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

Handler = Callable[[Context], int]


def terminal_width() -> int:
    """What `shutil.get_terminal_size` answers (COLUMNS, else the terminal of standard output,
    else 80), without importing shutil: see _Formatter."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):  # not a terminal, or closed
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal. argparse makes a formatter for every
    option it adds (to check its metavar), and the default one imports shutil to ask the
    terminal's width: shutil brings bz2 and lzma, ~2 ms of a `cookiedesk list`."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_width() - 2)  # the default's margin of 2


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser with _Formatter; its sub-commands' parsers are _Parsers too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def add_cookie_filters(command: argparse.ArgumentParser) -> None:
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


COMMANDS = ("scan", "list", "delete", "guide", "report", "backups", "restore", "classify",
            "policy", "lists", "keep")


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names, found without argparse: the first word that is not an option
    (only --demo, --help and --version come before it)."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
        if word != "--demo":
            return None  # --help, --version, or something argparse should explain
    return None


def build_parser(guide: Handler, only: str | None = None) -> argparse.ArgumentParser:
    """Every command and its handler; `guide` opens the window, so main supplies it. With
    `only`, just that command: building all nineteen parsers costs ~9 ms, a tenth of a
    `cookiedesk list`, and a command's own parsing and errors need only its own."""
    parser = _Parser(
        prog="cookiedesk",
        description="See and safely delete the cookies of every browser on this computer.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"CookieDesk {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="use the built-in demo profile instead of this computer's browsers")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    # --demo after the command too (`cookiedesk list --demo`); SUPPRESS keeps one given before
    common = _Parser(add_help=False)
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="use the built-in demo profile instead of this computer's browsers")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = commands.add_parser(name, parents=[common], help=help)
        return made

    def wanted(name: str) -> bool:
        return only is None or only == name

    # Each command's handlers are imported with its parser: `list` needs none of the others'.

    if wanted("scan"):
        from cookiedesk.cli import reading

        scan_cmd = command("scan", help="list the cookie stores found")
        scan_cmd.add_argument("--json", action="store_true", help="write a JSON array")
        scan_cmd.add_argument("--all-stores", action="store_true",
                              help="include Chromium's `Extension Cookies` stores")
        scan_cmd.set_defaults(handler=reading.run_scan)

    if wanted("list"):
        from cookiedesk.cli import reading

        list_cmd = command("list", help="list cookies (never their values)")
        list_cmd.add_argument("--json", action="store_true", help="write a JSON array")
        add_cookie_filters(list_cmd)
        list_cmd.set_defaults(handler=reading.run_list)

    if wanted("delete"):
        from cookiedesk.cli import writing

        delete_cmd = command("delete",
                             help="delete cookies safely (backed up, undoable with `restore`)")
        add_cookie_filters(delete_cmd)
        delete_cmd.add_argument("--dry-run", action="store_true",
                                help="print exactly what would go; change nothing")
        delete_cmd.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        delete_cmd.set_defaults(handler=writing.run_delete)

    if wanted("guide"):
        guide_cmd = command("guide", help="open the guided cleanup (needs a display)")
        guide_cmd.set_defaults(handler=guide)

    if wanted("report"):
        from cookiedesk.cli import reading

        report_cmd = command("report", help="diagnostics for a support ticket (no cookie values)")
        report_cmd.add_argument("--json", action="store_true", help="write JSON")
        report_cmd.set_defaults(handler=reading.run_report)

    if wanted("backups"):
        from cookiedesk.cli import writing

        backups_cmd = command("backups", help="list the backups of past deletions")
        backups_cmd.add_argument("--json", action="store_true", help="write JSON")
        backups_cmd.set_defaults(handler=writing.run_backups)

    if wanted("restore"):
        from cookiedesk.cli import writing

        restore_cmd = command("restore", help="undo a deletion (the latest by default)")
        restore_cmd.add_argument("id", nargs="?", metavar="ID", help="a backup id from `backups`")
        restore_cmd.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        restore_cmd.set_defaults(handler=writing.run_restore)

    if wanted("classify"):
        from cookiedesk.cli import lists

        classify_cmd = command(
            "classify", help="read HOST<TAB>NAME lines, write one JSON verdict per line")
        classify_cmd.set_defaults(handler=lists.run_classify)

    if wanted("policy"):
        from cookiedesk.cli import lists

        policy_cmd = command("policy", help="print a site's privacy policy")
        policy_cmd.add_argument("--site", metavar="NAME",
                                help="the site profile (default: the first, the built-in one)")
        policy_cmd.set_defaults(handler=lists.run_policy)

    if wanted("lists"):
        from cookiedesk.cli import lists

        lists_cmd = command("lists", help="your ad-domain lists: import, show, remove")
        lists_verbs = lists_cmd.add_subparsers(dest="verb", metavar="VERB", required=True)
        show = lists_verbs.add_parser("show", parents=[common],
                                      help="what classification uses, with counts")
        show.add_argument("--json", action="store_true", help="write JSON")
        show.set_defaults(handler=lists.run_lists_show)
        imp = lists_verbs.add_parser(
            "import", parents=[common],
            help="import a list you downloaded (domain list, hosts file, Disconnect "
            "services.json, DuckDuckGo tds.json)")
        imp.add_argument("file", type=Path, metavar="FILE")
        imp.add_argument("--name", help="what to call it (default: the file's name)")
        imp.set_defaults(handler=lists.run_lists_import)
        remove = lists_verbs.add_parser("remove", parents=[common], help="forget an imported list")
        remove.add_argument("name", metavar="NAME")
        remove.set_defaults(handler=lists.run_lists_remove)

    if wanted("keep"):
        from cookiedesk.cli import lists

        keep_cmd = command("keep", help="the keep-list: cookies never deleted")
        keep_verbs = keep_cmd.add_subparsers(dest="verb", metavar="VERB", required=True)
        for verb, text in (("add", "never delete cookies of DOMAIN"),
                           ("remove", "take DOMAIN off the keep-list")):
            keep_verb = keep_verbs.add_parser(verb, parents=[common], help=text)
            keep_verb.add_argument("domain", metavar="DOMAIN")
            keep_verb.set_defaults(handler=lists.run_keep)
        keep_show = keep_verbs.add_parser("show", parents=[common], help="print the keep-list")
        keep_show.set_defaults(handler=lists.run_keep)
    return parser

