"""Honest counts: of the cookies a filter, a chip or a page chooses, how many a deletion removes,
how many are Firefox session cookies it leaves to Firefox, and how many the keep-list keeps.
The window's chips, the delete preview, the guide and the command line count with this and say
it with these sentences, so every number shown is the number deleted (fates.fate decides)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from cookiedesk.fates import Fate, fate
from cookiedesk.model import Cookie
from cookiedesk.safety.outcomes import Plan
from cookiedesk.wording import plural

K = TypeVar("K", bound=Hashable)

CLEARED_WHEN_FIREFOX_QUITS = "cleared when Firefox quits"


def session_only_reason() -> str:
    """Why CookieDesk leaves Firefox's session cookies alone, as a sentence."""
    from cookiedesk.stores.firefox_session import READ_ONLY_REASON

    return f"{READ_ONLY_REASON[0].upper()}{READ_ONLY_REASON[1:]}."


@dataclass(frozen=True)
class Counts:
    deleted: int = 0  # a deletion of these removes them
    session_only: int = 0  # Firefox session cookies: cleared when Firefox quits
    kept: int = 0  # on the keep-list

    @property
    def total(self) -> int:
        return self.deleted + self.session_only + self.kept

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.deleted + other.deleted, self.session_only + other.session_only,
                      self.kept + other.kept)

    def add(self, which: Fate, number: int = 1) -> Counts:
        """These counts and `number` cookies more of that fate."""
        return Counts(self.deleted + number * (which is Fate.DELETED),
                      self.session_only + number * (which is Fate.SESSION_ONLY),
                      self.kept + number * (which is Fate.KEPT))


def split(cookies: Iterable[Cookie], session_stores: frozenset[str]) -> dict[Fate, list[Cookie]]:
    """The cookies by what a deletion does to them (every fate present, maybe empty)."""
    found: dict[Fate, list[Cookie]] = {f: [] for f in Fate}
    for cookie in cookies:
        found[fate(cookie, session_stores)].append(cookie)
    return found


def count(cookies: Iterable[Cookie], session_stores: frozenset[str]) -> Counts:
    found = split(cookies, session_stores)
    return Counts(len(found[Fate.DELETED]), len(found[Fate.SESSION_ONLY]), len(found[Fate.KEPT]))


def count_by(cookies: Iterable[Cookie], session_stores: frozenset[str],
             key: Callable[[Cookie], K]) -> dict[K, Counts]:
    """Counts per key (per category, per browser…), in one pass."""
    found: dict[K, Counts] = {}
    for cookie in cookies:
        group = key(cookie)
        found[group] = found.get(group, Counts()).add(fate(cookie, session_stores))
    return found


def session_file_note(count: int) -> str:
    """Why Firefox's session-file cookies stay (the file also holds the user's open tabs)."""
    return (f"Not deleted: {plural(count, 'Firefox session cookie')}, "
            f"{CLEARED_WHEN_FIREFOX_QUITS}. {session_only_reason()}")


def short(counts: Counts) -> str:
    """For a chip: "66", or "66 · 4 cleared when Firefox quits · 1 kept"."""
    parts = [str(counts.deleted)]
    if counts.session_only:
        parts.append(f"{counts.session_only} {CLEARED_WHEN_FIREFOX_QUITS}")
    if counts.kept:
        parts.append(f"{counts.kept} kept")
    return " · ".join(parts)


def staying(counts: Counts) -> list[str]:
    """What of the chosen cookies stays, and why: one clause each."""
    clauses = []
    if counts.session_only:
        are = ("is a Firefox session cookie" if counts.session_only == 1
               else "are Firefox session cookies")
        clauses.append(f"{counts.session_only} {are}, {CLEARED_WHEN_FIREFOX_QUITS}")
    if counts.kept:
        clauses.append(f"{counts.kept} "
                       + ("is on your keep-list and stays" if counts.kept == 1
                          else "are on your keep-list and stay"))
    return clauses


def will_be_deleted(counts: Counts, why: bool = True) -> str:
    """The preview's and the guide's sentence: "5 cookies will be deleted; 4 are Firefox
    session cookies, cleared when Firefox quits." (and, with `why`, why, when any are)."""
    sentence = "; ".join([f"{plural(counts.deleted, 'cookie')} will be deleted",
                          *staying(counts)]) + "."
    if why and counts.session_only:
        sentence += " " + session_only_reason()
    return sentence


def of_plan(plan: Plan) -> Counts:
    """What a deletion plan removes and leaves: the numbers the preview shows."""
    return Counts(plan.total, plan.session_only, plan.kept)
