"""Everything classification knows, compiled into one index and cached.

Sources: the ad-company catalogue (`resources/adtech/*.toml`), site profiles
(`resources/sites/*.toml` and the user's `sites/*.toml`), the user's lists (keep-list, extra
ad domains, imported lists) and the open data (`resources/adtech/open/`, see opendata.py), in
that order of precedence. Parsing them all takes ~11 ms, a tenth of a whole `cookiedesk list`,
so the compiled index is kept as JSON in the cache folder under a name made from the sources'
sizes and times: any change to any source compiles it again; a cache that cannot be read or
written is simply not used.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

from cookiedesk import __version__
from cookiedesk.atomic import write_atomically
from cookiedesk.classify import opendata, userlists
from cookiedesk.classify.index import INDEX_FORMAT, AdDomain, Company, Index, from_json, to_json
from cookiedesk.classify.sites import PolicyPhrases, SiteProfile
from cookiedesk.model import Category
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.resources import resource_path

if TYPE_CHECKING:
    from cookiedesk.classify.index import IndexCounts

__all__ = ["INDEX_FORMAT", "CatalogueError", "compile_index", "load_index"]

CATALOGUE = "CookieDesk catalogue"
PREFIX_MIN = 4  # the classifier looks prefixes up by a name's first 4 characters
# what a catalogue entry may say it is; "ad" by default
CATEGORIES = {"ad": Category.AD, "tracker": Category.TRACKER}
# A TOML table as tomllib gives it: values are checked where they are read (_text, _strings).
Table = dict[str, object]
_SITE_FOLDER = "sites"
_CACHE_PREFIX = "classify-index-"
_LISTS_SUFFIX = ".lists"


class CatalogueError(Exception):
    """The built-in catalogue is inconsistent: a bug in CookieDesk, found by its tests."""


def _toml(path: Path) -> Table:
    import tomllib  # only when compiling: the cached index needs no TOML parser

    with path.open("rb") as handle:
        return tomllib.load(handle)


def catalogue_files() -> list[Path]:
    return sorted(resource_path("adtech").glob("*.toml"))


def site_files(config: Path) -> list[Path]:
    return sorted(resource_path("sites").glob("*.toml")) + sorted(
        (config / _SITE_FOLDER).glob("*.toml"))


def user_files(config: Path) -> list[Path]:
    return [config / userlists.KEEP_FILE, config / userlists.AD_DOMAINS_FILE,
            *sorted((config / userlists.LISTS_FOLDER).glob("*.json"))]


def _fingerprint(paths: Iterable[Path]) -> str:
    parts = [__version__, str(INDEX_FORMAT)]
    for path in paths:
        try:
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:-")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


# ------------------------------------------------------------------------ compiling

class _Builder:
    def __init__(self) -> None:
        self.companies: list[Company] = []
        self.ad_domains: dict[str, AdDomain] = {}
        self.sign_in: dict[str, int] = {}  # domain → platform's company index
        self.platform_names: dict[int, frozenset[str]] = {}
        self.fp_names: dict[str, int] = {}
        self.fp_prefixes: list[tuple[str, int]] = []
        self.owner: dict[str, str] = {}  # domain → company name, to refuse duplicates
        self.problems: list[str] = []

    def company(self, name: str, does: str, category: str = "ad",
                source: str = CATALOGUE) -> int:
        self.companies.append(Company(name, does, CATEGORIES[category], source))
        return len(self.companies) - 1

    def claim(self, domain: str, company: str, where: Path) -> str:
        normal = userlists.normalise_domain(domain)
        if normal is None:
            raise CatalogueError(f"{where.name}: '{domain}' under {company} is not a domain")
        if normal in self.owner and self.owner[normal] != company:
            raise CatalogueError(f"{where.name}: {normal} is listed under both "
                                 f"{self.owner[normal]} and {company}")
        self.owner[normal] = company
        return normal


def _text(entry: Table, key: str, where: Path) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where.name}: an entry has no '{key}' ({entry.get('name')!r})")
    return value.strip()


def _strings(entry: Table, key: str, where: Path) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogueError(f"{where.name}: '{key}' of {entry.get('name')!r} is not a list")
    return value


def _entries(data: Table, key: str, where: Path) -> list[Table]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CatalogueError(f"{where.name}: '{key}' is not a list of tables")
    return value


def _category(entry: Table, where: Path) -> str:
    value = entry.get("category", "ad")
    if value not in CATEGORIES:
        raise CatalogueError(f"{where.name}: {entry.get('name') or entry.get('company')!r} has "
                             f"category {value!r}, not one of {', '.join(CATEGORIES)}")
    return str(value)


def _add_catalogue(builder: _Builder, path: Path) -> None:
    data = _toml(path)
    for entry in _entries(data, "company", path):
        name, does = _text(entry, "name", path), _text(entry, "does", path)
        domains = _strings(entry, "domains", path)
        if not domains:
            raise CatalogueError(f"{path.name}: {name} lists no domains")
        index = builder.company(name, does, _category(entry, path))
        for domain in domains:
            builder.ad_domains[builder.claim(domain, name, path)] = AdDomain(index, "catalogue")
    for entry in _entries(data, "platform", path):
        name, does = _text(entry, "name", path), _text(entry, "does", path)
        index = builder.company(name, does)
        for domain in _strings(entry, "ad_domains", path):
            builder.ad_domains[builder.claim(domain, name, path)] = AdDomain(index, "catalogue")
        for domain in _strings(entry, "sign_in_domains", path):
            builder.sign_in[builder.claim(domain, name, path)] = index
        tracking = _strings(entry, "tracker_domains", path)
        if tracking:  # e.g. X's t.co: a click counter, not an ad server nor a sign-in
            tracker = builder.company(name, _text(entry, "tracker_does", path), "tracker")
            for domain in tracking:
                claimed = builder.claim(domain, name, path)
                builder.ad_domains[claimed] = AdDomain(tracker, "catalogue")
        builder.platform_names[index] = frozenset(_strings(entry, "ad_cookies", path))
    for entry in _entries(data, "cookie", path):
        company, does = _text(entry, "company", path), _text(entry, "does", path)
        index = builder.company(company, does, _category(entry, path))
        names, prefixes = _strings(entry, "names", path), _strings(entry, "prefixes", path)
        if not names and not prefixes:
            raise CatalogueError(f"{path.name}: a {company} cookie entry names no cookie")
        for name in names:
            if name in builder.fp_names:
                raise CatalogueError(f"{path.name}: the cookie name {name} is listed twice")
            builder.fp_names[name] = index
        if any(len(prefix) < PREFIX_MIN for prefix in prefixes):  # the classifier's lookup
            raise CatalogueError(f"{path.name}: a {company} prefix is shorter than "
                                 f"{PREFIX_MIN} characters")
        builder.fp_prefixes.extend((prefix, index) for prefix in prefixes)


def _site(path: Path, builder: _Builder) -> SiteProfile | None:
    try:
        data = _toml(path)
        name = _text(data, "name", path)
        domains = [d for d in (userlists.normalise_domain(x)
                               for x in _strings(data, "domains", path)) if d]
        if not domains:
            raise CatalogueError(f"{path.name}: the site profile lists no domains")
        member = data.get("member_cookie", {})
        member = member if isinstance(member, dict) else {}
        policy = data.get("policy")
        policy_path = None
        if isinstance(policy, str) and policy:
            local = path.parent / policy
            policy_path = str(local if local.is_file() else resource_path(policy))
        phrases = data.get("policy_phrases", {})
        phrases = phrases if isinstance(phrases, dict) else {}
        names = member.get("names", [])
        not_member = member.get("not_member", [])
        return SiteProfile(
            name, tuple(domains), policy_path, str(member.get("summary") or "its own cookie"),
            str(member.get("quote") or ""),
            tuple(n for n in (names if isinstance(names, list) else []) if isinstance(n, str)),
            PolicyPhrases(*(v if isinstance(v := phrases.get(k), str) else ""
                            for k in PolicyPhrases._fields)),
            str(path),
            tuple(n for n in (not_member if isinstance(not_member, list) else [])
                  if isinstance(n, str)),
            member.get("persistent") is True)
    except (OSError, ValueError, CatalogueError) as exc:
        builder.problems.append(f"site profile {path} is unusable: {exc}")
        return None


def compile_index(config: Path,
                  ocd: Iterable[opendata.OcdRow] | None = None) -> Index:
    """Parse every source into the plain-data index the classifier works from. `ocd`
    replaces the shipped Open Cookie Database rows (the held-out evaluation passes a part)."""
    builder = _Builder()
    for path in catalogue_files():
        _add_catalogue(builder, path)
    catalogue_companies = len(builder.companies)
    catalogue_domains = len(builder.ad_domains) + len(builder.sign_in)

    sites: dict[str, SiteProfile] = {}
    for path in site_files(config):  # the user's profiles come last and replace by name
        site = _site(path, builder)
        if site is not None:
            sites[site.name] = site
    site_domains = {d for site in sites.values() for d in site.domains}

    def add_user_domain(domain: str, company: str | None, source: str) -> bool:
        # A user list may add ad domains, never turn a platform's sign-in cookies or a site
        # profile's cookies into ad cookies, nor re-attribute the catalogue's.
        if domain in builder.ad_domains or domain in builder.sign_in or domain in site_domains:
            return False
        index = builder.company(company or "an advertising company", f"on your list {source}",
                                "ad", f"your list {source}")
        builder.ad_domains[domain] = AdDomain(index, source)
        return True

    ignored = 0
    try:
        extra = userlists.read_domain_file(config / userlists.AD_DOMAINS_FILE)
    except userlists.ListError as exc:
        builder.problems.append(str(exc))
        extra = {}
    for domain, company in extra.items():
        ignored += not add_user_domain(domain, company, f"'{userlists.AD_DOMAINS_FILE}'")
    lists, list_problems = userlists.imported_lists(config)
    builder.problems.extend(list_problems)
    for imported in lists:
        for domain, company in imported.entries.items():
            ignored += not add_user_domain(domain, company, f"'{imported.name}'")
    try:
        keep = userlists.keep_list(config)
    except userlists.ListError as exc:
        builder.problems.append(str(exc))
        keep = []
    # The open data may not speak for any domain the sources above have spoken for.
    reserved = frozenset(builder.ad_domains) | frozenset(builder.sign_in) | site_domains
    rules = opendata.ocd_rules(opendata.ocd_rows() if ocd is None else ocd, reserved,
                               builder.company)
    for domain, index in rules.domains.items():
        builder.ad_domains[domain] = AdDomain(index, opendata.OCD_SOURCE)
    hosts = opendata.list_hosts(reserved | frozenset(rules.domains))
    counts: IndexCounts = {
        "catalogue_companies": catalogue_companies,
        "catalogue_domains": catalogue_domains,
        "first_party_names": len(builder.fp_names) + len(builder.fp_prefixes),
        "user_domains": len(builder.ad_domains) - len(rules.domains) - catalogue_domains
        + len(builder.sign_in),
        "open_cookie_database": len(rules.domains) + len(rules.names) + len(rules.prefixes)
        + sum(len(n) for n in rules.named.values()),
        "easylist_hosts": len(hosts.ad),
        "easyprivacy_hosts": len(hosts.tracker),
        "user_domains_ignored": ignored,
        "imported_lists": len(lists),
        "keep": len(keep),
    }
    return Index(builder.companies, builder.ad_domains, builder.sign_in,
                 builder.platform_names, builder.fp_names, builder.fp_prefixes, rules.named,
                 rules.names, rules.prefixes, opendata.pack(hosts), list(sites.values()), keep,
                 builder.problems, counts)


def load_index(config: Path, cache: Path | None) -> Index:
    """The compiled index, from the cache when it is current. The list buckets are kept
    beside the JSON in a file of their own, decoded only as hosts ask for them (bucket_file):
    reading all 2 MB of them took a tenth of every command that classifies."""
    import orjson

    from cookiedesk.classify.bucket_file import Buckets, pack

    fingerprint = _fingerprint(catalogue_files() + opendata.files() + site_files(config)
                               + user_files(config))
    cached = cache / f"{_CACHE_PREFIX}{fingerprint}.json" if cache else None
    if cached is not None:
        try:
            document = orjson.loads(cached.read_bytes())
            raw = cached.with_suffix(_LISTS_SUFFIX).read_bytes()
            return from_json(document, Buckets(raw, opendata.BUCKETS))
        except (OSError, ValueError):  # IndexFileError, orjson's JSONDecodeError and
            pass  # UnicodeError are ValueErrors: a damaged cache is compiled again
    index = compile_index(config)
    if cached is not None:
        _store(cached, orjson.dumps(to_json(index)), pack(index.list_buckets))
    return index


def _store(path: Path, data: bytes, buckets: bytes) -> None:
    """Write the cache atomically and drop older compilations; failing is harmless. The
    buckets go first: an index whose buckets are missing is not used."""
    try:
        write_atomically(path.with_suffix(_LISTS_SUFFIX), buckets)
        write_atomically(path, data)
        for old in path.parent.glob(f"{_CACHE_PREFIX}*"):
            if old.stem != path.stem:
                old.unlink(missing_ok=True)
    except OSError:
        pass
