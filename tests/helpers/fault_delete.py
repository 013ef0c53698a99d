"""Run one real deletion in this process, so a test can SIGKILL it at any moment.

Usage: python -m tests.helpers.fault_delete STORE FORMAT DATA_DIR CONFIG_DIR COUNT
Deletes COUNT cookies (every third one) through the one safe path; prints "done" at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.model import Store, StoreFormat
from cookiedesk.safety import delete
from cookiedesk.stores import chromium, firefox


def main() -> None:
    path, store_format, data_dir, config = Path(sys.argv[1]), StoreFormat(sys.argv[2]), \
        Path(sys.argv[3]), Path(sys.argv[4])
    count = int(sys.argv[5])
    store = Store(id="victim", browser="Test", profile="Default", path=path,
                  format=store_format, profile_dir=path.parent, root=path.parent)
    reader = chromium if store_format is StoreFormat.CHROMIUM else firefox
    cookies = reader.read(store, Classifier(compile_index(config)).verdict).cookies
    chosen = cookies[::3][:count]
    result = delete.execute(delete.plan(chosen, [store]), data_dir)
    assert result.ok, result
    print("done", flush=True)


if __name__ == "__main__":
    main()
