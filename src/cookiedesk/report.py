"""The support report: what a support ticket needs, and nothing that identifies the user.

App version, OS, each browser and profile found (path, schema, running, cookie counts by
category), errors per store, the last deletions with their confirmation codes and counts, and
the keep-list's size and the versions of the open tracker data. Never a cookie value; never
the name of a cookie that is not the site's, an ad company's or a tracker's (only counts); the
companies named are the ad companies, trackers and sites whose cookies were found, which is
what support needs to see."""

from __future__ import annotations

import platform
from collections import Counter
from pathlib import Path
from typing import Any

from cookiedesk import __version__
from cookiedesk.classify import opendata
from cookiedesk.escape import printable_path
from cookiedesk.safety import backup as backups
from cookiedesk.stores.scan import ScanResult
from cookiedesk.wording import plural

LAST_DELETIONS = 5


def build(result: ScanResult, data_dir: Path, keep_count: int,
          site_name: str = "Site") -> dict[str, Any]:
    """`site_name`: what the site profile calls its site (sites.shown_name)."""
    stores = []
    for scanned in result.stores:
        store = scanned.store
        categories = Counter(c.verdict.category if c.verdict else "other" for c in scanned.cookies)
        companies = Counter(c.verdict.company for c in scanned.cookies
                            if c.verdict and c.verdict.category in ("site", "ad", "tracker")
                            and c.verdict.company)
        stores.append({
            "browser": store.browser + (f" ({store.variant})" if store.variant else ""),
            "profile": store.profile,
            "kind": store.kind.value,
            "path": printable_path(store.path),
            "schema_version": store.schema_version,
            "running": store.running,
            "cookies": len(scanned.cookies) if scanned.error is None else None,
            "by_category": {k: categories.get(k, 0) for k in ("site", "ad", "tracker", "other")},
            "site_and_ad_companies": dict(sorted(companies.items())),
            "error": scanned.error,
            "notes": scanned.warnings,
        })
    deletions, problems = backups.list_backups(data_dir)
    return {
        "app": f"CookieDesk {__version__}",
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "python": platform.python_version(),
        "stores": stores,
        "discovery_problems": [f"{p.browser} — {p.profile}: {p.reason}" for p in result.problems],
        "last_deletions": [{
            "when": b.created, "code": b.code, "state": b.shown_state, "deleted": b.deleted,
            "stores": [{"browser": s.browser, "profile": s.profile, "deleted": s.deleted,
                        "already_gone": s.already_gone, "failed": s.failed,
                        "restore": s.restore_state or None}
                       for s in b.stores],
        } for b in deletions[:LAST_DELETIONS]],
        "backup_problems": problems,
        "keep_list_entries": keep_count,
        "tracker_data": opendata.source_versions(),
        "site": site_name,
    }


def as_text(report: dict[str, Any]) -> str:
    """Short lines that can be read out over the phone."""
    lines = [f"{report['app']} on {report['os']}", ""]
    if not report["stores"]:
        lines.append("No browser cookie stores found.")
    for store in report["stores"]:
        state = "RUNNING" if store["running"] else "closed"
        if store["error"]:
            lines.append(f"{store['browser']} — {store['profile']}: cannot be read: "
                         f"{store['error']}")
            continue
        counts = store["by_category"]
        kind = " (session file)" if store["kind"] == "session" else ""
        lines.append(f"{store['browser']} — {store['profile']}{kind}: "
                     f"{plural(store['cookies'], 'cookie')} — {counts['site']} {report['site']}, "
                     f"{plural(counts['ad'], 'ad company')}, "
                     f"{plural(counts['tracker'], 'tracker')}, {counts['other']} other — "
                     f"browser {state}")
    for problem in report["discovery_problems"]:
        lines.append(f"Problem: {problem}")
    lines.append("")
    if report["last_deletions"]:
        lines.append("Last deletions:")
        for deletion in report["last_deletions"]:
            lines.append(f"  {deletion['when']}  code {deletion['code'] or '-'}  deleted "
                         f"{deletion['deleted']}  ({deletion['state']})")
    else:
        lines.append("No deletions yet.")
    lines.append(f"Keep-list: {plural(report['keep_list_entries'], 'entry')}")
    return "\n".join(lines) + "\n"


def save(path: Path, text: str) -> None:
    """Write a report where the user chose (the window's "Save report…")."""
    path.write_text(text, encoding="utf-8")
