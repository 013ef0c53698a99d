"""How a cookie's name reads where the eye is: with the partition and the container beside it.

A Firefox profile may hold the same host and name three times (unpartitioned, partitioned under
a site by total cookie protection, inside a container); each is its own cookie with its own
value. Shown as "uuid2", "uuid2 · in komp3.net" and "uuid2 · Personal container", the rows tell
apart without scrolling to a column on the right. Qt-free, so any list of cookies can use it.
"""

from __future__ import annotations

from cookiedesk.model import Cookie

SEPARATOR = " · "


def partition_site(partition: str) -> str:
    """The site a partition key names, without scheme or port: "https://komp3.net:8443" →
    "komp3.net"; a bare site ("komp3.net", Firefox's first-party isolation) stays."""
    site = partition.split("://", 1)[1] if "://" in partition else partition
    site = site.split("/", 1)[0]
    if site.startswith("["):  # an IPv6 address keeps its colons
        return site.split("]", 1)[0] + "]"
    return site.rsplit(":", 1)[0] if site.count(":") == 1 else site


def container_label(container: str) -> str:
    """"Personal" → "Personal container" (a custom name already saying so stays as it is)."""
    if not container or "container" in container.casefold():
        return container
    return f"{container} container"


def where(cookie: Cookie) -> list[str]:
    """The words that set this cookie apart from one with the same host and name."""
    parts = []
    if cookie.partition:
        parts.append(f"in {partition_site(cookie.partition)}")
    if cookie.container:
        parts.append(container_label(cookie.container))
    return parts


def name_label(cookie: Cookie) -> str:
    return SEPARATOR.join([cookie.name, *where(cookie)])
