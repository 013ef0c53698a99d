"""Host + cookie name → category (site / ad / other), company and a one-line reason.

Rules, in order:
1. A site profile's domain (KOmp3.net): the site's own cookie. Site rules win over ad rules.
2. The most specific listed parent domain of the host decides next:
   - an advertising domain (the catalogue, then the user's lists): an ad company's cookie;
   - a platform's sign-in domain (google.com, facebook.com…): an ad cookie only when its name
     is one of that platform's advertising cookies; sign-in and settings cookies stay "other".
3. A first-party advertising cookie name (`_fbp`, `_gcl_au`…) on any other site: an ad cookie.
4. Anything else: other.
The keep-list is a flag on the verdict, never a category.

No Public Suffix List is needed: no rule names a public suffix, so walking every parent of a
host finds the same matches; hosts are matched on label boundaries only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from cookiedesk.classify.domains import normalise_host
from cookiedesk.model import Verdict

SITE, AD, OTHER = "site", "ad", "other"
_CACHE_LIMIT = 500_000


class _HostRule(NamedTuple):
    domain: str  # the listed domain that matched, or the host itself
    kind: str  # "site", "ad", "sign_in" or ""
    target: int  # company index (ad, sign_in) or site index
    kept: bool
    verdict: Verdict  # the verdict for any cookie name that no name rule picks out


class Classifier:
    """Verdicts from a compiled index (catalogue.load_index); cached by host and by cookie."""

    def __init__(self, index: dict[str, Any]) -> None:
        self._companies: list[list[str]] = index["companies"]
        self._ad: dict[str, list[Any]] = index["ad_domains"]
        self._sign_in: dict[str, int] = index["sign_in"]
        self._platform_names = {int(k): frozenset(v) for k, v in index["platform_names"].items()}
        self._fp_names: dict[str, int] = index["fp_names"]
        self._fp_prefixes: list[list[Any]] = index["fp_prefixes"]
        self._fp_prefix_tuple = tuple(str(p) for p, _ in self._fp_prefixes)
        self.sites: list[dict[str, Any]] = index["sites"]
        self._site_of = {d: i for i, site in enumerate(self.sites) for d in site["domains"]}
        self._keep = frozenset(index["keep"])
        self.problems: list[str] = index["problems"]
        self.counts: dict[str, int] = index["counts"]
        self._hosts: dict[str, _HostRule] = {}
        self._name_blind: dict[str, Verdict] = {}  # hosts whose every cookie gets one verdict
        self._verdicts: dict[tuple[str, str], Verdict] = {}

    @classmethod
    def load(cls, config: Path | None = None, cache: Path | None = None) -> Classifier:
        from cookiedesk import dirs
        from cookiedesk.classify.catalogue import load_index

        config = config if config is not None else dirs.config_dir()
        return cls(load_index(config, cache if cache is not None else dirs.cache_dir()))

    # ------------------------------------------------------------------------ lookups

    def _host_rule(self, host: str) -> _HostRule:
        normal = normalise_host(host)
        labels = normal.split(".")
        parents = [".".join(labels[i:]) for i in range(len(labels))]
        kept = any(p in self._keep for p in parents)
        domain, kind, target = normal, "", -1
        site = next((p for p in parents if p in self._site_of), None)
        if site is not None:
            domain, kind, target = site, SITE, self._site_of[site]
        else:
            for parent in parents:
                if parent in self._ad:
                    domain, kind, target = parent, AD, int(self._ad[parent][0])
                    break
                if parent in self._sign_in:
                    domain, kind, target = parent, "sign_in", self._sign_in[parent]
                    break
        rule = _HostRule(domain, kind, target, kept,
                         self._host_verdict(domain, kind, target, kept))
        if len(self._hosts) > _CACHE_LIMIT:
            self._hosts.clear()
            self._name_blind.clear()
        self._hosts[host] = rule
        if kind == AD:
            self._name_blind[host] = rule.verdict
        return rule

    def _host_verdict(self, domain: str, kind: str, target: int, kept: bool) -> Verdict:
        if kind == SITE:
            site = self.sites[target]
            return Verdict(SITE, site["name"],
                           f"{domain} — {site['name']}'s own cookie; {site['summary']}", kept)
        if kind == AD:
            company, does = self._companies[target]
            return Verdict(AD, company, f"{domain} — {company}, {does}", kept)
        if kind == "sign_in":
            company, _ = self._companies[target]
            return Verdict(OTHER, company, f"{domain} — {company} sign-in, security or settings "
                                           "cookie; not used for ads", kept)
        return Verdict(OTHER, None, f"{domain} — no advertising company is known to use this "
                                    "cookie", kept)

    def _first_party(self, name: str) -> int | None:
        index = self._fp_names.get(name)
        if index is None and name.startswith(self._fp_prefix_tuple):
            index = next(int(i) for p, i in self._fp_prefixes if name.startswith(str(p)))
        return index

    def verdict(self, host: str, name: str) -> Verdict:
        """Most cookies take their host's verdict as it is: only a first-party ad cookie name,
        or a platform's ad cookie name, makes a verdict of its own (cached as well)."""
        known = self._name_blind.get(host)
        if known is not None:
            return known
        rule = self._hosts.get(host) or self._host_rule(host)
        if rule.kind == AD:
            return rule.verdict
        first_party = self._fp_names.get(name)
        if first_party is None and name.startswith(self._fp_prefix_tuple):
            first_party = self._first_party(name)
        named = rule.kind == "sign_in" and name in self._platform_names.get(rule.target, ())
        if first_party is None and not named:
            return rule.verdict
        key = (rule.domain, name)
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) > _CACHE_LIMIT:
                self._verdicts.clear()
            verdict = self._verdicts[key] = self._named_verdict(rule, name, first_party)
        return verdict

    __call__ = verdict

    def _named_verdict(self, rule: _HostRule, name: str, first_party: int | None) -> Verdict:
        if rule.kind == SITE:
            assert first_party is not None
            company, does = self._companies[first_party]
            return Verdict(SITE, rule.verdict.company,
                           f"{rule.verdict.reason} (this one is set here for {company}: {does})",
                           rule.kept)
        if rule.kind == "sign_in":
            company, does = self._companies[rule.target]
            return Verdict(AD, company, f"{rule.domain} — {company}: {name} is used for {does}",
                           rule.kept)
        assert first_party is not None
        company, does = self._companies[first_party]
        return Verdict(AD, company, f"{name} — {company}, {does} (set on {rule.domain})",
                       rule.kept)

    # ---------------------------------------------------------------------- for views

    def site_for(self, domain: str) -> dict[str, Any] | None:
        """The site profile whose domain `domain` is or is under, if any."""
        rule = self._host_rule(domain)
        return self.sites[rule.target] if rule.kind == SITE else None
