"""The user's own lists in CookieDesk's config folder: keep-list, extra ad domains, imports.

- `keep.txt`: hosts or domains whose cookies no filter ever deletes (one a line, `#` comments).
- `ad-domains.txt`: extra advertising domains, one a line, optionally followed by a company.
- `lists/*.json`: lists the user downloaded and imported (`cookiedesk lists import FILE`):
  a plain domain list, a hosts file, Disconnect's `services.json` or DuckDuckGo's `tds.json`.
  CookieDesk never fetches them itself.

Every change is written atomically, and a file that cannot be understood raises ListError with
a sentence saying where, before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from cookiedesk import safe_read
from cookiedesk.atomic import write_atomically
from cookiedesk.records import NamedTuple

KEEP_FILE = "keep.txt"
AD_DOMAINS_FILE = "ad-domains.txt"
LISTS_FOLDER = "lists"
_MAX_IMPORT_BYTES = safe_read.MAX_USER_LIST_BYTES
_LABEL_PATTERN = r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$"
# Names that hosts files map to themselves; they are not domains to match cookies against.
_LOCAL_NAMES = frozenset({
    "localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost",
    "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters",
    "ip6-allhosts", "0.0.0.0",  # noqa: S104 - a name found in hosts files, not a bind address
})
# DuckDuckGo's tracker categories that mean advertising.
_TDS_AD_CATEGORIES = frozenset({"Advertising", "Ad Motivated Tracking", "Ad Fraud"})
_DISCONNECT_AD_CATEGORIES = frozenset({"Advertising"})


class ListError(Exception):
    """A list file cannot be used; the message says why, in words for the user."""


def normalise_domain(text: str) -> str | None:
    """`.Example.COM.` → `example.com`; None for anything that is not a host name or IP."""
    domain = text.strip().lower().lstrip(".").rstrip(".")
    if domain.startswith("*."):
        domain = domain[2:]  # "*.example.com" in some lists means the domain and below
    if not domain or len(domain) > 253:
        return None
    if all(part.isdigit() for part in domain.split(".")) and domain.count(".") == 3:
        return domain  # IPv4
    label = re.compile(_LABEL_PATTERN)  # re caches compiled patterns itself
    labels = domain.split(".")
    if not all(label.match(part) for part in labels):
        try:  # an internationalised name: compare in the ASCII form browsers store
            ascii_form = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        return ascii_form if all(label.match(x) for x in ascii_form.split(".")) else None
    return domain


# ------------------------------------------------------------------------ plain files

def read_domain_file(path: Path) -> dict[str, str | None]:
    """`domain [company…]` lines → {domain: company or None}; bad lines raise ListError."""
    try:
        text = safe_read.read_bytes(path, safe_read.MAX_USER_LIST_BYTES).decode("utf-8")
    except FileNotFoundError:
        return {}
    except safe_read.UnsafeFile as exc:
        raise ListError(f"{path} cannot be read: {exc.reason}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ListError(f"{path} cannot be read ({exc.__class__.__name__})") from None
    entries: dict[str, str | None] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        first, _, rest = line.partition(" ")
        domain = normalise_domain(first)
        if domain is None:
            raise ListError(f"{path}, line {number}: '{first}' is not a domain")
        entries[domain] = rest.strip() or None
    return entries


def _write_atomically(path: Path, text: str) -> None:
    write_atomically(path, text.encode("utf-8"))


def keep_list(config: Path) -> list[str]:
    return sorted(read_domain_file(config / KEEP_FILE))


def _rewrite_keep(config: Path, domains: list[str]) -> None:
    header = "# CookieDesk keep-list: cookies of these hosts and domains are never deleted.\n"
    _write_atomically(config / KEEP_FILE, header + "".join(f"{d}\n" for d in sorted(domains)))


def keep_entry(text: str) -> str:
    """What the user typed for the keep-list as the domain to keep (`Www.KOmp3.net` →
    `www.komp3.net`: a host or a registrable domain, an IP address, `localhost`), or ListError
    saying what to type instead. A public suffix (`com`, `co.uk`) is refused: keeping it would
    keep every site under it."""
    from cookiedesk.classify.domains import registrable_domain

    typed = text.strip()
    if not typed:
        raise ListError("Type a domain to keep, such as example.com.")
    if "://" in typed or "/" in typed:
        host = typed.split("://", 1)[-1].split("/", 1)[0]
        raise ListError(f"'{typed}' is a web address, not a domain: type only its domain"
                        + (f", {host}." if "." in host and normalise_domain(host) else "."))
    domain = normalise_domain(typed)
    if domain is None:
        raise ListError(f"'{typed}' is not a domain: type one such as example.com "
                        "(letters, digits and hyphens, separated by dots).")
    if domain != "localhost" and registrable_domain(f"x.{domain}") == f"x.{domain}":
        raise ListError(f"'{domain}' is shared by many sites (a public suffix, like com or "
                        f"co.uk): type one site under it, such as example.{domain}.")
    return domain


def keep_add(config: Path, text: str) -> str:
    domain = keep_entry(text)
    domains = set(keep_list(config))
    domains.add(domain)
    _rewrite_keep(config, sorted(domains))
    return domain


def keep_remove(config: Path, text: str) -> str:
    domain = normalise_domain(text)
    domains = set(keep_list(config))
    if domain is None or domain not in domains:
        raise ListError(f"'{text}' is not on the keep-list")
    domains.discard(domain)
    _rewrite_keep(config, sorted(domains))
    return domain


# ---------------------------------------------------------------------- imported lists

class ParsedList(NamedTuple):
    format: str  # "domain list", "hosts file", "Disconnect services.json", "DuckDuckGo tds.json"
    entries: dict[str, str | None]  # domain → company (None when the format names none)


class ImportedList(NamedTuple):
    name: str
    format: str
    imported: str  # ISO 8601 UTC
    entries: dict[str, str | None]
    path: Path


def _is_ip(token: str) -> bool:
    if ":" in token:
        return all(c in "0123456789abcdefABCDEF:." for c in token)
    parts = token.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def _parse_text(text: str) -> ParsedList:
    entries: dict[str, str | None] = {}
    hosts_format: bool | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("!"):  # "!" comments in adblock-style domain lists
            continue
        tokens = line.split()
        is_hosts_line = _is_ip(tokens[0])
        if hosts_format is None:
            hosts_format = is_hosts_line
        if is_hosts_line != hosts_format:
            kind = "a hosts line" if is_hosts_line else "a bare domain"
            raise ListError(f"line {number} is {kind}, but the file began as the other format")
        names = tokens[1:] if hosts_format else tokens
        if not hosts_format and len(tokens) > 1:
            raise ListError(f"line {number}: expected one domain, found '{line}'")
        for token in names:
            if token.lower() in _LOCAL_NAMES:
                continue
            domain = normalise_domain(token)
            if domain is None:
                raise ListError(f"line {number}: '{token}' is not a domain")
            entries[domain] = None
    if not entries:
        raise ListError("the file lists no domains")
    return ParsedList("hosts file" if hosts_format else "domain list", entries)


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise ListError(message)


# A JSON object someone else wrote (safe_read.loads_json): every value is checked as it is read.
JsonObject = dict[str, object]


def _parse_disconnect(data: JsonObject) -> ParsedList:
    categories = data["categories"]
    if not isinstance(categories, dict):
        raise ListError("not a usable Disconnect services.json: 'categories' is not an object")
    entries: dict[str, str | None] = {}
    for category in _DISCONNECT_AD_CATEGORIES & set(categories):
        services = categories[category]
        if not isinstance(services, list):
            raise ListError(f"not a usable Disconnect services.json: '{category}' is not a list")
        for service in services:
            if not isinstance(service, dict):
                raise ListError("not a usable Disconnect services.json: "
                                f"an entry of '{category}' is not an object")
            for company, sites in service.items():
                if not isinstance(sites, dict):
                    raise ListError("not a usable Disconnect services.json: "
                                    f"'{company}' does not map its sites to domains")
                for domains in sites.values():
                    if not isinstance(domains, list):
                        continue  # flags such as "performance": "true" sit beside the domains
                    for raw in domains:
                        domain = normalise_domain(str(raw))
                        _expect(domain is not None,
                                f"'{raw}' under '{company}' is not a domain")
                        entries[str(domain)] = str(company)
    _expect(bool(entries), "the Disconnect list has no advertising entries")
    return ParsedList("Disconnect services.json", entries)


def _parse_tds(data: JsonObject) -> ParsedList:
    trackers = data["trackers"]
    if not isinstance(trackers, dict):
        raise ListError("not a usable DuckDuckGo tds.json: 'trackers' is not an object")
    entries: dict[str, str | None] = {}
    for raw_domain, tracker in trackers.items():
        if not isinstance(tracker, dict):
            raise ListError("not a usable DuckDuckGo tds.json: the entry for "
                            f"'{raw_domain}' is not an object")
        categories = tracker.get("categories") or []
        if not isinstance(categories, list):
            raise ListError("not a usable DuckDuckGo tds.json: categories of "
                            f"'{raw_domain}' are not a list")
        if not _TDS_AD_CATEGORIES.intersection(map(str, categories)):
            continue
        domain = normalise_domain(str(raw_domain))
        _expect(domain is not None, f"'{raw_domain}' in the tracker list is not a domain")
        owner = tracker.get("owner") if isinstance(tracker.get("owner"), dict) else {}
        company = owner.get("displayName") or owner.get("name") if owner else None
        entries[str(domain)] = str(company) if company else None
    _expect(bool(entries), "the DuckDuckGo list has no advertising trackers")
    return ParsedList("DuckDuckGo tds.json", entries)


def parse_list(data: bytes) -> ParsedList:
    """Recognise and read one of the four formats; ListError says what is wrong and where."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ListError("the file is not text (UTF-8)") from None
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):

        try:
            document = safe_read.loads_json(data, Path("the list"))
        except safe_read.UnsafeFile:
            raise ListError(f"the JSON nests deeper than {safe_read.MAX_JSON_DEPTH} levels, far "
                            "more than a real list") from None
        except ValueError as exc:
            raise ListError(f"the file looks like JSON but is malformed ({exc})") from None
        if isinstance(document, dict) and "categories" in document:
            return _parse_disconnect(document)
        if isinstance(document, dict) and "trackers" in document:
            return _parse_tds(document)
        raise ListError("JSON, but neither Disconnect's services.json (no 'categories') "
                        "nor DuckDuckGo's tds.json (no 'trackers')")
    return _parse_text(text)


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "list"
    return slug[:80]


