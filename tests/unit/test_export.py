"""Export for a support ticket, Qt-free: the rows of `list --json`'s fields, never a value."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import orjson
import pytest

from cookiedesk import export
from cookiedesk.classify.classifier import Classifier
from cookiedesk.model import Cookie
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from tests.helpers.stores import TestCookie, chromium_and_firefox

SECRET = "export-secret-77b1"


@pytest.fixture
def cookies(isolated_home: Path) -> list[Cookie]:
    home = chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "=HYPERLINK(\"x\")", value=SECRET),
        TestCookie(".example.org", "tab\tname", value=SECRET, session=True),
    ], [
        TestCookie(".adnxs.com", "uuid2", value=SECRET,
                   partition="^userContextId=2&partitionKey=%28https%2Ckomp3.net%29"),
    ])
    return list(scan(discover("linux", home, {}), classify=Classifier.load().verdict).cookies())


def test_the_fields_are_those_of_list_json_and_carry_no_value(cookies: list[Cookie]) -> None:
    listed = orjson.loads(orjson.dumps(cookies))[0]  # what `cookiedesk list --json` writes
    shared = set(export.FIELDS) - {"site", "category", "company", "kept", "reason"}
    assert shared <= set(listed)
    assert set(export.record(cookies[0])) == set(export.FIELDS)
    for text in (export.as_csv(cookies), export.as_json(cookies), export.as_tsv(cookies)):
        assert SECRET not in text and "value" not in text.splitlines()[0]


def test_a_partitioned_container_cookie_exports_both(cookies: list[Cookie]) -> None:
    row = next(export.record(c) for c in cookies if c.name == "uuid2")
    assert row["partition"] == "https://komp3.net" and row["container"] == "Work"
    assert row["site"] == "adnxs.com" and row["category"] == "ad"


def test_csv_defuses_formulas_and_tsv_keeps_one_line_per_row(cookies: list[Cookie]) -> None:
    rows = list(csv.DictReader(export.as_csv(cookies).splitlines()))
    assert any(r["name"] == "'=HYPERLINK(\"x\")" for r in rows)
    lines = export.as_tsv(cookies).splitlines()
    assert len(lines) == len(cookies) + 1
    assert all(line.count("\t") == len(export.CLIPBOARD_FIELDS) - 1 for line in lines)


def test_write_chooses_by_suffix_and_a_failure_is_a_sentence(cookies: list[Cookie],
                                                             tmp_path: Path) -> None:
    assert export.write(tmp_path / "a.json", cookies) == len(cookies)
    assert len(json.loads((tmp_path / "a.json").read_text())) == len(cookies)
    assert export.write(tmp_path / "a.csv", cookies[:1]) == 1
    assert (tmp_path / "a.csv").read_text().startswith("site,host,name,")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(export.ExportFailed,
                       match=r"^the cookies could not be exported to .*: Not a directory$"):
        export.write(blocker / "x.csv", cookies)
