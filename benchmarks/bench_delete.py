"""Deleting 1,000 cookies from a 3,300-cookie store, backup included (budget: ≤ 200 ms).

Measures `safety.delete.execute` in-process (running check, transaction, snapshot into the
backup folder with fsync, delete by row id and natural key, commit, verify, quick_check,
manifest) on fresh copies of a Chromium (schema 24) and a Firefox (schema 17) store.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers.stores import TestCookie, chromium_store, firefox_store

from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.model import Store, StoreFormat
from cookiedesk.safety import delete
from cookiedesk.stores import chromium, firefox

TOTAL, DELETED, RUNS = 3300, 1000, 9


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="cookiedesk-bench-delete-"))
    try:
        cookies = [TestCookie(f".site{i % 400}.example", f"cookie{i}",
                              value=f"value-{i:08d}-" + "x" * 40) for i in range(TOTAL)]
        templates = {
            StoreFormat.CHROMIUM: chromium_store(folder / "t" / "Cookies", 24, cookies),
            StoreFormat.FIREFOX: firefox_store(folder / "t" / "cookies.sqlite", 17, cookies),
        }
        classify = Classifier(compile_index(folder / "config")).verdict
        worst = 0.0
        for store_format, template in templates.items():
            times = []
            for run in range(RUNS):
                work = folder / f"{store_format.value}{run}"
                work.mkdir()
                path = work / template.name
                shutil.copy(template, path)
                store = Store(id="bench", browser="Bench", profile="Default", path=path,
                              format=store_format, profile_dir=work, root=work)
                reader = chromium if store_format is StoreFormat.CHROMIUM else firefox
                chosen = reader.read(store, classify).cookies[::3][:DELETED]
                plan = delete.plan(chosen, [store])
                started = time.perf_counter()
                result = delete.execute(plan, work / "data")
                times.append(time.perf_counter() - started)
                assert result.ok and result.deleted == DELETED, result
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"{store_format.value}: delete {DELETED} of {TOTAL}, backup included: "
                  f"median {median * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms "
                  f"({RUNS} runs)")
        within = worst <= 0.2
        print(f"budget (≤ 200 ms): {'met' if within else 'MISSED'}")
        return 0 if within else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
