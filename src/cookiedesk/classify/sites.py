"""A site profile as data: the site whose own cookies CookieDesk points out (KOmp3.net ships).

Its name, domains, policy text, how its member cookie is described, the phrases of its policy
that get links beside them, and every sentence that names the site come from the profile
(`resources/sites/*.toml`, or a user's `sites/*.toml` in the config folder): a second site needs
a file, not code. Sentences that name the site are built here from the profile's name, so each
front end says them the same way.
"""

from __future__ import annotations

from typing import NamedTuple


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
    names: tuple[str, ...]  # the member cookie's names, when the policy says them
    phrases: PolicyPhrases
    source: str  # the profile file

    # Sentences that name the site: one wording for the CLI, the window and the guide.
    @property
    def cookies_label(self) -> str:
        return f"{self.name} cookies"

    @property
    def member_link(self) -> str:
        return f"Show the {self.name} member cookie"

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
