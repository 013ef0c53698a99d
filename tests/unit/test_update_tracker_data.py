"""scripts/update-tracker-data: which list rules it keeps, and the same output every time."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from cookiedesk.classify.catalogue import CatalogueError, compile_index

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "update-tracker-data"

RULES = """[Adblock Plus 2.0]
! Title: EasyList
||whole.example^
||third.example^$third-party
||typed.example^$script,image
||sites-only.example^$domain=news.example
||popups.example^$popup
||first-only.example^$~third-party
||path.example/ads/
||wild*.example^
/banner/ads.
@@||whole.example^$domain=shop.example
@@||cdn.third.example^
||Upper.Example^
||zzz.example^
||aaa.example^
"""


def script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("update_tracker_data", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_only_whole_host_rules_for_every_site_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "easylist.txt"
    source.write_text(RULES)
    lines = script().convert_list(source, "EasyList", "webext-ublock-origin-firefox 1.0")
    assert lines[0].startswith("# EasyList, from Debian's webext-ublock-origin-firefox 1.0 ")
    data = [line for line in lines if not line.startswith("#")]
    assert data == ["aaa.example", "third.example", "typed.example", "upper.example",
                    "whole.example", "zzz.example", "@@cdn.third.example"]
    assert script().convert_list(source, "EasyList", "webext-ublock-origin-firefox 1.0") == lines


def test_open_cookie_database_domains_are_split_and_normalised() -> None:
    assert script().ocd_domains(".bing.com (3rd party) or .Microsoft.com (3rd party)") == [
        "bing.com", "microsoft.com"]
    assert script().ocd_domains("") == []


def test_a_catalogue_category_must_be_ad_or_tracker(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[company]]\nname = "A"\ncategory = "analytics"\ndoes = "x"\n'
                   'domains = ["a.example"]\n')
    monkeypatch.setattr("cookiedesk.classify.catalogue.catalogue_files", lambda: [bad])
    with pytest.raises(CatalogueError, match="category 'analytics'"):
        compile_index(tmp_path / "config")
