"""Held-out evaluation of ad and tracker recognition, old classifier against new, in one run.

The Open Cookie Database rows are split by a hash of each row's content: HOLD_OUT_PERCENT of
them are held out. The new classifier is compiled WITHOUT the held-out rows (catalogue,
EasyList and EasyPrivacy as shipped; OCD's held-in rows only) and then asked about every
held-out row; the old classifier (a git revision, default the branch point) is asked the same.
Neither list was tuned on these rows; the curated catalogue's names are CookieDesk's own.

Measured on the held-out rows:
- recall of OCD "Marketing" cookies, third-party (asked as `.DOMAIN`, NAME) and first-party
  (asked as an ordinary shop's host, NAME; a prefix entry as NAME + "x1"): share flagged `ad`,
  and share flagged `ad` or `tracker`;
- recall of OCD "Analytics" cookies as `tracker` (or `ad`);
- false positives: Necessary, Functional, Security and Personalization cookies flagged `ad` or
  `tracker`, first-party and third-party apart, and third-party split by whether the held-in
  rows show the domain setting Marketing or Analytics cookies (then the "ordinary" cookie is
  an ad-tech company's own, which CookieDesk means to flag);
and on the issue's 31 ad-tech companies that `delete --ads` used to miss: share flagged.

Run: `.venv/bin/python benchmarks/eval_trackers.py [--baseline REV]`.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.helpers.adtech import MISSED  # noqa: E402 - the checkout's own tests/ after sys.path

HOLD_OUT_PERCENT = 30
SHOP = "www.ordinary-shop.example"
ORDINARY = ("functional", "necessary", "security", "personalization")

# Runs inside the implementation under test: cases (and, for the new one, the held-in OCD rows)
# in, one category per case out.
CHILD = """
import inspect, json, sys, tempfile
from pathlib import Path
from cookiedesk.classify import catalogue
from cookiedesk.classify.classifier import Classifier
cases, train = json.load(open(sys.argv[1]))
config = Path(tempfile.mkdtemp())
if "ocd" in inspect.signature(catalogue.compile_index).parameters:
    from cookiedesk.classify.opendata import OcdRow
    index = catalogue.compile_index(config, ocd=[OcdRow(r[0], r[1], r[2], tuple(r[3]), r[4], r[5])
                                                 for r in train])
else:
    index = catalogue.compile_index(config)
classify = Classifier(index)
print(json.dumps([str(classify(host, name).category) for _, host, name in cases]))
"""


def held_out(row: tuple[object, ...]) -> bool:
    digest = hashlib.sha256(repr(row).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HOLD_OUT_PERCENT


def cases_and_training() -> tuple[list[tuple[str, str, str]], list[list[object]]]:
    sys.path.insert(0, str(ROOT / "src"))
    from cookiedesk.classify.opendata import ocd_rows

    cases: list[tuple[str, str, str]] = []
    train: list[list[object]] = []
    rows = ocd_rows()
    # Domains the held-in rows show setting Marketing or Analytics cookies: an ordinary cookie
    # there is an ad-tech company's own (CookieDesk flags every cookie of an ad company).
    adtech = {d for r in rows if not held_out(tuple(r)) and r.category in ("marketing",
                                                                          "analytics")
              for d in r.domains}
    for row in rows:
        if not held_out(tuple(row)):
            train.append([row.category, row.name, row.prefix, list(row.domains), row.platform,
                          row.controller])
            continue
        name = row.name + "x1" if row.prefix else row.name
        group = ("marketing" if row.category == "marketing" else
                 "analytics" if row.category == "analytics" else
                 "ordinary" if row.category in ORDINARY else "")
        if not group:
            continue
        if row.domains and group == "ordinary":
            where = "ad-tech domain" if row.domains[0] in adtech else "other domain"
            cases.append((f"{group}/third-party, {where}", f".{row.domains[0]}", name))
        elif row.domains:
            cases.append((f"{group}/third-party", f".{row.domains[0]}", name))
        else:
            cases.append((f"{group}/first-party", SHOP, name))
    cases += [("missed-31", f".{domain}", "uid") for domain in MISSED]
    return cases, train


def run(source: Path, cases: list[tuple[str, str, str]], train: list[list[object]]) -> list[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([cases, train], handle)
    done = subprocess.run([sys.executable, "-c", CHILD, handle.name], check=True,
                          capture_output=True, text=True, env={"PYTHONPATH": str(source / "src"),
                                                               "PATH": "/usr/bin:/bin"})
    Path(handle.name).unlink()
    categories: list[str] = json.loads(done.stdout)
    return categories


def baseline_tree(revision: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src", "resources"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def share(categories: list[str], wanted: tuple[str, ...]) -> str:
    hits = sum(1 for c in categories if c in wanted)
    return f"{hits / len(categories):.2f} ({hits}/{len(categories)})" if categories else "-"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default="a00225c",
                        help="git revision of the old classifier (default: the branch point)")
    args = parser.parse_args()
    cases, train = cases_and_training()
    with tempfile.TemporaryDirectory() as folder:
        old = run(baseline_tree(args.baseline, Path(folder)), cases, [])
    new = run(ROOT, cases, train)
    groups = sorted({g for g, _, _ in cases})
    print(f"held out {HOLD_OUT_PERCENT}% of the Open Cookie Database by row hash: "
          f"{sum(1 for g, _, _ in cases if g != 'missed-31')} rows asked, {len(train)} held in")
    print(f"{'group':<44} {'rows':>5}  {'measure':<14} {'old':>16} {'new':>16}")
    for group in groups:
        pick = [i for i, (g, _, _) in enumerate(cases) if g == group]
        measures = ([("ad or tracker", ("ad", "tracker"))] if group.startswith("ordinary")
                    else [("ad", ("ad",)), ("ad or tracker", ("ad", "tracker"))])
        if group.startswith("analytics"):
            measures = [("tracker", ("tracker",)), ("ad or tracker", ("ad", "tracker"))]
        for label, wanted in measures:
            print(f"{group:<44} {len(pick):>5}  {label:<14} "
                  f"{share([old[i] for i in pick], wanted):>16} "
                  f"{share([new[i] for i in pick], wanted):>16}")
    print("(ordinary = Necessary, Functional, Security, Personalization: flagged = false "
          "positive)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
