"""The compiled classification index as typed records, and its JSON form in the cache.

`catalogue.compile_index` builds an `Index`; the cache keeps it as an `IndexData` JSON document
(plus the list buckets in a file of their own, bucket_file.py) and `from_json` turns a cached
document back into an `Index`, checking it on the way: a cache file that was damaged or edited
by hand raises IndexFileError (the caller compiles the index again), it never reaches the
classifier as an index that fails later on a lookup.

NamedTuples, not dataclasses: this module is imported by every command that classifies, and a
dataclass compiles its methods at import time (~1.5 ms each, see model.py).
"""

from __future__ import annotations

from cookiedesk.classify.sites import PolicyPhrases, SiteProfile
from cookiedesk.model import Category
from cookiedesk.records import TYPE_CHECKING, NamedTuple, cast

# the JSON document's shape; part of the cache file's name (catalogue.py); 5: a site's
# not_member and member_persistent
INDEX_FORMAT = 5
_CATEGORIES = {category.value: category for category in Category}
_COUNT_KEYS = frozenset({  # the keys of IndexCounts
    "catalogue_companies", "catalogue_domains", "first_party_names", "user_domains",
    "open_cookie_database", "easylist_hosts", "easyprivacy_hosts", "user_domains_ignored",
    "imported_lists", "keep"})


if TYPE_CHECKING:  # types only: a TypedDict or Protocol costs import time for nothing at run time
    from typing import Protocol, TypedDict

    class ListBuckets(Protocol):
        """The EasyList/EasyPrivacy hosts by bucket: a list of texts (compiled) or the cache's
        lazily decoded bucket file (bucket_file.Buckets)."""

        def __getitem__(self, number: int, /) -> str: ...

        def __len__(self) -> int: ...

    class IndexCounts(TypedDict):
        """What `cookiedesk lists show` reports about the sources."""

        catalogue_companies: int
        catalogue_domains: int
        first_party_names: int
        user_domains: int
        open_cookie_database: int
        easylist_hosts: int
        easyprivacy_hosts: int
        user_domains_ignored: int
        imported_lists: int
        keep: int

    class SiteData(TypedDict):
        name: str
        domains: list[str]
        policy: str | None
        source: str
        summary: str
        quote: str
        names: list[str]
        phrases: dict[str, str]
        not_member: list[str]
        member_persistent: bool

    class IndexData(TypedDict):
        """The JSON document: arrays where the Index has tuples, string keys where it has ints."""

        format: int
        companies: list[tuple[str, str, str, str]]
        ad_domains: dict[str, tuple[int, str]]
        sign_in: dict[str, int]
        platform_names: dict[str, list[str]]
        fp_names: dict[str, int]
        fp_prefixes: list[tuple[str, int]]
        ocd_named: dict[str, dict[str, int]]
        ocd_names: dict[str, int]
        ocd_prefixes: list[tuple[str, int]]
        sites: list[SiteData]
        keep: list[str]
        problems: list[str]
        counts: IndexCounts


class Company(NamedTuple):
    """Whoever a rule attributes a cookie to: a catalogue entry, a user's list, the open data."""

    name: str
    does: str  # what it does, for the verdict's reason
    category: Category  # AD or TRACKER
    source: str  # "CookieDesk catalogue", "your list 'x'", "Open Cookie Database"


class AdDomain(NamedTuple):
    company: int  # index into Index.companies
    source: str  # "catalogue", the user list's name, or opendata.OCD_SOURCE


class Index(NamedTuple):
    """Everything classification knows (classifier.py says how the rules are applied)."""

    companies: list[Company]
    ad_domains: dict[str, AdDomain]  # a company's domain → the company
    sign_in: dict[str, int]  # a platform's sign-in domain → the platform's company index
    platform_names: dict[int, frozenset[str]]  # platform's company index → its ad cookie names
    fp_names: dict[str, int]  # the catalogue's first-party cookie names → company index
    fp_prefixes: list[tuple[str, int]]  # (name prefix, company index), 4+ characters each
    ocd_named: dict[str, dict[str, int]]  # domain → cookie name → company index (open data)
    ocd_names: dict[str, int]  # first-party names of the open data
    ocd_prefixes: list[tuple[str, int]]
    list_buckets: ListBuckets  # opendata.pack: the hosts' text by bucket
    sites: list[SiteProfile]
    keep: list[str]  # the keep-list's domains
    problems: list[str]  # sources that could not be used, one sentence each
    counts: IndexCounts


class IndexFileError(ValueError):
    """A cached index that is not one this version wrote: compile the index again."""


