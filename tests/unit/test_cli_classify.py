"""Classification on the command line: list columns and filters, classify, policy, lists, keep."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cookiedesk.resources import resource_path
from tests.helpers.cli import run
from tests.helpers.stores import TestCookie, chromium_and_firefox

SECRET = "planted-value-4b1d"


@pytest.fixture
def browsers(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie(".google.com", "SID", value=SECRET),
        TestCookie("www.wikipedia.org", "WMF-Last-Access", value=SECRET),
    ], [
        TestCookie(".criteo.com", "uid", value=SECRET,
                   partition="^partitionKey=%28https%2Ckomp3.net%29"),
        TestCookie("shop.example", "_fbp", value=SECRET),
        TestCookie("notkomp3.net", "session", value=SECRET),
    ])


def listed(capsys: pytest.CaptureFixture[str], *filters: str) -> dict[str, dict[str, object]]:
    code, out, err = run(capsys, "list", "--json", *filters)
    assert code == 0, err
    assert SECRET not in out
    return {c["name"]: c["verdict"] for c in json.loads(out)}


def test_every_listed_cookie_carries_a_verdict(browsers: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    verdicts = listed(capsys)
    assert {n: (v["category"], v["company"]) for n, v in verdicts.items()} == {
        "komp3_member": ("site", "KOmp3.net"), "IDE": ("ad", "Google"),
        "SID": ("other", "Google"), "WMF-Last-Access": ("other", None),
        "uid": ("ad", "Criteo"), "_fbp": ("ad", "Meta"), "session": ("other", None),
    }
    assert verdicts["uid"]["reason"] == "criteo.com — Criteo, retargeting ads"
    assert all(v["kept"] is False for v in verdicts.values())


@pytest.mark.parametrize(("filters", "names"), [
    (("--site", "komp3.net"), {"komp3_member"}),
    (("--ads",), {"IDE", "uid", "_fbp"}),
    (("--other",), {"SID", "WMF-Last-Access", "session"}),
    (("--site", "komp3.net", "--ads"), {"komp3_member", "IDE", "uid", "_fbp"}),
    (("--site", "komp3.net", "--site", "wikipedia.org"), {"komp3_member", "WMF-Last-Access"}),
    (("--ads", "--browser", "firefox"), {"uid", "_fbp"}),
])
def test_category_filters(browsers: Path, capsys: pytest.CaptureFixture[str],
                          filters: tuple[str, ...], names: set[str]) -> None:
    assert set(listed(capsys, *filters)) == names


def test_text_listing_has_category_company_and_reason(browsers: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--ads")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split()[-3:] == ["CATEGORY", "COMPANY", "REASON"]
    assert len(rows) == 3 and SECRET not in out
    assert any("criteo.com — Criteo, retargeting ads" in row for row in rows)


def test_classify_reads_host_tab_name_lines(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        ".komp3.net\tmember\n.doubleclick.net\tIDE\naccounts.google.com\tSID\n"
        "example.org\t\nwww.shop.example\t_gcl_au\n"))
    code, out, err = run(capsys, "classify")
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(x["category"], x["company"]) for x in lines] == [
        ("site", "KOmp3.net"), ("ad", "Google"), ("other", "Google"), ("other", None),
        ("ad", "Google")]
    assert lines[3]["name"] == "" and lines[3]["reason"].startswith("example.org — ")
    assert set(lines[0]) == {"host", "name", "category", "company", "reason", "kept", "source"}


def test_classify_says_which_line_is_bad(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\tonly-a-name\nok.example\tn\n"))
    code, out, err = run(capsys, "classify")
    assert code == 2 and err == "cookiedesk: line 1: expected HOST<TAB>NAME\n"
    assert len(out.splitlines()) == 1


def test_policy_prints_the_sites_own_words_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "policy")
    assert code == 0
    assert out == resource_path("policy", "komp3.md").read_text(encoding="utf-8")
    assert "there is a simple procedure to manually delete your cookies" in out
    assert out.startswith("> *The following text is extracted and transformed from the komp3.net")
    code, _, err = run(capsys, "policy", "--site", "Nowhere")
    assert code == 2 and "no site profile called 'Nowhere' (known: KOmp3.net)" in err


def test_the_shipped_policy_is_the_seed_unchanged() -> None:
    seed = Path(__file__).resolve().parents[3] / "shared/seed/komp3-privacy-policy.md"
    if not seed.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert resource_path("policy", "komp3.md").read_bytes() == seed.read_bytes()


def test_lists_import_show_remove_and_keep(browsers: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    hosts = tmp_path / "my-hosts"
    hosts.write_text("0.0.0.0 wikipedia.org\n")
    code, out, _ = run(capsys, "lists", "import", str(hosts))
    assert (code, out) == (0, "Imported 'my-hosts' (hosts file): 1 advertising domains\n")
    assert listed(capsys)["WMF-Last-Access"]["category"] == "ad"
    code, out, _ = run(capsys, "lists", "show")
    assert "Imported list 'my-hosts': hosts file, 1 domains" in out
    assert out.startswith("Built-in catalogue: ")
    code, out, _ = run(capsys, "keep", "add", "doubleclick.net")
    assert (code, out) == (0, "Added doubleclick.net to the keep-list\n")
    assert listed(capsys)["IDE"] == listed(capsys)["IDE"] | {"category": "ad", "kept": True}
    code, out, _ = run(capsys, "keep", "show")
    assert out == "doubleclick.net\n"
    code, out, _ = run(capsys, "lists", "remove", "my-hosts")
    assert code == 0 and listed(capsys)["WMF-Last-Access"]["category"] == "other"
    code, _, err = run(capsys, "lists", "import", str(tmp_path / "missing.txt"))
    assert code == 1 and err.startswith("cookiedesk: nothing imported: ")
    code, _, err = run(capsys, "keep", "remove", "never-added.test")
    assert code == 1 and "not on the keep-list" in err
