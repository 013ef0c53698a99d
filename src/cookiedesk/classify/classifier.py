"""Host + cookie name → category (site / ad / tracker / other), company, reason and source.

Rules, in order:
1. A site profile's domain (KOmp3.net): the site's own cookie. Site rules win over ad rules.
2. The most specific listed parent domain of the host decides next:
   - a company's domain (the catalogue, the user's lists, then the Open Cookie Database): that
     company's cookie, `ad` or `tracker` as its entry says;
   - a platform's sign-in domain (google.com, facebook.com…): an ad cookie only when its name
     is one of that platform's advertising cookies; sign-in and settings cookies stay "other";
   - an EasyList host (`ad`) or EasyPrivacy host (`tracker`), unless a list exception covers it.
3. A first-party cookie name on any other site: the catalogue's (`_fbp`, `_gcl_au`…), then the
   Open Cookie Database's names for that domain and for any site.
4. Anything else: other.
The keep-list is a flag on the verdict, never a category. The open data never speaks for a
domain the catalogue, a sign-in or a site profile covers (catalogue.compile_index).

No Public Suffix List is needed: no rule names a public suffix, so walking every parent of a
host finds the same matches; hosts are matched on label boundaries only.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from cookiedesk.classify.domains import normalise_host
from cookiedesk.classify.opendata import BUCKETS, OCD_SOURCE, listed
from cookiedesk.classify.sites import SiteProfile
from cookiedesk.model import Category, Verdict
from cookiedesk.records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from cookiedesk.classify.index import Index, IndexCounts, ListBuckets

SITE, AD, TRACKER, OTHER = Category.SITE, Category.AD, Category.TRACKER, Category.OTHER
_CACHE_LIMIT = 500_000
_DOMAIN, _LIST, _SIGN_IN = "domain", "list", "sign_in"  # host rule kinds besides SITE and ""
_NONE: frozenset[str] = frozenset()
_LIST_SAYS = {AD: ("EasyList", "EasyList ad server"),
              TRACKER: ("EasyPrivacy", "EasyPrivacy tracking server")}


def _by_start(prefixes: list[tuple[str, int]]) -> dict[str, list[tuple[str, int]]]:
    table: dict[str, list[tuple[str, int]]] = {}
    for prefix, index in prefixes:
        table.setdefault(prefix[:4], []).append((prefix, index))
    return table


class _HostRule(NamedTuple):
    domain: str  # the listed domain that matched, or the host itself
    kind: str  # SITE, _DOMAIN, _LIST, _SIGN_IN or ""
    target: int  # company index (_DOMAIN, _SIGN_IN) or site index
    kept: bool
    verdict: Verdict  # the verdict for any cookie name that no name rule picks out
    names: dict[str, int]  # cookie name → company index, for the names this host can set
    prefixes: dict[str, list[tuple[str, int]]]  # a name's first 4 characters → (prefix, index)
    platform: frozenset[str]  # the platform's ad cookie names, on its sign-in domains


class Classifier:
    """Verdicts from a compiled index (catalogue.load_index); cached by host and by cookie."""

    def __init__(self, index: Index) -> None:
        self._companies = index.companies
        self._ad = index.ad_domains
        self._sign_in = index.sign_in
        self._platform_names = index.platform_names
        self._buckets: ListBuckets = index.list_buckets
        self._ocd_named = index.ocd_named
        # Curated first-party names first: they win over the open data's.
        curated = index.fp_names
        self._fp_names = curated
        curated_prefixes = tuple(p for p, _ in index.fp_prefixes)
        self._any_site_names: dict[str, int] = {
            **{n: i for n, i in index.ocd_names.items()
               if not n.startswith(curated_prefixes)}, **curated}
        # Prefixes by their first 4 characters (every prefix has 4 or more): one dict lookup
        # per cookie name instead of a startswith() over a hundred prefixes.
        self._curated_prefixes = _by_start(index.fp_prefixes)
        self._all_prefixes = _by_start(index.fp_prefixes + index.ocd_prefixes)
        self.sites: list[SiteProfile] = list(index.sites)
        self._site_of = {d: i for i, site in enumerate(self.sites) for d in site.domains}
        self._keep = frozenset(index.keep)
        self.problems: list[str] = index.problems
        self.counts: IndexCounts = index.counts
        # Names that may make a verdict of their own, and the starts of prefixed ones: any other
        # name takes its host's verdict, found with one dict lookup (see verdict()).
        self._special = frozenset(self._any_site_names).union(
            *self._platform_names.values(), *self._ocd_named.values())
        self._starts = frozenset(self._all_prefixes)
        self._hosts: dict[str, _HostRule] = {}
        self._plain: dict[str, Verdict] = {}  # host → its verdict for a name that is not special
        self._blind: dict[str, Verdict] = {}  # hosts whose every cookie gets one verdict
        self._verdicts: dict[tuple[str, str], Verdict] = {}

    @classmethod
    def load(cls, config: Path | None = None, cache: Path | None = None) -> Classifier:
        from cookiedesk import dirs
        from cookiedesk.classify.catalogue import load_index

        config = config if config is not None else dirs.config_dir()
        return cls(load_index(config, cache if cache is not None else dirs.cache_dir()))

    # ------------------------------------------------------------------------ lookups

    def _match(self, parents: list[str]) -> tuple[str, str, int]:
        """(domain, kind, target) of the most specific parent any rule names."""
        site_of = self._site_of
        site = next((p for p in parents if p in site_of), None) if site_of else None
        if site is not None:
            return site, SITE, self._site_of[site]
        # opendata.bucket(), from the host's last two labels (the same for all its parents)
        text = self._buckets[zlib.crc32(parents[-2 if len(parents) > 1 else 0].encode())
                             % BUCKETS]
        for parent in parents:
            if parent in self._ad:
                return parent, _DOMAIN, self._ad[parent].company
            if parent in self._sign_in:
                return parent, _SIGN_IN, self._sign_in[parent]
            kind = listed(text, parent) if text else None
            if kind == "allow":  # a list exception: the lists say nothing of it or above
                text = ""
            elif kind is not None:
                return parent, _LIST, 0 if kind == AD else 1
        return parents[0], "", -1

    def _facts(self, host: str) -> tuple[list[str], str, str, int, bool]:
        """(parents, domain, kind, target, kept) of a host."""
        normal = normalise_host(host)
        labels = normal.split(".")
        parents = [".".join(labels[i:]) for i in range(len(labels))]
        kept = bool(self._keep) and any(p in self._keep for p in parents)
        return (parents, *self._match(parents), kept)

    def _plain_verdict(self, host: str) -> Verdict:
        """The host's verdict, without the name rules most hosts never need."""
        _, domain, kind, target, kept = self._facts(host)
        verdict = self._host_verdict(domain, kind, target, kept)
        if len(self._plain) > _CACHE_LIMIT:
            self._hosts.clear()
            self._plain.clear()
            self._blind.clear()
        self._plain[host] = verdict
        if kind in (_DOMAIN, _LIST):
            self._blind[host] = verdict
        return verdict

    def _host_rule(self, host: str) -> _HostRule:
        parents, domain, kind, target, kept = self._facts(host)
        names, prefixes = self._any_site_names, self._all_prefixes
        if kind in (SITE, _SIGN_IN):  # the open data says nothing about these
            names, prefixes = self._fp_names, self._curated_prefixes
        elif kind == "":
            named = next((self._ocd_named[p] for p in parents if p in self._ocd_named), None)
            if named:
                names = {**names, **named}
        rule = _HostRule(domain, kind, target, kept,
                         self._host_verdict(domain, kind, target, kept), names, prefixes,
                         self._platform_names.get(target, _NONE) if kind == _SIGN_IN else _NONE)
        if len(self._hosts) > _CACHE_LIMIT:
            self._hosts.clear()
        self._hosts[host] = rule
        return rule

    def _says(self, index: int) -> str:
        company = self._companies[index]
        return company.does if company.source == OCD_SOURCE else f"{company.name}, {company.does}"

    def _host_verdict(self, domain: str, kind: str, target: int, kept: bool) -> Verdict:
        if kind == SITE:
            site = self.sites[target]
            return Verdict(SITE, site.name,
                           f"{domain} — {site.name}'s own cookie; {site.summary}", kept,
                           "site profile")
        if kind == _DOMAIN:
            company = self._companies[target]
            return Verdict(company.category, company.name, f"{domain} — {self._says(target)}",
                           kept, company.source)
        if kind == _LIST:
            category = AD if target == 0 else TRACKER
            source, says = _LIST_SAYS[category]
            return Verdict(category, domain, f"{domain} — {says}", kept, source)
        if kind == _SIGN_IN:
            name = self._companies[target].name
            return Verdict(OTHER, name, f"{domain} — {name} sign-in, security or settings "
                                        "cookie; not used for ads", kept)
        return Verdict(OTHER, None, f"{domain} — no advertising or tracking company is known "
                                    "to use this cookie", kept)

    def verdict(self, host: str, name: str) -> Verdict:
        """Most cookies take their host's verdict as it is: only a first-party cookie name,
        or a platform's ad cookie name, makes a verdict of its own (cached as well). The
        first lines are the whole cost of most calls: 100,000 cookies in well under 100 ms."""
        if name not in self._special and name[:4] not in self._starts:
            known = self._plain.get(host)
            return known if known is not None else self._plain_verdict(host)
        return self._named(host, name)

    __call__ = verdict

    def _named(self, host: str, name: str) -> Verdict:
        known = self._blind.get(host)
        if known is not None:
            return known
        rule = self._hosts.get(host) or self._host_rule(host)
        if rule.kind in (_DOMAIN, _LIST):
            return rule.verdict
        first_party = rule.names.get(name)
        if first_party is None:
            candidates = rule.prefixes.get(name[:4])
            if candidates is not None:
                first_party = next((i for p, i in candidates if name.startswith(p)), None)
        named = name in rule.platform
        if first_party is None and not named:
            return rule.verdict
        key = (rule.domain, name)
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) > _CACHE_LIMIT:
                self._verdicts.clear()
            verdict = self._verdicts[key] = self._named_verdict(rule, name, first_party, named)
        return verdict

    def _named_verdict(self, rule: _HostRule, name: str, first_party: int | None,
                       named: bool) -> Verdict:
        if rule.kind == SITE:
            assert first_party is not None
            setter = self._companies[first_party]
            return Verdict(SITE, rule.verdict.company,
                           f"{rule.verdict.reason} (this one is set here for {setter.name}: "
                           f"{setter.does})", rule.kept, "site profile")
        if named:
            platform = self._companies[rule.target]
            return Verdict(AD, platform.name,
                           f"{rule.domain} — {platform.name}: {name} is used for "
                           f"{platform.does}", rule.kept, platform.source)
        assert first_party is not None
        company = self._companies[first_party]
        return Verdict(company.category, company.name,
                       f"{name} — {self._says(first_party)} (set on {rule.domain})", rule.kept,
                       company.source)
    # ---------------------------------------------------------------------- for views

    def site_for(self, domain: str) -> SiteProfile | None:
        """The site profile whose domain `domain` is or is under, if any."""
        rule = self._host_rule(domain)
        return self.sites[rule.target] if rule.kind == SITE else None
