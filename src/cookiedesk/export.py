"""Cookies as rows for a support ticket: tab-separated text for the clipboard, CSV or JSON
files. Never a value: the records carry none (see model.Cookie), and a row is built from named
fields only, so nothing added to Cookie later slips into an export unseen.

The field names are those of `cookiedesk list --json` (host, name, partition, container,
expires, …), flattened: the verdict's category, company, reason and kept sit beside them, and
`site` (the registrable domain the window groups by) comes first. The store's natural key is
left out: it is for deleting, not for reading.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cookiedesk.classify.domains import registrable_domain
from cookiedesk.model import Cookie

FIELDS = ("site", "host", "name", "path", "partition", "container", "category", "company",
          "kept", "reason", "browser", "profile", "expires", "created", "last_access", "secure",
          "httponly", "samesite", "session", "size", "store_id")
# what fits a clipboard paste into a ticket: the columns the table shows, in its order
CLIPBOARD_FIELDS = ("site", "host", "name", "partition", "container", "category", "company",
                    "browser", "profile", "expires", "path", "size")


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"

    @classmethod
    def of(cls, path: Path) -> ExportFormat:
        """By the file's suffix: `.json` is JSON, anything else CSV."""
        return cls.JSON if path.suffix.casefold() == ".json" else cls.CSV


class ExportFailed(Exception):
    """A sentence for people: where the export was going and why it could not be written."""


def _moment(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def record(cookie: Cookie) -> dict[str, Any]:
    """One cookie as a flat record of FIELDS (JSON types: str, int, bool or None)."""
    verdict = cookie.verdict
    return {
        "site": registrable_domain(cookie.host), "host": cookie.host, "name": cookie.name,
        "path": cookie.path, "partition": cookie.partition, "container": cookie.container,
        "category": verdict.category if verdict else None,
        "company": verdict.company if verdict else None,
        "kept": verdict.kept if verdict else False,
        "reason": verdict.reason if verdict else None,
        "browser": cookie.browser, "profile": cookie.profile,
        "expires": _moment(cookie.expires), "created": _moment(cookie.created),
        "last_access": _moment(cookie.last_access), "secure": cookie.secure,
        "httponly": cookie.httponly, "samesite": cookie.samesite, "session": cookie.session,
        "size": cookie.size, "store_id": cookie.store_id,
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _tsv_cell(value: object) -> str:
    # a tab or line break inside a name would shift every later column of the paste
    return _cell(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _csv_cell(value: object) -> str:
    text = _cell(value)
    # a cookie name like "=HYPERLINK(…)" would run as a formula in a spreadsheet
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def as_tsv(cookies: Iterable[Cookie], fields: Sequence[str] = CLIPBOARD_FIELDS) -> str:
    """A header line and one tab-separated line per cookie (for the clipboard)."""
    lines = ["\t".join(fields)]
    lines += ["\t".join(_tsv_cell(row[f]) for f in fields)
              for row in map(record, cookies)]
    return "\n".join(lines) + "\n"


def as_csv(cookies: Iterable[Cookie]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows([_csv_cell(row[f]) for f in FIELDS] for row in map(record, cookies))
    return out.getvalue()


def as_json(cookies: Iterable[Cookie]) -> str:
    return json.dumps([record(c) for c in cookies], indent=2, ensure_ascii=False) + "\n"


def write(path: Path, cookies: Sequence[Cookie], kind: ExportFormat | None = None) -> int:
    """Write the cookies to `path` as CSV or JSON (by its suffix unless `kind` says); the
    number written. A failure is an ExportFailed sentence."""
    kind = kind or ExportFormat.of(path)
    text = as_json(cookies) if kind is ExportFormat.JSON else as_csv(cookies)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportFailed(f"the cookies could not be exported to {path}: "
                           f"{exc.strerror or exc}") from None
    return len(cookies)
