"""`classify`, `policy`, `lists` and `keep`: what classification uses, and the user's lists."""

from __future__ import annotations

from pathlib import Path

from cookiedesk.classify.sites import first as first_site
from cookiedesk.cli.context import Context
from cookiedesk.cli.output import EXIT_ERROR, EXIT_OK, EXIT_USAGE, write_json
from cookiedesk.cli.reading import classifier as load_classifier
from cookiedesk.model import Verdict
from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


def verdict_json(host: str, name: str, verdict: Verdict) -> dict[str, Any]:
    return {"host": host, "name": name, "category": verdict.category,
            "company": verdict.company, "reason": verdict.reason, "kept": verdict.kept,
            "source": verdict.source}


def run_classify(ctx: Context) -> int:
    import json

    stdin, out, err = ctx.stdin, ctx.out, ctx.err
    classifier = load_classifier(err)
    bad = 0
    for number, line in enumerate(stdin, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        host, _, name = line.partition("\t")
        if not host.strip():
            print(f"cookiedesk: line {number}: expected HOST<TAB>NAME", file=err)
            bad += 1
            continue
        verdict = classifier(host.strip(), name.strip())
        out.write(json.dumps(verdict_json(host.strip(), name.strip(), verdict),
                             ensure_ascii=False) + "\n")
    return EXIT_USAGE if bad else EXIT_OK


def run_policy(ctx: Context) -> int:
    args, out, err = ctx.args, ctx.out, ctx.err
    classifier = load_classifier(err)
    site = (next((s for s in classifier.sites if s.name.casefold() == args.site.casefold()),
                 None) if args.site else first_site(classifier.sites))
    if site is None:
        known = ", ".join(s.name for s in classifier.sites) or "none"
        print(f"cookiedesk: no site profile called '{args.site}' (known: {known})", file=err)
        return EXIT_USAGE
    if not site.policy:
        print(f"cookiedesk: the {site.name} profile names no policy text", file=err)
        return EXIT_ERROR
    try:
        out.write(Path(site.policy).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"cookiedesk: the policy text cannot be read ({exc.strerror or exc}): "
              f"{site.policy}", file=err)
        return EXIT_ERROR
    return EXIT_OK


def run_lists_show(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    args, out, err = ctx.args, ctx.out, ctx.err
    classifier = load_classifier(err)
    config = dirs.config_dir()
    lists, _ = userlists.imported_lists(config)
    counts = classifier.counts
    keep = userlists.keep_list(config)
    if args.json:
        write_json({
            "catalogue": {"entries": counts["catalogue_companies"],
                          "domains": counts["catalogue_domains"],
                          "first_party_cookie_rules": counts["first_party_names"]},
            "sites": [{"name": s.name, "domains": list(s.domains)} for s in classifier.sites],
            "keep_list": keep,
            "extra_ad_domains_file": str(config / userlists.AD_DOMAINS_FILE),
            "imported": [{"name": x.name, "format": x.format, "imported": x.imported,
                          "domains": len(x.entries)} for x in lists],
            "ignored_user_domains": counts["user_domains_ignored"],
        }, out, indent=True)
        return EXIT_OK
    out.write(f"Built-in catalogue: {counts['catalogue_companies']} entries, "
              f"{counts['catalogue_domains']} domains, {counts['first_party_names']} "
              "first-party cookie rules\n")
    for site in classifier.sites:
        out.write(f"Site profile: {site.name} ({', '.join(site.domains)})\n")
    out.write(f"Keep-list: {len(keep)} {'entry' if len(keep) == 1 else 'entries'}"
              + (f": {', '.join(keep)}" if keep else "") + "\n")
    out.write(f"Extra ad domains: {config / userlists.AD_DOMAINS_FILE}\n")
    for item in lists:
        out.write(f"Imported list '{item.name}': {item.format}, {len(item.entries)} "
                  f"domains, imported {item.imported}\n")
    if not lists:
        out.write("Imported lists: none (cookiedesk lists import FILE)\n")
    if counts["user_domains_ignored"]:
        out.write(f"{counts['user_domains_ignored']} domains of your lists are already "
                  "classified by the catalogue or a site profile and were not used\n")
    return EXIT_OK


def run_lists_import(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    args, out, err = ctx.args, ctx.out, ctx.err
    try:
        imported = userlists.import_list(dirs.config_dir(), args.file, args.name)
    except userlists.ListError as exc:
        print(f"cookiedesk: nothing imported: {exc}", file=err)
        return EXIT_ERROR
    out.write(f"Imported '{imported.name}' ({imported.format}): {len(imported.entries)} "
              "advertising domains\n")
    return EXIT_OK


def run_lists_remove(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    args, out, err = ctx.args, ctx.out, ctx.err
    try:
        userlists.remove_list(dirs.config_dir(), args.name)
    except userlists.ListError as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    out.write(f"Removed the list '{args.name}'\n")
    return EXIT_OK


def run_keep(ctx: Context) -> int:
    from cookiedesk import dirs
    from cookiedesk.classify import userlists

    args, out, err = ctx.args, ctx.out, ctx.err
    config = dirs.config_dir()
    try:
        if args.verb == "add":
            out.write(f"Added {userlists.keep_add(config, args.domain)} to the keep-list\n")
        elif args.verb == "remove":
            domain = userlists.keep_remove(config, args.domain)
            out.write(f"Removed {domain} from the keep-list\n")
        else:
            out.writelines(f"{domain}\n" for domain in userlists.keep_list(config))
    except userlists.ListError as exc:
        print(f"cookiedesk: {exc}", file=err)
        return EXIT_ERROR
    return EXIT_OK

