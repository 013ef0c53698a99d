"""The site the window and the guide speak of, as data: its name comes from the site profile
the classifier loaded, never from a literal. One place to read it, so that typed site profiles
can replace the dictionary behind it without touching any widget."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the widgets that only name the site need not import the classifier
    from cookiedesk.classify.classifier import Classifier
    from cookiedesk.classify.sites import SiteProfile

NO_SITE = "the site"  # no site profile: neutral words rather than another site's name


def first_site(classifier: Classifier | None) -> SiteProfile | None:
    """The profile of the site the policy pane and the guide are about, if one is loaded."""
    if classifier is None or not classifier.sites:
        return None
    return classifier.sites[0]


def site_name(classifier: Classifier | None) -> str:
    site = first_site(classifier)
    return site.name if site is not None and site.name else NO_SITE


def capitalised(name: str) -> str:
    """For the start of a label: "the site" → "The site"; a site's own name is kept as is."""
    return name[:1].upper() + name[1:]
