"""A site profile as data: the site whose own cookies CookieDesk points out (KOmp3.net ships).

Its name, domains, policy text, how its member cookie is described, the phrases of its policy
that get links beside them, and every sentence that names the site come from the profile
(`resources/sites/*.toml`, or a user's `sites/*.toml` in the config folder): a second site needs
a file, not code. Sentences that name the site are built here from the profile's name, so each
front end says them the same way.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from cookiedesk.model import Cookie
from cookiedesk.records import NamedTuple


class PolicyPhrases(NamedTuple):
    """Phrases of the policy text: a link is shown after the paragraph holding each."""

    member: str = ""  # where the policy describes the member cookie
    ads: str = ""  # where it says advertising companies serve its ads
    delete: str = ""  # where it tells people to delete their cookies


class SiteProfile(NamedTuple):
    """One site profile, compiled into the index (catalogue.py; its JSON form: index.py)."""

    name: str
    domains: tuple[str, ...]
    policy: str | None  # the policy file's path, or None
    summary: str  # one line: what its member cookie is, for the verdict's reason
    quote: str  # the policy's own sentence about its member cookie
    names: tuple[str, ...]  # the member cookie's names or globs, when the policy says them
    phrases: PolicyPhrases
    source: str  # the profile file
    # globs of well-known cookies that are no member cookie (used when `names` is empty)
    not_member: tuple[str, ...] = ()
    member_persistent: bool = False  # a session cookie cannot be the member cookie

    def may_be_member(self, name: str, session: bool) -> bool:
        """Whether a cookie of this site, called `name`, can be the member cookie its policy
        describes: it matches one of the profile's `names`; or, when the profile names none,
        it is no well-known cookie of another kind (`not_member`), and it outlives the browser
        session when the profile says the member cookie must (`persistent`)."""
        if self.names:
            return any(fnmatchcase(name, pattern) for pattern in self.names)
        if self.member_persistent and session:
            return False
        return not any(fnmatchcase(name, pattern) for pattern in self.not_member)

    # Sentences that name the site: one wording for the CLI, the window and the guide.
    @property
    def cookies_label(self) -> str:
        return f"{self.name} cookies"

    @property
    def member_link(self) -> str:
        return f"Show the {self.name} member cookie"

    @property
    def delete_link(self) -> str:
        """The policy's link beside its paragraph about deleting cookies: the site's only."""
        return f"Delete the {self.name} cookies now"

    @property
    def delete_command(self) -> str:
        """The command line that does what the guided cleanup does."""
        return f"cookiedesk delete --site {self.domains[0]} --ads"


def first(sites: list[SiteProfile]) -> SiteProfile | None:
    """The site CookieDesk speaks of by default (the built-in profile, or the user's own)."""
    return sites[0] if sites else None


def shown_name(sites: list[SiteProfile]) -> str:
    """What labels call the sites' own cookies: the site's name ("KOmp3.net"), every name when
    the user added profiles ("KOmp3.net / Example Forum"), a neutral word when none is usable."""
    return " / ".join(site.name for site in sites) or "Site"


def is_member_candidate(site: SiteProfile, cookie: Cookie) -> bool:
    """A cookie the site itself set that may be the member cookie its policy describes."""
    verdict = cookie.verdict
    return (verdict is not None and verdict.category == "site" and verdict.company == site.name
            and site.may_be_member(cookie.name, cookie.session))
