"""The name as the table shows it: with the partition's site and the container beside it."""

from __future__ import annotations

import pytest

from cookiedesk.ui.cookie_label import container_label, partition_site


@pytest.mark.parametrize(("partition", "site"), [
    ("https://komp3.net", "komp3.net"), ("https://komp3.net:8443", "komp3.net"),
    ("komp3.net", "komp3.net"), ("http://[::1]:8080", "[::1]"), ("", "")])
def test_a_partition_reads_as_its_site(partition: str, site: str) -> None:
    assert partition_site(partition) == site


def test_a_container_reads_as_a_container() -> None:
    assert container_label("Personal") == "Personal container"
    assert container_label("Container 7") == "Container 7"