def import_list(config: Path, source: Path, name: str | None = None) -> ImportedList:
    """Read, check and store a downloaded list; nothing is written unless all of it is good."""
    try:
        size = source.stat().st_size
        if size > _MAX_IMPORT_BYTES:
            raise ListError(f"{source} is {size // 1_048_576} MiB; CookieDesk takes lists of up "
                            f"to {_MAX_IMPORT_BYTES // 1_048_576} MiB")
        data = safe_read.read_bytes(source, _MAX_IMPORT_BYTES)
    except safe_read.NotRegularFile as exc:
        if source.is_dir():
            raise ListError(f"{source} is a folder, not a list file") from None
        raise ListError(f"{source} is not a regular file but {exc.what}; save the list to a "
                        "file and import that") from None
    except safe_read.TooLarge:
        raise ListError(f"{source} is larger than {_MAX_IMPORT_BYTES // 1_048_576} MiB; "
                        "CookieDesk takes lists of up to that size") from None
    except FileNotFoundError:
        raise ListError(f"{source} does not exist") from None
    except IsADirectoryError:
        raise ListError(f"{source} is a folder, not a list file") from None
    except PermissionError:
        raise ListError(f"permission denied reading {source}") from None
    except OSError as exc:
        raise ListError(f"{source} cannot be read ({exc.strerror or exc})") from None
    try:
        parsed = parse_list(data)
    except ListError as exc:
        raise ListError(f"{source.name}: {exc}") from None
    import json
    from datetime import UTC, datetime

    list_name = _slug(name or source.name)
    imported = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    path = config / LISTS_FOLDER / f"{list_name}.json"
    _write_atomically(path, json.dumps({
        "name": list_name, "format": parsed.format, "imported": imported,
        "source": str(source), "entries": parsed.entries,
    }, indent=1, sort_keys=True))
    return ImportedList(list_name, parsed.format, imported, parsed.entries, path)


def imported_lists(config: Path) -> tuple[list[ImportedList], list[str]]:
    """The stored lists, and a sentence for each stored file that cannot be read."""

    found: list[ImportedList] = []
    problems: list[str] = []
    folder = config / LISTS_FOLDER
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = safe_read.loads_json(
                safe_read.read_bytes(path, safe_read.MAX_STORED_LIST_BYTES), path)
            entries = data["entries"]
            if not isinstance(entries, dict):
                raise TypeError("entries is not an object")
            found.append(ImportedList(str(data.get("name", path.stem)), str(data["format"]),
                                      str(data.get("imported", "")),
                                      {str(k): (str(v) if v else None)
                                       for k, v in entries.items()}, path))
        except safe_read.UnsafeFile as exc:
            problems.append(f"{path}: cannot be read: {exc.reason}; import it again")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"{path}: cannot be read ({exc.__class__.__name__}); import it again")
    return found, problems


def remove_list(config: Path, name: str) -> Path:
    path = config / LISTS_FOLDER / f"{_slug(name)}.json"
    if not path.is_file():
        raise ListError(f"there is no imported list called '{name}'")
    path.unlink()
    return path
