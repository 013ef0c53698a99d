"""A site's policy text for display, with links into CookieDesk beside the sentences that
matter. The shipped file stays the site's own words, unchanged; links are added on display,
after the paragraphs holding the phrases the site profile names (sites.PolicyPhrases)."""

from __future__ import annotations

import re
from pathlib import Path

from cookiedesk.classify.sites import SiteProfile

# Each link does what its words say: DELETE_NOW (after the paragraph about deleting the site's
# cookies) deletes the site's cookies only; DELETE_ADS, after the paragraph about advertising
# companies, their cookies only.
SHOW_SITE, SHOW_ADS = "cookiedesk:show-site", "cookiedesk:show-ads"
DELETE_NOW, DELETE_ADS = "cookiedesk:delete-site", "cookiedesk:delete-ads"
SHOW_MEMBER = "cookiedesk:show-member"  # select the cookie(s) that can be the member cookie

# A line of nothing but table borders ("|", "| --- |", "|:--|"): the archived page's layout
# table, left over when it was turned into text. Markdown renders it as a stray "|".
_TABLE_DEBRIS = re.compile(r"^[\s|:\-]*\|[\s|:\-]*$")


def policy_text(site: SiteProfile | None) -> str:
    if site is None:
        return ""
    if not site.policy:
        return f"The {site.name} profile names no privacy policy."
    try:
        return Path(site.policy).read_text(encoding="utf-8")
    except OSError as exc:
        return f"The privacy policy cannot be read ({exc.strerror or exc}): {site.policy}"


def _anchors(site: SiteProfile) -> tuple[tuple[str, str], ...]:
    """(a phrase of the paragraph, the links shown after it), for the phrases the profile has."""
    return tuple((phrase, link) for phrase, link in (
        (site.phrases.member, f"[{site.member_link}]({SHOW_MEMBER})"),
        (site.phrases.ads, f"[Show ad-company cookies]({SHOW_ADS}) · "
                           f"[Delete the ad companies' cookies]({DELETE_ADS})"),
        (site.phrases.delete, f"[{site.delete_link}]({DELETE_NOW})"),
    ) if phrase)


def without_table_debris(markdown: str) -> str:
    """The text with its lines of bare table borders left out: every word stays."""
    return "\n".join(line for line in markdown.split("\n") if not _TABLE_DEBRIS.match(line))


def with_links(markdown: str, site: SiteProfile | None) -> str:
    """The policy for display: without table debris, with a link paragraph after each
    paragraph the anchors name."""
    anchors = _anchors(site) if site is not None else ()
    out = []
    for paragraph in without_table_debris(markdown).split("\n\n"):
        out.append(paragraph)
        for phrase, link in anchors:
            if phrase in paragraph:
                out.append(f"→ {link}")
    return "\n\n".join(out)


def sentence_with(markdown: str, phrase: str) -> str:
    """The sentence of the policy that contains `phrase`, as the site wrote it."""
    if not phrase:
        return ""
    for paragraph in markdown.split("\n\n"):
        if phrase in paragraph:
            for sentence in paragraph.replace("\n", " ").split(". "):
                if phrase in sentence:
                    return sentence.strip().rstrip(".") + "."
    return ""