def site_data(site: SiteProfile) -> SiteData:
    return {"name": site.name, "domains": list(site.domains), "policy": site.policy,
            "source": site.source, "summary": site.summary, "quote": site.quote,
            "names": list(site.names), "phrases": site.phrases._asdict(),
            "not_member": list(site.not_member), "member_persistent": site.member_persistent}


def site_profile(data: SiteData) -> SiteProfile:
    phrases = data["phrases"]
    return SiteProfile(str(data["name"]), tuple(map(str, data["domains"])),
                       None if data["policy"] is None else str(data["policy"]),
                       str(data["summary"]), str(data["quote"]), tuple(map(str, data["names"])),
                       PolicyPhrases(*(str(phrases.get(k, "")) for k in PolicyPhrases._fields)),
                       str(data["source"]), tuple(map(str, data["not_member"])),
                       data["member_persistent"] is True)


def to_json(index: Index) -> IndexData:
    """The document the cache keeps (the list buckets go to their own file)."""
    return {
        "format": INDEX_FORMAT,
        "companies": [(c.name, c.does, c.category.value, c.source) for c in index.companies],
        "ad_domains": {d: (a.company, a.source) for d, a in index.ad_domains.items()},
        "sign_in": index.sign_in,
        "platform_names": {str(k): sorted(v) for k, v in index.platform_names.items()},
        "fp_names": index.fp_names,
        "fp_prefixes": index.fp_prefixes,
        "ocd_named": index.ocd_named,
        "ocd_names": index.ocd_names,
        "ocd_prefixes": index.ocd_prefixes,
        "sites": [site_data(s) for s in index.sites],
        "keep": index.keep,
        "problems": index.problems,
        "counts": index.counts,
    }


def _company_table(data: object, companies: int) -> dict[str, int]:
    """A {str: company index} table of the document, each index checked."""
    if not isinstance(data, dict):
        raise IndexFileError("a table of the cached index is not an object")
    for key, value in data.items():
        if not isinstance(key, str) or type(value) is not int or not 0 <= value < companies:
            raise IndexFileError("a table of the cached index names no known company")
    return data


def _prefixes(data: object, companies: int) -> list[tuple[str, int]]:
    if not isinstance(data, list):
        raise IndexFileError("the prefixes of the cached index are not a list")
    pairs = [(prefix, index) for prefix, index in data]
    if not all(isinstance(p, str) and len(p) >= 4 and type(i) is int and 0 <= i < companies
               for p, i in pairs):
        raise IndexFileError("a prefix of the cached index is unusable")
    return pairs


def _strings(data: object) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(s, str) for s in data):
        raise IndexFileError("a list of the cached index is not a list of strings")
    return data


def from_json(data: object, buckets: ListBuckets) -> Index:
    """The Index a cached document holds; IndexFileError when it is not a whole, consistent
    index of this format (checked here so that no lookup can fail on it later)."""
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        raise IndexFileError("the cached index is of another format")
    try:
        companies = [Company(str(name), str(does), _CATEGORIES[category], str(source))
                     for name, does, category, source in data["companies"]]
        total = len(companies)
        ad_domains = {str(domain): AdDomain(company, str(source))
                      for domain, (company, source) in data["ad_domains"].items()}
        if not all(type(a.company) is int and 0 <= a.company < total
                   for a in ad_domains.values()):
            raise IndexFileError("an ad domain of the cached index names no known company")
        named = data["ocd_named"]
        if not isinstance(named, dict):
            raise IndexFileError("the open data's named cookies are not an object")
        counts = data["counts"]
        if not isinstance(counts, dict) or set(counts) != _COUNT_KEYS \
                or not all(type(n) is int for n in counts.values()):
            raise IndexFileError("the counts of the cached index are incomplete")
        platform_names = {int(k): frozenset(_strings(v))
                          for k, v in data["platform_names"].items()}
        if not all(0 <= k < total for k in platform_names):
            raise IndexFileError("a platform of the cached index names no known company")
        return Index(
            companies, ad_domains, _company_table(data["sign_in"], total), platform_names,
            _company_table(data["fp_names"], total), _prefixes(data["fp_prefixes"], total),
            {str(d): _company_table(n, total) for d, n in named.items()},
            _company_table(data["ocd_names"], total), _prefixes(data["ocd_prefixes"], total),
            buckets, [site_profile(s) for s in data["sites"]], _strings(data["keep"]),
            _strings(data["problems"]), cast("IndexCounts", counts))  # checked above
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, IndexFileError):
            raise
        raise IndexFileError(f"the cached index is damaged ({type(exc).__name__})") from None
