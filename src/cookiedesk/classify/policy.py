"""A site's policy text for display, with links into CookieDesk beside the sentences that
matter. The shipped file stays the site's own words, unchanged; links are added on display."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SHOW_SITE, SHOW_ADS, DELETE_NOW = "cookiedesk:show-site", "cookiedesk:show-ads", \
    "cookiedesk:delete-site-and-ads"
# (a phrase of the paragraph, the link shown after it)
_ANCHORS = (
    ("unique number", f"[Show the KOmp3.net member cookie]({SHOW_SITE})"),
    ("third-party advertising companies", f"[Show ad-company cookies]({SHOW_ADS})"),
    ("simple procedure to manually delete your cookies", f"[Delete them now]({DELETE_NOW})"),
)
COOKIES_PARAGRAPH_PHRASE = "unique number"


def policy_text(site: dict[str, Any]) -> str:
    path = site.get("policy")
    if not path:
        return f"The {site.get('name', 'site')} profile names no privacy policy."
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        return f"The privacy policy cannot be read ({exc.strerror or exc}): {path}"


def with_links(markdown: str) -> str:
    """The policy with a link paragraph after each paragraph the anchors name."""
    paragraphs = markdown.split("\n\n")
    out = []
    for paragraph in paragraphs:
        out.append(paragraph)
        for phrase, link in _ANCHORS:
            if phrase in paragraph:
                out.append(f"→ {link}")
    return "\n\n".join(out)


DELETE_PHRASE = "simple procedure to manually delete your cookies"


def sentence_with(markdown: str, phrase: str) -> str:
    """The sentence of the policy that contains `phrase`, as the site wrote it."""
    for paragraph in markdown.split("\n\n"):
        if phrase in paragraph:
            for sentence in paragraph.replace("\n", " ").split(". "):
                if phrase in sentence:
                    return sentence.strip().rstrip(".") + "."
    return ""
